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
"""

from __future__ import annotations

import functools
import hashlib
import os
import tempfile
import threading
from pathlib import Path

import numba

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


def njit_cached(fn, **options):
    """``fn`` compiled by numba (``options`` as for ``numba.njit``), with its disk cache in
    ``cache_dir()`` (numba's own default would write beside the source, in site-packages)."""
    where = cache_dir()
    saved = numba.config.CACHE_DIR
    try:
        if where is not None:
            numba.config.CACHE_DIR = str(where)  # read when caching is enabled, below
        return numba.njit(cache=where is not None, **options)(fn)
    finally:
        numba.config.CACHE_DIR = saved


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
