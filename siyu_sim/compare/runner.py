"""Running a comparison's runs: in this process day by day, or on an experiments backend.

Either way each run goes through ``experiments.worker.run_task``, the code a sweep's worker
runs, and so through the one run pipeline (``runs.simulate``): a compared run and, with a
baseline, its no-private-domain baseline under the same seed (``runs.replication_seed(root_seed,
replication)``); only where it runs differs. A baseline shared by strategies with the same
customers is run once per process (``runs.RunCache``).

With a run store (``experiments.resumable.RunStore``, the results-store format sweeps use)
each finished run is written as it comes, with its baseline's rows; runs the store already
holds are read from it, not run, with the same bits. Ctrl-C then raises
:class:`ComparisonInterrupted` (a KeyboardInterrupt) saying how many runs are kept where.
"""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass
from pathlib import Path
from typing import Callable

import pandas as pd

from ..version import __version__
from ..experiments.backends import Backend, chunk
from ..experiments.design import RunTask
from ..experiments.resumable import RunStore, StoreBusy, cache_folder
from ..experiments.worker import Batch, RunOutcome, run_task
from ..runs import RunCache
from ..scenario import Scenario
from .paired import INDEPENDENT_OFFSET

MAX_BATCH = 8  # runs per batch sent to a backend: enough to pay for the trip, few enough to balance


class ComparisonError(RuntimeError):
    """Some runs of a comparison failed; the message names the first with its traceback."""


class ComparisonInterrupted(KeyboardInterrupt):
    """Ctrl-C during a comparison with a run store: ``saved`` of ``total`` runs are kept in
    ``folder``, and the same comparison resumes from them."""

    def __init__(self, saved: int, total: int, folder: Path):
        self.saved, self.total, self.folder = saved, total, folder
        super().__init__(f"interrupted: {saved} of {total} runs are saved in {folder}")


@dataclass(frozen=True)
class RunSpec:
    kind: str            # crn | independent
    scenario: Scenario   # the compared scenario (its name names the run's rows)
    data: dict           # its resolved data (what the plan's hash and the run store keep)
    replication: int
    run_id: str
    baseline: bool = False  # also its no-private-domain baseline, under the same seed

    @property
    def days(self) -> int:
        """Simulated days of the run and its baseline (what progress counts)."""
        return self.scenario.days * (2 if self.baseline else 1)

    def task(self, root_seed: int) -> RunTask:
        return RunTask(self.run_id, self.scenario.name, 0, self.replication, {}, {}, root_seed, (self.replication,))


