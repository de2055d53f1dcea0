"""Community groups fill in order up to capacity, counted in real customers."""

import numpy as np
from hypothesis import given
from hypothesis import strategies as st

from siyu_sim import PrivateDomainModel, presets
from siyu_sim.groups import Groups


def test_rows_fill_groups_in_order_up_to_capacity():
    g = Groups(capacity=500, initial={"mood": 0.5})
    ids = g.assign(np.ones(1200))
    assert list(np.bincount(ids)) == [500, 500, 200]
    more = g.assign(np.ones(400))
    assert list(np.bincount(np.concatenate([ids, more]))) == [500, 500, 500, 100]


def test_weighted_rows_count_as_the_customers_they_stand_for():
    g = Groups(capacity=500, initial={"mood": 0.5})
    ids = g.assign(np.full(120, 10.0))  # 1,200 real customers
    assert list(np.bincount(ids)) == [50, 50, 20]


@given(st.lists(st.floats(0.1, 800.0), min_size=1, max_size=300), st.integers(1, 500))
def test_no_group_exceeds_capacity_unless_one_row_is_heavier(weights, capacity):
    w = np.array(weights)
    g = Groups(capacity=capacity, initial={"mood": 0.5})
    ids = g.assign(w)
    assert (np.diff(ids) >= 0).all()  # filled in order
    per_group = np.bincount(ids, weights=w)
    rows = np.bincount(ids)
    for gid in np.flatnonzero(rows):
        assert per_group[gid] <= capacity + 1e-9 or rows[gid] == 1


def test_a_weighted_model_keeps_groups_at_500_real_members():
    sc = presets.nurture().with_overrides(days=30)
    model = PrivateDomainModel(sc, customers=20_000, rows=2000, seed=1)  # 10 customers a row
    assert model.population.weight == 10.0
    model.run()
    t = model.customers
    members = np.bincount(t.group[t.group >= 0], weights=t.weight[t.group >= 0])
    assert members.max() <= 500
