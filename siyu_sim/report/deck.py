"""The comparison as a PowerPoint deck a consultant edits and sends (``siyu compare … --deck FILE.pptx``).

``write_deck(result, path, lang=..., weighing=..., meta=...)`` writes, in English or Chinese:

1. the answer: who adds the most profit over no private domain, whether each pays and beats paid
   ads (the verdict's own sentences), for a brand fitted to its own numbers how well
   (``calibration_report.fit_line``: a poor fit in a warning), and how sure — with ``--draws``,
   the probability table and what the answer hinges on; else what the figures cover;
2. the key figures (the report's table);
3. the profit bridge from no private domain to the added profit, one chart per strategy, and its
   table (``compare.bridge``);
4. the monthly added profit, with each strategy's break-even month;
5. what the private domain costs each month, by category;
6. with ``--draws``, the drivers: one tornado per strategy.

Everything is native PowerPoint, so it can be edited: tables are tables, and charts are charts
with their numbers inside (python-pptx; no browser, no picture). The bridge is the usual stacked
column chart with an invisible base (PowerPoint 2013's chart type without a waterfall): each bar's
hidden part places it, its visible part is the step. Numbers are the comparison's own — the
monthly table, the bridge and the key figures the report and the workbook show.
"""

from __future__ import annotations

import datetime as _dt
import io
import math
from pathlib import Path
from typing import TYPE_CHECKING, Sequence

import numpy as np
import pandas as pd

from ..compare import bridge as bridges
from ..compare.verdict import run_length, verdict
from ..config.output_files import write_file
from ..words import check_lang, money, scenario_label, t, titled
from ..words.numbers import signed_value
from .axes import nice_ticks
from .calibration_report import fit_line
from .figures import COST_COLOURS, FALL_COLOUR, RISE_COLOUR, TOTAL_COLOUR, bridge_steps, colour

if TYPE_CHECKING:
    from ..compare.workflow import Comparison

#: A 16:9 slide, in inches.
WIDTH, HEIGHT = 13.333, 7.5
MARGIN = 0.5
#: The East Asian font PowerPoint should use for Chinese (Windows and macOS both have one of
#: these; a machine without them substitutes its own).
CJK_FONT = "Microsoft YaHei"
#: A warning's colour (the reports' banner text).
WARN_RGB = "8A4B00"
#: Drivers drawn per strategy.
DRIVERS_SHOWN = 6
#: The bridge chart's series, in stacking order: a bar's hidden base (above and below zero), then
#: the visible step (above and below zero). Positive and negative values stack apart from zero.
BRIDGE_SERIES = ("base_up", "base_down", "step_up", "step_down")


def write_deck(result: "Comparison", path, *, lang: str = "en", weighing=None, meta: dict | None = None) -> Path:
    """Write the deck of a ``compare.compare`` result to ``path`` (whole or not at all) and return
    the path. ``weighing``: the strategies weighed across uncertain assumptions
    (``uncertainty.weigh``), which adds "how sure" and the drivers. ``meta``: date, version."""
    check_lang(lang)
    write_file(Path(path), deck_bytes(result, lang=lang, weighing=weighing, meta=meta))
    return Path(path)


def deck_bytes(result: "Comparison", *, lang: str = "en", weighing=None, meta: dict | None = None) -> bytes:
    from pptx import Presentation
    from pptx.util import Inches

    deck = Presentation()
    deck.slide_width, deck.slide_height = Inches(WIDTH), Inches(HEIGHT)
    with titled(result.scenarios):
        footer = _footer(result, meta, lang)
        fit = fit_line(result.scenarios, lang)
        if fit is not None and not fit[0]:  # every slide, forwarded alone, still says the fit is poor
            footer = f"{t('cfo_deck_poor_fit_mark', lang)} · {footer}"
        slides = _Slides(deck, lang, footer)
        _answer(slides, result, weighing, lang, fit)
        _key_figures(slides, result, lang)
        if bridges.has_bridge(result.daily):
            _bridge(slides, result, lang)
            _monthly(slides, result, lang)
        _costs(slides, result, lang)
        if weighing is not None:
            _drivers(slides, weighing, lang, result.answer() if result.has_baseline else None)
    out = io.BytesIO()
    deck.save(out)
    return out.getvalue()


