"""Does it scale? (DOMAIN 000, question 3; issue 12 point 6.) The team mechanisms that make ten
times the pool with ten times the staff differ from ten times the result: fixed costs shared
by the whole operation (economies), learning, span of management and control loss
(diseconomies). Unit tests of each rule's direction and bounds, then behaviour.

The behavioural tests compare a pool with one operator against the same customers counted ten
times (ten times the customers on the same rows: each row stands for 10; same seed: the same
draws) with ten operators. With every
team mechanism switched off that is ten times the result up to the group-mood rounding of the
weight trick (checked below); each mechanism then moves it by an amount or in a direction
that follows from its definition."""

import math

import numpy as np
import pytest

from siyu_sim import PrivateDomainModel
from siyu_sim.levers import Execution
from siyu_sim.team import DAYS_PER_MONTH, Cohorts, control, layers, managers, skill

from helpers import scenario


# --- learning (DOMAIN 004: 3–6 months; Argote & Epple 1990) ---------------------------------------
@pytest.mark.parametrize("initial, months", [(0.5, 4.5), (0.2, 3.0), (0.8, 6.0)])
def test_learning_starts_at_its_level_rises_monotonically_and_is_learnt_within_its_months(initial, months):
    days = np.arange(0, 3 * 365)
    s = skill(days, initial, months)
    assert s[0] == pytest.approx(initial)
    assert np.all(np.diff(s) >= 0) and np.all(np.diff(s[:90]) > 0)  # rises until it saturates
    assert np.all((s >= initial - 1e-12) & (s <= 1.0))
    learnt = skill(months * DAYS_PER_MONTH, initial, months)
    assert learnt >= 1.0 - 0.05 * (1.0 - initial) - 1e-12  # 95% of the gap closed
    assert learnt >= 0.95


def test_no_learning_time_means_full_skill_at_once():
    assert skill(0.0, 0.3, 0.0) == 1.0


def test_a_team_that_grows_dilutes_its_skill_and_recovers():
    team = Cohorts()
    team.update(0, 2.0)
    before = team.skill(200, 0.5, 4.5)
    team.update(200, 4.0)  # two new operators join
    after = team.skill(200, 0.5, 4.5)
    assert after == pytest.approx((2 * before + 2 * 0.5) / 4)
    assert team.skill(400, 0.5, 4.5) > after
    team.update(401, 2.0)  # the newest go first
    assert team.hired == [(0.0, 2.0)]
    assert Cohorts().skill(5, 0.5, 4.5) == 1.0  # no team, nothing to learn


def test_an_experienced_team_starts_near_full_skill():
    team = Cohorts()
    team.update(0, 3.0)
    assert team.skill(0, 0.5, 4.5, start_tenure_days=24 * DAYS_PER_MONTH) > 0.99
    assert team.skill(0, 0.5, 4.5) == pytest.approx(0.5)


# --- span of management (Urwick 1956; Graicunas 1933) and control loss (Williamson 1967) --------------
@pytest.mark.parametrize("span", [3.0, 6.0, 10.0])
def test_control_is_one_within_the_span_and_falls_smoothly_beyond_it(span):
    alpha = 0.9
    within = [control(s, span, alpha) for s in (0.5, 1.0, span)]
    assert within == [1.0, 1.0, 1.0]
    # at the sizes of full hierarchies, one more layer each: as many α as layers beyond the first
    assert control(span ** 2, span, alpha) == pytest.approx(alpha)
    assert control(span ** 3, span, alpha) == pytest.approx(alpha ** 2)
    assert alpha < control(span + 1, span, alpha) < 1.0  # one more operator costs a sliver, not a layer
    grid = [control(s, span, alpha) for s in np.linspace(0.1, span ** 3, 2000)]
    assert np.all(np.diff(grid) <= 0) and min(grid) >= 0.0 and max(grid) <= 1.0
    # no hire drops control by a layer's loss (1 − α): at most by the share of a layer it adds,
    # log(1 + 1/S) / log(span), largest just beyond one span
    steps = [control(s, span, alpha) - control(s + 1, span, alpha) for s in range(1, 401)]
    share = math.log(1 + 1 / span) / math.log(span)
    assert max(steps) <= 1 - alpha ** share + 1e-12 and 1 - alpha ** share < 0.3 * (1 - alpha)
    assert control(span ** 4, span, 1.0) == 1.0  # no control loss when nothing is lost


