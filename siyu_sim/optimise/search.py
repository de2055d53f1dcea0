"""The search for the best plan (``siyu optimise``): Optuna asks for lever settings a round at a
time, each trial runs in every market with every replication on a backend (local processes,
Dask), and each trial is told what it scored.

What a trial scores: in each market, the mean over replications of each objective's metric at
the horizon; across the markets, the file's statistic (``[robustness]``: the mean, the worst
``percentile`` % bound, or CVaR, the mean of that tail: ``experiments.robust`` computes them, as
it does for a sweep's policies). Every trial runs in the same markets (``design.market_points``)
with the same replications' seeds (``runs.replication_seed``): common random numbers, so two
trials differ by their levers, not their luck or their world.

Constraints and invalid settings are never run: a trial that breaks one is told *pruned* at once
(TPE counts it among the bad trials; NSGA-II leaves it out of its population) and another is
asked in its place, so the budget counts trials that ran.

One seed, one result, interrupted or not. The study is never stored: each command builds it
afresh in memory with its seeded sampler and replays the rounds in order — the same asks, and
for the trials whose runs are stored the same values told, read back from the store — so the
sampler asks exactly what it asked the first time; the runs of a round not yet stored are run.
A round's trials are asked before any is told, so the first trials of a round are the same
whatever its size: a larger budget continues a search. Each stored run is checked against the
trial it now belongs to: a replay that asks something else (another Optuna) is refused, never
mixed in.
"""

from __future__ import annotations

import json
import logging
import math
import time
import warnings
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import numpy as np
import optuna
import pandas as pd
from pydantic import ValidationError
from optuna.distributions import CategoricalDistribution, FloatDistribution, IntDistribution
from optuna.trial import TrialState

from ..config.optimise_files import Search, spec_dict
from ..config.scenario_files import build_scenario
from ..experiments.backends import Backend, BackendStopped, ProcessPoolBackend, batch_size_for
from ..experiments.design import DESIGN_SPAWN_KEY, RunTask, derive, market_points, run_id
from ..experiments.progress import NullProgress
from ..experiments.resumable import RunStore
from ..experiments.robust import robustness_table
from ..experiments.store import ResultStore
from ..experiments.sweep import make_batches
from ..config.expressions import evaluate
from ..kernel import DEFAULT_ENGINE
from ..params import simulated_rows
from ..runs import provenance
from ..version import __version__

optuna.logging.set_verbosity(logging.WARNING)

#: The sampler's stream: apart from the design's and the markets' (``design``).
SEARCH_SPAWN_KEY = DESIGN_SPAWN_KEY - 2
#: Asks a search may reject (a constraint broken, an invalid scenario) per trial of its budget
#: before it gives up: constraints that leave almost nothing are said, not searched for ever.
REJECTS_PER_TRIAL = 50
#: The column of ``experiments.robust.robustness_table`` each statistic reads.
STATISTIC_COLUMN = {"mean": "mean", "percentile": "tail", "cvar": "cvar"}
#: What a search writes into its folder (``plans.write_outputs``), and where its runs are kept: a
#: results store of its own inside it (a name pyarrow passes over, so that the plans and tables
#: beside it are no part of ``pandas.read_parquet(folder / STORE_DIR)``).
BEST_FILE, BASE_FILE, TRIALS_FILE, FRONT_FILE = "best.toml", "base.toml", "trials.csv", "front.csv"
OUTPUTS = (BEST_FILE, BASE_FILE, TRIALS_FILE, FRONT_FILE)
FRONT_DIR = "front"
STORE_DIR = "_store"


class SearchError(RuntimeError):
    """A search that cannot go on (what the message says); every finished run is kept."""


@dataclass
class Trial:
    """One trial: its lever settings (and derived factors), what became of it and its scores."""

    number: int
    round: int
    state: str                                   # complete | failed | rejected
    values: dict[str, Any]                       # levers and derived factors by column name
    scores: dict[str, float] = field(default_factory=dict)  # objective → the statistic across markets
    means: dict[str, float] = field(default_factory=dict)   # objective → the mean across markets
    reason: str = ""                             # rejected: what it broke; failed: the first error


