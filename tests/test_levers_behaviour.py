"""Levers do what they are for: segment targeting, care by status, paid-ads volume, Moments.

Worlds with and without a lever share their customers and luck (common random numbers: the
same seed, and each lever draws from its own named stream), so a difference is the lever's.
"""

from __future__ import annotations

import math

import numpy as np
import pytest

from siyu_sim import PrivateDomainModel, Status

from helpers import scenario

SEEDS = (1, 2, 3)


def spy_on_care(model: PrivateDomainModel) -> list[tuple[np.ndarray, np.ndarray, np.ndarray]]:
    """Record, for each day, (status at the start of the day, status after it, who got care)."""
    days: list = []
    step = model.step

    def recording():
        start = model.customers.status.copy()
        step()
        out = model.outcome
        days.append((start, np.asarray(out.next.status).copy(), np.asarray(out.care, dtype=bool).copy()))

    model.step = recording
    return days


# --- segment targeting (DOMAIN 002/004: each tier gets what it needs) ----------------------------
@pytest.mark.parametrize("seed", SEEDS)
def test_a_coupon_targeted_at_one_segment_teaches_only_that_segment_to_expect_deals(seed):
    """Deal memory is what customers learn from the discounts they are offered (Mela, Gupta &
    Lehmann 1997): a coupon for bargain hunters only must leave every other segment's at 0."""
    sc = scenario(None, population__initial_member_share=0.5,
                  levers__coupon__depth=0.3, levers__coupon__segments=["bargain_hunter"],
                  levers__coupon__schedule__every=3)
    model = PrivateDomainModel(sc, customers=2000, seed=seed)
    model.run(60)
    t = model.customers
    target = model.segment_names.index("bargain_hunter")
    member = (t.status == Status.ACTIVE) | (t.status == Status.MUTED)
    assert t.deal_memory[member & (t.segment == target)].mean() > 0.05
    assert (t.deal_memory[t.segment != target] == 0.0).all()


@pytest.mark.parametrize("seed", SEEDS)
def test_care_targeted_at_one_segment_reaches_that_segment_only_and_raises_its_trust(seed):
    care = dict(levers__care__staff=1.0, levers__care__segments=["loyal_prone"])
    base = scenario(None, population__initial_member_share=0.5)
    model = PrivateDomainModel(scenario(None, population__initial_member_share=0.5, **care),
                               customers=2000, seed=seed, segment_metrics=True)
    days = spy_on_care(model)
    model.run(60)
    target = model.segment_names.index("loyal_prone")
    cared = np.any([c for _, _, c in days], axis=0)
    seg = model.customers.segment
    assert cared[seg == target].sum() > 100  # the carer reached the segment ...
    assert not cared[seg != target].any()  # ... and nobody else
    without = PrivateDomainModel(base, customers=2000, seed=seed, segment_metrics=True)
    without.run(60)
    last = {name: m.segment_daily[m.segment_daily.day == 59].set_index("segment").mean_trust
            for name, m in (("care", model), ("none", without))}
    gain = last["care"] - last["none"]
    assert gain["loyal_prone"] > 0.02
    # other segments move only through what members share (group mood), far less
    assert gain.drop("loyal_prone").abs().max() < 0.25 * gain["loyal_prone"]


# --- care by status: 1:1 care for muted members (DOMAIN 000/001) ---------------------------------
@pytest.mark.parametrize("seed", SEEDS)
def test_care_for_muted_members_reaches_muted_members_only_and_brings_some_back(seed):
    sc = scenario("harvest", levers__care__staff=1.0, levers__care__statuses=["muted"])
    model = PrivateDomainModel(sc, customers=2000, seed=seed)
    days = spy_on_care(model)
    model.run(120)
    cared_muted = back_cared = muted_alone = back_alone = 0
    for start, after, care in days:
        assert not (care & (start != Status.MUTED)).any()  # only members muted that morning
        muted = start == Status.MUTED
        back = after == Status.ACTIVE
        cared_muted += int((muted & care).sum())
        back_cared += int((muted & care & back).sum())
        muted_alone += int((muted & ~care).sum())
        back_alone += int((muted & ~care & back).sum())
    assert cared_muted > 200
    # care is handed out at random among the targeted, so the two groups are comparable: the
    # cared-for come back more often, beyond 3 binomial sd of the rate without care
    p_alone = back_alone / max(muted_alone, 1)
    p_cared = back_cared / cared_muted
    assert p_cared > p_alone + 3 * math.sqrt(max(p_alone, 1 / cared_muted) * (1 - p_alone) / cared_muted)


