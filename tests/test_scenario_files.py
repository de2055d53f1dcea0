"""Scenario files: the bad-file catalogue, overrides, round trips, the shipped scenarios."""

from __future__ import annotations

import datetime as dt
import typing
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from siyu_sim import presets
from siyu_sim.levers import LEVER_TYPES
from siyu_sim.model import PrivateDomainModel
from siyu_sim.params import Behaviour, Economics, Population, Segment
from siyu_sim.scenario import Scenario
from siyu_sim.config.scenario_files import (ScenarioError, dumps_scenario, load_scenario,
                                     loads_scenario, validate_data)
from siyu_sim.schedule import Schedule
from siyu_sim.config.schema_info import bounds, unwrap

BAD = Path(__file__).parent / "bad_scenarios"

# file → parts its message must contain (each file also must name itself, and hold one problem)
CATALOGUE = {
    "unknown_key.toml": ["levers.broadcast.frequncy_per_day", "unknown key",
                         "did you mean `frequency_per_day`?"],
    "unknown_top_key.toml": ["dayz = 30", "unknown key", "did you mean `days`?"],
    "key_at_wrong_level.toml": ["customers = 5000", "did you mean `population.customers`?"],
    "wrong_type_text_for_number.toml": ['levers.coupon.depth = "deep"', "wrong type",
                                        "a number from 0 to 0.9 (share of list price)"],
    "wrong_type_bool_for_number.toml": ["levers.broadcast.frequency_per_day = true", "wrong type",
                                        "a number from 0 to 48"],
    "wrong_type_quoted_number.toml": ['days = "365"', "wrong type", "a whole number from 1 to 3650"],
    "fraction_for_count.toml": ["population.customers = 1000.5", "a whole number"],
    "negative_count.toml": ["population.customers = -100", "out of range", "from 10 to 2000000000 (customers)"],
    "probability_above_one.toml": ["levers.account_ban.daily_probability = 1.5", "out of range",
                                   "from 0 to 1"],
    "share_above_one.toml": ["population.initial_member_share = 1.2", "from 0 to 1"],
    "unknown_lever_type.toml": ["levers.broadcst", "unknown lever type", "did you mean `broadcast`?",
                                "store_qr"],
    "unknown_explicit_type.toml": ['levers.coupon_weekend.type = "copon"', "unknown lever type",
                                   "did you mean `coupon`?"],
    "stop_before_start.toml": ["levers.coupon.schedule", "stop (10) must be after start (30)"],
    "group_capacity_above_500.toml": ["behaviour.groups.capacity = 800", "out of range",
                                      "from 1 to 500 (members)"],
    "segment_shares_not_one.toml": ["population", "segment shares must sum to 1", "0.8"],
    "segment_negative_share.toml": ["population.segments[1].share = -0.2",
                                    "population.segments[0].share = 1.2"],
    "duplicate_segment_names.toml": ["population", "must be unique", "regular"],
    "bad_segment_name.toml": ['population.segments[0].name = "Loyal Fans"', "not a valid name",
                              "^[a-z][a-z0-9_]*$"],
    "segment_missing_name.toml": ["population.segments[0].name", "required key is missing"],
    "unknown_segment_target.toml": ['levers.coupon.segments[0] = "loyal"', "no such segment",
                                    "did you mean `loyal_prone`?"],
    "unknown_status.toml": ['levers.care.statuses[0] = "sleeping"', "not one of the choices",
                            '"active", "muted"'],
    "no_statuses.toml": ["levers.care.statuses", "at least 1"],
    "unit_cost_above_price.toml": ["economics", "unit cost (¥80) is above the order value (¥60)", "economics.unit_cost_cny below"],
    "zero_days.toml": ["days = 0", "out of range", "from 1 to 3650 (days)"],
    "empty_name.toml": ['name = ""', "at least 1"],
    "title_not_text.toml": ["title = 3", "wrong type", "text"],
    "title_two_lines.toml": ["title_zh = ", "one line of text", "no line breaks"],
    "segment_title_empty.toml": ['population.segments[0].title_zh = ""', "at least 1 character"],
    "lever_not_a_table.toml": ["levers.coupon = 0.3", "must be a table"],
    "levers_not_a_table.toml": ["levers = 3", "must be a set of tables"],
    "table_for_number.toml": ["levers.broadcast.frequency_per_day", "wrong type", "a number"],
    "pilot_scale_day_zero.toml": ["levers.pilot_then_scale.scale_day = 0", "from 1 to 3650"],
    "syntax_missing_equals.toml": [":3:6:", "TOML syntax error at line 3, column 6",
                                   "Expected '='", "days 365"],
    "syntax_unclosed_string.toml": ["TOML syntax error at line 2", 'name = "bad'],
    "syntax_duplicate_key.toml": ["TOML syntax error at line 4", "Cannot overwrite a value"],
    "empty.toml": ["is empty"],
    "comments_only.toml": ["is empty"],
    "binary_garbage.toml": ["not a text file", "binary"],
    "not_utf8.toml": ["not UTF-8"],
}