@dataclass
class SearchResult:
    folder: Path                                 # the search's folder: its plans and trials
    search: Search
    budget: int
    total_runs: int                              # runs of the whole budget
    trials: list[Trial] = field(default_factory=list)
    best: int | None = None                      # one objective: the best trial's number
    front: list[int] = field(default_factory=list)  # two or more: the non-dominated trials' numbers
    stored: int = 0                              # runs found finished (an earlier command's)
    ok: int = 0                                  # runs finished by this command
    failed: int = 0
    failed_ids: list[str] = field(default_factory=list)
    interrupted: bool = False
    stopped: BackendStopped | None = None
    workers_lost: int = 0
    backend: str = ""
    rounds: int = 0
    duration_s: float = 0.0
    damaged: list = field(default_factory=list)  # part files set aside (their runs re-run)

    @property
    def store(self) -> Path:
        """The results store of its runs, inside the folder (``STORE_DIR``)."""
        return self.folder / STORE_DIR

    @property
    def ran(self) -> list[Trial]:
        """The trials that ran (complete or failed), in order."""
        return [t for t in self.trials if t.state != "rejected"]

    @property
    def complete(self) -> bool:
        return not self.interrupted and self.stopped is None and len(self.ran) == self.budget

    def trial(self, number: int) -> Trial:
        return next(t for t in self.trials if t.number == number)


def sampler_seed(root_seed: int) -> int:
    return int(np.random.SeedSequence(root_seed, spawn_key=(SEARCH_SPAWN_KEY,)).generate_state(1)[0])


def make_sampler(search: Search) -> optuna.samplers.BaseSampler:
    """The file's sampler, seeded from the root seed (its own stream)."""
    seed = sampler_seed(search.experiment.root_seed)
    with warnings.catch_warnings():  # multivariate TPE and constant liar are "experimental" in Optuna
        warnings.simplefilter("ignore", optuna.exceptions.ExperimentalWarning)
        if search.sampler == "tpe":
            return optuna.samplers.TPESampler(seed=seed, n_startup_trials=search.startup_trials, multivariate=True,
                                              constant_liar=True)
        if search.sampler == "nsga2":
            return optuna.samplers.NSGAIISampler(seed=seed, population_size=search.batch)
        return optuna.samplers.RandomSampler(seed=seed)


def distributions(search: Search) -> dict[str, optuna.distributions.BaseDistribution]:
    """Each lever's search space by its column name: a range continuously (whole numbers for an
    integer one), values as categories."""
    out = {}
    for f in search.levers:
        if f.values is not None:
            out[f.name] = CategoricalDistribution(f.values)
        elif f.integer:
            out[f.name] = IntDistribution(math.ceil(f.range[0]), math.floor(f.range[1]))
        else:
            out[f.name] = FloatDistribution(*f.range)
    return out


def new_study(search: Search) -> optuna.Study:
    """An in-memory study with the file's sampler: what each command replays its search on."""
    return optuna.create_study(sampler=make_sampler(search),
                               directions=["maximize" if g == "max" else "minimize" for g in search.objectives.values()])


def optimise(search: Search, *, out: str | Path | None = None, backend: Backend | None = None, fresh: bool = False,
             progress=None, trials: int | None = None, batch_size: int | None = None,
             command: str | None = None) -> SearchResult:
    """Run (or resume) the search: ``trials`` (default the file's) trials in rounds of
    ``search.batch``; see the module docstring. Ctrl-C keeps every finished run and returns with
    ``interrupted``; a backend that gives up (no Dask worker left) too, with ``stopped``. Each
    call is recorded in the folder (``_sessions.jsonl``): its provenance, the backend,
    ``command``, the budget and how many runs it found stored."""
    exp = search.experiment
    budget = trials or search.trials
    progress = progress or NullProgress()
    markets = market_points(exp) or [{}]
    total = budget * len(markets) * exp.replications
    folder = Path(out or exp.output)
    meta = _meta(search)
    with RunStore.open(folder / STORE_DIR, [], search.spec_hash, lambda store: store.open_spec(
            search.spec_hash, lambda: store.start(meta, exp.scenarios, []), fresh=fresh, what="search",
            changed=f"{exp.file} now resolves to {search.spec_hash}. The search file (or a scenario it uses) "
                    "changed since those runs")) as runs:
        if fresh:
            remove_outputs(folder)
        result = SearchResult(folder, search, budget, total, stored=len(runs.done), damaged=runs.state.damaged)
        own = backend is None
        backend = backend or ProcessPoolBackend()
        result.backend = backend.describe()
        runs.store.add_session({**provenance(seed=exp.root_seed, executor="vector", engine=DEFAULT_ENGINE,
                                             scenarios=exp.scenarios, backend=result.backend, command=command),
                                "trials": budget, "resumed": len(runs.done),
                                "to_run": max(0, total - len(runs.done))})
        t0 = time.perf_counter()
        progress.start(total, min(len(runs.done), total), exp.name)
        try:
            _rounds(search, runs, backend, markets, budget, result, progress, batch_size)
        except KeyboardInterrupt:
            result.interrupted = True
        finally:
            progress.stop()
            result.duration_s = time.perf_counter() - t0
            if own:
                backend.close()
    return result


