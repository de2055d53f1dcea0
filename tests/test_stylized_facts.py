"""Stylized facts from the marketing literature that a credible model of a private domain
shows, each from mechanisms (issue 12). Every check runs the whole model over several seeds
with common random numbers (the same seeds for the settings compared); its source is in the
docstring and its threshold comes from the source or from the mechanism's definition, never
from this model's output. docs/validation.md lists each fact with the figure it produced.

The practitioner calibration facts (store QR 60–70%, package cards <5% vs >30%, group members
+30%, Bass docking, staff capacity, slow-but-durable care) are in tests/test_calibration.py;
paid-ads saturation in tests/test_paid_ads.py; scale in tests/test_scale.py.
"""

from __future__ import annotations

import numpy as np
import pytest

from siyu_sim import PrivateDomainModel, Status
from siyu_sim.counterfactual import without_private_domain
from siyu_sim.metrics import derive

from helpers import scenario

SEEDS = (1, 2, 3)


# --- over-contact -------------------------------------------------------------------------------
FREQUENCIES = (0.0, 1.0, 2.0, 4.0, 8.0, 16.0, 32.0, 48.0)


@pytest.fixture(scope="module")
def frequency_sweep():
    """Nurture for a year at 3,000 customers, broadcasts per day swept to the key's maximum
    (48), everything else fixed; added profit against the same customers with no private
    domain, and members' mean trust at the end, averaged over three seeds. Content is free
    here (``content_cost_per_push_cny`` 0), so that any fall in profit comes from how customers
    react, not from paying for each push."""
    added, trust = {}, {}
    free = {"levers__broadcast__content_cost_per_push_cny": 0.0}
    for seed in SEEDS:
        base = scenario("nurture", levers__broadcast__frequency_per_day=1.0, **free)
        none = PrivateDomainModel(without_private_domain(base), customers=3000, seed=seed).run(365)
        for f in FREQUENCIES:
            d = PrivateDomainModel(scenario("nurture", levers__broadcast__frequency_per_day=f, **free),
                                   customers=3000, seed=seed).run(365)
            added.setdefault(f, []).append(derive(d, none).incremental_profit.sum())
            trust.setdefault(f, []).append(d.mean_trust.iloc[-1])
    return {f: np.mean(v) for f, v in added.items()}, {f: np.mean(v) for f, v in trust.items()}


def test_past_its_best_frequency_every_further_push_lowers_added_profit(frequency_sweep):
    """Over-contact keeps hurting: each send carries its own opt-out risk (email unsubscribes
    0.1–0.5% per send; Localytics 2017: 10% disable push at one a week, 37% at 2–5), attention
    per message wears out (Schmidt & Eisend 2015) and irritation outlasts the message (Kronrod &
    Huber 2019). So added profit has an interior or low optimum and falls at every step beyond
    it, all the way to 48 pushes a day — never climbs back."""
    added, _ = frequency_sweep
    values = [added[f] for f in FREQUENCIES]
    best = int(np.argmax(values))
    assert FREQUENCIES[best] <= 4.0, f"best frequency {FREQUENCIES[best]}: {values}"
    beyond = values[best:]
    assert all(a > b for a, b in zip(beyond, beyond[1:])), values
    assert values[-1] < values[0]  # 48 a day is worse than not broadcasting at all


def test_spamming_lowers_members_trust(frequency_sweep):
    """Trust is eroded by opportunistic, unwanted contact (Morgan & Hunt 1994; Kronrod & Huber
    2019): members' mean trust at 48 pushes a day is below its level at one a day."""
    _, trust = frequency_sweep
    assert trust[48.0] < trust[1.0] and trust[16.0] < trust[1.0], trust


# --- referral quality ---------------------------------------------------------------------------
def _cohorts(seed: int, **overrides):
    """Nurture with a paid-ads channel beside its referrals, 20,000 customers, one year. For
    members who joined in the first 180 days: churns and margin per member-day of membership
    (each cohort's own exposure, so that joining later is not mistaken for being worth less)."""
    sc = scenario("nurture", levers__paid_ads__adds_per_day=10.0, levers__paid_ads__cost_per_add_cny=20.0,
                  **overrides)
    m = PrivateDomainModel(sc, customers=20_000, rows=20_000, seed=seed)
    m.run(365)
    f = m.customers.to_frame()
    cohort = (f.join_day >= 0) & (f.join_day < 180)
    out = {}
    for name in ("referral", "paid_ads"):
        c = f[cohort & (f.source == m.sources.index(name))]
        days = float((365 - c.join_day).sum())
        out[name] = {"n": len(c), "churns": float((c.status == Status.CHURNED).sum()), "days": days,
                     "margin": float(c.margin.sum()), "loyal": float((c.segment == 0).mean())}
    return out


