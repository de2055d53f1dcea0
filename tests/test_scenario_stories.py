"""The shipped scenarios tell their stories: each run over its story's horizon (a year), on a
smaller pool where the story does not depend on the pool's size, and checked for the claim its
comments make. Nurture and harvest are checked in test_calibration.py.

Thresholds come from the claim (its direction, or the figure its comment cites, with the
seed-to-seed margin said beside it), never from a run's output.
"""

from __future__ import annotations

import math

import numpy as np
import pytest

from siyu_sim import PrivateDomainModel, Status, presets
from siyu_sim.counterfactual import without_private_domain
from siyu_sim.metrics import derive
from siyu_sim.runs import simulate

from helpers import scenario

SEEDS = (1, 2, 3)


def with_baseline(name: str, seed: int, daily, customers: int | None = 3000, **overrides):
    """``daily`` (a ``year`` of ``name``) with the derived columns against its no-private-domain
    baseline: the profit it adds and the paid-ads alternative's."""
    sc = scenario(name, **overrides) if overrides else presets.load(name)
    base = PrivateDomainModel(without_private_domain(sc), customers=customers, seed=seed).run()
    return derive(daily, base)


def year(name: str, seed: int, customers: int | None = 3000, segment_metrics: bool = False, **overrides):
    sc = scenario(name, **overrides) if overrides else presets.load(name)
    model = PrivateDomainModel(sc, customers=customers, seed=seed, segment_metrics=segment_metrics)
    return model, model.run()


def sources(model) -> dict[str, float]:
    t = model.customers
    joined = t.join_day >= 0
    return {name: float(t.weight[joined & (t.source == i)].sum()) for i, name in enumerate(model.sources)}


# --- luckin_community (DOMAIN 001) ---------------------------------------------------------------
def member_lift(model) -> float:
    """Purchases per member-day over purchases per prospect-day of customers still buying from the
    brand, segment-matched, days 180+ (as in test_calibration.py)."""
    seg = model.segment_daily
    seg = seg[seg.day >= 180].groupby("segment").sum(numeric_only=True)
    member_days = seg.active + seg.muted - seg.lapsed_members  # customers still buying, both sides
    ratio = (seg.purchases / member_days) / (seg.prospect_purchases / (seg.prospects - seg.lapsed_prospects))
    return float((ratio * member_days / member_days.sum()).sum())


def added(name: str, seed: int, customers: int = 3000):
    """The run's daily table with the profit added over no private domain (the same customers,
    the same seed)."""
    return simulate(scenario(name, population__customers=customers), root_seed=seed, baseline=True).daily


@pytest.mark.parametrize("seed", SEEDS)
def test_luckin_group_members_buy_more_often_and_learn_to_expect_the_daily_coupon(seed):
    """Group members buy more often than comparable (same-segment) customers outside the
    groups (DOMAIN 001), and the daily check-in coupon (10% off) becomes the price customers
    expect (002/003: the comment says more than 5% below list, checked at half the coupon's
    depth)."""
    model, d = year("luckin_community", seed, segment_metrics=True)
    assert member_lift(model) > 1.0
    assert d.mean_ref_price.iloc[-1] < 1 - 0.05


def test_luckin_group_members_buy_about_10_percent_more_often_not_luckins_30():
    """The comment's figure: about 10% more often (measured 1.11-1.14 over seeds 1-3; band 1.05-1.20), short of Luckin's
    +30% (DOMAIN 001) because an everyday coupon stops being a deal and few read the one push."""
    lifts = [member_lift(year("luckin_community", seed, segment_metrics=True)[0]) for seed in SEEDS]
    assert 1.05 <= float(np.mean(lifts)) <= 1.20, lifts


@pytest.mark.parametrize("name", ["luckin_community", "store_driven"])
def test_coupon_led_groups_show_a_ledger_profit_but_add_less_than_no_private_domain(name):
    """The two comments' money claim: a profitable-looking ledger (members' orders counted whole)
    while, in year one, the private domain adds less profit than having none (false prosperity,
    DOMAIN 003/004). Seed 1; the sign held on seeds 1-3 when the comments were written."""
    d = added(name, seed=1)
    assert d.cum_profit.iloc[-1] > 0
    assert d.cum_incremental_profit.iloc[-1] < 0


# --- mismatch (DOMAIN 004, 000, 003) ---------------------------------------------------------------
CAREFUL = dict(levers__coupon__depth=0.05, levers__coupon__schedule__every=30,
               levers__broadcast__frequency_per_day=1.0, levers__broadcast__promo_share=0.2,
               levers__broadcast__content_quality=0.8, levers__care__staff=2.0,
               levers__execution__quality=0.85)


@pytest.mark.parametrize("seed", SEEDS)
def test_mismatch_premium_product_run_like_a_flash_sale_is_false_prosperity(seed):
    """Trust falls; the ledger shows a profit while the private domain loses against having none
    and against the same cash in paid ads (false prosperity); and the same product operated
    carefully (the comment's own --set line) makes several times the profit (the comment says
    about four times; checked at more than twice)."""
    _, d = year("mismatch", seed)
    assert d.mean_trust.iloc[-1] < d.mean_trust.iloc[0]
    added = with_baseline("mismatch", seed, d)
    assert d.cum_profit.iloc[-1] > 0 > added.cum_incremental_profit.iloc[-1]
    assert added.cum_incremental_profit.iloc[-1] < added.alt_ads_cum_profit.iloc[-1]
    _, careful = year("mismatch", seed, **CAREFUL)
    assert careful.cum_profit.iloc[-1] > 2 * d.cum_profit.iloc[-1]
    assert careful.mean_trust.iloc[-1] > d.mean_trust.iloc[-1]


