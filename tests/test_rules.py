"""Every behavioural rule: direction of its effects and bounds of its output.

Each rule is a pure element-wise function, so these tests call it on scalars and arrays
directly, with hypothesis generating states and parameters inside their documented bounds.
"""

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from siyu_sim.rules import (
    AttentionParams, ChurnParams, FatigueParams, GroupParams, PurchaseParams,
    ReferencePriceParams, ReferralParams, TrustParams, activity_update, advocacy,
    deal_memory_update, effective_touches, fatigue_update, group_mood_update, join_probability,
    daily_lapse_hazard, lapse_probability, purchase_probability, read_probability, reason_to_stay,
    reference_price_update,
    referral_share, status_transition, trust_update,
)
from siyu_sim.rules.trust import drift_share, trust_drift
from siyu_sim.rules import Status

PROSPECT, ACTIVE, MUTED, CHURNED = (s.value for s in (Status.PROSPECT, Status.ACTIVE, Status.MUTED, Status.CHURNED))

unit = st.floats(0.0, 1.0)
count = st.floats(0.0, 50.0)
settings.register_profile("rules", max_examples=150, deadline=None)
settings.load_profile("rules")


# --- attention ------------------------------------------------------------------------------
@given(unit, unit)
def test_read_probability_is_a_probability_and_zero_when_muted(activity, mood):
    p = AttentionParams()
    r = read_probability(activity, mood, False, p)
    assert 0.0 <= r <= 1.0
    assert read_probability(activity, mood, True, p) == 0.0


def test_read_probability_rises_with_activity_and_mood():
    p = AttentionParams()
    assert read_probability(0.8, 0.5, False, p) > read_probability(0.2, 0.5, False, p)
    assert read_probability(0.5, 0.9, False, p) > read_probability(0.5, 0.1, False, p)


@given(unit, count, unit, unit, unit)
def test_activity_stays_in_unit_interval(a, reads, care, fatigue, mood):
    out = activity_update(a, reads, care, fatigue, mood, AttentionParams())
    assert 0.0 <= out <= 1.0


def test_activity_rises_with_engagement_and_falls_with_fatigue():
    p = AttentionParams()
    base = activity_update(0.5, 0.0, 0.0, 0.0, 0.0, p)
    assert activity_update(0.5, 3.0, 0.0, 0.0, 0.0, p) > base
    assert activity_update(0.5, 0.0, 0.9, 0.0, 0.0, p) > base
    assert activity_update(0.5, 0.0, 0.0, 1.0, 0.0, p) < base
    assert base < 0.5  # attention fades without engagement


# --- fatigue --------------------------------------------------------------------------------
@given(unit, count, st.floats(0.1, 50.0))
def test_fatigue_stays_in_unit_interval(f, touches, tolerance):
    out = fatigue_update(f, touches, tolerance, FatigueParams())
    assert 0.0 <= out <= 1.0


def test_fatigue_builds_only_beyond_tolerance_and_recovers():
    p = FatigueParams()
    assert fatigue_update(0.0, 2.0, 2.0, p) == 0.0  # within tolerance: nothing added
    assert fatigue_update(0.0, 8.0, 2.0, p) > fatigue_update(0.0, 4.0, 2.0, p) > 0.0
    assert fatigue_update(0.5, 0.0, 2.0, p) < 0.5  # recovers without excess


def test_promotional_touches_weigh_more_than_useful_ones():
    p = FatigueParams()
    assert effective_touches(0.0, 3.0, p) > effective_touches(3.0, 0.0, p)


# --- trust ------------------------------------------------------------------------------------
@given(unit, count, unit, count, unit, count)
def test_trust_stays_in_unit_interval(t, reads, care, promo, fatigue, excess):
    out = trust_update(t, reads, care, promo, fatigue, excess, TrustParams())
    assert 0.0 <= out <= 1.0


def test_trust_direction():
    p = TrustParams()
    idle = trust_update(0.5, 0.0, 0.0, 0.0, 0.0, 0.0, p)
    assert idle == 0.5  # no contact, no move: only the drift to the baseline (below) moves it
    assert trust_update(0.5, 2.0, 0.0, 0.0, 0.0, 0.0, p) > idle  # useful content builds trust
    assert trust_update(0.5, 0.0, 0.9, 0.0, 0.0, 0.0, p) > idle  # care builds trust
    assert trust_update(0.5, 0.0, 0.0, 5.0, 0.0, 0.0, p) < idle  # opportunism erodes
    assert trust_update(0.5, 0.0, 0.0, 0.0, 1.0, 0.0, p) < idle  # spam fatigue erodes


