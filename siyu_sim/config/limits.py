"""How big a command may get: the most replications a file or ``--reps`` may ask for, and
when an experiment is huge enough that the command asks for ``--yes`` before starting it
(saying how many runs, and roughly how many bytes it will write or hold). One home, so that
sweeps, sensitivity analyses, comparisons and calibrations draw the line in the same place.
"""

from __future__ import annotations

from dataclasses import dataclass

#: Replications per scenario and setting (experiment files, ``siyu compare --reps``).
MAX_REPLICATIONS = 100_000
#: Above this many runs, or this many bytes, an experiment needs ``--yes``: a typo (an extra
#: zero in ``samples`` or ``--reps``) should cost a message, not a night and a full disk.
HUGE_RUNS = 100_000
HUGE_BYTES = 1e9
#: Bytes per stored number (float64), and a run's own records (design row, manifest line).
_VALUE_BYTES = 8
_RUN_RECORD_BYTES = 500


@dataclass(frozen=True)
class Plan:
    """What a command is about to do: its runs, and roughly the bytes of its results."""

    runs: int
    bytes: float = 0.0

    @property
    def huge(self) -> bool:
        return self.runs > HUGE_RUNS or self.bytes > HUGE_BYTES


def table_plan(runs: int, rows_per_run: int, columns: int) -> Plan:
    """A plan whose runs each keep ``rows_per_run`` rows of ``columns`` numbers."""
    return Plan(runs, float(runs) * (rows_per_run * columns * _VALUE_BYTES + _RUN_RECORD_BYTES))


class HugeExperiment(Exception):
    """An experiment above the limits, not confirmed (``--yes``); nothing was started."""

    def __init__(self, plan: Plan, source: str):
        super().__init__(f"{source}: {plan.runs:,} runs")
        self.plan = plan
        self.source = source
