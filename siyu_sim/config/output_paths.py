"""Where results will be written, checked before any work starts.

``check_output_file(path, option, kind)`` and ``check_output_dir(path, option)`` return the
path when it can be written, else raise :class:`OutputPathError` whose message names the
option and the path and says what is wrong: a file path that is a directory, a name whose
suffix does not fit what is written (``--report r.pdf``: the report is HTML), a missing
parent folder (never created silently for a file), a path through a file, a place this user
cannot write. A folder that does not exist yet may be created (with its missing parents)
where the nearest existing folder above it is writable. ``inside(base, name)`` is
``base / name`` when ``name`` stays inside ``base``.

A command writes its files into a folder only when the folder is its own (``own_folder``,
the one rule: missing, empty, or holding the command's marker file, the first file it writes
there), and never over one of its inputs (``check_not_inputs``): no command replaces or
deletes a file it did not create.

Whether a place can be written is tried, not guessed from permission bits (which say
nothing for root, read-only mounts or /proc): a file is opened for appending, or created and
removed again; a folder gets a temporary file, removed at once. Nothing else is written.
"""

from __future__ import annotations

import os
import tempfile
from dataclasses import dataclass
from pathlib import Path
from typing import Iterable


class OutputPathError(ValueError):
    """An output path that cannot be written; the message names it."""


@dataclass(frozen=True)
class OutputKind:
    """What a file option writes: its name in a message, the suffixes that say so, and the
    file name suggested when a folder is given instead."""

    what: str
    suffixes: tuple[str, ...]
    example: str


HTML_REPORT = OutputKind("an HTML page", (".html", ".htm"), "report.html")
PARQUET_FILE = OutputKind("a Parquet file", (".parquet",), "orders.parquet")
PPTX_DECK = OutputKind("a PowerPoint deck", (".pptx",), "deck.pptx")


def _label(option: str | None, path: Path) -> str:
    return f"{option} {path}" if option else str(path)


def _existing_ancestor(path: Path) -> Path:
    here = path.absolute()
    while not here.exists() and here != here.parent:
        here = here.parent
    return here


def _reason(exc: OSError) -> str:
    return exc.strerror or str(exc)


def _writable_dir(folder: Path, label: str) -> None:
    if not folder.is_dir():
        raise OutputPathError(f"{label}: {folder} is a file, not a folder")
    try:
        with tempfile.TemporaryFile(dir=folder):
            pass
    except OSError as exc:
        raise OutputPathError(f"{label}: cannot write in {folder} ({_reason(exc)})") from None


def _writable_file(path: Path, label: str) -> None:
    try:
        if path.exists():
            with open(path, "ab"):
                pass
        else:
            os.close(os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL))
            os.unlink(path)
    except OSError as exc:
        raise OutputPathError(f"{label}: cannot write {path} ({_reason(exc)})") from None


def check_output_file(path, option: str | None = None, kind: OutputKind | None = None) -> Path:
    """``path`` if a file (of ``kind``) can be written there (it may exist: it will be replaced)."""
    path = Path(path)
    label = _label(option, path)
    if str(path).strip() == "":
        raise OutputPathError(f"{option or 'output'}: empty path")
    if path.is_dir():
        example = f", e.g. {path / kind.example}" if kind else ""
        raise OutputPathError(f"{label}: is a folder; give a file name{example}")
    if kind and path.suffix.lower() not in kind.suffixes:
        raise OutputPathError(f"{label}: writes {kind.what}; give a name ending in "
                              f"{' or '.join(kind.suffixes)}, e.g. {path.with_suffix(kind.suffixes[0])}")
    parent = path.absolute().parent
    if not parent.exists():
        above = _existing_ancestor(parent)
        if not above.is_dir():
            raise OutputPathError(f"{label}: {above} is a file, not a folder")
        raise OutputPathError(f"{label}: the folder {path.parent} does not exist (create it first)")
    if not parent.is_dir():
        raise OutputPathError(f"{label}: {path.parent} is a file, not a folder")
    _writable_file(path, label)
    return path


def check_output_dir(path, option: str | None = None) -> Path:
    """``path`` if results can be written in it: an existing writable folder, or a new one
    whose nearest existing folder above is writable."""
    path = Path(path)
    label = _label(option, path)
    if str(path).strip() == "":
        raise OutputPathError(f"{option or 'output'}: empty path")
    if path.exists():
        if not path.is_dir():
            raise OutputPathError(f"{label}: is a file, not a folder")
        _writable_dir(path, label)
        return path
    _writable_dir(_existing_ancestor(path), label)
    return path


def own_folder(path, marker: str | tuple[str, ...]) -> bool:
    """The one rule by which a command knows a folder as its own: it does not exist yet, it is
    empty, or it holds ``marker`` (or one of several), what the command writes there first. Any
    other folder holds someone else's files, which the command must not replace."""
    path = Path(path)
    markers = (marker,) if isinstance(marker, str) else marker
    return not path.is_dir() or not any(path.iterdir()) or any((path / m).exists() for m in markers)


def check_own_dir(path, marker: str | tuple[str, ...], owner: str, option: str | None = None) -> Path:
    """``check_output_dir``, and refused unless the folder is the command's own (``own_folder``);
    ``owner`` names such a folder: "an experiment results folder"."""
    path = check_output_dir(path, option)
    if not own_folder(path, marker):
        first = marker if isinstance(marker, str) else marker[0]
        raise OutputPathError(f"{_label(option, path)}: is not empty and is not {owner} (it has no {first}); "
                              "give a new or empty folder, so that no file of yours is replaced")
    return path


def check_not_inputs(outputs: Iterable, inputs: Iterable, option: str | None = None,
                     given: Path | str | None = None) -> None:
    """Refuse (OutputPathError) when an output path is one of the inputs, or a folder the
    command may clear that holds one: inputs are never output names. ``given`` is the path as
    the option gave it (a folder, whose files are ``outputs``)."""
    inputs = [Path(p) for p in inputs if p is not None]
    for out in map(Path, outputs):
        target = out.resolve()
        for source in inputs:
            if source.resolve() == target or source.resolve().is_relative_to(target):
                raise OutputPathError(f"{_label(option, Path(given or out))}: would replace {source}, an input "
                                      "of this command; write the results somewhere else")


def inside(base, name: str) -> Path:
    """``base / name``, refused (OutputPathError) when ``name`` would lead outside ``base``
    (``..``, an absolute path, a path separator)."""
    base = Path(base)
    candidate = base / name
    if (os.sep in name or (os.altsep and os.altsep in name) or Path(name).is_absolute()
            or name in ("", ".", "..")
            or not candidate.resolve().is_relative_to(base.resolve())):
        raise OutputPathError(f"{name!r} cannot name a folder inside {base}: it would lead outside it")
    return candidate
