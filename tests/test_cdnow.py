"""The model on real customers: its purchase-and-leaving process fitted to the CDNOW cohort's
weeks 1–39 and forecasting weeks 40–78 beside BG/NBD (docs/validation.md, "Real customers:
CDNOW"; validation/cohort_model.py and cohort_compare.py).

The fit itself takes minutes (docs/figures/cdnow.py), so its result is pinned in
tests/data/cdnow_fit.toml: one test re-simulates it and must find the errors the docs report;
another runs a short fit from another start on the paper's 1/10 sample, which must lower the
loss towards the pinned fit's, so a broken fit fails here.
"""

from __future__ import annotations

import tomllib
from pathlib import Path

import numpy as np
import pytest

from siyu_sim.model import PrivateDomainModel
from validation import cohort_compare, cohort_model
from validation.cohort import Cohort, read_cohort

DATA = Path(__file__).parent / "data"
PINNED = tomllib.loads((DATA / "cdnow_fit.toml").read_text(encoding="utf-8"))
FIT_WEEKS, WEEKS = PINNED["fit_weeks"], PINNED["weeks"]


@pytest.fixture(scope="module")
def sample() -> Cohort:
    return read_cohort(DATA / "cdnow.csv.gz", sample_only=True)


@pytest.fixture(scope="module")
def pinned_comparison() -> cohort_compare.CohortComparison:
    full = read_cohort(DATA / "cdnow.csv.gz")
    return cohort_compare.compare_on_cohort(full, PINNED["params"], fit_weeks=FIT_WEEKS, weeks=WEEKS,
                                            seeds=(PINNED["seed"],))


def test_simulated_customers_start_at_their_real_first_purchase_and_buy_only_after_it(sample):
    cohort = Cohort(sample.first_day[:300], sample.repeat_days[:300])
    sim = cohort_model.simulate(cohort, cohort_model.MIDDLE, days=120, seed=3)
    assert (sim.first_day == cohort.first_day).all()
    assert all(len(d) == 0 or (d[0] > f and d[-1] < 120 and (np.diff(d) > 0).all())
               for d, f in zip(sim.repeat_days, sim.first_day))
    assert sum(len(d) for d in sim.repeat_days) > 0
    again = cohort_model.simulate(cohort, cohort_model.MIDDLE, days=120, seed=3)
    assert all((a == b).all() for a, b in zip(sim.repeat_days, again.repeat_days))  # seeded


def test_nobody_joins_a_private_domain_or_arrives_in_the_closed_cohort_scenario():
    scenario = cohort_model.cohort_scenario(cohort_model.MIDDLE, customers=100, days=30)
    assert scenario.levers == {} and scenario.population.initial_member_share == 0.0
    assert scenario.behaviour.referral.organic_per_year == 0.0
    assert sum(s.share for s in scenario.population.segments) == pytest.approx(1.0)
    # a closed cohort: the rows are the cohort's customers, nobody comes in from the market
    assert scenario.population.potential_share == 0.0 and scenario.population.arrivals_per_year == 0.0
    model = PrivateDomainModel(scenario, seed=0)
    assert len(model.customers.days_since_purchase) == 100


def test_the_loss_is_zero_on_the_data_itself_and_grows_with_a_worse_fit(sample):
    assert cohort_model.loss(sample, sample, FIT_WEEKS) == 0.0
    fewer = Cohort(sample.first_day, [d[::2] for d in sample.repeat_days])
    none = Cohort(sample.first_day, [d[:0] for d in sample.repeat_days])
    assert 0 < cohort_model.loss(fewer, sample, FIT_WEEKS) < cohort_model.loss(none, sample, FIT_WEEKS)


@pytest.mark.slow
def test_the_pinned_fit_re_simulates_to_the_errors_the_docs_report(pinned_comparison):
    errors = pinned_comparison.errors()
    for name, row in PINNED["errors"].items():
        for key, value in row.items():
            # To 1%: room for a compiled kernel's last-digit differences in exp (docs/performance.md).
            assert errors.loc[name, key] == pytest.approx(value, rel=0.01, abs=1e-9), (name, key)
    # BG/NBD on the whole cohort, fitted to the same weeks, is a proper fit.
    assert np.isfinite(pinned_comparison.bgnbd.params).all()


def test_a_short_fit_from_another_start_lowers_the_loss_towards_the_pinned_fit(sample):
    space = cohort_model.space(PINNED["segments"])
    start = {k: (lo if not log else lo * 2) for k, (lo, _, log) in space.items()}
    start["population.segments.0.share"] = 0.5
    short = cohort_model.fit(sample, fit_weeks=FIT_WEEKS, days=WEEKS * 7, trials=12, seed=1, start=start,
                             space=space)
    pinned = cohort_model.loss(cohort_model.simulate(sample, PINNED["params"], WEEKS * 7, PINNED["seed"]),
                               sample, FIT_WEEKS)
    assert short.losses[0] > short.loss  # the search improved on its start
    assert pinned < short.losses[0]  # and the pinned fit is better than that start
    assert pinned <= short.loss  # a long fit beats a short one


@pytest.mark.slow
@pytest.mark.xfail(strict=True, reason=(
    "issue 13's goal (kept by issue 23) is not met: re-run on issue 23's purchase process, the fit "
    "with the lowest fitting-period loss under-forecasts the holdout (week 78: -7.4%, BG/NBD -6.2%; "
    "holdout MAPE 18.2% against 15.0%); docs/validation.md, 'Real customers: CDNOW', states the "
    "errors and why. Strict: when the goal is met this fails, so the docs get updated."))
def test_goal_the_model_is_within_5_percent_at_week_78_and_tracks_the_holdout_no_worse_than_bgnbd(
        pinned_comparison):
    errors = pinned_comparison.errors()
    assert abs(errors.loc["model", "cum_error_pct"]) <= 5.0
    assert errors.loc["model", "holdout_weekly_mape_pct"] <= errors.loc["bgnbd", "holdout_weekly_mape_pct"]
