"""Levers fire by named stage; events are not scheduled levers."""

import pytest
from pydantic import ValidationError

from siyu_sim import PrivateDomainModel, Scenario
from siyu_sim.config.scenario_files import ScenarioError, loads_scenario
from siyu_sim.levers import LEVER_TYPES, Event, Lever, Stage, register_lever


def test_every_registered_type_has_a_stage_and_events_have_no_schedule():
    for name, cls in LEVER_TYPES.items():
        assert isinstance(cls.stage, Stage), name
        assert ("schedule" in cls.model_fields) == issubclass(cls, Lever), name
    for name in ("pilot_then_scale", "migration", "account_ban"):
        assert issubclass(LEVER_TYPES[name], Event) and LEVER_TYPES[name].stage == Stage.EVENTS


@pytest.mark.parametrize("kind", ["pilot_then_scale", "migration", "account_ban"])
def test_a_schedule_on_an_event_is_a_validation_error_naming_the_key(kind):
    with pytest.raises(ValidationError, match="schedule"):
        Scenario.from_dict({"levers": {"event": {"type": kind, "schedule": {"every": 2}}}})
    text = f'name = "x"\n[levers.event]\ntype = "{kind}"\nschedule = {{ every = 2 }}\n'
    with pytest.raises(ScenarioError, match=r"levers\.event\.schedule"):
        loads_scenario(text)


def test_stages_fire_in_order_whatever_the_scenario_order():
    fired = []

    class Spy(Lever):
        def fire(self, day, brand, strength):
            fired.append((day, type(self).stage.name))

    spies = {stage: type(f"Spy{stage.name}", (Spy,), {"stage": stage}) for stage in Stage}
    before = dict(LEVER_TYPES)
    try:
        for stage, cls in spies.items():
            register_lever(f"spy_{stage.name.lower()}")(cls)
        levers = {f"s{i}": {"type": f"spy_{stage.name.lower()}"} for i, stage in enumerate(reversed(Stage))}
        model = PrivateDomainModel(Scenario.from_dict({"levers": levers, "days": 2}), customers=50)
        model.run()
    finally:
        LEVER_TYPES.clear()
        LEVER_TYPES.update(before)
    assert fired == [(day, stage.name) for day in (0, 1) for stage in Stage]


def test_a_stage_must_be_a_stage():
    class Odd(Lever):
        stage = 40

    with pytest.raises(TypeError, match="Stage"):
        register_lever("odd")(Odd)
    assert "odd" not in LEVER_TYPES
