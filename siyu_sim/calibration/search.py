"""The search: Optuna's TPE sampler, asked for trials in batches that run in parallel on a
backend (``experiments.backends``), its trials kept in SQLite in the output folder
(``study.sqlite3``) so that an interrupted fit resumes without redoing finished trials.

Each trial runs the same ``replications`` seeds (common random numbers), so two trials differ
by their parameters, not their luck. One seed gives one result, interrupted and resumed or not:

- a trial's parameters are a function of the seed, its number and the trials stored before it
  (``TrialSeededTPE``): nothing the sampler draws depends on the process that asks;
- the batches are fixed by the trials' numbers (``current_batch``): batch k is asked when every
  earlier batch is told, the same batches whether or not the fit was interrupted in between,
  and its size is stored in the study at the first ask;
- a batch is told back in trial order once it has finished. On Ctrl-C the trials whose runs all
  finished are told (kept); the others stay RUNNING in the storage, and the next run runs them
  again under their own numbers and parameters before asking for new ones.
"""

from __future__ import annotations

import json
import logging
from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable

import numpy as np
import optuna
from optuna.distributions import FloatDistribution, IntDistribution
from optuna.samplers import BaseSampler, TPESampler
from optuna.trial import FrozenTrial, TrialState

from ..config.calibration_files import CalibrationError, CalibrationSpec
from ..config.problems import Problem
from ..experiments.backends import Backend, hold_sigint
from ..experiments.progress import NullProgress
from .fit import Loss, mean_table
from .result import FILES
from .simulate import TrialBatch, TrialOutcome, TrialRun, execute_trials

optuna.logging.set_verbosity(logging.WARNING)


@dataclass
class SearchState:
    done: int = 0  # finished (COMPLETE) trials before this run
    failed_runs: int = 0
    first_error: str | None = None
    interrupted: bool = False
    errors: list[str] = field(default_factory=list)