def _footer(result: "Comparison", meta: dict | None, lang: str) -> str:
    from ..version import __version__

    made = str(result.provenance.get("date") or _dt.date.today().isoformat())[:10]  # the day it was run
    meta = {"date": made, "version": result.provenance.get("version", __version__), **(meta or {})}
    return t("cfo_deck_footer", lang, version=meta["version"], date=meta["date"], seed=result.root_seed)


# ---- slides --------------------------------------------------------------------------------

def _answer(slides: "_Slides", result: "Comparison", weighing, lang: str, fit: tuple[bool, str] | None) -> None:
    """The page-1 answer: the verdict's headline and each strategy's, how well a fitted brand fits
    (``fit``: ``calibration_report.fit_line``), then how sure."""
    from ..report.uncertainty_report import answer_sentences, probability_table

    names = " · ".join(scenario_label(n, lang) for n in result.names)
    slide = slides.new(t("comparison_title", lang), f"{names} · {run_length(result.days, lang)}")
    summary = result.incremental_summary() if result.has_baseline else None
    lines = verdict(result.monthly(), lang, summary)
    n = len(result.names)
    if result.has_baseline:  # the headline, each strategy against none, each against paid ads
        headline, said = lines[0], lines[1:1 + 2 * n]
    else:
        headline, said = t("cfo_deck_no_baseline", lang), lines[1:4]
    blocks: list = [("text", [headline], 20, True), ("text", said, 13, False)]
    if fit is not None:  # a fitted brand: how well, beside the answer (a poor fit in the warning's colour)
        good, text = fit
        blocks.append(("text", [text], 13, not good, None if good else WARN_RGB))
    blocks.append(("text", [t("cfo_deck_how_sure", lang)], 15, True))
    if weighing is not None:
        table = probability_table(weighing, lang)
        blocks += [("table", (table.header, table.rows), 11, False),
                   ("text", answer_sentences(weighing, lang, "cfo_deck_hinges"), 11, False)]
    else:
        key = "cfo_deck_one_run" if result.reps == 1 else "cfo_deck_luck_only"
        blocks.append(("text", [t(key, lang, n=result.reps)], 13, False))
    # the largest type at which it all fits above the footer
    room = HEIGHT - 0.45 - 1.3
    scale = next((k for k in (1.0, 0.92, 0.85, 0.78, 0.7) if slides.height(blocks, k) <= room), 0.7)
    top = 1.3
    for kind, body, size, bold, *colour in blocks:
        if kind == "table":
            top = slides.table(slide, *body, top=top, size=size * scale)
        else:
            top = slides.text(slide, body, top=top, size=size * scale, bold=bold, rgb=colour[0] if colour else None)


def _key_figures(slides: "_Slides", result: "Comparison", lang: str) -> None:
    from .comparison_report import kpi_table

    table = kpi_table(result.daily, result.scenarios, lang)
    slide = slides.new(t("sec_kpis", lang))
    slides.table(slide, table.header, table.rows, top=1.1, size=9, first_width=4.6, row_height=0.25)


def _bridge(slides: "_Slides", result: "Comparison", lang: str) -> None:
    slide = slides.new(t("sec_bridge", lang), t("why_bridge", lang))
    steps = bridge_steps(result.daily, lang)
    width = (WIDTH - 2 * MARGIN) / len(steps)
    reach = [float(x) for _, values in steps.values() for x in (*np.cumsum(values[:-1]), values[-1])]
    ticks = nice_ticks(min(reach), max(reach))  # one scale for every strategy, in round steps
    for i, (name, (labels, values)) in enumerate(steps.items()):
        chart = slides.chart(slide, "COLUMN_STACKED", labels, _bridge_series(values), left=MARGIN + i * width,
                             top=1.8, width=width, height=3.4, title=scenario_label(name, lang),
                             number_format=_money_format(reach, lang), legend=False)
        axis = chart.value_axis
        axis.minimum_scale, axis.maximum_scale = ticks[0], ticks[-1]
        if len(ticks) > 1:
            axis.major_unit = ticks[1] - ticks[0]
        _colour_bridge(chart, values, lang)
    labels = next(iter(steps.values()))[0]
    rows = [[label, *(money(steps[n][1][k], lang) for n in steps)] for k, label in enumerate(labels)]
    slides.table(slide, ["", *(scenario_label(n, lang) for n in steps)], rows[1:], top=5.25, size=9,
                 first_width=3.0, row_height=0.24)