def test_leads_grow_smoothly_and_are_a_full_hierarchy_at_its_sizes():
    assert managers(0.0, 6) == 0 and layers(0.0, 6) == 0
    assert managers(3.0, 6) == pytest.approx(0.5) and layers(3.0, 6) == 1  # a part-time lead
    assert managers(6.0, 6) == pytest.approx(1.0)
    assert managers(36.0, 6) == pytest.approx(6 + 1)  # six leads and their head
    assert managers(216.0, 6) == pytest.approx(36 + 6 + 1) and layers(216.0, 6) == pytest.approx(3)
    assert managers(300.0, 6) == pytest.approx(299 / 5)  # between full hierarchies: on the line
    sizes = np.linspace(0.0, 400.0, 4001)
    leads = np.array([managers(s, 6) for s in sizes])
    assert np.all(np.diff(leads) > 0) and np.all(np.abs(np.diff(leads)) <= 0.1 / 5 + 1e-12)  # no jump


def test_one_more_operator_never_costs_much_more_than_an_operator():
    """The review's case: with leads in whole steps, the seventh operator brought a second lead
    and a head (−¥697k a year from 6 to 7 operators). Now the marginal operator costs its pay and
    a share of a lead, at most 1.5 operators, at every team size from 1 to 400; and it never
    raises execution (at constant skill: control alone)."""
    sc = scenario("nurture")
    e, lever = sc.economics, sc.levers["execution"]
    span, alpha = lever.span_of_control, lever.control_retained_per_layer

    def cost(staff):
        return staff * e.staff_cost_per_day_cny + managers(staff, span) * e.lead_cost_per_day_cny

    marginal = np.array([cost(s + 1) - cost(s) for s in range(0, 400)])
    assert np.all(marginal >= e.staff_cost_per_day_cny)  # leads never fall as the team grows
    assert np.all(marginal <= 1.5 * e.staff_cost_per_day_cny)
    assert cost(7) - cost(6) < 1.5 * e.staff_cost_per_day_cny
    team = Cohorts()
    execution = []
    for staff in range(1, 401):
        team.update(0, float(staff))  # one cohort, all joined the same day: the same skill
        execution.append(lever.quality * lever.team_factor(0, team))
    assert np.all(np.diff(execution) <= 0) and execution[0] == pytest.approx(lever.quality * lever.new_operator_skill)
    assert execution[-1] == pytest.approx(execution[0] * alpha ** (math.log(400) / math.log(span) - 1))


def test_execution_lever_scales_quality_by_skill_and_control():
    lever = Execution(quality=0.8, new_operator_skill=0.5, span_of_control=6)
    team = Cohorts()
    team.update(0, 10.0)
    depth = math.log(10) / math.log(6)
    assert lever.team_factor(0, team) == pytest.approx(0.5 * 0.9 ** (depth - 1))
    assert team.manage(lever.span_of_control) == pytest.approx(9 / 5)
    assert (team.leads, team.layers) == (pytest.approx(1.8), pytest.approx(depth))
    team.update(1, 10.0)  # a new day: no management until the execution lever sets it
    assert (team.leads, team.layers) == (0, 0)


# --- fixed costs do not grow with the pool ------------------------------------------------------------
def _tool_and_staff_cost(customers, rows):
    sc = scenario("nurture", days=30, population__customers=customers, population__rows=rows)
    d = PrivateDomainModel(sc, seed=1).run()
    members = d.members.sum()
    per_member = sc.economics.tool_cost_per_member_day_cny * members
    return d.tool_cost.sum() - per_member, d.staff_cost.sum()


