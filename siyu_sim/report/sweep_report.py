"""The sweep report: which settings pay, in profit the private domain adds over the same
customers with none, and what they cost the pool. Sensitivity designs (Sobol, Morris) get the
sensitivity report instead (``sensitivity_report``: what the answer depends on).

The folder is read by ``sweep_results.read_results`` (through ``experiments.store``); a
folder whose sweep is still running or was interrupted is reported, marked as partial.
Every band is the spread of one setting's replications (10–90%), never of other factors.
"""

from __future__ import annotations

import datetime as _dt
import itertools
from pathlib import Path

import pandas as pd

from . import stats, sweep_figures
from .html import Page, Para
from .robust_report import add_sections as add_robust_sections
from .sensitivity_report import add_sections as add_sensitivity_sections
from .sweep_parts import (KEYS, add_table_and_assumptions, axes, best_index, edges_text, how_sure_text, is_grid, is_sensitivity,
                          long_labels, setting_cells, setting_text, short_labels, status_blocks, value_text)
from .sweep_results import SweepReportError, SweepResults, read_results
from ..experiments.summary import pareto_front, t_interval, trade_off_axes
from ..words import check_lang, strong, t, titled
from .labels import metric_label, metric_value

MAX_PANELS = 12


def sweep_report(results_dir, path, *, lang: str = "en") -> Path:
    """Write the report of a sweep's results folder to ``path`` (one self-contained HTML file)
    and return the path. Raises :class:`SweepReportError` for a folder that cannot be reported."""
    check_lang(lang)
    res = read_results(results_dir)
    with titled(res.scenarios):
        page = build_page(res, lang)
    return page.write(path)


def build_page(res: SweepResults, lang: str) -> Page:
    from ..version import __version__

    meta = res.meta
    name = meta.get("name", res.folder.name)
    reps = int(meta.get("replications") or stats.n_replications(res.finals))
    sens = is_sensitivity(res)
    if sens:
        outputs = ", ".join(metric_label(m, lang) for m in meta.get("outputs", [res.objective]))
        subtitle = t("sw_subtitle_sens", lang, name=name, runs=res.n_ok, outputs=outputs,
                     method=meta["design"]["method"].capitalize())
    else:
        subtitle = t("sw_subtitle", lang, name=name, runs=res.n_ok, objective=metric_label(res.objective, lang))
    page = Page(title=t("sw_title_sens" if sens else "sw_title", lang), lang=lang, subtitle=subtitle,
                meta_line=t("generated", lang, date=_dt.date.today().isoformat(), version=__version__))
    if res.partial:
        page.banner = t("sweep_partial", lang, done=res.n_ok, total=res.n_planned)
    if sens:
        add_sensitivity_sections(page, res, lang, reps)
    elif meta.get("markets"):  # policies across markets: the robust choice, never a market
        add_robust_sections(page, res, lang, reps)
    else:
        _lever_sections(page, res, lang, reps)
    return page


def _lever_sections(page: Page, res: SweepResults, lang: str, reps: int) -> None:
    cells = setting_cells(res)
    dims = axes(res, cells)
    best_i = best_index(cells, res.goal)
    best = cells.loc[best_i]
    obj = metric_label(res.objective, lang)
    # the best setting as the terminal gives it: its mean, the 95% interval of the mean
    runs = res.finals[(res.finals["scenario"] == best["scenario"]) & (res.finals["setting"] == best["setting"])]
    mean, lo, hi, _ = t_interval(runs[res.objective])
    interval = t("interval_mean", lang, lo=metric_value(lo, res.objective, lang),
                 hi=metric_value(hi, res.objective, lang), n=len(runs)) if len(runs) > 1 else ""
    status = status_blocks(res, lang, len(cells), reps)
    if "incremental" in res.objective:
        status.append(Para(t("sw_money_note", lang), "note"))
    if not dims:
        status.append(Para(t("sweep_no_factor", lang), "note"))
    status.append(Para(strong(t("sweep_best", lang, setting=setting_text(best, res, lang), objective=obj,
                                value=metric_value(mean, res.objective, lang), interval=interval))))
    edges = edges_text(best, res.meta, lang)
    if edges:
        status.append(Para(edges))
    status.append(Para(how_sure_text(res.meta, lang), "note"))
    page.add("status", t("sec_sweep_status", lang), *status)

    front = _trade_off(page, res, lang)
    if len(dims) >= 2 and is_grid(res):
        _heatmaps(page, res, cells, dims, best, lang)
    if dims:
        sampled = not is_grid(res)
        page.add("effects", t("sec_sw_effects", lang),
                 Para(t("sw_effects_note_sampled" if sampled else "sw_effects_note", lang), "note"),
                 page.figure(sweep_figures.effects_figure(_effects(res, dims, best, lang), short_labels(res, lang),
                                                          res.objective, lang, sampled=sampled), "effects"))
    add_table_and_assumptions(page, res, cells, lang, reps, title=t("sec_table", lang), best_i=best_i,
                              front=front)


