"""A comparison's tables as files to paste into a deck: CSV for code, one Excel workbook for people.

``export_tables(result, folder, lang=...)`` writes, for a :class:`~siyu_sim.compare.workflow.Comparison`:

- ``monthly.csv``: the monthly table ``siyu compare`` prints (month, scenario, members by
  status, trust, GMV, profit, cumulative profit, ROI, the paid-ads alternative, cumulative
  GMV), with the month's added profit, the gross margin it added and each cost of the profit
  bridge (``bridge.MONTHLY_FLOWS``) when the daily frame has them;
- ``bridge.csv``: the profit bridge (``bridge.bridge``), one row per step, one column per scenario
  (only with a baseline);
- ``incremental.csv``: what each strategy adds over having no private domain, per replication
  (only with a baseline);
- ``key_figures.csv``: one row per key figure at the horizon, one column per scenario (means
  over replications);
- ``paired.csv``: the paired differences with their intervals (only with replications);
- ``comparison.xlsx``: every one of these tables as a sheet of one workbook, in the reader's
  language, and a notes sheet saying what each sheet's rows and each column mean.

The CSV files keep the columns' own names (``cum_incremental_profit``), for code. The workbook is
for people: sheet names and headers in ``lang`` — a declared column's header is its declared label
(``metrics``), any other's a word of ``words.exports`` — strategies by their display names, and
every number formatted by its column's declared unit (¥ with thousands separators, counts,
shares as percentages with one decimal, ratios with two); a sheet whose rows are figures
(``key_figures``, ``bridge``, ``paired``) formats each row by its figure.

Only tables are written here; where they go was checked by the caller
(``config.output_paths``). The files are written together, whole or not at all
(``config.output_files``); the workbook is the folder's marker (``EXPORT_MARKER``): a folder
holding one is a folder ``siyu compare --out`` wrote.
"""

from __future__ import annotations

import io
import unicodedata
from pathlib import Path
from typing import TYPE_CHECKING

import pandas as pd

from .. import metrics
from ..config.output_files import csv_bytes, write_files
from ..words import check_lang, scenario_label, t, titled
from . import bridge as bridges
from .monthly import final_day, monthly

if TYPE_CHECKING:
    from .workflow import Comparison

#: Key figures read on the last day (those present in the daily frame), in this order.
#: The key figures, the answer first (``compare.incremental.answer``: the added profit, mean of the runs).
KEY_FIGURES = ("cum_incremental_profit", "incremental_roi", "members", "active", "muted", "churned", "ever_members",
               "mean_trust", "cum_gmv", "cum_spend", "cum_cash_spend", "cum_profit", "roi", "alt_ads_cum_customers",
               "alt_ads_cum_profit")
WORKBOOK = "comparison.xlsx"
#: The file that makes a folder ``siyu compare --out``'s own (``config.output_paths.own_folder``).
EXPORT_MARKER = WORKBOOK
#: Every file an export may write (the folder's own names).
EXPORT_FILES = (WORKBOOK, "monthly.csv", "bridge.csv", "incremental.csv", "key_figures.csv", "paired.csv",
                # with --draws (uncertainty.analysis.TABLES): named here so the input checks see them
                "uncertainty_draws.csv", "uncertainty_summary.csv", "uncertainty_drivers.csv",
                "uncertainty_value_of_knowing.csv")

# ---- the workbook's words and formats ------------------------------------------------------

#: Each table's sheet name and what one of its rows is (``words.exports``).
SHEETS = {"monthly": ("xl_sheet_monthly", "xl_rows_monthly"), "bridge": ("xl_sheet_bridge", "xl_rows_bridge"),
          "key_figures": ("xl_sheet_key_figures", "xl_rows_key_figures"),
          "incremental": ("xl_sheet_incremental", "xl_rows_incremental"),
          "paired": ("xl_sheet_paired", "xl_rows_paired"),
          "uncertainty_draws": ("xl_sheet_draws", "xl_rows_draws"),
          "uncertainty_summary": ("xl_sheet_unc_summary", "xl_rows_unc_summary"),
          "uncertainty_drivers": ("xl_sheet_drivers", "xl_rows_drivers"),
          "uncertainty_value_of_knowing": ("xl_sheet_voi", "xl_rows_voi")}
#: Excel's number format for each way a value is written (``words.numbers.FORMATS``, and the
#: workbook's own: whole numbers, and values left as they are).
EXCEL_FORMATS = {"money": '"¥"#,##0', "count": "#,##0", "percent": "0.0%", "ratio": "0.00", "score": "0.00",
                 "whole": "0", "month": "0.0", "general": "General"}
