"""Search files: an experiment file with an ``[optimise]`` table (or ``[search]``), what
``siyu optimise`` reads (docs/optimise.md).

The experiment's own keys mean what they mean for a sweep (``experiment_files`` checks them):
one base scenario, ``[set]``, the levers — factors with a ``range`` are searched continuously
(integers as integers), factors with ``values`` as categories — derived factors (``expression``),
``constraints``, uncertain assumptions drawn as ``design.markets`` markets, replications, the root
seed, ``objectives`` and ``[robustness]``. What a sweep's design would choose, the search
chooses: the file gives no ``design.method`` nor ``design.samples``. ``[optimise]`` says how the
search goes (:class:`OptimiseSpec`). Every problem of the file is reported at once, before
anything runs.
"""

from __future__ import annotations

import hashlib
import json
import math
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field, ValidationError

from ..scenario import Scenario
from .experiment import Experiment, Factor
from .experiment_files import SEARCH_TABLES as TABLES, validate_experiment, with_rows
from .problems import ExperimentError, Problem
from .pydantic_errors import translate
from .schema_info import leaves
from .toml_files import EXPERIMENT_FILE, read_toml

#: What the search judges a trial by when the file names no objective.
DEFAULT_OBJECTIVE = {"cum_incremental_profit": "max"}
#: Robustness criteria a search can use: each trial is judged alone, across the markets.
STATISTICS = ("mean", "percentile", "cvar")
#: Design keys a sweep needs and a search chooses itself.
DESIGN_CHOSEN = ("method", "samples", "levels", "second_order", "outputs")
MAX_TRIALS = 100_000


class OptimiseSpec(BaseModel):
    """The ``[optimise]`` (or ``[search]``) table: how the search goes."""

    model_config = ConfigDict(extra="forbid")

    trials: int = Field(..., ge=1, le=MAX_TRIALS, description="Trials to run: lever settings the search tries, "
                        "each in every market with every replication. The budget only: a search given more trials "
                        "(here or with --trials N) continues the one it finished, to the same result as if it had "
                        "asked for them at first.")
    batch: int = Field(8, ge=1, le=1000, description="Trials per round: asked together, then run together on the "
                       "backend (more keep more workers busy; fewer let each trial learn from more). Part of the "
                       "search: another batch asks other trials, whatever the number of workers.")
    sampler: Literal["auto", "tpe", "nsga2", "random"] = Field(
        "auto", description="auto: tpe for one objective, nsga2 for two or more. tpe: Optuna's TPE (multivariate; "
        "within a round the trials still running count as bad, so a round spreads out); nsga2: Optuna's NSGA-II, "
        "one generation per round (the population is `batch`); random: uniform draws, a baseline to beat.")
    startup_trials: int = Field(10, ge=0, le=MAX_TRIALS, description="tpe: trials drawn at random before the "
                                "sampler models the results.")


@dataclass
class Search:
    """A validated search file: the experiment (its base scenario, levers, markets, seeds) and
    how the search goes. ``trials`` is the budget; everything else decides which trials run."""

    experiment: Experiment
    table: str                  # "optimise" or "search": what the file calls it
    trials: int
    batch: int
    sampler: str                # tpe | nsga2 | random (auto resolved)
    startup_trials: int
    objectives: dict[str, str]  # metric → "max" | "min", in the file's order
    statistic: str              # mean | percentile | cvar: each objective across the markets
    percentile: float           # percentile and cvar: the tail judged, in %
    limits: dict[str, tuple[float | None, float | None]] = field(default_factory=dict)  # lever → its parameter's bounds

    @property
    def scenario(self) -> str:
        """The label of the one base scenario."""
        return next(iter(self.experiment.scenarios))

    def runs(self, trials: int | None = None) -> int:
        """Runs of ``trials`` trials (default the file's): each in every market (one when there
        are none) with every replication."""
        return (trials or self.trials) * max(self.experiment.markets, 1) * self.experiment.replications

    @property
    def levers(self) -> list[Factor]:
        """The factors the search varies."""
        return [f for f in self.experiment.factors if f.lever]

    def resolved(self) -> dict:
        """Everything that decides which trials run and what they score; not the budget (more
        trials continue the same search)."""
        exp = {k: v for k, v in self.experiment.resolved().items() if k not in ("design", "settings")}
        return {**exp, "search": {"batch": self.batch, "sampler": self.sampler, "startup_trials": self.startup_trials,
                                  "objectives": list(self.objectives.items()), "statistic": self.statistic,
                                  "percentile": self.percentile}}

    @property
    def spec_hash(self) -> str:
        text = json.dumps(self.resolved(), sort_keys=True, default=str, separators=(",", ":"))
        return hashlib.sha256(text.encode()).hexdigest()[:16]


