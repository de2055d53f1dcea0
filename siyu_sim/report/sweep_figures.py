"""Plotly figures of the sweep and sensitivity reports: the profit / pool-health trade-off with
its front, each factor's effect (replication bands only; log axes for geometric values),
heatmap small multiples and what each output depends on. Words come from ``words``; panels
carry no subplot titles, so no title can sit on another panel's axis title."""

from __future__ import annotations

import numpy as np
import pandas as pd
import plotly.graph_objects as go
from plotly.subplots import make_subplots

from ..words import number, t
from .labels import axis_format, hover_format, metric_label
from .figures import colour, style

FRONT_COLOUR, OTHER_COLOUR = "#c2410c", "#9aa5b1"
PANEL_GAP_PX = 110   # vertical room between rows of panels: an axis title and tick labels


def is_geometric(values) -> bool:
    """True for three or more positive numbers that grow by a roughly constant ratio
    (0.5, 1, 2, 4, 8), or sampled positives spanning a factor of ten or more: a log axis."""
    try:
        v = np.unique(np.asarray(values, dtype=float))
    except (TypeError, ValueError):
        return False
    v = v[np.isfinite(v)]
    if len(v) < 3 or (v <= 0).any():
        return False
    if len(v) > 12:  # sampled: a wide positive range
        return v.max() / v.min() >= 10
    ratios = v[1:] / v[:-1]
    return bool(ratios.min() >= 1.5 and ratios.max() / ratios.min() <= 1.15)


def trade_off_figure(points: pd.DataFrame, x: str, y: str, lang: str) -> go.Figure:
    """One point per setting: ``{x, y}_mid/_lo/_hi`` (median and 10–90% of replications),
    ``pareto`` and ``label`` (the setting in words). The front is ringed and joined."""
    fig = go.Figure()
    hover = (f"%{{text}}<br>{metric_label(x, lang)}: %{{x:{hover_format(x)}}}"
             f"<br>{metric_label(y, lang)}: %{{y:{hover_format(y)}}}<extra></extra>")
    for on_front in (False, True):
        d = points[points["pareto"] == on_front].sort_values(f"{x}_mid")
        if d.empty:
            continue
        col = FRONT_COLOUR if on_front else OTHER_COLOUR
        fig.add_trace(go.Scatter(
            x=d[f"{x}_mid"], y=d[f"{y}_mid"], text=d["label"], hovertemplate=hover,
            mode="lines+markers" if on_front and len(d) > 1 else "markers",
            name=t("sw_front_legend" if on_front else "sw_other_settings", lang),
            line={"color": col, "width": 2, "dash": "dot"},
            marker={"size": 13 if on_front else 9, "color": col,
                    "line": {"color": "#111" if on_front else "#fff", "width": 2}},
            error_x={"type": "data", "symmetric": False, "array": d[f"{x}_hi"] - d[f"{x}_mid"],
                     "arrayminus": d[f"{x}_mid"] - d[f"{x}_lo"], "color": col, "thickness": 1},
            error_y={"type": "data", "symmetric": False, "array": d[f"{y}_hi"] - d[f"{y}_mid"],
                     "arrayminus": d[f"{y}_mid"] - d[f"{y}_lo"], "color": col, "thickness": 1}))
    fig.update_xaxes(title_text=metric_label(x, lang), zeroline=True, zerolinecolor="#444", **axis_format(x))
    fig.update_yaxes(title_text=metric_label(y, lang), automargin=True, **axis_format(y))
    return style(fig, height=560)