#: How a value in a column whose rows are figures is written: as its row's figure.
BY_ROW = "row"
#: Columns that are no declared metric: header, meaning (``words.exports``, or the verdict under
#: uncertainty's own headers) and number format (None: words, not numbers).
COLUMNS = {
    "month": ("xl_col_month", "xl_note_month", "whole"),
    "scenario": ("xl_col_scenario", "xl_note_scenario", None),
    "replication": ("xl_col_replication", "xl_note_replication", "whole"),
    "figure": ("xl_col_figure", "xl_note_figure", None),
    "added_vs_ads": ("xl_col_added_vs_ads", "xl_note_added_vs_ads", "money"),
    "payback_day": ("xl_col_payback_day", "xl_note_payback_day", "whole"),
    "baseline": ("xl_col_baseline", "xl_note_baseline", None),
    "metric": ("xl_col_metric", "xl_note_metric", None),
    "n": ("xl_col_n", "xl_note_n", "count"),
    "baseline_mean": ("xl_col_baseline_mean", "xl_note_baseline_mean", BY_ROW),
    "scenario_mean": ("xl_col_scenario_mean", "xl_note_scenario_mean", BY_ROW),
    "mean_diff": ("xl_col_mean_diff", "xl_note_mean_diff", BY_ROW),
    "ci_low": ("xl_col_ci_low", "xl_note_ci_low", BY_ROW),
    "ci_high": ("xl_col_ci_high", "xl_note_ci_high", BY_ROW),
    "independent_mean_diff": ("xl_col_independent_mean_diff", "xl_note_independent_mean_diff", BY_ROW),
    "independent_ci_low": ("xl_col_independent_ci_low", "xl_note_independent_ci_low", BY_ROW),
    "independent_ci_high": ("xl_col_independent_ci_high", "xl_note_independent_ci_high", BY_ROW),
    "ci_width": ("xl_col_ci_width", "xl_note_ci_width", BY_ROW),
    "independent_ci_width": ("xl_col_independent_ci_width", "xl_note_independent_ci_width", BY_ROW),
    "width_ratio": ("xl_col_width_ratio", "xl_note_width_ratio", "ratio"),
    "draw": ("xl_col_draw", "xl_note_draw", "whole"),
    "repeat": ("xl_col_repeat", "xl_note_repeat", None),
    "payback_month": ("xl_col_payback_month", "xl_note_payback_month", "whole"),
    "p_adds": ("unc_col_p_adds", "xl_note_p_adds", "percent"),
    "p_beats_ads": ("unc_col_p_ads", "xl_note_p_beats_ads", "percent"),
    "median": ("unc_col_median", "xl_note_median", "money"),
    "low": ("xl_col_low", "xl_note_low", "money"),
    "high": ("xl_col_high", "xl_note_high", "money"),
    "mean": ("xl_col_mean", "xl_note_mean", "money"),
    "sd": ("xl_col_sd", "xl_note_sd", "money"),
    "luck_share": ("unc_col_luck", "xl_note_luck_share", "percent"),
    "knowing_share": ("unc_col_knowing", "xl_note_knowing_share", "percent"),
    "p_payback": ("unc_col_payback", "xl_note_p_payback", "percent"),
    "payback_median": ("xl_col_payback_median", "xl_note_payback_median", "month"),
    "payback_late": ("xl_col_payback_late", "xl_note_payback_late", "month"),
    "assumption": ("unc_col_assumption", "xl_note_assumption", None),
    "low_value": ("xl_col_low_value", "xl_note_low_value", "general"),
    "high_value": ("xl_col_high_value", "xl_note_high_value", "general"),
    "at_low": ("xl_col_at_low", "xl_note_at_low", "money"),
    "at_high": ("xl_col_at_high", "xl_note_at_high", "money"),
    "swing": ("xl_col_swing", "xl_note_swing", "money"),
    "flips_at": ("xl_col_flips_at", "xl_note_flips_at", "general"),
    "adds_above": ("xl_col_adds_above", "xl_note_adds_above", None),
    "evppi": ("unc_col_evppi", "xl_note_evppi", "money"),
    "share": ("unc_col_evppi_share", "xl_note_evppi_share", "percent"),
}
#: Columns of the verdict under uncertainty that are a declared metric under another name.
ALIASES = {"added_profit": "cum_incremental_profit", "added_roi": "incremental_roi"}
#: Columns whose values are strategies, and those whose values are declared figures.
SCENARIO_VALUES, FIGURE_VALUES = ("scenario", "baseline"), ("figure", "metric")


