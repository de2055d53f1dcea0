"""What a search leaves: the best plan as a scenario file every command takes (for a trade-off,
one per plan on the front, with their table), the base scenario as the search ran it (to compare a
plan with, on the same brand and horizon), the table of every trial, and the levers whose best
value sits on the edge of their searched range.

A plan's file is its base scenario (with the experiment's ``[set]``) with the trial's levers and
derived factors set, renamed, under a header that says where it came from: the search file, the
trial, its scores and what they were judged over (markets, replications, the statistic), and
how to check it with fresh luck.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pandas as pd
import tomli_w

from ..config.output_files import csv_bytes, write_files
from ..config.overrides import apply_overrides
from ..experiments.summary import EDGE_SHARE, edge_of
from ..rng import MAX_SEED
from ..scenario import Scenario
from ..words import t
from .search import BASE_FILE, BEST_FILE, FRONT_DIR, FRONT_FILE, TRIALS_FILE, SearchResult, Trial

#: A best value this close to an end of its searched range (a share of the range) sits on it.
BOUND_SHARE = EDGE_SHARE
#: The words (``words``) of a goal and of a statistic across markets.
GOALS = {"max": "opt_goal_max", "min": "opt_goal_min"}
STATISTIC_WORDS = {"mean": "opt_stat_mean", "percentile": "opt_stat_percentile", "cvar": "opt_stat_cvar"}


@dataclass(frozen=True)
class AtBound:
    """A lever whose value in a plan sits at an end of its searched range."""

    factor: str
    side: str  # "low" | "high"
    value: float
    low: float
    high: float
    at_limit: bool = False  # that end is the parameter's own bound: there is no wider range to search


@dataclass
class Outputs:
    trials: Path
    base: Path                                              # the base scenario as searched: what a plan is compared with
    plans: dict[int, Path] = field(default_factory=dict)  # trial number → its scenario file
    front: Path | None = None                               # the front's table (two or more objectives)
    at_bounds: dict[int, list[AtBound]] = field(default_factory=dict)  # trial number → its levers on a bound
    replaced: list[Path] = field(default_factory=list)


def statistic_name(result: SearchResult) -> str:
    """A statistic's short name in a column: cum_incremental_profit_cvar25."""
    s = result.search
    return {"mean": "mean", "percentile": f"p{s.percentile:g}", "cvar": f"cvar{s.percentile:g}"}[s.statistic]


def score_column(result: SearchResult, metric: str) -> str:
    return f"{metric}_{statistic_name(result)}"


def at_bounds(result: SearchResult, trial: Trial) -> list[AtBound]:
    """The searched ranges whose end ``trial``'s value is within ``BOUND_SHARE`` of: the best may
    lie beyond it (widen the range), unless that end is as far as the parameter goes (``at_limit``)."""
    out = []
    for f in result.search.levers:
        if f.range is None:
            continue
        low, high = f.range
        value = float(trial.values[f.name])
        side = edge_of(value, low, high, BOUND_SHARE)
        if side:
            limit = result.search.limits.get(f.name, (None, None))[0 if side == "low" else 1]
            out.append(AtBound(f.name, side, value, low, high, limit == (low if side == "low" else high)))
    return out


def trials_table(result: SearchResult) -> pd.DataFrame:
    """One row per trial, rejected ones included: its round and state, its levers and derived
    factors, each objective's score (the statistic across markets) and mean, and why it was
    rejected or failed; ``plan``: its number on the front (or 1 for the best)."""
    exp = result.search.experiment
    names = [f.name for f in exp.factors if not f.assumption]
    plans = _plans(result)
    rows = []
    for trial in sorted(result.trials, key=lambda x: x.number):
        row: dict[str, Any] = {"trial": trial.number, "round": trial.round, "state": trial.state,
                               **{n: trial.values.get(n) for n in names}}
        for metric in result.search.objectives:
            row[score_column(result, metric)] = trial.scores.get(metric, float("nan"))
            if result.search.statistic != "mean":
                row[f"{metric}_mean"] = trial.means.get(metric, float("nan"))
        row["plan"] = plans.get(trial.number)
        row["reason"] = trial.reason
        rows.append(row)
    frame = pd.DataFrame(rows)
    if not frame.empty:
        frame["plan"] = frame["plan"].astype("Int64")
    return frame


def _plans(result: SearchResult) -> dict[int, int]:
    """Trial number → its plan number: 1 for the best; the front by its first objective, best first."""
    if result.best is not None and len(result.search.objectives) == 1:
        return {result.best: 1}
    metric, goal = next(iter(result.search.objectives.items()))
    ordered = sorted(result.front, key=lambda n: (-1 if goal == "max" else 1) * result.trial(n).scores[metric])
    return {n: k + 1 for k, n in enumerate(ordered)}


