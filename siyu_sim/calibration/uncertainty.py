"""How sure the fit is: ABC rejection on the search's own trials (docs/calibration.md).

The observed data are one realisation of the brand's luck, and a trial's table is the mean of
``R`` runs under other seeds: even the true parameters do not reach loss 0. How far from 0 they
stay is measured on the best parameters, re-run ``K`` times (``check_replications``): one of those
runs stands in for the data, the mean of ``R`` others for a trial, and the loss between them is
drawn many times (seeded). Its ``TOLERANCE_QUANTILE`` (90%) is the tolerance: data made by
parameters as good as the best would be this far from their trial in 9 cases out of 10. The
data's own measurement noise is not the model's luck: the best fit's residuals show it, and the
least-squares confidence region at the same level (``tolerance``) is taken when it is wider.
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
from scipy.stats import f as f_dist

from ..config.calibration_files import CalibrationSpec
from .fit import Loss
from .quality import MIN_ACCEPTED, UNIDENTIFIED_SHARE
from .result import Estimate

TOLERANCE_QUANTILE = 0.9
BOOTSTRAP_DRAWS = 200


def noise_losses(check_tables: list[pd.DataFrame], replications: int, loss: Loss, seed: int) -> np.ndarray:
    """The loss between one check run of the best parameters (standing in for the data) and
    the mean of ``replications`` others (standing in for a trial), drawn ``BOOTSTRAP_DRAWS``
    times: how far from 0 parameters as good as the best stay by luck alone."""
    rng = np.random.default_rng(np.random.SeedSequence(seed, spawn_key=(2**31 - 7,)))
    runs = np.stack([loss.array(table) for table in check_tables])  # runs × periods × metrics
    k = len(runs)
    r = max(1, min(replications, k - 1))
    out = []
    for _ in range(BOOTSTRAP_DRAWS):
        pick = rng.choice(k, size=r + 1, replace=False)
        out.append(loss.of_arrays(runs[pick[1:]].mean(axis=0), observed=runs[pick[0]]))
    return np.array(out)


def tolerance(noise: np.ndarray, best_loss: float, n_values: int, n_parameters: int) -> float:
    """The larger of two tolerances: the model's own luck (``noise_losses``), and the data's
    own noise as the best fit's residuals show it: the least-squares confidence region
    S(θ) ≤ S(θ̂)·(1 + p/(n−p)·F(p, n−p)) (Beale 1960; Bates & Watts 1988, §6.1), at the same
    level. Either alone would call a noisy brand's numbers, or a small simulated pool, exact."""
    luck = float(np.quantile(noise, TOLERANCE_QUANTILE))
    p, n = n_parameters, n_values
    data = best_loss * (1 + p / (n - p) * float(f_dist.ppf(TOLERANCE_QUANTILE, p, n - p))) if n > p else np.inf
    return float(max(luck, data, best_loss))


def accepted(trials: pd.DataFrame, threshold: float) -> pd.DataFrame:
    """The trials that fit about as well as the best (at least ``MIN_ACCEPTED``, the best first)."""
    ranked = trials.sort_values("loss", kind="stable")
    inside = ranked[ranked["loss"] <= threshold]
    return inside if len(inside) >= MIN_ACCEPTED else ranked.head(MIN_ACCEPTED)


def quadratic_extent(spec: CalibrationSpec, trials: pd.DataFrame, threshold: float) -> dict | None:
    """Where a quadratic fitted to the best trials' losses stays within the tolerance, per
    parameter ({path: (low, high)}): the set TPE's sparse samples leave between them (a Wald-like
    interval on the loss surface). None when the fit has no minimum (not positive definite)."""
    names = [p.path for p in spec.parameters]
    lo = np.array([p.low for p in spec.parameters])
    span = np.array([p.high - p.low for p in spec.parameters])
    d = len(names)
    n_coef = 1 + d + d * (d + 1) // 2
    best = trials.sort_values("loss", kind="stable").head(max(3 * n_coef, 10))
    if len(best) < n_coef + 2:
        return None
    x = (best[names].to_numpy(dtype=float) - lo) / span
    pairs = [(i, j) for i in range(d) for j in range(i, d)]
    design = np.column_stack([np.ones(len(x)), x, *[x[:, i] * x[:, j] for i, j in pairs]])
    coef = np.linalg.lstsq(design, best["loss"].to_numpy(dtype=float), rcond=None)[0]
    g = coef[1:1 + d]
    h = np.zeros((d, d))
    for (i, j), c in zip(pairs, coef[1 + d:]):
        h[i, j] += c if i != j else 2 * c
        h[j, i] = h[i, j]
    if np.any(np.linalg.eigvalsh(h) <= 0):
        return None
    inv = np.linalg.inv(h)
    centre = -inv @ g
    q_min = coef[0] + 0.5 * g @ centre
    room = 2 * (threshold - q_min)
    if room <= 0:
        return None
    half = np.sqrt(room * np.diag(inv))
    return {n: (float(lo[i] + span[i] * max(0.0, centre[i] - half[i])),
                float(lo[i] + span[i] * min(1.0, centre[i] + half[i]))) for i, n in enumerate(names)}


def estimates(spec: CalibrationSpec, best: dict[str, float], chosen: pd.DataFrame,
              extent: dict | None = None) -> list[Estimate]:
    out = []
    for p in spec.parameters:
        values = chosen[p.path].to_numpy(dtype=float)
        low, high = float(values.min()), float(values.max())
        if extent is not None:  # the accepted trials, and the surface between them
            low, high = min(low, max(p.low, extent[p.path][0])), max(high, min(p.high, extent[p.path][1]))
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