MANY = ["population.customers = -3", "behaviour.groups.capacity = 600",
        'economics.order_value_cny = "sixty"', "did you mean `days`?",
        "did you mean `frequency_per_day`?", "stop (3) must be after start (5)",
        "levers.coupon.depth = 2", "did you mean `coupon`?"]


def _error(path) -> ScenarioError:
    with pytest.raises(ScenarioError) as info:
        load_scenario(path)
    return info.value


def test_catalogue_covers_every_bad_file():
    on_disk = {p.name for p in BAD.iterdir()} - {"many_problems.toml"}
    assert on_disk == set(CATALOGUE)
    assert len(CATALOGUE) >= 25


@pytest.mark.parametrize("name", sorted(CATALOGUE))
def test_bad_file_message(name):
    err = _error(BAD / name)
    text = str(err)
    for part in CATALOGUE[name]:
        assert part in text, f"{part!r} missing from:\n{text}"
    expected = 2 if name == "segment_negative_share.toml" else 1
    assert len(err.problems) == expected, text
    for line in text.splitlines()[1:]:
        if line.startswith("  ") and not line.startswith("      "):
            assert name in line  # every problem names its file


def test_all_problems_reported_at_once():
    err = _error(BAD / "many_problems.toml")
    text = str(err)
    assert len(err.problems) == len(MANY)
    for part in MANY:
        assert part in text


def test_missing_file():
    err = _error(BAD / "no_such_file.toml")
    assert "no_such_file.toml" in str(err) and "file not found" in str(err)


def test_directory_instead_of_file():
    err = _error(BAD)
    assert "is a directory" in str(err)


def test_syntax_error_carries_line_and_column():
    problem = _error(BAD / "syntax_missing_equals.toml").problems[0]
    assert (problem.line, problem.column) == (3, 6)


# --- overrides --------------------------------------------------------------------------

NURTURE = presets.shipped_dir() / "nurture.toml"


def test_override_sets_values_including_defaults_not_in_the_file():
    s = load_scenario(NURTURE, {"levers.broadcast.frequency_per_day": 3,
                                "population.segments[0].share": 0.3,
                                "population.segments.1.share": 0.4, "days": 30})
    assert s.levers["broadcast"].frequency_per_day == 3
    assert [seg.share for seg in s.population.segments][:2] == [0.3, 0.4]
    assert s.days == 30


def test_override_adds_a_lever():
    s = load_scenario(NURTURE, {"levers.account_ban.daily_probability": 0.01})
    assert s.levers["account_ban"].daily_probability == 0.01


def test_misspelt_override_path_gets_a_suggestion_and_is_marked():
    with pytest.raises(ScenarioError) as info:
        load_scenario(NURTURE, {"levers.broadcast.frequency_per_dya": 3, "levers.care.staff": -1,
                                "days.x": 1})
    text = str(info.value)
    assert "did you mean `frequency_per_day`?" in text
    assert "levers.care.staff = -1 (from --set): out of range" in text
    assert "days is a value" in text
    assert len(info.value.problems) == 3


def test_override_to_a_misspelt_lever_suggests_the_type():
    with pytest.raises(ScenarioError, match="did you mean `broadcast`"):
        load_scenario(NURTURE, {"levers.broadcst.frequency_per_day": 3})


def test_override_values_are_validated_strictly():
    with pytest.raises(ScenarioError, match="wrong type"):
        load_scenario(NURTURE, {"levers.coupon.depth": "deep"})


# --- round trips ------------------------------------------------------------------------

@pytest.mark.parametrize("name", presets.shipped_names())
def test_shipped_scenarios_round_trip(name):
    s = presets.load(name)
    assert loads_scenario(dumps_scenario(s)) == s
    assert Scenario.from_dict(s.to_dict()) == s


def test_dump_header_is_a_comment():
    text = dumps_scenario(presets.load("nurture"), header="line one\nline two")
    assert text.startswith("# line one\n# line two\n")
    assert loads_scenario(text) == presets.load("nurture")


