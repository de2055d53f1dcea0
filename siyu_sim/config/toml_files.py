"""The one TOML reader for scenario and experiment files.

Whatever keeps a file from being a TOML table (missing, a directory, binary, not UTF-8,
empty, a syntax error) becomes one Problem that says so plainly, with the line and column
of a syntax error and the offending line under a caret.
"""

from __future__ import annotations

import re
import tomllib
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from .problems import ConfigError, ExperimentError, Problem, ScenarioError


@dataclass(frozen=True)
class FileKind:
    """What a kind of file is called, the error it raises, and the hints its problems give."""

    noun: str
    error: type[ConfigError]
    not_found_hint: str
    empty_hint: str


SCENARIO_FILE = FileKind("scenario", ScenarioError,
                         "check the path; `siyu scenarios` lists the shipped ones",
                         "a scenario needs at least a name and some [levers.*] tables "
                         "(see docs/scenarios.md)")
EXPERIMENT_FILE = FileKind("experiment", ExperimentError, "check the path",
                           "an experiment needs at least a name, scenarios, replications and "
                           "root_seed (see docs/experiments.md)")


def read_toml(path: str | Path, kind: FileKind = SCENARIO_FILE) -> dict[str, Any]:
    """The TOML table in ``path``, or ``kind.error`` saying plainly why there is none."""
    path = Path(path)
    source = str(path)
    if not path.exists():
        raise kind.error(source, [Problem("", f"file not found ({kind.not_found_hint})")])
    if path.is_dir():
        raise kind.error(source, [Problem("", f"is a directory, not {_a(kind.noun)} file")])
    try:
        raw = path.read_bytes()
    except OSError as exc:
        raise kind.error(source, [Problem("", f"cannot be read: {exc.strerror or exc}")]) from None
    return parse_toml(raw, source, kind)


def parse_toml(raw: bytes | str, source: str = "<text>",
               kind: FileKind = SCENARIO_FILE) -> dict[str, Any]:
    if isinstance(raw, bytes):
        if b"\x00" in raw:
            raise kind.error(source, [Problem("", f"is not a text file (it contains binary data); "
                                                  f"{_a(kind.noun)} is a TOML text file")])
        try:
            text = raw.decode("utf-8")
        except UnicodeDecodeError as exc:
            raise kind.error(source, [Problem("", f"is not UTF-8 text (bad byte at offset "
                                                  f"{exc.start}); save it as UTF-8 TOML")]) from None
    else:
        text = raw
    if all(not ln.strip() or ln.lstrip().startswith("#") for ln in text.splitlines()):
        raise kind.error(source, [Problem("", f"is empty: {kind.empty_hint}")])
    try:
        return tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        raise kind.error(source, [_syntax_problem(str(exc), text)]) from None


def _a(noun: str) -> str:
    return ("an " if noun[0] in "aeiou" else "a ") + noun


def _syntax_problem(message: str, text: str) -> Problem:
    found = re.search(r"\(at line (\d+), column (\d+)\)", message)
    reason = re.sub(r"\s*\(at (line \d+, column \d+|end of document)\)", "", message)
    if not found:
        return Problem("", f"TOML syntax error at the end of the file: {reason}")
    line, column = int(found.group(1)), int(found.group(2))
    lines = text.splitlines()
    shown = lines[line - 1] if 0 < line <= len(lines) else ""
    caret = f"\n      {shown}\n      {' ' * (column - 1)}^" if shown else ""
    return Problem("", f"TOML syntax error at line {line}, column {column}: {reason}{caret}",
                   line=line, column=column)