def read_search(path: str | Path, *, output: str | None = None, rows: int | None = None) -> Search:
    """Read, validate and resolve a search file (``rows``: --rows, the rows every run simulates,
    over the file's [set]); :class:`ExperimentError` lists every problem (file, key path, value,
    allowed, did-you-mean)."""
    path = Path(path)
    data = with_rows(read_toml(path, EXPERIMENT_FILE), rows, path)
    return validate_search(data, file=str(path), base_dir=path.parent, output=output)


def validate_search(data: dict, *, file: str = "<search>", base_dir: Path | str = ".",
                    output: str | None = None) -> Search:
    """``read_search`` on a file's data (``file`` names it in errors)."""
    problems: list[Problem] = []
    table, spec = _search_table(data, problems)
    rest = {k: v for k, v in data.items() if k not in TABLES}
    problems += _own_problems(rest)
    exp = None
    try:
        exp = validate_experiment(_as_sweep(rest), file=file, base_dir=base_dir, output=output)
    except ExperimentError as exc:  # less the stand-in design's, which the file did not write
        problems += [p for p in exc.problems if p.where not in ("design.method", "design.samples")]
    objectives = dict(rest.get("objectives") or {}) if isinstance(rest.get("objectives"), dict) else {}
    robustness = rest.get("robustness") if isinstance(rest.get("robustness"), dict) else {}
    if not objectives:
        objectives = ({robustness.get("metric", "cum_incremental_profit"): robustness.get("goal", "max")}
                      if robustness else dict(DEFAULT_OBJECTIVE))
    elif "metric" in robustness and robustness["metric"] not in objectives:
        problems.append(Problem("robustness.metric", "the search optimises the file's objectives; this metric is "
                                "not among them", robustness["metric"],
                                "one of the objectives, or no robustness.metric"))
    columns = rest.get("columns") if isinstance(rest.get("columns"), list) else []
    if columns and objectives == DEFAULT_OBJECTIVE and not (rest.get("objectives") or robustness):
        metric = next(iter(DEFAULT_OBJECTIVE))  # a named objective's column is checked as a sweep's is
        problems.append(Problem("columns", f"leaves out {metric}, the metric the search optimises when the file "
                                "names no objective", columns, f"the kept columns with {metric}, or no columns (all)"))
    if exp is not None and not any(f.lever for f in exp.factors):
        problems.append(Problem("factors", "the search needs a lever to vary",
                                allowed="a factor with range = [low, high] or values = [...]"))
    for f in exp.factors if exp is not None else []:
        if f.lever and f.integer and f.range is not None and math.ceil(f.range[0]) > math.floor(f.range[1]):
            problems.append(Problem(f'factors."{f.path}".range', "holds no whole number to search", list(f.range),
                                    "a range with a whole number in it, or integer = false"))
    sampler = spec.sampler if spec else "auto"
    if sampler == "auto":
        sampler = "tpe" if len(objectives) == 1 else "nsga2"
    if spec and sampler == "nsga2" and spec.batch < 2:
        problems.append(Problem(f"{table}.batch", "nsga2 breeds each round from the last: it needs at least two "
                                "trials per round", spec.batch, "2 or more"))
    if problems:
        raise ExperimentError(file, problems)
    # the search chooses the settings: say so in the results folder, not the sweep's stand-in design
    exp.method, exp.samples = "search", None
    settable = leaves(Scenario, next(iter(exp.scenarios.values())))
    limits = {f.name: (settable[f.path].lo, settable[f.path].hi) for f in exp.factors
              if f.lever and f.range is not None and f.path in settable}
    return Search(exp, table, spec.trials, spec.batch, sampler, spec.startup_trials, objectives,
                  robustness.get("criterion", "mean"), float(robustness.get("percentile", 10.0)), limits)