def _panel_grid(n: int, max_cols: int = 3, row_px: int = 330):
    cols = min(n, max_cols)
    rows = -(-n // cols)
    height = 200 + row_px * rows + PANEL_GAP_PX * (rows - 1)
    spacing = min(PANEL_GAP_PX / height, 0.9 / max(rows - 1, 1)) if rows > 1 else 0.0
    return rows, cols, height, spacing


def effects_figure(per_factor: dict[str, pd.DataFrame], labels: dict[str, str], objective: str,
                   lang: str, *, sampled: bool = False) -> go.Figure:
    """The objective against each factor: ``per_factor[f]`` has ``x, mid, lo, hi, n`` (median and
    10–90% across the replications of one setting). Grid designs: a line with its band;
    sampled designs: one point per setting with whiskers. Geometric factors on a log axis."""
    names = list(per_factor)
    rows, cols, height, spacing = _panel_grid(len(names))
    fig = make_subplots(rows=rows, cols=cols, shared_yaxes=True, horizontal_spacing=0.06,
                        vertical_spacing=spacing)
    obj = metric_label(objective, lang)
    for i, factor in enumerate(names):
        r, c = i // cols + 1, i % cols + 1
        b = per_factor[factor].sort_values("x")
        numeric = pd.api.types.is_numeric_dtype(b["x"])
        x = b["x"] if numeric else b["x"].astype(str)
        col = colour(2)
        many = bool((b["n"] > 1).any())
        if many and not sampled:
            fig.add_trace(go.Scatter(x=x, y=b["hi"], mode="lines", line={"width": 0}, hoverinfo="skip",
                                     showlegend=False), row=r, col=c)
            fig.add_trace(go.Scatter(x=x, y=b["lo"], mode="lines", line={"width": 0}, fill="tonexty",
                                     fillcolor="rgba(31,78,158,0.18)", hoverinfo="skip", showlegend=False),
                          row=r, col=c)
        err = ({"type": "data", "symmetric": False, "array": b["hi"] - b["mid"],
                "arrayminus": b["mid"] - b["lo"], "color": col, "thickness": 1}
               if many and sampled else None)
        fig.add_trace(go.Scatter(x=x, y=b["mid"], mode="markers" if sampled else "lines+markers",
                                 marker={"size": 7 if sampled else 9, "color": col},
                                 line={"color": col, "width": 3}, error_y=err, showlegend=False,
                                 hovertemplate=f"{labels[factor]} = %{{x}}<br>{obj}: %{{y:{hover_format(objective)}}}"
                                               "<extra></extra>"),
                      row=r, col=c)
        log = numeric and is_geometric(b["x"])
        fig.update_xaxes(title_text=labels[factor], type="log" if log else None,
                         tickvals=(sorted(b["x"].unique()) if log and not sampled else None),
                         row=r, col=c)
    fig.update_yaxes(title_text=obj, col=1, automargin=True, **axis_format(objective))
    fig.update_yaxes(**axis_format(objective))
    return style(fig, height=height, legend_top=False)


def heatmap_multiples(panels: list[tuple[str, pd.DataFrame]], x: str, y: str, objective: str,
                      lang: str, x_label: str, y_label: str, *, goal: str = "max") -> go.Figure:
    """The same heatmap for each combination of the remaining factors, one colour scale; each
    panel's title is an annotation above it with room below the previous row's axis title."""
    rows, cols, height, spacing = _panel_grid(len(panels), row_px=300)
    fig = make_subplots(rows=rows, cols=cols, shared_yaxes=True, horizontal_spacing=0.06,
                        vertical_spacing=spacing, subplot_titles=[title for title, _ in panels])
    zmin, zmax = _z_range(pd.concat([p["mid"] for _, p in panels]))
    for i, (_, cells) in enumerate(panels):
        r, c = i // cols + 1, i % cols + 1
        xcat, ycat, z, custom = _heat_grid(cells, x, y)
        fig.add_trace(_heat_trace(xcat, ycat, z, custom, objective, lang, x_label, y_label, goal,
                                  zmin, zmax, showscale=i == 0), row=r, col=c)
        fig.update_xaxes(title_text=x_label, title_standoff=4, type="category", row=r, col=c)
        fig.update_yaxes(type="category", row=r, col=c)
    fig.update_yaxes(title_text=y_label, col=1, automargin=True)
    return style(fig, height=height, legend_top=False, top=60)


def depends_figure(sens: pd.DataFrame, labels: dict[str, str], lang: str) -> go.Figure:
    """What one output depends on: ``sens`` (factor, index, value, conf) for one scenario and
    output; horizontal bars, the largest on top, one bar per index kind (ST and S1, or μ* and σ)."""
    key = "ST" if (sens["index"] == "ST").any() else "mu_star"
    order = (sens[sens["index"] == key].sort_values("value")["factor"].tolist())
    names = {"ST": "ST", "S1": "S1", "mu_star": "μ*", "sigma": "σ"}
    fig = go.Figure()
    for i, (kind, d) in enumerate(sens.groupby("index", sort=False)):
        d = d.set_index("factor").reindex(order)
        err = None
        if d["conf"].notna().any():
            err = {"type": "data", "array": d["conf"].fillna(0).tolist(), "color": "#444"}
        fig.add_trace(go.Bar(y=[labels.get(f, f) for f in order], x=d["value"], orientation="h",
                             name=names.get(kind, str(kind)), marker_color=colour(i + 2), error_x=err,
                             hovertemplate="%{y}: %{x:.3g}<extra>" + names.get(kind, str(kind)) + "</extra>"))
    fig.update_layout(barmode="group", bargap=0.25)
    fig.update_xaxes(title_text=t("sw_index_axis", lang), rangemode="tozero")
    fig.update_yaxes(automargin=True, ticksuffix="  ")
    return style(fig, height=max(360, 140 + 70 * len(order)))


# ---- heatmaps: the median objective over two factors -----------------------------------------

def _heat_grid(cells: pd.DataFrame, x: str, y: str):
    xs = list(dict.fromkeys(cells[x]))
    ys = [v for v in dict.fromkeys(cells[y])]
    def piv(col):
        return cells.pivot_table(index=y, columns=x, values=col, aggfunc="first").reindex(index=ys, columns=xs)
    mid, lo, hi = piv("mid"), piv("lo"), piv("hi")
    custom = [[[lo.iat[r, c], hi.iat[r, c]] for c in range(len(xs))] for r in range(len(ys))]
    return [str(v) for v in xs], [str(v) for v in ys], mid.values, custom


def _heat_trace(xcat, ycat, z, custom, objective, lang, x_label, y_label, goal, zmin, zmax,
                showscale=True, **kw) -> go.Heatmap:
    obj = metric_label(objective, lang)
    scale = "RdYlGn_r" if goal == "min" else "RdYlGn"
    return go.Heatmap(
        x=xcat, y=ycat, z=z, customdata=custom, colorscale=scale, zmin=zmin, zmax=zmax,
        showscale=showscale, colorbar={"title": {"text": obj, "side": "right"}},
        text=[[number(v, lang) for v in row] for row in z], texttemplate="%{text}",
        textfont={"size": 14},
        hovertemplate=(f"{x_label} = %{{x}}<br>{y_label} = %{{y}}<br>{obj}: %{{z:,.0f}}"
                       f"<br>10–90%: %{{customdata[0]:,.0f}} – %{{customdata[1]:,.0f}}<extra></extra>"),
        **kw)


def _z_range(values) -> tuple[float, float]:
    import numpy as np

    v = np.asarray(values, dtype=float)
    v = v[np.isfinite(v)]
    if v.size == 0:
        return 0.0, 1.0
    lo, hi = float(v.min()), float(v.max())
    return (lo, hi) if hi > lo else (lo - 1.0, hi + 1.0)


def heatmap_figure(cells: pd.DataFrame, x: str, y: str, objective: str, lang: str,
                   x_label: str, y_label: str, *, best: tuple[str, str], goal: str = "max") -> go.Figure:
    """Median objective over two factors (``cells``: one row per (x, y) with ``mid, lo, hi``,
    x and y already as display labels, in display order); the best cell outlined and starred,
    its 10–90% interval on hover."""
    xcat, ycat, z, custom = _heat_grid(cells, x, y)
    zmin, zmax = _z_range(z)
    fig = go.Figure(_heat_trace(xcat, ycat, z, custom, objective, lang, x_label, y_label, goal, zmin, zmax))
    bx, by = xcat.index(str(best[0])), ycat.index(str(best[1]))
    fig.add_shape(type="rect", x0=bx - 0.5, x1=bx + 0.5, y0=by - 0.5, y1=by + 0.5,
                  line={"color": "#111", "width": 4})
    # positions, not labels: a label like "1" would be read as the second category
    fig.add_annotation(x=bx, y=by, text="★ " + t("sweep_best_marker", lang),
                       showarrow=False, yshift=-22, font={"size": 14, "color": "#111"})
    fig.update_xaxes(title_text=x_label, type="category")
    fig.update_yaxes(title_text=y_label, type="category", automargin=True)
    return style(fig, height=max(420, 160 + 70 * len(ycat)), legend_top=False)
