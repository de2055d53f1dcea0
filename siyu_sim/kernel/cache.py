"""Where compiled code is cached, and what compiling cost.

numba's ``cache=True`` only notices changes to the file of the function it caches, not to the
functions it calls; the kernel compiles the rules, ``customer_day`` and the state declaration
from other files. So the cache lives in a directory named by a hash of every source file the
kernel compiles (and numba's version): change a rule and the kernel compiles afresh; change
nothing and every later process (pytest workers, sweep workers, the next ``siyu`` command)
loads it from disk.

The directory is ``$SIYU_CACHE_DIR`` or ``$NUMBA_CACHE_DIR`` if set, else the user's cache
directory (``$XDG_CACHE_HOME`` or ``~/.cache``, ``siyu_sim/numba``), never the install location
(site-packages may be read-only); if none is writable, the system's temporary directory; if
that fails too, the kernel compiles without a disk cache (once per process).

Every cache file carries its own checksum (a trailer after numba's bytes), checked before numba
reads the file: a damaged file (cut short, emptied, overwritten) reaches neither the unpickler
(``UnpicklingError``) nor LLVM (a corrupt object file crashes the process with a bare
``Aborted.`` or a segmentation fault, which nothing in Python can catch). It is set aside as
``<file>.damaged``, one line on stderr names the cache directory (once a process), and the
kernel compiles afresh and is saved again. A file without a sound trailer (numba's own format, another writer) counts as damaged.
"""

from __future__ import annotations

import contextlib
import functools
import hashlib
import io
import os
import sys
import tempfile
import threading
from pathlib import Path

import numba
from numba.core.caching import FunctionCache, IndexDataCacheFile

PACKAGE = Path(__file__).resolve().parent.parent
#: Sources compiled into the kernel (directories: every .py file in them, subfolders too), and
#: the contact graph's compiled helpers (network.py). Behaviours from other packages are added
#: by ``source_hash``.
SOURCES = ("rules", "kernel", "customer_day.py", "state.py", "plan.py", "params.py", "network.py")


@functools.lru_cache(maxsize=1)
def source_hash() -> str:
    """Hash of numba's version and every source in ``SOURCES`` (read once a process: every
    compiled function asks for the cache directory)."""
    import inspect

    from .. import customer_day
    from ..rules import MODULES

    h = hashlib.sha256(numba.__version__.encode())
    files = [f for name in SOURCES
             for f in (sorted((PACKAGE / name).rglob("*.py")) if (PACKAGE / name).is_dir() else [PACKAGE / name])]
    # Behaviours from other packages (the siyu_sim.rules entry points) are compiled in too.
    files += sorted({Path(inspect.getsourcefile(step.fn)).resolve() for m in MODULES for step in m.steps}
                    - {f.resolve() for f in files})
    for f in files:
        h.update(f.name.encode())
        h.update(f.read_bytes())
    h.update(customer_day.SOURCE.encode())  # the composed day
    return h.hexdigest()[:16]


def _writable(path: Path) -> bool:
    try:
        path.mkdir(parents=True, exist_ok=True)
        probe = path / f".probe-{os.getpid()}"
        probe.write_bytes(b"")
        probe.unlink()
        return True
    except OSError:
        return False


