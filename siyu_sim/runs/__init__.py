"""The one run pipeline: ``simulate(scenario, replication=…, baseline=…, segments=…)`` runs a
scenario under a seed (and its no-private-domain baseline under the same seed) and returns a
:class:`RunResult` — its daily tables with the derived columns, and its provenance — whose
``write(folder)`` writes a run folder. ``siyu run``, compare, sweeps, calibration and the live
app all run through it; the backends (``experiments.backends``) map it over runs. Finished
runs are kept in a :class:`RunCache` by what their numbers depend on, so that a baseline shared
by many settings (or strategies) is run once.

    from siyu_sim import presets
    from siyu_sim.runs import simulate

    result = simulate(presets.nurture(), replication=0, baseline=True, segments=True)
    result.daily["cum_incremental_profit"].iloc[-1]   # what the private domain added
    result.write("runs/nurture")                      # the folder `siyu run --out` writes
"""

from .cache import RunCache
from .pipeline import RUN_FILES, RunResult, replication_seed, run_scenario, simulate
from .provenance import provenance, scenario_hash

__all__ = ["RUN_FILES", "RunCache", "RunResult", "provenance", "replication_seed", "run_scenario",
           "scenario_hash", "simulate"]
