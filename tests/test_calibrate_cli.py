"""`siyu calibrate` end to end on a tiny brand, and one seed → one result."""

from __future__ import annotations

import shutil
from pathlib import Path

import pandas as pd
from typer.testing import CliRunner

from siyu_sim.calibration.result import FILES, CalibrationResult
from siyu_sim.calibration.run import calibrate, prepare
from siyu_sim.cli import app
from siyu_sim.experiments.backends import SerialBackend

FIXTURES = Path(__file__).parent / "calibration_files"


def test_the_command_fits_writes_the_folder_and_the_scenario_validates(tmp_path):
    # 4 random trials rarely pin the parameter down; seed 1's four happen to span 69% of the
    # range, just inside the 70% line (seeds 2-6: 71-97%), so this test names seed 2
    text = (FIXTURES / "good.toml").read_text(encoding="utf-8").replace("trials = 4", "trials = 4\nseed = 2")
    (tmp_path / "calibration.toml").write_text(text, encoding="utf-8")
    shutil.copy(FIXTURES / "good.csv", tmp_path / "observed.csv")
    runner = CliRunner()
    out = runner.invoke(app, ["calibrate", str(tmp_path / "calibration.toml"), str(tmp_path / "observed.csv"),
                              "--serial", "--quiet"])
    assert out.exit_code == 0, out.output
    assert "levers.store_qr.rate_at_full_execution = " in out.output
    folder = tmp_path / "calibration_fit"  # the default: next to the calibration file
    for name in ("study", "summary", "observed", "trials", "simulated", "scenario", "report"):
        assert (folder / FILES[name]).is_file(), name
    assert runner.invoke(app, ["validate", str(folder / FILES["scenario"])]).exit_code == 0
    result = CalibrationResult.load(folder)
    assert result.fit_periods == [1, 2, 3] and result.held_out_periods == [4]
    # 4 trials cannot pin the parameter down: it is flagged, with a warning that says so
    assert not result.estimates[0].identified
    assert any("is not identified" in w for w in result.warnings)
    # run again: every trial is kept, none re-run (the trial table is the same)
    again = runner.invoke(app, ["calibrate", str(tmp_path / "calibration.toml"), str(tmp_path / "observed.csv"),
                                "--serial"])
    assert again.exit_code == 0 and "Resuming: 4 finished trials kept" in again.output
    pd.testing.assert_frame_equal(CalibrationResult.load(folder).trials, result.trials)


def test_one_seed_gives_one_result(tmp_path):
    results = []
    for name in ("a", "b"):
        prep = prepare(FIXTURES / "good.toml", FIXTURES / "good.csv", tmp_path / name)
        results.append(calibrate(prep, SerialBackend()).result)
    pd.testing.assert_frame_equal(results[0].trials, results[1].trials)
    pd.testing.assert_frame_equal(results[0].simulated, results[1].simulated)
    assert results[0].estimates == results[1].estimates


class _InterruptedBackend(SerialBackend):
    """Delivers the first batch of a round, then Ctrl-C (as a process pool does)."""

    workers = 2

    def run(self, batches, on_result, fn=None, note=None):
        on_result(fn(batches[0]))
        raise KeyboardInterrupt


def test_ctrl_c_keeps_the_finished_trials_and_the_same_call_resumes(tmp_path):
    import pytest

    from siyu_sim.calibration.search import completed, fingerprint, open_study

    prep = prepare(FIXTURES / "good.toml", FIXTURES / "good.csv", tmp_path / "fit")
    with pytest.raises(KeyboardInterrupt):
        calibrate(prep, _InterruptedBackend())
    study = open_study(prep.folder, prep.spec, fingerprint(prep.spec, prep.metrics, prep.fit_periods))
    kept = completed(study)
    assert len(kept) == 1  # the first trial of the round finished and is told
    assert len([t for t in study.trials if t.state.name == "RUNNING"]) == 3  # the rest wait
    result = calibrate(prep, SerialBackend()).result
    assert len(result.trials) == 4 and kept[0].number in set(result.trials.number)
    assert result.trials.set_index("number").loss[kept[0].number] == kept[0].value


def test_periods_sum_flows_and_read_stocks_at_their_end_in_weeks_and_months():
    from siyu_sim.calibration.simulate import simulate_periods
    from siyu_sim.config import presets
    from siyu_sim.config.overrides import apply_overrides
    from siyu_sim.model import PrivateDomainModel
    from siyu_sim.runs import replication_seed
    from siyu_sim.scenario import Scenario

    scenario = Scenario.from_dict(apply_overrides(presets.nurture().to_dict(),
                                                  {"population.customers": 300, "days": 65}))
    daily = PrivateDomainModel(scenario, seed=replication_seed(3, 0)).run()
    weeks = simulate_periods(scenario, 0, 3, "week", ["orders", "members", "new_members",
                                                      "new_members_store_qr", "staff"])
    assert list(weeks.period) == list(range(1, 10))  # 9 whole weeks; day 63-64 are not used
    assert weeks.orders.tolist() == [daily.purchases[7 * (w - 1):7 * w].sum() for w in range(1, 10)]
    assert weeks.members.tolist() == [daily.members[7 * w - 1] for w in range(1, 10)]
    assert (weeks.new_members_store_qr <= weeks.new_members + 1e-9).all() and weeks.new_members_store_qr.sum() > 0
    assert (weeks.staff == 3.0).all()  # nurture: 1 broadcaster + 2 care operators
    months = simulate_periods(scenario, 0, 3, "month", ["orders"])
    assert list(months.period) == [1, 2] and months.orders.sum() == daily.purchases.sum()