@given(unit, unit, st.floats(0.0, 1.0))
def test_trust_drifts_toward_the_customers_own_baseline_from_either_side(t, base, decay):
    """Without contact, trust moves toward the baseline, never past it, from above (what a
    relationship built fades) and from below (damage heals) alike; decay 0 keeps it."""
    share = drift_share(TrustParams(decay=decay))
    out = trust_drift(t, base, share)
    assert min(t, base) - 1e-12 <= out <= max(t, base) + 1e-12
    assert abs(out - base) <= abs(t - base) + 1e-12
    assert trust_drift(t, base, drift_share(TrustParams(decay=0.0))) == t
    # the same pace up and down: the gap shrinks by the same share
    # (as a product: a ratio of gaps that underflow, base = 5e-324, is noise, not the rule)
    assert out - base == pytest.approx((1.0 - share) * (t - base), rel=1e-6, abs=1e-12)


def test_trust_saturates():
    p = TrustParams()
    gain_low = trust_update(0.2, 2.0, 0.0, 0.0, 0.0, 0.0, p) - 0.2
    gain_high = trust_update(0.9, 2.0, 0.0, 0.0, 0.0, 0.0, p) - 0.9
    assert gain_low > gain_high > 0.0


# --- reference price and deal memory ---------------------------------------------------------
@given(st.floats(1.0, 100.0), st.booleans(), st.floats(0.1, 1.0))
def test_reference_price_stays_between_paid_and_list(ref_share, bought, paid_share):
    list_price = 100.0
    ref = ref_share
    paid = paid_share * list_price
    out = reference_price_update(ref, bought, paid, list_price, ReferencePriceParams())
    lo, hi = min(ref, paid if bought else list_price), max(ref, paid if bought else list_price)
    assert lo - 1e-9 <= out <= hi + 1e-9


def test_discounts_lower_the_reference_price_and_it_recovers():
    p = ReferencePriceParams()
    after_deal = reference_price_update(60.0, True, 42.0, 60.0, p)
    assert after_deal < 60.0
    assert reference_price_update(after_deal, False, 60.0, 60.0, p) > after_deal


@given(unit, st.floats(0.0, 0.9))
def test_deal_memory_bounded_and_follows_offers(m, depth):
    out = deal_memory_update(m, depth, ReferencePriceParams())
    assert min(m, depth) - 1e-12 <= out <= max(m, depth) + 1e-12


# --- purchase -------------------------------------------------------------------------------
@given(st.floats(0.0, 400.0), st.floats(1.0, 365.0), unit, count, st.floats(1.0, 100.0),
       st.floats(1.0, 100.0), st.floats(0.0, 20.0))
def test_purchase_probability_is_a_probability(days, cycle, trust, reads, price, ref, sens):
    p = purchase_probability(days, cycle, trust, reads, price, ref, sens, PurchaseParams())
    assert 0.0 <= p <= 1.0
    assert np.isfinite(p)


def test_purchase_direction():
    p = PurchaseParams()

    def buy(days=30.0, trust=0.3, reads=0.0, price=60.0, ref=60.0, sens=2.0):
        return purchase_probability(days, 30.0, trust, reads, price, ref, sens, p)

    assert buy(days=0.0) == 0.0  # just bought: not in the market
    assert buy(days=5.0) < buy(days=20.0)
    assert buy(trust=0.8) > buy(trust=0.3) > buy(trust=0.0)
    assert buy(reads=2.0) > buy()
    assert buy(price=48.0) > buy()  # a discount lifts conversion
    assert buy(price=48.0, sens=5.0) > buy(price=48.0, sens=1.0)


def _mean_days_between_orders(cycle, trust, p):
    """Expected days from one order to the next for a customer who is never reminded and sees
    list price: the sum of the chances of not having bought yet (a discrete renewal)."""
    days = np.arange(0.0, 40 * cycle)
    buy = purchase_probability(days, cycle, trust, 0.0, 60.0, 60.0, 2.0, p)
    still_waiting = np.cumprod(np.concatenate([[1.0], 1.0 - buy[1:]]))
    return float(still_waiting.sum())