def cache_dir() -> Path | None:
    """The kernel's cache directory for the current sources, created; None if nothing is writable."""
    env = os.environ.get("SIYU_CACHE_DIR") or os.environ.get("NUMBA_CACHE_DIR")
    user = Path(os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache") / "siyu_sim" / "numba"
    candidates = [Path(env)] if env else []
    candidates += [user, Path(tempfile.gettempdir()) / f"siyu_sim-numba-{os.getuid() if hasattr(os, 'getuid') else 0}"]
    key = source_hash()
    for base in candidates:
        if _writable(base / key):
            return base / key
    return None


#: Ends every cache file: this tag, then the SHA-256 of the bytes before it.
TRAILER_TAG = b"siyu-sha256:"
_TRAILER = len(TRAILER_TAG) + 32


def sealed(payload: bytes) -> bytes:
    """``payload`` with its checksum trailer (numba's unpickler ignores bytes after a pickle)."""
    return payload + TRAILER_TAG + hashlib.sha256(payload).digest()


def damage(path: str | Path) -> str | None:
    """Why the cache file at ``path`` must not be loaded, or None (sound, or absent: numba
    treats an absent file as a miss)."""
    try:
        data = Path(path).read_bytes()
    except FileNotFoundError:
        return None
    except OSError as exc:
        return f"unreadable: {exc.strerror or exc}"
    if not data:
        return "empty"
    if len(data) < _TRAILER or data[-_TRAILER:-32] != TRAILER_TAG:
        return "cut short or not written by siyu_sim (no checksum)"
    if hashlib.sha256(data[:-_TRAILER]).digest() != data[-32:]:
        return "its checksum does not match its contents"
    return None


_announced: set[Path] = set()


def _set_aside(path: str, why: str) -> None:
    """Move a damaged file out of numba's way (kept as ``<file>.damaged``); one line on stderr
    the first time a process meets damage in a cache directory."""
    try:
        os.replace(path, path + ".damaged")
    except FileNotFoundError:  # another process set it aside first
        pass
    except OSError:
        with contextlib.suppress(OSError):
            os.unlink(path)
    where = Path(path).parent.parent  # <cache>/<source hash>/<module folder>/<file>
    if where not in _announced:
        _announced.add(where)
        sys.stderr.write(f"siyu_sim: the kernel cache {where} is damaged ({Path(path).name}: {why}); "
                         "damaged files set aside as *.damaged, compiling afresh\n")
        sys.stderr.flush()


class _CheckedCacheFile(IndexDataCacheFile):
    """numba's index and data files, each sealed with a checksum that is checked before numba
    unpickles it; a damaged file is a cache miss (numba compiles and saves it again)."""

    @contextlib.contextmanager
    def _open_for_write(self, filepath):
        buffer = io.BytesIO()
        yield buffer
        with super()._open_for_write(filepath) as f:  # numba's: a temporary file, then a rename
            f.write(sealed(buffer.getvalue()))

    def _load_index(self):
        why = damage(self._index_path)
        if why:
            _set_aside(self._index_path, why)
            return {}
        return super()._load_index()

    def _load_data(self, name):
        path = self._data_path(name)
        why = damage(path)
        if why:
            _set_aside(path, why)
            raise FileNotFoundError(path)  # numba's load() takes it as a miss
        return super()._load_data(name)


class _CheckedFunctionCache(FunctionCache):
    def __init__(self, py_func):
        super().__init__(py_func)
        self._cache_file = _CheckedCacheFile(self._cache_file._cache_path, self._impl.filename_base,
                                             self._impl.locator.get_source_stamp())


def njit_cached(fn, **options):
    """``fn`` compiled by numba (``options`` as for ``numba.njit``), with its disk cache in
    ``cache_dir()`` (numba's own default would write beside the source, in site-packages),
    every file of it checked before it is loaded."""
    where = cache_dir()
    dispatcher = numba.njit(cache=False, **options)(fn)
    if where is None:
        return dispatcher
    saved = numba.config.CACHE_DIR
    try:
        numba.config.CACHE_DIR = str(where)  # read by the cache's locator, made here
        dispatcher._cache = _CheckedFunctionCache(fn)  # what ``enable_caching`` sets, checked
    finally:
        numba.config.CACHE_DIR = saved
    return dispatcher


def compiled_on_first_call(fn):
    """Decorator: ``fn`` compiled by ``njit_cached`` the first time it is called (not at import:
    a process that never calls it pays nothing)."""
    lock = threading.Lock()
    dispatcher = []

    @functools.wraps(fn)
    def call(*args):
        if not dispatcher:
            with lock:
                if not dispatcher:
                    dispatcher.append(njit_cached(fn, nogil=True))
        return dispatcher[0](*args)

    return call
