"""Plotly figures for the reports. Each function takes tidy frames and a language and returns a
``go.Figure``; all words come from ``text``. Fonts are large enough for a projector."""

from __future__ import annotations

import math

import numpy as np
import pandas as pd
import plotly.graph_objects as go
from plotly.subplots import make_subplots

from . import stats
from ..compare import bridge as bridges
from ..compare.monthly import final_day
from ..compare.verdict import run_length
from ..metrics import TRUST_BANDS, aggregate
from ..words import money, number, percent, scenario_label, segment_labels, t
from ..words.numbers import signed_value
from .axes import extent as _extent, unit_axis
from .html import FONT_STACK

SCENARIO_COLOURS = ("#1b7837", "#c2410c", "#1f4e9e", "#7b3294", "#b8860b", "#0e7c86", "#8c2d04",
                    "#4d4d4d")
STATUS_COLOURS = {"active": "#2a9d8f", "muted": "#e9c46a", "churned": "#9b2226"}
#: A member status's name on the charts.
STATUS_WORDS = {"active": "status_active", "muted": "status_muted", "churned": "status_churned"}
TRUST_COLOURS = ("#b2182b", "#ef8a62", "#f7d98b", "#67a9cf", "#2166ac")
GMV_COLOUR, PROFIT_COLOUR = "#9ecae1", "#08519c"
FONT_SIZE = 16


def colour(i: int) -> str:
    return SCENARIO_COLOURS[i % len(SCENARIO_COLOURS)]


def _rgba(hex_colour: str, alpha: float) -> str:
    h = hex_colour.lstrip("#")
    r, g, b = (int(h[i:i + 2], 16) for i in (0, 2, 4))
    return f"rgba({r},{g},{b},{alpha})"


def style(fig: go.Figure, *, height: int = 480, legend_top: bool = True, top: int = 90) -> go.Figure:
    """The house style: white, large type, legend above the plot, CJK-capable fonts."""
    fig.update_layout(
        template="plotly_white", height=height,
        font={"family": FONT_STACK, "size": FONT_SIZE, "color": "#222"},
        margin={"l": 70, "r": 30, "t": top if legend_top else 50, "b": 60},
        hoverlabel={"font": {"family": FONT_STACK, "size": 15}},
        legend=({"orientation": "h", "yref": "container", "y": 0.995, "yanchor": "top",
                 "xanchor": "left", "x": 0, "font": {"size": FONT_SIZE}}
                if legend_top else {}),
    )
    fig.update_annotations(font={"family": FONT_STACK, "size": FONT_SIZE + 1})
    return fig


def _grid(n: int, max_cols: int = 3) -> tuple[int, int]:
    cols = min(n, max_cols)
    return math.ceil(n / cols), cols


def _cell(i: int, cols: int) -> tuple[int, int]:
    return i // cols + 1, i % cols + 1


def _scenarios(daily: pd.DataFrame) -> list[str]:
    return list(dict.fromkeys(daily["scenario"]))


def _line_with_band(fig, b: pd.DataFrame, x: str, name: str, col: str, *, dash: str | None = None,
                    row: int | None = None, column: int | None = None, group: str = "",
                    show_band: bool = True, showlegend: bool = True, hover_fmt: str = ",.0f"):
    kw = {"row": row, "col": column} if row is not None else {}
    if show_band and (b["n"] > 1).any():
        fig.add_trace(go.Scatter(x=b[x], y=b["hi"], mode="lines", line={"width": 0},
                                 hoverinfo="skip", showlegend=False, legendgroup=group), **kw)
        fig.add_trace(go.Scatter(x=b[x], y=b["lo"], mode="lines", line={"width": 0},
                                 fill="tonexty", fillcolor=_rgba(col, 0.18), hoverinfo="skip",
                                 showlegend=False, legendgroup=group), **kw)
    fig.add_trace(go.Scatter(x=b[x], y=b["mid"], mode="lines", name=name, legendgroup=group,
                             showlegend=showlegend,
                             line={"color": col, "width": 3, "dash": dash},
                             hovertemplate=f"%{{y:{hover_fmt}}}<extra>{name}</extra>"), **kw)


