"""A comparison's tables as files to paste into a deck: CSV, and one Excel workbook.

``export_tables(result, folder)`` writes, for a :class:`~siyu_sim.compare.workflow.Comparison`:

- ``monthly.csv``: the monthly table ``siyu compare`` prints (month, scenario, members by
  status, trust, GMV, profit, cumulative profit, ROI, the paid-ads alternative, cumulative
  GMV), with monthly and cumulative incremental profit when the daily frame has them;
- ``incremental.csv``: what each strategy adds over having no private domain, per replication
  (only with a baseline);
- ``key_figures.csv``: one row per key figure at the horizon, one column per scenario (means
  over replications);
- ``paired.csv``: the paired differences with their intervals (only with replications);
- ``comparison.xlsx``: every one of these tables as a sheet of one workbook.

Only tables are written here; where they go was checked by the caller
(``config.output_paths``). The files are written together, whole or not at all
(``config.output_files``); the workbook is the folder's marker (``EXPORT_MARKER``): a folder
holding one is a folder ``siyu compare --out`` wrote.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

import io

import pandas as pd

from ..config.output_files import csv_bytes, write_files
from .monthly import final_day, monthly

if TYPE_CHECKING:
    from .workflow import Comparison

#: Daily columns with one value per day that the monthly table sums (when present).
INCREMENTAL_FLOWS = ("incremental_profit",)
#: Key figures read on the last day (those present in the daily frame), in this order.
KEY_FIGURES = ("members", "active", "muted", "churned", "ever_members", "mean_trust", "cum_gmv",
               "cum_spend", "cum_cash_spend", "cum_profit", "roi", "alt_ads_cum_customers", "alt_ads_cum_profit",
               "cum_incremental_profit",
               "incremental_roi")
WORKBOOK = "comparison.xlsx"
#: The file that makes a folder ``siyu compare --out``'s own (``config.output_paths.own_folder``).
EXPORT_MARKER = WORKBOOK
#: Every file an export may write (the folder's own names).
EXPORT_FILES = (WORKBOOK, "monthly.csv", "incremental.csv", "key_figures.csv", "paired.csv",
                # with --draws (uncertainty.analysis.TABLES): named here so the input checks see them
                "uncertainty_draws.csv", "uncertainty_summary.csv", "uncertainty_drivers.csv",
                "uncertainty_value_of_knowing.csv")


def monthly_table(result: "Comparison") -> pd.DataFrame:
    """The monthly table as a flat frame (month and scenario as columns), with each month's
    added profit (``incremental_profit`` summed) when the comparison has a baseline."""
    return monthly(result.daily, result.days, extra_flows=INCREMENTAL_FLOWS).reset_index()


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


def tables(result: "Comparison") -> dict[str, pd.DataFrame]:
    """{file stem: table} of every table the comparison has."""
    out = {"monthly": monthly_table(result)}
    if result.incremental is not None:
        out["incremental"] = result.incremental.copy()
    out["key_figures"] = key_figures(result)
    if result.paired is not None:
        out["paired"] = result.paired.copy()
    return out


def export_tables(result: "Comparison", folder, extra: dict[str, pd.DataFrame] | None = None) -> list[Path]:
    """Write every table as CSV (UTF-8 with a byte-order mark, so Excel shows Chinese names)
    and all of them as sheets of ``comparison.xlsx`` in ``folder`` (created if missing);
    ``extra``: more tables by name (the verdict under uncertainty's, ``uncertainty.analysis.tables``).
    Returns the paths written."""
    folder = Path(folder)
    folder.mkdir(parents=True, exist_ok=True)
    frames = tables(result) | (extra or {})
    book = io.BytesIO()
    with pd.ExcelWriter(book, engine="openpyxl") as writer:
        for stem, frame in frames.items():
            frame.to_excel(writer, sheet_name=stem, index=False)
            _fit_columns(writer.sheets[stem], frame)
    files = {folder / WORKBOOK: book.getvalue()}
    files |= {folder / f"{stem}.csv": csv_bytes(frame, "utf-8-sig") for stem, frame in frames.items()}
    write_files(files)
    return [*list(files)[1:], folder / WORKBOOK]


def _fit_columns(sheet, frame: pd.DataFrame) -> None:
    """Column widths that fit the header and the values, and a frozen header row."""
    from openpyxl.utils import get_column_letter

    for i, column in enumerate(frame.columns, start=1):
        width = max([len(str(column))] + [len(str(v)) for v in frame[column]])  # None too
        sheet.column_dimensions[get_column_letter(i)].width = min(max(width + 2, 8), 40)
    sheet.freeze_panes = "A2"