def execute(specs: list[RunSpec], root_seed: int, *, executor: str, segments: bool,
            backend: Backend | None, progress: Callable[[int, int], None] | None,
            cache: RunCache | None = None, engine: str, store: RunStore | None = None,
            together: int = 1, keep_baselines: bool = True) -> dict[str, list[pd.DataFrame]]:
    """Run every spec; frames by kind ("crn", "independent", "baseline": the CRN runs'
    baselines, and "segments": their per-segment tables), with ``scenario`` and ``replication``
    as compared. Runs in this process take what ``cache`` holds and add to it (default: a cache
    for this call); with a ``store`` (opened by ``open_store``), runs it holds are read from it
    and new ones written to it as each finishes. ``together``: on a backend, runs go in batches
    of a multiple of this many consecutive specs (strategies that share a baseline run share a
    worker). ``keep_baselines`` False: the baselines' own rows are neither returned nor kept
    (the runs' incremental columns already hold what they add)."""
    by_id = {s.run_id: s for s in specs}
    total = sum(s.days for s in specs)
    done = 0
    out: dict[str, list[pd.DataFrame]] = {"crn": [], "independent": [], "baseline": [], "segments": []}
    failures: list[RunOutcome] = []

    def report(n: int) -> None:
        if progress is not None:
            progress(n, total)

    def collect(outcomes: list[RunOutcome]) -> None:
        nonlocal done
        for o in outcomes:
            spec = by_id[o.run_id]
            done += spec.days
            if o.status != "ok":
                failures.append(o)
                continue
            out[spec.kind].append(_as_compared(o.frame, spec))
            if o.baseline_frame is not None:
                out["baseline"].append(_as_compared(o.baseline_frame, spec))
            if o.segment_frame is not None:
                out["segments"].append(_as_compared(o.segment_frame, spec))
        report(done)

    def batch(part: list[RunSpec]) -> Batch:  # runs alike: CRN runs (baseline, segments) or independent ones
        crn = part[0].kind == "crn"
        return Batch({s.scenario.name: s.scenario for s in part}, [s.task(root_seed) for s in part], "daily",
                     None, {}, executor=executor, segments=segments and crn, baseline=part[0].baseline,
                     baseline_rows=keep_baselines, engine=engine)

    report(0)
    if store is not None:
        collect(_stored(store, [s for s in specs if s.run_id in store.done]))
        specs = [s for s in specs if s.run_id not in store.done]
    saved = len(store.done) if store is not None else 0

    def counted(outcomes: list[RunOutcome]) -> None:  # recorded in the store: count, then collect
        nonlocal saved
        saved += sum(o.status == "ok" for o in outcomes)
        collect(outcomes)

    def keep(outcomes: list[RunOutcome]) -> None:  # write first: a kept run is a written run
        if store is None:
            return collect(outcomes)
        store.record(outcomes)
        counted(outcomes)

    try:
        if backend is None:  # this process, one run after another, progress day by day
            cache = cache if cache is not None else RunCache()
            for spec in specs:
                b = batch([spec])
                keep([run_task(b, b.tasks[0], progress=lambda day, _n: report(done + day), cache=cache)])
        elif specs:
            size = min(max(1, -(-len(specs) // (4 * max(1, backend.workers)))), MAX_BATCH)
            size = together * max(1, round(size / together))
            batches = [batch(part) for kind in ("crn", "independent")
                       for part in chunk([s for s in specs if s.kind == kind], size)]
            if store is None:
                backend.run(batches, collect)
            else:
                tally = store.run(batches, backend, on_outcomes=counted)
                if tally.stopped is not None:
                    raise tally.stopped
                if tally.interrupted:
                    raise KeyboardInterrupt
    except KeyboardInterrupt:
        if store is None:
            raise
        raise ComparisonInterrupted(saved, len(by_id), store.folder) from None
    if failures:
        first = failures[0]
        raise ComparisonError(f"{len(failures)} run(s) failed; first {first.run_id}: {first.error}\n"
                              f"{first.traceback}")
    return out


def execute_kept(specs: list[RunSpec], root_seed: int, *, store: str | Path | bool | None, fresh: bool,
                 meta: dict, record: dict, note: Callable[..., None], executor: str, engine: str,
                 segments: bool = False, **options) -> tuple[dict[str, list[pd.DataFrame]], RunStore | None]:
    """``execute`` with its finished runs kept in a run store when ``store`` asks for one (a path,
    or True: the user's cache folder keyed by ``plan_hash``, left aside for memory when another
    command is using it) and read back from the runs it holds (``fresh``: discarded first). The
    store stays once every run is done: the same comparison again (another language, report, deck
    or tables) reads it instead of simulating, with the same bits. ``meta``: what the store's
    manifest says of the plan; ``record``: the provenance a session adds; ``note(key, **fields)``
    hears what happens to the store. Returns the frames and the store (closed; None without one)."""
    runs = None
    if store:
        key = plan_hash(specs, root_seed, executor=executor, segments=segments, engine=engine)
        folder = cache_folder(key) if store is True else Path(store)
        try:
            runs = open_store(folder, specs, root_seed, key, meta, fresh=fresh)
        except StoreBusy:
            if store is not True:
                raise
            note("status_compare_memory", folder=folder)
        else:
            done = sum(s.run_id in runs.done for s in specs)
            if done == len(specs):
                note("status_compare_kept", total=len(specs), folder=folder)
                options["progress"] = None  # nothing is simulated: no bar counting simulated days
            else:
                note("status_compare_store", folder=folder)
                if done:
                    note("status_compare_resumed", done=done, total=len(specs))
            runs.session(record)
    try:
        frames = execute(specs, root_seed, executor=executor, segments=segments, engine=engine, store=runs,
                         **options)
    finally:
        if runs is not None:
            runs.close()
    return frames, runs


def _stored(store: RunStore, specs: list[RunSpec]) -> list[RunOutcome]:
    """The outcomes of runs the store holds, as they came from the workers: the same frames."""
    if not specs:
        return []
    ids = [s.run_id for s in specs]
    rows = store.store.read_run_frames(ids)
    side = {kind: _by_run(store.store.read_side(kind, ids)) for kind in ("segments", "baselines")}
    return [RunOutcome(rid, "ok", rows[rid], 0.0, segment_frame=side["segments"].get(rid),
                       baseline_frame=side["baselines"].get(rid))
            for rid in ids]


def _by_run(frame: pd.DataFrame) -> dict[str, pd.DataFrame]:
    """A side table's rows by run (``run_id`` dropped), as the worker returned them."""
    if not len(frame):
        return {}
    return {rid: rows.drop(columns="run_id").reset_index(drop=True) for rid, rows in frame.groupby("run_id", sort=False)}


def plan_hash(specs: list[RunSpec], root_seed: int, *, executor: str, segments: bool, engine: str) -> str:
    """What a comparison's numbers depend on: every run's resolved scenario, seed and
    replication, the executor, engine, segment tables, and the model's code (a changed rule
    never resumes from runs made before)."""
    plan = {"runs": [[s.kind, s.scenario.name, s.run_id, s.data, s.replication, s.baseline] for s in specs],
            "root_seed": root_seed,
            "executor": executor, "segments": segments, "engine": engine, "version": __version__,
            "code": _code_hash()}
    return hashlib.sha256(json.dumps(plan, sort_keys=True, default=str).encode()).hexdigest()[:16]


def _code_hash() -> str:
    package = Path(__file__).resolve().parent.parent
    h = hashlib.sha256()
    for f in sorted(package.rglob("*.py")):
        h.update(str(f.relative_to(package)).encode())
        h.update(f.read_bytes())
    return h.hexdigest()


#: How a run store's refusal words a comparison's runs (``open_store``).
CHANGED = "the scenarios, seed, replications, options or siyu_sim's code changed since those runs"


def open_store(folder: str | Path, specs: list[RunSpec], root_seed: int, spec_hash: str, meta: dict, *,
               fresh: bool = False) -> RunStore:
    """The run store of a comparison in ``folder`` (a results folder: ``experiments.store``),
    started or resumed; refused if it holds another comparison's runs (``StoreError``) or
    another command is using it (``StoreBusy``)."""
    tasks = [s.task(root_seed) for s in specs]
    scenarios = {s.scenario.name: s.data for s in specs if s.kind == "crn"}
    meta = {"kind": "comparison", "spec_hash": spec_hash, "package_version": __version__,
            "n_runs": len(specs), "experiment_file": "siyu compare", **meta}
    return RunStore.open(folder, tasks, spec_hash, lambda store: store.open_spec(
        spec_hash, lambda: store.start(meta, scenarios, tasks), fresh=fresh, what="comparison", changed=CHANGED))


def _as_compared(frame: pd.DataFrame, spec: RunSpec) -> pd.DataFrame:
    frame = frame.drop(columns=[c for c in ("run_id", "setting") if c in frame.columns])
    if spec.kind == "independent":
        frame["replication"] = spec.replication - INDEPENDENT_OFFSET
    return frame
