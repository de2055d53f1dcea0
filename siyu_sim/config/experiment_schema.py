"""What an experiment file may say: its keys, their types, bounds and meanings (pydantic).

The models check each key on its own; what depends on the scenarios (factor paths, their
bounds) is checked in ``experiment_checks``. docs/experiments.md's key tables are generated
from these models (``schema_docs.reference_markdown``).
"""

from __future__ import annotations

from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field

from ..assumptions import Uncertain
from ..metrics import DAILY_COLUMNS, DERIVED_COLUMNS
from ..rng import MAX_SEED
from .limits import MAX_REPLICATIONS

#: Metric columns a run can keep: the model's daily table plus the derived ones (cumulative
#: GMV, pool health, and the profit added over the no-private-domain counterfactual, which a
#: sweep runs: ``metrics.derive``).
METRIC_COLUMNS = tuple(c for c in DAILY_COLUMNS if c != "day") + DERIVED_COLUMNS
#: Markets every policy runs in when an experiment with uncertain assumptions does not say.
DEFAULT_MARKETS = 20
DISTRIBUTIONS = {
    "uniform": ("low", "high"),
    "normal": ("mean", "sd"),
    "lognormal": ("median", "sigma"),
    "triangular": ("low", "mode", "high"),
    "truncnormal": ("mean", "sd", "low", "high"),
}


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid")


class DistributionSpec(_Strict):
    kind: Literal["uniform", "normal", "lognormal", "triangular", "truncnormal"] = Field(
        ..., description="Distribution family; its parameters: uniform(low, high), normal(mean, sd), "
        "lognormal(median, sigma), triangular(low, mode, high), truncnormal(mean, sd, low, high).")
    low: float | None = Field(None, description="Lower end (uniform, triangular, truncnormal).")
    high: float | None = Field(None, description="Upper end (uniform, triangular, truncnormal).")
    mean: float | None = Field(None, description="Mean (normal, truncnormal: of the untruncated normal).")
    sd: float | None = Field(None, gt=0, description="Standard deviation (normal, truncnormal).")
    median: float | None = Field(None, gt=0, description="Median (lognormal).")
    sigma: float | None = Field(None, gt=0, description="Standard deviation of the log (lognormal).")
    mode: float | None = Field(None, description="Most likely value (triangular).")


class FactorSpec(_Strict):
    values: list[bool | int | float | str] | None = Field(
        None, min_length=1, description="Grid: every listed value is run (crossed with other grid factors).")
    range: tuple[float, float] | None = Field(
        None, description="[low, high]: sampled uniformly (Latin hypercube, Sobol or Morris).")
    distribution: DistributionSpec | None = Field(
        None, description="Sampled from this distribution (Latin hypercube through its quantile function).")
    name: str | None = Field(None, pattern=r"^[A-Za-z_][A-Za-z0-9_.]*$",
                             description="Column name in the results (default: the dotted path).")
    integer: bool = Field(False, description="Round sampled values to integers (e.g. population.customers).")
    expression: str | None = Field(
        None, min_length=1, description="Derived from the other factors, not varied itself: an expression "
        "over their column names (+ - * / **, comparisons, sqrt log exp abs floor ceil; a name with dots in "
        "`backticks`), "
        "e.g. \"care_staff / 2\" to keep community operators at half the care staff.")


class DesignSpec(_Strict):
    method: Literal["grid", "lhs", "sobol", "morris"] | None = Field(
        None, description="grid (all factors have values), lhs (Latin hypercube over ranges/distributions, "
        "crossed with grid factors), sobol or morris (sensitivity; ranges only). Default: grid if every "
        "factor has values, else lhs.")
    samples: int | None = Field(
        None, ge=1, le=1_000_000, description="lhs: points; sobol: base sample N (a power of 2; "
        "N·(k+2) settings); morris: trajectories (N·(k+1) settings).")
    levels: int = Field(4, ge=2, le=100, description="morris: grid levels.")
    second_order: bool = Field(False, description="sobol: also second-order indices (N·(2k+2) settings).")
    markets: int | None = Field(
        None, ge=1, le=100_000, description="grid/lhs with uncertain assumptions: how many markets (a Latin "
        "hypercube over the uncertain assumptions) every policy — a scenario at one setting of the levers — runs "
        "in, each with the same replications' seeds (common random numbers). Default 20 (DEFAULT_MARKETS).")
    outputs: list[str] = Field(default_factory=list,
                               description="sobol/morris: final metrics to analyse (default: the objectives, "
                               "else cum_profit).")