def monthly_table(result: "Comparison") -> pd.DataFrame:
    """The monthly table as a flat frame (month and scenario as columns), with each month's
    added profit and the profit bridge's flows (``bridge.monthly_money``) when the comparison
    has a baseline (the costs always)."""
    return bridges.monthly_money(result.daily, result.days).reset_index()


def key_figures(result: "Comparison") -> pd.DataFrame:
    """Key figures at the horizon: one row per figure, one column per scenario (means over
    replications); the added profit and ROI when the comparison has a baseline."""
    daily = result.daily
    last = final_day(daily)
    cols = [c for c in KEY_FIGURES if c in last.columns]
    table = last.groupby("scenario", sort=False)[cols].mean().T
    table = table[[n for n in result.names if n in table.columns]]
    table.index.name = "figure"
    table.columns.name = None
    return table.reset_index()


def bridge_table(result: "Comparison") -> pd.DataFrame:
    """The profit bridge: one row per step (then the added profit it adds up to), one column per
    scenario."""
    table = bridges.bridge(result.daily).T
    table.index.name = "figure"
    table.columns.name = None
    return table.reset_index()


def tables(result: "Comparison") -> dict[str, pd.DataFrame]:
    """{file stem: table} of every table the comparison has."""
    out = {"monthly": monthly_table(result)}
    if bridges.has_bridge(result.daily):
        out["bridge"] = bridge_table(result)
    if result.incremental is not None:
        out["incremental"] = result.incremental.copy()
    out["key_figures"] = key_figures(result)
    if result.paired is not None:
        out["paired"] = result.paired.copy()
    return out


def export_tables(result: "Comparison", folder, extra: dict[str, pd.DataFrame] | None = None, *,
                  lang: str = "en", assumption_labels: dict[str, str] | None = None) -> list[Path]:
    """Write every table as CSV (UTF-8 with a byte-order mark, so Excel shows Chinese names)
    and all of them as sheets of ``comparison.xlsx`` in ``folder`` (created if missing), the
    workbook in ``lang``; ``extra``: more tables by name (the verdict under uncertainty's,
    ``uncertainty.analysis.tables``), whose assumptions ``assumption_labels`` names for people.
    Returns the paths written."""
    check_lang(lang)
    folder = Path(folder)
    folder.mkdir(parents=True, exist_ok=True)
    frames = tables(result) | (extra or {})
    with titled(result.scenarios):
        files = {folder / WORKBOOK: workbook(frames, lang, result.names, assumption_labels)}
    files |= {folder / f"{stem}.csv": csv_bytes(frame, "utf-8-sig") for stem, frame in frames.items()}
    write_files(files)
    return [*list(files)[1:], folder / WORKBOOK]


# ---- the workbook --------------------------------------------------------------------------

def workbook(frames: dict[str, pd.DataFrame], lang: str, scenarios: list[str],
             assumption_labels: dict[str, str] | None = None) -> bytes:
    """The workbook of ``frames`` ({stem: table}) in ``lang``: one sheet per table, then the notes.
    ``scenarios``: the strategies' names (a column named so is one strategy's figures)."""
    names = assumption_labels or {}
    book = io.BytesIO()
    notes: list[list[str]] = []
    with pd.ExcelWriter(book, engine="openpyxl") as writer:
        for stem, frame in frames.items():
            sheet_key, rows_key = SHEETS.get(stem, (None, None))
            sheet = (t(sheet_key, lang) if sheet_key else stem)[:31]
            columns = [_column(c, lang, scenarios, names) for c in frame.columns]
            shown = _shown(frame, lang, names)
            shown.columns = [header for header, _, _ in columns]
            shown.to_excel(writer, sheet_name=sheet, index=False)
            _format(writer.sheets[sheet], frame, [fmt for _, _, fmt in columns])
            _fit_columns(writer.sheets[sheet], shown)
            notes.append([sheet, t("xl_notes_rows", lang), "", t(rows_key, lang) if rows_key else ""])
            notes += [[sheet, header, column, meaning] for column, (header, meaning, _) in zip(frame.columns, columns)]
            for figure in _figures(frame):  # a sheet whose rows are figures: what each row is
                notes.append([sheet, metrics.label(figure, lang), figure, _meaning(figure, lang)])
        header = [t("xl_notes_sheet", lang), t("xl_notes_column", lang), t("xl_notes_id", lang),
                  t("xl_notes_meaning", lang)]
        frame = pd.DataFrame(notes, columns=header)
        sheet = t("xl_sheet_notes", lang)
        frame.to_excel(writer, sheet_name=sheet, index=False)
        _fit_columns(writer.sheets[sheet], frame, widest=90)
    return book.getvalue()