# ---- comparison figures -----------------------------------------------------------------------

def _scenario_panels(daily: pd.DataFrame, lang: str):
    """Scenario names, grid shape and a figure with one titled panel per scenario (shared y)."""
    names = _scenarios(daily)
    rows, cols = _grid(len(names))
    fig = make_subplots(rows=rows, cols=cols, shared_yaxes=True, horizontal_spacing=0.04,
                        vertical_spacing=0.12,
                        subplot_titles=[scenario_label(n, lang) for n in names])
    return names, rows, cols, fig


def members_figure(daily: pd.DataFrame, lang: str) -> go.Figure:
    """Members by status over time, stacked, one panel per scenario (medians of runs)."""
    names, rows, cols, fig = _scenario_panels(daily, lang)
    for i, name in enumerate(names):
        r, c = _cell(i, cols)
        d = daily[daily["scenario"] == name]
        for status in ("active", "muted", "churned"):
            b = stats.band(d, status, ["day"])
            fig.add_trace(go.Scatter(
                x=b["day"], y=b["mid"], mode="lines", stackgroup=f"s{i}", name=t(STATUS_WORDS[status], lang),
                legendgroup=status, showlegend=i == 0,
                line={"width": 0.5, "color": STATUS_COLOURS[status]},
                fillcolor=_rgba(STATUS_COLOURS[status], 0.85),
                hovertemplate="%{y:,.0f}<extra>" + t(STATUS_WORDS[status], lang) + "</extra>"),
                row=r, col=c)
        fig.update_xaxes(title_text=t("axis_day", lang), row=r, col=c)
        gone = stats.exhausted_day(d)
        if gone is not None:
            fig.add_vline(x=gone, line={"color": "#444", "dash": "dot", "width": 2}, row=r, col=c,
                          annotation_text=t("exhausted_marker", lang, day=gone),
                          annotation_position="bottom right")
    fig.update_yaxes(title_text=t("axis_members", lang), col=1)
    top = float(daily.groupby(["scenario", "day"])[["active", "muted", "churned"]].median().sum(axis=1).max())
    unit_axis(fig, lang, 0.0, top)
    return style(fig, height=440 + 340 * (rows - 1))



def trust_figure(daily: pd.DataFrame, lang: str) -> go.Figure:
    """Members' trust distribution over time (shares in five bands), one panel per scenario."""
    names, rows, cols, fig = _scenario_panels(daily, lang)
    for i, name in enumerate(names):
        r, c = _cell(i, cols)
        d = daily[daily["scenario"] == name]
        mean = d.groupby("day", sort=True)[list(TRUST_BANDS)].mean()
        total = mean.sum(axis=1).where(lambda s: s > 0)
        share = mean.div(total, axis=0).fillna(0.0) * 100
        for k, band in enumerate(TRUST_BANDS):
            fig.add_trace(go.Scatter(
                x=share.index, y=share[band], mode="lines", stackgroup=f"t{i}", name=t(band, lang),
                legendgroup=band, showlegend=i == 0,
                line={"width": 0.5, "color": TRUST_COLOURS[k]},
                fillcolor=_rgba(TRUST_COLOURS[k], 0.9),
                hovertemplate="%{y:.0f}%<extra>" + t(band, lang) + "</extra>"),
                row=r, col=c)
        fig.update_xaxes(title_text=t("axis_day", lang), row=r, col=c)
    fig.update_yaxes(range=[0, 100], col=1, title_text=t("axis_share_members", lang))
    fig.update_yaxes(range=[0, 100])
    return style(fig, height=440 + 340 * (rows - 1))


