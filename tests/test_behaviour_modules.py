"""The behaviours compose by name (customer_day.wire): every way a step can be mis-wired is a
one-line WiringError naming the behaviour, the step and the fix — before anything runs or
compiles. And the composed day is the behaviours' steps, in Day order, dependencies first."""

from __future__ import annotations

import numpy as np
import pytest

from siyu_sim.customer_day import SOURCE, WIRING, WiringError, wire
from siyu_sim.rules import MODULES, Column, Day, Draw, Event, GroupStep, Module, Step


def _wire_with(*extra: Module):
    return wire(MODULES + extra)


def _error(*extra: Module) -> str:
    with pytest.raises(WiringError) as caught:
        _wire_with(*extra)
    text = str(caught.value)
    assert "\n" not in text  # one line
    return text


def reads_nothing_given(s, spend_today):
    return spend_today


def reads_unknown_column(s):
    return s.spent_today


def reads_unknown_draw(u):
    return u.coin


def reads_unknown_gather(g):
    return g.gossip


def reads_unknown_constant(c):
    return c.weather


def reads_unknown_plan_field(t):
    return t.flash_sale


def reads_unknown_block(b):
    return b.loyalty.points


def passes_state_whole(s):
    return np.sum(s)


def emits_with_a_draw(u):
    return u.purchase


def emits_a_column(s):
    return s.trust


def returns_a_reserved_name(s):
    return s.trust


def first_of_a_pair(second_value):
    return second_value


def second_of_a_pair(first_value):
    return first_value


@pytest.mark.parametrize("step, words", [
    (Step(Day.STATUS, reads_nothing_given, ("x",)), ["reads 'spend_today'", "no earlier step returns"]),
    (Step(Day.STATUS, reads_unknown_column, ("x",)), ["s.spent_today", "state column", "Column("]),
    (Step(Day.STATUS, reads_unknown_draw, ("x",)), ["u.coin", "draw", "Draw("]),
    (Step(Day.STATUS, reads_unknown_gather, ("x",)), ["g.gossip", "gather", "contact_sums"]),
    (Step(Day.STATUS, reads_unknown_constant, ("x",)), ["c.weather", "Constant("]),
    (Step(Day.STATUS, reads_unknown_plan_field, ("x",)), ["t.flash_sale", "plan.DayPlan"]),
    (Step(Day.STATUS, reads_unknown_block, ("x",)), ["b.loyalty", "params"]),
    (Step(Day.STATUS, passes_state_whole, ("x",)), ["passes 's' on whole"]),
    (Step(Day.EMIT, emits_with_a_draw, ("x",)), ["Day.EMIT", "'u'"]),
    (Step(Day.EMIT, emits_a_column, ("trust",)), ["returns the column 'trust' at Day.EMIT"]),
    (Step(Day.STATUS, returns_a_reserved_name, ("s",)), ["returns 's'"]),
])
def test_every_miswiring_is_one_line_naming_the_behaviour_step_and_fix(step, words):
    text = _error(Module("broken", steps=(step,)))
    assert "behaviour 'broken'" in text and step.name in text and "test_behaviour_modules.py" in text
    for word in words:
        assert word in text, text


def test_a_value_returned_only_later_says_which_step_gives_it():
    early = Module("early", steps=(Step(Day.REACH, reads_nothing_given, ("x",)),))
    late = Module("late", steps=(Step(Day.STATUS, reads_unknown_column, ("spend_today",)),))
    text = _error(early, late, Module("col", columns=(Column("spent_today", float, 0.0, "test"),)))
    assert "returned by 'late', which runs later" in text


def test_steps_of_one_day_that_read_each_other_are_ambiguous():
    pair = Module("pair", steps=(Step(Day.STATUS, first_of_a_pair, ("first_value",)),
                                 Step(Day.STATUS, second_of_a_pair, ("second_value",))))
    assert "ambiguous" in _error(pair)


def test_declarations_must_be_unique():
    assert "draw 'purchase'" in _error(Module("twice", draws=(Draw("purchase", "again"),)))
    assert "event 'bought'" in _error(Module("twice", events=(Event("bought", bool, "again"),)))
    group = GroupStep("buzz", ("member_weight",), lambda v, w, t, b: v, lambda b: 0.0)
    assert "group's update" in _error(Module("second_group", group=group))
    missing = Module("ev", events=(Event("ghost", bool, "nothing gives it"),))
    assert "event 'ghost'" in _error(missing)


def test_within_a_day_a_step_runs_after_the_steps_whose_values_it_reads():
    """The reseller behaviour adjusts the purchase (it reads what ``purchase`` returns) and is
    composed after it although both run at Day.PURCHASE; referral moves the trust that trust
    returns, at a later Day."""
    order = [f"{m.name}.{s.name}" for m, s in WIRING.day_steps]
    assert order.index("purchase.purchase") < order.index("reseller.bulk") < order.index("price.price_memory")
    assert order.index("trust.relationship") < order.index("referral.join")
    days = [s.day for _, s in WIRING.day_steps]
    assert days == sorted(days)
    # The composed source calls every step once, in that order.
    calls = [line.split(" = ", 1)[1].split("(")[0] for line in SOURCE.split("def day_rules")[1].splitlines()
             if " = " in line]
    assert calls == [f"{m.name}__{s.name}" for m, s in WIRING.day_steps]
