"""Teams sized by their work (issue 23, must-have 5): an operator runs a bounded number of
groups and an account holds a bounded number of friends, so a pool that outgrows its team has
groups nobody runs (fewer and worse pushes, a quieter group) and friends Moments posts do not
reach; 1:1 care stays bounded by its capacity. Unit tests of each rule's direction and bounds
(``rules/mood.py``, ``rules/touches.py``, ``levers/touches.py``), then what they do in a run.
The smooth leads and control loss are in tests/test_scale.py."""

from __future__ import annotations

import math
from types import SimpleNamespace

import numpy as np
import pytest
from hypothesis import given
from hypothesis import strategies as st

from siyu_sim import PrivateDomainModel, Status
from siyu_sim.customer_day import day_constants
from siyu_sim.levers import Moments
from siyu_sim.params import Behaviour
from siyu_sim.plan import DayPlan
from siyu_sim.rules.mood import GroupParams, group_mood_update, group_step, liveliness_share, posted, served_share
from siyu_sim.rules.touches import reach

from helpers import scenario


# --- which groups the operators run (DOMAIN 000: about 20 groups of 500 per operator) ---------------
@given(st.integers(0, 60), st.floats(0.0, 80.0))
def test_the_operators_run_the_oldest_groups_as_many_as_they_can(n, groups_run):
    served = served_share(np.arange(n, dtype=float), groups_run)
    assert np.all((served >= 0.0) & (served <= 1.0))
    assert np.all(np.diff(served) <= 0.0)  # older groups first
    assert served.sum() == pytest.approx(min(groups_run, n))  # exactly the groups they can run
    assert ((served > 0.0) & (served < 1.0)).sum() <= 1  # one group, at the edge, in part


def _plan(pushes=1.0, promo=0.0, quality=0.8, groups_run=0.0) -> DayPlan:
    t = DayPlan(n_segments=3, groups_run=groups_run)
    t.broadcast.add(pushes, quality, promo)
    return t


def test_a_group_without_members_keeps_its_mood_and_is_not_run():
    b = Behaviour()
    mood, served = group_step(np.array([0.3, 0.3]), np.array([0.0, 40.0]), np.array([0.0, 50.0]),
                              np.array([0.0, 0.0]), _plan(groups_run=5.0), b)
    assert mood[0] == 0.3 and served[0] == 0.0
    assert served[1] == 1.0 and mood[1] > 0.3


@given(st.floats(0.0, 1.0), st.floats(0.0, 1.0), st.floats(0.0, 10.0), st.floats(0.0, 1.0), st.floats(0.0, 3.0))
def test_group_mood_stays_in_the_unit_interval_run_or_not(mood, activity, pushes, promo, groups_run):
    out, served = group_step(np.array([mood]), np.array([activity * 100.0]), np.array([100.0]),
                             np.array([1.0]), _plan(pushes, promo, groups_run=groups_run), Behaviour())
    assert 0.0 <= out[0] <= 1.0 and 0.0 <= served[0] <= 1.0


def test_a_group_nobody_runs_drifts_quieter_than_one_an_operator_runs():
    """Same members, same activity, no promotions: a run group's mood goes to its members' mean
    activity, an unrun one's to ``unrun_liveliness`` of it (Joyce & Kraut 2006: 44 / 56)."""
    b = Behaviour()
    mood = np.array([0.5, 0.5])
    for _ in range(400):  # ahead 0 and 1 with one group run: the first is run, the second not
        mood, served = group_step(mood, np.array([60.0, 60.0]), np.array([100.0, 100.0]),
                                  np.array([0.0, 1.0]), _plan(groups_run=1.0), b)
    assert list(served) == [1.0, 0.0]
    assert mood[0] == pytest.approx(0.6, abs=1e-6)
    assert mood[1] == pytest.approx(0.6 * b.groups.unrun_liveliness, abs=1e-6)
    assert mood[1] < mood[0]
    assert GroupParams().unrun_liveliness == pytest.approx(44 / 56, abs=0.01)


def test_a_group_nobody_runs_gets_only_the_mass_sent_pushes_and_their_spam():
    """Five promotional pushes a day: a run group takes all five's spam, an unrun one only the
    one push the mass-sending tool carries (WeCom: about one a day per customer group)."""
    b = Behaviour()
    t = _plan(pushes=5.0, promo=1.0, groups_run=1.0)
    mood, _ = group_step(np.array([0.5, 0.5]), np.array([50.0, 50.0]), np.array([100.0, 100.0]),
                         np.array([0.0, 1.0]), t, b)
    run = group_mood_update(0.5, 0.5, 5.0, b.groups)
    unrun = group_mood_update(0.5, 0.5 * b.groups.unrun_liveliness, b.groups.unrun_pushes_per_day, b.groups)
    assert mood == pytest.approx([run, unrun])


