"""The BG/NBD model of repeat buying (Fader, Hardie & Lee 2005, "'Counting your customers' the
easy way: an alternative to the Pareto/NBD model", Marketing Science 24(2): 275–284).

While alive a customer buys as a Poisson process with rate λ ~ Gamma(r, α); after every
transaction it dies (buys never again) with probability p ~ Beta(a, b). Fitted by maximum
likelihood on each customer's (x, t_x, T): repeat transactions, time of the last one, time
observed since the first purchase (eq. 6 of the paper, in logs). Used as the benchmark the
agent model is put beside on real customers (``validation/cohort_compare.py``, docs/validation.md).

No maintained BG/NBD library installs on Python 3.11, so the published formulas are coded
here: the log-likelihood (eq. 6), E[X(t)] through the Gaussian hypergeometric function
(eq. 9) and P(X(t) = x) (eq. 8). Time is in whatever unit the data are given in (weeks in the
paper).
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
from scipy.optimize import minimize
from scipy.special import betaln, gammaln, hyp2f1


@dataclass(frozen=True)
class BGNBD:
    """Fitted BG/NBD parameters and the maximised log-likelihood."""

    r: float
    alpha: float
    a: float
    b: float
    log_likelihood: float = float("nan")

    @property
    def params(self) -> tuple[float, float, float, float]:
        return self.r, self.alpha, self.a, self.b


def rfm(first: np.ndarray, repeats: list[np.ndarray], end: float) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """(x, t_x, T) per customer from first-purchase times and the times of later purchases,
    observed up to ``end`` (all in one unit): repeats after ``end`` are ignored."""
    first = np.asarray(first, dtype=float)
    x = np.zeros(len(first))
    t_x = np.zeros(len(first))
    for i, (f, later) in enumerate(zip(first, repeats)):
        later = np.asarray(later, dtype=float)
        later = later[later <= end]
        x[i] = len(later)
        t_x[i] = later.max() - f if len(later) else 0.0
    return x, t_x, end - first


def log_likelihood(params, x, t_x, T) -> float:
    """Σ ln L(r, α, a, b | x, t_x, T), eq. 6 of Fader, Hardie & Lee (2005)."""
    r, alpha, a, b = params
    x, t_x, T = (np.asarray(v, dtype=float) for v in (x, t_x, T))
    ln_a1 = gammaln(r + x) - gammaln(r) + r * np.log(alpha)
    ln_a2 = betaln(a, b + x) - betaln(a, b)
    ln_a3 = -(r + x) * np.log(alpha + T)
    repeat = x > 0
    with np.errstate(divide="ignore", invalid="ignore"):
        ln_a4 = np.where(repeat, np.log(a) - np.log(np.maximum(b + x - 1.0, 1e-300))
                         - (r + x) * np.log(alpha + t_x), -np.inf)
    return float(np.sum(ln_a1 + ln_a2 + np.logaddexp(ln_a3, ln_a4)))


def fit(x, t_x, T, start: tuple[float, float, float, float] = (1.0, 1.0, 1.0, 1.0)) -> BGNBD:
    """Maximum-likelihood (r, α, a, b): Nelder–Mead on the logs of the parameters (so they stay
    positive), then polished by L-BFGS-B. Raises RuntimeError if the optimum is not finite."""
    x, t_x, T = (np.asarray(v, dtype=float) for v in (x, t_x, T))
    scale = max(len(x), 1)

    def loss(log_params):
        value = -log_likelihood(np.exp(log_params), x, t_x, T) / scale
        return value if np.isfinite(value) else 1e10

    first = minimize(loss, np.log(start), method="Nelder-Mead",
                     options={"xatol": 1e-8, "fatol": 1e-12, "maxiter": 20_000, "maxfev": 40_000})
    best = minimize(loss, first.x, method="L-BFGS-B", bounds=[(-15.0, 15.0)] * 4)
    chosen = best if best.fun <= first.fun else first
    params = np.exp(chosen.x)
    ll = log_likelihood(params, x, t_x, T)
    if not (np.all(np.isfinite(params)) and np.isfinite(ll)):
        raise RuntimeError(f"BG/NBD fit did not converge to finite parameters: {params}, LL {ll}")
    return BGNBD(*map(float, params), log_likelihood=ll)


def expected_repeats(t, model: BGNBD) -> np.ndarray:
    """E[X(t)]: expected repeat transactions in the ``t`` time units after a customer's first
    purchase (eq. 9, with the Gaussian hypergeometric function ₂F₁); 0 for t ≤ 0."""
    r, alpha, a, b = model.params
    t = np.maximum(np.asarray(t, dtype=float), 0.0)
    z = t / (alpha + t)
    value = (a + b - 1.0) / (a - 1.0) * (1.0 - (alpha / (alpha + t)) ** r * hyp2f1(r, b, a + b - 1.0, z))
    return np.where(t > 0, value, 0.0)


def cohort_cumulative(model: BGNBD, first: np.ndarray, times: np.ndarray) -> np.ndarray:
    """Expected cumulative repeat transactions of a cohort whose members made their first
    purchases at ``first``, at each calendar time in ``times`` (the paper's tracking plot:
    Σ over customers of E[X(time − first)])."""
    starts, counts = np.unique(np.asarray(first, dtype=float), return_counts=True)
    times = np.asarray(times, dtype=float)
    return np.array([float(counts @ expected_repeats(time - starts, model)) for time in times])


def pmf(x, t, model: BGNBD) -> np.ndarray:
    """P(X(t) = x) for a customer observed ``t`` time units since the first purchase (eq. 8);
    ``x`` and ``t`` broadcast."""
    r, alpha, a, b = model.params
    x = np.asarray(x, dtype=float)
    t = np.asarray(t, dtype=float)
    x, t = np.broadcast_arrays(x, t)
    ln_nbd = (gammaln(r + x) - gammaln(r) - gammaln(x + 1.0) + r * np.log(alpha / (alpha + t))
              + x * np.log(np.where(t > 0, t / (alpha + t), 1.0)))
    alive = np.exp(betaln(a, b + x) - betaln(a, b) + ln_nbd) * np.where((t > 0) | (x == 0), 1.0, 0.0)
    # Died after the x-th transaction: 1 − P(at most x − 1 events of the NBD by t).
    out = alive.copy()
    top = int(x.max()) if x.size else 0
    j = np.arange(top)
    ln_terms = (gammaln(r + j) - gammaln(r) - gammaln(j + 1.0))
    flat_x, flat_t = x.ravel(), t.ravel()
    flat_out = out.ravel()
    for k, (xi, ti) in enumerate(zip(flat_x, flat_t)):
        if xi <= 0:
            continue
        jj = j[: int(xi)]
        q = ti / (alpha + ti)
        below = np.exp(ln_terms[: int(xi)] + r * np.log(alpha / (alpha + ti))
                       + jj * (np.log(q) if q > 0 else -np.inf)).sum() if ti > 0 else 1.0
        flat_out[k] += np.exp(betaln(a + 1.0, b + xi - 1.0) - betaln(a, b)) * max(1.0 - below, 0.0)
    return flat_out.reshape(x.shape)


def expected_histogram(model: BGNBD, T: np.ndarray, top: int) -> np.ndarray:
    """Expected number of customers with 0, 1, …, top − 1 and ``top`` or more repeat
    transactions, each observed for its own ``T`` (the paper's Figure 2)."""
    ts, counts = np.unique(np.asarray(T, dtype=float), return_counts=True)
    xs = np.arange(top)
    probs = pmf(xs[:, None], ts[None, :], model)  # top × len(ts)
    below = probs @ counts
    return np.append(below, counts.sum() - below.sum())
