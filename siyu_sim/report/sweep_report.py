"""The sweep report: what an experiment's results folder says about which settings pay.

The folder is read by ``sweep_results.read_results`` (through ``experiments.store``); a
folder whose sweep is still running or was interrupted is reported, marked as partial.
"""

from __future__ import annotations

import datetime as _dt
import itertools
from pathlib import Path

import numpy as np
import pandas as pd

from . import figures, stats
from .assumptions import section_blocks
from .html import Page, Raw, esc, table
from .sweep_results import SweepReportError, SweepResults, read_results
from ..words import check_lang, metric_label, money, number, scenario_label, t

MAX_PANELS = 12
MAX_TABLE_ROWS = 2000
BINS = 5


# ---- aggregation ------------------------------------------------------------------------------

def setting_cells(res: SweepResults) -> pd.DataFrame:
    """One row per (scenario, setting): factors, runs, median and 10–90% of the objective."""
    keys = ["scenario", "setting"]
    g = res.finals.groupby(keys, sort=True)
    out = stats.band(res.finals, res.objective, keys)
    first = g[res.factors].first().reset_index() if res.factors else g.size().reset_index()[keys]
    return first.merge(out, on=keys)


def _best_index(frame: pd.DataFrame, goal: str) -> int:
    return int(frame["mid"].idxmin() if goal == "min" else frame["mid"].idxmax())


def _is_grid(res: SweepResults) -> bool:
    return res.meta.get("design", {}).get("method", "grid") == "grid"


def _axes(res: SweepResults, cells: pd.DataFrame) -> list[str]:
    """Varying dimensions: scenario (if several) and factors with more than one value."""
    dims = [f for f in res.factors if cells[f].nunique() > 1]
    if cells["scenario"].nunique() > 1:
        dims = dims + ["scenario"]
    return dims


def _labels(res: SweepResults, lang: str) -> dict[str, str]:
    paths = {f["name"]: f["path"] for f in res.meta.get("factors", [])}
    out = {f: (f if paths.get(f, f) == f else f"{f} ({paths[f]})") for f in res.factors}
    out["scenario"] = t("sweep_scenario", lang)
    return out


def _short(res: SweepResults, lang: str) -> dict[str, str]:
    out = {f: f for f in res.factors}
    out["scenario"] = t("sweep_scenario", lang)
    return out


def _value(v, dim: str, lang: str) -> str:
    if dim == "scenario":
        return scenario_label(str(v), lang)
    if isinstance(v, (float, np.floating)):
        return f"{float(v):.4g}"
    return str(v)


def _binned(frame: pd.DataFrame, col: str) -> pd.Series:
    """Quantile bins of a sampled factor, labelled by their mid value."""
    if frame[col].nunique() <= BINS or not pd.api.types.is_numeric_dtype(frame[col]):
        return frame[col]
    cats = pd.qcut(frame[col], BINS, duplicates="drop")
    return cats.map(lambda iv: float(f"{(iv.left + iv.right) / 2:.3g}")).astype(float)


# ---- page -------------------------------------------------------------------------------------

def sweep_report(results_dir, path, *, lang: str = "en") -> Path:
    """Write the report of a sweep's results folder to ``path`` (one self-contained HTML file)
    and return the path. Raises :class:`SweepReportError` for a folder that cannot be reported."""
    check_lang(lang)
    res = read_results(results_dir)
    return build_page(res, lang).write(path)