def money_figure(daily: pd.DataFrame, lang: str) -> go.Figure:
    """Monthly GMV bars beside monthly profit bars, one panel per scenario, shared y-axis, with
    10–90% whiskers across runs."""
    names, rows, cols, fig = _scenario_panels(daily, lang)
    m = aggregate(daily, "month", by=("scenario", "replication"))
    # the ledger's profit (every member order counted), not the profit added over no private domain
    words = {"gmv": t("gmv", lang), "profit": t("money_ledger_profit", lang)}
    for i, name in enumerate(names):
        r, c = _cell(i, cols)
        d = m[m["scenario"] == name]
        for metric, col in (("gmv", GMV_COLOUR), ("profit", PROFIT_COLOUR)):
            b = stats.band(d, metric, ["month"])
            many = (b["n"] > 1).any()
            fig.add_trace(go.Bar(
                x=b["month"], y=b["mid"], name=words[metric], legendgroup=metric,
                showlegend=i == 0, marker_color=col,
                error_y=({"type": "data", "symmetric": False, "array": b["hi"] - b["mid"],
                          "arrayminus": b["mid"] - b["lo"], "color": "#444", "thickness": 1.2}
                         if many else None),
                hovertemplate="¥%{y:,.0f}<extra>" + words[metric] + "</extra>"),
                row=r, col=c)
        fig.update_xaxes(title_text=t("axis_month", lang), dtick=1 if d["month"].nunique() <= 24 else None,
                         row=r, col=c)
    fig.update_yaxes(title_text=t("axis_cny", lang), col=1)
    fig.update_yaxes(zeroline=True, zerolinecolor="#444", zerolinewidth=1.5)
    unit_axis(fig, lang, *_extent(m, ["gmv", "profit"]))
    fig.update_layout(barmode="group", bargap=0.2)
    return style(fig, height=440 + 340 * (rows - 1))


def cumulative_figure(daily: pd.DataFrame, lang: str) -> go.Figure:
    """Cumulative profit of each scenario; ROI below. With the incremental columns: the profit
    added over no private domain (solid), the ledger's profit (dotted, the gross layer) and the
    added profit of the same cash in paid ads (dashed: valued on the baseline, so only with one);
    added ROI below."""
    names = _scenarios(daily)
    added = "cum_incremental_profit" in daily.columns
    head, roi_col = ("cum_incremental_profit", "incremental_roi") if added else ("cum_profit", "roi")
    fig = make_subplots(rows=2, cols=1, shared_xaxes=True, vertical_spacing=0.1,
                        row_heights=[0.62, 0.38],
                        subplot_titles=[t("panel_cum_added" if added else "panel_cum", lang),
                                        t("panel_roi_added" if added else "panel_roi", lang)])
    ads = "alt_ads_cum_profit" in daily.columns
    shown = [head] + (["alt_ads_cum_profit"] if ads else []) + (["cum_profit"] if added else [])
    for i, name in enumerate(names):
        d = daily[daily["scenario"] == name]
        col = colour(i)
        label = scenario_label(name, lang)
        _line_with_band(fig, stats.band(d, head, ["day"]), "day",
                        f"{label}: {t('cum_added' if added else 'cum_profit', lang)}", col,
                        row=1, column=1, group=name)
        if added:
            _line_with_band(fig, stats.band(d, "cum_profit", ["day"]), "day",
                            f"{label}: {t('cum_ledger', lang)}", col, dash="dot", row=1, column=1,
                            group=name + "_ledger", show_band=False)
        if ads:
            _line_with_band(fig, stats.band(d, "alt_ads_cum_profit", ["day"]), "day",
                            f"{label}: {t('alt_ads', lang)}", col, dash="dash", row=1, column=1,
                            group=name + "_ads", show_band=False)
        _line_with_band(fig, stats.band(d, roi_col, ["day"]), "day", f"{label}: {t('roi', lang)}",
                        col, row=2, column=1, group=name, showlegend=False, hover_fmt=".2f")
    fig.update_xaxes(title_text=t("axis_day", lang), row=2, col=1)
    fig.update_yaxes(title_text=t("axis_cny", lang), row=1, col=1, zeroline=True,
                     zerolinecolor="#444", zerolinewidth=1.5)
    fig.update_yaxes(title_text=t("axis_roi", lang), row=2, col=1, zeroline=True,
                     zerolinecolor="#444", zerolinewidth=1.5)
    unit_axis(fig, lang, *_extent(daily, shown), row=1, col=1)
    return style(fig, height=640)