class RobustnessSpec(_Strict):
    metric: str = Field("cum_incremental_profit", description="The final metric a policy is judged by in "
                        "each market (its mean over replications).")
    goal: Literal["max", "min"] = Field("max", description="Whether more of the metric is better.")
    criterion: Literal["mean", "percentile", "cvar", "regret", "satisficing"] = Field(
        "regret", description="How the best policy is chosen across markets: mean (risk-neutral); percentile "
        "(the worst `percentile` % of markets' bound, e.g. P10); cvar (the mean of that worst tail); regret "
        "(least maximum regret: the shortfall from the best policy in the same market, Savage 1951); "
        "satisficing (the largest share of markets meeting `target`, Simon 1955).")
    percentile: float = Field(10.0, gt=0, lt=100, description="percentile and cvar: the tail judged, in %.")
    target: float | None = Field(None, description="satisficing: the value the metric should reach (or not "
                                 "exceed, with goal = \"min\"); with any criterion, the share of markets "
                                 "meeting it is shown.")


class ExperimentFile(_Strict):
    name: str = Field(..., min_length=1, pattern=r"^[A-Za-z0-9_.-]+$",
                      description="Short name (letters, digits, _ . -); the default output folder.")
    description: str = Field("", description="What question the experiment answers.")
    scenarios: list[str] | dict[str, str] = Field(
        ..., description="Base scenarios: shipped names (nurture, harvest) or .toml paths "
        "relative to the experiment file; a table {label = path} names them.")
    replications: int = Field(..., ge=1, le=MAX_REPLICATIONS, description="Replications per scenario and setting.")
    root_seed: int = Field(..., ge=0, le=MAX_SEED, description="Root seed (64-bit): replication r uses "
                           "SeedSequence(root_seed, spawn_key=(r,)).")
    metrics: Literal["daily", "monthly", "final"] = Field(
        "final", description="Rows kept per run: every day, one per month (flows summed, levels at "
        "month end), or the last day only.")
    columns: list[str] = Field(default_factory=list, description="Metric columns to keep (default: all).")
    output: str | None = Field(None, description="Results folder inside the working directory: a "
                               "relative path without .. (default results/<name>); --out overrides, "
                               "anywhere.")
    batch_size: int | None = Field(None, ge=1, le=100_000,
                                   description="Runs per task sent to a worker (default: automatic).")
    set: dict[str, Any] = Field(default_factory=dict,
                                description="Fixed settings for every run: dotted path = value.")
    factors: dict[str, FactorSpec] = Field(default_factory=dict, description="What varies: dotted path = factor.")
    uncertain: list[Uncertain] = Field(
        default_factory=list, description="Uncertain assumptions (what the market might be, not what the brand "
        "chooses), each a factor drawn in [0, 1] through its own distribution: [[uncertain]] tables as in a "
        "scenario file (docs/uncertainty.md). They replace the scenarios' own.")
    uncertain_defaults: bool = Field(
        False, description="Draw siyu_sim's default uncertain assumptions (docs/uncertainty.md) as factors.")
    design: DesignSpec = Field(default_factory=DesignSpec, description="How factor settings are chosen.")
    constraints: list[str] = Field(
        default_factory=list, description="Conditions every setting must meet, over factor column names, e.g. "
        "\"care_staff + community_staff <= 40\"; settings that break one are not run (grid and lhs).")
    robustness: RobustnessSpec | None = Field(
        None, description="With markets: how policies are judged across them (default: least maximum regret "
        "of the profit added over no private domain).")
    objectives: dict[str, Literal["max", "min"]] = Field(
        default_factory=dict, description="Final metrics to rank settings by: metric = \"max\" | \"min\".")