def trade_off_points(res: SweepResults, lang: str) -> tuple[pd.DataFrame, str, str] | None:
    """Per (scenario, setting): median and 10–90% of the profit and pool-health metrics over
    replications, ``pareto`` (on the front of the medians) and ``label``; None without them."""
    found = trade_off_axes(res.finals.columns)
    if found is None:
        return None
    x, y = found
    cells = setting_cells(res, x)
    for m in (x, y):
        b = stats.band(res.finals, m, KEYS).rename(columns={"mid": f"{m}_mid", "lo": f"{m}_lo", "hi": f"{m}_hi"})
        cells = cells.merge(b.drop(columns="n"), on=KEYS)
    cells["pareto"] = pareto_front(cells, {f"{x}_mid": "max", f"{y}_mid": "max"})
    cells["label"] = [setting_text(r, res, lang) for _, r in cells.iterrows()]
    return cells, x, y


def _trade_off(page: Page, res: SweepResults, lang: str) -> pd.Series | None:
    found = trade_off_points(res, lang)
    if found is None or len(found[0]) < 2:
        return None
    points, x, y = found
    on = points[points["pareto"]].sort_values(f"{x}_mid", ascending=False)
    listed = t("sw_list_sep", lang).join(
        t("sw_front_item", lang, label=r["label"], x=metric_value(r[f"{x}_mid"], x, lang),
          y=metric_value(r[f"{y}_mid"], y, lang)) for _, r in on.head(8).iterrows())
    page.add("tradeoff", t("sec_sw_front", lang),
             Para(t("sw_front_note", lang, x=metric_label(x, lang), y=metric_label(y, lang)), "note"),
             page.figure(sweep_figures.trade_off_figure(points, x, y, lang), "tradeoff"),
             Para(t("sw_front_best_of", lang, settings=listed)))
    return points["pareto"]  # rows in the order of setting_cells(res)


def _heatmaps(page: Page, res, cells, dims, best, lang) -> None:
    """The objective over the two most influential factors, the others held at the best
    setting; and small multiples over the other factors' values when there are few."""
    labels, short = long_labels(res, lang), short_labels(res, lang)
    x, y = _pick_xy(cells, dims)
    hold = [d for d in dims if d not in (x, y)]
    data = cells
    for d in hold:
        data = data[data[d] == best[d]]
    grid = _as_labels(data.sort_values([y, x]), x, y, lang).reset_index(drop=True)
    bcell = grid.loc[best_index(grid, res.goal)]
    held = ", ".join(f"{short[d]} = {value_text(best[d], d, lang)}" for d in hold)
    fig = sweep_figures.heatmap_figure(grid, x, y, res.objective, lang, labels[x], labels[y],
                                 best=(bcell[x], bcell[y]), goal=res.goal)
    note = t("sweep_heat_note", lang, others=(" · " + held) if held else "")
    page.add("heatmap", t("sec_heatmap", lang, x=short[x], y=short[y]),
             page.figure(fig, "heatmap"), Para(note, "note"))
    combos = list(itertools.product(*[sorted(cells[d].unique(), key=str) for d in hold]))
    if hold and len(combos) <= MAX_PANELS:
        panels = []
        for combo in combos:
            sub = cells
            for d, v in zip(hold, combo):
                sub = sub[sub[d] == v]
            title = ", ".join(f"{short[d]} = {value_text(v, d, lang)}" for d, v in zip(hold, combo))
            panels.append((title, _as_labels(sub.sort_values([y, x]), x, y, lang)))
        page.add("multiples", t("sec_multiples", lang), page.figure(
            sweep_figures.heatmap_multiples(panels, x, y, res.objective, lang, short[x], short[y],
                                            goal=res.goal), "multiples"))


def _as_labels(frame: pd.DataFrame, x: str, y: str, lang: str) -> pd.DataFrame:
    return frame.assign(**{x: frame[x].map(lambda v: value_text(v, x, lang)),
                           y: frame[y].map(lambda v: value_text(v, y, lang))})


def _pick_xy(cells: pd.DataFrame, dims: list[str]) -> tuple[str, str]:
    """The two dimensions with the largest spread of the median objective across their levels
    (the first two on a tie), in the order of ``dims``."""
    def spread(d):
        m = cells.groupby(d)["mid"].median()
        return float(m.max() - m.min()) if len(m) > 1 else 0.0
    ranked = sorted(dims, key=lambda d: (-spread(d), dims.index(d)))
    x, y = ranked[0], ranked[1]
    return (x, y) if dims.index(x) < dims.index(y) else (y, x)


def _effects(res: SweepResults, dims: list[str], best, lang: str) -> dict[str, pd.DataFrame]:
    """Per dimension: x, mid, lo, hi, n over replications only. Grid designs hold the other
    dimensions at the best setting; sampled designs give one point per setting."""
    out = {}
    finals = res.finals
    for d in dims:
        if is_grid(res):
            sub = finals
            for other in dims:
                if other != d:
                    sub = sub[sub[other] == best[other]]
            b = stats.band(sub, res.objective, [d])
        else:  # one point per setting; the scenario is a key already (it crashed given twice)
            keys = KEYS + [d] if d not in KEYS else KEYS
            b = stats.band(finals, res.objective, keys).drop(columns=[k for k in KEYS if k != d])
        b = b.rename(columns={d: "x"})
        if d == "scenario":
            b["x"] = b["x"].map(lambda v: value_text(v, d, lang))
        out[d] = b
    return out


__all__ = ["SweepReportError", "SweepResults", "read_results", "setting_cells", "sweep_report"]
