"""Summaries a report can use: per-setting means with 95% intervals, the best setting per
objective with its interval and its paired margin over the runner-up, and the trade-off front.

The front holds the settings no other setting beats on every objective at once: a setting is
dominated when another is at least as good on every objective and strictly better on one; the
front is the settings that are not (Pareto optimal). Used for profit against the health of
the pool: settings off the front give up one without gaining the other.
"""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pandas as pd
from scipy import stats

KEY = ["scenario", "setting"]

#: The default trade-off: what the private domain adds against how healthy the pool stays,
#: each with fallbacks for results folders written before the sweep stored them.
PROFIT_METRICS = ("cum_incremental_profit", "cum_profit")
HEALTH_METRICS = ("active_share", "mean_trust")


def default_objective(columns) -> str:
    """What settings are ranked by when the file names no objective: the profit the private domain
    adds over none (the ledger's profit only for results that lack it)."""
    return next((m for m in PROFIT_METRICS if m in set(columns)), PROFIT_METRICS[-1])


#: A value within this share of its range from one end is at that end (a sampled design's points,
#: a search's trials and a fit's estimates come this close without touching it).
EDGE_SHARE = 0.02


def edge_of(value: float, low: float, high: float, share: float = EDGE_SHARE) -> str:
    """"low" or "high" when ``value`` lies within ``share`` of the range [low, high] from that end,
    else "" (and for an empty range): the best may lie beyond it."""
    span = high - low
    if span <= 0:
        return ""
    if value - low <= share * span:
        return "low"
    if high - value <= share * span:
        return "high"
    return ""


def at_edges(row, factors: list[dict]) -> list[tuple[str, str]]:
    """The levers a chosen setting holds at the lowest or highest value the design tried, as
    (name, "low" | "high"): the best may lie beyond them. Numeric levers only (``factors``: the
    results folder's factor records); derived factors and uncertain assumptions are not chosen."""
    out = []
    for f in factors:
        if f.get("assumption") or f.get("expression") or f["name"] not in row:
            continue
        values = f.get("values")
        bounds = (min(values), max(values)) if values and all(isinstance(v, (int, float)) and not isinstance(v, bool)
                                                              for v in values) else f.get("range")
        side = edge_of(float(row[f["name"]]), *bounds) if bounds else ""
        if side:
            out.append((f["name"], side))
    return out


def non_dominated(values: np.ndarray) -> np.ndarray:
    """Mask of the rows of ``values`` (n × k, larger is better) that no other row dominates.
    Rows with a missing value are never on the front."""
    v = np.asarray(values, dtype=float)
    ok = np.isfinite(v).all(axis=1)
    front = np.zeros(len(v), dtype=bool)
    for i in np.flatnonzero(ok):
        others = v[ok]
        dominated = ((others >= v[i]).all(axis=1) & (others > v[i]).any(axis=1)).any()
        front[i] = not dominated
    return front


def pareto_front(table: pd.DataFrame, objectives: dict[str, str]) -> pd.Series:
    """Boolean Series over ``table``'s rows: on the front of ``objectives`` (column → "max" or
    "min")."""
    signs = np.array([1.0 if goal == "max" else -1.0 for goal in objectives.values()])
    values = table[list(objectives)].to_numpy(dtype=float) * signs
    return pd.Series(non_dominated(values), index=table.index, name="pareto")


def trade_off_axes(columns) -> tuple[str, str] | None:
    """(profit metric, health metric) present in ``columns``, or None."""
    cols = set(columns)
    profit = next((m for m in PROFIT_METRICS if m in cols), None)
    health = next((m for m in HEALTH_METRICS if m in cols), None)
    return (profit, health) if profit and health else None


def t_interval(values, conf: float = 0.95) -> tuple[float, float, float, float]:
    """(mean, low, high, sd) of the mean of ``values`` by Student's t; a single value gives
    a zero-width interval marked by NaN bounds."""
    x = np.asarray(values, dtype=float)
    x = x[np.isfinite(x)]
    n = len(x)
    if n == 0:
        return (float("nan"),) * 4
    mean = float(x.mean())
    if n < 2:
        return mean, float("nan"), float("nan"), float("nan")
    sd = float(x.std(ddof=1))
    half = float(stats.t.ppf(0.5 + conf / 2, n - 1) * sd / np.sqrt(n))
    return mean, mean - half, mean + half, sd


def final_rows(frame: pd.DataFrame) -> pd.DataFrame:
    """The last kept row of every run (the horizon)."""
    idx = frame.groupby("run_id")["day"].idxmax()
    return frame.loc[idx].reset_index(drop=True)


