"""``siyu sweep``'s printed summary: the best setting per objective with its runner-up, both
named by their factor values, and the settings on the profit / pool-health trade-off front.
Money is written as money, shares as percentages (``words.metric_value``)."""

from __future__ import annotations

import numpy as np
import pandas as pd

from ..words import metric_label, metric_value, scenario_label, signed_value, t

MAX_FRONT_LINES = 12


def setting_text(row, factors: list[str], lang: str, prefix: str = "") -> str:
    """``name=value, …`` of a setting's factors (``prefix``: e.g. ``runner_up_``)."""
    parts = []
    for f in factors:
        v = row[prefix + f]
        parts.append(f"{f}={v:g}" if isinstance(v, (float, np.floating)) else f"{f}={v}")
    return ", ".join(parts) or t("sw_base", lang)


def best_text(best: pd.DataFrame, factors: list[str], lang: str = "en") -> str:
    lines = [t("sw_best_head", lang)]
    for _, row in best.iterrows():
        m = row.objective

        def fmt(v, signed=False):
            return (signed_value if signed else metric_value)(v, m, lang)

        lines.append(t("sw_best_line", lang, goal=t(f"sw_goal_{row.goal}", lang),
                       column=m, objective=metric_label(m, lang), scenario=scenario_label(row.scenario, lang),
                       setting=setting_text(row, factors, lang), value=fmt(row["mean"]),
                       lo=fmt(row.ci_low), hi=fmt(row.ci_high)))
        if "margin" in row and row.margin == row.margin:
            sure = t("sw_clear" if row.margin_excludes_zero else "sw_not_clear", lang)
            lines.append(t("sw_runner_up", lang, scenario=scenario_label(row.runner_up_scenario, lang),
                           setting=setting_text(row, factors, lang, "runner_up_"),
                           margin=fmt(row.margin, True), lo=fmt(row.margin_ci_low, True),
                           hi=fmt(row.margin_ci_high, True), sure=sure))
    return "\n".join(lines)


def front_text(trade: pd.DataFrame, factors: list[str], lang: str = "en") -> str:
    """The settings on the trade-off front, most profitable first ('' if there is none)."""
    if trade.empty or not trade["pareto"].any():
        return ""
    x, y = [c for c in trade.columns if c not in {"scenario", "setting", "pareto", *factors}][:2]
    lines = [t("sw_front_head", lang, x=metric_label(x, lang), y=metric_label(y, lang))]
    front = trade[trade["pareto"]].sort_values(x, ascending=False)
    for _, row in front.head(MAX_FRONT_LINES).iterrows():
        lines.append(t("sw_front_line", lang, scenario=scenario_label(row.scenario, lang),
                       setting=setting_text(row, factors, lang), x=metric_label(x, lang),
                       xv=metric_value(row[x], x, lang), y=metric_label(y, lang),
                       yv=metric_value(row[y], y, lang)))
    if len(front) > MAX_FRONT_LINES:
        lines.append("  …")
    return "\n".join(lines)
