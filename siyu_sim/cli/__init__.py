"""The ``siyu`` command line. The only part of siyu_sim that knows about the terminal;
nothing imports it. Each command group lives in its own module and registers on ``app``."""

from __future__ import annotations

import contextlib
import os
import signal
import sys

from .app import app

# Command modules register themselves on import (one line per module).
from . import core_commands  # noqa: E402,F401  (run, compare, validate, scenarios)
from . import experiment_commands  # noqa: E402,F401  (sweep, sensitivity)
from . import report_commands  # noqa: E402,F401  (report)
from . import app_command  # noqa: E402,F401  (app)
from . import calibrate_command  # noqa: E402,F401  (calibrate)
from . import discover_command  # noqa: E402,F401  (discover)
from . import optimise_command  # noqa: E402,F401  (optimise)
from .core_commands import EXIT_INTERRUPTED  # noqa: E402


def main() -> None:
    try:
        app()
    finally:
        _end_at_once_on_ctrl_c()


def _end_at_once_on_ctrl_c() -> None:
    """The command has ended (a Ctrl-C it took included, said in one line); what is left is the
    interpreter's tidying up: joining a process pool's threads, exit hooks. A Ctrl-C now would
    print a KeyboardInterrupt traceback there and let it go on: it ends the process at once
    instead, exit 130. Not where Ctrl-C is ignored (nohup)."""
    if signal.getsignal(signal.SIGINT) is not signal.SIG_IGN:
        signal.signal(signal.SIGINT, _exit_interrupted)


def _exit_interrupted(signum, frame) -> None:
    for stream in (sys.stdout, sys.stderr):  # what the command said is not lost
        with contextlib.suppress(Exception):
            stream.flush()
    os._exit(EXIT_INTERRUPTED)