def _field_strategy(field, annotation=None):
    core, optional = unwrap(annotation if annotation is not None else field.annotation)
    b = bounds(field)
    if core is bool:
        s = st.booleans()
    elif core is int:
        lo = b.get("ge", 0)
        s = st.integers(lo, b.get("le", lo + 5000))
    elif core is float:
        lo = b.get("ge", -1e6)
        s = st.floats(lo, b.get("le", lo + 1e6), allow_nan=False, allow_infinity=False)
    elif core is dt.date:
        s = st.dates(dt.date(2020, 1, 1), dt.date(2030, 12, 31))
    elif core is str:
        s = st.text(st.characters(blacklist_categories=("Cs",)), min_size=b.get("min_length", 0),
                    max_size=20)
    elif typing.get_origin(core) is list and typing.get_origin(typing.get_args(core)[0]) is typing.Literal:
        s = st.lists(st.sampled_from(typing.get_args(typing.get_args(core)[0])), min_size=1,
                     max_size=2, unique=True)
    else:
        raise AssertionError(f"no strategy for {core}")
    return st.none() | s if optional else s


def _model_strategy(model, skip=()):
    """A random subset of a model's plain fields, each drawn within its declared bounds."""
    fields = {}
    for name, field in model.model_fields.items():
        core, _ = unwrap(field.annotation)
        inner = typing.get_args(core)[0] if typing.get_origin(core) is list else None
        nested = (isinstance(core, type) and hasattr(core, "model_fields")
                  or typing.get_origin(core) is dict or hasattr(inner, "model_fields"))
        if name in skip or name == "type" or nested:
            continue
        fields[name] = _field_strategy(field)
    return st.fixed_dictionaries({}, optional=fields)


_MONTH_DAYS = st.dates(dt.date(2024, 1, 1), dt.date(2024, 12, 31)).map(lambda d: d.strftime("%m-%d"))


@st.composite
def _schedules(draw, dated: bool):
    data = draw(_model_strategy(Schedule, skip=("start_date", "stop_date")))
    if data.get("stop") is not None and data["stop"] <= data.get("start", 0):
        data["stop"] = data.get("start", 0) + 1
    if dated and draw(st.booleans()):
        data["windows"] = [{"start": draw(_MONTH_DAYS), "stop": draw(_MONTH_DAYS)}]
    return data


@st.composite
def _environments(draw):
    festivals = [{"name": draw(st.sampled_from(["618", "Double 11", "春节"])), "start": draw(_MONTH_DAYS),
                  "stop": draw(_MONTH_DAYS), "demand": draw(st.floats(0.0, 20.0))}
                 for _ in range(draw(st.integers(0, 2)))]
    season = {"amplitude": draw(st.floats(0.0, 0.95)), "peak": draw(_MONTH_DAYS)}
    shocks = [{"name": "shock", "start": draw(st.integers(0, 400)), "demand": draw(st.floats(0.0, 20.0))}]
    return {"festivals": festivals, "seasonality": season, "shocks": shocks}


@st.composite
def _segments(draw):
    names = draw(st.lists(st.from_regex(r"[a-z][a-z0-9_]{0,8}", fullmatch=True), min_size=1,
                          max_size=4, unique=True))
    cuts = sorted(draw(st.lists(st.integers(0, 1000), min_size=len(names) - 1,
                                max_size=len(names) - 1)))
    shares = [(b - a) / 1000 for a, b in zip([0, *cuts], [*cuts, 1000])]
    segments = []
    for name, share in zip(names, shares):
        seg = draw(_model_strategy(Segment, skip=("name", "share", "title", "title_zh")))
        segments.append({**seg, "name": name, "share": share, "title_zh": draw(st.none() | _titles())})
    return segments


def _titles():
    """A display name: one line of printable text (no control characters), not blank."""
    return st.text(st.characters(exclude_categories=("C",)), min_size=1, max_size=60).filter(str.strip)


