"""Promotions that sell, at a price (issue 23, point 3): deal salience, the bounded reference-price
penalty and the price–quality doubt of deep coupons, first rule by rule, then in whole runs.

Sources: Bijmolt, van Heerde & Pieters 2005 (promotion bumps); van Heerde, Leeflang & Wittink
2000, 2004 (post-promotion dips, a few % to 25% of the bump: borrowed from later periods);
Anderson & Simester 2004 (the long-run penalty of deep promotions on established customers'
full-price buying is bounded); Rao & Monroe 1989, Raghubir & Corfman 1999, Darke & Chung 2005
(a deep price cut makes people doubt the product). Not tested here: discounts that train customers
to expect discounts (Mela, Gupta & Lehmann 1997: the reference price and deal memory, rules/price.py,
tested in tests/test_rules.py).
"""

import functools
from types import SimpleNamespace

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from siyu_sim import PrivateDomainModel, Scenario
from siyu_sim.counterfactual import without_private_domain
from siyu_sim.metrics import derive
from siyu_sim.rules import PurchaseParams, TrustParams, purchase_probability
from siyu_sim.rules.purchase import deal_lift, purchase_hazard
from siyu_sim.rules.trust import quality_doubt, relationship

from helpers import scenario

unit = st.floats(0.0, 1.0)
sensitivity = st.floats(0.0, 20.0)
promo = st.floats(0.0, 50.0)
gain = st.floats(-50.0, 1.0)  # relative gain (ref − price) / ref: a price far above ref is very negative
rules = settings(max_examples=150, deadline=None)


# --- deal salience ------------------------------------------------------------------------------
@rules
@given(st.floats(0.0, 400.0), st.floats(1.0, 365.0), unit, st.floats(0.0, 20.0), st.floats(1.0, 100.0),
       st.floats(1.0, 100.0), sensitivity, promo, st.floats(0.0, 2.0))
def test_promotional_reads_keep_the_purchase_probability_a_probability(days, cycle, trust, reads, price, ref, sens,
                                                                     promo_reads, salience):
    """Bounds (issue 23.8): however many promotional posts are read, by however price-sensitive a
    customer, at any deal_salience in its range, P(buy) stays in [0, 1] and finite."""
    p = purchase_probability(days, cycle, trust, reads, price, ref, sens,
                             PurchaseParams(deal_salience=salience), promo_reads=promo_reads)
    assert np.isfinite(p) and 0.0 <= p <= 1.0


@rules
@given(st.floats(1.0, 200.0), st.floats(5.0, 90.0), unit, st.floats(0.1, 20.0), st.floats(0.0, 5.0),
       st.floats(0.01, 5.0))
def test_more_promotional_reads_raise_todays_buying(days, cycle, trust, sens, promo_reads, more):
    """Deal posts sell (promotion bumps: Bijmolt, van Heerde & Pieters 2005; feature and display
    support: Narasimhan, Neslin & Sen 1996): for a customer in the market, more promotional reads
    raise the hazard of buying today, strictly."""
    p = PurchaseParams()
    h = lambda r: purchase_hazard(days, cycle, trust, 0.0, 60.0, 60.0, sens, r, p)  # noqa: E731
    assert h(promo_reads + more) > h(promo_reads) > 0.0
    assert purchase_probability(days, cycle, trust, 0.0, 60.0, 60.0, sens, p, promo_reads=promo_reads + more) \
        >= purchase_probability(days, cycle, trust, 0.0, 60.0, 60.0, sens, p, promo_reads=promo_reads)


@rules
@given(gain, st.floats(0.0, 10.0), st.floats(0.01, 10.0), st.floats(0.01, 50.0))
def test_the_bump_grows_with_price_sensitivity_and_is_bounded_by_it(relative_gain, sens, more_sens, promo_reads):
    """The salience term is deal_salience × sensitivity × (1 − e^(−promo reads)): more for the more
    price-sensitive (Bijmolt et al. 2005: promotion response is price response), whatever the
    price against the reference, and never more than deal_salience × sensitivity (it saturates
    in the posts read)."""
    p = PurchaseParams()

    def salience(s):
        return deal_lift(relative_gain, s, promo_reads, p) - deal_lift(relative_gain, s, 0.0, p)

    assert salience(sens + more_sens) > salience(sens) >= 0.0
    assert salience(sens) <= p.deal_salience * sens * (1.0 + 1e-12)