# --- paid ads: the daily volume bought (DOMAIN 001/002) -------------------------------------------
def test_paid_ads_add_about_adds_per_day_while_prospects_are_plentiful():
    """Paid ads buy, each day and in each of their two audiences (the brand's customers outside
    the private domain, and people who do not buy from it yet: ``new_customer_share`` of the
    budget), R · N / (N + A) members on average: N = the audience's share of adds_per_day, A the
    platform's reachable audience, R who of it is left (docs/ODD.md §7.1; about N while the
    audience is fresh). Over D days and S seeds the adds are a sum of binomials with mean
    Σ R N / (N + A): checked within 4 sd (≈ 4 √mean). Volume only."""
    from siyu_sim.levers.acquisition import PaidAds

    adds_per_day, days = 10.0, 15
    reach_share = PaidAds.model_fields["reach_share"].default
    new_share = PaidAds.model_fields["new_customer_share"].default
    added = expected = 0.0
    for seed in SEEDS:
        model = PrivateDomainModel(scenario(None, levers__paid_ads__adds_per_day=adds_per_day),
                                   customers=3000, seed=seed)
        reachable = model.streams.fixed_uniform("paid_ads.reach", len(model.customers)) < reach_share
        new_people = np.arange(len(model.customers)) >= 3000  # the market beyond day 0's customers
        audiences = ((reachable & ~new_people, Status.PROSPECT, adds_per_day * (1.0 - new_share)),
                     (reachable & new_people, Status.POTENTIAL, adds_per_day * new_share))
        for _ in range(days):
            for audience, status, adds in audiences:
                left = float((audience & (model.customers.status == status)).sum())
                expected += left * adds / (adds + float(audience.sum()))
            model.step()
        t = model.customers
        added += float(t.weight[t.source == model.sources.index("paid_ads")].sum())
    assert expected > 0.8 * adds_per_day * days * len(SEEDS)  # the audience is still fresh
    assert abs(added - expected) < 4 * math.sqrt(expected), (added, expected)


def test_more_paid_ads_buy_more_members():
    got = []
    for adds in (5.0, 20.0):
        model = PrivateDomainModel(scenario(None, levers__paid_ads__adds_per_day=adds), customers=3000, seed=1)
        model.run(15)
        t = model.customers
        got.append(float(t.weight[t.source == model.sources.index("paid_ads")].sum()))
    assert got[1] > 2.5 * got[0]


# --- Moments (DOMAIN 003: every post tells people who you are) ------------------------------------
@pytest.mark.parametrize("seed", SEEDS)
def test_useful_moments_posts_raise_friends_trust_and_attention(seed):
    pool = dict(population__initial_member_share=0.4)
    moments = dict(levers__moments__posts_per_day=1.0, levers__moments__content_quality=0.8,
                   levers__moments__promo_share=0.2, levers__moments__staff=1.0)  # one account posts
    runs = {name: PrivateDomainModel(scenario(None, **pool, **extra), customers=2000, seed=seed).run(60)
            for name, extra in (("moments", moments), ("none", {}))}
    m, n = runs["moments"].iloc[-1], runs["none"].iloc[-1]
    assert m.mean_trust > n.mean_trust + 0.01
    assert m.mean_activity > n.mean_activity + 0.01


def test_moments_reach_friends_only():
    """Members added without becoming friends (``add_friend = false``) do not see Moments."""
    def trust_of_new_members(extra):
        sc = scenario(None, population__initial_member_share=0.0, levers__paid_ads__adds_per_day=30.0,
                      levers__paid_ads__add_friend=False, levers__paid_ads__into_group=False, **extra)
        model = PrivateDomainModel(sc, customers=2000, seed=1)
        model.run(40)
        t = model.customers
        paid = (t.source == model.sources.index("paid_ads")) & ((t.status == Status.ACTIVE) | (t.status == Status.MUTED))
        return t.trust[paid].mean()

    moments = dict(levers__moments__posts_per_day=2.0, levers__moments__content_quality=0.9,
                   levers__moments__promo_share=0.0, levers__moments__staff=1.0)  # one account posts
    assert trust_of_new_members(moments) == pytest.approx(trust_of_new_members({}), abs=1e-12)
