"""Axis tick labels in the reader's units: the same ``words.number`` format as the text and
tables (万/亿 in Chinese, which Plotly's own SI ticks cannot write; k/M in English)."""

from __future__ import annotations

import math

import pandas as pd
import plotly.graph_objects as go

from ..words import number


def nice_ticks(lo: float, hi: float, n: int = 5) -> list[float]:
    """About ``n`` round tick values covering [lo, hi] (steps of 1, 2, 2.5 or 5 × 10^k)."""
    lo, hi = min(lo, 0.0), max(hi, 0.0)
    if not (math.isfinite(lo) and math.isfinite(hi)) or hi <= lo:
        return [0.0]
    raw = (hi - lo) / n
    mag = 10 ** math.floor(math.log10(raw))
    step = next(k * mag for k in (1, 2, 2.5, 5, 10) if k * mag >= raw)
    first, last = math.floor(lo / step), math.ceil(hi / step)
    return [i * step for i in range(first, last + 1)]


def unit_axis(fig: go.Figure, lang: str, lo: float, hi: float, axis: str = "y", **selector) -> None:
    """Tick labels in the reader's units: 万/亿 in Chinese (Plotly knows only k/M/G), the same
    ``number`` format as the text and tables; English keeps k/M."""
    ticks = nice_ticks(lo, hi)
    update = fig.update_yaxes if axis == "y" else fig.update_xaxes
    update(tickmode="array", tickvals=ticks, ticktext=[number(v, lang) for v in ticks], **selector)


def extent(frame: pd.DataFrame, cols) -> tuple[float, float]:
    values = frame[list(cols)].to_numpy(dtype=float)
    return float(values.min()), float(values.max())
