"""What the sweep and sensitivity reports share: per-setting bands over replications, the
names and values of factors as a reader sees them, the status lines, the sortable table of
settings and the assumptions page."""

from __future__ import annotations

import numpy as np
import pandas as pd

from . import stats
from ..discovery.cases import payback_month
from .assumptions import section_blocks
from .html import Banner, Page, Para, Table
from .sweep_results import SweepResults
from ..words import experiment_description, scenario_label, t
from .labels import metric_label, metric_value

MAX_TABLE_ROWS = 2000
KEYS = ["scenario", "setting"]
#: Pool-health metrics shown beside the objective, when the runs hold them, with their column's words.
HEALTH = {"active_share": "sw_col_active_share", "muted_share": "sw_col_muted_share",
          "mean_trust": "sw_col_mean_trust"}
#: The money compare shows, beside the objective when the runs hold it (metrics.DERIVED).
MONEY = {"added_vs_ads": "sw_col_vs_ads", "incremental_roi": "sw_col_roi",
         "incremental_profit_per_customer": "sw_col_per_customer", "incremental_payback_day": "sw_col_payback"}


def setting_cells(res: SweepResults, metric: str | None = None) -> pd.DataFrame:
    """One row per (scenario, setting): factors, runs, median and 10–90% of ``metric`` (the
    objective by default) across replications."""
    metric = metric or res.objective
    g = res.finals.groupby(KEYS, sort=True)
    out = stats.band(res.finals, metric, KEYS)
    first = g[res.factors].first().reset_index() if res.factors else g.size().reset_index()[KEYS]
    return first.merge(out, on=KEYS)


def best_index(frame: pd.DataFrame, goal: str) -> int:
    return int(frame["mid"].idxmin() if goal == "min" else frame["mid"].idxmax())


def is_grid(res: SweepResults) -> bool:
    return res.meta.get("design", {}).get("method", "grid") == "grid"


def is_sensitivity(res: SweepResults) -> bool:
    return res.meta.get("design", {}).get("method") in ("sobol", "morris")


def axes(res: SweepResults, cells: pd.DataFrame) -> list[str]:
    """Varying dimensions: factors with more than one value, and scenario (if several)."""
    dims = [f for f in res.factors if cells[f].nunique() > 1]
    if cells["scenario"].nunique() > 1:
        dims = dims + ["scenario"]
    return dims


def long_labels(res: SweepResults, lang: str) -> dict[str, str]:
    paths = {f["name"]: f["path"] for f in res.meta.get("factors", [])}
    out = {f: (f if paths.get(f, f) == f else f"{f} ({paths[f]})") for f in res.factors}
    out["scenario"] = t("sweep_scenario", lang)
    return out


def short_labels(res: SweepResults, lang: str) -> dict[str, str]:
    out = {f: f for f in res.factors}
    out["scenario"] = t("sweep_scenario", lang)
    return out


def value_text(v, dim: str, lang: str) -> str:
    if dim == "scenario":
        return scenario_label(str(v), lang)
    if isinstance(v, (float, np.floating)):
        return f"{float(v):.4g}"
    return str(v)


def setting_text(row, res: SweepResults, lang: str) -> str:
    """A setting in words: its factors' values (and the base scenario if there are several)."""
    short = short_labels(res, lang)
    dims = res.factors + (["scenario"] if res.finals["scenario"].nunique() > 1 else [])
    return ", ".join(f"{short[d]} = {value_text(row[d], d, lang)}" for d in dims) or t("sw_base", lang)


#: The words of each robustness criterion (experiments.robust.CRITERIA).
CRITERION_WORDS = {"mean": "sw_crit_mean", "percentile": "sw_crit_percentile", "cvar": "sw_crit_cvar",
                   "regret": "sw_crit_regret", "satisficing": "sw_crit_satisficing"}


def criterion_text(robustness: dict, lang: str) -> str:
    """How the best policy is chosen, in words ("the least maximum regret")."""
    return t(CRITERION_WORDS[robustness["criterion"]], lang, q=f"{robustness['percentile']:g}")


def edges_text(row, meta: dict, lang: str = "en") -> str:
    """A warning when the chosen setting sits at the end of a lever's tried values ('' if not)."""
    from ..experiments.summary import at_edges

    found = at_edges(row, meta.get("factors", []))
    if not found:
        return ""
    said = [t("sw_edge_low" if side == "low" else "sw_edge_high", lang, name=name, value=f"{row[name]:g}")
            for name, side in found]
    return t("sw_edges", lang, levers=t("sw_list_sep", lang).join(said))


def how_sure_text(meta: dict, lang: str = "en") -> str:
    """What a sweep's intervals cover, in one sentence: the same in the terminal and the report."""
    reps = int(meta.get("replications") or 1)
    if meta.get("markets"):
        return t("sw_sure_markets", lang, markets=meta["markets"], reps=reps)
    return t("sw_sure_luck" if reps > 1 else "sw_sure_one", lang, reps=reps)