def _column(column: str, lang: str, scenarios: list[str], assumptions: dict[str, str]) -> tuple[str, str, str | None]:
    """(header, meaning, number format) of a column: a declared metric's label and unit, a
    strategy's display name (its figures formatted by row), ``COLUMNS``' words, else an uncertain
    assumption's drawn value."""
    declared = ALIASES.get(column, column)
    if declared in metrics.DECLARED:
        return metrics.label(declared, lang), _meaning(declared, lang), metrics.number_format(declared)
    if column in scenarios:
        return scenario_label(column, lang), t("xl_note_scenario", lang), BY_ROW
    if column in COLUMNS:
        header, meaning, fmt = COLUMNS[column]
        return t(header, lang), t(meaning, lang), fmt
    label = assumptions.get(column, column)
    return t("xl_col_drawn", lang, label=label), t("xl_note_drawn", lang, label=label), "general"


def _meaning(name: str, lang: str) -> str:
    key = "xl_note_flow" if metrics.kind(name) == "flow" else "xl_note_stock"
    return t(key, lang, label=metrics.label(name, lang))


def _figures(frame: pd.DataFrame) -> list[str]:
    """The declared figures a table's rows are (its ``figure`` or ``metric`` column), in order."""
    for column in FIGURE_VALUES:
        if column in frame.columns:
            return [f for f in dict.fromkeys(frame[column]) if f in metrics.DECLARED]
    return []


def _shown(frame: pd.DataFrame, lang: str, assumptions: dict[str, str]) -> pd.DataFrame:
    """The table's cells as people read them: strategies by their display names, figures by
    their labels, assumptions by theirs; numbers as they are (the sheet formats them)."""
    shown = frame.copy()
    for column in SCENARIO_VALUES:
        if column in shown.columns:
            shown[column] = [scenario_label(v, lang) for v in shown[column]]
    for column in FIGURE_VALUES:
        if column in shown.columns:
            shown[column] = [metrics.label(v, lang) or v for v in shown[column]]
    if "assumption" in shown.columns:
        shown["assumption"] = [t("unc_all", lang) if v == "all" else assumptions.get(v, v) for v in shown["assumption"]]
    for column in shown.columns:  # yes / no in the reader's words, not Python's True / False
        if shown[column].dtype == bool:
            shown[column] = [t("xl_yes" if v else "xl_no", lang) for v in shown[column]]
    return shown


def _format(sheet, frame: pd.DataFrame, formats: list[str | None]) -> None:
    """Each number cell's Excel format: its column's, or its row's figure's (``BY_ROW``)."""
    figures = next((frame[c].tolist() for c in FIGURE_VALUES if c in frame.columns), None)
    for j, fmt in enumerate(formats, start=1):
        if fmt is None:
            continue
        for i in range(len(frame)):
            row_fmt = fmt
            if fmt == BY_ROW:
                row_fmt = (metrics.number_format(figures[i]) if figures is not None else None) or "general"
            sheet.cell(row=i + 2, column=j).number_format = EXCEL_FORMATS[row_fmt]


def _width(value) -> int:
    """Characters a value takes in a cell: a Chinese character counts two."""
    return sum(2 if unicodedata.east_asian_width(ch) in "WF" else 1 for ch in str(value))


def _fit_columns(sheet, frame: pd.DataFrame, widest: int = 40) -> None:
    """Column widths that fit the header and the values, and a frozen header row."""
    from openpyxl.styles import Alignment, Font
    from openpyxl.utils import get_column_letter

    for i, column in enumerate(frame.columns, start=1):
        values = [v for v in frame[column] if not isinstance(v, float)]  # numbers: formatted, ≤ 16 wide
        width = max([_width(column), 14 if len(values) < len(frame) else 0] + [_width(v) for v in values])
        sheet.column_dimensions[get_column_letter(i)].width = min(max(width + 2, 8), widest)
        head = sheet.cell(row=1, column=i)
        head.font = Font(bold=True)
        head.alignment = Alignment(wrap_text=True, vertical="top")
    sheet.freeze_panes = "A2"
