"""The compiled day kernel against the numpy reference: the same rules (one source), the same
state transitions within floating-point tolerance (numpy's exp/expm1 are not libm's), and
the kernel's plumbing (records, the disk cache outside the install location)."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

from siyu_sim import PrivateDomainModel
from siyu_sim.customer_day import EVENT_NAMES
from siyu_sim.kernel import ENGINES, check_engine
from siyu_sim.kernel.cache import cache_dir, source_hash
from siyu_sim.kernel.records import PlanRecord, RowState
from siyu_sim.levers import Stage
from siyu_sim.plan import DayPlan
from siyu_sim.state import READ_COLUMNS, UPDATED_COLUMNS
from siyu_sim.today import Draws

from helpers import scenario


def _one_day_both_engines(name: str, days: int, customers: int = 20_000):
    """Run ``days`` days, then apply both engines' day to the same state, plan and draws."""
    model = PrivateDomainModel(scenario(name), customers=customers, seed=3, engine="numpy")
    model.run(days)
    twin = PrivateDomainModel(scenario(name), customers=customers, seed=3, engine="compiled")
    twin.run(days)  # its own state differs in the last bits: it takes the reference's below
    # The next day's plan and draws, once, for both.
    today = model._open_day()
    for stage in Stage:
        model._fire(stage)
    model._allocate_care()
    for column in model.customers.column_names():  # after the levers: they add members
        getattr(twin.customers, column)[:] = getattr(model.customers, column)
    today.draws = Draws.draw(model.streams, len(model.customers))
    model.executor.update_moods(today)
    twin.groups.mood = model.groups.mood.copy()
    ref, gathered = model.executor.step(today)
    out, twin_gathered = twin.executor.kernel.vector_day(today)
    np.testing.assert_array_equal(twin_gathered.contact_sums, gathered.contact_sums)  # same order
    np.testing.assert_array_equal(twin_gathered.trust_sums, gathered.trust_sums)
    np.testing.assert_array_equal(twin_gathered.own, gathered.own)
    return ref, out


@pytest.mark.parametrize("name, days", [("nurture", 60), ("harvest", 45)])
def test_compiled_kernel_makes_the_numpy_reference_transitions(name, days):
    ref, out = _one_day_both_engines(name, days)
    assert ref.bought.any()  # a day with things happening
    for column in UPDATED_COLUMNS:
        a, b = getattr(ref.next, column), getattr(out.next, column)
        if a.dtype.kind == "f":
            np.testing.assert_allclose(b, a, rtol=1e-12, atol=1e-15, err_msg=column)
        else:
            np.testing.assert_array_equal(b, a, err_msg=column)
    for event in EVENT_NAMES:
        a, b = getattr(ref, event), getattr(out, event)
        if a.dtype.kind == "f":
            np.testing.assert_allclose(b, a, rtol=1e-12, atol=1e-15, err_msg=event)
        else:
            np.testing.assert_array_equal(b, a, err_msg=event)


def test_compiled_and_numpy_runs_agree_within_tolerance():
    """Over a whole run the last-bit differences stay last-bit: the same orders, joins and exits."""
    compiled = PrivateDomainModel(scenario("nurture"), customers=1_000, seed=5).run(60)
    numpy_ = PrivateDomainModel(scenario("nurture"), customers=1_000, seed=5, engine="numpy").run(60)
    pd.testing.assert_frame_equal(compiled, numpy_, check_exact=False, rtol=1e-9)


@pytest.mark.parametrize("executor", ["vector", "agent"])
def test_a_behaviour_change_mid_run_reaches_the_compiled_engine(executor):
    """The numpy engine reads model.behaviour every day; the compiled one must see a change too
    (a lever or a researcher may change a rule's parameters mid-run)."""
    lapsed = {}
    for engine in ENGINES:
        model = PrivateDomainModel(scenario("nurture"), customers=400, seed=5, executor=executor, engine=engine)
        model.run(5)
        model.behaviour.purchase = model.behaviour.purchase.model_copy(update={"lapse_per_year": 0.95})
        model.run(20)
        lapsed[engine] = int(model.customers.lapsed.sum())
    assert lapsed["compiled"] == lapsed["numpy"]
    # 95% a year for 20 days lapses ~15% of the pool; the default 13% a year, under 1%.
    assert lapsed["compiled"] > 0.08 * 400


def test_every_function_of_the_rules_compiles_private_helpers_too(monkeypatch):
    """A rule may call a helper of its module (``_daily(rate)``): the kernel must compile it too."""
    from siyu_sim.kernel.ops import _rule_functions
    from siyu_sim.rules import referral

    def _daily(rate):
        return rate / 365.0

    _daily.__module__ = referral.__name__
    monkeypatch.setattr(referral, "_daily", _daily, raising=False)
    found = _rule_functions()
    assert _daily in found and referral.join_probability in found


def test_engine_is_checked():
    assert ENGINES == ("compiled", "numpy")
    with pytest.raises(ValueError, match="engine"):
        check_engine("fortran")
    with pytest.raises(ValueError, match="engine"):
        PrivateDomainModel(customers=20, engine="fortran")


def test_records_follow_their_declarations():
    assert RowState._fields == READ_COLUMNS
    assert {"broadcasts", "wom_multiplier", "care_probability", "coupon_depth"} <= set(PlanRecord._fields)
    assert set(PlanRecord._fields) >= {n for n, v in vars(DayPlan).items() if isinstance(v, property)}


def test_cache_lives_outside_the_package_and_follows_the_sources(tmp_path, monkeypatch):
    monkeypatch.setenv("SIYU_CACHE_DIR", str(tmp_path / "cache"))
    where = cache_dir()
    assert where == tmp_path / "cache" / source_hash()
    # Not writable: falls back to the next candidate rather than failing.
    blocked = tmp_path / "blocked"
    blocked.write_text("a file, not a directory")
    monkeypatch.setenv("SIYU_CACHE_DIR", str(blocked))
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "xdg"))
    assert cache_dir() == tmp_path / "xdg" / "siyu_sim" / "numba" / source_hash()
