"""The agent model's purchase-and-leaving process run on a real cohort, and fitted to it.

Each customer of the cohort is one row of a scenario with no private domain (nobody is a
member on day 0, no levers, no organic or referral joining, prices at list: the
``counterfactual.without_private_domain`` world; and a closed cohort: no potential customers,
no arrivals from the market), so rows never interact and each row's
orders depend only on its own state and draws. Every row starts as having just bought
(``days_since_purchase = 0``) and is simulated from day 0; its orders are then shifted by the
customer's real first-purchase day. That is the same as starting each row on its own first
purchase day, exactly, and one run serves a cohort with staggered first purchases.

The parameters fitted are scenario keys (dotted paths, as ``--set`` takes them): two
segments (a frequent and an occasional buyer) with their need cycles, their trust and the
frequent share, the log-normal spread of need cycles within a segment, the readiness ramp
after an order, and the yearly lapse with its trust effect and the spread of customers' lapse
propensities (the "leaving" of buy-till-you-die models, in calendar time as in Pareto/NBD,
whose dropout rates differ from customer to customer; the segments' trust moves it too). Trust also moves
the buying rate; with no private domain it never changes, so here it only sets each
segment's rate and lapse. The loss compares the
fitting period only: weekly repeat transactions, and customers by repeats and by weeks since
their last purchase (the binned (x, t_x) that BG/NBD's likelihood reads);
Optuna's TPE sampler is seeded and every trial runs under the same seed (common random
numbers), so trials differ by their parameters, not their luck.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, Callable

import numpy as np

from siyu_sim.config.overrides import apply_overrides
from siyu_sim.counterfactual import without_private_domain
from siyu_sim.model import PrivateDomainModel
from siyu_sim.scenario import Scenario

from .cohort import WEEK, Cohort

SEGMENT_NAMES = ("frequent", "occasional", "rare", "seldom")


def space(segments: int = 2) -> dict[str, tuple[float, float, bool]]:
    """Parameters fitted and their search ranges, (low, high, log scale), for ``segments``
    segments (2 to 4). Ranges are the keys' own bounds, narrowed to what a repeat-buying cohort
    can mean (the first segment's need cycle 1 week to 4 months, the others' 2 months to 10
    years); every segment but the last has its share, the last takes the rest."""
    if not 2 <= segments <= len(SEGMENT_NAMES):
        raise ValueError(f"segments must be 2 to {len(SEGMENT_NAMES)}, got {segments}")
    seg = "population.segments"
    out: dict[str, tuple[float, float, bool]] = {f"{seg}.{i}.share": (0.01, 0.6, False) for i in range(segments - 1)}
    out[f"{seg}.0.need_cycle_days"] = (7.0, 120.0, True)
    out |= {f"{seg}.{i}.need_cycle_days": (60.0, 3650.0, True) for i in range(1, segments)}
    out |= {"population.trait_spread": (0.0, 2.0, False), "behaviour.purchase.readiness_share": (0.01, 1.0, False),
            "behaviour.purchase.lapse_per_year": (0.0, 0.99, False),
            "population.lapse_propensity_shape": (0.05, 20.0, True)}
    out |= {f"{seg}.{i}.initial_trust": (0.0, 1.0, False) for i in range(segments)}
    out["behaviour.purchase.lapse_trust_effect"] = (0.0, 10.0, False)
    return out


#: The two-segment space (docs/validation.md).
SPACE = space(2)

def middle(lo: float, hi: float, log: bool) -> float:
    """The middle of a search range (geometric for a log-scale one)."""
    return float(np.sqrt(lo * hi) if log else (lo + hi) / 2)


#: Where a fit starts when given no start: the middle of each range.
MIDDLE = {k: middle(lo, hi, log) for k, (lo, hi, log) in SPACE.items()}

#: Loss of a trial whose segment shares leave the last segment (almost) nothing.
INFEASIBLE = 10.0

#: Repeat counts shown one by one in the histogram; the last bin holds this many or more.
HISTOGRAM_TOP = 7


def segment_count(params: dict[str, float]) -> int:
    """Segments the parameters describe (those with a need cycle; at least 2)."""
    return max(2, sum(1 for k in params if k.startswith("population.segments.") and k.endswith(".need_cycle_days")))


def cohort_scenario(params: dict[str, float], customers: int, days: int) -> Scenario:
    """The scenario one trial runs: no private domain, a closed cohort (no potential customers,
    no arrivals), ``params`` applied; the last segment's share is what the others leave
    (ValueError if they leave nothing)."""
    n = segment_count(params)
    # A closed cohort: CDNOW's customers are those who first bought in one quarter, followed on,
    # so nobody arrives from the open market and no potential-customer rows sit beside them
    # (the defaults' arrivals would add buyers who are not in the data).
    base = Scenario(name="cohort", days=days, population={
        "customers": customers, "rows": customers,  # a row in each real customer's place
        "initial_member_share": 0.0, "contacts_per_customer": 0.0,
        "potential_share": 0.0, "arrivals_per_year": 0.0,
        "segments": [{"name": SEGMENT_NAMES[i], "share": 1.0 / n} for i in range(n)]})
    data = apply_overrides(without_private_domain(base).to_dict(), params)
    segments = data["population"]["segments"]
    rest = 1.0 - sum(seg["share"] for seg in segments[:-1])
    if rest <= 0.0:
        raise ValueError(f"the segments' shares leave nothing for the last one ({rest:.3f})")
    segments[-1]["share"] = rest
    data["name"] = "cohort"
    return Scenario.from_dict(data)


def simulate(cohort: Cohort, params: dict[str, float], days: int, seed: int = 0) -> Cohort:
    """The model's customers in the cohort's place: the same first-purchase days, repeat
    purchases simulated (only those before ``days`` kept, as in the data)."""
    model = PrivateDomainModel(cohort_scenario(params, len(cohort), days), seed=seed, transactions=True)
    model.customers.days_since_purchase[:] = 0.0  # every row has just made its first purchase
    model.run()
    log = model.transactions
    rows = log["customer"].to_numpy()
    calendar = log["day"].to_numpy(dtype=np.int64) + cohort.first_day[rows]
    keep = calendar < days
    rows, calendar = rows[keep], calendar[keep]
    order = np.lexsort((calendar, rows))
    rows, calendar = rows[order], calendar[order]
    bounds = np.searchsorted(rows, np.arange(len(cohort) + 1))
    return Cohort(cohort.first_day.copy(), [calendar[a:b] for a, b in zip(bounds[:-1], bounds[1:])])


def histogram(cohort: Cohort, end_day: int, top: int = HISTOGRAM_TOP) -> np.ndarray:
    """Customers with 0, 1, …, top − 1 and ``top`` or more repeat purchases before ``end_day``."""
    return np.bincount(np.minimum(cohort.repeats_by(end_day), top), minlength=top + 1).astype(float)


#: Weeks since the last purchase at the end of the fitting period, in bins: the recency that
#: tells a customer who has stopped from one who buys rarely (BG/NBD reads it from t_x).
RECENCY_WEEKS = (0, 4, 13, 26)


def profile(cohort: Cohort, end_day: int, top: int = HISTOGRAM_TOP) -> np.ndarray:
    """Customers by repeat purchases before ``end_day`` (0 … ``top``+) and by weeks since their
    last purchase (``RECENCY_WEEKS`` bins): the (x, t_x) summary BG/NBD is fitted to, binned."""
    x = cohort.repeats_by(end_day)
    last = np.array([d[d < end_day].max() if n else f for d, n, f in
                     zip(cohort.repeat_days, x, cohort.first_day)], dtype=float)
    recency = np.searchsorted(np.array(RECENCY_WEEKS[1:]) * WEEK, end_day - 1 - last, side="right")
    cells = np.minimum(x, top) * len(RECENCY_WEEKS) + recency
    return np.bincount(cells, minlength=(top + 1) * len(RECENCY_WEEKS)).astype(float)


def loss(simulated: Cohort, actual: Cohort, fit_weeks: int) -> float:
    """Fitting-period distance: the weekly repeat transactions' RMSE relative to their mean,
    plus the total-variation distance between the customers' profiles (repeats × recency)."""
    sim, act = simulated.weekly_repeats(fit_weeks), actual.weekly_repeats(fit_weeks)
    weekly = float(np.sqrt(np.mean((sim - act) ** 2)) / act.mean())
    p_sim, p_act = profile(simulated, fit_weeks * WEEK), profile(actual, fit_weeks * WEEK)
    return weekly + 0.5 * float(np.abs(p_sim / p_sim.sum() - p_act / p_act.sum()).sum())


