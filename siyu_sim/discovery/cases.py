"""The cases scenario discovery reads: one row per world a sweep ran, its inputs (the uncertain
assumptions' values, and the levers when asked) and its outcomes, each scenario's beside the
others' so that a condition can compare them ("nurture adds less than harvest").

A case is a setting of the sweep — with ``design.markets``, one policy in one market — its
outcomes the mean over replications at the horizon (common random numbers: the scenarios of a
case met the same luck). An uncertain assumption's column holds its value drawn (for a relative
one, the multiplier of each scenario's own value, shown with ×); a joint set's, the number of the
set drawn.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np
import pandas as pd

from ..calendar import DAYS_PER_MONTH
from ..config.expressions import ExpressionError, evaluate
from ..config.problems import closest
from ..experiments.robust import assumption_values
from ..experiments.store import ResultStore
from ..experiments.summary import final_rows


class DiscoveryError(ValueError):
    """A results folder or a condition discovery cannot use: what is wrong and what would do."""


@dataclass
class Cases:
    frame: pd.DataFrame                  # one row per case: inputs, then outcomes
    inputs: list[str]                    # the columns boxes may restrict
    outcomes: list[str]                  # the columns a condition may use
    labels: dict[str, dict[str, str]] = field(default_factory=dict)  # input → {"en", "zh"}
    multiplier: set[str] = field(default_factory=set)  # inputs that are multipliers of a scenario value
    replications: int = 1
    markets: int = 0


def payback_month(day) -> np.ndarray:
    """The month (1-based) of a payback day; infinite when the run never paid back."""
    d = np.asarray(day, dtype=float)
    return np.where(np.isfinite(d), np.floor(d / DAYS_PER_MONTH) + 1, np.inf)


def read_cases(folder: str | Path, *, levers: bool = False) -> Cases:
    """The cases of a finished (or partial) sweep's results folder; ``levers``: the levers are
    inputs too (always when the sweep declares no uncertain assumption)."""
    store = ResultStore(folder)
    try:
        meta = store.experiment_meta()
    except Exception as exc:  # noqa: BLE001 - any unreadable folder is said the same way
        raise DiscoveryError(f"{folder}: not a sweep's results folder ({exc}); run `siyu sweep FILE --out "
                             f"{folder}` first") from None
    frame = store.read()
    if frame is None or frame.empty:
        raise DiscoveryError(f"{folder}: no finished runs yet; run or resume its `siyu sweep` first")
    finals = final_rows(frame)
    if "incremental_payback_day" in finals.columns:
        finals["payback_month"] = payback_month(finals["incremental_payback_day"])
    factors = meta.get("factors", [])
    assumption = [f for f in factors if f.get("assumption")]
    lever = [f for f in factors if not f.get("assumption")]
    chosen = assumption + (lever if levers or not assumption else [])
    if not chosen:
        raise DiscoveryError(f"{folder}: the sweep varied nothing (no factor, no uncertain assumption): there are "
                             "no inputs to find boxes in")
    metrics = [c for c in finals.columns if c not in {"run_id", "scenario", "setting", "replication", "day",
                                                       "month", *(f["name"] for f in factors)}]
    metrics = [m for m in metrics if pd.api.types.is_numeric_dtype(finals[m])]
    means = finals.groupby(["setting", "scenario"], sort=True)[metrics].mean()
    wide = means.unstack("scenario")
    scenarios = list(dict.fromkeys(finals["scenario"]))
    wide.columns = [f"{s}.{m}" for m, s in wide.columns]
    if len(scenarios) == 1:  # one scenario: its metrics by their own names too
        for m in metrics:
            wide[m] = wide[f"{scenarios[0]}.{m}"]
    first = finals.groupby("setting", sort=True)[[f["name"] for f in chosen]].first()
    inputs, labels, multiplier = _inputs(first, chosen, meta)
    table = inputs.join(wide).reset_index(drop=True)
    return Cases(table, list(inputs.columns), list(wide.columns), labels, multiplier,
                 int(meta.get("replications") or 1), int(meta.get("markets") or 0))


def _inputs(first: pd.DataFrame, chosen: list[dict], meta: dict):
    """The input columns (assumptions as values), their names in both languages, the multipliers."""
    values, which = assumption_values(first, meta)
    out, labels, multiplier = pd.DataFrame(index=first.index), {}, set()
    for f in chosen:
        name = f["name"]
        if name not in which:  # a lever
            out[name] = first[name]
            labels[name] = {"en": name, "zh": name}
            continue
        u = which[name]
        out[name] = values[name]
        labels[name] = {"en": u.shown("en"), "zh": u.shown("zh")}
        if u.relative and not u.joint:  # a multiplier of each scenario's own value (the label says ×)
            multiplier.add(name)
    return out, labels, multiplier


def condition(cases: Cases, where: str) -> np.ndarray:
    """Where ``where`` holds, case by case: an expression over the outcome columns (a scenario's as
    ``nurture.cum_incremental_profit``) and the inputs."""
    known = set(cases.outcomes + cases.inputs)
    example = next((c for c in cases.outcomes if c.endswith("cum_incremental_profit")), cases.outcomes[0])
    for token in re.findall(r"(?<![`\w.])[A-Za-z_]\w*(?:\.[A-Za-z_]\w*)*", re.sub(r"`[^`]*`", "", where)):
        if token not in known and token not in _WORDS:
            hint = closest(token, known)
            raise DiscoveryError(f"--where {where!r}: no outcome or input {token!r}"
                                 + (f" (did you mean {hint}?)" if hint else "")
                                 + f"; with several scenarios an outcome is written scenario.metric, e.g. {example}")
    text = where
    for name in sorted(cases.outcomes + cases.inputs, key=len, reverse=True):
        if "." in name or not name.isidentifier():
            text = re.sub(r"(?<![`\w.])" + re.escape(name) + r"(?![\w`])", f"`{name}`", text)
    try:
        value = evaluate(cases.frame, text)
    except ExpressionError as exc:
        shown = ", ".join(c for c in cases.outcomes if c.split(".")[-1] in _USUAL) or ", ".join(cases.outcomes[:8])
        raise DiscoveryError(f"--where {where!r} {exc}; outcomes include: {shown}") from None
    if value.dtype != bool:
        raise DiscoveryError(f"--where {where!r} is not a condition (it gives numbers, not true or false); e.g. "
                             f"{example} < 0")
    return value.to_numpy()


#: Words of the expression language a condition may use besides its columns (config.expressions).
_WORDS = frozenset(("and", "or", "not", "True", "False", "inf", "nan", "sqrt", "log", "exp", "abs", "floor", "ceil"))
#: Outcomes an error message lists first: those a strategist asks about.
_USUAL = ("cum_incremental_profit", "added_vs_ads", "payback_month", "incremental_roi", "active_share")

__all__ = ["Cases", "DiscoveryError", "condition", "payback_month", "read_cases"]