def setting_table(frame: pd.DataFrame, factor_columns: list[str], metrics: list[str] | None = None,
                  conf: float = 0.95) -> pd.DataFrame:
    """Tidy: scenario, setting, <factors>, metric, n, mean, sd, ci_low, ci_high (at the horizon)."""
    final = final_rows(frame)
    metrics = metrics or [c for c in final.columns if c not in
                          {"run_id", "scenario", "replication", "setting", "day", "month", *factor_columns}]
    rows = []
    for (scenario, setting), g in final.groupby(KEY, sort=True):
        head = {"scenario": scenario, "setting": int(setting),
                **{f: g[f].iloc[0] for f in factor_columns}}
        for m in metrics:
            mean, lo, hi, sd = t_interval(g[m], conf)
            rows.append({**head, "metric": m, "n": int(g[m].notna().sum()), "mean": mean, "sd": sd,
                         "ci_low": lo, "ci_high": hi})
    return pd.DataFrame(rows)


def best_settings(frame: pd.DataFrame, objectives: dict[str, str], factor_columns: list[str],
                  conf: float = 0.95) -> pd.DataFrame:
    """For each objective (metric → "max"/"min"): the best (scenario, setting) by mean at the
    horizon, its interval, the runner-up (``runner_up_<factor>``: its factor values), and the
    paired difference best − runner-up over common replications (common random numbers) with
    its interval."""
    final = final_rows(frame)
    rows = []
    for metric, goal in objectives.items():
        means = final.groupby(KEY)[metric].mean()
        if means.empty:
            continue
        ordered = means.sort_values(ascending=(goal == "min"))
        best_key = ordered.index[0]
        best = final[(final.scenario == best_key[0]) & (final.setting == best_key[1])]
        mean, lo, hi, _ = t_interval(best[metric], conf)
        row = {"objective": metric, "goal": goal, "scenario": best_key[0], "setting": int(best_key[1]),
               **{f: best[f].iloc[0] for f in factor_columns},
               "mean": mean, "ci_low": lo, "ci_high": hi, "n": len(best)}
        if len(ordered) > 1:
            ru_key = ordered.index[1]
            ru = final[(final.scenario == ru_key[0]) & (final.setting == ru_key[1])]
            paired = best.set_index("replication")[metric].sub(ru.set_index("replication")[metric]).dropna()
            dmean, dlo, dhi, _ = t_interval(paired, conf)
            row.update({"runner_up_scenario": ru_key[0], "runner_up_setting": int(ru_key[1]),
                        **{f"runner_up_{f}": ru[f].iloc[0] for f in factor_columns},
                        "runner_up_mean": float(ordered.iloc[1]), "margin": dmean,
                        "margin_ci_low": dlo, "margin_ci_high": dhi,
                        "margin_excludes_zero": bool(np.isfinite(dlo) and (dlo > 0 or dhi < 0))})
        rows.append(row)
    return pd.DataFrame(rows)


def trade_off(frame: pd.DataFrame, factor_columns: list[str], key: list[str] = KEY) -> pd.DataFrame:
    """Per (scenario, setting) — or per ``key``, e.g. (scenario, policy) across markets —: factors,
    the median at the horizon of the profit and pool-health metrics (``trade_off_axes``), and
    ``pareto``: on the front of the two. Empty when the runs hold neither pair."""
    final = final_rows(frame)  # one row per run already (a policy frame): the same rows
    axes = trade_off_axes(final.columns)
    if axes is None:
        return pd.DataFrame()
    g = final.groupby(key, sort=True)
    table = g[factor_columns + list(axes)].agg(
        {**{f: "first" for f in factor_columns}, **{m: "median" for m in axes}}).reset_index()
    table["pareto"] = pareto_front(table, {axes[0]: "max", axes[1]: "max"})
    return table


def summarize_folder(folder: str | Path, *, export: bool = False) -> dict[str, pd.DataFrame]:
    """``settings``, ``best`` and ``trade_off`` tables of a results folder (and CSVs under
    ``_export/``)."""
    from .store import ResultStore

    store = ResultStore(folder)
    meta = store.experiment_meta()
    frame = store.read()
    factors = meta["factor_columns"]
    objectives = meta.get("objectives") or {default_objective(frame.columns): "max"}
    objectives = {m: g for m, g in objectives.items() if m in frame.columns}
    if meta.get("markets"):  # a setting is a policy in one market: judge policies across markets
        from .robust import policy_frame, robustness_table

        levers = [f["name"] for f in meta["factors"] if not f.get("assumption")]
        finals = policy_frame(final_rows(frame), meta)
        out = {"settings": setting_table(frame, factors), "robustness": robustness_table(finals, meta),
               "best": pd.DataFrame(), "trade_off": trade_off(finals, levers, ["scenario", "policy"])}
    else:
        out = {"settings": setting_table(frame, factors),
               "best": best_settings(frame, objectives, factors),
               "trade_off": trade_off(frame, factors)}
    if any(f.get("assumption") for f in meta.get("factors", [])):  # the draw points' values beside them
        from .robust import assumption_values

        settings = out["settings"]
        values, _ = assumption_values(settings, meta)
        for name in values.columns:
            settings.insert(settings.columns.get_loc(name) + 1, f"{name}_value", values[name])
    if export:
        for name, table in out.items():
            if not table.empty:
                store.export_csv(name, table)
    return out