# --- pilot_then_scale (DOMAIN 003, 000) -----------------------------------------------------------
@pytest.mark.parametrize("seed", SEEDS)
def test_pilot_then_scale_holds_a_small_pool_while_trust_builds_then_grows(seed):
    """The pool stays at the 1,500-member pilot cap until day 90 (within 1%: organic joiners
    slip past the cap, see test_events.py) while trust rises; after day 90 paid ads and
    referral rewards grow it well past the pilot (the comment: ~5,600 active by month 7 of
    10,000 customers; on 5,000 customers, checked at more than twice the pilot)."""
    cap = presets.load("pilot_then_scale").levers["pilot_then_scale"].pilot_members
    model, d = year("pilot_then_scale", seed, customers=5000)
    pilot = d[d.day < 90]
    assert pilot.members.max() <= 1.01 * cap
    assert pilot.members[pilot.day >= 60].min() > 0.8 * cap  # the cap is what holds it
    assert pilot.mean_trust.iloc[-1] > pilot.mean_trust.iloc[0] + 0.05
    assert d.members[d.day == 210].item() > 2 * cap
    assert sources(model).get("paid_ads", 0.0) > 0 and (model.customers.join_day[
        model.customers.source == model.sources.index("paid_ads")] >= 90).all()


# --- small_brand (DOMAIN 004, 000) ------------------------------------------------------------------
@pytest.mark.parametrize("seed", SEEDS)
def test_small_brand_runs_a_decent_profitable_operation_that_paid_ads_still_beat(seed):
    """Under 50M CNY a year, grow in public channels first (DOMAIN 004): the operation is
    decent (trust grows) and its monthly result improves as trust builds, yet in its first year it
    adds less than nothing over having no private domain, about as much as the same cash loses in
    paid ads (the comment: within 10% of each other; both dear ways to win new customers for a
    small brand)."""
    _, d = year("small_brand", seed, customers=None)  # its own 1,500 customers
    assert d.mean_trust.iloc[-1] > d.mean_trust.iloc[0] + 0.1
    month = (d.day // (365 / 12)).astype(int) + 1
    monthly = d.groupby(month).profit.sum()
    assert monthly.iloc[-1] > monthly.iloc[1], monthly.round().tolist()  # trust pays more as it builds
    added = with_baseline("small_brand", seed, d, customers=None).iloc[-1]
    assert added.cum_incremental_profit < 0 and added.alt_ads_cum_profit < 0
    assert added.alt_ads_cum_profit == pytest.approx(added.cum_incremental_profit, rel=0.1)


# --- store_driven (DOMAIN 001, 000) -----------------------------------------------------------------
@pytest.mark.parametrize("seed", SEEDS)
def test_store_driven_members_come_from_the_checkout_qr_and_fast(seed):
    """Most members come from the store QR (DOMAIN 001: 60-70% of store buyers added), they
    join fast where buyers pass the till (most of the year's first-time joins within the first
    two months: weekly fruit buyers reach the till often)."""
    model, d = year("store_driven", seed)
    src = sources(model)
    joined = sum(v for k, v in src.items() if k != "initial")
    assert src["store_qr"] > 0.5 * joined
    # first-time joins (a customer who left and came back through the QR re-joins later: not "fast")
    first = d.new_members - d.rejoined
    assert first[d.day < 61].sum() > 0.5 * first.sum()


# --- wechat_to_wecom (DOMAIN 000/001) ---------------------------------------------------------------
def losses(seed: int, **overrides) -> list[tuple[int, float, float]]:
    """(day, members lost at once, personal-account members that morning) for every event loss."""
    sc = scenario("wechat_to_wecom", **overrides)
    model = PrivateDomainModel(sc, customers=3000, seed=seed)
    seen: list[tuple[int, float, float]] = []
    lose = model.lose_members

    def recording(rows):
        t = model.customers
        member = (t.status == Status.ACTIVE) | (t.status == Status.MUTED)
        personal = float(t.weight[member & ~t.on_wecom].sum())
        lost = lose(rows)
        if lost > 0:
            seen.append((model.day, lost, personal))
        return lost

    model.lose_members = recording
    model.run()
    return seen


def test_wechat_to_wecom_migration_loses_some_and_ends_the_bans():
    """Migrating loses some members (DOMAIN 001: ~15% here, within 4 binomial sd of the
    personal-account pool), after which no ban can strike; without the migration this year,
    bans keep taking whole groups after day 120 (0.01 a day over 245 days: no ban in three
    seeds has probability 0.99^735 ≈ 0.06%)."""
    share = presets.load("wechat_to_wecom").levers["migration"].loss_share
    after_with = after_without = 0.0
    for seed in SEEDS:
        with_migration = losses(seed)
        migration = [x for x in with_migration if x[0] == 120]
        assert len(migration) == 1
        _, lost, personal = migration[0]
        assert abs(lost - share * personal) < 4 * math.sqrt(personal * share * (1 - share))
        after_with += sum(lost for day, lost, _ in with_migration if day > 120)
        after_without += sum(lost for day, lost, _ in losses(seed, levers__migration__day=400) if day > 120)
    assert after_with == 0
    assert after_without > 0