def test_the_same_posts_sell_more_to_the_price_sensitive_customer():
    """At the reference price, sensitivity enters only through the deal posts: without them a
    bargain hunter and a loyal customer of the same state buy alike, with them the bargain
    hunter buys more (Bijmolt et al. 2005)."""
    p = PurchaseParams()

    def buy(sens, promo_reads):
        return purchase_probability(20.0, 30.0, 0.3, 0.0, 60.0, 60.0, sens, p, promo_reads=promo_reads)

    assert buy(5.0, 0.0) == buy(1.0, 0.0)
    assert buy(5.0, 1.0) - buy(5.0, 0.0) > buy(1.0, 1.0) - buy(1.0, 0.0) > 0.0


@rules
@given(st.floats(0.0, 400.0), st.floats(1.0, 365.0), unit, st.floats(1.0, 100.0), st.floats(1.0, 100.0),
       sensitivity, promo)
def test_no_salience_no_bump(days, cycle, trust, price, ref, sens, promo_reads):
    """deal_salience = 0 turns the mechanism off: promotional reads change nothing, exactly."""
    p = PurchaseParams(deal_salience=0.0)
    assert purchase_probability(days, cycle, trust, 0.0, price, ref, sens, p, promo_reads=promo_reads) \
        == purchase_probability(days, cycle, trust, 0.0, price, ref, sens, p, promo_reads=0.0)


@rules
@given(st.floats(1.0, 365.0), unit, sensitivity, promo, st.floats(0.0, 2.0))
def test_a_customer_who_just_bought_is_not_sold_to_again(cycle, trust, sens, promo_reads, salience):
    """The bump borrows from later days (van Heerde, Leeflang & Wittink 2000, 2004): a customer
    who has just bought is not back in the market, however many deal posts she reads."""
    p = PurchaseParams(deal_salience=salience)
    assert purchase_probability(0.0, cycle, trust, 0.0, 60.0, 60.0, sens, p, promo_reads=promo_reads) == 0.0


def _expected_orders(cycle, sens, promo_by_day, p=PurchaseParams()):
    """Expected orders a day of one customer at the reference price, from the steady state (the
    renewal's stationary distribution of days since the last order), with ``promo_by_day``
    promotional reads on each day: exact, no sampling. Days since the last order are counted in
    whole days; from ``cap`` on the customer is fully ready and the chance no longer changes."""
    cap = int(10 * cycle)
    days = np.arange(cap + 1, dtype=float)
    buy0 = purchase_probability(days, cycle, 0.3, 0.0, 60.0, 60.0, sens, p)
    survive = np.concatenate([[1.0], np.cumprod(1.0 - buy0[:-1])])
    share = survive.copy()
    share[-1] /= buy0[-1]  # the ready tail: a geometric wait at the last (constant) chance
    share /= share.sum()
    orders = []
    for reads in promo_by_day:
        buy = purchase_probability(days, cycle, 0.3, 0.0, 60.0, 60.0, sens, p, promo_reads=reads)
        orders.append(float(share @ buy))
        stay = share * (1.0 - buy)
        share = np.concatenate([[share @ buy], stay[:-1]])
        share[-1] += stay[-1]
    return np.array(orders)


@pytest.mark.parametrize("cycle, sens", [(20.0, 1.0), (30.0, 2.0), (40.0, 5.0)])  # the default segments
@pytest.mark.parametrize("reads", [0.3, 1.0])
def test_a_flash_sale_bump_is_followed_by_a_dip_that_repays_part_of_it(cycle, sens, reads):
    """The bump and the dip, in exact expectation for one customer (no sampling): a week of
    promotional reads raises the week's orders; the days right after are below the no-promotion
    path, because customers pulled forward are not ready again (van Heerde, Leeflang & Wittink
    2000: post-promotion dips of 4–25% of the bump; 2004: about a third of a bump is borrowed from
    other periods). The dip only repays borrowing, so it is smaller than the bump: net orders over
    the window and the half year after are up. Measured dip/bump here: 0.10 (cycle 20, sensitivity
    1), 0.12 (30, 2), 0.14 (40, 5), the same at both read levels; not asserted (no tuned number)."""
    before, window, after = 10, 7, 180
    promo = np.r_[np.zeros(before), np.full(window, reads), np.zeros(after)]
    with_posts = _expected_orders(cycle, sens, promo)
    without = _expected_orders(cycle, sens, np.zeros_like(promo))
    added = with_posts - without
    assert np.abs(added[:before]).max() < 1e-12  # the steady state: nothing before the sale
    bump = added[before:before + window].sum()
    dip = -added[before + window:].sum()
    assert bump > 0.0
    assert (added[before + window:before + window + 5] < 0.0).all()  # the days right after are below
    assert 0.0 < dip < bump


