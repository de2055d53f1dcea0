"""Mesa's conventions hold: a DataCollector over the daily metrics, ``mesa.batch_run``,
``running`` at the horizon, and no Mesa placeholder docstrings in ``help()``."""

import multiprocessing
import pydoc

import pandas as pd
import pytest

from siyu_sim import Customer, PrivateDomainModel, Status, presets
from siyu_sim.customers import CommunityGroup


@pytest.fixture
def batch_run():
    # Importing mesa's batchrunner sets the start method to "spawn" for the whole process;
    # put back what the other tests in this worker expect.
    before = multiprocessing.get_start_method(allow_none=True)
    from mesa.batchrunner import batch_run

    yield batch_run
    multiprocessing.set_start_method(before, force=True)


def test_datacollector_collects_each_days_figures():
    """Mesa's DataCollector, day by day, against figures recomputed here from the model's own
    records: the customers' statuses after each step and the orders in the transaction log
    (members' orders are the ledger's: their count, GMV at list price, what was paid, the
    discounts). Then the collector's frame is the daily table, column for column."""
    model = PrivateDomainModel(presets.nurture(), customers=400, seed=3, transactions=True)
    days = 12
    statuses = []
    for _ in range(days):
        model.step()
        statuses.append(model.customers.status.copy())
    collected = model.datacollector.get_model_vars_dataframe()
    assert len(collected) == days
    w = model.customers.weight
    log = model.transactions
    ledger = log[log.member]
    names = {"prospects": Status.PROSPECT, "active": Status.ACTIVE, "muted": Status.MUTED, "churned": Status.CHURNED}
    for day in range(days):
        row, status = collected.iloc[day], statuses[day]
        assert row["day"] == day
        for column, code in names.items():
            assert row[column] == pytest.approx(w[status == code].sum()), (day, column)
        assert row["members"] == pytest.approx(w[(status == Status.ACTIVE) | (status == Status.MUTED)].sum())
        orders = ledger[ledger.day == day]
        assert row["purchases"] == pytest.approx(orders.weight.sum()), day
        assert row["gmv"] == pytest.approx((orders.weight * orders.units * orders.list_price_cny).sum()), day
        assert row["revenue"] == pytest.approx((orders.weight * orders.paid_cny).sum()), day
        assert row["discount_cost"] == pytest.approx((orders.weight * orders.discount_cny).sum(), abs=1e-9), day
    assert collected.purchases.sum() > 0 and collected.discount_cost.sum() > 0  # the checks saw orders and deals
    assert len(set(map(tuple, statuses))) > 1  # and statuses that moved
    pd.testing.assert_frame_equal(collected, model.daily, check_exact=True)


def test_mesa_batch_run_runs_the_model_to_its_horizon(batch_run):
    scenario = presets.nurture().with_overrides(days=8)
    results = batch_run(PrivateDomainModel, parameters={"scenario": [scenario], "customers": 300,
                                                        "seed": [1, 2]},
                        number_processes=1, iterations=1, max_steps=20, data_collection_period=1,
                        display_progress=False)
    rows = pd.DataFrame(results)
    assert sorted(rows.seed.unique()) == [1, 2]
    for seed, run in rows.groupby("seed"):
        # the model stopped at its horizon (running turned False), not at max_steps + 1
        assert list(run.Step) == list(range(8))
        alone = PrivateDomainModel(scenario, customers=300, seed=seed).run()
        assert run.profit.tolist() == alone.profit.tolist()
        assert run.members.tolist() == alone.members.tolist()


def test_run_model_stops_at_the_horizon():
    model = PrivateDomainModel(presets.nurture().with_overrides(days=5), customers=100, seed=0)
    model.run_model()
    assert model.steps == 5 and not model.running and len(model.daily) == 5


@pytest.mark.parametrize("cls", [PrivateDomainModel, Customer, CommunityGroup])
def test_help_shows_no_mesa_placeholder(cls):
    text = pydoc.render_doc(cls, renderer=pydoc.plaintext)
    for placeholder in ("Fill in here", "Overload as needed", "A single step of the agent"):
        assert placeholder not in text
