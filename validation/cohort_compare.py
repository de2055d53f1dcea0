"""The agent model beside BG/NBD on a real cohort: both fitted to the same first weeks, both
forecasting the rest (docs/validation.md, "Real customers: CDNOW").

The errors reported are those the BG/NBD paper reports (Fader, Hardie & Lee 2005, §5):
cumulative repeat transactions at the end of the holdout, weekly tracking in the holdout
(MAPE and RMSE of the weekly repeat transactions), and the histogram of repeat purchases per
customer in the fitting period.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import pandas as pd

from siyu_sim.calibration import bgnbd

from .cohort import WEEK, Cohort
from .cohort_model import HISTOGRAM_TOP, histogram, simulate


@dataclass
class CohortComparison:
    """Weekly repeat transactions and fitting-period histograms: actual, model, BG/NBD."""

    fit_weeks: int
    weekly: pd.DataFrame  # week, actual, model, bgnbd (repeat transactions in the week)
    histogram: pd.DataFrame  # repeats ("0" … "7+"), actual, model, bgnbd (customers)
    bgnbd: bgnbd.BGNBD
    params: dict[str, float]

    @property
    def cumulative(self) -> pd.DataFrame:
        out = self.weekly.copy()
        out[["actual", "model", "bgnbd"]] = out[["actual", "model", "bgnbd"]].cumsum()
        return out

    def errors(self) -> pd.DataFrame:
        """One row per model: week-end cumulative repeats and its error, the holdout's weekly
        MAPE and RMSE, the fitting period's weekly RMSE, the histogram's χ²-like distance."""
        w = self.weekly
        hold = w[w["week"] > self.fit_weeks]
        fitting = w[w["week"] <= self.fit_weeks]
        actual_total = float(w["actual"].sum())
        h = self.histogram
        rows = []
        for name in ("model", "bgnbd"):
            total = float(w[name].sum())
            err = hold[name] - hold["actual"]
            rows.append({
                "forecast": name, "cum_repeats_end": total, "actual_cum_repeats_end": actual_total,
                "cum_error_pct": 100.0 * (total - actual_total) / actual_total,
                "holdout_weekly_mape_pct": float(100.0 * (err.abs() / hold["actual"]).mean()),
                "holdout_weekly_rmse": float(np.sqrt((err ** 2).mean())),
                "fit_weekly_rmse": float(np.sqrt(((fitting[name] - fitting["actual"]) ** 2).mean())),
                "histogram_chi2": float(((h[name] - h["actual"]) ** 2 / h[name].clip(lower=1e-9)).sum()),
            })
        return pd.DataFrame(rows).set_index("forecast")


def bgnbd_weekly(model: bgnbd.BGNBD, cohort: Cohort, weeks: int) -> np.ndarray:
    """BG/NBD's expected repeat transactions in each calendar week 1 … ``weeks``: differences
    of the cohort's expected cumulative repeats at each week's end (end of day 7k − 1)."""
    ends = (np.arange(1, weeks + 1) * WEEK - 1) / WEEK
    cum = bgnbd.cohort_cumulative(model, cohort.first_day / WEEK, ends)
    return np.diff(np.concatenate([[0.0], cum]))


def compare_on_cohort(cohort: Cohort, params: dict[str, float], *, fit_weeks: int, weeks: int,
                      seeds: tuple[int, ...] = (0,)) -> CohortComparison:
    """Simulate the model with ``params`` (mean over ``seeds``), fit BG/NBD to the first
    ``fit_weeks`` weeks, and line both up against the cohort's ``weeks`` weeks."""
    days, fit_end = weeks * WEEK, fit_weeks * WEEK
    runs = [simulate(cohort, params, days, seed) for seed in seeds]
    model_weekly = np.mean([r.weekly_repeats(weeks) for r in runs], axis=0)
    model_hist = np.mean([histogram(r, fit_end) for r in runs], axis=0)
    fitted = bgnbd.fit(*cohort.rfm_weeks(fit_end))
    _, _, T = cohort.rfm_weeks(fit_end)
    labels = [str(i) for i in range(HISTOGRAM_TOP)] + [f"{HISTOGRAM_TOP}+"]
    weekly = pd.DataFrame({"week": np.arange(1, weeks + 1), "actual": cohort.weekly_repeats(weeks),
                           "model": model_weekly, "bgnbd": bgnbd_weekly(fitted, cohort, weeks)})
    hist = pd.DataFrame({"repeats": labels, "actual": histogram(cohort, fit_end), "model": model_hist,
                         "bgnbd": bgnbd.expected_histogram(fitted, T, HISTOGRAM_TOP)})
    return CohortComparison(fit_weeks, weekly, hist, fitted, dict(params))


def comparison_markdown(c: CohortComparison) -> str:
    """The tables docs/validation.md shows, as Markdown."""
    e = c.errors()
    m, b = e.loc["model"], e.loc["bgnbd"]
    weeks = int(c.weekly["week"].max())
    lines = [
        f"| | actual | model | BG/NBD |", "| --- | --- | --- | --- |",
        f"| cumulative repeat transactions, week {weeks} | {m.actual_cum_repeats_end:,.0f} | "
        f"{m.cum_repeats_end:,.0f} ({m.cum_error_pct:+.1f}%) | {b.cum_repeats_end:,.0f} ({b.cum_error_pct:+.1f}%) |",
        f"| holdout weeks {c.fit_weeks + 1}–{weeks}: weekly MAPE | | {m.holdout_weekly_mape_pct:.1f}% | "
        f"{b.holdout_weekly_mape_pct:.1f}% |",
        f"| holdout weekly RMSE (transactions) | | {m.holdout_weekly_rmse:.1f} | {b.holdout_weekly_rmse:.1f} |",
        f"| fitting weeks 1–{c.fit_weeks}: weekly RMSE | | {m.fit_weekly_rmse:.1f} | {b.fit_weekly_rmse:.1f} |",
        "", f"Repeat purchases per customer in weeks 1–{c.fit_weeks} (customers):", "",
        "| repeats | " + " | ".join(c.histogram["repeats"]) + " |",
        "| --- |" + " --- |" * len(c.histogram),
    ]
    for name, label in (("actual", "actual"), ("model", "model"), ("bgnbd", "BG/NBD")):
        lines.append(f"| {label} | " + " | ".join(f"{v:,.0f}" for v in c.histogram[name]) + " |")
    return "\n".join(lines)