def _bridge_series(values: Sequence[float]) -> dict[str, list[float]]:
    """The four stacked series (``BRIDGE_SERIES``) that draw the steps ``values`` (start, steps,
    total) as a waterfall: each bar spans from the running total before it to the one after (the
    start and the total from zero)."""
    series = {name: [] for name in BRIDGE_SERIES}
    running = 0.0
    last = len(values) - 1
    for k, v in enumerate(values):
        if k in (0, last):
            lo, hi = sorted((0.0, v))
        else:
            lo, hi = sorted((running, running + v))
            running += v
        if lo >= 0:  # above zero: a hidden base up to lo, the step from lo to hi
            parts = (lo, 0.0, hi - lo, 0.0)
        elif hi <= 0:  # below zero: a hidden base down to hi, the step from hi to lo
            parts = (0.0, hi, 0.0, lo - hi)
        else:  # across zero: the step in two parts
            parts = (0.0, 0.0, hi, lo)
        for name, part in zip(BRIDGE_SERIES, parts):
            series[name].append(part)
    return series


def _colour_bridge(chart, values: Sequence[float], lang: str) -> None:
    """Hide the bases; colour each step (rise, fall, start and total) and label it with its value."""
    from pptx.dml.color import RGBColor
    from pptx.enum.chart import XL_LABEL_POSITION

    plot = chart.plots[0]
    plot.gap_width, plot.overlap = 40, 100
    last = len(values) - 1
    for name, series in zip(BRIDGE_SERIES, plot.series):
        if name.startswith("base"):
            series.format.fill.background()
            series.format.line.fill.background()
            continue
        for k, point in enumerate(series.points):
            shade = TOTAL_COLOUR if k in (0, last) else (RISE_COLOUR if values[k] >= 0 else FALL_COLOUR)
            point.format.fill.solid()
            point.format.fill.fore_color.rgb = RGBColor.from_string(shade.lstrip("#"))
    # one label per bar, on the visible part that shows it (above zero if it reaches there)
    step_up, step_down = plot.series[2], plot.series[3]
    ups, downs = _values(step_up), _values(step_down)
    for k, v in enumerate(values):
        series = step_up if ups[k] != 0 or downs[k] == 0 else step_down
        label = series.points[k].data_label
        label.has_text_frame = True
        label.text_frame.text = money(v, lang) if k in (0, last) else signed_value(v, "money", lang)
        label.position = XL_LABEL_POSITION.INSIDE_END if series is step_up else XL_LABEL_POSITION.INSIDE_BASE
        _font(label.text_frame.paragraphs[0].runs[0].font, lang, 9)


def _values(series) -> list[float]:
    return [float(v or 0.0) for v in series.values]


def _monthly(slides: "_Slides", result: "Comparison", lang: str) -> None:
    table = bridges.monthly_money(result.daily, result.days)
    even = bridges.break_even(result.daily, result.days)
    horizon = run_length(result.days, lang)
    notes = []
    for name in result.names:
        row = even.loc[name]
        said = [t("cfo_payback_marker", lang, month=int(row["payback_month"])) if math.isfinite(row["payback_month"])
                else t("cfo_no_payback", lang, months=horizon)]
        if math.isfinite(row["positive_month"]):
            said.append(t("cfo_positive_marker", lang, month=int(row["positive_month"])))
        notes.append(f"{scenario_label(name, lang)}: {t('unc_list_sep', lang).join(said)}")
    slide = slides.new(t("sec_added_monthly", lang), "\n".join(notes))
    months = sorted(set(table.index.get_level_values("month")))
    series = {scenario_label(n, lang): table.xs(n, level="scenario")["incremental_profit"].reindex(months).tolist()
              for n in result.names}
    values = [v for vs in series.values() for v in vs]
    chart = slides.chart(slide, "COLUMN_CLUSTERED", [str(m) for m in months], series, left=MARGIN, top=2.0,
                         width=WIDTH - 2 * MARGIN, height=HEIGHT - 2.6, number_format=_money_format(values, lang),
                         axis_title=t("axis_month", lang))
    _colour_series(chart, [colour(i) for i in range(len(series))])


