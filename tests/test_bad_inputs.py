"""The bad-input corpus: what a careless or a hostile user gives the ``siyu`` command, each
case through the command line as they would type it, in a working folder of their own.

Every case must be refused with a message that names the file and the key (where there is
one) and what is allowed, a non-zero exit code, no traceback (no exception but the exit), no
``None`` in the message, no run started, and nothing written or lost: the working folder's
files (names, sizes, times and contents) are the same before and after. The catalogues of bad
scenario, experiment and calibration files (tests/bad_scenarios, tests/experiment_files,
tests/calibration_files) run through the same checks here; their detailed messages are
tested beside their readers (test_scenario_files.py, test_experiments_spec.py,
test_calibrate_errors.py).
"""

from __future__ import annotations

import errno
import hashlib
import os
import re
import shutil
from dataclasses import dataclass, field
from pathlib import Path

import pytest
from typer.testing import CliRunner

from siyu_sim.cli import app, core_commands

from test_experiments_spec import BAD as BAD_EXPERIMENTS, expectations
from test_scenario_files import BAD as BAD_SCENARIOS, CATALOGUE

CALIBRATION_FILES = Path(__file__).parent / "calibration_files"
GOOD_CALIBRATION = (CALIBRATION_FILES / "good.toml").read_text(encoding="utf-8")
GOOD_OBSERVED = (CALIBRATION_FILES / "good.csv").read_text(encoding="utf-8")
SCENARIO = 'name = "small"\ndescription = "私域 test"\ndays = 20\nseed = 3\n[population]\ncustomers = 100\n'
EXPERIMENT = ('name = "e"\nscenarios = ["nurture"]\nreplications = 1\nroot_seed = 1\n[set]\ndays = 10\n'
              '"population.customers" = 50\n[factors."levers.coupon.depth"]\nvalues = [0.1, 0.2]\n')
SMALL = ["--days", "31", "--customers", "100"]


# --- the checks every case shares -----------------------------------------------------------

def snapshot(*folders: Path) -> dict[str, tuple]:
    """Every file and folder under ``folders``: name → (size, mtime_ns, sha256) or "dir"."""
    out: dict[str, tuple] = {}
    for folder in folders:
        for path in sorted(folder.rglob("*")):
            if path.is_dir():
                out[str(path)] = ("dir",)
            else:
                data = path.read_bytes()
                out[str(path)] = (len(data), path.stat().st_mtime_ns, hashlib.sha256(data).hexdigest())
    return out


@pytest.fixture
def work(tmp_path, monkeypatch) -> Path:
    """The user's working folder, the current directory of the command."""
    folder = tmp_path / "work"
    folder.mkdir()
    monkeypatch.chdir(folder)
    return folder


@pytest.fixture
def no_run(monkeypatch):
    """Any simulation, sweep or fit fails loudly: a refused input must never start one."""
    def started(*a, **k):
        raise AssertionError("a run started although the input was refused")
    monkeypatch.setattr(core_commands, "simulate", started)
    monkeypatch.setattr(core_commands, "compare", started)
    monkeypatch.setattr("siyu_sim.experiments.sweep.sweep", started)
    monkeypatch.setattr("siyu_sim.calibration.run.calibrate", started)


def siyu(*args) -> "CliRunner.invoke":
    return CliRunner().invoke(app, [str(a) for a in args])


def assert_refused(result, code: int, names: list[str], absent: tuple[str, ...] = ()) -> str:
    """Exit ``code``, no exception but the exit, every name in the message, no ``None``."""
    text = result.output
    assert result.exit_code == code, text
    assert result.exception is None or isinstance(result.exception, SystemExit), repr(result.exception)
    assert "Traceback" not in text
    assert not re.search(r"\bNone\b", text), text
    for name in names:
        assert name in text, f"{name!r} not in:\n{text}"
    for word in absent:
        assert word not in text, f"{word!r} in:\n{text}"
    return text


# --- the corpus -------------------------------------------------------------------------------

@dataclass(frozen=True)
class Case:
    """One bad input: the files of the working folder, the command, what the message names."""

    files: dict[str, str | bytes]
    args: list[str]
    names: list[str]
    code: int = 1
    absent: tuple[str, ...] = ()
    extra: dict = field(default_factory=dict)


def _calibration(**changes) -> str:
    text = GOOD_CALIBRATION
    for key, value in changes.items():
        text = re.sub(rf"(?m)^{key} = .*$", f"{key} = {value}", text) if re.search(rf"(?m)^{key} = ", text) \
            else text.replace("\n[parameters]", f"\n{key} = {value}\n[parameters]")
    return text