def _rounds(search: Search, runs: RunStore, backend: Backend, markets: list[dict], budget: int,
            result: SearchResult, progress, batch_size: int | None) -> None:
    """Ask, run and tell round after round until ``budget`` trials have run (see the module
    docstring); returns early when the backend is interrupted or stops."""
    exp = search.experiment
    study = new_study(search)
    space = distributions(search)
    rejects = 0
    while len(result.ran) < budget:
        n = min(search.batch, budget - len(result.ran))
        asked = []
        while len(asked) < n:
            trial = study.ask(space)
            values = derive(exp, [dict(trial.params)])[0]
            why = _breaks(search, values, markets)
            if why is None:
                asked.append((trial, values))
                continue
            study.tell(trial, state=TrialState.PRUNED)
            result.trials.append(Trial(trial.number, result.rounds, "rejected", values, reason=why))
            rejects += 1
            if rejects > REJECTS_PER_TRIAL * budget:
                raise SearchError(f"{exp.file}: {rejects} of the settings the sampler asked for were rejected "
                                  f"(the last: {why}); the constraints and the scenario's rules leave too little "
                                  "room to search")
        tasks = {trial.number: trial_tasks(search, trial.number, values, markets) for trial, values in asked}
        every = [task for group in tasks.values() for task in group]
        _check_stored(runs, every)
        todo = runs.add(every)
        if todo:
            tally = runs.run(make_batches(exp, todo, batch_size or exp.batch_size or _batch_size(search, todo, backend)),
                             backend, progress=progress)
            result.ok += tally.ok
            result.failed += tally.failed
            result.failed_ids += tally.failed_ids
            result.workers_lost += tally.workers_lost
            if tally.interrupted or tally.stopped is not None:
                result.interrupted, result.stopped = tally.interrupted, tally.stopped
                return
        finals = _finals(runs.store, every)
        errors = _errors(runs.store, every) if len(finals) < len(every) else {}
        for trial, values in asked:  # told in trial order: a seeded search stays reproducible
            done = _judge(search, trial.number, values, tasks[trial.number], finals, result.rounds, errors)
            if done.state == "complete":
                study.tell(trial, [done.scores[m] for m in search.objectives])
            else:
                study.tell(trial, state=TrialState.FAIL)
            result.trials.append(done)
        result.rounds += 1
        _best(study, search, result)
        if todo:
            _say_round(progress, search, result, budget)


def _breaks(search: Search, values: dict[str, Any], markets: list[dict]) -> str | None:
    """What a trial's setting breaks — a constraint, or the scenario's own rules in one of the
    markets — or None."""
    exp = search.experiment
    if exp.constraints:
        frame = pd.DataFrame([values])
        for text in exp.constraints:
            if not bool(evaluate(frame, text).iloc[0]):
                return text
    for point in markets:
        try:
            build_scenario(exp.scenarios[search.scenario], exp.overrides_of(values | point))
        except (ValidationError, ValueError) as exc:  # an override that cannot apply, a cross-field rule
            return f"an invalid scenario: {str(exc).splitlines()[0]}"
    return None


def trial_tasks(search: Search, number: int, values: dict[str, Any], markets: list[dict]) -> list[RunTask]:
    """A trial's runs: in every market, every replication, each seeded as a sweep's
    (``replication_seed(root_seed, r)``); setting ``number × markets + market``, so its runs are
    named as a sweep's policies are, policy-major."""
    exp = search.experiment
    out = []
    for m, point in enumerate(markets):
        factors = {f.name: (values | point)[f.name] for f in exp.factors}
        overrides = exp.overrides_of(factors)
        setting = number * len(markets) + m
        out += [RunTask(run_id(search.scenario, setting, r), search.scenario, setting, r, factors, overrides,
                        exp.root_seed, (r,)) for r in range(exp.replications)]
    return out


def _check_stored(runs: RunStore, tasks: list[RunTask]) -> None:
    """Refuse stored runs that were run for another setting than the trial now asks: a replay
    that no longer asks what it asked (another Optuna) must not mix its runs with those."""
    stored = [t for t in tasks if t.run_id in runs.done]
    if not stored:
        return
    records = runs.store.latest_records()
    for task in stored:
        was = records[task.run_id].get("factors")
        now = json.loads(json.dumps(task.factors, default=str))
        if was != now:
            raise SearchError(
                f"{runs.folder}: run {task.run_id} was stored for {was}, but replaying the search now asks {now} "
                f"(stored with {runs.store.experiment_meta().get('optuna', '?')}, now Optuna {optuna.__version__}); "
                "its runs cannot be reused. Use --fresh to start over, or --out to search elsewhere.")