def _ratios(runs):
    pooled = {k: {q: sum(r[k][q] for r in runs) for q in ("churns", "days", "margin")} for k in runs[0]}
    churn = (pooled["referral"]["churns"] / pooled["referral"]["days"]) / (
        pooled["paid_ads"]["churns"] / pooled["paid_ads"]["days"])
    value = (pooled["referral"]["margin"] / pooled["referral"]["days"]) / (
        pooled["paid_ads"]["margin"] / pooled["paid_ads"]["days"])
    return churn, value


@pytest.fixture(scope="module")
def referral_cohorts():
    return [_cohorts(seed) for seed in SEEDS]


def test_referred_customers_churn_less_and_are_worth_more_than_bought_ones(referral_cohorts):
    """Schmitt, Skiera & Van den Bulte (2011): referred customers are more loyal and about 16%
    more valuable than customers acquired otherwise, persistently. Pooled over three seeds:
    the referred churn less per member-day and earn more margin per member-day than members
    bought through paid ads in the same months."""
    runs = referral_cohorts
    assert min(r["referral"]["n"] for r in runs) >= 100  # enough referred members to compare
    churn, value = _ratios(runs)
    assert churn < 1.0, churn
    assert value > 1.0, value


def test_friends_are_alike_so_referrals_come_from_the_advocates_segments(referral_cohorts):
    """Homophily (McPherson, Smith-Lovin & Cook 2001): loyal-prone customers, the most trusting
    advocates, mostly refer people like them, so the referred hold more loyal-prone customers
    than their 20% share of the population, and more than paid ads, which buy whoever is left."""
    runs = referral_cohorts
    referred = np.mean([r["referral"]["loyal"] for r in runs])
    bought = np.mean([r["paid_ads"]["loyal"] for r in runs])
    assert referred > 0.2 and referred > bought, (referred, bought)


# --- second chances -----------------------------------------------------------------------------
def _unmute_rate(name: str, seed: int) -> float:
    """Muted → active moves per muted member-day over a year at 2,000 customers."""
    m = PrivateDomainModel(scenario(name), customers=2000, seed=seed)
    unmuted = muted_days = 0.0
    for _ in range(365):
        before = m.customers.status.copy()
        m.step()
        was_muted = before == Status.MUTED
        muted_days += was_muted.sum()
        unmuted += (was_muted & (m.customers.status == Status.ACTIVE)).sum()
    return unmuted / max(muted_days, 1.0)


def test_the_muted_come_back_to_groups_worth_reading_and_not_to_spammed_ones():
    """Muting is not for ever: members return when a group is worth reading (social proof,
    Cialdini 2001; DOMAIN 001: dead groups are worth rebuilding, Starbucks). Nurture's lively,
    cared-for groups win muted members back; harvest's spammed, silent groups hardly do."""
    nurture = np.mean([_unmute_rate("nurture", s) for s in SEEDS[:2]])
    harvest = np.mean([_unmute_rate("harvest", s) for s in SEEDS[:2]])
    assert nurture > 0.0
    assert nurture > 3 * harvest, (nurture, harvest)


