"""Every ``siyu`` command speaks Chinese under ``--lang zh``: each command is run on a tiny
brand with ``--lang zh`` (status lines and progress included, not ``--quiet``), and its whole
output, stdout and stderr, is searched for English sentences — three English words in a row,
once file paths, options, key paths and identifiers (``cum_profit``, ``levers.coupon.depth``) and
lists of them (the keys or lever types a file may use),
numbers and the names a Chinese reader uses as they are (GMV, ROI, Dask) are set aside. The
same search finds English in the English output of the same commands (so a pass means
something), and in a Chinese line with one English sentence left in it.

The app is served by ``siyu app``; here its refusals are checked (the served page is
``test_app_served.py``'s and the browser tests'). Of the errors, a scenario file's commonest
problems are said in Chinese (unknown key, out of range, wrong type, unknown lever type or
scenario, a missing file, a bad ``--set``) and checked here; experiment and calibration files'
own problems are still English."""

from __future__ import annotations

import re
import shutil
import socket
from pathlib import Path

import pytest
from typer.testing import CliRunner

from _experiment_helpers import write_experiment
from siyu_sim.cli import app

CALIBRATION = Path(__file__).parent / "calibration_files"
#: Names a Chinese reader reads as they are (products, libraries, methods, abbreviations).
AS_THEY_ARE = {"GMV", "ROI", "CNY", "DOMAIN", "Dask", "Mesa", "siyu", "TOML", "CSV", "Excel", "Parquet",
               "Sobol", "Morris", "sobol", "morris", "ST", "S1", "mu", "sigma", "ETA", "WeCom", "QR", "TPE",
               "LTV", "HTML", "Ctrl", "Gamma"}
WORD = r"[A-Za-z][A-Za-z'’]+"
#: A character of a path or an identifier: not a space, not Chinese, not full-width punctuation.
PLAIN = r"[^\s\u3000-\u9fff\uff00-\uffef]"
#: Between two words of a sentence: a space after a comma or colon (no space: a CSV header), brackets.
SEP = r"(?:[,;:]?\s+|\s*[()\-–]\s*)"
SENTENCE = re.compile(rf"{WORD}(?:{SEP}{WORD}){{2,}}")


def english(text: str) -> list[str]:
    """The English sentences (three words or more in a row) in ``text``."""
    found = []
    for line in text.splitlines():
        line = re.sub(r"`[^`]*`", " ", line)                   # code: a command to type
        line = re.sub(rf"\bsiyu(?: +{PLAIN}+)+", " ", line)      # a command line
        line = re.sub(rf"{PLAIN}*[/\\]{PLAIN}*", " ", line)      # paths
        line = re.sub(r"(?<!\w)--?[A-Za-z][\w-]*", " ", line)   # options
        line = re.sub(r"\b\w+(?:[._]\w+)+\b", " ", line)        # identifiers, key paths, file names
        line = re.sub(r"\b(?:[A-Za-z]\w*, ){2,}[A-Za-z]\w*\b", " ", line)  # a list of names: keys, types
        line = re.sub(r"\d[\d,.]*", " ", line)                  # numbers
        line = " ".join(w if w.strip("()（）:：,，") not in AS_THEY_ARE else "·" for w in line.split(" "))
        found += SENTENCE.findall(line)
    return found


def test_the_search_finds_english():
    assert english("已写入 runs/a：the scenario was not run") == ["the scenario was not run"]
    assert english("nurture.toml: ok (nurture: 365 days, 7 levers, 10,000 customers)")
    assert not english("养（关系经营） · 累计利润（元）（cum_profit）· morris")
    assert not english("siyu compare nurture harvest --report r.html --lang zh")
    assert not english("GMV ROI CNY")
    assert not english("允许：以下之一：account_ban, broadcast, care, coupon, execution")  # names to type


def _run(args: list[str], *, code: int = 0) -> str:
    result = CliRunner().invoke(app, args)
    assert result.exit_code == code, result.output
    return result.output


@pytest.fixture(scope="module")
def work(tmp_path_factory) -> Path:
    return tmp_path_factory.mktemp("lang")


