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
        where = f"{self.file}: {self.path}" if self.path else self.file
        parts = [f"{where}: {self.message}"]
        extra = []
        if self.value is not _MISSING:
            extra.append(f"got {self.value!r}")
        if self.allowed:
            extra.append(f"allowed: {self.allowed}")
        if extra:
            parts.append(" (" + "; ".join(extra) + ")")
        if self.suggestion:
            parts.append(f"; did you mean {self.suggestion!r}?")
        return "".join(parts)


class ExperimentError(ValueError):
    """An experiment file that cannot be run; ``problems`` lists everything found."""

    def __init__(self, problems: list[Problem]):
        self.problems = list(problems)
        n = len(self.problems)
        head = f"{n} problem{'s' if n != 1 else ''} in experiment file"
        super().__init__(head + ":\n" + "\n".join(f"  - {p}" for p in self.problems))
