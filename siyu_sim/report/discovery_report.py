"""The scenario-discovery report (``siyu discover --report``): where a condition holds, the PRIM
box with its peeling trajectory, CART's leaves, and what the methods assume."""

from __future__ import annotations

import datetime as _dt
from pathlib import Path

import plotly.graph_objects as go

from ..discovery import Cases, Discovery
from ..discovery.boxes import QP_MAX
from ..discovery.text import limit_value, lines
from ..words import check_lang, percent, strong, t
from .figures import style
from .html import Page, Para, Table


def discovery_report(d: Discovery, cases: Cases, path: str | Path, *, name: str = "", lang: str = "en") -> Path:
    """Write the report of one discovery to ``path`` (one self-contained HTML file)."""
    from ..version import __version__

    check_lang(lang)
    page = Page(title=t("dc_report_title", lang), lang=lang, subtitle=f"{name} · {d.where}" if name else d.where,
                meta_line=t("generated", lang, date=_dt.date.today().isoformat(), version=__version__))
    said = lines(d, cases, lang)
    page.add("answer", t("dc_title", lang), Para(strong(said[0])), *[Para(s) for s in said[1:]])
    if d.prim is not None and len(d.trajectory):
        page.add("prim", t("dc_sec_prim", lang), Para(t("dc_trajectory", lang, qp=QP_MAX), "note"),
                 page.figure(_trajectory_figure(d, lang), "trajectory"), _limits_table(d, cases, lang))
    if d.cart:
        page.add("cart", t("dc_sec_cart", lang), Table(
            [t("dc_col_input", lang), t("dc_density", lang), t("dc_coverage", lang)],
            [[_rules(b, cases, lang), percent(b.density), percent(b.coverage)] for b in d.cart],
            num_cols=frozenset({1, 2})))
    page.add("methods", t("dc_sec_methods", lang), Para(t("dc_methods", lang)))
    return page.write(path)


def _rules(box, cases: Cases, lang: str) -> str:
    from ..discovery.text import limits_text

    return limits_text(cases, box.limits, lang)


def _limits_table(d: Discovery, cases: Cases, lang: str) -> Table:
    rows = []
    for lim in d.prim.limits:
        name = cases.labels.get(lim.name, {}).get(lang, lim.name)
        rows.append([name, "–" if lim.low is None else limit_value(cases, lim.name, lim.low, lang),
                     "–" if lim.high is None else limit_value(cases, lim.name, lim.high, lang), f"{lim.qp:.2g}"])
    return Table([t("dc_col_input", lang), t("dc_col_low", lang), t("dc_col_high", lang), t("dc_col_qp", lang)],
                 rows, num_cols=frozenset({1, 2, 3}))


def _trajectory_figure(d: Discovery, lang: str) -> go.Figure:
    tr = d.trajectory[d.trajectory["kind"] == "peel"]
    fig = go.Figure(go.Scatter(
        x=tr["coverage"], y=tr["density"], mode="markers+lines", line={"color": "#9aa5b1", "width": 1},
        marker={"size": 10, "color": tr["res_dim"], "colorscale": "Viridis", "showscale": True,
                "colorbar": {"title": {"text": t("dc_restricted", lang)}}},
        hovertemplate="%{x:.0%} / %{y:.0%}<extra></extra>", showlegend=False))
    chosen = d.trajectory[d.trajectory["chosen"]]
    fig.add_trace(go.Scatter(x=chosen["coverage"], y=chosen["density"], mode="markers", showlegend=False,
                             marker={"size": 20, "color": "rgba(0,0,0,0)", "line": {"color": "#c2410c", "width": 3}},
                             hoverinfo="skip"))
    fig.update_xaxes(title_text=t("dc_coverage", lang), tickformat=".0%", range=[0, 1.05])
    fig.update_yaxes(title_text=t("dc_density", lang), tickformat=".0%", range=[0, 1.05])
    return style(fig, height=480, legend_top=False)