#: The funnel at the end of the run, each step a subset of the one before and each the same
#: number as its status count: ever joined ⊇ still members (active + muted) ⊇ active ⊇ engaged
#: (active and paying attention today).
FUNNEL_STEPS = (("ever_members", "funnel_acquired"), ("members", "funnel_members"),
                ("active", "funnel_active"), ("engaged", "funnel_engaged"))


def funnel_figure(daily: pd.DataFrame, lang: str) -> go.Figure:
    """The funnel at the end of the run as grouped horizontal bars on one axis (medians of
    runs), each step labelled with its count and its share of those who ever joined."""
    names = _scenarios(daily)
    last = final_day(daily)
    steps = [t(key, lang) for _, key in FUNNEL_STEPS]
    fig = go.Figure()
    top = 0.0
    for i, name in enumerate(names):
        d = last[last["scenario"] == name]
        values = [float(d[col].median()) for col, _ in FUNNEL_STEPS]
        top = max(top, max(values))
        base = values[0] if values[0] > 0 else float("nan")
        text = [f"{number(v, lang)} · {percent(v / base)}" if base == base else number(v, lang)
                for v in values]
        fig.add_trace(go.Bar(
            name=scenario_label(name, lang), y=steps, x=values, orientation="h",
            marker_color=colour(i), text=text, textposition="outside", cliponaxis=False,
            textfont={"size": 15, "color": "#222"},
            hovertemplate="%{y}: %{x:,.0f}<extra>" + scenario_label(name, lang) + "</extra>"))
    fig.update_layout(barmode="group", bargap=0.25, bargroupgap=0.05)
    fig.update_yaxes(autorange="reversed", automargin=True, ticksuffix="  ")
    fig.update_xaxes(title_text=t("axis_people", lang), range=[0, top * 1.22 if top > 0 else 1])
    unit_axis(fig, lang, 0.0, top, axis="x")
    return style(fig, height=max(420, 140 + 44 * len(FUNNEL_STEPS) * len(names)))


def ltv_figure(segment_daily: pd.DataFrame, lang: str) -> go.Figure:
    """Realised LTV per member ever acquired, by segment and scenario, end of run."""
    seg = segment_daily
    last_day = seg.groupby(["scenario", "replication"], sort=False)["day"].transform("max")
    last = seg[seg["day"] == last_day]
    names = _scenarios(seg)
    called = segment_labels(seg["segment"], lang)  # every segment in one language
    fig = go.Figure()
    for i, name in enumerate(names):
        d = last[last["scenario"] == name]
        b = stats.band(d, "realised_ltv", ["segment"])
        many = (b["n"] > 1).any()
        fig.add_trace(go.Bar(
            x=[called[s] for s in b["segment"]], y=b["mid"],
            name=scenario_label(name, lang), marker_color=colour(i),
            text=None if many else [f"¥{v:,.0f}" for v in b["mid"]], textposition="outside",
            error_y=({"type": "data", "symmetric": False, "array": b["hi"] - b["mid"],
                      "arrayminus": b["mid"] - b["lo"], "color": "#444"} if many else None),
            hovertemplate="¥%{y:,.0f}<extra>" + scenario_label(name, lang) + "</extra>"))
    fig.update_layout(barmode="group")
    fig.update_xaxes(title_text=t("axis_segment", lang))
    fig.update_yaxes(title_text=t("axis_ltv", lang), rangemode="tozero")
    return style(fig, height=460)