def plan_scenario(result: SearchResult, trial: Trial, name: str, lang: str = "en") -> dict:
    """The base scenario with the trial's levers and derived factors set, named ``name``."""
    search = result.search
    exp = search.experiment
    levers = {f.path: trial.values[f.name] for f in exp.factors if not f.assumption}  # no market: the plan's own
    data = Scenario.from_dict(apply_overrides(exp.scenarios[search.scenario], levers)).to_dict()
    return {**data, "name": name, "description": t("opt_plan_description", lang, base=data["description"].rstrip("."),
                                                   trial=trial.number, name=exp.name)}


def check_seed(search) -> int:
    """A root seed for checking a plan with luck the search never gave it: its replications' seeds
    come from another root (``runs.replication_seed``)."""
    return (search.experiment.root_seed + 1) % (MAX_SEED + 1)


def statistic_text(result: SearchResult, lang: str) -> str:
    """What a trial's score is, in words: the statistic across the markets (the mean over
    replications without markets)."""
    s = result.search
    if not s.experiment.markets:
        return t("opt_stat_reps", lang)
    return t(STATISTIC_WORDS[s.statistic], lang, q=f"{s.percentile:g}")


def plan_text(result: SearchResult, trial: Trial, name: str, path: Path, lang: str = "en") -> str:
    """A plan's scenario file: the header, then the scenario as TOML."""
    search, exp = result.search, result.search.experiment
    lines = [t("opt_header_found", lang, file=exp.file, trial=trial.number, trials=len(result.ran),
               sampler=search.sampler, seed=exp.root_seed)]
    for metric, goal in search.objectives.items():
        key = "opt_header_score" if search.statistic == "mean" else "opt_header_score_mean"
        lines.append(t(key, lang, metric=metric, goal=t(GOALS[goal], lang), statistic=statistic_text(result, lang),
                       value=repr(trial.scores[metric]), mean=repr(trial.means[metric])))
    lines.append(t("opt_header_judged", lang, markets=max(exp.markets, 1), reps=exp.replications))
    lines.append(t("opt_header_levers", lang, levers=", ".join(
        f"{f.name} = {trial.values[f.name]!r}" for f in exp.factors if not f.assumption)))
    for bound in at_bounds(result, trial):
        lines.append(t("opt_header_limit" if bound.at_limit else "opt_header_bound", lang, factor=bound.factor,
                       side=t("opt_side_low" if bound.side == "low" else "opt_side_high", lang),
                       low=f"{bound.low:g}", high=f"{bound.high:g}"))
    lines.append(t("opt_header_check", lang, path=path, base=result.folder / BASE_FILE, seed=check_seed(search)))
    return _commented(lines, plan_scenario(result, trial, name, lang))


def base_text(result: SearchResult, lang: str = "en") -> str:
    """The base scenario as the search ran it (its ``[set]`` applied, the levers as they were):
    what a plan is compared with, on the same brand and horizon."""
    exp = result.search.experiment
    data = Scenario.from_dict(exp.scenarios[result.search.scenario]).to_dict()
    return _commented([t("opt_header_base", lang, file=exp.file)], data)


def _commented(lines: list[str], data: dict) -> str:
    return "".join(f"# {line}\n" for line in lines) + "\n" + tomli_w.dumps(data)


def write_outputs(result: SearchResult, lang: str = "en") -> Outputs:
    """Write the trials' table and the plans (``best.toml``; or ``front.csv`` and
    ``front/plan-NN.toml``) into the results folder, every file whole or none; front files of an
    earlier, longer front are removed."""
    folder = result.folder
    table = trials_table(result)
    out = Outputs(folder / TRIALS_FILE, base=folder / BASE_FILE)
    files: dict[Path, bytes | str] = {out.trials: csv_bytes(table), out.base: base_text(result, lang)}
    base = result.search.scenario
    plans = _plans(result)
    if len(result.search.objectives) == 1:
        if result.best is not None:
            path = folder / BEST_FILE
            files[path] = plan_text(result, result.trial(result.best), f"{base}_best", path, lang)
            out.plans[result.best] = path
    elif plans:
        (folder / FRONT_DIR).mkdir(exist_ok=True)
        out.front = folder / FRONT_FILE
        files[out.front] = csv_bytes(table[table["plan"].notna()].sort_values("plan"))
        for number, k in plans.items():
            path = folder / FRONT_DIR / f"plan-{k:02d}.toml"
            files[path] = plan_text(result, result.trial(number), f"{base}_plan{k:02d}", path, lang)
            out.plans[number] = path
    out.at_bounds = {n: bounds for n in out.plans if (bounds := at_bounds(result, result.trial(n)))}
    out.replaced = write_files(files)
    keep = set(out.plans.values())
    for old in (folder / FRONT_DIR).glob("plan-*.toml"):
        if old not in keep:
            old.unlink()
    return out


__all__ = ["AtBound", "BOUND_SHARE", "Outputs", "at_bounds", "plan_scenario", "plan_text", "score_column",
           "trials_table", "write_outputs"]