@pytest.mark.parametrize("cycle", [3.0, 30.0, 90.0])
@pytest.mark.parametrize("lift", [1.3, 2.0])
def test_a_lift_of_x_buys_about_x_times_as_often_even_where_need_cycles_are_short(cycle, lift):
    """Accelerated time (Gupta 1991): a lift shortens the wait until the customer needs the product
    again as well as the wait after, so the order rate scales by the lift. Bounds: one day's rounding
    of the wait either way (the renewal is counted in whole days). A lift on the hazard alone (the
    wait until readiness unchanged) gives 1.3 -> 1.23 and 2 -> 1.70 at a 30-day cycle and fails."""
    p = PurchaseParams()
    lifted_trust = p.trust_neutral + np.log(lift) / p.trust_effect
    base = _mean_days_between_orders(cycle, p.trust_neutral, p)
    lifted = _mean_days_between_orders(cycle, lifted_trust, p)
    assert base / (lifted + 1.0) <= lift <= base / max(lifted - 1.0, 1.0)
    assert base / lifted == pytest.approx(lift, rel=0.12)


def test_losses_against_the_reference_price_weigh_more_than_gains():
    p = PurchaseParams()
    neutral = purchase_probability(30.0, 30.0, 0.3, 0.0, 60.0, 60.0, 2.0, p)
    gain = purchase_probability(30.0, 30.0, 0.3, 0.0, 54.0, 60.0, 2.0, p)  # 10% below ref
    loss = purchase_probability(30.0, 30.0, 0.3, 0.0, 60.0, 54.0, 2.0, p)  # list price, ref 10% lower
    assert neutral - loss > gain - neutral > 0.0  # discount-trained customers balk at full price


@given(unit, st.floats(0.0, 50.0), st.floats(0.0, 0.99), st.floats(0.0, 10.0))
def test_lapse_probability_is_a_probability(trust, propensity, yearly, effect):
    q = PurchaseParams(lapse_per_year=yearly, lapse_trust_effect=effect)
    p = lapse_probability(trust, propensity, daily_lapse_hazard(q), q)
    assert 0.0 <= p < 1.0


def test_lapse_compounds_to_the_yearly_rate_at_neutral_trust_and_falls_with_trust():
    p = PurchaseParams(lapse_per_year=0.2)
    h = daily_lapse_hazard(p)
    daily = lapse_probability(p.trust_neutral, 1.0, h, p)
    assert 1.0 - (1.0 - daily) ** 365 == pytest.approx(0.2, rel=1e-9)
    assert lapse_probability(0.0, 1.0, h, p) > daily > lapse_probability(0.9, 1.0, h, p) > 0.0
    assert lapse_probability(0.0, 1.0, daily_lapse_hazard(PurchaseParams(lapse_per_year=0.0)), PurchaseParams()) == 0.0


def test_lapse_rises_with_the_customers_propensity():
    p = PurchaseParams()
    h = daily_lapse_hazard(p)
    assert lapse_probability(0.3, 3.0, h, p) > lapse_probability(0.3, 1.0, h, p) > lapse_probability(0.3, 0.2, h, p)
    assert lapse_probability(0.3, 0.0, h, p) == 0.0


# --- referral -------------------------------------------------------------------------------
@given(unit, st.floats(1.0, 20.0))
def test_join_probability_bounds_and_direction(pressure, mult):
    p = ReferralParams()
    j = join_probability(pressure, mult, p)
    assert 0.0 <= j < 1.0
    assert join_probability(0.0, 1.0, p) > 0.0  # organic discovery alone
    assert join_probability(min(1.0, pressure + 0.1), mult, p) >= j
    share = referral_share(pressure, mult, p)
    assert 0.0 <= share <= 1.0


def test_join_probability_matches_bass_hazard():
    p = ReferralParams()
    # Daily hazard (p + q F)/365 with F = 0.5 and full advocacy.
    expected = 1 - np.exp(-(0.03 + 0.38 * 0.5) / 365)
    assert join_probability(0.5, 1.0, p) == pytest.approx(expected, rel=1e-12)


def test_rewards_raise_referrals_and_muted_members_do_not_advocate():
    p = ReferralParams()
    assert join_probability(0.4, 2.0, p) > join_probability(0.4, 1.0, p)
    assert advocacy(0.9, 1.0, False) == 0.0
    assert advocacy(0.9, 1.0, True) == 0.9
    assert advocacy(0.9, 0.5, True) < advocacy(0.9, 0.8, True)  # attention: a silent group's members fall quiet


# --- churn ----------------------------------------------------------------------------------
def test_status_transition_keeps_codes_and_leaves_prospects_and_churned_alone():
    p = ChurnParams()
    u = np.linspace(0, 0.999, 1000)
    for status in (PROSPECT, CHURNED):
        out = status_transition(np.full(1000, status), 1.0, 0.0, 0.0, 0.0, 10.0, 1.0, 0.0, u, p)
        assert (out == status).all()
    for status in (ACTIVE, MUTED):
        out = status_transition(np.full(1000, status), 0.5, 0.5, 0.5, 1.0, 2.0, 0.5, 0.0, u, p)
        assert set(np.unique(out)) <= {ACTIVE, MUTED, CHURNED}


