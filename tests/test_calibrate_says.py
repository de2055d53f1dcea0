"""What `siyu calibrate` says, and where: one held-out count and one set of warnings in the
terminal, the report, calibration.json and calibrated.toml's [calibration]; a progress bar that
counts the runs it makes; --trials, --replications and --rows; parameter paths in either form;
and the fit carried into a comparison of the calibrated scenario. On the tiny brand of
tests/calibration_files (1,000 customers on 200 rows, four months, month 4 held out)."""

from __future__ import annotations

import html
import json
import re
import shutil
from pathlib import Path

import pytest

from siyu_sim.words import scenario_label, setting_label, titled
from typer.testing import CliRunner

from siyu_sim.calibration import quality as q
from siyu_sim.calibration.result import FILES, CalibrationResult
from siyu_sim.calibration.run import calibrate, prepare, runs_planned
from siyu_sim.cli import app
from siyu_sim.config.calibration_files import CalibrationError
from siyu_sim.config.scenario_files import load_scenario
from siyu_sim.experiments.backends import SerialBackend
from siyu_sim.experiments.progress import NullProgress

FIXTURES = Path(__file__).parent / "calibration_files"
QR = "levers.store_qr.rate_at_full_execution"
SEGMENT = "population.segments[1].need_cycle_days"  # as --set and docs/scenarios.md write it


def _files(tmp_path: Path, extra: str = "") -> tuple[Path, Path]:
    text = (FIXTURES / "good.toml").read_text(encoding="utf-8")
    (tmp_path / "calibration.toml").write_text(text.replace("[parameters]\n", "[parameters]\n" + extra),
                                               encoding="utf-8")
    shutil.copy(FIXTURES / "good.csv", tmp_path / "observed.csv")
    return tmp_path / "calibration.toml", tmp_path / "observed.csv"


@pytest.fixture(scope="module")
def fitted(tmp_path_factory):
    """`siyu calibrate` on the tiny brand, two parameters (one written segments[1]), 6 trials."""
    folder = tmp_path_factory.mktemp("says")
    toml, csv = _files(folder, f'"{SEGMENT}" = [5.0, 200.0]\n')
    out = CliRunner().invoke(app, ["calibrate", str(toml), str(csv), "--serial", "--trials", "6"])
    assert out.exit_code == 0, out.output
    return folder / "calibration_fit", out.output


def test_terminal_report_and_files_say_one_held_out_count_and_the_same_warnings(fitted):
    folder, printed = fitted
    result = CalibrationResult.load(folder)
    judged = result.fit_quality()
    assert judged.held_total == 2  # members and new members in month 4: the fitted metrics' held-out values
    k, n = judged.held_inside, judged.held_total
    summary = json.loads((folder / FILES["summary"]).read_text(encoding="utf-8"))
    assert (summary["quality"]["held_inside"], summary["quality"]["held_total"]) == (k, n)
    record_scenario = load_scenario(folder / FILES["scenario"])
    record = record_scenario.calibration
    assert (record.held_out_inside, record.held_out_total, record.good) == (k, n, judged.good)
    assert f"Held-out check: {k} of {n} held-out values inside their band" in printed
    html = (folder / FILES["report"]).read_text(encoding="utf-8")
    assert f"{k} of {n} held-out values of the fitted metrics" in html
    assert len(re.findall(r"Held-out check:\s*(?:</b>\s*)?(\d+) of (\d+)", printed + html)) == 2
    # every warning, the same in all three (the report names metrics by their labels)
    assert judged.warnings, "the tiny fit has something to warn of (6 trials)"
    assert summary["warnings"] == [q.say(w, "en") for w in judged.warnings]
    for w in judged.warnings:
        assert f"warning: {q.say(w, 'en')}" in printed
        if w.key != "calib_warn_not_identified":  # said in its own banner, with more words
            from siyu_sim.report.labels import metric_label

            with titled([record_scenario]):  # parameters by their words, segments by their titles
                said = q.say(w, "en", lambda m: metric_label(m, "en"), setting=lambda p: setting_label(p, "en"))
            assert said.replace("'", "&#39;") in html, said
    # pinned down: the same count in the terminal, the report and the record
    pinned = len(judged.pinned_down)
    assert sum(p.pinned_down for p in record.parameters) == pinned
    line = f"Pinned down by the data: {pinned} of 2 parameters." if judged.good else \
        "Pinned down by the data: none of the 2 parameters"
    assert line in printed


