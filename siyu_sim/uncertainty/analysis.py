"""The verdict under uncertainty, read from a weighing's draws (``weigh.Weighing.draws``).

Reads only the tidy draw table: one row per strategy × draw with the drawn assumptions and the
horizon's money. Every figure is over the draws (each a world drawn from the assumptions and one
run's luck in it), so it covers both luck and not-knowing:

- ``summary``: per strategy, the probability that it adds profit over no private domain and that
  it beats the same cash in paid ads, the median and a 90% interval of added profit, how the
  spread splits into luck and not-knowing, and when it breaks even;
- ``head_to_head``: the first strategy against each other one, draw by draw (common random
  numbers within a draw, so the difference is the strategies');
- ``drivers``: for each assumption, added profit as it moves across its range with the others at
  their average (its part in an additive model of smoothing splines fitted by backfitting: with
  the others' effects taken out, not left in as noise, which at a few dozen draws turned a cost's
  sign), the swing between its 5th and 95th percentile, and where the verdict flips;
- ``value_of_information``: the expected value of knowing each assumption before choosing among
  no private domain and the strategies (partial EVPI by regression, Strong, Oakley & Brennan 2014,
  with the same smoothing splines), and of knowing all of them (EVPI, from an additive fit).

Luck apart from not-knowing: the repeats are draws run again under another seed; half the mean
squared difference between a draw and its repeat estimates the variance of luck in one world
(σ², assumed alike across worlds). What the draws' total variance holds beyond it is
not-knowing (the law of total variance: Var Y = Var E[Y|θ] + E Var[Y|θ]).

Limits: the drivers and the EVPI are additive: an assumption whose effect shows only together
with another's is under-read by its own row; EVPPI's conditional means are one-dimensional smooths
(as Strong et al.'s single-parameter method); EVPPI estimated from noisy runs is biased upward by luck that the smooth does not remove,
the more so with few draws (Strong et al. recommend ≥ 1,000 for a precise value; a few hundred
rank assumptions reliably).
"""

from __future__ import annotations

from typing import Callable, Sequence

import numpy as np
import pandas as pd
from scipy.interpolate import make_smoothing_spline

from .weigh import Weighing

#: The interval the verdict states: 90%, from the 5th to the 95th percentile of the draws.
LOW_Q, HIGH_Q = 0.05, 0.95
#: Assumptions' values at which a driver's bar ends: their 5th and 95th percentiles among the draws.
DRIVER_LOW_Q, DRIVER_HIGH_Q = 0.05, 0.95
#: Fewest distinct values a smoothing spline is fitted to; fewer: the mean at each value.
MIN_SPLINE_POINTS = 8


def _main(w: Weighing) -> pd.DataFrame:
    return w.draws[~w.draws["repeat"]]


def _wide(frame: pd.DataFrame, figure: str, names: list[str]) -> pd.DataFrame:
    """draw × strategy of ``figure``."""
    return frame.pivot(index="draw", columns="scenario", values=figure)[names]


def luck_variance(w: Weighing, figure: str = "added_profit") -> dict[str, float]:
    """{strategy: σ² of ``figure`` from luck alone}, from the draws run twice; NaN with none."""
    draws = w.draws
    out = {}
    for name in w.names:
        d = draws[draws["scenario"] == name]
        first = d[~d["repeat"]].set_index("draw")[figure]
        again = d[d["repeat"]].set_index("draw")[figure]
        both = first.index.intersection(again.index)
        diff = (first.loc[both] - again.loc[both]).to_numpy(dtype=float)
        out[name] = float(np.mean(diff ** 2) / 2) if len(diff) else float("nan")
    return out


