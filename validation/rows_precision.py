"""How many rows a question needs (docs/performance.md): the bias and the spread that fewer rows
bring to the profit each strategy adds over no private domain, read from a sweep over
``population.rows`` (``experiments/rows_precision.toml``).

For each brand size, strategy and row count: the mean added profit over the replications, the
seed-to-seed standard deviation (one run's luck), the 95% interval of the mean, and the bias
against the most rows simulated with its 95% interval (the two means' intervals combined,
Welch). The difference between the strategies (paired: common random numbers within a
replication) is judged the same way. ::

    siyu sweep experiments/rows_precision.toml
    python -m validation.rows_precision results/rows_precision
"""

from __future__ import annotations

import argparse
import math
import sys
from pathlib import Path

import numpy as np
import pandas as pd
from scipy import stats

METRIC = "cum_incremental_profit"


def mean_interval(values) -> tuple[float, float, float, int]:
    """(mean, sd, half-width of its 95% t interval, n) of ``values``."""
    x = np.asarray(values, dtype=float)
    n = len(x)
    sd = float(x.std(ddof=1)) if n > 1 else math.nan
    half = float(stats.t.ppf(0.975, n - 1) * sd / math.sqrt(n)) if n > 1 else math.nan
    return float(x.mean()), sd, half, n


def combined_half(a, b) -> float:
    """Half-width of the 95% interval of mean(a) − mean(b), independent samples (Welch)."""
    va, vb = np.var(a, ddof=1) / len(a), np.var(b, ddof=1) / len(b)
    se = math.sqrt(va + vb)
    if se == 0.0:
        return 0.0
    dof = (va + vb) ** 2 / (va ** 2 / (len(a) - 1) + vb ** 2 / (len(b) - 1))
    return float(stats.t.ppf(0.975, dof) * se)


def added_profit(frame: pd.DataFrame, size: str = "brand_customers", order: list[str] | None = None) -> pd.DataFrame:
    """One row per brand size, rows and replication: each strategy's added profit at the horizon
    and, with two strategies, the first (in ``order``, else as found) minus the second (paired
    within the replication)."""
    final = frame.loc[frame.groupby("run_id")["day"].idxmax()] if "day" in frame else frame
    wide = final.pivot_table(index=[size, "rows", "replication"], columns="scenario", values=METRIC)
    names = order or list(dict.fromkeys(final["scenario"]))
    if len(names) == 2:
        wide[f"{names[0]} − {names[1]}"] = wide[names[0]] - wide[names[1]]
    wide.columns.name = None
    return wide.reset_index()


def precision_table(wide: pd.DataFrame, size: str = "brand_customers") -> pd.DataFrame:
    """Per brand size, figure and rows: mean, sd, the mean's 95% half-width, and the bias against
    the most rows of that brand with its 95% half-width and whether it lies inside it."""
    figures = [c for c in wide.columns if c not in (size, "rows", "replication")]
    out = []
    for customers, brand in wide.groupby(size):
        top = brand["rows"].max()
        for figure in figures:
            ref = brand.loc[brand["rows"] == top, figure].to_numpy()
            for rows, g in brand.groupby("rows"):
                x = g[figure].to_numpy()
                mean, sd, half, n = mean_interval(x)
                bias = mean - float(ref.mean())
                bias_half = combined_half(x, ref) if rows != top else math.nan
                out.append({"customers": customers, "figure": figure, "rows": rows, "n": n, "mean": mean,
                            "sd": sd, "ci_half": half, "bias": bias if rows != top else math.nan,
                            "bias_ci_half": bias_half,
                            "bias_within": abs(bias) < bias_half if rows != top else None})
    return pd.DataFrame(out)


def markdown(table: pd.DataFrame) -> str:
    """The table as Markdown, money in thousands of CNY."""
    k = lambda v: "–" if not np.isfinite(v) else f"{v / 1e3:+,.0f}k"  # noqa: E731
    lines = ["| customers | figure | rows | runs | mean | sd (one run) | 95% CI of the mean | bias vs most rows "
             "(95% CI) |", "|---:|---|---:|---:|---:|---:|---:|---:|"]
    for r in table.itertuples():
        bias = "reference" if not np.isfinite(r.bias) else \
            f"{k(r.bias)} ± {r.bias_ci_half / 1e3:,.0f}k{'' if r.bias_within else ' **outside**'}"
        lines.append(f"| {r.customers:,} | {r.figure} | {r.rows:,} | {r.n} | {k(r.mean)} | {r.sd / 1e3:,.0f}k | "
                     f"± {r.ci_half / 1e3:,.0f}k | {bias} |")
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    p = argparse.ArgumentParser(prog="python -m validation.rows_precision", description=__doc__.split("\n\n")[0])
    p.add_argument("results", help="the results folder of experiments/rows_precision.toml")
    a = p.parse_args(argv)
    design = Path(a.results) / "_design.csv"  # the experiment's own order of the strategies
    order = list(dict.fromkeys(pd.read_csv(design)["scenario"])) if design.exists() else None
    print(markdown(precision_table(added_profit(pd.read_parquet(a.results), order=order))))
    return 0


if __name__ == "__main__":
    sys.exit(main())
