"""Run an experiment's runs on a backend, writing each finished batch at once.

``sweep(...)`` resumes by default (completed runs are skipped; failed runs are tried again),
``fresh=True`` starts over, and a folder written by a different experiment is refused.
Ctrl-C keeps every finished run and returns with ``interrupted=True``; a backend that gives up
(no Dask worker left) too, with ``stopped`` saying why. The store is kept through
``resumable.RunStore``, as compare's runs are.
"""

from __future__ import annotations

import time
from dataclasses import dataclass, field
from pathlib import Path

from ..config.experiment import Experiment
from . import design
from .backends import Backend, BackendStopped, ProcessPoolBackend, batch_size_for, chunk
from .progress import NullProgress
from ..kernel import DEFAULT_ENGINE
from ..params import simulated_rows
from ..runs import provenance
from .resumable import RunStore
from .store import Damaged, ResultStore
from .worker import Batch


@dataclass
class SweepResult:
    folder: Path
    experiment: Experiment
    total: int
    skipped: int = 0
    ok: int = 0
    failed: int = 0
    failed_ids: list[str] = field(default_factory=list)
    interrupted: bool = False
    duration_s: float = 0.0
    backend: str = ""
    removed_orphans: int = 0
    damaged: list[Damaged] = field(default_factory=list)  # part files set aside (their runs re-run)
    stopped: BackendStopped | None = None  # the backend gave up (no Dask worker left): why
    workers_lost: int = 0                  # Dask workers lost meanwhile (their batches ran again)

    @property
    def complete(self) -> bool:
        return (not self.interrupted and self.stopped is None and self.failed == 0
                and self.skipped + self.ok == self.total)


def factor_dtypes(exp: Experiment) -> dict[str, str]:
    return {f.name: f.dtype for f in exp.factors}


def make_batches(exp: Experiment, tasks: list[design.RunTask], size: int) -> list[Batch]:
    """Batches of ``size`` runs, each replication's settings together: settings that differ only
    in levers share their no-private-domain baseline, which a worker runs once (``runs.RunCache``)."""
    out = []
    dtypes = factor_dtypes(exp)
    order = {label: i for i, label in enumerate(exp.scenarios)}
    tasks = sorted(tasks, key=lambda t: (order.get(t.scenario, 0), t.replication, t.setting))
    for part in chunk(tasks, size):
        labels = {t.scenario for t in part}
        out.append(Batch({k: exp.scenarios[k] for k in labels}, part, exp.metrics,
                         exp.columns or None, dtypes, baseline=True))
    return out


def _mean_cost(exp: Experiment, tasks: list[design.RunTask]) -> tuple[int, int]:
    if not tasks:
        return 1, 1
    sample = tasks[:: max(1, len(tasks) // 50)]
    rows = days = 0.0
    for t in sample:
        base = exp.scenarios[t.scenario]
        population = base["population"]
        rows += simulated_rows(t.overrides.get("population.customers", population["customers"]),
                               t.overrides.get("population.rows", population.get("rows")))
        days += float(t.overrides.get("days", base["days"]))
    return int(rows / len(sample)), int(days / len(sample))


def sweep(experiment: Experiment | str | Path, *, out: str | Path | None = None,
          backend: Backend | None = None, fresh: bool = False, progress=None,
          batch_size: int | None = None, command: str | None = None) -> SweepResult:
    """Run (or resume) every run of ``experiment``; see the module docstring. Each call is
    recorded in the folder (``_sessions.jsonl``): its provenance, the backend, ``command``, and
    how many runs it resumed from."""
    exp = experiment if isinstance(experiment, Experiment) else design.load_experiment(experiment)
    progress = progress or NullProgress()
    tasks = design.runs(exp)
    with RunStore.open(out or exp.output, tasks, exp.spec_hash,
                       lambda store: store.open(exp, tasks, fresh=fresh)) as runs:
        todo = runs.todo()
        result = SweepResult(runs.folder, exp, len(tasks), skipped=len(tasks) - len(todo),
                             removed_orphans=runs.state.removed_orphans, damaged=runs.state.damaged)
        own = backend is None
        backend = backend or ProcessPoolBackend()
        result.backend = backend.describe()
        runs.session(provenance(seed=exp.root_seed, executor="vector", engine=DEFAULT_ENGINE,
                                scenarios=exp.scenarios, backend=result.backend, command=command))
        rows, days = _mean_cost(exp, todo)
        size = batch_size or exp.batch_size or batch_size_for(len(todo), rows, days, backend.workers)
        batches = make_batches(exp, todo, size)
        t0 = time.perf_counter()
        progress.start(len(tasks), result.skipped, exp.name)
        try:
            tally = runs.run(batches, backend, progress=progress)
        finally:
            progress.stop()
            result.duration_s = time.perf_counter() - t0
            if own:
                backend.close()
    result.ok, result.failed, result.failed_ids = tally.ok, tally.failed, tally.failed_ids
    result.interrupted, result.stopped, result.workers_lost = tally.interrupted, tally.stopped, tally.workers_lost
    return result


def rerun(folder: str | Path, run_id: str):
    """Re-run one run alone from a results folder (manifest seed + resolved scenario); returns
    its tidy frame, which equals the stored rows bit for bit."""
    from .design import RunTask
    from .worker import simulate_task, tidy

    store = ResultStore(folder)
    meta = store.experiment_meta()
    rec = next(r for r in reversed(store.manifest_records()) if r["run_id"] == run_id)
    task = RunTask(rec["run_id"], rec["scenario"], rec["setting"], rec["replication"], rec["factors"],
                   rec["overrides"], rec["seed_entropy"], tuple(rec["spawn_key"]))
    batch = Batch({task.scenario: meta["scenarios"][task.scenario]}, [task], baseline=True)
    dtypes = {f["name"]: f["dtype"] for f in meta["factors"]}
    return tidy(simulate_task(batch, task).daily, task, meta["metrics"], meta["columns"] or None, dtypes)