def summary(w: Weighing) -> pd.DataFrame:
    """One row per strategy: ``p_adds`` (share of draws where it adds profit over no private
    domain), ``p_beats_ads`` (where it adds more than the same cash in paid ads), ``median``,
    ``low`` and ``high`` (the 90% interval of added profit over the draws), ``sd``,
    ``luck_share`` and ``knowing_share`` (of the variance), ``p_payback`` (breaks even within the
    horizon), ``payback_median`` and ``payback_late`` (its median and 90th-percentile month among
    the draws that do), ``n`` draws."""
    main = _main(w)
    luck = luck_variance(w)
    rows = []
    for name in w.names:
        d = main[main["scenario"] == name]
        y = d["added_profit"].to_numpy(dtype=float)
        total = float(np.var(y, ddof=1)) if len(y) > 1 else float("nan")
        share = min(1.0, luck[name] / total) if total > 0 and np.isfinite(luck[name]) else float("nan")
        months = d["payback_month"].dropna().to_numpy(dtype=float)
        rows.append({
            "scenario": name, "n": len(y),
            "p_adds": float(np.mean(y > 0)), "p_beats_ads": float(np.mean(d["added_vs_ads"] > 0)),
            "median": float(np.median(y)), "low": float(np.quantile(y, LOW_Q)),
            "high": float(np.quantile(y, HIGH_Q)), "mean": float(np.mean(y)), "sd": float(np.sqrt(total)),
            "luck_share": share, "knowing_share": 1.0 - share if np.isfinite(share) else float("nan"),
            "p_payback": float(len(months) / len(y)) if len(y) else float("nan"),
            "payback_median": float(np.median(months)) if len(months) else float("nan"),
            "payback_late": float(np.quantile(months, 0.9)) if len(months) else float("nan"),
        })
    return pd.DataFrame(rows)


def head_to_head(w: Weighing) -> pd.DataFrame:
    """The first strategy against each other one, draw by draw: ``p_first_better`` (share of
    draws where the first adds more profit, a tie counting half), the median and 90% interval of the difference
    (first − other)."""
    wide = _wide(_main(w), "added_profit", w.names)
    first = w.names[0]
    rows = []
    for other in w.names[1:]:
        diff = (wide[first] - wide[other]).to_numpy(dtype=float)
        rows.append({"first": first, "other": other, "p_first_better": float(np.mean(diff > 0) + 0.5 * np.mean(diff == 0)),
                     "median": float(np.median(diff)), "low": float(np.quantile(diff, LOW_Q)),
                     "high": float(np.quantile(diff, HIGH_Q))})
    return pd.DataFrame(rows)


def smooth(x: np.ndarray, y: np.ndarray, categorical: bool = False) -> Callable[[np.ndarray], np.ndarray]:
    """E[y | x] as a function: a cubic smoothing spline with its penalty chosen by generalised
    cross-validation (scipy's ``make_smoothing_spline``; the GAM smooth of Strong et al. 2014),
    over the means at each distinct x. Few distinct x, or ``categorical`` x (the number of a joint
    set: no order to smooth along): those means, joined by straight lines."""
    x = np.asarray(x, dtype=float)
    y = np.asarray(y, dtype=float)
    ux, inverse = np.unique(x, return_inverse=True)
    means = np.bincount(inverse, weights=y) / np.bincount(inverse)
    if len(ux) == 1:
        return lambda v: np.full(np.shape(v), means[0])
    if categorical or len(ux) < MIN_SPLINE_POINTS:
        return lambda v: np.interp(v, ux, means)
    counts = np.bincount(inverse).astype(float)
    # On [0, 1]: scipy's GCV search starts from a penalty scaled to x, and on x in the thousands it
    # settled on next to none, interpolating the luck (an assumption that does nothing got a value).
    lo, span = ux[0], ux[-1] - ux[0]
    spline = make_smoothing_spline((ux - lo) / span, means, w=counts)
    return lambda v: spline(np.clip((np.asarray(v, dtype=float) - lo) / span, 0.0, 1.0))


