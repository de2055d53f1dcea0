"""The search for the best plan (``siyu optimise``, docs/optimise.md): an experiment file's
levers searched with Optuna (TPE for one objective, NSGA-II for a trade-off front) under its
constraints, each trial run with replications in the same markets under common random numbers,
on the sweeps' backends, resumable to the same result.

- ``search``: the rounds of asks, runs and tells, replayed on resume (``optimise``);
- ``plans``: what it leaves — the best plan as a scenario file (or a front of them), the trials'
  table, and the levers whose best sits on the edge of their range.

The search file's keys are read by ``siyu_sim.config.optimise_files``.
"""

from .plans import Outputs, write_outputs
from .search import SearchError, SearchResult, Trial, optimise

__all__ = ["Outputs", "SearchError", "SearchResult", "Trial", "optimise", "write_outputs"]