def build_page(res: SweepResults, lang: str) -> Page:
    from ..version import __version__

    meta = res.meta
    cells = setting_cells(res)
    dims = _axes(res, cells)
    labels, short = _labels(res, lang), _short(res, lang)
    obj = metric_label(res.objective, lang)
    name = meta.get("name", res.folder.name)
    reps = int(meta.get("replications") or stats.n_replications(res.finals))
    page = Page(title=t("sweep_title", lang), lang=lang,
                subtitle=t("sweep_subtitle", lang, name=name, runs=res.n_ok, objective=obj),
                meta_line=t("generated", lang, date=_dt.date.today().isoformat(), version=__version__))
    if res.partial:
        page.banner = esc(t("sweep_partial", lang, done=res.n_ok, total=res.n_planned))

    # status and best setting
    best = cells.loc[_best_index(cells, res.goal)]
    setting = ", ".join(f"{short[d]} = {_value(best[d], d, lang)}" for d in (res.factors + ["scenario"]))
    interval = t("interval", lang, lo=_fmt(best["lo"], res.objective, lang), hi=_fmt(best["hi"], res.objective, lang)) \
        if best["n"] > 1 else ""
    status = [f"<p>{esc(meta.get('description', ''))}</p>" if meta.get("description") else ""]
    if not res.partial:  # a partial sweep carries the banner at the top of the page
        status.append("<p>" + esc(t("sweep_complete", lang, done=res.n_ok, settings=len(cells), reps=reps)) + "</p>")
    old = meta.get("package_version")
    if old and old != __version__:
        status.append(f'<p class="banner">{esc(t("sweep_version_mismatch", lang, old=old, new=__version__))}</p>')
    status.append("<p><b>" + esc(t("sweep_best", lang, setting=setting, objective=obj,
                                     value=_fmt(best["mid"], res.objective, lang), interval=interval))
                  + "</b></p>")
    page.add("status", t("sec_sweep_status", lang), *status)

    # heatmap over two dimensions, the others held at the best setting
    if len(dims) >= 2:
        x, y = _pick_xy(res, cells, dims)
        data = cells.copy()
        if not _is_grid(res):
            data = _bin_runs(res, x, y)
            hold = []
        else:
            hold = [d for d in dims if d not in (x, y)]
            for d in hold:
                data = data[data[d] == best[d]]
        data = data.sort_values([y, x])
        grid = data.assign(**{x: data[x].map(lambda v: _value(v, x, lang)),
                              y: data[y].map(lambda v: _value(v, y, lang))})
        bi = _best_index(grid.reset_index(drop=True), res.goal)
        bcell = grid.reset_index(drop=True).loc[bi]
        held = ", ".join(f"{short[d]} = {_value(best[d], d, lang)}" for d in hold)
        fig = figures.heatmap_figure(grid, x, y, res.objective, lang, labels[x], labels[y],
                                     best=(bcell[x], bcell[y]), goal=res.goal)
        note = t("sweep_heat_note", lang, others=(" · " + held) if held else "")
        page.add("heatmap", t("sec_heatmap", lang, x=short[x], y=short[y]),
                 page.figure(fig, "heatmap"), f'<p class="note">{esc(note)}</p>')
        # small multiples: the same heatmap for every combination of the other dimensions
        multiples = _multiples(res, cells, x, y, hold, labels, lang)
        if multiples is not None:
            page.add("multiples", t("sec_multiples", lang), page.figure(multiples, "multiples"))
        else:
            page.add("multiples", t("sec_multiples", lang),
                     page.figure(_main_effects(res, dims, labels, lang), "multiples"))
    elif len(dims) == 1:
        page.add("multiples", t("sec_multiples", lang), f'<p class="note">{esc(t("sweep_one_factor", lang))}</p>',
                 page.figure(_main_effects(res, dims, labels, lang), "multiples"))
    else:
        page.add("multiples", t("sec_multiples", lang), f'<p class="note">{esc(t("sweep_no_factor", lang))}</p>')

    # sensitivity ranking
    sens = _sensitivity(res)
    if sens is not None and not sens.empty:
        page.add("sensitivity", t("sec_sensitivity", lang),
                 page.figure(figures.sensitivity_figure(sens, labels, lang), "sensitivity"))
    else:
        page.add("sensitivity", t("sec_sensitivity", lang),
                 f'<p class="note">{esc(t("sweep_no_sensitivity", lang))}</p>')

    page.add("settings", t("sec_table", lang), f'<p class="note screen-only">{esc(t("sweep_sort_hint", lang))}</p>',
             _settings_table(res, cells, lang, short))
    extra = [(t("sweep_created", lang), str(meta.get("created", "–"))),
             (t("sweep_runs_col", lang), f"{res.n_ok} / {res.n_planned}")]
    if res.scenarios:
        page.add("assumptions", t("sec_assumptions", lang),
                 *section_blocks(res.scenarios, lang,
                                 {"seed": meta.get("root_seed"), "version": old or "–",
                                  "date": str(meta.get("created", ""))[:10],
                                  "command": f"siyu sweep {meta.get('experiment_file', '')}"},
                                 replications=reps, extra_rows=extra),
                 css_class="pagebreak")
    return page


def _fmt(v: float, metric: str, lang: str) -> str:
    return money(v, lang) if "profit" in metric or metric in ("gmv", "revenue", "cum_gmv", "cum_spend") \
        else number(v, lang)