# --- the reference price's bounded penalty -----------------------------------------------------
@rules
@given(gain, sensitivity, st.floats(0.0, 5.0), st.floats(1.0, 10.0))
def test_a_price_above_the_reference_costs_at_most_max_reference_loss(relative_gain, sens, bound, aversion):
    """Anderson & Simester 2004: the long-run penalty of deep promotions on established customers'
    full-price buying is real but bounded. Without deal posts, the deal term is never below
    −max_reference_loss, whatever the gap and the sensitivity."""
    p = PurchaseParams(max_reference_loss=bound, loss_aversion=aversion)
    assert deal_lift(relative_gain, sens, 0.0, p) >= -bound


@pytest.mark.parametrize("bound", [0.0, 0.3, 1.0])
def test_with_a_huge_gap_the_loss_equals_the_bound(bound):
    """With the reference price far below the price asked the loss is the bound exactly, never
    more (Anderson & Simester 2004); a small gap costs less than the bound (loss aversion,
    Tversky & Kahneman 1991, below the cap)."""
    p = PurchaseParams(max_reference_loss=bound)
    for huge in (-10.0, -1e3, -1e9):
        assert deal_lift(huge, 2.0, 0.0, p) == -bound
    small = deal_lift(-0.01, 2.0, 0.0, p)
    assert -bound <= small <= 0.0
    if bound > 2.0 * p.loss_aversion * 0.01:
        assert small == pytest.approx(-2.0 * p.loss_aversion * 0.01)


@rules
@given(st.floats(-50.0, 0.0), st.floats(-50.0, 0.0), sensitivity)
def test_the_penalty_grows_with_the_gap_until_the_bound(g1, g2, sens):
    """A price further above the reference hurts at least as much (loss aversion), up to the bound."""
    p = PurchaseParams()
    nearer, further = max(g1, g2), min(g1, g2)
    assert -p.max_reference_loss <= deal_lift(further, sens, 0.0, p) <= deal_lift(nearer, sens, 0.0, p) <= 0.0


def test_no_bound_no_reference_penalty():
    """max_reference_loss = 0: a price above the reference costs nothing (gains still count)."""
    p = PurchaseParams(max_reference_loss=0.0)
    assert purchase_probability(30.0, 30.0, 0.3, 0.0, 60.0, 40.0, 5.0, p) \
        == purchase_probability(30.0, 30.0, 0.3, 0.0, 60.0, 60.0, 5.0, p)
    assert purchase_probability(30.0, 30.0, 0.3, 0.0, 50.0, 60.0, 5.0, p) \
        > purchase_probability(30.0, 30.0, 0.3, 0.0, 60.0, 60.0, 5.0, p)


def _mean_days_between_orders(ref, p):
    """Expected days between orders of a never-reminded customer (cycle 30, sensitivity 5) asked
    list price 60 against reference ``ref``: the sum of the chances of not having bought yet."""
    days = np.arange(0.0, 40 * 30.0)
    buy = purchase_probability(days, 30.0, 0.3, 0.0, 60.0, ref, 5.0, p)
    return float(np.cumprod(np.concatenate([[1.0], 1.0 - buy[1:]])).sum())


def test_at_most_a_quarter_fewer_orders_at_full_price():
    """The parameter's own claim (Anderson & Simester 2004): with the reference price collapsed
    (a customer trained on deep deals), full-price buying falls by at most 1 − e^(−0.3), about a
    quarter, in orders over time (accelerated time: the order rate scales by the lift). Bounds:
    one day's rounding of the wait either way."""
    p = PurchaseParams()
    full, trained = _mean_days_between_orders(60.0, p), _mean_days_between_orders(1.0, p)
    kept = np.exp(-p.max_reference_loss)
    assert (full - 1.0) / (trained + 1.0) <= kept <= (full + 1.0) / max(trained - 1.0, 1.0)
    assert full / trained < 1.0  # and there is a penalty


