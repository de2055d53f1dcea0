"""A cohort of real customers, each followed from its first purchase, and the agent model run
on them (docs/validation.md, "Real customers: CDNOW").

A cohort file has one row per customer: ``id``, ``first_day`` (day of the first purchase,
0 = the cohort's first day), ``repeat_days`` (days of the later purchases, space separated,
one per customer-day). ``tests/data/cdnow.csv.gz`` is one (tests/data/README.md).
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import numpy as np
import pandas as pd

WEEK = 7


@dataclass(frozen=True)
class Cohort:
    """First-purchase days and the days of every later purchase, per customer."""

    first_day: np.ndarray  # int, one per customer
    repeat_days: list[np.ndarray]  # per customer, ascending

    def __len__(self) -> int:
        return len(self.first_day)

    def weekly_repeats(self, weeks: int) -> np.ndarray:
        """Repeat transactions in each calendar week 1 … ``weeks`` (week 1 = days 0–6)."""
        days = np.concatenate(self.repeat_days) if self.repeat_days else np.zeros(0, dtype=int)
        return weekly_counts(days, weeks)

    def repeats_by(self, end_day: float) -> np.ndarray:
        """Each customer's repeat transactions on days before ``end_day``."""
        return np.array([np.count_nonzero(d < end_day) for d in self.repeat_days], dtype=int)

    def rfm_weeks(self, end_day: float) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
        """(x, t_x, T) in weeks for a BG/NBD fit on the days before ``end_day``: T runs from
        the first purchase to the end of the last day observed (``end_day − 1``), as in Fader,
        Hardie & Lee (2005): 38.86 weeks for a first purchase on 1 January, end 30 September."""
        last = end_day - 1
        x = self.repeats_by(end_day)
        t_last = np.array([d[d < end_day].max() if n else f for d, n, f in
                           zip(self.repeat_days, x, self.first_day)], dtype=float)
        return x.astype(float), (t_last - self.first_day) / WEEK, (last - self.first_day) / WEEK


def weekly_counts(days: np.ndarray, weeks: int, weights: np.ndarray | None = None) -> np.ndarray:
    """Transactions on ``days`` counted by week 1 … ``weeks`` (later days dropped)."""
    days = np.asarray(days)
    keep = (days >= 0) & (days < weeks * WEEK)
    w = None if weights is None else np.asarray(weights)[keep]
    return np.bincount(days[keep] // WEEK, weights=w, minlength=weeks)[:weeks].astype(float)


def read_cohort(path: str | Path, sample_only: bool = False) -> Cohort:
    """A cohort file (gzip CSV or plain); ``sample_only`` keeps rows whose ``in_sample`` is 1."""
    frame = pd.read_csv(path, keep_default_na=False, dtype={"repeat_days": str})
    if sample_only:
        frame = frame[frame["in_sample"] == 1]
    repeats = [np.array(s.split(), dtype=np.int64) for s in frame["repeat_days"]]
    return Cohort(frame["first_day"].to_numpy(dtype=np.int64), repeats)