@given(st.floats(0.0, 1.0), st.floats(0.0, 48.0))
def test_liveliness_is_a_share_highest_in_a_run_group_and_grows_with_the_posts(served, pushes):
    p = GroupParams()
    share = liveliness_share(served, pushes, p)
    assert 0.0 <= posted(pushes) <= 1.0 and 0.0 <= share <= 1.0
    assert liveliness_share(1.0, pushes, p) == 1.0  # an operator keeps conversation going
    assert share <= liveliness_share(served, pushes + 1.0, p)  # more posts, never less lively
    assert share <= liveliness_share(min(1.0, served + 0.1), pushes, p)  # more running, never less
    assert liveliness_share(0.0, pushes, p) <= p.unrun_liveliness  # unrun: at most its share


def test_a_group_nobody_runs_or_posts_to_falls_silent():
    """Members as attentive as ever (0.6), nobody running the group: with the one mass-sent
    push a day its mood settles at ``unrun_liveliness`` of their activity; with no push at all
    it has nothing to talk about and goes quiet, however attentive its members are."""
    b = Behaviour()
    for pushes, expected in ((1.0, 0.6 * b.groups.unrun_liveliness), (0.0, 0.0), (0.5, 0.3 * b.groups.unrun_liveliness)):
        mood = np.array([0.9])
        for _ in range(400):
            mood, served = group_step(mood, np.array([60.0]), np.array([100.0]), np.array([0.0]),
                                      _plan(pushes=pushes, groups_run=0.0), b)
        assert served[0] == 0.0 and mood[0] == pytest.approx(expected, abs=1e-6)


# --- what a member reads in a group that is run, or not --------------------------------------------
def _reach(served: float, pushes: float = 3.0, promo: float = 0.2):
    t = _plan(pushes, promo)
    b = Behaviour()
    s = SimpleNamespace(activity=0.6)
    u = SimpleNamespace(care=0.5)
    g = SimpleNamespace(served=served, mood=0.5)
    received, _, _, _, _, _, engaging, promo_reads, reads = reach(
        s, t, day_constants(t, b), b, u, g, 0, True, False, True, False)
    return received, engaging, promo_reads, reads


def test_a_member_of_a_group_nobody_runs_gets_fewer_and_worse_pushes():
    run, unrun, half = _reach(1.0), _reach(0.0), _reach(0.5)
    cap = Behaviour().groups.unrun_pushes_per_day
    assert run[0] == 3.0 and unrun[0] == cap < run[0]  # all the day's pushes, or the mass-sent one
    assert 0.0 < unrun[1] < run[1] and 0.0 < unrun[3] < run[3]  # read less, worth less
    assert unrun[2] < run[2]  # and fewer promotions read
    assert half == pytest.approx(tuple((a + b) / 2 for a, b in zip(run, unrun)))  # the edge group: between
    # worth less per read, not only fewer reads: the engaging worth per read falls by unrun_quality
    assert unrun[1] / unrun[3] == pytest.approx(Behaviour().groups.unrun_quality * run[1] / run[3])


def test_with_few_pushes_a_group_nobody_runs_gets_them_all():
    assert _reach(0.0, pushes=0.5)[0] == _reach(1.0, pushes=0.5)[0] == 0.5


# --- Moments reach the friends the team's accounts hold -----------------------------------------------
def _brand(friends: float, staff: float):
    return SimpleNamespace(member_friends=friends, team=SimpleNamespace(staff=staff))


def test_moments_reach_the_friends_the_accounts_hold():
    lever = Moments(friends_per_account=10_000.0)
    assert lever.reach(_brand(50_000.0, 2.0)) == pytest.approx(0.4)
    assert lever.reach(_brand(50_000.0, 5.0)) == 1.0 == lever.reach(_brand(50_000.0, 8.0))  # room to spare
    assert lever.reach(_brand(0.0, 0.0)) == 1.0  # no friends: nothing is missed
    assert lever.reach(_brand(10.0, 0.0)) == 0.0  # no operator, no account to post from
    grid = [lever.reach(_brand(f, 3.0)) for f in np.linspace(1.0, 1e6, 50)]
    assert np.all(np.diff(grid) <= 0.0) and min(grid) >= 0.0 and max(grid) <= 1.0


def test_moments_build_less_trust_when_the_accounts_hold_few_of_the_friends():
    def trust(friends_per_account):
        sc = scenario(None, population__initial_member_share=0.5, levers__moments__posts_per_day=1.0,
                      levers__moments__content_quality=0.8, levers__moments__promo_share=0.0,
                      levers__moments__staff=1.0, levers__moments__friends_per_account=friends_per_account)
        model = PrivateDomainModel(sc, customers=2000, seed=1)
        d = model.run(60)
        t = model.customers
        friends = t.weight_of(t.friend & ((t.status == 1) | (t.status == 2)))  # member friends after the last day
        return d.mean_trust.iloc[-1], d.moments_reach.iloc[-1], friends

    (full, reach_full, _), (few, reach_few, friends), (none, _, _) = trust(1e6), trust(100.0), trust(1.0)
    assert reach_full == 1.0
    assert reach_few == pytest.approx(100.0 / friends, rel=0.05)  # friends counted as the posts went out
    assert full > few + 0.02 and few > none


