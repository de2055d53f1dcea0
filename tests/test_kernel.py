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
from siyu_sim.plan import DayPlan
from siyu_sim.rules import Status
from siyu_sim.state import UPDATED_COLUMNS

from helpers import scenario


def _one_day_both_engines(name: str, days: int, customers: int = 20_000):
    """Run ``days`` days on the numpy engine, give a compiled twin exactly that state, then let
    both step one day through the public ``step``: the same plan, draws and gathers, so every
    difference in the day's outcome is the engines'."""
    model = PrivateDomainModel(scenario(name), customers=customers, seed=3, engine="numpy")
    model.run(days)
    twin = PrivateDomainModel(scenario(name), customers=customers, seed=3, engine="compiled")
    twin.run(days)  # its own state differs in the last bits: it takes the reference's below
    for column in model.customers.column_names():
        getattr(twin.customers, column)[:] = getattr(model.customers, column)
    for value in model.groups.values:
        twin.groups.values[value][:] = model.groups.values[value]
    model.step()
    twin.step()
    for name in model.gathering.contacts:  # the one contact gather: the same sums, in the same order
        np.testing.assert_array_equal(twin.gathering.contacts[name], model.gathering.contacts[name])
    for name in model.gathering.emitted._fields:
        np.testing.assert_array_equal(getattr(twin.gathering.emitted, name), getattr(model.gathering.emitted, name))
    return model.outcome, twin.outcome


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


def test_records_keep_each_parameter_its_type_and_the_touch_channels_their_shape():
    """A parameter declared int stays an int and a flag a flag (nothing cast behind a rule's
    back); the plan's touch channels are records with the channel's count, quality and share."""
    from siyu_sim.kernel.records import behaviour_record, plan_record
    from siyu_sim.params import Behaviour

    record = behaviour_record(Behaviour())
    assert type(record.groups.capacity) is int and type(record.reseller.enabled) is bool
    assert type(record.trust.decay) is float
    plan = DayPlan(3, list_price=60.0)
    plan.broadcast.add(2.0, 0.5, 0.25)
    plan.broadcast.add(1.0, 0.8, 1.0)
    rec = plan_record(plan)
    assert rec.broadcast.count == 3.0 and rec.broadcast.quality == pytest.approx(0.6)
    assert rec.broadcast.promo == pytest.approx(0.5) and rec.broadcast.promotional == pytest.approx(1.5)
    assert rec.coupon_depth.shape == (3 * len(Status),)  # [segment, status] tables, flat


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
