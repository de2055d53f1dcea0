"""Every number format a reader sees: counts and amounts in their units (k, M, B; 万, 亿),
money (¥ or 元/CNY), shares, ratios, signed differences and the monthly table's cells.

Money has one format per language, the same in the terminal, the reports' text, tables and
axes: three significant digits in the reader's units, ``¥12.3k`` / ``−¥1.46M`` in English,
``1.23万元`` / ``−146万元`` in Chinese.
"""

from __future__ import annotations

import math

_UNITS = {"zh": ((1e8, "亿"), (1e4, "万")), "en": ((1e9, "B"), (1e6, "M"), (1e3, "k"))}

#: Cell formats of the monthly table, by column.
MONTHLY_CELLS = {"cum_incremental_profit": "{:,.0f}", "incremental_roi": "{:.2f}",
                 "active": "{:,.0f}", "muted": "{:,.0f}", "churned": "{:,.0f}",
                 "mean_trust": "{:.2f}", "gmv": "{:,.0f}", "profit": "{:,.0f}",
                 "cum_profit": "{:,.0f}", "roi": "{:.2f}", "alt_ads_cum_profit": "{:,.0f}"}


def finite(x) -> bool:
    try:
        return math.isfinite(float(x))
    except (TypeError, ValueError):
        return False


def number(x: float, lang: str, digits: int = 3) -> str:
    """A count or amount in the reader's units: 12.3k / 1.2M in English, 1.2万 / 3.4亿 in Chinese."""
    if not finite(x):
        return "–"
    x = float(x)
    sign = "−" if x < 0 else ""
    a = abs(x)
    for size, suffix in _UNITS[lang]:
        if a >= size:
            return f"{sign}{_sig(a / size, digits)}{suffix}"
    if a >= 100 or a == round(a):
        return f"{sign}{a:,.0f}"
    return f"{sign}{_sig(a, digits)}"


def _sig(v: float, digits: int) -> str:
    if v >= 10 ** digits:
        return f"{v:,.0f}"
    decimals = max(0, digits - 1 - int(math.floor(math.log10(v)))) if v > 0 else 0
    s = f"{v:.{decimals}f}"
    if "." in s:
        s = s.rstrip("0").rstrip(".")
    return s


def money(x: float, lang: str) -> str:
    """An amount of CNY: ``¥384k`` (en) or ``38.4万元`` (zh), the one format per language that
    the terminal and the reports share."""
    if not finite(x):
        return "–"
    s = number(x, lang)
    sign, s = ("−", s[1:]) if s.startswith("−") else ("", s)
    return f"{sign}{s}元" if lang == "zh" else f"{sign}¥{s}"


def percent(x: float) -> str:
    """A share as a percentage; a share that is not zero never shows as 0% (``<1%``)."""
    if not finite(x):
        return "–"
    p = 100 * float(x)
    if p != 0 and abs(p) < 1:
        return "<1%" if p > 0 else "−<1%"
    return f"{p:.0f}%"


def ratio(x: float) -> str:
    return f"{float(x):.2f}".replace("-", "−") if finite(x) else "–"


def count(x: float) -> str:
    """A whole number with thousands separators: 12,345."""
    return f"{x:,.0f}"


def share(x: float) -> str:
    """A level between 0 and 1 (trust) to two decimals."""
    return f"{x:.2f}"


def signed(x: float, metric: str) -> str:
    """A difference with its sign: three decimals for trust and ROI, whole CNY or people else."""
    if not finite(x):
        return "–"
    if metric in ("mean_trust", "roi"):
        return f"{x:+.3f}"
    return f"{x:+,.0f}"


def width_ratio(x: float) -> str:
    return f"{x:.2f}" if finite(x) else "–"
