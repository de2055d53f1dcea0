"""`--scheduler` (and $DASK_SCHEDULER_ADDRESS) are checked at the command line: a bad address is
one clear usage error naming the option and what is allowed, before anything starts (it used
to reach Dask and end in a ValueError traceback)."""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import pytest
from typer.testing import CliRunner

from _experiment_helpers import write_experiment
from siyu_sim.cli import app
from siyu_sim.cli.scheduler import scheduler_problem

CALIBRATION = Path(__file__).parent / "calibration_files"


def _flat(text: str) -> str:
    """The message without the error box's frame and line breaks."""
    return " ".join(re.sub(r"[│╭╮╰╯─]", " ", text).split())


@pytest.fixture
def commands(tmp_path):
    experiment = write_experiment(tmp_path, "")
    shutil.copy(CALIBRATION / "good.toml", tmp_path / "calibration.toml")
    shutil.copy(CALIBRATION / "good.csv", tmp_path / "observed.csv")
    out = str(tmp_path / "out")
    search = write_experiment(tmp_path, '[factors."levers.coupon.depth"]\nrange = [0.0, 0.3]\n[optimise]\ntrials = 2\n',
                              name="search")
    return {"sweep": ["sweep", str(experiment), "--out", out], "optimise": ["optimise", str(search), "--out", out],
            "sensitivity": ["sensitivity", str(experiment), "--out", out],
            "calibrate": ["calibrate", str(tmp_path / "calibration.toml"), str(tmp_path / "observed.csv"),
                          "--out", out]}


BAD = {"notaurl": "no port number", "tcp://localhost": "no port number", "tcp://host:abc": "the port is not a number",
       "tcp://:8786": "no host", "tcp://host:70000": "port 70000 is outside 1-65535",
       "inproc://": "unknown scheme 'inproc://'", "http://host:8786": "unknown scheme 'http://'"}


@pytest.mark.parametrize("command", ["sweep", "sensitivity", "calibrate", "optimise"])
@pytest.mark.parametrize("address", list(BAD))
def test_a_bad_scheduler_address_is_a_clear_usage_error_before_anything_starts(commands, tmp_path, monkeypatch,
                                                                                command, address):
    monkeypatch.delenv("DASK_SCHEDULER_ADDRESS", raising=False)
    res = CliRunner().invoke(app, commands[command] + ["--scheduler", address])
    text = _flat(res.output)
    assert res.exit_code == 2, text
    assert f"Invalid value for '--scheduler': '{address}' is not a Dask scheduler address ({BAD[address]})" in text
    assert "allowed: tcp://HOST:PORT" in text
    assert "Traceback" not in text and isinstance(res.exception, SystemExit)  # no exception but the exit
    assert not (tmp_path / "out").exists()  # nothing started, nothing written


@pytest.mark.parametrize("command", ["sweep", "calibrate", "optimise"])
def test_a_bad_address_in_the_environment_is_named_when_it_would_be_used(commands, tmp_path, monkeypatch,
                                                                         command):
    monkeypatch.setenv("DASK_SCHEDULER_ADDRESS", "localhost")
    res = CliRunner().invoke(app, commands[command])
    assert res.exit_code == 1, res.output
    assert "error: $DASK_SCHEDULER_ADDRESS is 'localhost', not a Dask scheduler address (no port number)" \
        in res.output and "unset it" in res.output and "Traceback" not in res.output
    assert not (tmp_path / "out").exists()
    # --serial does not use it: nothing to refuse
    res = CliRunner().invoke(app, commands[command] + ["--serial", "--quiet"])
    assert res.exit_code == 0, res.output


@pytest.mark.parametrize("address", ["tcp://10.0.0.5:8786", "10.0.0.5:8786", "tcp://[::1]:8786",
                                     "tcp://scheduler.example:8786", "ws://host:8786"])
def test_addresses_dask_takes_pass(address):
    assert scheduler_problem(address) is None


def test_tls_without_dask_tls_settings_is_named():
    assert "needs Dask's TLS settings" in scheduler_problem("tls://host:8786")
