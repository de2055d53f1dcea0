"""Undo Dask's malloc setting in worker processes, which halves the model's speed there.

Dask's nanny starts every worker with ``MALLOC_TRIM_THRESHOLD_=65536``
(``distributed.nanny.pre-spawn-environ``) so that workers hand freed memory back to the OS.
On glibc, setting that variable also freezes the mmap threshold at 128 KiB, so every
temporary above it — the model's 512 KiB block temporaries, hundreds a day — is mmapped,
page-faulted in and unmapped afresh: ~9x the page faults and about twice the run time
(docs/performance.md). Restoring large thresholds with ``mallopt`` in the running process
brings the faults back to normal. Results do not change: only where memory comes from.
"""

from __future__ import annotations

import ctypes
import os
import sys

M_TRIM_THRESHOLD = -1  # glibc <malloc.h>
M_MMAP_THRESHOLD = -3
#: glibc's own ceiling for its dynamic mmap threshold on 64-bit (DEFAULT_MMAP_THRESHOLD_MAX).
MMAP_THRESHOLD = 32 * 1024 * 1024
TRIM_THRESHOLD = 2 * MMAP_THRESHOLD  # what glibc's dynamic rule sets beside it

_done = False


def restore_malloc_thresholds() -> bool:
    """Once per process, if ``MALLOC_TRIM_THRESHOLD_`` is set on Linux glibc; True if applied."""
    global _done
    if _done or not sys.platform.startswith("linux") or "MALLOC_TRIM_THRESHOLD_" not in os.environ:
        return False
    _done = True
    try:
        libc = ctypes.CDLL("libc.so.6")
        return bool(libc.mallopt(M_MMAP_THRESHOLD, MMAP_THRESHOLD)
                    and libc.mallopt(M_TRIM_THRESHOLD, TRIM_THRESHOLD))
    except (OSError, AttributeError):  # not glibc (e.g. musl): nothing to undo
        return False