def test_a_path_written_with_an_index_in_brackets_is_the_dotted_one(fitted):
    folder, printed = fitted
    result = CalibrationResult.load(folder)
    assert [e.path for e in result.estimates] == ["population.segments.1.need_cycle_days", QR]
    fitted_value = result.estimates[0].best
    assert load_scenario(folder / FILES["scenario"]).population.segments[1].need_cycle_days == \
        pytest.approx(fitted_value)
    assert "population.segments.1.need_cycle_days = " in printed


def test_one_parameter_written_both_ways_is_refused_before_any_run(tmp_path):
    toml, csv = _files(tmp_path, f'"{SEGMENT}" = [5.0, 200.0]\n"population.segments.1.need_cycle_days" = [5.0, 90.0]\n')
    with pytest.raises(CalibrationError, match=r"written another way.*segments\[1\] and segments\.1 are one key"):
        prepare(toml, csv, tmp_path / "fit")
    assert not (tmp_path / "fit").exists()


class _Counting(SerialBackend):
    """Counts the runs it makes."""

    runs = 0

    def run(self, batches, on_result, fn=None, note=None):
        for batch in batches:
            self.runs += len(batch.runs)
            on_result(fn(batch))


class _Recording(NullProgress):
    def __init__(self):
        self.total = self.done = None
        self.advanced = 0

    def start(self, total, done=0, label=""):
        self.total, self.done = total, done

    def advance(self, ok, failed):
        self.advanced += ok + failed


def test_the_progress_bar_counts_every_run_it_makes(tmp_path):
    toml, csv = _files(tmp_path)
    prep = prepare(toml, csv, tmp_path / "fit", trials=5, replications=2)
    backend, progress = _Counting(), _Recording()
    calibrate(prep, backend, progress=progress)
    assert progress.total == runs_planned(prep.spec) == 5 * 2 + 4  # trials × replications + check runs
    assert progress.done == 0 and progress.advanced == backend.runs == progress.total


class _Interrupted(_Counting):
    """Delivers the first trial of a batch, then Ctrl-C."""

    workers = 2

    def run(self, batches, on_result, fn=None, note=None):
        self.runs += len(batches[0].runs)
        on_result(fn(batches[0]))
        raise KeyboardInterrupt


def test_a_resumed_fit_counts_on_from_the_runs_it_kept(tmp_path):
    toml, csv = _files(tmp_path)
    prep = prepare(toml, csv, tmp_path / "fit", trials=5, replications=2)
    first = _Recording()
    with pytest.raises(KeyboardInterrupt):
        calibrate(prep, _Interrupted(), progress=first)
    assert first.advanced == 2  # one trial's two runs came back, and were counted
    backend, again = _Counting(), _Recording()
    calibrate(prep, backend, progress=again)
    assert again.done == 2 and again.done + again.advanced == again.total == 14
    assert backend.runs == again.advanced


def test_options_override_the_file(tmp_path):
    toml, csv = _files(tmp_path)
    out = CliRunner().invoke(app, ["calibrate", str(toml), str(csv), "--serial", "--quiet", "--out", str(tmp_path / "fit"),
                                   "--trials", "3", "--replications", "2", "--rows", "100"])
    assert out.exit_code == 0, out.output
    result = CalibrationResult.load(tmp_path / "fit")
    assert len(result.trials) == 3 and result.spec["trials"] == 3 and result.spec["replications"] == 2
    assert load_scenario(tmp_path / "fit" / FILES["scenario"]).population.rows == 100


@pytest.mark.parametrize("option,value,allowed", [
    ("--trials", "1", "trials = 1 (from --trials): out of range; allowed: a whole number from 2 to 100000"),
    ("--trials", "100001", "allowed: a whole number from 2 to 100000"),
    ("--replications", "0", "replications = 0 (from --replications): out of range; allowed: a whole number from 1"),
    ("--rows", "5", "rows = 5 (from --rows): out of range; allowed: a whole number from 10 to 50000000")])
