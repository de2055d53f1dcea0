"""The search: Optuna's TPE sampler, asked for trials in batches that run in parallel on a
backend (``experiments.backends``), its trials kept in SQLite in the output folder
(``study.sqlite3``) so that an interrupted fit resumes without redoing finished trials.

Each trial runs the same ``replications`` seeds (common random numbers), so two trials differ
by their parameters, not their luck. A batch is told back in trial order once it has finished,
which keeps a seeded search reproducible. On Ctrl-C the trials whose runs all finished are
told (kept); the others stay RUNNING in the storage, and the next run asks their parameters
again (``requeue_running``) before asking for new ones.
"""

from __future__ import annotations

import json
import logging
from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable

import optuna
from optuna.distributions import FloatDistribution, IntDistribution
from optuna.trial import TrialState

from ..config.calibration_files import CalibrationError, CalibrationSpec
from ..config.problems import Problem
from ..experiments.backends import Backend
from ..experiments.progress import NullProgress
from .fit import Loss, mean_table
from .result import FILES
from .simulate import TrialBatch, TrialOutcome, TrialRun, execute_trials

optuna.logging.set_verbosity(logging.WARNING)


@dataclass
class SearchState:
    done: int = 0  # finished (COMPLETE) trials before this run
    requeued: int = 0  # RUNNING trials asked again
    failed_runs: int = 0
    first_error: str | None = None
    interrupted: bool = False
    errors: list[str] = field(default_factory=list)


def distributions(spec: CalibrationSpec) -> dict:
    return {p.path: (IntDistribution(int(p.low), int(p.high)) if p.integer else FloatDistribution(p.low, p.high))
            for p in spec.parameters}


def fingerprint(spec: CalibrationSpec, metrics: dict[str, float], fit: list[int]) -> str:
    """What a stored study must share with this calibration to be continued."""
    return json.dumps({"scenario": spec.scenario, "parameters": [[p.path, p.low, p.high] for p in spec.parameters],
                       "metrics": metrics, "fit": fit, "loss": spec.loss, "replications": spec.replications,
                       "seed": spec.seed, "period": spec.period}, sort_keys=True, default=str)


def open_study(folder: Path, spec: CalibrationSpec, print_: str, fresh: bool = False) -> optuna.Study:
    """The study in ``folder`` (created, or loaded to resume); a CalibrationError when the folder
    holds a study of a different calibration (nothing in it is touched)."""
    path = Path(folder) / FILES["study"]
    path.parent.mkdir(parents=True, exist_ok=True)
    if fresh and path.exists():
        path.unlink()
    storage = f"sqlite:///{path.resolve()}"
    sampler = optuna.samplers.TPESampler(seed=spec.seed, constant_liar=True, multivariate=True,
                                         n_startup_trials=min(10, max(2, spec.trials // 5)))
    study = optuna.create_study(study_name=spec.name, storage=storage, sampler=sampler,
                                direction="minimize", load_if_exists=True)
    stored = study.user_attrs.get("fingerprint")
    if stored is None and not study.trials:
        study.set_user_attr("fingerprint", print_)
    elif stored != print_:
        raise CalibrationError(str(path), [Problem(
            "", "holds the trials of a different calibration (another scenario, parameters, metrics, "
                "periods, loss, seed or replications); its trials are kept",
            allowed="another --out folder, or --fresh to discard these trials")])
    return study


def requeue_running(study: optuna.Study) -> int:
    """Trials left RUNNING by an interrupted fit: asked again (same parameters), the old ones
    marked failed. Returns how many."""
    running = study.get_trials(deepcopy=False, states=(TrialState.RUNNING,))
    for trial in running:
        study.enqueue_trial(trial.params, skip_if_exists=False)
        study.tell(trial.number, state=TrialState.FAIL)
    return len(running)


def completed(study: optuna.Study) -> list:
    return study.get_trials(deepcopy=False, states=(TrialState.COMPLETE,))


def search(spec: CalibrationSpec, study: optuna.Study, loss: Loss, columns: list[str], backend: Backend,
           progress=None, batch: int | None = None,
           on_batch: Callable[[], None] | None = None, label: str = "calibrate") -> SearchState:
    """Ask, run and tell until ``spec.trials`` trials have finished. KeyboardInterrupt is
    re-raised after the finished trials are told (``state.interrupted`` is set first)."""
    progress = progress or NullProgress()
    state = SearchState(requeued=requeue_running(study))
    state.done = len(completed(study))
    dist = distributions(spec)
    size = max(1, batch or spec.batch or 2 * backend.workers)
    progress.start(spec.trials, done=min(state.done, spec.trials), label=label)
    try:
        while len(completed(study)) < spec.trials:
            n = min(size, spec.trials - len(completed(study)))
            trials = [study.ask(dist) for _ in range(n)]
            results: dict[int, list[TrialOutcome]] = {t.number: [] for t in trials}

            def collect(outcomes: list[TrialOutcome]) -> None:
                for o in outcomes:
                    results[o.trial].append(o)
                progress.advance(1, 0)

            batches = [TrialBatch(spec.scenario, [TrialRun(t.number, r, _values(t, spec)) for r in
                                                  range(spec.replications)], spec.seed, spec.period, columns)
                       for t in trials]
            try:
                backend.run(batches, collect, fn=execute_trials)
            except KeyboardInterrupt:
                state.interrupted = True
                _tell(study, trials, results, spec, loss, state, finished_only=True)
                raise
            _tell(study, trials, results, spec, loss, state)
            if len(study.get_trials(deepcopy=False, states=(TrialState.FAIL,))) > spec.trials + state.requeued:
                break  # every trial fails: the caller reports the first error
            if on_batch:
                on_batch()
    finally:
        progress.stop()
    return state


def _values(trial, spec: CalibrationSpec) -> dict:
    return {p.path: trial.params[p.path] for p in spec.parameters}


def _tell(study, trials, results, spec, loss, state: SearchState, finished_only: bool = False) -> None:
    for trial in trials:  # in trial order: a seeded search stays reproducible
        outs = results[trial.number]
        if finished_only and len(outs) < spec.replications:
            continue  # left RUNNING: asked again on resume
        bad = [o for o in outs if o.status != "ok"]
        if bad or len(outs) < spec.replications:
            state.failed_runs += len(bad)
            state.first_error = state.first_error or (bad[0].error if bad else "missing runs")
            trial.set_user_attr("error", bad[0].error if bad else "missing runs")
            study.tell(trial, state=TrialState.FAIL)
            continue
        value = loss(mean_table([o.table for o in sorted(outs, key=lambda o: o.replication)]))
        if value != value:  # NaN
            state.first_error = state.first_error or "the loss is not a number"
            study.tell(trial, state=TrialState.FAIL)
        else:
            study.tell(trial, value)
