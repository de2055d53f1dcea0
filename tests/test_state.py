"""State declared once: the table, the agent, what customer_day reads and writes back all
follow ``state.STATE``; Status is one vocabulary."""

import numpy as np
import pytest

from siyu_sim import Customer, PrivateDomainModel, Status, presets
from siyu_sim.customer_day import DayOutcome, NextState
from siyu_sim.state import COLUMNS, READ_COLUMNS, STATE, UPDATED_COLUMNS


def test_the_table_has_exactly_the_declared_columns_with_their_dtypes():
    model = PrivateDomainModel(presets.nurture(), customers=400, seed=2)
    frame = model.customers.to_frame()
    assert list(frame.columns) == [c.name for c in STATE]
    for column in STATE:
        assert getattr(model.customers, column.name).dtype == np.dtype(column.dtype), column.name
    assert (frame.fatigue == 0.0).all() and (frame.join_day[frame.status == Status.PROSPECT] == -1).all()
    with pytest.raises(TypeError, match="missing"):
        type(model.customers)(trust=np.zeros(3))


def test_no_two_columns_share_memory():
    table = PrivateDomainModel(presets.nurture(), customers=100, seed=2).customers
    arrays = [getattr(table, c.name) for c in STATE]
    for i, a in enumerate(arrays):
        for b in arrays[i + 1:]:
            assert not np.shares_memory(a, b)


def test_the_agent_reads_every_declared_column_from_its_row():
    model = PrivateDomainModel(presets.nurture(), customers=50, seed=2, executor="agent")
    agent = model.agents_by_type[Customer][7]
    row = agent.row
    for column in STATE:
        values = getattr(model.customers, column.name)
        values[row] = values[row] + 1 if values.dtype != bool else not values[row]
        assert getattr(agent, column.name) == values[row], column.name
        assert type(agent).__dict__[column.name].__doc__ == column.meaning


def test_customer_day_reads_and_writes_back_what_is_declared():
    assert set(UPDATED_COLUMNS) <= set(READ_COLUMNS) <= set(COLUMNS)
    # Read and updated follow from the steps: a trait is read, never updated; bookkeeping
    # columns (what a member spent) are neither.
    assert "need_cycle" in READ_COLUMNS and "need_cycle" not in UPDATED_COLUMNS
    assert "status" in UPDATED_COLUMNS and "spend" not in READ_COLUMNS
    with pytest.raises(TypeError, match="missing"):  # a named tuple of exactly the updated columns
        NextState(status=1)
    empty = DayOutcome.empty(3)
    assert empty.next.status.dtype == np.int8 and empty.bought.dtype == bool


def test_status_is_one_vocabulary():
    assert [s.label for s in Status] == ["prospect", "active", "muted", "churned", "potential"]
    assert Status.from_label("muted") is Status.MUTED
    import siyu_sim.customers
    import siyu_sim.rules

    assert siyu_sim.customers.Status is siyu_sim.rules.Status