# --- price–quality doubt of deep coupons -------------------------------------------------------
depth = st.floats(0.0, 0.9)


@rules
@given(st.sampled_from([0.0, 1.0]), depth, st.floats(0.0, 1.0), st.floats(0.0, 0.9))
def test_quality_doubt_is_a_share_of_trust(pushed, d, doubt, shallow):
    """Bounds: the share of trust lost to an announced coupon is in [0, 1)."""
    loss = quality_doubt(pushed, d, TrustParams(discount_doubt=doubt, shallow_discount=shallow))
    assert 0.0 <= loss < 1.0


@rules
@given(depth, st.floats(0.0, 0.9))
def test_shallow_coupons_say_nothing_of_quality(d, shallow):
    """A discount no deeper than shallow_discount reads as a routine deal and costs no trust,
    exactly (Rao & Monroe 1989: the price–quality inference needs a price cue worth reading)."""
    p = TrustParams(shallow_discount=shallow)
    if d <= shallow:
        assert quality_doubt(1.0, d, p) == 0.0


@rules
@given(depth, depth, st.floats(0.001, 1.0), st.floats(0.0, 0.85))
def test_deeper_coupons_cost_more_trust(d1, d2, doubt, shallow):
    """Beyond shallow_discount, the deeper the announced coupon the more trust in the product it
    costs (Darke & Chung 2005; Raghubir & Corfman 1999)."""
    p = TrustParams(discount_doubt=doubt, shallow_discount=shallow)
    lo, hi = sorted((d1, d2))
    if hi > max(lo, shallow) + 1e-6:
        assert quality_doubt(1.0, hi, p) > quality_doubt(1.0, lo, p)


@rules
@given(depth, st.floats(0.0, 1.0))
def test_a_coupon_not_announced_costs_no_trust(d, doubt):
    """The doubt comes from the announcement (a promotional push saying "30% off"): a coupon that
    is not pushed costs nothing, at any depth."""
    assert quality_doubt(0.0, d, TrustParams(discount_doubt=doubt)) == 0.0


def _tomorrows_trust(trust, member, pushed, d, params=TrustParams()):
    """``relationship`` for one customer who read, got and felt nothing else today."""
    s = SimpleNamespace(trust=np.array([trust]), fatigue=np.array([0.0]), trust_baseline=np.array([trust]))
    c = SimpleNamespace(trust_drift=0.0)
    b = SimpleNamespace(trust=params)
    zero = np.array([0.0])
    return relationship(s, c, b, np.array([member]), zero, zero, zero, zero, np.array([pushed]),
                        np.array([d]))[0]


@rules
@given(unit, st.booleans(), st.sampled_from([0.0, 1.0]), depth, st.floats(0.0, 1.0))
def test_trust_stays_in_the_unit_interval_with_deep_coupons(trust, member, pushed, d, doubt):
    out = _tomorrows_trust(trust, member, pushed, d, TrustParams(discount_doubt=doubt))
    assert 0.0 <= out <= 1.0


def test_a_deep_coupon_announced_to_a_member_dents_her_trust_and_no_one_elses():
    """In the day's relationship step: a member told of a 30% coupon trusts the product less
    tomorrow, deeper coupons more so, a 10% one costs nothing, and a non-member (who is told
    nothing: the coupon is the private domain's) keeps her trust (price–quality inference:
    Rao & Monroe 1989)."""
    p = TrustParams()
    assert _tomorrows_trust(0.6, True, 1.0, 0.1) == 0.6
    assert _tomorrows_trust(0.6, True, 1.0, 0.5) < _tomorrows_trust(0.6, True, 1.0, 0.3) < 0.6
    assert _tomorrows_trust(0.6, True, 0.0, 0.5) == 0.6
    assert _tomorrows_trust(0.6, False, 1.0, 0.5) == 0.6
    # the size the parameter describes: a weekly 30% coupon for a year leaves e^(−52·0.01·0.15) of trust
    trust = 1.0
    for _ in range(52):
        trust = _tomorrows_trust(trust, True, 1.0, 0.3, p)
    assert trust == pytest.approx(np.exp(-52 * p.discount_doubt * (0.3 - p.shallow_discount)))


# --- whole runs ---------------------------------------------------------------------------------
SALE_START, SALE_DAYS, AFTER = 120, 7, 30  # a week's flash sale after a settled third of a year