# --- in a run: groups beyond the team's reach ------------------------------------------------------------
def _all_members(**overrides):
    return scenario("nurture", drop_levers=("store_qr", "referral_reward"), population__initial_member_share=1.0,
                    levers__execution__team_tenure_at_start_months=12.0, **overrides)


@pytest.mark.parametrize("seed", (1, 2))
def test_members_of_groups_nobody_runs_end_with_less_trust_and_attention(seed):
    """2,000 members in 40 groups of 50, one operator for 20 groups, one push a day: the members
    of the groups the operator runs end more trusting and attentive, in livelier groups."""
    sc = _all_members(days=180, behaviour__groups__capacity=50, levers__broadcast__staff=1.0)
    model = PrivateDomainModel(sc, customers=2000, seed=seed)
    daily = model.run()
    groups = daily.groups.iloc[-1]  # 40 at the start; referrals bring a few more members
    assert 40 <= groups < 44 and daily.groups_run_share.iloc[-1] == pytest.approx(20 / groups)
    t = model.customers
    served = model.groups.values["served"][t.group]
    member = (t.status == 1) | (t.status == 2)
    run, unrun = member & (served == 1.0), member & (served == 0.0)
    assert t.trust[run].mean() > t.trust[unrun].mean() + 0.02
    assert t.activity[run].mean() > t.activity[unrun].mean() + 0.02
    moods, runs = model.groups.values["mood"][:int(groups)], model.groups.values["served"][:int(groups)]
    assert moods[runs == 1.0].mean() > moods[runs == 0.0].mean() + 0.05


def test_at_a_pool_the_team_cannot_run_more_operators_pay_despite_control_loss():
    """The review's case: four community operators "ran" any pool, and more staff made things
    worse. 200,000 members (400 groups): four operators run 80 of them; twenty run all 400. The
    bigger team carries out less of what it intends (execution falls), yet trust and profit
    rise, because every group is run."""
    def run(staff):
        sc = _all_members(days=180, levers__broadcast__staff=staff)
        return PrivateDomainModel(sc, customers=200_000, rows=2000, seed=1).run().iloc[-1]

    small, big = run(4.0), run(20.0)
    assert small.groups_run_share == pytest.approx(80 / small.groups, rel=1e-9)
    assert small.groups_run_share < 0.25
    assert big.groups_run_share == pytest.approx(min(1.0, 400 / big.groups), rel=1e-9)
    assert big.groups_run_share > 0.99
    assert big.execution < small.execution
    assert big.mean_trust > small.mean_trust + 0.03
    assert big.cum_profit > small.cum_profit


# --- 1:1 care stays bounded by capacity ------------------------------------------------------------------------
@pytest.mark.parametrize("weight", (1.0, 10.0))  # real customers per simulated row
def test_care_contacts_are_the_capacity_however_big_the_pool(weight):
    """Capacity = staff × contacts per operator × execution: a pool ten times bigger gets the
    same contacts a day (within binomial noise), a tenth of them per member."""
    sc = _all_members(days=60, levers__care__staff=2.0)
    d = PrivateDomainModel(sc, customers=int(3000 * weight), rows=3000, seed=1).run()
    capacity = (2.0 * 80.0 * d.execution).sum()
    noise = 3 * math.sqrt(weight * capacity)  # each row's contact counts for its weight
    assert abs(d.care_contacts.sum() - capacity) < noise
    assert np.all(d.care_contacts <= d.members)
    assert d.care_per_member.iloc[-1] == pytest.approx(d.care_contacts.iloc[-1] / d.members.iloc[-1])


def test_in_a_private_domain_where_nothing_happens_groups_and_attention_do_not_sustain_themselves():
    """Store QR adds into groups nobody runs or posts to, word of mouth on (the review's case: the
    groups' mood kept itself up on its members' attention, and that attention kept bringing
    friends in). The groups go quiet, and members who joined in the first hundred days have lost
    most of their attention by day 300 (attention.decay, nothing to win it back)."""
    sc = scenario(None, days=300, levers__store_qr__incentive_cny=0.0)
    model = PrivateDomainModel(sc, customers=2000, seed=1)
    model.run()
    t = model.customers
    occupied = model.gathering.occupied
    assert occupied.sum() >= 3
    assert model.groups.values["mood"][:len(occupied)][occupied].max() < 1e-3
    member = (t.status == Status.ACTIVE) | (t.status == Status.MUTED)
    early = member & (t.join_day >= 0) & (t.join_day < 100)
    assert early.sum() > 200
    assert t.activity[early].mean() < 0.15
