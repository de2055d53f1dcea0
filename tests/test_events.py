"""Events do what they are for: an account ban, a migration to WeCom, a pilot cap.

Each check compares an event's run with the same customers and luck without the event (common
random numbers: the event draws only from its own named stream), so what differs on the
event's day is the event's doing and nothing else. The pools carry no acquisition levers
unless the fact needs one, so nobody (re)joins through a lever on the day under test.
"""

from __future__ import annotations

import math

import numpy as np
import pytest

from siyu_sim import PrivateDomainModel, Status

from helpers import scenario

SEEDS = (1, 2, 3)


def members_of(t) -> np.ndarray:
    return (t.status == Status.ACTIVE) | (t.status == Status.MUTED)


def lockstep(with_event, without_event, day: int, seed: int, customers: int = 2000):
    """Run both scenarios to the start of ``day``; return the members at the start of the
    day (with their group and account) and, after the day, who churned in each world."""
    a = PrivateDomainModel(with_event, customers=customers, seed=seed)
    b = PrivateDomainModel(without_event, customers=customers, seed=seed)
    for _ in range(day):
        a.step()
        b.step()
    # up to the event's day the two worlds are the same customers in the same state
    assert np.array_equal(a.customers.status, b.customers.status)
    before = {"member": members_of(a.customers), "group": a.customers.group.copy(),
              "on_wecom": a.customers.on_wecom.copy()}
    a.step()
    b.step()
    lost = before["member"] & (a.customers.status == Status.CHURNED) & (b.customers.status != Status.CHURNED)
    return before, lost, a, b


# --- account ban (DOMAIN 000/001: a ban loses the whole group or friend list at once) ----------
@pytest.mark.parametrize("groups_lost", [1, 3])
@pytest.mark.parametrize("seed", SEEDS)
def test_a_ban_loses_exactly_the_personal_account_members_of_the_banned_groups(seed, groups_lost):
    pool = dict(population__initial_member_share=0.4, population__on_wecom_share=0.5,
                behaviour__groups__capacity=100)  # eight groups of 100
    ban = scenario(None, levers__account_ban__day=20, levers__account_ban__groups_lost=groups_lost, **pool)
    before, lost, _, b = lockstep(ban, scenario(None, **pool), day=20, seed=seed)
    hit = np.unique(before["group"][lost])
    assert len(hit) == groups_lost and (hit >= 0).all()
    exposed = before["member"] & ~before["on_wecom"] & np.isin(before["group"], hit)
    # every personal-account member of those groups, nobody else (a member who left that day
    # anyway, in both worlds, is not the ban's doing)
    assert not (lost & ~exposed).any()
    assert (b.customers.status[exposed & ~lost] == Status.CHURNED).all()
    assert lost.sum() > 0.9 * exposed.sum()
    assert not before["on_wecom"][lost].any()
    # the banned groups were mixed: their WeCom members stay
    assert (before["member"] & before["on_wecom"] & np.isin(before["group"], hit)).any()


def test_a_ban_touches_nobody_when_every_member_is_on_wecom():
    pool = dict(population__initial_member_share=0.4, population__on_wecom_share=1.0)
    ban = scenario(None, levers__account_ban__day=20, levers__account_ban__groups_lost=5, **pool)
    _, lost, a, b = lockstep(ban, scenario(None, **pool), day=20, seed=1)
    assert not lost.any()
    assert a.daily.members.tolist() == b.daily.members.tolist()


# --- migration to WeCom (DOMAIN 001, Starbucks: "no operation gets 0% churn") ------------------
def test_migration_loses_about_loss_share_of_personal_account_members_and_moves_the_rest():
    """Each personal-account member is lost with probability ``loss_share`` = 0.15, so the
    number lost over n members is Binomial(n, 0.15): checked within 4 standard deviations."""
    loss_share = 0.15
    pool = dict(population__initial_member_share=0.5, population__on_wecom_share=0.2)
    lost_total = exposed_total = 0
    for seed in SEEDS:
        mig = scenario(None, levers__migration__day=30, levers__migration__loss_share=loss_share, **pool)
        before, lost, a, b = lockstep(mig, scenario(None, **pool), day=30, seed=seed)
        personal = before["member"] & ~before["on_wecom"]
        # only personal-account members are lost to the migration, never a WeCom member
        assert not (lost & ~personal).any()
        # everyone who was on a personal account and is still a member is now on WeCom
        still = personal & members_of(a.customers)
        assert still.any() and a.customers.on_wecom[still].all()
        assert a.customers.on_wecom[members_of(a.customers)].all()
        lost_total += int(lost.sum())
        exposed_total += int((personal & (b.customers.status != Status.CHURNED)).sum())
    sd = math.sqrt(exposed_total * loss_share * (1 - loss_share))
    assert abs(lost_total - loss_share * exposed_total) < 4 * sd, (lost_total, exposed_total)


@pytest.mark.parametrize("seed", SEEDS)
def test_after_the_migration_a_ban_touches_nobody(seed):
    pool = dict(population__initial_member_share=0.4, population__on_wecom_share=0.2,
                levers__migration__day=10)
    with_ban = scenario(None, levers__account_ban__day=40, levers__account_ban__groups_lost=3, **pool)
    _, lost, a, b = lockstep(with_ban, scenario(None, **pool), day=40, seed=seed)
    assert not lost.any()
    # and the same ban without the migration does strike (the check above can fail)
    unmigrated = dict(population__initial_member_share=0.4, population__on_wecom_share=0.2)
    ban = scenario(None, levers__account_ban__day=40, levers__account_ban__groups_lost=3, **unmigrated)
    _, lost_unmigrated, _, _ = lockstep(ban, scenario(None, **unmigrated), day=40, seed=seed)
    assert lost_unmigrated.sum() > 0


# --- pilot, then scale (DOMAIN 003: an MVP on a small pool, then scale acquisition) ------------
CAP, SCALE_DAY = 400.0, 60


def pilot(seed: int):
    sc = scenario(None, population__initial_member_share=0.05, levers__execution__quality=0.9,
                  levers__store_qr__type="store_qr", levers__pilot_then_scale__pilot_members=CAP,
                  levers__pilot_then_scale__scale_day=SCALE_DAY)
    model = PrivateDomainModel(sc, customers=3000, seed=seed)
    return model, model.run(SCALE_DAY + 60)


@pytest.mark.parametrize("seed", SEEDS)
def test_the_pilot_cap_stops_acquisition_at_the_cap_and_growth_resumes_after_scale_day(seed):
    model, d = pilot(seed)
    t = model.customers
    store = model.sources.index("store_qr")
    qr_adds = np.bincount(t.join_day[t.source == store], minlength=len(d))[: len(d)]
    before = d.members.shift(1, fill_value=model.scenario.population.initial_member_share * 3000).to_numpy()
    pilot_days = d.day < SCALE_DAY
    # the store QR fills the pool up to the cap and no further while the pilot lasts
    assert (qr_adds[pilot_days] <= np.maximum(CAP - before[pilot_days], 0) + 1e-9).all()
    assert d.members[(d.day >= 20) & pilot_days].min() > 0.9 * CAP  # the cap binds: it is reached
    # once the cap is lifted, the same store QR keeps adding: the pool grows well past the pilot
    assert qr_adds[~pilot_days].sum() > CAP
    assert d.members.iloc[-1] > 2 * CAP


@pytest.mark.parametrize("seed", SEEDS)
def test_the_pilot_pool_never_exceeds_pilot_members_until_scale_day(seed):
    _, d = pilot(seed)
    assert d.members[d.day < SCALE_DAY].max() <= CAP
