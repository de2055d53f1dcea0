"""The terminal's text: ``siyu compare``'s (and ``siyu run``'s) monthly table and the paired
comparison's differences with their intervals; ``siyu sweep``'s best setting per objective
with its runner-up, both named by their factor values, and the settings on the profit /
pool-health trade-off front. Words come from ``siyu_sim.words``; a metric's name and how its
values are written from its declaration (``report.labels``)."""

from __future__ import annotations

import numpy as np
import pandas as pd

from ..compare.monthly import HIDDEN_COLUMNS
from ..report.sweep_parts import criterion_text, edges_text, how_sure_text
from ..report.labels import cell, metric_label, metric_value, signed_cell, signed_value
from ..words import check_lang, scenario_label, t
from ..words.numbers import width_ratio

#: The monthly table's columns, each with its words.
MONTHLY_COLUMNS = {
    "month": "col_month", "scenario": "col_scenario", "cum_incremental_profit": "col_cum_incremental_profit",
    "incremental_roi": "col_incremental_roi", "active": "col_active", "muted": "col_muted",
    "churned": "col_churned", "mean_trust": "col_mean_trust", "gmv": "col_gmv", "profit": "col_profit",
    "cum_profit": "col_cum_profit", "roi": "col_roi", "alt_ads_cum_profit": "col_alt_ads_cum_profit"}
#: The paired comparison's metrics, each with its words.
PAIRED_METRICS = {
    "cum_profit": "paired_metric_cum_profit", "cum_incremental_profit": "paired_metric_cum_incremental_profit",
    "cum_gmv": "paired_metric_cum_gmv", "active": "paired_metric_active", "muted": "paired_metric_muted",
    "churned": "paired_metric_churned", "mean_trust": "paired_metric_mean_trust", "roi": "paired_metric_roi"}
#: An objective's goal in words.
GOALS = {"max": "sw_goal_max", "min": "sw_goal_min"}

#: Column widths of the paired table: label, mean, interval, independent width, ratio
#: (Chinese labels are shorter in characters, their column headers longer).
_PAIRED_WIDTHS = {"en": (32, 14, 28, 14, 8), "zh": (14, 14, 28, 16, 10)}


def monthly_text(table: pd.DataFrame, lang: str) -> str:
    """A ``monthly`` table as aligned plain text with labels in ``lang``."""
    check_lang(lang)
    shown = table.drop(columns=[c for c in HIDDEN_COLUMNS if c in table.columns]).reset_index()
    for col in shown.columns.drop(["month", "scenario"]):
        shown[col] = shown[col].map(lambda v, col=col: cell(v, col))
    shown["scenario"] = shown["scenario"].map(lambda n: scenario_label(n, lang))
    shown["month"] = shown["month"].where(shown["month"].ne(shown["month"].shift()), "")
    shown.columns = [t(MONTHLY_COLUMNS[c], lang) for c in shown.columns]
    with pd.option_context("display.unicode.east_asian_width", True):  # align Chinese labels
        return shown.to_string(index=False)


def paired_text(table: pd.DataFrame, reps: int, lang: str = "en") -> str:
    """A ``paired_table`` as plain text: each key metric's mean difference vs the first
    scenario at the horizon with its 95% paired interval, the independent-seed interval width
    and the narrowing ratio."""
    check_lang(lang)
    wl, wm, wi, ww, wr = _PAIRED_WIDTHS[lang]
    baseline = str(table["baseline"].iloc[0])
    lines = [t("paired_title", lang, baseline=scenario_label(baseline, lang), reps=reps)]
    head = (f"{t('paired_col_metric', lang):<{wl}}{t('paired_col_mean', lang):>{wm}}  "
            f"{t('paired_col_interval', lang):<{wi}}{t('paired_col_width', lang):>{ww}}"
            f"{t('paired_col_ratio', lang):>{wr}}")
    for name in dict.fromkeys(table["scenario"]):
        lines.append("")
        lines.append(f"{scenario_label(name, lang)} − {scenario_label(baseline, lang)}")
        lines.append(head)
        for _, row in table[table.scenario == name].iterrows():
            m = row.metric
            label = t(PAIRED_METRICS[m], lang)
            interval = f"[{signed_cell(row.ci_low, m)}, {signed_cell(row.ci_high, m)}]"
            iw = signed_cell(row.independent_ci_width, m).lstrip("+")
            lines.append(f"{label:<{wl}}{signed_cell(row.mean_diff, m):>{wm}}  {interval:<{wi}}"
                         f"{iw:>{ww}}{width_ratio(row.width_ratio):>{wr}}")
    lines.append("")
    lines.append(t("paired_note", lang))
    return "\n".join(lines)


# ---- siyu sweep ---------------------------------------------------------------------------

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

        lines.append(t("sw_best_line", lang, goal=t(GOALS[row.goal], lang),
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


def settings_text(exp, lang: str = "en") -> str:
    """What an experiment's design runs: "432 settings", or "36 policies × 12 markets", and how many
    lever settings the constraints left out."""
    if exp.markets:
        said = t("design_markets", lang, policies=f"{exp.policies:,}", markets=exp.markets)
    else:
        said = t("design_settings", lang, n=f"{len(exp.settings):,}")
    return said + (t("design_dropped", lang, dropped=f"{exp.dropped:,}") if exp.dropped else "")


MAX_ROBUST_LINES = 10


def robust_text(table: pd.DataFrame, levers: list[str], meta: dict, lang: str = "en") -> str:
    """The robustness table: policies ranked by the file's criterion, best first."""
    from ..experiments.robust import spec

    r = spec(meta)
    m = r["metric"]
    money = lambda v: metric_value(v, m, lang)  # noqa: E731
    head = t("sw_robust_head", lang, markets=meta.get("markets"), criterion=criterion_text(r, lang),
             metric=metric_label(m, lang), reps=meta.get("replications"))
    target = r.get("target")
    lines = [head, "  " + t("sw_robust_cols", lang, q=f"{r['percentile']:g}",
                            target=money(target) if target is not None else "—")]
    for _, row in table.head(MAX_ROBUST_LINES).iterrows():
        meets = f"{row['meets']:.0%}" if "meets" in row and row["meets"] == row["meets"] else "—"
        luck = f"{row['luck_share']:.0%}" if row["luck_share"] == row["luck_share"] else "—"
        lines.append(t("sw_robust_line", lang, rank=int(row["rank"]), scenario=scenario_label(row.scenario, lang),
                       setting=setting_text(row, levers, lang), mean=money(row["mean"]), tail=money(row["tail"]),
                       cvar=money(row["cvar"]), regret=money(row["max_regret"]), meets=meets, luck=luck))
    if len(table) > MAX_ROBUST_LINES:
        lines.append("  …")
    edges = edges_text(table.iloc[0], meta, lang)
    if edges:
        lines.append(edges)
    lines.append(how_sure_text(meta, lang))
    return "\n".join(lines)


def front_text(trade: pd.DataFrame, factors: list[str], lang: str = "en") -> str:
    """The settings on the trade-off front, most profitable first ('' if there is none)."""
    if trade.empty or not trade["pareto"].any():
        return ""
    x, y = [c for c in trade.columns if c not in {"scenario", "setting", "policy", "pareto", *factors}][:2]
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