def _costs(slides: "_Slides", result: "Comparison", lang: str) -> None:
    table = bridges.monthly_money(result.daily, result.days)
    slide = slides.new(t("sec_costs", lang), t("why_costs", lang))
    months = sorted(set(table.index.get_level_values("month")))
    width = (WIDTH - 2 * MARGIN) / len(result.names)
    top = float(table[list(bridges.COSTS)].sum(axis=1).max())
    ticks = nice_ticks(0.0, top)
    for i, name in enumerate(result.names):
        d = table.xs(name, level="scenario").reindex(months)
        series = {t(bridges.STEP_WORDS[c], lang): d[c].tolist() for c in bridges.COSTS}
        chart = slides.chart(slide, "COLUMN_STACKED", [str(m) for m in months], series, left=MARGIN + i * width,
                             top=1.9, width=width, height=HEIGHT - 2.5, title=scenario_label(name, lang),
                             number_format=_money_format([top], lang), axis_title=t("axis_month", lang))
        axis = chart.value_axis  # the same scale side by side, in round steps
        axis.minimum_scale, axis.maximum_scale = ticks[0], ticks[-1]
        if len(ticks) > 1:
            axis.major_unit = ticks[1] - ticks[0]
        _colour_series(chart, [COST_COLOURS[c] for c in bridges.COSTS])


def _drivers(slides: "_Slides", w, lang: str, answer=None) -> None:
    """One tornado per strategy, under a line that states the answer (``answer``: the comparison's,
    ``Comparison.answer``) and names the centre the bars move from: the mean of the worlds drawn."""
    from ..uncertainty import analysis
    from ..uncertainty.verdict import label, runs_text, value_text

    slide = slides.new(t("unc_drivers_title", lang), t("cfo_deck_drivers_why", lang, rows=f"{w.rows:,}"))
    summary = analysis.summary(w).set_index("scenario")
    start = 1.75  # below the subtitle's two lines
    height = (HEIGHT - 0.45 - start) / len(w.names)
    for i, name in enumerate(w.names):
        mean = float(summary.loc[name, "mean"])
        d = analysis.drivers(w, name).head(DRIVERS_SHOWN).iloc[::-1]  # largest on top
        categories = [f"{label(w, a, lang)} ({value_text(w, a, lo)} … {value_text(w, a, hi)})"
                      for a, lo, hi in zip(d["assumption"], d["low_value"], d["high_value"])]
        series = {t("cfo_deck_at_low", lang): (d["at_low"] - mean).tolist(),
                  t("cfo_deck_at_high", lang): (d["at_high"] - mean).tolist()}
        top = start + i * height
        said = t("cfo_deck_drivers_sub", lang, name=scenario_label(name, lang), mean=money(mean, lang))
        if answer is not None and name in answer.index:
            said = t("cfo_deck_drivers_answer", lang, name=scenario_label(name, lang),
                     answer=money(float(answer.loc[name, "added_profit"]), lang),
                     runs=runs_text(int(answer.loc[name, "n"]), lang), mean=money(mean, lang))
        slides.text(slide, [said], top=top, size=11)
        values = [v for vs in series.values() for v in vs]
        chart = slides.chart(slide, "BAR_CLUSTERED", categories, series, left=MARGIN, top=top + 0.35,
                             width=WIDTH - 2 * MARGIN, height=height - 0.45, number_format=_money_format(values, lang))
        chart.plots[0].overlap, chart.plots[0].gap_width = 100, 40
        _colour_series(chart, ["#c0392b", "#2a9d8f"])


# ---- formats -------------------------------------------------------------------------------

def _money_format(values: Sequence[float], lang: str) -> str:
    """An Excel number format for a chart's money, in the reader's units: ¥K / ¥M in English,
    万 / 亿 in Chinese (Excel's thousands scaling, and a literal point: ``0\\.0,"万"`` writes 12.3万)."""
    finite = [abs(v) for v in values if v is not None and math.isfinite(v)]
    top = max(finite) if finite else 0.0
    if lang == "zh":  # the backslash keeps the point a literal: 123456 → 12.3万 (Excel and LibreOffice)
        if top >= 1e8:
            return '0\\.00,,"亿"'
        return '0\\.0,"万"' if top >= 1e4 else '#,##0"元"'
    if top >= 1e6:
        return '"¥"#,##0.0,,"M"'
    return '"¥"#,##0,"K"' if top >= 1e3 else '"¥"#,##0'


