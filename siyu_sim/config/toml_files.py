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

from ..words import Said
from .problems import ConfigError, ExperimentError, Problem, ScenarioError


@dataclass(frozen=True)
class FileKind:
    """What a kind of file is called, the error it raises, and the hints its problems give."""

    noun: str
    error: type[ConfigError]
    not_found_hint: str  # words.Said where a scenario's are said in Chinese too
    empty_hint: str


SCENARIO_FILE = FileKind("scenario", ScenarioError, Said.words("err_hint_scenario_path"),
                         Said.words("err_hint_scenario_empty"))
EXPERIMENT_FILE = FileKind("experiment", ExperimentError, "check the path",
                           "an experiment needs at least a name, scenarios, replications and "
                           "root_seed (see docs/experiments.md)")


def read_toml(path: str | Path, kind: FileKind = SCENARIO_FILE) -> dict[str, Any]:
    """The TOML table in ``path``, or ``kind.error`` saying plainly why there is none."""
    path = Path(path)
    source = str(path)
    if not path.exists():
        raise kind.error(source, [Problem("", Said.words("err_file_not_found", hint=kind.not_found_hint))])
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
        text = _decoded(raw, source, kind)
    else:
        text = raw
    text = text.removeprefix(BOM)  # Notepad's UTF-8 byte-order mark: TOML forbids it, people save it
    if all(not ln.strip() or ln.lstrip().startswith("#") for ln in text.splitlines()):
        raise kind.error(source, [Problem("", Said.words("err_file_empty", hint=kind.empty_hint))])
    try:
        return tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        raise kind.error(source, [_syntax_problem(str(exc), text)]) from None


#: The byte-order mark some editors (Notepad, Excel) put at the start of a UTF-8 file.
BOM = "\ufeff"
_UTF16_BOMS = (b"\xff\xfe", b"\xfe\xff")


def _utf16(raw: bytes) -> bool:
    """A UTF-16 file: its byte-order mark, or (mostly Latin text) every other byte zero."""
    if raw.startswith(_UTF16_BOMS):
        return True
    half = len(raw) // 2
    return half >= 2 and max(raw[0::2].count(0), raw[1::2].count(0)) >= 0.8 * half


def text_problem(raw: bytes, fix: str) -> tuple[str, str | None]:
    """A file's UTF-8 text (a byte-order mark removed) and None; or, when it is not UTF-8 text,
    None and what it is instead (UTF-16, GBK: the defaults of Windows and of Excel on Chinese
    Windows), ending with ``fix`` (how to save it as UTF-8)."""
    if _utf16(raw):
        return None, f"is UTF-16 text, not UTF-8; {fix}"
    if b"\x00" in raw:
        return None, "is not a text file (it contains binary data)"
    try:
        return raw.decode("utf-8").removeprefix(BOM), None
    except UnicodeDecodeError as exc:
        where = f"bad byte at offset {exc.start}"
    try:
        raw.decode("gb18030")
        where += "; it looks like GBK, the Chinese Windows default"
    except UnicodeDecodeError:
        pass
    return None, f"is not UTF-8 text ({where}); {fix}"


def _decoded(raw: bytes, source: str, kind: FileKind) -> str:
    """The file's text: UTF-8 (with or without a byte-order mark); anything else is named."""
    text, problem = text_problem(raw, "save it as UTF-8")
    if problem is None:
        return text
    if problem.startswith("is not a text file"):
        problem += f"; {_a(kind.noun)} is a TOML text file"
    raise kind.error(source, [Problem("", problem)])


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