@dataclass
class CohortFit:
    """The best parameters a fit found, their loss, and every trial's loss in order."""

    params: dict[str, float]
    loss: float
    losses: list[float]


def fit(cohort: Cohort, *, fit_weeks: int, days: int, trials: int, seed: int = 0,
        start: dict[str, float] | None = None, space: dict[str, tuple[float, float, bool]] | None = None,
        progress: Callable[[int, float], Any] | None = None) -> CohortFit:
    """Fit ``space`` (default ``SPACE``) to the cohort's first ``fit_weeks`` weeks with Optuna's
    TPE sampler (seeded with ``seed``); the first trial is ``start`` (default the middle of
    each range). Every trial simulates ``days`` days under the same ``seed``."""
    import optuna

    space = SPACE if space is None else space
    optuna.logging.set_verbosity(optuna.logging.WARNING)
    # Multivariate TPE: the keys are correlated (a segment's trust moves both its buying rate
    # and its lapse, as its need cycle moves the rate), which independent TPE searches badly.
    sampler = optuna.samplers.TPESampler(seed=seed, n_startup_trials=min(10, max(trials // 3, 1)),
                                         multivariate=True)
    study = optuna.create_study(direction="minimize", sampler=sampler)
    study.enqueue_trial({k: v for k, v in (start or MIDDLE).items() if k in space})

    def objective(trial) -> float:
        params = {k: trial.suggest_float(k, lo, hi, log=log) for k, (lo, hi, log) in space.items()}
        shares = sum(v for k, v in params.items() if k.endswith(".share"))
        value = (INFEASIBLE if shares >= 1.0 - SPACE["population.segments.0.share"][0]
                 else loss(simulate(cohort, params, days, seed), cohort, fit_weeks))
        if progress is not None:
            progress(trial.number, value)
        return value

    study.optimize(objective, n_trials=trials)
    return CohortFit(dict(study.best_params), float(study.best_value),
                     [float(t.value) for t in study.trials])