@pytest.fixture(scope="module")
def outputs(work) -> dict[str, str]:
    """Each command's output under --lang zh, and in English for a few."""
    tiny = ["--days", "20", "--customers", "150"]
    grid = write_experiment(work, '[factors."levers.broadcast.frequency_per_day"]\nvalues = [1, 3]\n'
                                  'name = "frequency"\n', name="grid", replications=1)
    morris = write_experiment(work, '[factors."behaviour.trust.content_gain"]\nrange = [0.005, 0.05]\n'
                                    '[factors."economics.unit_cost_cny"]\nrange = [20.0, 40.0]\n'
                                    '[design]\nmethod = "morris"\nsamples = 2\noutputs = ["cum_profit"]\n',
                              name="morris", replications=1)
    search = write_experiment(work, '[factors."levers.broadcast.frequency_per_day"]\nrange = [0.5, 3.0]\n'
                                    'name = "frequency"\n[optimise]\ntrials = 3\nbatch = 2\n', name="search",
                              replications=1)
    bad = work / "bad.toml"  # an unknown key, a value out of range, one of the wrong type, an unknown lever
    bad.write_text('name = "bad"\n[population]\ninitial_member_shar = 0.3\n[levers.broadcast]\n'
                   'frequency_per_day = -2\ncontent_quality = "high"\n[levers.coupn]\ndepth = 0.2\n', encoding="utf-8")
    shutil.copy(CALIBRATION / "good.toml", work / "calibration.toml")
    shutil.copy(CALIBRATION / "good.csv", work / "observed.csv")
    zh = ["--lang", "zh"]
    out = {
        "run": _run(["run", "nurture", *tiny, "--out", str(work / "run"), *zh]),
        "compare": _run(["compare", "nurture", "harvest", *tiny, "--reps", "2", "--report", str(work / "c.html"),
                         "--out", str(work / "tables"), *zh]),
        "validate": _run(["validate", "nurture", "harvest", *zh]),
        "validate a bad file": _run(["validate", str(bad), *zh], code=1),
        "validate a bad --set": _run(["validate", "nurture", "--set", "levers.broadcast.frequency_per_day=-2", *zh],
                                     code=1),
        "run an unknown scenario": _run(["run", "nurtur", *zh], code=1),
        "compare a missing file": _run(["compare", "nurture", str(work / "missing.toml"), *zh], code=1),
        "scenarios": _run(["scenarios", *zh]),
        "sweep": _run(["sweep", str(grid), "--serial", "--csv", "--out", str(work / "grid"), *zh]),
        "report": _run(["report", str(work / "grid"), "-o", str(work / "grid.html"), *zh]),
        "sensitivity": _run(["sensitivity", str(morris), "--serial", "--out", str(work / "morris"), *zh]),
        "sensitivity of a grid": _run(["sensitivity", str(grid), "--serial", *zh], code=1),
        "optimise": _run(["optimise", str(search), "--serial", "--out", str(work / "search"), *zh]),
        "calibrate --template": _run(["calibrate", "--template", *zh]),
        "calibrate": _run(["calibrate", str(work / "calibration.toml"), str(work / "observed.csv"), "--serial",
                           *zh]),
        "calibrate without files": _run(["calibrate", *zh], code=2),
        "app on a bad port": _run(["app", "--port", "80", "--no-browser", *zh], code=1),
    }
    with socket.socket() as taken:  # a port another program listens on
        taken.bind(("127.0.0.1", 0))
        taken.listen()
        out["app on a taken port"] = _run(["app", "--port", str(taken.getsockname()[1]), "--no-browser", *zh],
                                          code=1)
    out["en: validate"] = _run(["validate", "nurture"])
    out["en: validate a bad file"] = _run(["validate", str(bad)], code=1)
    out["en: scenarios"] = _run(["scenarios"])
    out["en: run"] = _run(["run", "nurture", *tiny, "--out", str(work / "run_en")])
    return out


COMMANDS = ("run", "compare", "validate", "validate a bad file", "validate a bad --set", "run an unknown scenario",
            "compare a missing file", "scenarios", "sweep", "report", "sensitivity", "sensitivity of a grid", "optimise",
            "calibrate --template", "calibrate", "calibrate without files", "app on a bad port",
            "app on a taken port")


@pytest.mark.parametrize("command", COMMANDS)
def test_a_command_speaks_chinese(outputs, command):
    text = outputs[command]
    assert re.search(r"[\u4e00-\u9fff]", text), f"{command}: no Chinese at all:\n{text}"
    assert not english(text), f"siyu {command} --lang zh printed English: {english(text)}\n{text}"


@pytest.mark.parametrize("command", ("validate", "validate a bad file", "scenarios", "run"))
def test_the_same_commands_in_english_are_found_english(outputs, command):
    assert english(outputs[f"en: {command}"])
