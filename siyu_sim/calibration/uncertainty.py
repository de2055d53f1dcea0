"""How sure the fit is: ABC rejection on the search's own trials (docs/calibration.md).

The loss of a parameter set is itself noisy: the same parameters under other seeds give other
tables. So the best parameters are re-run ``K`` times (``check_replications``), and the loss of
many draws of ``R`` of those runs (R = the replications a trial has; bootstrap, seeded) shows how
far the loss of equally good parameters can wander: its ``quantile`` (90%) is the tolerance.
Every trial whose loss is within it is *accepted* as fitting about as well as the best (ABC
rejection, Pritchard et al. 1999, with the replication noise as tolerance). From the accepted
trials: each parameter's interval ([min, max]), the Spearman correlations between parameters,
and "not identified" when the interval covers more than ``UNIDENTIFIED_SHARE`` of the range.

Limits: the trials are TPE's, not draws from a prior: TPE crowds near the best, so the
accepted set is not a posterior sample and the interval is an approximate set of values
consistent with the data, not a credible interval. Common random numbers make trials' losses
less noisy relative to each other than independent runs would; taking the tolerance from
independent draws errs on the wide side.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from ..config.calibration_files import CalibrationSpec
from .fit import Loss, mean_table
from .result import Estimate

#: A parameter whose accepted values span more than this share of its range is not identified.
UNIDENTIFIED_SHARE = 0.7
TOLERANCE_QUANTILE = 0.9
BOOTSTRAP_DRAWS = 200
MIN_ACCEPTED = 5


def noise_losses(check_tables: list[pd.DataFrame], replications: int, loss: Loss, seed: int) -> np.ndarray:
    """Loss of the mean of ``replications`` runs drawn (without replacement, bootstrap) from the
    check runs of the best parameters: how a trial's loss varies with its luck alone."""
    rng = np.random.default_rng(np.random.SeedSequence(seed, spawn_key=(2**31 - 7,)))
    k = len(check_tables)
    r = min(replications, k)
    return np.array([loss(mean_table([check_tables[i] for i in rng.choice(k, size=r, replace=False)]))
                     for _ in range(BOOTSTRAP_DRAWS)])


def tolerance(noise: np.ndarray, best_loss: float) -> float:
    return float(max(np.quantile(noise, TOLERANCE_QUANTILE), best_loss))


def accepted(trials: pd.DataFrame, threshold: float) -> pd.DataFrame:
    """The trials that fit about as well as the best (at least ``MIN_ACCEPTED``, the best first)."""
    ranked = trials.sort_values("loss", kind="stable")
    inside = ranked[ranked["loss"] <= threshold]
    return inside if len(inside) >= MIN_ACCEPTED else ranked.head(MIN_ACCEPTED)


def estimates(spec: CalibrationSpec, best: dict[str, float], chosen: pd.DataFrame) -> list[Estimate]:
    out = []
    for p in spec.parameters:
        values = chosen[p.path].to_numpy(dtype=float)
        low, high = float(values.min()), float(values.max())
        share = (high - low) / (p.high - p.low)
        out.append(Estimate(path=p.path, best=float(best[p.path]), low=low, high=high,
                            range_low=p.low, range_high=p.high, identified=bool(share <= UNIDENTIFIED_SHARE)))
    return out


def correlations(spec: CalibrationSpec, chosen: pd.DataFrame) -> pd.DataFrame:
    """Spearman rank correlations between the fitted parameters among the accepted trials."""
    names = [p.path for p in spec.parameters]
    if len(chosen) < 3:
        return pd.DataFrame(np.eye(len(names)), index=names, columns=names)
    values = chosen[names].astype(float).corr(method="spearman").fillna(0.0).to_numpy(copy=True)
    np.fill_diagonal(values, 1.0)
    return pd.DataFrame(values, index=names, columns=names)