@st.composite
def scenarios(draw):
    """Valid scenarios over the whole schema: population, behaviour, economics, levers."""
    data = draw(_model_strategy(Scenario, skip=("name", "start_date", "title", "title_zh")))
    data["title"], data["title_zh"] = draw(st.none() | _titles()), draw(st.none() | _titles())
    dated = draw(st.booleans())
    if dated:  # a calendar: festivals, seasons and yearly windows need it
        data["start_date"] = draw(st.dates(dt.date(2020, 1, 1), dt.date(2030, 12, 31)))
        data["environment"] = draw(_environments())
    if draw(st.booleans()):  # a name names files and folders: safe characters only
        data["name"] = draw(st.from_regex(r"[\w.-]{0,19}\w", fullmatch=True))
    population = draw(_model_strategy(Population))
    population["segments"] = draw(_segments())
    if population.get("rows") is not None:  # each row stands for 0.001 to 10⁶ customers (params.MIN/MAX_WEIGHT)
        customers = population.get("customers", Population.model_fields["customers"].default)
        population["rows"] = min(max(population["rows"], -(-customers // 10**6)), 1000 * customers)
    data["population"] = population
    data["behaviour"] = {name: draw(_model_strategy(unwrap(f.annotation)[0]))
                         for name, f in Behaviour.model_fields.items()}
    economics = draw(_model_strategy(Economics))
    if economics.get("unit_cost_cny", 33.0) > economics.get("order_value_cny", 60.0):
        economics["unit_cost_cny"] = economics.get("order_value_cny", 60.0)
    data["economics"] = economics
    levers = {}
    for kind in draw(st.lists(st.sampled_from(sorted(LEVER_TYPES)), max_size=5)):
        lever = draw(_model_strategy(LEVER_TYPES[kind], skip=("segments", "schedule")))
        if "schedule" in LEVER_TYPES[kind].model_fields:  # events have none
            lever["schedule"] = draw(_schedules(dated))
        if "segments" in LEVER_TYPES[kind].model_fields:
            names = [s["name"] for s in population["segments"]]
            lever["segments"] = draw(st.none() | st.lists(st.sampled_from(names), unique=True))
        # a second lever of a type gets its own name and an explicit type
        name = kind if kind not in levers else f"{kind}_{len(levers)}"
        levers[name] = {**lever, "type": kind}
    data["levers"] = levers
    return Scenario.from_dict(_drop_none(data))


def _drop_none(value):
    if isinstance(value, dict):
        return {k: _drop_none(v) for k, v in value.items() if v is not None}
    if isinstance(value, list):
        return [_drop_none(v) for v in value]
    return value


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(scenarios())
def test_round_trip_through_toml(scenario):
    text = dumps_scenario(scenario)
    again = loads_scenario(text)
    assert again == scenario
    assert dumps_scenario(again) == text


@settings(max_examples=30, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(scenarios())
def test_round_trip_through_plain_data(scenario):
    assert validate_data(scenario.to_dict()) == scenario


# --- the shipped scenarios --------------------------------------------------------------

@pytest.mark.parametrize("name", presets.shipped_names())
def test_shipped_scenario_validates_and_runs_30_days(name):
    scenario = load_scenario(presets.shipped_dir() / f"{name}.toml")
    assert scenario.description, "each shipped scenario says in one line what it stands for"
    daily = PrivateDomainModel(scenario, customers=400, seed=1).run(days=30)
    assert len(daily) == 30
    assert daily["members"].iloc[-1] > 0
    assert daily[["gmv", "cum_profit", "mean_trust"]].notna().all().all()


def test_shipped_scenarios_include_the_issue_list():
    expected = {"nurture", "harvest", "store_driven", "luckin_community", "pilot_then_scale",
                "wechat_to_wecom", "mismatch", "small_brand"}
    assert expected <= set(presets.shipped_names())


# --- docs/scenarios.md --------------------------------------------------------------------

DOCS = Path(__file__).parent.parent / "docs" / "scenarios.md"


def test_scenario_docs_are_up_to_date():
    from siyu_sim.config.schema_docs import generate

    assert DOCS.read_text(encoding="utf-8") == generate(), (
        "docs/scenarios.md is stale: python -m siyu_sim.config.schema_docs > docs/scenarios.md")


def test_scenario_docs_cover_every_key_and_lever_type():
    from siyu_sim.config.schema_info import iter_leaves

    text = DOCS.read_text(encoding="utf-8")
    for path, _ in iter_leaves(Scenario):
        assert f"`{path}`" in text, path
    for kind, cls in LEVER_TYPES.items():
        assert f'type = "{kind}"' in text
        for name in cls.model_fields:
            if name not in ("type", "schedule"):
                assert f"`levers.{kind}.{name}`" in text


def test_example_in_scenario_docs_is_valid():
    text = DOCS.read_text(encoding="utf-8")
    example = text.split("```toml\n", 1)[1].split("```", 1)[0]
    scenario = loads_scenario(example, "docs example")
    assert scenario.levers["coupon_weekend"].type == "coupon"