def status_blocks(res: SweepResults, lang: str, n_settings: int, reps: int) -> list:
    """The experiment's description in the reader's language, completeness, version mismatch."""
    from ..version import __version__

    meta = res.meta
    desc = experiment_description(meta.get("name", ""), meta.get("description", ""), lang)
    out: list = [Para(desc) if desc else None]
    if not res.partial:  # a partial sweep carries the banner at the top of the page
        markets = int(meta.get("markets") or 0)
        out.append(Para(t("sweep_complete_markets", lang, done=res.n_ok, policies=n_settings // markets,
                          markets=markets, reps=reps) if markets else
                        t("sweep_complete", lang, done=res.n_ok, settings=n_settings, reps=reps)))
    old = meta.get("package_version")
    if old and old != __version__:
        out.append(Banner(t("sweep_version_mismatch", lang, old=old, new=__version__)))
    return out


def health_metrics(res: SweepResults) -> list[str]:
    """The side columns of the settings table the runs hold: pool health, then the money compare
    shows (beyond paid ads, added ROI, per customer, payback)."""
    return [m for m in (*HEALTH, *MONEY) if m in res.finals.columns and m != res.objective]


def side_value(value: float, metric: str, lang: str) -> str:
    """A side column's cell: the payback day as its month ("never" when it did not pay back)."""
    if metric == "incremental_payback_day":
        return t("sw_payback_never", lang) if value != value else t("sw_payback_month", lang,
                                                                      month=int(payback_month(value)))
    return metric_value(value, metric, lang)


def settings_table(res: SweepResults, cells: pd.DataFrame, lang: str, *, best_i: int | None,
                   front: pd.Series | None = None) -> Table:
    """Every setting, best first: factors, runs, (on the front), pool health medians, then the
    objective's median, 10% and 90% (the last three columns)."""
    short = short_labels(res, lang)
    health = health_metrics(res)
    finals = res.finals
    if "incremental_payback_day" in health:  # a run that never paid back pays back last, not not at all
        finals = finals.assign(incremental_payback_day=finals["incremental_payback_day"].fillna(np.inf))
    medians = finals.groupby(KEYS, sort=True)[health].median().replace(np.inf, np.nan) if health else None
    several = res.finals["scenario"].nunique() > 1
    header = ([t("sweep_scenario", lang)] * several + [short[f] for f in res.factors] + [t("sweep_runs_col", lang)]
              + ([t("sw_pareto_col", lang)] if front is not None else [])
              + [t({**HEALTH, **MONEY}[m], lang) for m in health]
              + [f"{metric_label(res.objective, lang)}: {t('sweep_median', lang)}", t("sweep_lo", lang),
                 t("sweep_hi", lang)])
    order = cells.sort_values("mid", ascending=(res.goal == "min")).head(MAX_TABLE_ROWS)
    rows, keys, classes = [], [], []
    for i, r in order.iterrows():
        key = (r["scenario"], r["setting"])
        h = [float(medians.loc[key, m]) for m in health] if health else []
        on = bool(front.loc[i]) if front is not None else None
        vals = ([scenario_label(r["scenario"], lang)] * several + [value_text(r[f], f, lang) for f in res.factors]
                + [int(r["n"])] + ([t("sw_yes", lang) if on else ""] if front is not None else [])
                + [side_value(v, m, lang) for v, m in zip(h, health)]
                + [metric_value(r[c], res.objective, lang) for c in ("mid", "lo", "hi")])
        sort = ([r["scenario"]] * several + [r[f] if isinstance(r[f], (int, float, np.number)) else str(r[f])
                                   for f in res.factors]
                + [int(r["n"])] + ([int(on)] if front is not None else []) + h
                + [float(r[c]) for c in ("mid", "lo", "hi")])
        rows.append(vals)
        keys.append(sort)
        classes.append("best" if best_i is not None and i == best_i else "")
    num = frozenset(range(int(several), len(header)))
    return Table(header, rows, css="sortable", num_cols=num, row_classes=classes, sort_values=keys, wrap=True)


def add_table_and_assumptions(page: Page, res: SweepResults, cells: pd.DataFrame, lang: str, reps: int,
                              *, title: str, best_i: int | None, front: pd.Series | None = None) -> None:
    page.add("settings", title, Para(t("sweep_sort_hint", lang), "note screen-only"),
             settings_table(res, cells, lang, best_i=best_i, front=front))
    meta = res.meta
    extra = [(t("sweep_created", lang), str(meta.get("created", "–"))),
             (t("sweep_runs_col", lang), f"{res.n_ok} / {res.n_planned}")]
    if res.scenarios:
        page.add("assumptions", t("sec_assumptions", lang),
                 *section_blocks(res.scenarios, lang,
                                 {"seed": meta.get("root_seed"), "version": meta.get("package_version") or "–",
                                  "date": str(meta.get("created", ""))[:10],
                                  "command": f"siyu sweep {meta.get('experiment_file', '')}"},
                                 replications=reps, extra_rows=extra))