def _font(font, lang: str, size: float, bold: bool = False, rgb: str | None = None) -> None:
    from pptx.dml.color import RGBColor
    from pptx.util import Pt

    font.size = Pt(size)
    font.bold = bold
    if rgb:
        font.color.rgb = RGBColor.from_string(rgb)
    if lang == "zh":  # PowerPoint reads Chinese in the run's East Asian font
        rpr = font._rPr
        ea = rpr.find("{http://schemas.openxmlformats.org/drawingml/2006/main}ea")
        if ea is None:
            ea = rpr.makeelement("{http://schemas.openxmlformats.org/drawingml/2006/main}ea", {})
            rpr.append(ea)
        ea.set("typeface", CJK_FONT)


def _colour_series(chart, colours: Sequence[str]) -> None:
    from pptx.dml.color import RGBColor

    for series, shade in zip(chart.plots[0].series, colours):
        series.format.fill.solid()
        series.format.fill.fore_color.rgb = RGBColor.from_string(shade.lstrip("#"))


def wrapped_lines(text: str, size: float, width: float) -> int:
    """Lines ``text`` of ``size``-point type takes in ``width`` inches, wrapped: a Latin character
    about 0.6 of the size wide (DejaVu Sans, which LibreOffice puts in for Calibri, is that wide; a
    shorter guess overlapped the footer there), a Chinese one the size."""
    import unicodedata

    points = sum(size if unicodedata.east_asian_width(ch) in "WF" else 0.6 * size for ch in str(text))
    return max(1, math.ceil(points / (width * 72)))


def text_height(lines: Sequence[str], size: float, width: float) -> float:
    """Inches a text box ``width`` inches wide needs for ``lines`` (one paragraph each): lines 1.2
    apart, 4 points between paragraphs, the box's own margins (0.1 inch each side, 0.05 above and
    below)."""
    rows = sum(wrapped_lines(line, size, width - 0.2) for line in lines)
    return (rows * 1.2 * size + 4 * len(lines)) / 72 + 0.1


def _table_layout(header: Sequence, rows: Sequence[Sequence], size: float, first_width: float | None = None,
                  row_height: float = 0.3) -> tuple[list[float], list[float], float]:
    """A table's column widths, row heights and height (inches) across the slide: the first column
    ``first_width`` wide (else all equal), a row as tall as its most wrapped cell (a cell's margins:
    0.1 inch each side, 0.02 above and below), at least ``row_height``."""
    n_cols = len(header)
    width = WIDTH - 2 * MARGIN
    widths = ([first_width, *[(width - first_width) / (n_cols - 1)] * (n_cols - 1)]
              if first_width is not None and n_cols > 1 else [width / n_cols] * n_cols)
    heights = [max(row_height, max(wrapped_lines(str(v), size, w - 0.2) for v, w in zip(row, widths)) * 1.2 * size / 72
                   + 0.06) for row in [list(header), *map(list, rows)]]
    return widths, heights, sum(heights)