def _search_table(data: dict, problems: list[Problem]) -> tuple[str, OptimiseSpec | None]:
    """Which table the file names the search with, and its keys checked."""
    given = [k for k in TABLES if k in data]
    if not given:
        problems.append(Problem("optimise", "missing: siyu optimise reads an experiment file with an [optimise] "
                                "table", allowed="[optimise] with at least trials = N (docs/optimise.md)"))
        return TABLES[0], None
    if len(given) > 1:
        problems.append(Problem("search", "[optimise] and [search] are the same table: give one",
                                allowed="[optimise] or [search]"))
    table = given[0]
    raw = data[table]
    if not isinstance(raw, dict):
        problems.append(Problem(table, "must be a table", raw, "[optimise] with trials = N, …"))
        return table, None
    try:
        return table, OptimiseSpec.model_validate(raw)
    except ValidationError as exc:
        problems += translate(exc, OptimiseSpec, prefix=(table,))
        return table, None


def _own_problems(data: dict) -> list[Problem]:
    """What a search file may not say that a sweep's may: a design method, more than one base
    scenario, a lever drawn from a distribution, a robustness criterion that judges a trial
    against the others."""
    out = []
    design = data.get("design")
    if isinstance(design, dict):
        out += [Problem(f"design.{key}", "the search chooses the settings", design[key],
                        "design.markets alone (how many markets every trial runs in)")
                for key in DESIGN_CHOSEN if key in design]
    scenarios = data.get("scenarios")
    if isinstance(scenarios, (list, dict)) and len(scenarios) > 1:
        out.append(Problem("scenarios", "the search looks for the best plan of one base scenario", scenarios,
                           "one scenario; compare the plan with others afterwards: siyu compare best.toml harvest"))
    factors = data.get("factors")
    for path, f in (factors.items() if isinstance(factors, dict) else []):
        if isinstance(f, dict) and "distribution" in f:
            out.append(Problem(f'factors."{path}".distribution', "a searched lever needs a range or values",
                               allowed="range = [low, high] (searched continuously) or values = [...] (as categories)"))
    robustness = data.get("robustness")
    criterion = robustness.get("criterion") if isinstance(robustness, dict) else None
    if criterion is not None and criterion not in STATISTICS:
        out.append(Problem("robustness.criterion", "a search judges each trial alone, across the markets; "
                           "regret and satisficing rank policies against each other or a target", criterion,
                           ", ".join(STATISTICS)))
    return out


def _as_sweep(data: dict) -> dict:
    """The file as a sweep's checks read it: a design method the levers fit (lhs over ranges, else
    grid), so that factors, derived factors, constraints, markets and [robustness] are checked as a
    sweep's are (the search replaces the method afterwards)."""
    design = {k: v for k, v in data.get("design", {}).items() if k not in DESIGN_CHOSEN} \
        if isinstance(data.get("design"), dict) else data.get("design", {})
    factors = data.get("factors") if isinstance(data.get("factors"), dict) else {}
    ranged = any(isinstance(f, dict) and "values" not in f and "expression" not in f for f in factors.values())
    if isinstance(design, dict):
        design = {**design, "method": "lhs", "samples": 1} if ranged else {**design, "method": "grid"}
    return {**data, "design": design}


def spec_dict(search: Search) -> dict[str, Any]:
    """The search's own settings, as the results folder records them."""
    return {"table": search.table, "trials": search.trials, **search.resolved()["search"]}


__all__ = ["DEFAULT_OBJECTIVE", "OptimiseSpec", "STATISTICS", "Search", "TABLES", "read_search", "spec_dict",
           "validate_search"]
