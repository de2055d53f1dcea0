"""Calibration: defaults reproduce what practitioners report (DOMAIN.md), from mechanisms.

Every check runs the full model; nothing here special-cases a preset.
"""

import functools

import numpy as np
import pytest

from siyu_sim import PrivateDomainModel, Status

from helpers import scenario

MONTH = 365 / 12


def month_of(daily):
    return (daily.day // MONTH).astype(int) + 1


# --- the contrast the project exists for -----------------------------------------------------
@pytest.fixture(scope="module", params=[1, 2])
def contrast(request):
    seed = request.param
    runs = {name: PrivateDomainModel(scenario(name), seed=seed).run(365) for name in ("nurture", "harvest")}
    return runs


def test_harvest_leads_on_gmv_in_the_first_month(contrast):
    first = {k: d[month_of(d) == 1].gmv.sum() for k, d in contrast.items()}
    assert first["harvest"] > 1.1 * first["nurture"]


def test_nurture_leads_on_profit_by_month_12(contrast):
    assert contrast["nurture"].cum_profit.iloc[-1] > contrast["harvest"].cum_profit.iloc[-1]


def test_nurture_leads_on_relationship_health(contrast):
    n, h = contrast["nurture"].iloc[-1], contrast["harvest"].iloc[-1]
    assert n.mean_trust > h.mean_trust
    assert n.repurchase_rate > h.repurchase_rate


@pytest.mark.parametrize("day", [90, 180])
def test_nurture_keeps_more_of_the_members_it_ever_added_active(contrast, day):
    """Harvesting empties its pool late in the year, which would make "more active members at
    month 12" true by construction; compare instead, while harvest still has active members,
    the share of everyone ever added who is still active (DOMAIN 002/003: members mute, lurk
    and leave after the campaigns)."""
    kept = {k: d.active[day] / d.ever_members[day] for k, d in contrast.items()}
    assert contrast["harvest"].active[day] > 0
    assert kept["nurture"] > 1.5 * kept["harvest"], kept


def test_harvest_ends_with_more_muted_and_churned(contrast):
    n, h = contrast["nurture"].iloc[-1], contrast["harvest"].iloc[-1]
    assert h.muted > n.muted
    assert h.churned > n.churned


def test_harvest_is_false_prosperity(contrast):
    """GMV high while profit is thin (DOMAIN 003/004): profit per CNY of GMV is lower."""
    margin = {k: d.profit.sum() / d.gmv.sum() for k, d in contrast.items()}
    assert margin["harvest"] < 0.5 * margin["nurture"]


def test_harvest_trains_customers_to_expect_discounts(contrast):
    assert contrast["harvest"].mean_ref_price.iloc[-1] < contrast["nurture"].mean_ref_price.iloc[-1] - 0.05


def test_a_deep_coupon_campaign_lifts_buying_while_it_runs_and_leaves_a_dip_after_it():
    """Promotions pull purchases forward and lower the price customers expect; when they stop,
    members buy less than members who never had them (post-promotion dip: van Heerde, Leeflang
    & Wittink 2000; promotions raise price sensitivity: Mela, Gupta & Lehmann 1997; DOMAIN
    002/004: harvesting trains customers to buy only on discount, coupon joiners leave)."""
    base = scenario("nurture", drop_levers=("coupon",), days=240)
    data = base.to_dict()
    data["levers"]["coupon"] = {"depth": 0.4, "valid_days": 3, "schedule": {"start": 0, "stop": 90, "every": 2}}
    campaign = type(base).from_dict(data)
    rate = {}
    for name, sc in (("none", base), ("campaign", campaign)):
        d = PrivateDomainModel(sc, customers=4000, seed=5).run()
        per_member = d.purchases / (d.active + d.muted)
        rate[name] = (per_member[d.day < 90].mean(), per_member[d.day >= 120].mean())
    assert rate["campaign"][0] > 1.2 * rate["none"][0]  # the lift while it runs
    assert rate["campaign"][1] < 0.85 * rate["none"][1]  # the dip after it


def test_personal_care_is_slow_to_show_and_durable():
    """Relationship building is slow to show results and durable (DOMAIN 000/001/003). Slow:
    the margin a care operator adds grows year on year as the trust she builds accumulates.
    Durable: stop her after two years and, in the third, her customers still buy more than
    where there never was one, at the same cost (trust fades to its baseline over months,
    docs/ODD.md §7.2). Whether she pays for herself is a question of the pool's size and the
    horizon, which the scenario answers in money; it is not assumed here."""
    kept, stopped = [], []
    for seed in (1, 2):
        margin = {}
        for arm, care in (("none", {"levers__care__staff": 0.0}), ("kept", {"levers__care__staff": 1.0}),
                          ("stopped", {"levers__care__staff": 1.0, "levers__care__schedule": {"stop": 2 * 365}})):
            d = PrivateDomainModel(scenario("nurture", days=3 * 365, **care), customers=3000, seed=seed).run()
            margin[arm] = [d.gross_margin[(d.day >= 365 * y) & (d.day < 365 * (y + 1))].sum() for y in range(3)]
            if arm == "stopped":
                third_year_cost = d.staff_cost.iloc[-365:].sum()
            elif arm == "none":
                cost_without = d.staff_cost.iloc[-365:].sum()
        kept.append([a - b for a, b in zip(margin["kept"], margin["none"])])
        stopped.append(margin["stopped"][2] - margin["none"][2])
        assert third_year_cost == cost_without  # nobody is paid for care once it stops
    y1, y2, y3 = np.mean(kept, axis=0)
    assert 0 < y1 < y2 < y3
    assert 0 < np.mean(stopped) < y3  # what she built lasts, and fades without her


#: What trust does for a customer (siyu_sim/rules/purchase.py): how often she buys, how much
#: per order, how long she stays. A product "chosen on price" has all three weaker.
TRUST_EFFECTS = ("trust_effect", "basket_trust_effect", "lapse_trust_effect")
SIMPLE_PRODUCT = {
    # A cheap, frequent, price-driven product as its brand would describe it: a 15 CNY snack
    # (9 CNY cost) bought about weekly, chosen on price (price sensitivity 6, like the default
    # bargain hunters' 5), where liking the brand moves buying, basket and staying a quarter as
    # much as for the default product. None of them is zero: trust still sells a little.
    "segments": [{"name": "bargain_hunter", "share": 1.0, "need_cycle_days": 7.0, "price_sensitivity": 6.0,
                  "touch_tolerance_per_day": 8.0, "initial_trust": 0.2, "initial_activity": 0.5}],
    "economics": {"order_value_cny": 15.0, "unit_cost_cny": 9.0},
    "trust_matters": 0.25,
}
# Lean conversion operations: one deal post a day (new products, flash sales, group buys: what
# sells in real groups, DOMAIN 003/004), one operator, good execution, the checkout QR. No
# standing coupon: a coupon every few days is a permanent discount that loses on any product
# (its coupons go to orders that would have been placed anyway).
CONVERSION_OPS = {"execution": {"quality": 0.85},
                  "broadcast": {"frequency_per_day": 1.0, "content_quality": 0.5, "promo_share": 0.8, "staff": 1.0},
                  "store_qr": {"rate_at_full_execution": 0.75, "incentive_cny": 5.0}}


@functools.lru_cache(maxsize=None)
def added_over_two_years(ops: str, simple_product: bool, trust_matters: float = SIMPLE_PRODUCT["trust_matters"]) -> float:
    """Profit nurture's or lean conversion operations add over no private domain in two years
    on nurture's own pool (10,000 customers; mean of seeds 1 and 2), on the default or the
    simple product (``trust_matters``: its trust effects as a share of the default's)."""
    from siyu_sim.counterfactual import without_private_domain
    from siyu_sim.metrics import derive
    from siyu_sim.rules.purchase import PurchaseParams

    data = scenario("nurture", days=730).to_dict()  # the horizon the market's potential customers are drawn for
    if ops == "conversion":
        data["levers"] = CONVERSION_OPS
    if simple_product:
        data["population"]["segments"] = SIMPLE_PRODUCT["segments"]
        data["economics"] = {**data.get("economics", {}), **SIMPLE_PRODUCT["economics"]}
        default = PurchaseParams()
        data.setdefault("behaviour", {})["purchase"] = {k: getattr(default, k) * trust_matters for k in TRUST_EFFECTS}
    sc = type(scenario()).from_dict(data)
    added = []
    for seed in (1, 2):
        run = PrivateDomainModel(sc, seed=seed).run(730)
        base = PrivateDomainModel(without_private_domain(sc), seed=seed).run(730)
        added.append(derive(run, base).cum_incremental_profit.iloc[-1])
    return float(np.mean(added))


def test_mismatch_cuts_both_ways():
    """DOMAIN 004: slow relationship work on a product that sells on simple conversion is a
    mismatch too. The products differ only in what a brand would say about them (price,
    purchase cycle, how much trust matters); the operations are the same two. Where trust
    sells (the default product) nurturing adds more; for the simple product, nurturing's
    team and care do not pay back and lean conversion operations add more."""
    assert added_over_two_years("nurture", False) > added_over_two_years("conversion", False)
    assert added_over_two_years("conversion", True) > added_over_two_years("nurture", True)


def test_how_much_trust_matters_decides_the_mismatch():
    """The same simple product with trust mattering as much as for the default product:
    nurturing's lead over conversion operations must be larger than at a quarter, i.e. the
    mismatch follows from the product's trust effects, not from its price alone."""
    def lead(trust_matters):
        return (added_over_two_years("nurture", True, trust_matters)
                - added_over_two_years("conversion", True, trust_matters))

    assert lead(1.0) > lead(SIMPLE_PRODUCT["trust_matters"])


# --- acquisition and execution (DOMAIN 001, 004) ------------------------------------------------
# The store-QR and package-card add rates are a calibrated curve: the chance that a buyer at the
# channel joins is rate_at_full_execution × execution ** 1.5, with the two defaults (0.75, 0.38)
# and the exponent chosen so that the curve passes through DOMAIN's figures (docs/ODD.md 7.1).
# The two tests right below measure that curve in a full run: they confirm the calibration is
# wired in, they are not evidence for it. The behavioural check after them is.
def add_rate(sc, source, store_shoppers):
    """Share of yesterday's prospect buyers at the channel who joined through it."""
    model = PrivateDomainModel(sc, customers=6000, seed=3)
    t = model.customers
    eligible = joined = 0.0
    for _ in range(60):
        offered = ((t.status == Status.PROSPECT) & (t.days_since_purchase == 0.0)
                   & (t.store_shopper == store_shoppers))
        before = t.status.copy()
        model.step()
        code = model.sources.index(source) if source in model.sources else -1
        eligible += t.weight[offered].sum()
        joined += t.weight[offered & (before == Status.PROSPECT) & (t.source == code)].sum()
    return joined / eligible


def test_store_qr_with_good_execution_adds_60_to_70_percent_of_store_buyers():
    sc = scenario(None, levers__execution__quality=0.9, levers__store_qr__type="store_qr")
    assert 0.60 <= add_rate(sc, "store_qr", True) <= 0.70


def test_execution_alone_moves_package_card_adds_from_under_5_to_over_30_percent():
    poor = scenario(None, levers__execution__quality=0.2, levers__package_card__type="package_card")
    good = scenario(None, levers__execution__quality=0.95, levers__package_card__type="package_card")
    assert add_rate(poor, "package_card", False) < 0.05
    assert add_rate(good, "package_card", False) > 0.30


def test_the_share_of_store_customers_added_emerges_from_how_often_they_visit():
    """What emerges from the calibrated per-visit rate, daily visits and the pool: DOMAIN 001
    counts store *customers* added (60-70%), and a customer who passes the till more often is
    offered the QR more often. Over a month, weekly shoppers (need cycle 7 days) must end up
    added more often than monthly ones (30 days), and of the store customers who came at least
    once the share added must not fall below DOMAIN's 60%. (About four visits a month against
    about one: at the per-visit rate r ≈ 0.64 that is up to 1 − 0.36⁴ ≈ 0.98 against at most
    0.64, so weekly shoppers' share is checked at more than 1.5 times monthly shoppers'.)"""
    segments = [{"name": name, "share": 0.5, "need_cycle_days": cycle} for name, cycle in
                (("weekly", 7.0), ("monthly", 30.0))]
    counts = np.zeros((2, 2))  # segment -> [store customers, added]
    came = added_of_came = 0.0
    for seed in (1, 2):
        data = scenario(None, levers__execution__quality=0.9, levers__store_qr__type="store_qr",
                        population__initial_member_share=0.0).to_dict()
        data["population"]["segments"] = segments
        model = PrivateDomainModel(type(scenario()).from_dict(data), customers=3000, seed=seed)
        t = model.customers
        visited = np.zeros(len(t), dtype=bool)
        for _ in range(30):
            visited |= (t.status == Status.PROSPECT) & (t.days_since_purchase == 0.0) & t.store_shopper
            model.step()
        added = t.source == model.sources.index("store_qr")
        for i in range(2):
            rows = t.store_shopper & (t.segment == i)
            counts[i] += (t.weight[rows].sum(), t.weight[rows & added].sum())
        came += t.weight[visited].sum()
        added_of_came += t.weight[visited & added].sum()
    weekly, monthly = counts[:, 1] / counts[:, 0]
    assert weekly > 1.5 * monthly, (weekly, monthly)
    assert added_of_came / came >= 0.60


# --- group members buy more often (DOMAIN 001, Luckin: +30%) -------------------------------------
def test_group_members_buy_about_30_percent_more_often_than_comparable_non_members():
    model = PrivateDomainModel(scenario("nurture"), seed=5, segment_metrics=True)
    model.run(365)
    seg = model.segment_daily
    seg = seg[seg.day >= 180].groupby("segment").sum(numeric_only=True)
    # Comparable: customers still buying from the brand on both sides (Luckin compares its app's
    # transacting customers); the private domain's effect on lapsing is tested on its own in
    # test_stylized_facts.py.
    member_days = seg.active + seg.muted - seg.lapsed_members
    ratio = (seg.purchases / member_days) / (seg.prospect_purchases / (seg.prospects - seg.lapsed_prospects))
    weighted = float((ratio * member_days / member_days.sum()).sum())  # segment-matched
    # Luckin's +30% is one chain's rounded figure (its sibling measure, weekly repurchasers, is
    # +28%), so +25% to +35% is what it supports (±0.05); seed-to-seed the model's ratio has
    # sd 0.011 (8 seeds at 10,000 customers: 1.27-1.30), so 3 sd adds 0.034: 1.30 ± 0.08.
    assert 1.22 <= weighted <= 1.38, weighted


# --- referral-only adoption docks with Bass (1969) ----------------------------------------------
def bass_error(contacts, customers=5000):
    p, q = 0.03, 0.38  # Sultan, Farley & Lehmann (1990) means, per year
    # Bass's adopters are all full advocates: trust and attention 1 that never fade (advocacy is
    # trust × attention, and a group nobody posts to no longer keeps attention up), and its market
    # potential is fixed (no lapsing, nobody from beyond the day-0 customers).
    sc = scenario(None, days=3650, population__customers=customers, population__initial_member_share=0.0,
                  population__contacts_per_customer=contacts, population__potential_share=0.0,
                  **{f"population__segments__{i}__initial_trust": 1.0 for i in range(3)},
                  **{f"population__segments__{i}__initial_activity": 1.0 for i in range(3)},
                  behaviour__trust__decay=0.0, behaviour__attention__decay=0.0,
                  behaviour__purchase__lapse_per_year=0.0,
                  **{f"behaviour__churn__{k}": 0.0 for k in
                     ("mute_base", "mute_fatigue", "leave_base", "leave_fatigue", "leave_no_reason")})
    daily = PrivateDomainModel(sc, seed=1).run()
    adopted = daily.ever_members.to_numpy() / customers
    years = (daily.day.to_numpy() + 1) / 365
    decay = np.exp(-(p + q) * years)
    bass = (1 - decay) / (1 + (q / p) * decay)
    return float(np.abs(adopted - bass).max())


def test_referral_only_adoption_docks_with_the_bass_curve():
    """Tolerance 0.04 of the population: the mean-field Bass curve assumes everyone meets
    everyone; on a finite random graph adopters' neighbourhoods saturate locally, which lags
    the curve by ~0.02 at 20 contacts (and more at fewer), plus ~3 sd of binomial noise at
    5,000 customers (~0.02)."""
    assert bass_error(contacts=20) < 0.04


# --- does it scale? (DOMAIN 000) -------------------------------------------------------------------
def test_with_staff_fixed_a_pool_past_capacity_has_lower_trust_and_profit_per_member():
    """DOMAIN 000 (does it scale? can service quality hold?): a team stretched over four times
    the pool it can look after serves each member worse. Judged on trust and on the gross
    margin per member-day (before staff, lead, content and tools, which a bigger pool shares and
    which tests/test_scale.py checks as economies of scale)."""
    def run(customers):
        sc = scenario("nurture", drop_levers=("store_qr", "referral_reward"),
                      population__initial_member_share=0.9, levers__broadcast__staff=0.5,
                      levers__care__staff=1.0)
        daily = PrivateDomainModel(sc, customers=customers, seed=2).run(365)
        return daily.mean_trust.iloc[-1], daily.gross_margin.sum() / daily.members.sum()

    # 0.5 operators × 20 groups ≈ 5,000 members: the first pool is at the team's capacity.
    trust_fit, profit_fit = run(5500)
    trust_big, profit_big = run(22000)
    assert trust_big < trust_fit - 0.03
    assert profit_big < profit_fit