def _with_a_flash_sale(sale=True, deal_salience=None):
    """Half the default pool in the brand's groups, one useful push a day; the flash sale is two
    more pushes a day for a week, all promotional (秒杀: a morning and an evening deal post), no
    coupon (so no price cut and no reference price moves: only the posts act)."""
    data = scenario().to_dict()
    data["population"]["initial_member_share"] = 0.5
    data["levers"] = {"broadcast": {"frequency_per_day": 1.0, "content_quality": 0.6, "promo_share": 0.0,
                                    "staff": 1.0}}
    if sale:
        data["levers"]["flash_sale"] = {"type": "broadcast", "frequency_per_day": 2.0, "promo_share": 1.0,
                                        "staff": 0.0,
                                        "schedule": {"start": SALE_START, "stop": SALE_START + SALE_DAYS}}
    if deal_salience is not None:
        data["behaviour"] = {"purchase": {"deal_salience": deal_salience}}
    return Scenario.from_dict(data)


@pytest.fixture(scope="module")
def flash_sales():
    """Members' orders a day, seeds 1–3, with the sale, with the same posts selling nothing
    (deal_salience 0) and with no sale at all."""
    worlds = {"sale": _with_a_flash_sale(), "posts_that_do_not_sell": _with_a_flash_sale(deal_salience=0.0),
              "no_sale": _with_a_flash_sale(sale=False)}
    return {name: np.array([PrivateDomainModel(sc, customers=5000, seed=seed).run(SALE_START + SALE_DAYS + AFTER)
                            .purchases.to_numpy() for seed in (1, 2, 3)])
            for name, sc in worlds.items()}


def _bump_and_dip(orders, control):
    added = orders - control
    window = slice(SALE_START, SALE_START + SALE_DAYS)
    after = slice(SALE_START + SALE_DAYS, SALE_START + SALE_DAYS + AFTER)
    return added[:, :SALE_START], added[:, window].sum(axis=1), -added[:, after].sum(axis=1)


def test_a_flash_sale_bump_is_paid_back_in_part_by_a_dip(flash_sales):
    """The bump and the dip in whole runs (van Heerde, Leeflang & Wittink 2000: post-promotion dips
    of 4–25% of the bump; 2004: part of a bump is borrowed from later periods). Against the same
    posts with deal_salience 0 (the same reads, fatigue and trust: only the posts' selling differs),
    the sale week sells more in every seed and the 30 days after sell less; the dip only repays
    borrowing, so it is smaller than the bump. Measured (members' orders, 5,000 customers, seeds
    1–3): bumps 48, 39, 39 orders on ~470 in the week, dips 10, 4, 4 (nearly all within ten days),
    dip/bump 0.21, 0.10, 0.10 (0.14 pooled); not asserted (no tuned number)."""
    before, bump, dip = _bump_and_dip(flash_sales["sale"], flash_sales["posts_that_do_not_sell"])
    assert (before == 0).all()  # the same world until the sale
    assert (bump > 0).all()
    assert dip.sum() > 0  # the days right after are below
    assert dip.sum() < bump.sum()  # a dip repays part of the borrowing, not more


def test_a_flash_sale_sells_in_its_week_and_costs_later(flash_sales):
    """Against no sale at all the week still sells more (the deal posts' bump beats the wear of
    three pushes a day), and the month after sells less: its costs come later (issue 23.3;
    fatigue, muting and trust eroded by promotions: DOMAIN 003/004, Morgan & Hunt 1994). Measured
    (seeds 1–3): bumps 55, 52, 46 orders, then 230, 181, 165 fewer in the 30 days after, 3.5–4.2
    times the bump: about 415 more of the ~1,880 members have muted the group by then and their
    mean trust is 0.09 lower (not asserted: the size is the lead's to judge)."""
    before, bump, dip = _bump_and_dip(flash_sales["sale"], flash_sales["no_sale"])
    assert (before == 0).all()
    assert (bump > 0).all()
    assert (dip > 0).all()


SHARES = (0.0, 0.2, 0.4, 0.6, 0.8, 1.0)
#: Group pushes only, well run, members from the checkout QR (the calibration tests' lean conversion
#: operations): the promotional share of the pushes is the only source of deal posts, so a
#: customer's price sensitivity acts through that share alone (no coupon, no Moments).
PUSHES_ONLY = {"execution": {"quality": 0.85},
               "broadcast": {"frequency_per_day": 1.0, "content_quality": 0.5, "staff": 1.0},
               "store_qr": {"rate_at_full_execution": 0.75, "incentive_cny": 5.0}}


