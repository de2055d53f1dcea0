"""``siyu app`` started as a user starts it, for the tests that talk to it over HTTP: on a free
port, its output in a file, waited for until it answers (a condition, not a time)."""

from __future__ import annotations

import contextlib
import os
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

SIYU = str(Path(sys.executable).with_name("siyu"))  # the command a user runs
SMALL_RUN = ["--customers", "2000", "--days", "90"]  # quick on a shared machine


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def wait_for_url(url: str, proc: subprocess.Popen, log: Path, timeout: float = 90.0) -> None:
    """Poll ``url`` until it answers 200; fail with the app's output if it dies or times out."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if proc.poll() is not None:
            raise AssertionError(f"siyu app exited ({proc.returncode}): {log.read_text()}")
        try:
            with urllib.request.urlopen(url, timeout=2) as r:
                if r.status == 200:
                    return
        except OSError:
            time.sleep(0.2)  # polling interval, not a wait for the app: the loop waits for a condition
    raise AssertionError(f"{url} did not answer within {timeout} s: {log.read_text()}")


@contextlib.contextmanager
def siyu_app(log: Path, *args: str):
    """``siyu app *args --port P --no-browser``, stdout and stderr to ``log``; yields its URL
    (``http://127.0.0.1:P/``) once it answers, and stops it after."""
    port = free_port()
    with open(log, "w", encoding="utf-8") as out:
        proc = subprocess.Popen([SIYU, "app", *args, "--port", str(port), "--no-browser"],
                                stdout=out, stderr=subprocess.STDOUT, text=True,
                                env={**os.environ, "PYTHONUNBUFFERED": "1"})
    try:
        url = f"http://127.0.0.1:{port}/"
        wait_for_url(url + "favicon.ico", proc, log)  # served without starting a page's runs
        yield url
    finally:
        proc.terminate()
        proc.wait(timeout=20)