def _calibrate(observed: str | bytes = GOOD_OBSERVED, calibration: str | bytes = GOOD_CALIBRATION,
               extra_files: dict | None = None, out: tuple = ("--out", "fit")) -> dict:
    return {"files": {"c.toml": calibration, "o.csv": observed, **(extra_files or {})},
            "args": ["calibrate", "c.toml", "o.csv", *out, "--serial"]}


CASES: dict[str, Case] = {
    # --- no command replaces or deletes a file it did not create; inputs are never outputs
    "calibrate --out the folder holding the data": Case(
        {"calibration.toml": GOOD_CALIBRATION, "observed.csv": GOOD_OBSERVED, "report.html": "<p>mine</p>"},
        ["calibrate", "calibration.toml", "observed.csv", "--out", ".", "--serial"],
        ["--out .", "is not empty and is not a calibration folder", "study.sqlite3"]),
    "calibrate --out a folder of other files": Case(
        **_calibrate(extra_files={"data/notes.txt": "mine"}, out=("--out", "data")),
        names=["--out data", "not a calibration folder"]),
    "calibrate into a default folder that is not a calibration's": Case(
        {"c.toml": GOOD_CALIBRATION, "o.csv": GOOD_OBSERVED, "c_fit/budget.xlsx": b"PK mine"},
        ["calibrate", "c.toml", "o.csv", "--serial"], ["output c_fit", "not a calibration folder"]),
    "calibrate --out the calibration folder holding the observed input": Case(
        {"c.toml": GOOD_CALIBRATION, "fit/study.sqlite3": b"", "fit/observed.csv": GOOD_OBSERVED},
        ["calibrate", "c.toml", "fit/observed.csv", "--out", "fit", "--serial"],
        ["--out fit", "would replace fit/observed.csv, an input"]),
    "run --out a folder of other files": Case(
        {"s.toml": SCENARIO, "mine/daily.csv": "my numbers"}, ["run", "s.toml", "--out", "mine"],
        ["--out mine", "is not empty and is not a run folder", "provenance.json"]),
    "run --out .": Case({"s.toml": SCENARIO}, ["run", "s.toml", "--out", "."], ["--out .", "not a run folder"]),
    "run --out the run folder holding the scenario run": Case(
        {"r/provenance.json": "{}", "r/scenario.toml": SCENARIO}, ["run", "r/scenario.toml", "--out", "r"],
        ["--out r", "would replace r/scenario.toml, an input"]),
    "compare --out a folder of other files": Case(
        {"tables/monthly.csv": "mine"}, ["compare", "nurture", "harvest", "--out", "tables"],
        ["--out tables", "not a folder of comparison tables", "comparison.xlsx"]),
    "compare --report an input": Case(
        {"s.html": SCENARIO}, ["compare", "s.html", "harvest", "--report", "s.html", "--days", "20"],
        ["--report s.html", "would replace s.html, an input"]),
    "sweep --out a folder of other files": Case(
        {"e.toml": EXPERIMENT, "res/notes.txt": "mine"}, ["sweep", "e.toml", "--out", "res", "--serial"],
        ["--out res", "not an experiment results folder", "_experiment.json"]),
    "sweep --out a results folder holding a scenario of the experiment": Case(
        {"e.toml": EXPERIMENT.replace('["nurture"]', '["res/_scenarios/s.toml"]'),
         "res/_experiment.json": "{}", "res/_scenarios/s.toml": SCENARIO},
        ["sweep", "e.toml", "--out", "res", "--serial", "--fresh"], ["--out res", "would replace", "s.toml"]),
    "compare scenarios of different horizons": Case(
        {"s.toml": SCENARIO, "t.toml": SCENARIO.replace('"small"', '"long"').replace("days = 20", "days = 40")},
        ["compare", "s.toml", "t.toml"], ["t.toml: days = 40", "s.toml has days = 20", "--days"]),
    # --- file suffixes that fit what is written
    "compare --report r.pdf": Case({}, ["compare", "nurture", "harvest", "--report", "r.pdf"],
                                   ["--report r.pdf", "writes an HTML page", ".html", "r.html"]),
    "compare --report a folder": Case({"out/x.txt": "x"}, ["compare", "nurture", "harvest", "--report", "out"],
                                      ["--report out", "is a folder", "out/report.html"]),
    "run --transactions a folder": Case({"txdir/keep": "x"}, ["run", "nurture", "--transactions", "txdir"],
                                        ["--transactions txdir", "is a folder", "txdir/orders.parquet"],
                                        absent=(".html",)),
    "run --transactions without .parquet": Case({}, ["run", "nurture", "--transactions", "orders"],
                                                ["--transactions orders", "Parquet", "orders.parquet"]),
    "report -o r.pdf": Case({}, ["report", "res", "-o", "r.pdf"], ["--out r.pdf", "HTML", "r.html"]),
    # --- encodings: Notepad's and Excel's defaults are named, with the fix
    "scenario in UTF-16": Case({"s.toml": SCENARIO.encode("utf-16")}, ["run", "s.toml"],
                               ["s.toml", "UTF-16", "save it as UTF-8"]),
    "scenario in GBK": Case({"s.toml": SCENARIO.encode("gbk")}, ["validate", "s.toml"],
                            ["s.toml", "not UTF-8", "GBK", "save it as UTF-8"]),
    "experiment in UTF-16": Case({"e.toml": EXPERIMENT.encode("utf-16")}, ["sweep", "e.toml", "--serial"],
                                 ["e.toml", "UTF-16", "UTF-8"]),
    "calibration file in GBK": Case(**_calibrate(calibration=("# 私域校准文件\n" + GOOD_CALIBRATION).encode("gbk")),
                                    names=["c.toml", "GBK", "UTF-8"]),
    "observed CSV in GBK": Case(**_calibrate(("# 会员\n" + GOOD_OBSERVED).encode("gbk")),
                                names=["o.csv", "GBK", "CSV UTF-8"]),
    "observed CSV in UTF-16": Case(**_calibrate(GOOD_OBSERVED.encode("utf-16")),
                                   names=["o.csv", "UTF-16", "CSV UTF-8"]),
    "observed CSV that is binary": Case(**_calibrate(b"PK\x03\x04\x00\x00\xff"), names=["o.csv", "binary"]),
    # --- every problem counted, no None, absurd magnitudes refused
    "observed CSV with 99,996 problems": Case(**_calibrate("period,members\n" + "x,y\n" * 49_998),
                                              names=["o.csv: 99,996 problems", "… and 99,976 more",
                                                     'o.csv:2:1: period = "x": not a whole number']),
    "experiment with 30 invalid settings": Case(
        {"e.toml": EXPERIMENT.split("[factors")[0] + '[factors."economics.unit_cost_cny"]\nvalues = ['
         + ", ".join(f"{60 + i}.5" for i in range(30)) + "]\n"},
        ["sweep", "e.toml", "--serial"], ["e.toml: 30 problems", "… and 10 more",
                                          "setting 0 of scenario 'nurture' is invalid", "unit cost (¥60.5)"]),
    "observed CSV with a blank period": Case(**_calibrate("period,members\n,500\n1,600\n"),
                                             names=["o.csv:2:1: period: a period is required on every row"]),
    "observed members = 1e300": Case(**_calibrate("period,members\n1,500\n2,1e300\n"),
                                     names=['o.csv:3:2: members = "1e300": too large', "at most"]),
    "observed GMV in fen pasted as a huge number": Case(
        **_calibrate("period,members,gmv\n1,500,123456789012345678\n"), names=['gmv = "123456789012345678"',
                                                                                "too large", "CNY"]),
    "calibration metric weight 1e300": Case(**_calibrate(calibration=GOOD_CALIBRATION.replace(
        "members = 1.0", "members = 1e300")), names=["c.toml", "metrics.members = 1e+300", "at most 1,000,000"]),
    "scenario order value 1e300": Case({"s.toml": SCENARIO + "[economics]\norder_value_cny = 1e300\n"},
                                       ["run", "s.toml"], ["s.toml", "economics.order_value_cny = 1e+300",
                                                           "out of range"]),
    "scenario schedule starting on day 10^20": Case(
        {"s.toml": SCENARIO + "[levers.broadcast.schedule]\nstart = 100000000000000000000\n"},
        ["run", "s.toml"], ["s.toml", "levers.broadcast.schedule.start = 100000000000000000000",
                            "from 0 to 3649"]),
    # --- seeds: 64 bits, refused beyond (so never written back)
    "scenario seed beyond 64 bits": Case({"s.toml": SCENARIO.replace("seed = 3", "seed = 18446744073709551616")},
                                         ["run", "s.toml"], ["s.toml", "seed = 18446744073709551616",
                                                             "from 0 to 18446744073709551615"]),
    "--seed beyond 64 bits": Case({}, ["run", "nurture", "--seed", "18446744073709551616"], ["--seed"], code=2),
    "experiment root_seed beyond 64 bits": Case(
        {"e.toml": EXPERIMENT.replace("root_seed = 1", "root_seed = 99999999999999999999")},
        ["sweep", "e.toml", "--serial"], ["e.toml", "root_seed = 99999999999999999999", "18446744073709551615"]),
    "calibration seed beyond 64 bits": Case(**_calibrate(calibration=_calibration(seed="18446744073709551616")),
                                            names=["c.toml", "seed = 18446744073709551616", "out of range"]),
    # --- huge experiments wait for --yes, saying how many runs and how big
    "sweep of 1,000,000 runs": Case(
        {"e.toml": EXPERIMENT.replace("replications = 1", "replications = 100000").replace(
            "values = [0.1, 0.2]", "values = [0.1, 0.12, 0.14, 0.16, 0.18, 0.2, 0.22, 0.24, 0.26, 0.28]")},
        ["sweep", "e.toml", "--serial"], ["not started", "1,000,000 runs", "GB", "--yes"]),
    "sensitivity of 2,097,152 settings": Case(
        {"e.toml": EXPERIMENT.split("[factors")[0] + '[factors."levers.coupon.depth"]\nrange = [0.1, 0.3]\n'
         '[factors."levers.broadcast.frequency_per_day"]\nrange = [0.5, 3.0]\n'
         '[design]\nmethod = "sobol"\nsamples = 524288\n'},
        ["sensitivity", "e.toml", "--serial"], ["2,097,152 runs", "--yes"]),
    "compare --reps 100000": Case({}, ["compare", "nurture", "harvest", "--reps", "100000"],
                                  ["not started", "400,000 runs", "in memory", "--yes"]),
    "compare --reps beyond the limit": Case({}, ["compare", "nurture", "harvest", "--reps", "100001"],
                                            ["--reps", "100000"], code=2),
    "calibrate 100,000 trials x 1,000 replications": Case(
        **_calibrate(calibration=_calibration(trials=100000, replications=1000)),
        names=["100,000,004 runs", "--yes"]),
    "experiment replications beyond the limit": Case(
        {"e.toml": EXPERIMENT.replace("replications = 1", "replications = 100001")},
        ["sweep", "e.toml", "--serial"], ["e.toml", "replications = 100001", "from 1 to 100000"]),
    # --- experiment output paths as documented: inside the working directory
    "experiment output absolute": Case({"e.toml": 'output = "/tmp/siyu-elsewhere"\n' + EXPERIMENT},
                                       ["sweep", "e.toml", "--serial"],
                                       ["e.toml", 'output = "/tmp/siyu-elsewhere"',
                                        "must be a folder inside the working directory"]),
    "experiment output through ..": Case({"e.toml": 'output = "results/../../elsewhere"\n' + EXPERIMENT},
                                         ["sweep", "e.toml", "--serial"],
                                         ["e.toml", 'output = "results/../../elsewhere"', 'without ".."']),
}


