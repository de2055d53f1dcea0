"""What "fits" means: the observed data against the calibration file, and the loss.

``check_observed`` joins a validated calibration file to its observed table (the metrics it
matches must be observed columns with data; the periods it fits must leave something to fit)
and returns the metrics and the periods the loss uses: a CalibrationError naming the key and
what is allowed otherwise, before any run.

``loss`` compares the mean over a trial's replications (common random numbers: the same seeds
for every trial) with the observed values, metric by metric over the fit periods where a value
was observed, and takes the weighted mean over metrics:

- ``relative_squared``: ((simulated − observed) / scale)², scale = the metric's mean absolute
  observed value over the fit periods, so that members (10⁴) and GMV (10⁶ CNY) weigh alike;
- ``squared``: (simulated − observed)², in the metrics' own units (one metric, or metrics of one
  scale).
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from ..config.calibration_files import CalibrationError, CalibrationSpec
from ..config.observed_columns import FITTABLE, OBSERVED_RATIOS, PERIOD_COLUMN
from ..config.problems import Problem, closest


def check_observed(spec: CalibrationSpec, observed: pd.DataFrame,
                   observed_source: str) -> tuple[dict[str, float], list[int], list[int]]:
    """(metric → weight, fit periods, held-out periods) for this file and these data."""
    with_data = [c for c in observed.columns if c != PERIOD_COLUMN and observed[c].notna().any()]
    problems: list[Problem] = []
    # By default every observed column with data, not the ratios of two: their parts are fitted.
    metrics = dict(spec.metrics) or {c: 1.0 for c in with_data if c not in OBSERVED_RATIOS}
    for m in spec.metrics:
        if m not in with_data:
            problems.append(Problem(f"metrics.{m}", f"has no values in {observed_source}", m,
                                    "a column with data there: " + (", ".join(with_data) or "none"),
                                    closest(m, with_data)))
    periods = observed[PERIOD_COLUMN].tolist()
    held_out = list(spec.held_out)
    fit = spec.fit or [p for p in periods if p not in held_out]
    fit = [p for p in fit if p <= spec.n_periods]
    rows = observed[observed[PERIOD_COLUMN].isin(fit)]
    usable = [m for m in metrics if m in rows and rows[m].notna().any()]
    if not problems and not usable:
        problems.append(Problem("periods", "nothing is left to fit: no metric has an observed value in "
                                "the periods that are not held out", {"held_out": held_out},
                                f"hold out fewer periods; {observed_source} has values in periods "
                                + ", ".join(map(str, periods))))
    if problems:
        raise CalibrationError(spec.file, problems)
    return metrics, sorted(int(p) for p in rows[PERIOD_COLUMN]), held_out


def mean_table(tables: list[pd.DataFrame]) -> pd.DataFrame:
    """The mean over replications, period by period (each table: period + metric columns)."""
    return pd.concat(tables).groupby(PERIOD_COLUMN, sort=True).mean().reset_index()


class Loss:
    """The loss of a simulated table (mean over replications) against the observed one."""

    def __init__(self, observed: pd.DataFrame, metrics: dict[str, float], periods: list[int], kind: str):
        self.metrics = {m: float(w) for m, w in metrics.items()}
        self.periods = list(periods)
        self.kind = kind
        obs = observed.set_index(PERIOD_COLUMN).reindex(self.periods)
        self.observed = {m: obs[m].to_numpy(dtype=float) for m in self.metrics}
        self.scale = {}
        for m, values in self.observed.items():
            finite = np.abs(values[np.isfinite(values)])
            mean = float(finite.mean()) if len(finite) else 0.0
            self.scale[m] = mean if (kind == "relative_squared" and mean > 0) else 1.0

    @property
    def n_values(self) -> int:
        """Observed values the loss compares (metrics × fit periods, where observed)."""
        return int(sum(np.isfinite(v).sum() for v in self.observed.values()))

    def array(self, table: pd.DataFrame) -> np.ndarray:
        """``table``'s matched metrics over the fit periods: periods × metrics, in the loss's order."""
        return table.set_index(PERIOD_COLUMN).reindex(self.periods)[list(self.metrics)].to_numpy(dtype=float)

    def of_arrays(self, simulated: np.ndarray, observed: np.ndarray | None = None) -> float:
        """The loss of a periods × metrics array against the observed one (or ``observed``, a
        simulated run standing in for the data where the data have values)."""
        obs = np.column_stack([self.observed[m] for m in self.metrics])
        here = np.isfinite(obs)
        if observed is not None:
            obs = np.where(here, observed, np.nan)
        scale = np.array([self.scale[m] for m in self.metrics])
        weight = np.array([self.metrics[m] for m in self.metrics])
        sq = np.where(here, ((simulated - obs) / scale) ** 2, 0.0)
        counts = here.sum(axis=0)
        used = counts > 0
        if not used.any():
            return float("nan")
        per_metric = sq.sum(axis=0)[used] / counts[used]
        return float((weight[used] * per_metric).sum() / weight[used].sum())

    def __call__(self, simulated: pd.DataFrame) -> float:
        return self.of_arrays(self.array(simulated))


def columns_needed(metrics: dict[str, float], observed: pd.DataFrame) -> list[str]:
    """The observed columns to simulate: the matched metrics and every other observed column
    (so that the bands cover what the brand gave)."""
    return [c for c in FITTABLE if c in metrics or c in observed.columns]
