"""One error type, one reader, one did-you-mean, one resolver of shipped names: scenario and
experiment files report their problems in the same words."""

from __future__ import annotations

import pytest

from siyu_sim.config import presets
from siyu_sim.experiments.design import experiment_from_dict, load_experiment
from siyu_sim.config.problems import ConfigError, ExperimentError, Problem, ScenarioError, closest
from siyu_sim.config.scenario_files import load_scenario

EXPERIMENT = {"name": "x", "scenarios": ["nurture"], "replications": 1, "root_seed": 0}


def test_both_kinds_of_file_raise_one_error_type_holding_one_problem_type(tmp_path):
    (tmp_path / "s.toml").write_text("days = 0\n", encoding="utf-8")
    (tmp_path / "e.toml").write_text("replications = 0\n", encoding="utf-8")
    with pytest.raises(ConfigError) as scenario:
        load_scenario(tmp_path / "s.toml")
    with pytest.raises(ConfigError) as experiment:
        load_experiment(tmp_path / "e.toml")
    assert isinstance(scenario.value, ScenarioError) and isinstance(experiment.value, ExperimentError)
    for err, path in ((scenario.value, "s.toml"), (experiment.value, "e.toml")):
        assert all(type(p) is Problem for p in err.problems)
        assert all(str(p).startswith(str(tmp_path / path)) for p in err.problems)
    # the same wording for the same kind of mistake
    assert "days = 0: out of range; allowed: a whole number from 1 to 3650" in str(scenario.value)
    assert "replications = 0: out of range; allowed: a whole number from 1 to 100000" in str(experiment.value)


@pytest.mark.parametrize("text, words", [
    ("", "is empty: an experiment needs"),
    ('name = "x\n', "TOML syntax error at line 1"),
])
def test_experiment_files_are_read_by_the_scenario_reader(tmp_path, text, words):
    path = tmp_path / "e.toml"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(ExperimentError, match=words):
        load_experiment(path)


def test_an_experiment_folder_is_not_a_file(tmp_path):
    with pytest.raises(ExperimentError, match="is a directory, not an experiment file"):
        load_experiment(tmp_path)


def test_closest_matches_a_dotted_path_by_its_last_part():
    paths = ["levers.broadcast.frequency_per_day", "levers.coupon.depth"]
    assert closest("levers.broadcast.freq_per_day", paths) == "levers.broadcast.frequency_per_day"
    assert closest("nurtur", ["nurture", "harvest"]) == "nurture"
    assert closest("zzz", ["nurture", "harvest"]) is None


def test_resolve_shipped_names_and_paths(tmp_path):
    assert presets.resolve("nurture") == presets.shipped_dir() / "nurture.toml"
    mine = tmp_path / "mine.toml"
    mine.write_text('name = "mine"\n', encoding="utf-8")
    assert presets.resolve("mine.toml", tmp_path) == mine
    # a file of a shipped scenario's name next to the experiment comes first
    (tmp_path / "nurture").write_text('name = "local"\n', encoding="utf-8")
    assert presets.resolve("nurture", tmp_path) == tmp_path / "nurture"


def test_resolve_says_what_is_allowed_and_what_was_meant():
    with pytest.raises(ScenarioError) as info:
        presets.resolve("nurtur")
    problem = info.value.problems[0]
    assert problem.message == "no such shipped scenario or file"
    assert problem.suggestion == "nurture" and "harvest" in problem.allowed
    with pytest.raises(ScenarioError, match="no such scenario file"):
        presets.load("no/such.toml")


def test_a_union_key_gets_one_problem_in_plain_words():
    with pytest.raises(ExperimentError) as info:
        experiment_from_dict({**EXPERIMENT, "scenarios": 3})
    problems = info.value.problems
    assert len(problems) == 1, problems
    assert problems[0].where == "scenarios" and problems[0].message == "wrong type"
    assert problems[0].allowed == "a list of text or a table"


def test_a_union_inside_a_list_is_located_too():
    data = {**EXPERIMENT, "factors": {"levers.coupon.depth": {"values": [[0.1]]}}}
    with pytest.raises(ExperimentError) as info:
        experiment_from_dict(data)
    assert [p.where for p in info.value.problems] == ['factors."levers.coupon.depth".values[0]']


def test_a_bad_scenario_in_an_experiment_is_explained_at_its_key(tmp_path):
    (tmp_path / "bad.toml").write_text("days = 0\n", encoding="utf-8")
    data = {**EXPERIMENT, "scenarios": {"mine": "bad.toml"}}
    with pytest.raises(ExperimentError) as info:
        experiment_from_dict(data, file="e.toml", base_dir=tmp_path)
    text = str(info.value)
    assert 'scenarios.mine = "bad.toml": scenario file' in text and "days = 0: out of range" in text


def test_a_setting_that_breaks_a_cross_field_rule_is_reported_in_scenario_words():
    data = {**EXPERIMENT, "factors": {"economics.unit_cost_cny": {"values": [30.0, 70.0]}}}
    with pytest.raises(ExperimentError) as info:
        experiment_from_dict(data)
    text = str(info.value)
    assert "setting 1 of scenario 'nurture' is invalid: economics: the unit cost (¥70) is above the order value" in text
    assert "Value error" not in text
