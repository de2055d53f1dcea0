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
        # the same shape as scenario-file problems: file: key = value: message; allowed: …; did you mean `…`?
        parts = [self.file]
        if self.path:
            parts.append(self.path if self.value is _MISSING else f"{self.path} = {_show(self.value)}")
        text = ": ".join(parts) + ": " + self.message
        if self.allowed:
            text += f"; allowed: {self.allowed}"
        if self.suggestion:
            text += f"; did you mean `{self.suggestion}`?"
        return text


def _show(value: Any) -> str:
    try:
        from ..scenario_files import show_value
    except ImportError:  # pragma: no cover - older scenario_files
        return repr(value)
    return show_value(value)


class ExperimentError(ValueError):
    """An experiment file that cannot be run; ``problems`` lists everything found."""

    def __init__(self, problems: list[Problem]):
        self.problems = list(problems)
        n = len(self.problems)
        source = self.problems[0].file if self.problems else "experiment"
        head = f"{source}: {n} problem{'s' if n != 1 else ''}, nothing was run:"
        super().__init__("\n".join([head, *(f"  {p}" for p in self.problems)]))