def _rates(status, fatigue, trust, stay, care, pushes=0.0, mood=0.0, p=ChurnParams()):
    u = np.random.default_rng(0).random(200_000)
    out = status_transition(np.full(u.size, status), fatigue, trust, stay, care, pushes, mood, 0.0, u, p)
    return {s: float(np.mean(out == s)) for s in (ACTIVE, MUTED, CHURNED)}


def test_fatigue_drives_mutes_and_leaves():
    calm = _rates(ACTIVE, 0.0, 0.6, 0.6, 0.0)
    spammed = _rates(ACTIVE, 1.0, 0.6, 0.6, 0.0)
    assert spammed[MUTED] > 5 * calm[MUTED]
    assert spammed[CHURNED] > calm[CHURNED]


def test_no_reason_to_stay_drives_leaving_and_care_unmutes():
    assert _rates(ACTIVE, 0.0, 0.0, 0.0, 0.0)[CHURNED] > _rates(ACTIVE, 0.0, 0.9, 0.9, 0.0)[CHURNED]
    assert _rates(MUTED, 0.0, 0.8, 0.8, 1.0)[ACTIVE] > _rates(MUTED, 0.0, 0.8, 0.8, 0.0)[ACTIVE] == 0.0


def test_all_hazards_off_means_nobody_moves():
    off = ChurnParams(mute_base=0, mute_fatigue=0, mute_per_push=0, leave_base=0, leave_fatigue=0,
                      leave_per_push=0, leave_no_reason=0, unmute_care=0, unmute_mood=0, unmute_content=0)
    with np.errstate(all="raise"):
        out = status_transition(np.array([ACTIVE, MUTED]), 1.0, 0.0, 0.0, 1.0, 10.0, 1.0, 1.0,
                                np.array([0.0, 0.0]), off)
    assert list(out) == [ACTIVE, MUTED]


@given(unit, unit, st.floats(0.0, 20.0))
def test_reason_to_stay_bounds(trust, memory, sens):
    r = reason_to_stay(trust, memory, sens)
    assert trust - 1e-12 <= r <= 1.0


def test_deals_keep_bargain_hunters():
    assert reason_to_stay(0.1, 0.2, 5.0) > reason_to_stay(0.1, 0.0, 5.0)
    assert reason_to_stay(0.1, 0.2, 5.0) > reason_to_stay(0.1, 0.2, 1.0)


# --- group mood -----------------------------------------------------------------------------
@given(unit, unit, st.floats(0.0, 48.0))
def test_group_mood_bounds_and_direction(mood, mean_activity, promos):
    p = GroupParams()
    out = group_mood_update(mood, mean_activity, promos, p)
    assert 0.0 <= out <= 1.0
    assert group_mood_update(mood, mean_activity, promos + 1.0, p) <= out


def test_rules_serve_scalars_and_columns_alike():
    """The same function on a column equals the function on each element, bit for bit."""
    rng = np.random.default_rng(1)
    t, reads, care, promo, fat = (rng.random(500) for _ in range(5))
    excess = promo * 10
    col = trust_update(t, reads * 3, care, promo * 5, fat, excess, TrustParams())
    each = np.array([trust_update(*args, TrustParams())
                     for args in zip(t, reads * 3, care, promo * 5, fat, excess)])
    assert np.array_equal(col, each)


def test_parameters_are_validated():
    with pytest.raises(ValueError, match="less than or equal to 1"):
        TrustParams(content_gain=1.5)
    with pytest.raises(ValueError, match="greater than or equal to 0"):
        ChurnParams(mute_base=-0.1)
    with pytest.raises(ValueError, match="Extra inputs are not permitted"):
        FatigueParams(gain_typo=1.0)
    with pytest.raises(ValueError, match="less than or equal to 500"):
        GroupParams(capacity=501)


def test_content_seen_on_moments_wins_muted_members_back_when_rested():
    """A muted member no longer reads the group, but its Moments feed still shows the brand's
    content: better content brings more back (a second chance through another channel), none
    while fully fatigued."""
    p = ChurnParams()
    u = np.random.default_rng(5).random(20_000)
    muted = np.full(u.size, MUTED)

    def back(content, fatigue):
        out = status_transition(muted, fatigue, 0.5, 0.5, 0.0, 0.0, 0.0, content, u, p)
        return int((out == ACTIVE).sum())

    assert back(0.0, 0.0) == 0  # a dead group and nothing read: muted for good
    assert back(0.5, 0.0) > back(0.1, 0.0) > 0
    assert back(0.5, 1.0) == 0
