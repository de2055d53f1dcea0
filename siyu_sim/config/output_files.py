"""How every output file is written: whole or not at all.

``write_files({path: content})`` is the one writer of reports, workbooks, CSV and Parquet
tables, run folders and calibration results. Each file's content is made in memory first
(``parquet_bytes``, ``csv_bytes``, text), so its size is known; every file is written to a
hidden temporary file in its own folder, and only when all of them are complete are they
renamed over their names (``os.replace``, atomic on one file system). A full disk, a
read-only folder or a Ctrl-C therefore leaves every earlier file as it was, and no partial
file behind; the error (:class:`OutputWriteError`) is one line naming the file, with the space
needed and the space free when the disk is full.
"""

from __future__ import annotations

import errno
import io
import os
import shutil
from pathlib import Path
from typing import Mapping

#: errno values that mean "no room": a full disk, or a user's quota used up.
_NO_SPACE = {errno.ENOSPC, getattr(errno, "EDQUOT", errno.ENOSPC)}


class OutputWriteError(OSError):
    """An output file that could not be written; nothing was replaced. One line: the file,
    what went wrong, and for a full disk the space needed and free."""

    def __init__(self, message: str, path: Path):
        super().__init__(message)
        self.path = path

    def __str__(self) -> str:
        return self.args[0]


def size_text(n: float) -> str:
    """Bytes as a person reads them: 900 B, 64 kB, 1.3 MB, 2.1 GB."""
    for unit, size in (("GB", 1e9), ("MB", 1e6), ("kB", 1e3)):
        if n >= size:
            value = n / size
            return f"{value:.1f} {unit}" if value < 10 else f"{value:,.0f} {unit}"
    return f"{int(n)} B"


def parquet_bytes(frame) -> bytes:
    buffer = io.BytesIO()
    frame.to_parquet(buffer, index=False)
    return buffer.getvalue()


def csv_bytes(frame, encoding: str = "utf-8") -> bytes:
    return frame.to_csv(index=False).encode(encoding)


def _content(data: bytes | str) -> bytes:
    return data.encode("utf-8") if isinstance(data, str) else bytes(data)


def _temporary(path: Path) -> Path:
    return path.with_name(f".{path.name}.{os.getpid()}.tmp")


def _write_file(path: Path, data: bytes) -> None:
    """``data`` to a new file ``path``, flushed to the disk (a full disk shows here, not later)."""
    fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o644)
    try:
        view = memoryview(data)
        while view:
            view = view[os.write(fd, view):]
        os.fsync(fd)
    finally:
        os.close(fd)


def disk_full(exc: BaseException | None) -> bool:
    """Whether ``exc`` (or what caused it) is a full disk, however the library that met it says
    so: an OSError's errno, pyarrow's or sqlite's words. An error raised ``from None`` has said
    what it had to: what it replaced is not looked at."""
    while exc is not None:
        if isinstance(exc, OSError) and exc.errno in _NO_SPACE:
            return True
        if any(words in str(exc) for words in ("No space left on device", "database or disk is full")):
            return True
        exc = exc.__cause__ or (None if exc.__suppress_context__ else exc.__context__)
    return False


def free_space(folder: Path) -> str:
    """The free space where ``folder`` is (or would be), as a person reads it."""
    here = Path(folder).absolute()
    while not here.exists() and here != here.parent:
        here = here.parent
    try:
        return size_text(shutil.disk_usage(here).free)
    except OSError:
        return "unknown"


def _failure(exc: OSError, path: Path, needed: int) -> OutputWriteError:
    if exc.errno in _NO_SPACE:
        return OutputWriteError(f"cannot write {path}: the disk is full ({size_text(needed)} needed, "
                                f"{free_space(path.parent)} free in {path.parent}); earlier files were left "
                                "as they were", path)
    return OutputWriteError(f"cannot write {path}: {exc.strerror or exc}; earlier files were left as they were",
                            path)


def write_files(files: Mapping[Path | str, bytes | str]) -> list[Path]:
    """Write every file whole, or none (see the module's doc); return the paths that existed
    before (replaced), so that the caller can say so. Raises :class:`OutputWriteError`."""
    contents = {Path(p): _content(data) for p, data in files.items()}
    needed = sum(len(data) for data in contents.values())
    replaced = [p for p in contents if p.exists()]
    written: list[Path] = []
    try:
        for path, data in contents.items():
            written.append(_temporary(path))
            written[-1].unlink(missing_ok=True)  # left by a killed process that had our id
            try:
                _write_file(written[-1], data)
            except OSError as exc:
                for tmp in written:  # first, so that the space they took counts as free
                    tmp.unlink(missing_ok=True)
                raise _failure(exc, path, needed) from None
        for path in contents:
            try:
                os.replace(_temporary(path), path)
            except OSError as exc:
                raise _failure(exc, path, needed) from None
            written.remove(_temporary(path))
    finally:  # an error or a Ctrl-C before the renames: no temporary file stays behind
        for tmp in written:
            tmp.unlink(missing_ok=True)
    return replaced


def write_file(path: Path | str, data: bytes | str) -> bool:
    """One file, written whole (``write_files``); True when it replaced an existing file."""
    return bool(write_files({path: data}))