def drivers(w: Weighing, scenario: str | None = None, figure: str = "added_profit") -> pd.DataFrame:
    """One row per assumption column for ``scenario`` (default: the first), largest swing first:
    ``low_value``/``high_value`` (the column's 5th/95th percentile among the draws),
    ``at_low``/``at_high`` (``figure`` expected there, the other assumptions at their average:
    the mean over the draws plus the assumption's part in ``additive_parts``), ``swing``
    (|at_high − at_low|), ``flips_at`` (where the expected value first crosses zero within the
    draws' range: the verdict "adds profit" turns; NaN if it does not) and ``adds_above`` (it
    turns positive there as the assumption rises)."""
    name = scenario or w.names[0]
    d = _main(w)
    d = d[d["scenario"] == name]
    a, parts = _parts(w, name, figure)
    rows = []
    for column, part in zip(w.factors, parts):
        x = d[column].to_numpy(dtype=float)
        f = (lambda part: lambda v: a + part(v))(part)
        if w.categorical(column):  # sets drawn whole: the bar runs from the set worst to the set best
            sets = np.unique(x)
            g = f(sets)
            lo, hi = float(sets[np.argmin(g)]), float(sets[np.argmax(g)])
            rows.append({"assumption": column, "low_value": lo, "high_value": hi, "at_low": float(g.min()),
                         "at_high": float(g.max()), "swing": float(g.max() - g.min()), "flips_at": float("nan"),
                         "adds_above": False})
            continue
        lo, hi = np.quantile(x, DRIVER_LOW_Q), np.quantile(x, DRIVER_HIGH_Q)
        grid = np.linspace(x.min(), x.max(), 201)
        g = f(grid)
        sign = np.sign(g)
        cross = np.flatnonzero(sign[:-1] * sign[1:] < 0)
        flips, above = float("nan"), False
        if len(cross):
            i = cross[0]
            flips = float(grid[i] - g[i] * (grid[i + 1] - grid[i]) / (g[i + 1] - g[i]))
            above = bool(g[i + 1] > g[i])
        at_lo, at_hi = float(f(np.array([lo]))[0]), float(f(np.array([hi]))[0])
        rows.append({"assumption": column, "low_value": float(lo), "high_value": float(hi),
                     "at_low": at_lo, "at_high": at_hi, "swing": abs(at_hi - at_lo), "flips_at": flips,
                     "adds_above": above})
    out = pd.DataFrame(rows)
    return out.sort_values("swing", ascending=False, kind="stable").reset_index(drop=True)


def _options(w: Weighing) -> pd.DataFrame:
    """draw × decision option: no private domain (0: the baseline), then each strategy's added profit."""
    wide = _wide(_main(w), "added_profit", w.names)
    return pd.concat([pd.Series(0.0, index=wide.index, name=NONE), wide], axis=1)


#: The option of having no private domain, in ``value_of_information``'s decisions.
NONE = "none"


def additive_parts(x: pd.DataFrame, y: np.ndarray, sweeps: int = 20, tol: float = 1e-4,
                   categorical: Sequence[str] = ()) -> tuple[float, list]:
    """An additive model y ≈ a + Σ f_j(x_j) fitted by backfitting with ``smooth`` (Hastie &
    Tibshirani 1990): ``a`` and each f_j as a function (centred on the draws). Each f_j is one
    assumption's effect with the others' effects taken out, not left in as noise. Sweeps stop when
    no part moves by more than ``tol`` of y's spread (at most ``sweeps``). ``categorical``: columns
    that number sets (``smooth``)."""
    y = np.asarray(y, dtype=float)
    a = float(np.mean(y))
    cols = [x[c].to_numpy(dtype=float) for c in x.columns]
    kinds = [c in categorical for c in x.columns]
    parts = np.zeros((len(y), len(cols)))
    fits: list = [lambda v: np.zeros(np.shape(v))] * len(cols)
    scale = float(np.std(y)) or 1.0
    for _ in range(sweeps):
        moved = 0.0
        for j, xj in enumerate(cols):
            f = smooth(xj, y - a - parts.sum(axis=1) + parts[:, j], kinds[j])
            centre = float(np.mean(f(xj)))
            fits[j] = (lambda f, c: lambda v: f(v) - c)(f, centre)
            new = fits[j](xj)
            moved = max(moved, float(np.max(np.abs(new - parts[:, j]))))
            parts[:, j] = new
        if moved <= tol * scale:
            break
    return a, fits


