"""Plotly figures of the calibration report: observed against simulated per metric (band from
the replications, held-out periods shaded), each interval in its allowed range, the loss against
each parameter (identification), the parameters' correlations and the search's convergence.
Words come from ``words``; parameters are named by their scenario paths."""

from __future__ import annotations

import numpy as np
import pandas as pd
import plotly.graph_objects as go
from plotly.subplots import make_subplots

from ..words import number, setting_label, t
from .labels import metric_label, metric_value
from .axes import unit_axis
from .calibration_stats import range_position
from .figures import _line_with_band, _rgba, colour, style
from .sweep_figures import _panel_grid

SIM_COLOUR = colour(2)
OBSERVED_COLOUR, HELD_COLOUR, WARN_COLOUR = "#1d1d1f", "#c2410c", "#b8860b"
HELD_FILL = "rgba(120,120,130,0.13)"
PRED_FILL = _rgba(SIM_COLOUR, 0.08)  # the luck band's colour, lighter (figures._line_with_band: 0.18)
TRIAL_COLOUR = "rgba(31,78,158,0.45)"


def period_axis_title(period: str, lang: str) -> str:
    return t("axis_month" if period == "month" else "cal_axis_week", lang)


def period_label(period: str, n: int, lang: str) -> str:
    return t("cal_period_month" if period == "month" else "cal_period_week", lang, n=n)


def runs(periods) -> list[tuple[int, int]]:
    """Consecutive periods as (first, last) runs: [1, 2, 3, 7] → [(1, 3), (7, 7)]."""
    out: list[tuple[int, int]] = []
    for p in sorted(set(int(p) for p in periods)):
        if out and p == out[-1][1] + 1:
            out[-1] = (out[-1][0], p)
        else:
            out.append((p, p))
    return out


def fit_figure(rows: pd.DataFrame, metrics: list[str], held_out: list[int], period: str, reps: int,
               lang: str) -> go.Figure:
    """One panel per metric: the simulated median with its band (the model's luck) inside the
    prediction band (luck and the data's own scatter: what the held-out check uses), the observed
    values (fitted periods filled, held-out periods hollow and in their own legend entry) and
    the held-out periods shaded."""
    n_rows, cols, height, spacing = _panel_grid(len(metrics), row_px=300)
    fig = make_subplots(rows=n_rows, cols=cols, horizontal_spacing=0.09, vertical_spacing=spacing)
    held_runs = runs(held_out)
    for i, metric in enumerate(metrics):
        r, c = i // cols + 1, i % cols + 1
        d = rows[rows["metric"] == metric]
        sim = d[d["median"].notna()].rename(columns={"median": "mid", "low": "lo", "high": "hi"})
        sim = sim.assign(n=reps)
        if len(sim) and reps > 1 and "pred_low" in sim:  # the band the held-out check uses: luck and scatter
            fig.add_trace(go.Scatter(x=sim["period"], y=sim["pred_high"], mode="lines", line={"width": 0},
                                     hoverinfo="skip", showlegend=False, legendgroup="pred"), row=r, col=c)
            fig.add_trace(go.Scatter(x=sim["period"], y=sim["pred_low"], mode="lines", line={"width": 0},
                                     fill="tonexty", fillcolor=PRED_FILL, hoverinfo="skip", name=t("cal_pred_band", lang),
                                     legendgroup="pred", showlegend=i == 0), row=r, col=c)
        if len(sim):
            _line_with_band(fig, sim, "period", t("cal_sim_median", lang), SIM_COLOUR, row=r, column=c,
                            group="sim", showlegend=i == 0, hover_fmt=",.4~g")
        for held, key, symbol, col in ((False, "cal_observed_fit", "circle", OBSERVED_COLOUR),
                                       (True, "cal_observed_held", "circle-open", HELD_COLOUR)):
            o = d[(d["held"] == held) & d["observed"].notna()]
            fig.add_trace(go.Scatter(
                x=o["period"], y=o["observed"], mode="markers", name=t(key, lang), legendgroup=key,
                showlegend=i == 0, marker={"color": col, "size": 10, "symbol": symbol, "line": {"width": 2.5}},
                customdata=[[period_label(period, p, lang), metric_value(v, metric, lang)]
                            for p, v in zip(o["period"], o["observed"])],
                hovertemplate="%{customdata[0]}: %{customdata[1]}<extra>" + t(key, lang) + "</extra>"),
                row=r, col=c)
        for k, (first, last) in enumerate(held_runs):  # shaded, and named once per panel
            fig.add_vrect(x0=first - 0.5, x1=last + 0.5, fillcolor=HELD_FILL, line_width=0, layer="below",
                          row=r, col=c, annotation_text=t("cal_held_marker", lang) if k == 0 else None,
                          annotation_position="top left", annotation_font_size=13)
        values = d[[c for c in ("observed", "low", "high", "median", "pred_low", "pred_high") if c in d]].to_numpy(
            dtype=float)
        if np.isfinite(values).any():
            lo, hi = float(np.nanmin(values)), float(np.nanmax(values))
            unit_axis(fig, lang, lo, hi * 1.05 if hi > 0 else hi, row=r, col=c)
        fig.update_yaxes(title_text=metric_label(metric, lang), automargin=True, rangemode="tozero", row=r, col=c)
        last = int(rows["period"].max())
        fig.update_xaxes(title_text=period_axis_title(period, lang), row=r, col=c, range=[0.5, last + 0.5],
                         dtick=1 if last <= 12 else 2 if last <= 24 else None)
    return style(fig, height=height)