# ---- the CFO's charts: where the added profit comes from, month by month ---------------------

#: The bridge's colours: what adds, what costs, where it starts and ends.
RISE_COLOUR, FALL_COLOUR, TOTAL_COLOUR = "#2a9d8f", "#c0392b", "#1f4e9e"
#: Each cost's colour in the cost-by-month stacks (``compare.bridge.COSTS``).
COST_COLOURS = {"discount_cost": "#e9c46a", "staff_cost": "#1f4e9e", "tool_cost": "#7b3294",
                "acquisition_cost": "#c2410c"}


def bridge_steps(daily: pd.DataFrame, lang: str) -> dict[str, tuple[list[str], list[float]]]:
    """{scenario: (the bridge's step names in ``lang``, their values)}: no private domain (0), each
    step of ``compare.bridge`` (costs negative), the added profit at the horizon; the chart's and
    the deck's."""
    table = bridges.bridge(daily)
    names = [t("cfo_start", lang), *(t(bridges.STEP_WORDS[s], lang) for s, _ in bridges.STEPS), t("cfo_total", lang)]
    return {name: (names, [0.0, *(float(row[s]) for s, _ in bridges.STEPS), float(row[bridges.TOTAL])])
            for name, row in table.iterrows()}


def bridge_figure(daily: pd.DataFrame, lang: str) -> go.Figure:
    """The profit bridge, one waterfall per scenario side by side (shared y): from no private
    domain (0) through the gross margin added and each cost to the added profit (means of runs)."""
    steps = bridge_steps(daily, lang)
    names = list(steps)
    fig = make_subplots(rows=1, cols=len(names), shared_yaxes=True, horizontal_spacing=0.04,
                        subplot_titles=[scenario_label(n, lang) for n in names])
    lo = hi = 0.0
    for i, name in enumerate(names):
        labels, values = steps[name]
        running = np.cumsum(values[:-1])
        lo, hi = min(lo, float(running.min()), values[-1]), max(hi, float(running.max()), values[-1])
        text = [money(values[0], lang), *(signed_value(v, "money", lang) for v in values[1:-1]),
                money(values[-1], lang)]
        fig.add_trace(go.Waterfall(
            x=labels, y=values, measure=["absolute", *["relative"] * (len(values) - 2), "total"],
            text=text, textposition="outside", cliponaxis=False, textfont={"size": 14},
            increasing={"marker": {"color": RISE_COLOUR}}, decreasing={"marker": {"color": FALL_COLOUR}},
            totals={"marker": {"color": TOTAL_COLOUR}}, connector={"line": {"color": "#888", "width": 1}},
            name=scenario_label(name, lang), showlegend=False,
            hovertemplate="%{x}: %{text}<extra>" + scenario_label(name, lang) + "</extra>"), row=1, col=i + 1)
        fig.update_xaxes(tickangle=-30, row=1, col=i + 1)
    fig.update_yaxes(title_text=t("axis_cny", lang), col=1)
    fig.update_yaxes(zeroline=True, zerolinecolor="#444", zerolinewidth=1.5)
    pad = 0.12 * (hi - lo or 1.0)  # room for the labels above and below the bars
    fig.update_yaxes(range=[lo - pad, hi + pad])
    unit_axis(fig, lang, lo, hi)
    return style(fig, height=470, legend_top=False)


