"""Every number format a reader sees: counts and amounts in their units (K, M, B; 万, 亿),
money (¥ or 元/CNY), shares, ratios, signed differences and table cells.

Counts and amounts are CLDR's compact short forms by locale (Babel: ``12.3K`` in English,
``1.23万`` and ``3.4亿`` in Chinese), at three significant digits. Money has one format per
language, the same in the terminal, the reports' text, tables and axes: ``¥12.3K`` /
``−¥1.46M`` in English, ``1.23万元`` / ``−146万元`` in Chinese.

A value is written by its *format*, one of ``FORMATS``: which format a table column has
follows from its declared unit (``siyu_sim.metrics.UNIT_FORMATS``; looked up by the layers that
know both, ``siyu_sim.report.labels``), never from its name.
"""

from __future__ import annotations

import math

from babel.numbers import format_compact_decimal

#: The CLDR locale of each language's numbers.
LOCALES = {"en": "en", "zh": "zh_Hans_CN"}

#: How values are written: money (CNY), counts (people, orders), percentages (shares), ratios
#: (CNY per CNY) and scores (trust, attention, fatigue: 0–1).
FORMATS = ("money", "count", "percent", "ratio", "score")
#: A plain-text table cell in each format (the terminal's monthly table).
_CELLS = {"money": "{:,.0f}", "count": "{:,.0f}", "percent": "{:.1%}", "ratio": "{:.2f}", "score": "{:.2f}"}


def finite(x) -> bool:
    try:
        return math.isfinite(float(x))
    except (TypeError, ValueError):
        return False


def number(x: float, lang: str, digits: int = 3) -> str:
    """A count or amount in the reader's units, ``digits`` significant: 12.3K / 1.2M in English,
    1.23万 / 3.4亿 in Chinese (CLDR's compact forms, Babel). Below the language's first unit (a
    thousand; 万) a number is written whole from 100 on (1,234), else to ``digits``."""
    if not finite(x):
        return "–"
    x = float(x)
    a = abs(x)
    locale = LOCALES[lang]
    unit = format_compact_decimal(a, format_type="short", locale=locale, fraction_digits=0).strip("0123456789.,")
    if not unit:  # below the first unit
        text = f"{a:,.0f}" if a >= 100 or a == round(a) else f"{_significant(a, digits):g}"
    else:  # rounded first, so that 999,950 is 1M (not 999.95K)
        text = format_compact_decimal(_significant(a, digits), format_type="short", locale=locale,
                                      fraction_digits=digits)
    return ("−" if x < 0 and any(c in "123456789" for c in text) else "") + text


def _significant(a: float, digits: int) -> float:
    return round(a, digits - 1 - int(math.floor(math.log10(a)))) if a > 0 else 0.0


def money(x: float, lang: str) -> str:
    """An amount of CNY: ``¥384K`` (en) or ``38.4万元`` (zh), the one format per language that
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


def value(x: float, fmt: str, lang: str) -> str:
    """A value in format ``fmt`` as a reader should see it: money as money, percentages to one
    decimal, ratios and scores to two, counts in the reader's units."""
    if not finite(x):
        return "–"
    if fmt == "money":
        return money(x, lang)
    if fmt == "percent":
        return f"{100 * float(x):.1f}%".replace("-", "−")
    if fmt in ("ratio", "score"):
        return f"{float(x):.2f}".replace("-", "−")
    return number(x, lang)


def signed_value(x: float, fmt: str, lang: str) -> str:
    """A difference with its sign: +¥316k, −1.2万元, +3.0%."""
    if not finite(x):
        return "–"
    return ("−" if x < 0 else "+") + value(abs(x), fmt, lang)


def cell(x: float, fmt: str) -> str:
    """A plain-text table cell: whole CNY and people, two decimals for ratios and scores."""
    return _CELLS[fmt].format(x)


def signed(x: float, fmt: str) -> str:
    """A difference in a plain-text table: three decimals for ratios and scores, whole CNY or
    people else."""
    if not finite(x):
        return "–"
    if fmt in ("ratio", "score"):
        return f"{x:+.3f}"
    if fmt == "percent":
        return f"{100 * x:+.1f}%"
    return f"{x:+,.0f}"


def width_ratio(x: float) -> str:
    return f"{x:.2f}" if finite(x) else "–"