def _pick_xy(res: SweepResults, cells: pd.DataFrame, dims: list[str]) -> tuple[str, str]:
    """The two dimensions to map: the most influential by spread of the median objective
    across their levels (the first two factors on a tie)."""
    def spread(d):
        col = _binned(cells, d) if d != "scenario" else cells[d]
        m = cells.groupby(col)["mid"].median()
        return float(m.max() - m.min()) if len(m) > 1 else 0.0
    ranked = sorted(dims, key=lambda d: (-spread(d), dims.index(d)))
    x, y = ranked[0], ranked[1]
    return (x, y) if dims.index(x) < dims.index(y) else (y, x)


def _bin_runs(res: SweepResults, x: str, y: str) -> pd.DataFrame:
    """Sampled designs: runs in quantile bins of x and y; median and 10–90% per bin."""
    f = res.finals.copy()
    f[x] = _binned(f, x) if x != "scenario" else f[x]
    f[y] = _binned(f, y) if y != "scenario" else f[y]
    return stats.band(f, res.objective, [x, y])


def _multiples(res, cells, x, y, hold, labels, lang):
    if not hold or not _is_grid(res):
        return None
    combos = list(itertools.product(*[sorted(cells[d].unique(), key=str) for d in hold]))
    if len(combos) > MAX_PANELS:
        return None
    panels = []
    for combo in combos:
        sub = cells
        for d, v in zip(hold, combo):
            sub = sub[sub[d] == v]
        sub = sub.sort_values([y, x])
        title = ", ".join(f"{d if d != 'scenario' else t('sweep_scenario', lang)} = {_value(v, d, lang)}"
                          for d, v in zip(hold, combo))
        panels.append((title, sub.assign(**{x: sub[x].map(lambda v: _value(v, x, lang)),
                                            y: sub[y].map(lambda v: _value(v, y, lang))})))
    return figures.heatmap_multiples(panels, x, y, res.objective, lang, labels[x], labels[y], goal=res.goal)


def _main_effects(res, dims, labels, lang):
    per = {}
    f = res.finals.copy()
    for d in dims:
        col = f[d] if d == "scenario" else _binned(f, d)
        g = f.assign(_k=col.map(lambda v: _value(v, d, lang)) if d == "scenario" else col)
        b = stats.band(g, res.objective, ["_k"]).rename(columns={"_k": d})
        per[d] = b
    return figures.multiples_figure(per, labels, res.objective, lang)


def _sensitivity(res: SweepResults) -> pd.DataFrame | None:
    """Sensitivity indices of the objective (first scenario), if the design has them."""
    method = res.meta.get("design", {}).get("method")
    table = None
    export = res.folder / "_export" / "sensitivity.csv"
    if export.exists():
        table = pd.read_csv(export)
    elif method in ("sobol", "morris") and not res.partial:
        try:
            from ..experiments.sensitivity import sensitivity_table
            table = sensitivity_table(res.folder)
        except Exception:
            return None
    if table is None or table.empty:
        return None
    if "output" in table.columns and (table["output"] == res.objective).any():
        table = table[table["output"] == res.objective]
    if "scenario" in table.columns:
        table = table[table["scenario"] == table["scenario"].iloc[0]]
    if "index" in table.columns:
        table = table[table["index"].isin(["S1", "ST", "mu_star"])]
    return table[["factor", "index", "value"] + (["conf"] if "conf" in table.columns else [])]


def _settings_table(res: SweepResults, cells: pd.DataFrame, lang: str, short: dict) -> str:
    obj_cols = [t("sweep_median", lang), t("sweep_lo", lang), t("sweep_hi", lang)]
    header = [t("sweep_scenario", lang)] + [short[f] for f in res.factors] + [t("sweep_runs_col", lang)] + obj_cols
    order = cells.sort_values("mid", ascending=(res.goal == "min")).head(MAX_TABLE_ROWS)
    best_i = _best_index(cells, res.goal)
    rows, keys, classes = [], [], []
    for i, r in order.iterrows():
        vals = [scenario_label(r["scenario"], lang)] + [_value(r[f], f, lang) for f in res.factors] + \
               [int(r["n"])] + [_fmt(r[c], res.objective, lang) for c in ("mid", "lo", "hi")]
        sort = [r["scenario"]] + [r[f] if isinstance(r[f], (int, float, np.number)) else str(r[f]) for f in res.factors] + \
               [int(r["n"])] + [float(r[c]) for c in ("mid", "lo", "hi")]
        rows.append(vals)
        keys.append(sort)
        classes.append("best" if i == best_i else "")
    n = len(header)
    num = set(range(1, n))
    return '<div class="tablewrap">' + table(header, rows, css_class="sortable", num_cols=num,
                                             row_classes=classes, sort_values=keys) + "</div>"


__all__ = ["SweepReportError", "SweepResults", "read_results", "sweep_report", "Raw"]