def _write(folder: Path, files: dict[str, str | bytes]) -> None:
    for name, content in files.items():
        path = folder / name
        path.parent.mkdir(parents=True, exist_ok=True)
        if isinstance(content, bytes):
            path.write_bytes(content)
        else:
            path.write_text(content, encoding="utf-8")


@pytest.mark.parametrize("case", list(CASES), ids=list(CASES))
def test_a_bad_input_is_refused_naming_it_and_nothing_is_written(case, work, no_run):
    c = CASES[case]
    _write(work, c.files)
    before = snapshot(work)
    result = siyu(*c.args)
    assert_refused(result, c.code, c.names, c.absent)
    assert snapshot(work) == before


# --- the catalogues of bad files, through the command line ------------------------------------

@pytest.mark.parametrize("name", sorted(CATALOGUE))
def test_every_bad_scenario_file_is_refused_by_run(name, work, no_run):
    shutil.copy(BAD_SCENARIOS / name, work / name)
    before = snapshot(work)
    text = assert_refused(siyu("run", name), 1, [name, *CATALOGUE[name]])
    assert "the scenario was not run" in text
    assert snapshot(work) == before  # no runs/ folder either


@pytest.mark.parametrize("path", BAD_EXPERIMENTS, ids=[p.stem for p in BAD_EXPERIMENTS])
def test_every_bad_experiment_file_is_refused_by_sweep(path, work, no_run):
    before = snapshot(work, path.parent)
    assert_refused(siyu("sweep", path, "--serial"), 1, [str(path), *expectations(path)])
    assert snapshot(work, path.parent) == before  # no results/ folder either


