"""Experiments at scale: sweeps and sensitivity analysis (paired comparisons of scenarios are
``siyu_sim.compare``, which runs its replications on these backends).

Experiment files are read by ``siyu_sim.config`` (``experiment_files``: TOML → validated,
resolved :class:`Experiment`, whose errors name file, key path, value, allowed,
did-you-mean); this package chooses their settings and runs them. One job per module:

- ``design``: ``load_experiment``, the settings a design chooses (grid, Latin hypercube,
  Sobol, Morris) and the run list (run id, scenario, setting, replication, seed);
- ``worker``: run a batch of runs, each guarded, into tidy frames;
- ``backends``: serial, local process pool (default), Dask distributed;
- ``store``: the results folder (Parquet per finished batch + manifest), resume;
- ``sweep``: run an experiment on a backend into a store;
- ``sensitivity``: Sobol and Morris indices with SALib;
- ``summary``: per-setting aggregates and the best setting per objective.
"""

from ..config.experiment import Experiment
from ..config.problems import ExperimentError, Problem
from .design import load_experiment

__all__ = ["Experiment", "ExperimentError", "Problem", "load_experiment"]
