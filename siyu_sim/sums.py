"""Sums whose last bits do not depend on threads or on the BLAS library.

``w @ x`` goes through BLAS (``ddot``), which splits a long dot product over threads: its last
bits then depend on ``OPENBLAS_NUM_THREADS`` and on the BLAS build (docs/performance.md).
``dot`` multiplies element-wise and adds with numpy's own reduction (pairwise summation,
single-threaded, a fixed order), so one seed gives bit-identical tables on any thread count.
Every weighted sum of the model goes through it.
"""

from __future__ import annotations

import numpy as np


def dot(x, y) -> float:
    """Σ x·y over two 1-D arrays, in a fixed order (not BLAS)."""
    return float(np.add.reduce(np.multiply(x, y, dtype=float)))