def _parts(w: Weighing, name: str, figure: str = "added_profit") -> tuple[float, list]:
    """``additive_parts`` of ``figure`` for strategy ``name`` over the draws, fitted once per weighing."""
    key = ("parts", name, figure)
    if key not in w.fits:
        d = _main(w)
        d = d[d["scenario"] == name]
        w.fits[key] = additive_parts(d[w.factors], d[figure].to_numpy(dtype=float),
                                     categorical=[c for c in w.factors if w.categorical(c)])
    return w.fits[key]


def additive_fit(x: pd.DataFrame, y: np.ndarray) -> np.ndarray:
    """Fitted values of ``additive_parts``: E[y | all assumptions] without their interactions."""
    return _predict(additive_parts(x, y), x)


def _predict(model: tuple[float, list], x: pd.DataFrame) -> np.ndarray:
    """An additive model's (``additive_parts``) values at the rows of ``x`` (its columns in order)."""
    a, fits = model
    return a + sum(f(x[c].to_numpy(dtype=float)) for f, c in zip(fits, x.columns))


def value_of_information(w: Weighing) -> pd.DataFrame:
    """The expected added profit gained by knowing an assumption before choosing among no private
    domain and the strategies, per assumption column (EVPPI), largest first, then ``all`` (EVPI,
    from each strategy's ``additive_parts``). Columns: ``assumption``, ``evppi`` (CNY), ``share`` (of EVPI).

    EVPPI(x) = E_x[max_k E(Y_k | x)] − max_k E(Y_k), each E(Y_k | x) a ``smooth`` of the draws
    (Strong, Oakley & Brennan 2014). The decision it values is made on the expected added profit,
    with the choice the draws favour now as the reference."""
    if "value_of_information" in w.fits:
        return w.fits["value_of_information"].copy()
    options = _options(w)
    main = _main(w)
    first = main[main["scenario"] == w.names[0]].set_index("draw").loc[options.index]
    now = float(options.mean().max())
    rows = []
    for column in w.factors:
        x = first[column].to_numpy(dtype=float)
        fitted = np.column_stack([smooth(x, options[k].to_numpy(), w.categorical(column))(x)
                                  for k in options.columns])
        rows.append({"assumption": column, "evppi": max(0.0, float(np.mean(fitted.max(axis=1))) - now)})
    out = pd.DataFrame(rows).sort_values("evppi", ascending=False, kind="stable").reset_index(drop=True)
    x_all = first[w.factors]

    # each strategy's additive fit is its drivers' fit (``_parts``), kept from them
    fitted = np.column_stack([np.zeros(len(x_all)) if k == NONE else _predict(_parts(w, k), x_all)
                              for k in options.columns])
    evpi = max(0.0, float(np.mean(fitted.max(axis=1))) - now, float(out["evppi"].max()) if len(out) else 0.0)
    out["share"] = out["evppi"] / evpi if evpi > 0 else 0.0
    out = pd.concat([out, pd.DataFrame([{"assumption": "all", "evppi": evpi, "share": 1.0}])], ignore_index=True)
    w.fits["value_of_information"] = out
    return out.copy()


def choice_now(w: Weighing) -> str:
    """The option with the highest expected added profit over the draws (``NONE`` or a strategy)."""
    return str(_options(w).mean().idxmax())


#: The verdict under uncertainty's tables, as ``tables`` names them (``siyu compare --draws --out``).
TABLES = ("uncertainty_draws", "uncertainty_summary", "uncertainty_drivers", "uncertainty_value_of_knowing")


def tables(w: Weighing) -> dict[str, pd.DataFrame]:
    """Every table behind the verdict, for export: the draws themselves (one row per strategy ×
    draw, so each figure can be audited), the summary, the drivers of each strategy, the EVPPI."""
    drivers_all = pd.concat([drivers(w, name).assign(scenario=name) for name in w.names], ignore_index=True)
    return dict(zip(TABLES, (w.draws, summary(w), drivers_all[["scenario", *drivers_all.columns[:-1]]],
                             value_of_information(w))))