@functools.lru_cache(maxsize=None)
def added_by_promotional_share(sensitivity: float) -> tuple[float, ...]:
    """Profit the private domain adds over none in a year (cum_incremental_profit, mean of seeds 1
    and 2, 3,000 customers) at each promotional share, for nurture's pool made of one kind of
    customer: the default 'regular' segment with the given price sensitivity (5 is the bargain
    hunter's, 1 the loyal customer's), everything else alike."""
    data = scenario("nurture").to_dict()
    regular = next(s for s in data["population"]["segments"] if s["name"] == "regular")
    data["population"]["segments"] = [{**regular, "share": 1.0, "price_sensitivity": sensitivity}]
    added = np.zeros(len(SHARES))
    for seed in (1, 2):
        for i, share in enumerate(SHARES):
            data["levers"] = {**PUSHES_ONLY, "broadcast": {**PUSHES_ONLY["broadcast"], "promo_share": share}}
            sc = Scenario.from_dict(data)
            if i == 0:
                base = PrivateDomainModel(without_private_domain(sc), customers=3000, seed=seed).run(365)
            run = PrivateDomainModel(sc, customers=3000, seed=seed).run(365)
            added[i] += derive(run, base).cum_incremental_profit.iloc[-1] / 2
    return tuple(added)


def test_promotional_posts_have_no_best_share_for_customers_they_do_not_sell_to():
    """Issue 23.3: for customers who barely respond to deals the promotional share has no interior
    best. Measured (sensitivity 1, ¥): −166.8k, −189.8k, −210.9k, −226.8k, −238.7k, −246.4k at
    shares 0, 0.2, …, 1: every promotional push replaces a useful one and erodes trust, and sells
    little."""
    added = np.array(added_by_promotional_share(1.0))
    assert int(np.argmax(added)) == 0
    assert (np.diff(added) < 0).all()


def test_promotional_posts_cost_the_price_sensitive_less():
    """Deal posts sell more to the price-sensitive (Bijmolt, van Heerde & Pieters 2005): with no
    promotional posts sensitivity changes nothing here (no deal is ever seen: the same world to
    the yuan), and at every positive share the bargain hunters' pool adds more than the loyal
    customers' pool. Measured gap: ¥6.5k–9.8k a year at shares 0.2–1."""
    sensitive, insensitive = (np.array(added_by_promotional_share(s)) for s in (5.0, 1.0))
    assert sensitive[0] == insensitive[0]
    assert (sensitive[1:] > insensitive[1:]).all()


@pytest.mark.xfail(strict=True, reason=(
    "Issue 23.3 asks for an interior best promotional share for price-sensitive customers; the model "
    "has none. Measured (sensitivity 5, ¥, shares 0, 0.2, ..., 1): -166.8k, -183.2k, -201.1k, -217.2k, "
    "-231.0k, -239.9k: monotone decreasing, as for every population tried (the shipped bargain_hunter "
    "and loyal_prone segments, regular at sensitivity 0.5 and 5, under nurture's levers too). What "
    "dominates (5,000 customers, seed 1, share 0 -> 1, regular at sensitivity 5): deal salience adds "
    "~¥14k, the useful content a promotional push replaces is worth ~¥103k (trust 0.60 vs 0.26 and "
    "activity 0.73 vs 0.18 among members at day 365), the promotional costs (promo_erosion, "
    "fatigue.promo_weight, groups.spam_sensitivity) ~¥65k. At deal_salience 0.3, about four times the "
    "default 0.08, there is one (best share 0.2; at 1.0 it is 0.4). The sources that isolate an "
    "announcement's lift from its price cut put deal_salience at 0.05-0.30, central about 0.15 "
    "(Anderson & Simester 2001; Nakamura et al. 2014; rules/purchase.py): an interior best appears "
    "only at the top of the sourced range, so it is not raised to make one. Strict: if the model "
    "comes to show it, this fails and the xfail goes."))
def test_promotional_posts_have_an_interior_best_share_for_price_sensitive_customers():
    """Issue 23.3: 'the promotional share has an interior best for price-sensitive segments'."""
    added = np.array(added_by_promotional_share(5.0))
    assert 0 < int(np.argmax(added)) < len(SHARES) - 1