def _finals(store: ResultStore, tasks: list[RunTask]) -> pd.DataFrame:
    """Each finished run's last row, indexed by run id (what a trial is judged on)."""
    frame = store.read_runs([t.run_id for t in tasks])
    if frame.empty:
        return frame
    return frame.loc[frame.groupby("run_id")["day"].idxmax()].set_index("run_id")


def _errors(store: ResultStore, tasks: list[RunTask]) -> dict[str, str]:
    records = store.latest_records()
    return {t.run_id: records.get(t.run_id, {}).get("error") or "not run" for t in tasks}


def _judge(search: Search, number: int, values: dict, tasks: list[RunTask], finals: pd.DataFrame, rnd: int,
           errors: dict[str, str]) -> Trial:
    """The trial's scores from its runs' finals: per objective, the statistic across markets of
    the mean over replications (``experiments.robust``); failed when a run is missing or a score
    is not a number."""
    missing = [t.run_id for t in tasks if t.run_id not in finals.index]
    if missing:
        return Trial(number, rnd, "failed", values, reason=f"{missing[0]}: {errors.get(missing[0], 'not run')}")
    rows = finals.loc[[t.run_id for t in tasks]]
    markets = len(tasks) // search.experiment.replications
    frame = pd.DataFrame({"scenario": search.scenario,
                          "setting": [t.setting - number * markets for t in tasks],  # the market
                          "replication": [t.replication for t in tasks]})
    scores, means = {}, {}
    for metric, goal in search.objectives.items():
        table = robustness_table(frame.assign(**{metric: rows[metric].to_numpy(dtype=float)}),
                                 {"markets": markets, "factors": []},
                                 {"metric": metric, "goal": goal, "criterion": "mean", "percentile": search.percentile,
                                  "target": None})
        scores[metric] = float(table[STATISTIC_COLUMN[search.statistic]].iloc[0])
        means[metric] = float(table["mean"].iloc[0])
    if not all(math.isfinite(v) for v in scores.values()):
        return Trial(number, rnd, "failed", values, means=means, reason="a score is not a number")
    return Trial(number, rnd, "complete", values, scores, means)


def _best(study: optuna.Study, search: Search, result: SearchResult) -> None:
    """The best trial (one objective) or the front (more), as Optuna's study says."""
    if not any(t.state == TrialState.COMPLETE for t in study.get_trials(deepcopy=False)):
        return
    if len(search.objectives) == 1:
        result.best = study.best_trial.number
    else:
        result.front = sorted(t.number for t in study.best_trials)


def _say_round(progress, search: Search, result: SearchResult, budget: int) -> None:
    ran = len(result.ran)
    if len(search.objectives) == 1:
        if result.best is not None:
            best = result.trial(result.best)
            metric = next(iter(search.objectives))
            progress.note("opt_round_best", round=result.rounds, trials=ran, budget=budget, metric=metric,
                          value=plain(best.scores[metric]), trial=best.number)
    else:
        progress.note("opt_round_front", round=result.rounds, trials=ran, budget=budget, n=len(result.front))


def plain(x: float) -> str:
    """A score in a progress line, whatever its unit: money to the yuan, a share to 3 digits."""
    return f"{x:,.0f}" if abs(x) >= 100 else f"{x:.3g}"


def _batch_size(search: Search, todo: list[RunTask], backend: Backend) -> int:
    base = search.experiment.scenarios[search.scenario]
    population = base["population"]
    rows = simulated_rows(population["customers"], population.get("rows"))
    return batch_size_for(len(todo), rows, int(base["days"]), backend.workers)


def _meta(search: Search) -> dict:
    """The results folder's ``_experiment.json``: the search, resolved."""
    exp = search.experiment
    return {"kind": "search", "name": exp.name, "description": exp.description, "experiment_file": exp.file,
            "spec_hash": search.spec_hash, "package_version": __version__, "optuna": optuna.__version__,
            "scenario_sources": exp.scenario_sources, "factor_columns": exp.factor_names,
            "objectives": search.objectives, "fixed": exp.fixed, "robustness": exp.robustness,
            "markets": exp.markets, "search": spec_dict(search), **search.resolved()}


def remove_outputs(folder: Path) -> None:
    """An earlier search's outputs in ``folder`` (only the names a search writes): --fresh starts
    over, and a half-done new search must not leave the old best plan beside its runs."""
    for name in OUTPUTS:
        (folder / name).unlink(missing_ok=True)
    for plan in (folder / FRONT_DIR).glob("plan-*.toml"):
        plan.unlink()


__all__ = ["SearchError", "SearchResult", "Trial", "distributions", "make_sampler", "new_study", "optimise",
           "trial_tasks"]
