"""The ``siyu`` command line. The only part of siyu_sim that knows about the terminal;
nothing imports it. Each command group lives in its own module and registers on ``app``."""

from __future__ import annotations

from .app import app

# Command modules register themselves on import (one line per module).
from . import core_commands  # noqa: E402,F401  (run, compare, validate, scenarios)
from . import experiment_commands  # noqa: E402,F401  (sweep, sensitivity)
from . import report_commands  # noqa: E402,F401  (report)
from . import app_command  # noqa: E402,F401  (app)
from . import calibrate_command  # noqa: E402,F401  (calibrate)


def main() -> None:
    app()