def interval_figure(estimates: list, lang: str) -> go.Figure:
    """Each parameter's interval as a bar within its allowed range (0–100%), its fitted value
    and, in a recovery check, its true value; parameters the data do not pin down in amber."""
    called = {e.path: setting_label(e.path, lang) for e in estimates}  # by its words
    names = [called[e.path] for e in estimates][::-1]
    ests = estimates[::-1]
    fig = go.Figure()
    for e in ests:
        lo, hi = range_position(e, e.low), range_position(e, e.high)
        col = SIM_COLOUR if e.identified else WARN_COLOUR
        fig.add_trace(go.Scatter(
            x=[lo, hi], y=[called[e.path]] * 2, mode="lines", line={"color": col, "width": 14},
            name=t("cal_interval", lang), legendgroup="interval", showlegend=e is ests[-1],
            hovertemplate=(f"{called[e.path]}<br>{t('cal_interval', lang)}: "
                           f"{t('cal_range', lang, low=number(e.low, lang), high=number(e.high, lang))}<extra></extra>")))
    fig.add_trace(go.Scatter(
        x=[range_position(e, e.best) for e in ests], y=names, mode="markers", name=t("cal_best", lang),
        marker={"symbol": "diamond", "size": 15, "color": "#1d1d1f", "line": {"color": "#fff", "width": 1.5}},
        customdata=[number(e.best, lang) for e in ests],
        hovertemplate="%{y}<br>" + t("cal_best", lang) + ": %{customdata}<extra></extra>"))
    truths = [e for e in ests if e.truth is not None]
    if truths:
        fig.add_trace(go.Scatter(
            x=[range_position(e, e.truth) for e in truths], y=[called[e.path] for e in truths], mode="markers",
            name=t("cal_truth", lang), marker={"symbol": "x", "size": 14, "color": HELD_COLOUR},
            customdata=[number(e.truth, lang) for e in truths],
            hovertemplate="%{y}<br>" + t("cal_truth", lang) + ": %{customdata}<extra></extra>"))
    fig.update_xaxes(range=[-3, 103], title_text=t("cal_axis_range_share", lang), dtick=25)
    fig.update_yaxes(automargin=True, categoryorder="array", categoryarray=names)
    return style(fig, height=180 + 56 * len(names))


def _loss_axis(fig: go.Figure, losses: np.ndarray, **selector) -> None:
    finite = losses[np.isfinite(losses)]
    log = len(finite) and finite.min() > 0 and finite.max() / finite.min() > 50
    fig.update_yaxes(type="log" if log else None, **selector)