BAD_CALIBRATIONS = {  # (calibration file, observed CSV) → what the message names
    "bad_path": ("bad_path.toml", "good.csv", ['parameters."levers.store_qr.rate_at_full_executon"']),
    "bad_range": ("bad_range.toml", "good.csv", ['parameters."levers.store_qr.rate_at_full_execution"']),
    "all_held_out": ("all_held_out.toml", "good.csv", ["periods.held_out"]),
    "unknown_metric": ("unknown_metric.toml", "good.csv", ["metrics.revenu"]),
    "held_out_leaves_nothing": ("held_out_leaves_nothing.toml", "good.csv", ["periods"]),
    "bad_cell": ("good.toml", "bad_cell.csv", ["bad_cell.csv:3:2: members", "bad_cell.csv:4:3: new_members"]),
    "no_usable_column": ("good.toml", "no_usable_column.csv", ["no_usable_column.csv", "no usable column"]),
    "outside_horizon": ("good.toml", "outside_horizon.csv", ["outside_horizon.csv:4:1: period = 9"]),
    "unknown_column": ("good.toml", "unknown_column.csv", ["unknown_column.csv", "membrs"]),
}


@pytest.mark.parametrize("case", sorted(BAD_CALIBRATIONS))
def test_every_bad_calibration_fixture_is_refused_by_calibrate(case, work, no_run):
    calibration, observed, names = BAD_CALIBRATIONS[case]
    for name in (calibration, observed):
        shutil.copy(CALIBRATION_FILES / name, work / name)
    before = snapshot(work)
    assert_refused(siyu("calibrate", calibration, observed, "--serial"), 1, [*names])
    assert snapshot(work) == before  # no <name>_fit/ folder either


