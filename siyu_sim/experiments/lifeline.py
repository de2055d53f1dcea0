"""Worker processes die with the process that started them.

A SIGKILLed ``siyu sweep`` (or an out-of-memory kill) runs no clean-up, and a process pool's
workers would live on (~270 MB each): they wait on a queue whose write end they hold
themselves, so its end never comes. :func:`die_with_parent` runs first in each pool worker:

- on Linux, ``prctl(PR_SET_PDEATHSIG, SIGTERM)``: the kernel sends SIGTERM the moment the
  parent dies. It follows the *thread* that started the worker, so it is used only when that
  thread was the main thread (which lives as long as the process);
- otherwise (another system, or a pool started from a short-lived thread) a daemon thread that
  exits the worker once its parent pid changes (the orphan is adopted by init or a subreaper).

Either way the parent's death is checked once more after the watch is set up, for a parent that
died while the worker was starting.

A Dask LocalCluster's workers need none of this: distributed's own process wrapper exits a
worker when the pipe from its parent closes (tested in tests/test_experiments_faults.py).
"""

from __future__ import annotations

import ctypes
import os
import signal
import sys
import threading
import time

PR_SET_PDEATHSIG = 1  # linux/prctl.h
#: How often the fallback thread looks at the parent pid, seconds.
WATCH_INTERVAL_S = 1.0


def _pdeathsig(sig: int) -> bool:
    """Ask the kernel to send ``sig`` to this process when its parent thread dies (Linux)."""
    if not sys.platform.startswith("linux"):
        return False
    try:
        libc = ctypes.CDLL(None, use_errno=True)
        return libc.prctl(PR_SET_PDEATHSIG, int(sig), 0, 0, 0) == 0
    except (OSError, AttributeError):  # pragma: no cover - no libc prctl
        return False


def _watch(parent: int) -> None:
    while True:
        time.sleep(WATCH_INTERVAL_S)
        if os.getppid() != parent:
            os._exit(1)


def die_with_parent(parent: int, started_by_main_thread: bool = True) -> None:
    """Make this (worker) process exit when ``parent`` (the pid that started it) is gone."""
    armed = started_by_main_thread and _pdeathsig(signal.SIGTERM)
    if os.getppid() != parent:  # the parent died before the watch was set
        os._exit(1)
    if not armed:
        threading.Thread(target=_watch, args=(parent,), name="siyu-die-with-parent", daemon=True).start()