def test_fixed_costs_are_independent_of_pool_size():
    small = _tool_and_staff_cost(1000, 1000)
    big = _tool_and_staff_cost(20_000, 1000)
    assert big == pytest.approx(small)
    sc = scenario("nurture")
    push = sc.levers["broadcast"].frequency_per_day * sc.levers["broadcast"].content_cost_per_push_cny
    post = sc.levers["moments"].posts_per_day * sc.levers["moments"].content_cost_per_post_cny
    # coupons' issue-day pushes are announcements, not produced content: tools + content a day
    assert small[0] == pytest.approx(30 * (sc.economics.tool_cost_per_day_cny + push + post))


# --- ten times the pool with ten times the staff ------------------------------------------------------
DAYS = 365


def _pair(**overrides):
    """(profit, trust) of 2,000 customers with 1 operator, and of the same customers counted ten
    times with 10 operators."""
    out = []
    for k in (1, 10):
        sc = scenario("nurture", days=DAYS, population__customers=2000 * k, population__rows=2000,
                      levers__care__staff=0.7 * k, levers__broadcast__staff=0.3 * k, **overrides)
        d = PrivateDomainModel(sc, seed=3).run()
        out.append((float(d.cum_profit.iloc[-1]), float(d.mean_trust.iloc[-1])))
    return out


NO_FIXED = dict(economics__tool_cost_per_day_cny=0.0, economics__lead_cost_per_day_cny=0.0,
                levers__broadcast__content_cost_per_push_cny=0.0, levers__moments__content_cost_per_post_cny=0.0)
NO_LOSS = dict(levers__execution__control_retained_per_layer=1.0)
#: Tolerance of the weight trick: groups hold 500 customers, so a heavier row shares its group
#: with fewer other rows and group moods average over fewer draws.
NOISE = 0.01


def test_without_the_team_mechanisms_ten_times_the_pool_gives_ten_times_the_result():
    (p1, t1), (p10, t10) = _pair(**NO_FIXED, **NO_LOSS)
    assert p10 == pytest.approx(10 * p1, rel=NOISE)
    assert t10 == pytest.approx(t1, abs=0.01)


def test_fixed_costs_give_economies_of_scale_by_exactly_what_they_save():
    """Ten small operations pay ten sets of fixed costs; one big one pays once for content and
    tools, and for the leads its span needs (1 operator: a sixth of a lead; 10: 1.8 leads)."""
    sc = scenario("nurture")
    e, b, m = sc.economics, sc.levers["broadcast"], sc.levers["moments"]
    per_day = e.tool_cost_per_day_cny + b.frequency_per_day * b.content_cost_per_push_cny \
        + m.posts_per_day * m.content_cost_per_post_cny
    span = sc.levers["execution"].span_of_control
    fixed = lambda staff: DAYS * (per_day + managers(staff, span) * e.lead_cost_per_day_cny)  # noqa: E731
    saved = 10 * fixed(1.0) - fixed(10.0)
    assert saved > 0
    (p1, _), (p10, _) = _pair(**NO_LOSS)
    assert p10 - 10 * p1 == pytest.approx(saved, abs=NOISE * abs(10 * p1) + 1.0)


def test_control_loss_gives_diseconomies_beyond_the_span():
    """With no fixed costs, the ten-operator team is deeper than one span (span 6: 1.29 layers),
    so it carries out less of what it intends (a strong control loss here, 0.6 per layer: 0.86
    at ten operators): less profit per customer, lower trust."""
    loss = dict(levers__execution__control_retained_per_layer=0.6)
    assert control(10.0, 6.0, 0.6) < 0.9 < control(1.0, 6.0, 0.6) == 1.0
    (p1, t1), (p10, t10) = _pair(**NO_FIXED, **loss)
    assert p10 < 10 * p1 * (1 - NOISE)
    assert t10 < t1 - 0.01


def test_with_every_mechanism_ten_times_the_pool_is_not_ten_times_the_result():
    (p1, _), (p10, _) = _pair()
    assert not math.isclose(p10, 10 * p1, rel_tol=2 * NOISE)