def monthly_money_figure(daily: pd.DataFrame, lang: str) -> go.Figure:
    """Month by month, one column of panels per scenario (means of runs, as the monthly table):
    above, each month's profit added over no private domain, with the break-even month (solid: from
    it the added profit to date stays at or above zero) and the month from which every month adds
    (dotted) marked at the month's start; below, what the private domain cost that month by the
    ledger's categories (the bridge's costs), stacked. Needs the baseline's columns."""
    names = _scenarios(daily)
    days = int(daily["day"].max()) + 1
    table = bridges.monthly_money(daily, days)
    even = bridges.break_even(daily, days)
    fig = make_subplots(rows=2, cols=len(names), shared_yaxes=True, shared_xaxes=True, horizontal_spacing=0.04,
                        vertical_spacing=0.1, row_heights=[0.55, 0.45],
                        subplot_titles=[scenario_label(n, lang) for n in names])
    for i, name in enumerate(names):
        d = table.xs(name, level="scenario")
        _added_panel(fig, d["incremental_profit"], even.loc[name], colour(i), scenario_label(name, lang),
                     run_length(days, lang), lang, col=i + 1)
        for cost in bridges.COSTS:
            word = t(bridges.STEP_WORDS[cost], lang)
            fig.add_trace(go.Bar(
                x=d.index, y=d[cost].to_numpy(), name=word, legendgroup=cost, showlegend=i == 0,
                marker_color=COST_COLOURS[cost],
                hovertemplate="%{x}: ¥%{y:,.0f}<extra>" + word + "</extra>"), row=2, col=i + 1)
        fig.update_xaxes(title_text=t("axis_month", lang), row=2, col=i + 1)
    fig.update_xaxes(dtick=1 if table.index.get_level_values("month").nunique() <= 24 else None)
    fig.update_layout(barmode="stack", bargap=0.25)
    lo, hi = _extent(table, ["incremental_profit"])
    lo, hi = min(lo, 0.0), max(hi, 0.0)
    span = hi - lo or 1.0
    # room above the bars for the markers' words
    fig.update_yaxes(range=[lo - 0.05 * span, hi + 0.25 * span], zeroline=True, zerolinecolor="#444",
                     zerolinewidth=1.5, row=1)
    unit_axis(fig, lang, lo, hi, row=1)
    fig.update_yaxes(title_text=t("cfo_monthly_added", lang), row=1, col=1)
    top = float(table[list(bridges.COSTS)].sum(axis=1).max())
    # a range of its own: plotly.js left this row at [-1, 4] once the row above had one
    fig.update_yaxes(range=[0.0, 1.05 * top if top > 0 else 1.0], row=2)
    unit_axis(fig, lang, 0.0, top, row=2)
    fig.update_yaxes(title_text=t("cfo_monthly_costs", lang), row=2, col=1)
    return style(fig, height=600)


def _added_panel(fig: go.Figure, added: pd.Series, even: pd.Series, shade: str, label: str, horizon: str,
                 lang: str, col: int) -> None:
    """One scenario's monthly added profit (lighter where it loses) in the figure's first row, and its
    break-even markers (``compare.bridge.break_even``'s row ``even``) at the start of their months."""
    values = added.to_numpy()
    fig.add_trace(go.Bar(
        x=added.index, y=values, name=t("cfo_monthly_added", lang), showlegend=False,
        marker_color=[shade if v >= 0 else _rgba(shade, 0.45) for v in values],
        hovertemplate="%{x}: ¥%{y:,.0f}<extra>" + label + "</extra>"), row=1, col=col)
    if np.isfinite(even["positive_month"]):
        fig.add_vline(x=even["positive_month"] - 0.5, line={"color": "#444", "dash": "dot", "width": 2},
                      row=1, col=col, annotation_text=t("cfo_positive_marker", lang, month=int(even["positive_month"])),
                      annotation_position="bottom right")
    if np.isfinite(even["payback_month"]):
        fig.add_vline(x=even["payback_month"] - 0.5, line={"color": "#222", "width": 2.5}, row=1, col=col,
                      annotation_text=t("cfo_payback_marker", lang, month=int(even["payback_month"])),
                      annotation_position="top left")
    else:
        fig.add_annotation(text=t("cfo_no_payback", lang, months=horizon), x=0.02, y=0.98, xref="x domain",
                           yref="y domain", xanchor="left", yanchor="top", showarrow=False,
                           bgcolor="rgba(255,255,255,0.85)", row=1, col=col)


# ---- sweep figures ----------------------------------------------------------------------------
