"""Experiments at scale: sweeps, sensitivity analysis, paired comparisons.

One job per module:

- ``spec``: experiment TOML → validated, resolved :class:`Experiment` (errors name file,
  key path, value, allowed, did-you-mean);
- ``schema``: the scenario's settable dotted paths and their bounds;
- ``design``: the run list (run id, scenario, setting, replication, seed);
- ``worker``: run a batch of runs, each guarded, into tidy frames;
- ``backends``: serial, local process pool (default), Dask distributed;
- ``store``: the results folder (Parquet per finished batch + manifest), resume;
- ``sweep``: run an experiment on a backend into a store;
- ``paired``: paired comparisons with common random numbers;
- ``sensitivity``: Sobol and Morris indices with SALib;
- ``summary``: per-setting aggregates and the best setting per objective.
"""

from ..config.experiment_errors import ExperimentError, Problem
from ..config.experiment_files import Experiment, load_experiment

__all__ = ["Experiment", "ExperimentError", "Problem", "load_experiment"]