# --- faults while writing: Ctrl-C and a full disk ------------------------------------------

def test_compare_interrupted_says_so_in_one_line_and_keeps_the_earlier_report(work, monkeypatch):
    (work / "r.html").write_text("<p>the report of yesterday</p>", encoding="utf-8")
    before = snapshot(work)

    def interrupted(*a, **k):
        raise KeyboardInterrupt
    monkeypatch.setattr(core_commands, "compare", interrupted)
    result = siyu("compare", "nurture", "harvest", *SMALL, "--report", "r.html", "--out", "tables")
    assert_refused(result, 130, ["interrupted before the comparison finished: no report or table was written"])
    # one line, beside the note a first run after changing a rule gives of compiling the kernel
    said = [line for line in result.stderr.strip().splitlines() if not line.startswith("compiled the day kernel")]
    assert len(said) == 1, result.stderr
    assert snapshot(work) == before


def _full_disk(work: Path):
    """``os.write`` as on a full disk for any file under ``work``: half the bytes, then ENOSPC."""
    real_write = os.write

    def write(fd, data):
        if os.readlink(f"/proc/self/fd/{fd}").startswith(str(work)):
            real_write(fd, bytes(data)[: len(data) // 2])
            raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))
        return real_write(fd, data)
    return write


def _one_line_full_disk(result, path: str) -> None:
    text = assert_refused(result, 1, [f"cannot write {path}", "the disk is full", "needed", "free",
                                      "earlier files were left as they were"])
    assert len([ln for ln in result.stderr.splitlines() if ln.strip()]) == 1, text


def test_a_full_disk_is_one_line_and_the_earlier_report_stays_whole(work, monkeypatch):
    (work / "r.html").write_text("<p>the report of yesterday</p>", encoding="utf-8")
    before = snapshot(work)
    monkeypatch.setattr(os, "write", _full_disk(work))
    result = siyu("compare", "nurture", "harvest", *SMALL, "--no-baseline", "--report", "r.html", "--quiet")
    _one_line_full_disk(result, "r.html")
    assert snapshot(work) == before  # the report of yesterday, and no temporary file left


def test_a_full_disk_leaves_an_earlier_run_folder_as_it_was(work, monkeypatch):
    first = siyu("run", "nurture", *SMALL, "--out", "r", "--quiet")
    assert first.exit_code == 0, first.output
    before = snapshot(work)
    monkeypatch.setattr(os, "write", _full_disk(work))
    result = siyu("run", "nurture", *SMALL, "--seed", "9", "--out", "r", "--quiet")
    _one_line_full_disk(result, "r/")
    new = siyu("run", "nurture", *SMALL, "--out", "r2", "--quiet")
    _one_line_full_disk(new, "r2/")
    assert snapshot(work) == before  # nor an empty r2/


