"""A table column as a reader sees it: its label, and how its values are written.

One lookup for every place a column's name becomes words or a number (reports, their charts,
the terminal's tables): a declared column (``siyu_sim.metrics``: every daily metric and derived
column) is named by its declaration's label, and its values are written in the format of its
declared unit (``metrics.UNIT_FORMATS`` → ``words.numbers``). Only a column that is not a declared
metric (an observed CSV column such as ``orders``) is named by ``words`` (``column_label``) and
written as a count. A run's horizon is said here too (``run_length``: months by the calendar's
rule), so that words/ needs nothing of the model.
"""

from __future__ import annotations

from .. import metrics
from ..config.observed_columns import ratio_format
from ..words import column_label, numbers


def metric_label(name: str, lang: str) -> str:
    """The column's label in ``lang``."""
    return metrics.label(name, lang) or column_label(name, lang)


def number_format(name: str) -> str:
    """How the column's values are written: one of ``words.numbers.FORMATS``."""
    return metrics.number_format(name) or ratio_format(name) or "count"


def metric_value(value: float, name: str, lang: str) -> str:
    """A value of the column: ¥384k / 38.4万元, 12.5%, 0.62, 1.2万."""
    return numbers.value(value, number_format(name), lang)


def signed_value(value: float, name: str, lang: str) -> str:
    """A difference in the column, with its sign: +¥316k, −1.2万元, +3.0%."""
    return numbers.signed_value(value, number_format(name), lang)


def cell(value: float, name: str) -> str:
    """A plain-text table cell of the column (the terminal's tables)."""
    return numbers.cell(value, number_format(name))


def signed_cell(value: float, name: str) -> str:
    """A difference in a plain-text table cell: +12,345, −0.031."""
    return numbers.signed(value, number_format(name))


#: Plotly's tick and hover formats by number format (money ticks carry ¥: SI units, as k/M).
_AXES = {"money": {"tickprefix": "¥", "tickformat": "~s"}, "percent": {"tickformat": ".0%"}}
_HOVER = {"money": ",.0f", "percent": ".1%"}


def axis_format(name: str) -> dict:
    """A chart axis's tick format for the column (Plotly ``update_xaxes``/``update_yaxes``)."""
    return dict(_AXES.get(number_format(name), {}))


def hover_format(name: str) -> str:
    """A chart's hover format for the column's values (Plotly's d3 format)."""
    return _HOVER.get(number_format(name), ".3g")
