"""Bad calibration input is refused before any run, naming the file, the key or row, and what
is allowed (the fixtures are in tests/calibration_files/)."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from typer.testing import CliRunner

from siyu_sim.calibration.observed import parse_observed, template
from siyu_sim.calibration.run import prepare
from siyu_sim.cli import app
from siyu_sim.config.calibration_files import CalibrationError, load_calibration
from siyu_sim.config.output_paths import OutputPathError
from siyu_sim.config.problems import ConfigError

FILES = Path(__file__).parent / "calibration_files"
GOOD_TOML, GOOD_CSV = FILES / "good.toml", FILES / "good.csv"


def _refused(calibration: Path, observed: Path, tmp_path: Path) -> str:
    out = tmp_path / "out"
    with pytest.raises(CalibrationError) as err:
        prepare(calibration, observed, out)
    assert isinstance(err.value, ConfigError)
    assert not out.exists()  # nothing was run, nothing written
    return str(err.value)


def test_the_good_fixtures_pass(tmp_path):
    prep = prepare(GOOD_TOML, GOOD_CSV, tmp_path / "out")
    assert prep.metrics == {"members": 1.0, "new_members": 1.0}
    assert prep.fit_periods == [1, 2, 3] and prep.held_out == [4]
    assert prep.spec.scenario["population"]["customers"] == 1000
    assert prep.spec.scenario["population"]["rows"] == 200


def test_observed_data_with_no_usable_column(tmp_path):
    text = _refused(GOOD_TOML, FILES / "no_usable_column.csv", tmp_path)
    assert text.startswith(str(FILES / "no_usable_column.csv"))
    assert "no usable column" in text and "allowed: period, members" in text


def test_periods_outside_the_horizon_name_the_line(tmp_path):
    text = _refused(GOOD_TOML, FILES / "outside_horizon.csv", tmp_path)
    assert f"{FILES / 'outside_horizon.csv'}:4:1: period = 9: period outside the scenario's horizon (4 months)" in text
    assert "allowed: a whole number from 1 to 4" in text


def test_bad_cells_name_line_and_column_every_one_at_once(tmp_path):
    text = _refused(GOOD_TOML, FILES / "bad_cell.csv", tmp_path)
    assert ':3:2: members = "seven hundred": not a number; allowed: a number at least 0 (people)' in text
    assert ':4:3: new_members = "-5": must be a finite number at least 0' in text
    assert "2 problems" in text


def test_an_unknown_column_gets_a_did_you_mean(tmp_path):
    text = _refused(GOOD_TOML, FILES / "unknown_column.csv", tmp_path)
    assert "membrs: unknown column" in text and "did you mean `members`?" in text


@pytest.mark.parametrize("name, expected", [
    ("bad_path", ['parameters."levers.store_qr.rate_at_full_executon": no such parameter in the scenario schema',
                  "did you mean `levers.store_qr.rate_at_full_execution`?"]),
    ("bad_range", ['parameters."levers.store_qr.rate_at_full_execution" = [0.2, 1.5]: range goes outside',
                   "allowed: a number from 0 to 1"]),
    ("all_held_out", ["periods.held_out = [1, 2, 3, 4]: holds out every period: nothing is left to fit; "
                      "allowed: at most 3 of the 4 periods"]),
])
def test_a_bad_path_range_or_held_out_set_is_refused_naming_the_key(name, expected):
    """A parameter path that does not exist, a range outside the parameter's bounds, held-out
    periods that leave nothing to fit."""
    with pytest.raises(CalibrationError) as err:
        load_calibration(FILES / f"{name}.toml")
    text = str(err.value)
    assert text.startswith(str(FILES / f"{name}.toml"))
    for part in expected:
        assert part in text


def test_held_out_periods_that_leave_no_observed_value_to_fit(tmp_path):
    text = _refused(FILES / "held_out_leaves_nothing.toml", GOOD_CSV, tmp_path)
    assert "periods" in text and "nothing is left to fit" in text and "periods 1, 2, 3, 4" in text


def test_an_unknown_metric_and_schema_errors_in_the_same_words_as_other_files(tmp_path):
    with pytest.raises(CalibrationError) as err:
        load_calibration(FILES / "unknown_metric.toml")
    assert 'metrics.revenu = "revenu": not a column of the observed data' in str(err.value)
    bad = tmp_path / "c.toml"
    bad.write_text(GOOD_TOML.read_text().replace("trials = 4", "trials = 1\nperiod = \"monthly\""))
    with pytest.raises(CalibrationError) as err:
        load_calibration(bad)
    text = str(err.value)
    assert "trials = 1: out of range; allowed: a whole number from 2 to 100000" in text
    assert 'period = "monthly": not one of the choices' in text and "did you mean `month`?" in text


def test_a_metric_with_no_values_in_the_observed_data(tmp_path):
    toml = tmp_path / "c.toml"
    toml.write_text(GOOD_TOML.read_text().replace("new_members = 1.0", "orders = 1.0"))
    text = _refused(toml, GOOD_CSV, tmp_path)
    assert f"metrics.orders = \"orders\": has no values in {GOOD_CSV}" in text


def test_an_unwritable_output_folder_is_refused_before_any_run(tmp_path):
    blocker = tmp_path / "file"
    blocker.write_text("x")
    with pytest.raises(OutputPathError):
        prepare(GOOD_TOML, GOOD_CSV, blocker)


def test_the_command_prints_the_problems_and_exits_1_without_running(tmp_path):
    shutil.copy(FILES / "bad_range.toml", tmp_path / "c.toml")
    result = CliRunner().invoke(app, ["calibrate", str(tmp_path / "c.toml"), str(GOOD_CSV)])
    assert result.exit_code == 1
    assert "range goes outside the parameter's bounds" in result.output
    assert not (tmp_path / "c_fit").exists()


def test_the_template_reads_back_and_says_what_each_column_means():
    result = CliRunner().invoke(app, ["calibrate", "--template"])
    assert result.exit_code == 0
    assert "# gmv: GMV of members' orders [CNY; total over the period]" in result.output
    assert "# members: members in the private domain (active + muted) [people; at the period's end]" in result.output
    table = parse_observed(result.output, n_periods=12)
    assert list(table.period) == [1, 2, 3] and table.members.tolist() == [2010, 2350, 2620]
    assert "免打扰" in template("zh")


def test_a_ratio_of_the_books_is_a_metric_when_both_its_parts_are_observed(tmp_path):
    """``order_value`` (GMV / orders) may be fitted like a column: it is derived from the brand's
    own two columns, and refused, naming what is there, when one part is missing."""
    toml = tmp_path / "c.toml"
    toml.write_text(GOOD_TOML.read_text().replace("new_members = 1.0", "order_value = 2.0"))
    both = tmp_path / "both.csv"
    both.write_text("period,members,orders,gmv\n1,100,50,3000\n2,120,60,3300\n3,130,0,0\n4,140,80,5000\n")
    prep = prepare(toml, both, tmp_path / "out")
    assert prep.metrics == {"members": 1.0, "order_value": 2.0}
    assert prep.observed["order_value"].tolist()[:2] == [60.0, 55.0]
    assert prep.observed["order_value"].isna().tolist() == [False, False, True, False]  # no orders: no ratio
    assert "order_value" in prep.columns
    one = tmp_path / "one.csv"
    one.write_text("period,members,gmv\n1,100,3000\n2,120,3300\n")
    text = _refused(toml, one, tmp_path)
    assert "metrics.order_value" in text and "has no values in" in text
    toml.write_text(toml.read_text().replace("order_value", "order_valeu"))
    with pytest.raises(CalibrationError) as err:
        load_calibration(toml)
    assert "not a column of the observed data, nor a ratio of two" in str(err.value)
    assert "did you mean `order_value`?" in str(err.value)


def test_the_calibrated_file_says_how_many_of_its_parameter_sets_fit_about_as_well_as_the_best():
    """Filled up to five with the next best trials, the sets are not all 'about as well as the
    best' (the terminal said 4 within the tolerance, the report's appendix '5 trials that fit')."""
    import pandas as pd

    from siyu_sim.calibration.run import calibrated_toml

    spec = load_calibration(GOOD_TOML)
    path = spec.parameters[0].path
    sets = pd.DataFrame({path: [0.3, 0.31, 0.29, 0.35, 0.4], "loss": [1.0, 1.01, 1.02, 1.5, 2.0]})
    filled = calibrated_toml(spec, {path: 0.3}, "observed.csv", sets, within=3)
    assert "the 5 best trials (only 3 fit the data about as well as the best" in filled
    assert "the 5 trials that fit the data about as well as the best" in calibrated_toml(
        spec, {path: 0.3}, "observed.csv", sets, within=5)