def test_a_full_disk_while_a_calibration_saves_is_one_line(work, monkeypatch):
    """The fit's result meets the full disk: the writer's one line, and no second one."""
    from siyu_sim.calibration import run
    from siyu_sim.config.output_files import write_files

    _write(work, {"c.toml": GOOD_CALIBRATION, "o.csv": GOOD_OBSERVED})

    def fit_then_save(prep, *a, **k):
        prep.folder.mkdir()
        write_files({prep.folder / "calibration.json": "{}" * 1000})
    monkeypatch.setattr(run, "calibrate", fit_then_save)
    monkeypatch.setattr(os, "write", _full_disk(work))
    result = siyu("calibrate", "c.toml", "o.csv", "--out", "fit", "--serial", "--quiet")
    _one_line_full_disk(result, "fit/calibration.json")
    assert list((work / "fit").iterdir()) == []


def test_a_full_disk_during_a_sweep_is_one_line_and_the_finished_runs_resume(work, monkeypatch):
    """pyarrow meets the full disk writing the second batch: one line, the first batch kept."""
    import pandas as pd

    (work / "e.toml").write_text(EXPERIMENT, encoding="utf-8")
    real, parts = pd.DataFrame.to_parquet, []

    def to_parquet(frame, path, *a, **k):
        parts.append(path)
        if len(parts) == 2:
            raise OSError(errno.ENOSPC, "Error writing bytes to file. Detail: [errno 28] No space left on device")
        return real(frame, path, *a, **k)
    with monkeypatch.context() as full:
        full.setattr(pd.DataFrame, "to_parquet", to_parquet)
        result = siyu("sweep", "e.toml", "--serial", "--batch-size", "1", "--quiet")
    assert_refused(result, 1, ["the disk is full: cannot write in results/e", "free there",
                               "finished runs are kept"])
    assert len([ln for ln in result.stderr.splitlines() if ln.strip()]) == 1, result.output
    again = siyu("sweep", "e.toml", "--serial", "--batch-size", "1")
    assert again.exit_code == 0 and "resumed: skipped 1 completed run(s)" in again.stderr, again.output


# --- what is accepted, and said -----------------------------------------------------------------

BOM = "\ufeff"


def test_a_byte_order_mark_is_accepted_in_every_file_a_user_edits(work, no_run):
    """Notepad saves UTF-8 with a byte-order mark; TOML forbids it; people have it."""
    from siyu_sim.calibration.run import prepare
    from siyu_sim.experiments import load_experiment

    _write(work, {"s.toml": BOM + SCENARIO, "e.toml": BOM + EXPERIMENT, "c.toml": BOM + GOOD_CALIBRATION,
                  "o.csv": BOM + GOOD_OBSERVED})
    ok = siyu("validate", "s.toml")
    assert ok.exit_code == 0 and "s.toml: ok (small: 20 days" in ok.output, ok.output
    assert load_experiment(work / "e.toml").n_runs == 2
    assert prepare(work / "c.toml", work / "o.csv", work / "fit").fit_periods == [1, 2, 3]


def test_replacing_a_report_is_announced(work):
    (work / "r.html").write_text("<p>old</p>", encoding="utf-8")
    result = siyu("compare", "nurture", "harvest", *SMALL, "--no-baseline", "--report", "r.html")
    assert result.exit_code == 0, result.output
    assert "replaced r.html" in result.stderr
    assert (work / "r.html").read_text(encoding="utf-8").startswith("<!DOCTYPE html>")
    assert [p.name for p in work.iterdir()] == ["r.html"]  # no temporary file left


def test_the_transactions_file_is_written_where_the_message_says(work):
    """A file name alone goes in the current folder, like every path a command takes, not in the run
    folder whose files the line before lists; the message gives its full path, so it cannot be read
    as the run folder, and the run's provenance.json records it."""
    import json

    result = siyu("run", "nurture", *SMALL, "--out", "r", "--transactions", "orders.parquet")
    assert result.exit_code == 0, result.output
    where = work / "orders.parquet"
    assert f"wrote every order to {where}" in result.stderr.splitlines()
    assert where.is_file() and not (work / "r" / "orders.parquet").exists()
    assert "wrote r/provenance.json, r/daily.parquet, r/daily.csv, r/scenario.toml" in result.stderr
    assert json.loads((work / "r" / "provenance.json").read_text())["transactions_file"] == str(where)