def loss_figure(trials: pd.DataFrame, estimates: list, lang: str) -> go.Figure:
    """One panel per parameter: each trial's value against its loss, the interval shaded, the
    best trial starred; a parameter the data do not pin down is titled so."""
    n_rows, cols, height, spacing = _panel_grid(len(estimates), row_px=300)
    fig = make_subplots(rows=n_rows, cols=cols, shared_yaxes=True, horizontal_spacing=0.05,
                        vertical_spacing=spacing)
    d = trials.copy()
    d["loss"] = pd.to_numeric(d["loss"], errors="coerce")
    d = d[np.isfinite(d["loss"])]
    best = d.loc[d["loss"].idxmin()] if len(d) else None
    for i, e in enumerate(estimates):
        r, c = i // cols + 1, i % cols + 1
        if e.path not in d.columns:
            continue
        called = setting_label(e.path, lang)
        fig.add_trace(go.Scatter(
            x=d[e.path], y=d["loss"], mode="markers", name=t("cal_trials", lang), legendgroup="trials",
            showlegend=i == 0, marker={"size": 6, "color": TRIAL_COLOUR},
            hovertemplate=f"{called} = %{{x:.4~g}}<br>{t('cal_axis_loss', lang)}: %{{y:.4~g}}<extra></extra>"),
            row=r, col=c)
        if best is not None:
            fig.add_trace(go.Scatter(
                x=[best[e.path]], y=[best["loss"]], mode="markers", name=t("cal_best_trial", lang),
                legendgroup="best", showlegend=i == 0,
                marker={"symbol": "star", "size": 18, "color": HELD_COLOUR, "line": {"color": "#fff", "width": 1}},
                hovertemplate=f"{called} = %{{x:.4~g}}<br>{t('cal_axis_loss', lang)}: %{{y:.4~g}}<extra></extra>"),
                row=r, col=c)
        fig.add_vrect(x0=e.low, x1=e.high, fillcolor="rgba(31,78,158,0.12)" if e.identified  # after the
                      else "rgba(184,134,11,0.18)", line_width=0, layer="below", row=r, col=c)  # traces
        title = called if e.identified else t("cal_flat_title", lang, name=f"{called}<br>")
        fig.update_xaxes(title_text=title, range=[e.range_low, e.range_high], row=r, col=c,
                         title_font={"color": WARN_COLOUR} if not e.identified else None)
    fig.update_yaxes(title_text=t("cal_axis_loss", lang), col=1)
    _loss_axis(fig, d["loss"].to_numpy(dtype=float))
    return style(fig, height=height)


def correlation_figure(corr: pd.DataFrame, lang: str) -> go.Figure:
    """The parameters' correlation matrix, −1 (red) to +1 (blue), each cell written."""
    names = [setting_label(p, lang) for p in corr.index]
    z = corr.to_numpy(dtype=float)
    text = [[f"{v:.2f}".replace("-", "−") if np.isfinite(v) else "–" for v in row] for row in z]
    fig = go.Figure(go.Heatmap(
        z=z, x=names, y=names, zmin=-1, zmax=1, colorscale="RdBu", text=text, texttemplate="%{text}",
        textfont={"size": 15}, colorbar={"title": {"text": t("cal_corr_label", lang)}},
        hovertemplate="%{y}<br>%{x}<br>" + t("cal_corr_label", lang) + ": %{text}<extra></extra>"))
    fig.update_yaxes(autorange="reversed", automargin=True)
    fig.update_xaxes(automargin=True, tickangle=-25)
    return style(fig, height=260 + 60 * len(names), legend_top=False)


def convergence_figure(conv: pd.DataFrame, lang: str) -> go.Figure:
    """Each trial's loss in the order the search ran them, and the best loss so far."""
    fig = go.Figure()
    fig.add_trace(go.Scatter(
        x=conv["number"], y=conv["loss"], mode="markers", name=t("cal_trials", lang),
        marker={"size": 6, "color": TRIAL_COLOUR},
        hovertemplate=f"{t('cal_axis_trial', lang)} %{{x}}: %{{y:.4~g}}<extra></extra>"))
    fig.add_trace(go.Scatter(
        x=conv["number"], y=conv["best"], mode="lines", name=t("cal_best_so_far", lang),
        line={"color": HELD_COLOUR, "width": 3, "shape": "hv"},
        hovertemplate=f"{t('cal_axis_trial', lang)} %{{x}}: %{{y:.4~g}}<extra>{t('cal_best_so_far', lang)}</extra>"))
    fig.update_xaxes(title_text=t("cal_axis_trial", lang))
    fig.update_yaxes(title_text=t("cal_axis_loss", lang))
    _loss_axis(fig, conv["loss"].to_numpy(dtype=float))
    return style(fig, height=440)
