"""Robust policies: each policy (a scenario at one setting of the levers) judged across the markets
its experiment drew from the uncertain assumptions (``design.markets``).

Every policy runs in every market with the same replications' seeds (common random numbers), so
in each market the policies meet the same luck and the same world. A policy's value in a market
is its mean over replications of the robustness metric at the horizon. Across markets:

- mean, median and the tails (the worst ``percentile`` % bound; CVaR, the mean of that tail),
- regret: how far it falls short of the best policy *in the same market* (Savage 1951), its mean
  and maximum,
- satisficing: the share of markets in which it meets ``target`` (Simon 1955; Lempert et al.
  2006's robust decision making),
- luck's share of the spread across single runs (law of total variance: the mean variance
  between replications within a market over the total), so that not-knowing and luck are apart.

The best policy is chosen among policies only — never a market — by the criterion the file names
(``[robustness]``, default least maximum regret).
"""

from __future__ import annotations

import re

import numpy as np
import pandas as pd

from ..assumptions import Uncertain

#: The criteria a file may name, each a score where larger is better.
CRITERIA = ("mean", "percentile", "cvar", "regret", "satisficing")
DEFAULT = {"metric": "cum_incremental_profit", "goal": "max", "criterion": "regret", "percentile": 10.0,
           "target": None}


def spec(meta: dict) -> dict:
    """The results folder's robustness settings, with the defaults filled in."""
    return {**DEFAULT, **{k: v for k, v in (meta.get("robustness") or {}).items() if v is not None or k == "target"}}


def policy_frame(finals: pd.DataFrame, meta: dict) -> pd.DataFrame:
    """``finals`` (one row per run at the horizon) with ``policy`` and ``market`` columns: settings
    are policy-major, each policy in every market (``experiments.design.make_settings``)."""
    markets = int(meta.get("markets") or 0)
    setting = finals["setting"].astype(int)
    return finals.assign(policy=setting // markets if markets else setting,
                         market=setting % markets if markets else 0)


def robustness_table(finals: pd.DataFrame, meta: dict, robustness: dict | None = None) -> pd.DataFrame:
    """One row per policy (scenario, policy, its levers' values): markets, runs, mean, median,
    the tail bound (``tail``) and CVaR, mean and maximum regret, the share of markets meeting the
    target (``meets``), luck's share of the spread (``luck_share``), ``score`` by the criterion,
    ``rank`` (1: the robust choice) and ``best``. Values are in the metric's own unit; for a metric
    to minimise, "tail" is the upper one and regret the excess over the best."""
    r = {**spec(meta), **(robustness or {})}
    metric, goal, q = r["metric"], r["goal"], float(r["percentile"])
    sign = 1.0 if goal == "max" else -1.0
    frame = policy_frame(finals, meta)
    levers = [f["name"] for f in meta.get("factors", []) if not f.get("assumption")]
    keys = ["scenario", "policy"]
    per_market = frame.groupby(keys + ["market"], sort=True)[metric].mean().rename("value").reset_index()
    best_in_market = per_market.groupby("market")["value"].transform("max" if goal == "max" else "min")
    per_market["regret"] = sign * (best_in_market - per_market["value"])
    within = frame.groupby(keys + ["market"])[metric].var(ddof=1).groupby(level=[0, 1]).mean()
    total = frame.groupby(keys)[metric].var(ddof=1)
    runs = frame.groupby(keys).size()
    rows = []
    for (scenario, policy), g in per_market.groupby(keys, sort=True):
        v = g["value"].to_numpy(dtype=float)
        good = sign * v  # larger is better
        cut = np.percentile(good, q)
        tail = good[good <= cut]
        row = {"scenario": scenario, "policy": int(policy), "markets": len(v),
               "runs": int(runs[(scenario, policy)]),
               "mean": float(v.mean()), "median": float(np.median(v)), "tail": float(sign * cut),
               "cvar": float(sign * tail.mean()), "mean_regret": float(g["regret"].mean()),
               "max_regret": float(g["regret"].max())}
        if r.get("target") is not None:
            row["meets"] = float(np.mean(good >= sign * float(r["target"])))
        w, t = within.get((scenario, policy), np.nan), total.get((scenario, policy), np.nan)
        row["luck_share"] = float(min(1.0, w / t)) if t and np.isfinite(w) and t > 0 else float("nan")
        rows.append(row)
    table = pd.DataFrame(rows)
    if table.empty:
        return table
    lever_values = frame.groupby(keys, sort=True)[levers].first().reset_index() if levers else None
    if lever_values is not None:
        table = lever_values.merge(table, on=keys)
        table = table[["scenario", "policy", *levers] + [c for c in table.columns if c not in ("scenario", "policy", *levers)]]
    table["score"] = _score(table, r["criterion"], sign)
    order = table.sort_values(["score", "mean"], ascending=[False, goal == "min"], kind="stable").index
    table.loc[order, "rank"] = np.arange(1, len(table) + 1)
    table["rank"] = table["rank"].astype(int)
    table["best"] = table["rank"] == 1
    return table.sort_values("rank").reset_index(drop=True)


def _score(table: pd.DataFrame, criterion: str, sign: float) -> pd.Series:
    """Larger is better, for every criterion."""
    if criterion == "mean":
        return sign * table["mean"]
    if criterion == "percentile":
        return sign * table["tail"]
    if criterion == "cvar":
        return sign * table["cvar"]
    if criterion == "regret":
        return -table["max_regret"]
    if criterion == "satisficing":
        return table["meets"]
    raise ValueError(f"unknown robustness criterion {criterion!r}; allowed: {', '.join(CRITERIA)}")


def assumption_values(points: pd.DataFrame, meta: dict) -> tuple[pd.DataFrame, dict[str, Uncertain]]:
    """The uncertain assumptions' values at the draw points a results table holds (its columns
    named by the factors; points in [0, 1]): for a relative one the multiplier of each scenario's
    own value, for a joint set the number of the set drawn. Also each column's assumption."""
    data = meta.get("scenarios", {})
    declared = (next(iter(data.values()), {}) or {}).get("uncertain", [])
    out, which = pd.DataFrame(index=points.index), {}
    for f in meta.get("factors", []):
        if not f.get("assumption") or f["name"] not in points.columns:
            continue
        u = Uncertain(**declared[int(re.search(r"\[(\d+)\]$", f["path"]).group(1))])
        drawn = u.from_unit(points[f["name"]].to_numpy(dtype=float))
        out[f["name"]] = drawn.astype(int) if u.joint else drawn
        which[f["name"]] = u
    return out, which


def market_values(finals: pd.DataFrame, meta: dict, metric: str) -> pd.DataFrame:
    """One row per (scenario, policy, market): the metric's mean over replications (the points a
    robustness plot shows)."""
    frame = policy_frame(finals, meta)
    return frame.groupby(["scenario", "policy", "market"], sort=True)[metric].mean().rename("value").reset_index()


__all__ = ["CRITERIA", "DEFAULT", "assumption_values", "market_values", "policy_frame", "robustness_table", "spec"]
