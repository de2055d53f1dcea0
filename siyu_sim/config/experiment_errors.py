"""Error reports for experiment files: every problem at once, each naming the file, the
key path, the value, what is allowed and, where we can guess, what was meant."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

_MISSING = object()


@dataclass(frozen=True)
class Problem:
    file: str
    path: str
    message: str
    value: Any = _MISSING
    allowed: str | None = None
    suggestion: str | None = None

    def __str__(self) -> str:
        # Rendered by the scenario-file problem, so both kinds of file read the same:
        # file: key = value: message; allowed: …; did you mean `…`?
        from .scenario_files import _UNSET, Problem as FileProblem

        value = _UNSET if self.value is _MISSING else self.value
        return FileProblem(self.path, self.message, value, self.allowed, self.suggestion).render(self.file)


class ExperimentError(ValueError):
    """An experiment file that cannot be run; ``problems`` lists everything found."""

    def __init__(self, problems: list[Problem]):
        self.problems = list(problems)
        n = len(self.problems)
        source = self.problems[0].file if self.problems else "experiment"
        head = f"{source}: {n} problem{'s' if n != 1 else ''}, nothing was run:"
        super().__init__("\n".join([head, *(f"  {p}" for p in self.problems)]))
