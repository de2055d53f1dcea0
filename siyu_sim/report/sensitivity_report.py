"""The sensitivity report: what the answer depends on.

A Sobol or Morris design varies parameters nobody chooses (how customers behave), so the page
names no best setting: per output it ranks the uncertainties by how much the answer moves with
them, then lists every sampled combination."""

from __future__ import annotations

import pandas as pd

from . import sweep_figures
from .html import Page, Para
from .sweep_parts import add_table_and_assumptions, long_labels, setting_cells, status_blocks
from .sweep_results import SweepResults
from ..words import t
from .labels import metric_label


def indices(res: SweepResults) -> pd.DataFrame | None:
    """The folder's sensitivity table (the export, else computed from a finished sweep)."""
    export = res.folder / "_export" / "sensitivity.csv"
    if export.exists():
        return pd.read_csv(export)
    if res.partial:
        return None
    try:
        from ..experiments.sensitivity import sensitivity_table

        return sensitivity_table(res.folder)
    except Exception:  # e.g. an output with no finite values: the page says indices are missing
        return None


def add_sections(page: Page, res: SweepResults, lang: str, reps: int) -> None:
    cells = setting_cells(res)
    method = res.meta.get("design", {}).get("method", "")
    status = status_blocks(res, lang, len(cells), reps)
    table = indices(res)
    if table is None or table.empty:
        status.append(Para(t("sw_no_indices", lang), "note"))
    if "cum_incremental_profit" in res.meta.get("outputs", []):
        status.append(Para(t("sw_money_note", lang), "note"))
    page.add("status", t("sec_sweep_status", lang), *status)
    labels = long_labels(res, lang)
    if table is not None and not table.empty:
        first = table["scenario"].iloc[0]
        note = t("sw_sobol_note" if method == "sobol" else "sw_morris_note", lang)
        uncertain = all(f.get("path", "").startswith("behaviour.") for f in res.meta.get("factors", []))
        key = "sw_depends_note" if uncertain else "sw_depends_note_any"
        for i, (output, d) in enumerate(table[table["scenario"] == first].groupby("output", sort=False)):
            d = d[d["index"].isin(["S1", "ST", "mu_star", "sigma"])]
            page.add(f"depends-{i + 1}", t("sec_sw_depends", lang, output=metric_label(output, lang)),
                     Para(t(key, lang, method=note), "note"),
                     page.figure(sweep_figures.depends_figure(d, labels, lang), f"depends-{i + 1}"))
    add_table_and_assumptions(page, res, cells, lang, reps, title=t("sw_sens_table", lang), best_i=None)