def test_customers_who_left_come_back_through_the_store_less_willingly_and_are_paid_for():
    """People who left can come back through a store QR, less willingly than a first-timer
    (Thomas, Blattberg & Fox 2004; Kumar, Bhagwat & Zhang 2015). Store-driven acquisition over
    a year: some re-join, each counted as a new member and paid the checkout incentive, and per
    store order placed outside the private domain the churned join at a lower rate than prospects."""
    sc = scenario("harvest")
    m = PrivateDomainModel(sc, customers=3000, seed=1)
    rejoined = joined = churned_orders = prospect_orders = 0.0
    for _ in range(365):
        t = m.customers
        bought = (t.days_since_purchase == 0.0) & t.store_shopper
        churned_orders += (bought & (t.status == Status.CHURNED)).sum()
        prospect_orders += (bought & (t.status == Status.PROSPECT)).sum()
        before = t.status.copy()
        m.step()
        row = m.last_row
        assert 0.0 <= row["rejoined"] <= row["new_members"]
        today = m.customers.join_day == m.day  # joined today (they may mute or leave again today)
        came = (before == Status.CHURNED) & today
        assert came.sum() == row["rejoined"]
        via_store = m.customers.source == (m.sources.index("store_qr") if "store_qr" in m.sources else -1)
        rejoined += (came & via_store).sum()
        joined += ((before == Status.PROSPECT) & today & via_store).sum()
    assert rejoined > 0
    assert rejoined / churned_orders < joined / prospect_orders


def test_harvest_no_longer_empties_its_pool_to_zero():
    """With paid reach that saturates and second chances, harvesting leaves a small, distrustful
    pool rather than none (DOMAIN 003: members mute and lurk; they do not all vanish)."""
    for seed in SEEDS[:2]:
        d = PrivateDomainModel(scenario("harvest"), customers=5000, seed=seed).run(365)
        assert d.members.iloc[-1] > 0 and d.active.iloc[-1] > 0
        assert d.prospects.iloc[-1] > 0  # the market is not bought out


# --- lapse: relationships keep customers, harvesting loses them ---------------------------------
def test_lapsed_customers_buy_no_more():
    """The "die" of buy-till-you-die (Fader, Hardie & Lee 2005) is for good: a customer who had
    lapsed by mid-year places no order in the second half."""
    model = PrivateDomainModel(scenario("nurture"), customers=3000, seed=1)
    model.run(182)
    lapsed = model.customers.lapsed.copy()
    model.run(183)
    assert lapsed.sum() > 0
    assert (model.customers.days_since_purchase[lapsed] >= 183).all()


def _lapsed_share(name: str, seed: int) -> tuple[float, float]:
    """Share lapsed after a year among the customers who ever joined, with the strategy and for
    the same customers with no private domain (common random numbers)."""
    base = scenario(name)
    with_pd = PrivateDomainModel(base, customers=3000, seed=seed)
    without = PrivateDomainModel(without_private_domain(base), customers=3000, seed=seed)
    # the brand's customers on day 0 who joined: a potential customer paid ads bring in has
    # nothing to lapse from in the world without them
    customers = without.customers.status != Status.POTENTIAL
    with_pd.run(365)
    without.run(365)
    joined = (with_pd.customers.join_day >= 0) & customers
    return with_pd.customers.lapsed[joined].mean(), without.customers.lapsed[joined].mean()


def test_relationship_building_keeps_customers_and_harvesting_loses_them():
    """Satisfied, trusting customers defect less (Bolton 1998; Reichheld & Sasser 1990, "zero
    defections"): nurture's members lapse less than the same customers would with no private
    domain, while harvest's coupon pressure and spam erode trust so its members lapse more."""
    nurture = np.mean([_lapsed_share("nurture", s) for s in SEEDS], axis=0)
    harvest = np.mean([_lapsed_share("harvest", s) for s in SEEDS], axis=0)
    assert nurture[0] < nurture[1]
    assert harvest[0] > harvest[1]


def test_a_cohorts_lapse_rate_falls_with_tenure():
    """Retention rises with tenure because customers differ: the lapse-prone leave first and the
    survivors are the loyal (Fader & Hardie 2010; Schmittlein, Morrison & Colombo 1987). With no
    private domain nothing else changes a customer's hazard, so among those still buying after a
    year, fewer lapse in the second year than lapsed in the first. A Gamma mixture with shape
    0.6 predicts a ratio of about 0.83 (S(t) = (1 + λt/s)^−s); customers all alike, 1."""
    base = without_private_domain(scenario("nurture", days=730))
    model = PrivateDomainModel(base, customers=20_000, rows=20_000, seed=4)
    cohort = model.customers.status != Status.POTENTIAL  # the day-0 customers; arrivals come later
    model.run(365)
    first = model.customers.lapsed[cohort].mean()
    model.run(365)
    second = (model.customers.lapsed[cohort].mean() - first) / (1.0 - first)
    assert second < 0.92 * first, (first, second)
