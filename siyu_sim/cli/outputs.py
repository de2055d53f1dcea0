"""What every command does about its outputs, said the same way: a path that cannot be used
is refused before any work (``checked``), a huge experiment waits for ``--yes``
(``confirm_size``), files are written whole or not at all and a failed write is one line
(``writing``), and a file that was replaced is named (``announce_replaced``)."""

from __future__ import annotations

import contextlib
from pathlib import Path
from typing import Annotated, Iterable, Iterator

import typer

from ..config.limits import HUGE_BYTES, HUGE_RUNS, Plan
from ..config.output_files import OutputWriteError, disk_full, free_space, size_text
from ..config.output_paths import OutputKind, OutputPathError, check_output_file, check_own_dir
from ..words import t
from .terminal import _status

EXIT_INVALID = 1

YesOpt = Annotated[bool, typer.Option(
    "--yes", help=f"Start even a huge experiment (over {HUGE_RUNS:,} runs or {size_text(HUGE_BYTES)} of "
                  "results) without stopping to say how big it is.")]


def fail(message: str) -> typer.Exit:
    """Print ``message`` on stderr; the Exit (code 1) to raise."""
    typer.echo(message, err=True)
    return typer.Exit(EXIT_INVALID)


def error(exc, lang: str = "en") -> typer.Exit:
    """Print "error: …" (in ``lang``) with the exception's own words; the Exit (code 1) to raise.
    A store another command is using is said in ``lang`` whole."""
    from ..experiments.resumable import StoreBusy

    if isinstance(exc, StoreBusy):
        return fail(t("status_store_busy", lang, folder=exc.folder))
    return fail(t("cli_error", lang, message=exc))


@contextlib.contextmanager
def checked(lang: str = "en") -> Iterator[None]:
    """An output path refused by ``config.output_paths`` → its one-line error, exit 1."""
    try:
        yield
    except OutputPathError as exc:
        raise error(exc, lang) from None


def output_file(path: Path | None, option: str, kind: OutputKind, lang: str = "en") -> None:
    """Exit 1 naming ``path`` unless a file of ``kind`` can be written there: before any work."""
    if path is not None:
        with checked(lang):
            check_output_file(path, option, kind)


def output_folder(path: Path | None, option: str, marker: str | tuple[str, ...], owner: str,
                  lang: str = "en") -> None:
    """Exit 1 naming ``path`` unless it is a folder the command may write into (new, empty, or
    its own: holding ``marker``): before any work."""
    if path is not None:
        with checked(lang):
            check_own_dir(path, marker, owner, option)


@contextlib.contextmanager
def writing(lang: str = "en") -> Iterator[None]:
    """A write that failed (a full disk, a folder made read-only meanwhile) → one line naming the
    file and, for a full disk, the space needed and free; exit 1. Nothing was replaced."""
    try:
        yield
    except OutputWriteError as exc:
        raise error(exc, lang) from None


@contextlib.contextmanager
def removed_if_empty(folder: Path | None) -> Iterator[None]:
    """A folder the command created is removed again when the work in it fails and leaves it empty."""
    try:
        yield
    except BaseException:
        with contextlib.suppress(OSError):
            if folder is not None:
                folder.rmdir()
        raise


@contextlib.contextmanager
def resumable_on_full_disk(folder: Path, lang: str) -> Iterator[None]:
    """A full disk met while a resumable command (sweep, calibrate) stores its runs in ``folder``
    → one line: where, the space free, that finished runs are kept and how to go on; exit 1."""
    try:
        yield
    except typer.Exit:
        raise
    except Exception as exc:
        if not disk_full(exc):
            raise
        raise fail(t("status_disk_full", lang, folder=folder, free=free_space(folder))) from None


def confirm_size(plan: Plan, yes: bool, lang: str, what: str = "results") -> None:
    """Stop before a huge experiment (``Plan.huge``) unless ``--yes`` (``too_big``)."""
    if plan.huge and not yes:
        raise too_big(plan, lang, what)


#: What a huge experiment's size is of: results on disk, or tables in memory.
HUGE_WHAT = {"results": "status_huge_results", "memory": "status_huge_memory"}


def too_big(plan: Plan, lang: str, what: str = "results") -> typer.Exit:
    """Say how many runs and roughly how big (``what``: "results" on disk, "memory"), and how to
    start it anyway; the Exit (code 1) to raise."""
    return fail(t("status_huge" if plan.bytes else "status_huge_runs", lang, runs=f"{plan.runs:,}",
                  size=size_text(plan.bytes), what=t(HUGE_WHAT[what], lang),
                  limit_runs=f"{HUGE_RUNS:,}", limit_size=size_text(HUGE_BYTES)))


def existing(paths: Iterable[Path | None]) -> list[Path]:
    """The paths among ``paths`` that hold a file now (to name them once they are replaced)."""
    return [Path(p) for p in paths if p is not None and Path(p).is_file()]


def announce_replaced(paths: list[Path], quiet: bool, lang: str) -> None:
    if paths:
        _status(quiet, t("status_replaced", lang, paths=", ".join(str(p) for p in paths)))
