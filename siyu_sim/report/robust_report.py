"""The sweep report of policies run across markets (``design.markets``): the robust choice among
policies, the robustness table, each policy's spread across markets with the target, and in how
many markets each policy is the best (``experiments.robust``)."""

from __future__ import annotations

import pandas as pd
import plotly.graph_objects as go

from ..experiments.robust import market_values, policy_frame, robustness_table, spec
from ..words import scenario_label, strong, t
from .assumptions import section_blocks
from .figures import style
from .html import Page, Para, Table
from .labels import axis_format, metric_label, metric_value
from .sweep_parts import criterion_text, edges_text, how_sure_text, status_blocks, value_text
from .sweep_results import SweepResults

MAX_POLICIES_SHOWN = 12


def add_sections(page: Page, res: SweepResults, lang: str, reps: int) -> None:
    meta = res.meta
    r = spec(meta)
    levers = [f["name"] for f in meta.get("factors", []) if not f.get("assumption")]
    table = robustness_table(res.finals, meta)
    if table.empty:
        return
    best = table.iloc[0]
    crit = criterion_text(r, lang)
    status = status_blocks(res, lang, len(table) * int(meta.get("markets") or 1), reps)
    status.append(Para(strong(t("sw_robust_best", lang, policy=_policy(best, levers, lang), criterion=crit,
                                markets=meta.get("markets"), metric=metric_label(r["metric"], lang),
                                mean=metric_value(best["mean"], r["metric"], lang),
                                tail=metric_value(best["tail"], r["metric"], lang), q=f"{r['percentile']:g}",
                                regret=metric_value(best["max_regret"], r["metric"], lang)))))
    edges = edges_text(best, meta, lang)
    if edges:
        status.append(Para(edges))
    status.append(Para(how_sure_text(meta, lang), "note"))
    page.add("status", t("sec_sweep_status", lang), *status)
    values = market_values(res.finals, meta, r["metric"])
    shown = table.head(MAX_POLICIES_SHOWN)
    page.add("robust", t("sec_sw_robust", lang),
             Para(t("sw_robust_note", lang), "note"), _table(table, levers, r, lang),
             page.figure(_spread_figure(values, shown, levers, r, lang), "robust"))
    wins = _wins(values, r["goal"])
    page.add("wins", t("sec_sw_wins", lang), Para(t("sw_wins_note", lang, markets=meta.get("markets")), "note"),
             Table([t("sw_policy_col", lang), t("sw_wins_col", lang)],
                   [[_policy(row, levers, lang), int(wins.get((row["scenario"], row["policy"]), 0))]
                    for _, row in shown.iterrows()], num_cols=frozenset({1})))
    if res.scenarios:
        page.add("assumptions", t("sec_assumptions", lang),
                 *section_blocks(res.scenarios, lang,
                                 {"seed": meta.get("root_seed"), "version": meta.get("package_version") or "–",
                                  "date": str(meta.get("created", ""))[:10],
                                  "command": f"siyu sweep {meta.get('experiment_file', '')}"},
                                 replications=reps,
                                 extra_rows=[(t("sweep_runs_col", lang), f"{res.n_ok} / {res.n_planned}")]))


def _policy(row, levers: list[str], lang: str) -> str:
    setting = ", ".join(f"{f} = {value_text(row[f], f, lang)}" for f in levers)
    return scenario_label(row["scenario"], lang) + (f" [{setting}]" if setting else "")


def _table(table: pd.DataFrame, levers: list[str], r: dict, lang: str) -> Table:
    m, q = r["metric"], f"{r['percentile']:g}"
    has_target = "meets" in table.columns
    header = ["#", t("sw_policy_col", lang), t("sw_mean_col", lang), f"P{q}", f"CVaR{q}",
              t("sw_max_regret_col", lang), t("sw_mean_regret_col", lang)]
    if has_target:
        header.append(t("sw_meets_col", lang, target=metric_value(r["target"], m, lang)))
    header.append(t("sw_luck_col", lang))
    rows = []
    for _, row in table.iterrows():
        cells = [int(row["rank"]), _policy(row, levers, lang)] + [
            metric_value(row[c], m, lang) for c in ("mean", "tail", "cvar", "max_regret", "mean_regret")]
        if has_target:
            cells.append(f"{row['meets']:.0%}")
        cells.append("—" if row["luck_share"] != row["luck_share"] else f"{row['luck_share']:.0%}")
        rows.append(cells)
    return Table(header, rows, num_cols=frozenset(range(2, len(header))),
                 row_classes=["best" if b else "" for b in table["best"]], wrap=len(rows) > 20)


def _spread_figure(values: pd.DataFrame, shown: pd.DataFrame, levers: list[str], r: dict, lang: str) -> go.Figure:
    """Each shown policy's value in every market (a box of the markets' points), best first."""
    fig = go.Figure()
    m = r["metric"]
    for _, row in shown.iloc[::-1].iterrows():  # best at the top
        v = values[(values["scenario"] == row["scenario"]) & (values["policy"] == row["policy"])]
        fig.add_trace(go.Box(x=v["value"], name=_policy(row, levers, lang), boxpoints="all", jitter=0.4,
                             orientation="h", marker={"size": 5}, line={"width": 1.5},
                             hovertemplate="%{x}<extra>%{fullData.name}</extra>",
                             marker_color="#c2410c" if row["best"] else "#52606d"))
    if r.get("target") is not None:
        fig.add_vline(x=float(r["target"]), line={"color": "#111", "dash": "dash"},
                      annotation_text=t("sw_target", lang), annotation_position="top")
    fig.update_xaxes(title_text=metric_label(m, lang), **axis_format(m))
    fig.update_yaxes(automargin=True)
    fig.update_layout(showlegend=False)
    return style(fig, height=160 + 44 * len(shown), legend_top=False)


def _wins(values: pd.DataFrame, goal: str) -> dict:
    """(scenario, policy) → in how many markets it is the best policy."""
    i = values.groupby("market")["value"].idxmax() if goal == "max" else values.groupby("market")["value"].idxmin()
    return values.loc[i].groupby(["scenario", "policy"]).size().to_dict()


__all__ = ["add_sections", "policy_frame"]