def test_a_bad_option_value_names_the_option_and_what_is_allowed(tmp_path, option, value, allowed):
    toml, csv = _files(tmp_path)
    out = CliRunner().invoke(app, ["calibrate", str(toml), str(csv), "--serial", "--out", str(tmp_path / "fit"),
                                   option, value])
    assert out.exit_code == 1, out.output
    assert allowed in out.output and "nothing was run" in out.output
    assert not (tmp_path / "fit").exists()


def test_an_option_that_is_no_number_is_refused_by_name(tmp_path):
    toml, csv = _files(tmp_path)
    out = CliRunner().invoke(app, ["calibrate", str(toml), str(csv), "--serial", "--trials", "many"])
    assert out.exit_code == 2 and "'--trials'" in out.output and "integer" in out.output


def test_a_bad_value_given_from_python_names_its_option(tmp_path):
    toml, csv = _files(tmp_path)
    with pytest.raises(CalibrationError, match=r"trials = 1 \(from --trials\): .*from 2 to 100000"):
        prepare(toml, csv, tmp_path / "fit", trials=1)


def test_a_comparison_of_the_calibrated_brand_says_it_was_fitted_and_how_well(fitted, tmp_path):
    from siyu_sim.compare import compare
    from siyu_sim.config.overrides import apply_overrides
    from siyu_sim.report import report_comparison
    from siyu_sim.scenario import Scenario

    folder, _ = fitted
    calibrated = load_scenario(folder / FILES["scenario"])
    record = calibrated.calibration
    what_if = Scenario.from_dict(apply_overrides(calibrated.to_dict(), {"name": "what_if", QR: 0.5}))
    assert what_if.calibration == record  # a copy keeps the record of the customers' fit
    result = compare([calibrated, what_if], reps=1)
    pages = {lang: report_comparison(result, tmp_path / f"{lang}.html", lang=lang).read_text(encoding="utf-8")
             for lang in ("en", "zh")}
    section = html.unescape(re.search(r'<section id="fitted".*?</section>', pages["en"], re.S).group(0))
    assert "the customers were fitted to the brand's own numbers" in section
    shown = scenario_label("what_if", "en")  # the report names scenarios by their display names
    assert calibrated.name in section and shown in section
    assert f"{record.held_out_inside} of {record.held_out_total} held-out values" in section
    appendix = html.unescape(re.search(r'<div class="appendix" id="appendix">.*?</main>', pages["en"], re.S).group(0))
    with titled([calibrated]):
        for p in record.parameters:  # each against its range in the appendix, by its words, the path on hover
            assert f'<span class="setting" title="{p.path}">{setting_label(p.path, "en")}</span>' in appendix
        assert f"{shown} sets {setting_label(QR, 'en')} to 0.5, not the fitted" in section
    assert re.search(r'<section id="fitted".*?已用品牌自己的数据校准', pages["zh"], re.S)
    summaries = {}  # a poor fit is said on page 1, beside the answer; a good one is not
    for good in (True, False):
        kept = [s.model_copy(update={"calibration": record.model_copy(update={"good": good})})
                for s in (calibrated, what_if)]
        page = report_comparison(compare(kept, reps=1), tmp_path / f"good_{good}.html").read_text(encoding="utf-8")
        summaries[good] = html.unescape(re.search(r'<section id="summary".*?</section>', page, re.S).group(0))
    assert "rest on a POOR fit" in summaries[False] and "rest on a POOR fit" not in summaries[True]
    plain = [Scenario.from_dict({**s.to_dict(), "calibration": None}) for s in (calibrated, what_if)]
    plain = report_comparison(compare(plain, reps=1), tmp_path / "plain.html").read_text(encoding="utf-8")
    assert 'id="fitted"' not in plain


def test_the_shipped_example_is_what_make_observed_makes(tmp_path):
    """examples/calibration/observed.csv is the model's own, from known truth: a model change that
    leaves it stale fails here (regenerate: python examples/calibration/make_observed.py)."""
    import importlib.util

    import pandas as pd

    example = Path(__file__).parent.parent / "examples" / "calibration"
    spec = importlib.util.spec_from_file_location("make_observed", example / "make_observed.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    shipped = pd.read_csv(example / "observed.csv")
    made = pd.read_csv(module.main(tmp_path / "observed.csv"))
    pd.testing.assert_frame_equal(made, shipped)