class TrialSeededTPE(BaseSampler):
    """Optuna's TPE whose random draws for trial n come from ``SeedSequence(seed, spawn_key=(n,))``.

    A seeded ``TPESampler`` keeps one random generator for its lifetime, and its state is not
    in the storage: a resumed study (a new process, the generator back at its seed) drew other
    parameters than the uninterrupted one from the first new trial on. A fresh TPE per trial,
    seeded from the trial's number, makes a trial's parameters a function of the seed, its
    number and the stored trials alone."""

    def __init__(self, seed: int, **tpe):
        self._seed, self._tpe = seed, tpe
        self._number: int | None = None
        self._sampler: TPESampler | None = None

    def _for(self, trial: FrozenTrial) -> TPESampler:
        if trial.number != self._number or self._sampler is None:
            seed = int(np.random.SeedSequence(self._seed, spawn_key=(trial.number,)).generate_state(1)[0])
            self._number, self._sampler = trial.number, TPESampler(seed=seed, **self._tpe)
        return self._sampler

    def before_trial(self, study, trial):
        self._sampler = None  # a trial starts from its own seed, whatever was drawn before
        self._for(trial).before_trial(study, trial)

    def infer_relative_search_space(self, study, trial):
        return self._for(trial).infer_relative_search_space(study, trial)

    def sample_relative(self, study, trial, search_space):
        return self._for(trial).sample_relative(study, trial, search_space)

    def sample_independent(self, study, trial, param_name, param_distribution):
        return self._for(trial).sample_independent(study, trial, param_name, param_distribution)

    def after_trial(self, study, trial, state, values):
        self._for(trial).after_trial(study, trial, state, values)

    def reseed_rng(self) -> None:
        pass  # every trial is seeded from its number: there is no running state to reseed


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
    sampler = TrialSeededTPE(spec.seed, constant_liar=True, multivariate=True,
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


def completed(study: optuna.Study) -> list:
    return study.get_trials(deepcopy=False, states=(TrialState.COMPLETE,))


def current_batch(trials: list[FrozenTrial], size: int, total: int) -> tuple[int, int] | None:
    """(first trial number, length) of the batch the search is in, or None when it is done.

    Batches are laid from trial 0 on: each is ``min(size, total - completed so far)`` trials,
    asked once every earlier batch is told. So the batch boundaries follow from the stored
    trials alone, and a resumed search continues the very batch it was interrupted in."""
    start = done = 0
    while (n := min(size, total - done)) > 0:
        members = trials[start:start + n]
        if len(members) < n or any(not t.state.is_finished() for t in members):
            return start, n
        done += sum(t.state == TrialState.COMPLETE for t in members)
        start += n
    return None


def search(spec: CalibrationSpec, study: optuna.Study, loss: Loss, columns: list[str], backend: Backend,
           progress=None, batch: int | None = None,
           on_batch: Callable[[], None] | None = None) -> SearchState:
    """Ask, run and tell until ``spec.trials`` trials have finished. KeyboardInterrupt is
    re-raised after the finished trials are told (``state.interrupted`` is set first).
    ``progress`` (started by the caller) is advanced by each run as it comes back, ok or failed."""
    progress = progress or NullProgress()
    state = SearchState()
    state.done = len(completed(study))
    dist = distributions(spec)
    # the batch size of the first run is kept: another size would lay other batches
    size = study.user_attrs.get("batch") or max(1, batch or spec.batch or 2 * backend.workers)
    while (where := current_batch(study.get_trials(deepcopy=False), size, spec.trials)) is not None:
        start, n = where
        with hold_sigint():  # asked whole: a trial without all its parameters could not run again
            if "batch" not in study.user_attrs:
                study.set_user_attr("batch", size)
            trials = _batch_trials(study, dist, start, n)
        todo = [t for t in trials if t.state == TrialState.RUNNING]
        results: dict[int, list[TrialOutcome]] = {t.number: [] for t in todo}

        def collect(outcomes: list[TrialOutcome]) -> None:
            for o in outcomes:
                results[o.trial].append(o)
            failed = sum(o.status != "ok" for o in outcomes)
            progress.advance(len(outcomes) - failed, failed)

        batches = [TrialBatch(spec.scenario, [TrialRun(t.number, r, _values(t, spec)) for r in
                                              range(spec.replications)], spec.seed, spec.period, columns)
                   for t in todo]
        try:
            backend.run(batches, collect, fn=execute_trials)
        except KeyboardInterrupt:
            state.interrupted = True
            with hold_sigint():
                _tell(study, todo, results, spec, loss, state, finished_only=True)
            raise
        with hold_sigint():
            _tell(study, todo, results, spec, loss, state)
        if len(study.get_trials(deepcopy=False, states=(TrialState.FAIL,))) > spec.trials:
            break  # every trial fails: the caller reports the first error
        if on_batch:
            on_batch()
    return state


def _batch_trials(study: optuna.Study, dist: dict, start: int, n: int) -> list[FrozenTrial]:
    """The batch's trials: those stored (told, or left RUNNING by an interrupt) and new ones asked
    up to its end. A trial stored without all its parameters (the process was killed while it
    was asked) cannot be run again: it is marked failed."""
    stored = [t for t in study.get_trials(deepcopy=False)[start:start + n] if t.state != TrialState.WAITING]
    for t in stored:
        if t.state == TrialState.RUNNING and set(t.params) != set(dist):
            study.tell(t.number, state=TrialState.FAIL)
    asked = [study.ask(dist) for _ in range(n - len(stored))]  # (a WAITING trial is asked first)
    numbers = {t.number for t in stored} | {t.number for t in asked}
    return [t for t in study.get_trials(deepcopy=False) if t.number in numbers]


def _values(trial, spec: CalibrationSpec) -> dict:
    return {p.path: trial.params[p.path] for p in spec.parameters}


def _tell(study, trials, results, spec, loss, state: SearchState, finished_only: bool = False) -> None:
    for trial in trials:  # in trial order: a seeded search stays reproducible
        outs = results[trial.number]
        if finished_only and len(outs) < spec.replications:
            continue  # left RUNNING: run again on resume
        bad = [o for o in outs if o.status != "ok"]
        if bad or len(outs) < spec.replications:
            state.failed_runs += len(bad)
            state.first_error = state.first_error or (bad[0].error if bad else "missing runs")
            study.tell(trial.number, state=TrialState.FAIL)
            continue
        value = loss(mean_table([o.table for o in sorted(outs, key=lambda o: o.replication)]))
        if value != value:  # NaN
            state.first_error = state.first_error or "the loss is not a number"
            study.tell(trial.number, state=TrialState.FAIL)
        else:
            study.tell(trial.number, value)
