"""Docking (Axtell et al. 1996): the agent executor (one Mesa agent per customer) and the
vector executor (whole columns) give identical daily tables for the same seed."""

import pandas as pd
import pytest

from siyu_sim import Customer, PrivateDomainModel
from siyu_sim.customers import CommunityGroup

from helpers import scenario


@pytest.mark.parametrize("engine", ["compiled", "numpy"])
@pytest.mark.parametrize("name", ["nurture", "harvest"])
def test_agent_and_vector_executors_give_identical_results(name, engine):
    sc = scenario(name)
    vector = PrivateDomainModel(sc, customers=500, seed=11, segment_metrics=True, engine=engine)
    agent = PrivateDomainModel(sc, customers=500, seed=11, executor="agent", segment_metrics=True,
                               engine=engine)
    v, a = vector.run(90), agent.run(90)
    assert v["purchases"].sum() > 0 and v["new_members"].sum() > 0  # a run with things happening
    pd.testing.assert_frame_equal(v, a, check_exact=True)
    pd.testing.assert_frame_equal(vector.segment_daily, agent.segment_daily, check_exact=True)
    pd.testing.assert_frame_equal(vector.customers.to_frame(), agent.customers.to_frame(), check_exact=True)


def test_events_dock_too():
    sc = scenario("nurture", population__on_wecom_share=0.4,
                  levers__ban__type="account_ban", levers__ban__day=20,
                  levers__move__type="migration", levers__move__day=45,
                  levers__pilot__type="pilot_then_scale", levers__pilot__pilot_members=150,
                  levers__pilot__scale_day=30)
    v = PrivateDomainModel(sc, customers=500, seed=5).run(60)
    a = PrivateDomainModel(sc, customers=500, seed=5, executor="agent").run(60)
    pd.testing.assert_frame_equal(v, a, check_exact=True)


@pytest.mark.parametrize("engine", ["compiled", "numpy"])
def test_groups_beyond_the_teams_reach_dock_too(engine):
    """Small groups and a team that runs only some of them, one in part: each group agent finds
    its own place in line and whether it is run, as the vector executor does for all at once."""
    sc = scenario("nurture", behaviour__groups__capacity=40, levers__broadcast__staff=0.12,
                  levers__broadcast__frequency_per_day=3.0)
    vector = PrivateDomainModel(sc, customers=500, seed=4, engine=engine)
    agent = PrivateDomainModel(sc, customers=500, seed=4, executor="agent", engine=engine)
    v, a = vector.run(60), agent.run(60)
    served = vector.groups.values["served"][:vector.groups.opened]
    assert (served == 1.0).sum() == 2 and ((served > 0.0) & (served < 1.0)).sum() == 1  # 2.4 groups run
    assert v.groups.iloc[-1] > 3 and 0.0 < v.groups_run_share.iloc[-1] < 1.0
    pd.testing.assert_frame_equal(v, a, check_exact=True)
    pd.testing.assert_frame_equal(vector.customers.to_frame(), agent.customers.to_frame(), check_exact=True)


def test_agent_executor_uses_mesa_agents():
    model = PrivateDomainModel(scenario("nurture"), customers=200, seed=1, executor="agent")
    model.run(3)
    customers = model.agents_by_type[Customer]
    assert len(customers) == len(model.customers) > 200  # one per row: customers and potential ones
    assert len(model.agents_by_type[CommunityGroup]) >= 1
    # Each agent's attributes are its own row's state: the same as the row of an independent
    # vector run with the same seed (and not, say, another row's).
    vector = PrivateDomainModel(scenario("nurture"), customers=200, seed=1)
    vector.run(3)
    expected = vector.customers.to_frame()
    moved = 0
    for one in customers:
        row = expected.iloc[one.row]
        for name in expected.columns:
            assert getattr(one, name) == row[name], (one.row, name)
        moved += row["trust"] != expected["trust"].iloc[(one.row + 1) % len(expected)]
    assert moved > 0  # rows differ, so reading the wrong row would be caught