class _Slides:
    """Blank slides with a title, a subtitle and the footer, and the text boxes, tables and charts
    put on them, all in the deck's language and fonts."""

    def __init__(self, deck, lang: str, footer: str):
        self.deck, self.lang, self.footer = deck, lang, footer

    def new(self, title: str, subtitle: str = ""):
        slide = self.deck.slides.add_slide(self.deck.slide_layouts[6])  # blank
        self.text(slide, [title], top=0.3, size=26, bold=True, rgb="1B3A5C")
        if subtitle:
            self.text(slide, subtitle.split("\n"), top=0.9, size=12, rgb="555555")
        self.text(slide, [self.footer], top=HEIGHT - 0.4, size=9, rgb="888888")
        return slide

    def text(self, slide, lines: Sequence[str], *, top: float, size: float, height: float | None = None,
             bold: bool = False, rgb: str | None = None) -> float:
        """A text box of ``lines`` (one paragraph each) across the slide, as tall as they need
        (``height`` at least); returns its bottom."""
        from pptx.util import Inches, Pt

        height = max(height or 0.0, text_height(lines, size, WIDTH - 2 * MARGIN))

        box = slide.shapes.add_textbox(Inches(MARGIN), Inches(top), Inches(WIDTH - 2 * MARGIN), Inches(height))
        frame = box.text_frame
        frame.word_wrap = True
        for k, line in enumerate(lines):
            paragraph = frame.paragraphs[0] if k == 0 else frame.add_paragraph()
            paragraph.space_after = Pt(4)
            run = paragraph.add_run()
            run.text = str(line)
            _font(run.font, self.lang, size, bold, rgb)
        return top + height

    def height(self, blocks: Sequence[tuple], scale: float) -> float:
        """Inches the ``blocks`` (kind, body, size, bold) of ``_answer`` take at ``scale`` × their type."""
        return sum(_table_layout(*body, size * scale)[2] if kind == "table"
                   else text_height(body, size * scale, WIDTH - 2 * MARGIN) for kind, body, size, *_ in blocks)

    def table(self, slide, header: Sequence, rows: Sequence[Sequence], *, top: float, size: float,
              first_width: float | None = None, row_height: float = 0.3) -> float:
        """A native table (header row bold); returns its bottom."""
        from pptx.util import Inches

        n_rows, n_cols = len(rows) + 1, len(header)
        widths, heights, _ = _table_layout(header, rows, size, first_width, row_height)
        cells = [[str(v) for v in row] for row in [list(header), *map(list, rows)]]
        shape = slide.shapes.add_table(n_rows, n_cols, Inches(MARGIN), Inches(top), Inches(WIDTH - 2 * MARGIN),
                                       Inches(sum(heights)))
        table = shape.table
        for j, w in enumerate(widths):
            table.columns[j].width = Inches(w)
        for i, row in enumerate(cells):
            table.rows[i].height = Inches(heights[i])
            for j, value in enumerate(row):
                cell = table.cell(i, j)
                cell.text = str(value)
                cell.margin_top = cell.margin_bottom = Inches(0.02)
                for paragraph in cell.text_frame.paragraphs:
                    for run in paragraph.runs:
                        _font(run.font, self.lang, size, bold=i == 0)
        return top + sum(heights)

    def chart(self, slide, kind: str, categories: Sequence[str], series: dict[str, list[float]], *, left: float,
              top: float, width: float, height: float, number_format: str, title: str = "",
              legend: bool = True, axis_title: str = ""):
        """A native chart of ``series`` over ``categories``: its numbers live in the deck."""
        from pptx.chart.data import CategoryChartData
        from pptx.enum.chart import XL_CHART_TYPE, XL_LEGEND_POSITION, XL_TICK_LABEL_POSITION
        from pptx.util import Inches

        data = CategoryChartData(number_format=number_format)
        data.categories = list(categories)
        for name, values in series.items():
            data.add_series(name, [float(v) if v is not None and np.isfinite(v) else None for v in values])
        frame = slide.shapes.add_chart(getattr(XL_CHART_TYPE, kind), Inches(left), Inches(top), Inches(width),
                                       Inches(height), data)
        chart = frame.chart
        _font(chart.font, self.lang, 10)
        chart.has_title = bool(title)
        if title:
            chart.chart_title.text_frame.text = title
            _font(chart.chart_title.text_frame.paragraphs[0].runs[0].font, self.lang, 13, bold=True)
        chart.has_legend = legend and len(series) > 1
        if chart.has_legend:
            chart.legend.position = XL_LEGEND_POSITION.TOP
            chart.legend.include_in_layout = False
        axis = chart.value_axis
        axis.tick_labels.number_format = number_format
        axis.tick_labels.number_format_is_linked = False
        axis.has_major_gridlines = True
        # category labels at the bottom (or left), clear of bars that go below zero
        chart.category_axis.tick_label_position = XL_TICK_LABEL_POSITION.LOW
        if axis_title:
            chart.category_axis.has_title = True
            chart.category_axis.axis_title.text_frame.text = axis_title
            _font(chart.category_axis.axis_title.text_frame.paragraphs[0].runs[0].font, self.lang, 10)
        return chart
