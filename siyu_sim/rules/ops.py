"""The few array-or-scalar operations the rules need beyond numpy's ufuncs.

Each is the numpy expression it names, for one customer's scalars or whole columns. The
compiled day kernel (``siyu_sim.kernel``) compiles the rules themselves for one row's
scalars, and gives each of these a scalar implementation there (``kernel/ops.py``): a plain
select instead of a 0-d array from ``np.where``, a cast instead of ``np.asarray``.
"""

from __future__ import annotations

import numpy as np


def where(condition, if_true, if_false):
    """``np.where(condition, if_true, if_false)`` (for one row: ``if_true if condition else if_false``)."""
    return np.where(condition, if_true, if_false)


def as_float(values):
    """``values`` as float64 (scalar or array)."""
    return np.asarray(values, dtype=float)


def code_like(code, like):
    """The integer ``code`` (scalar or array) in the dtype of ``like``: status codes keep the
    status column's dtype (mixed int8/int64 selects are slow)."""
    return np.asarray(code, dtype=np.result_type(like))


def flat_cell(segment, status, n_status):
    """Flat index of the ``[segment, status]`` cell into tables of ``n_status`` columns (np.take
    on it reads the same cells as ``table[segment, status]``, several times faster on columns)."""
    return np.add(np.multiply(segment, n_status, dtype=np.intp), status, dtype=np.intp)


def take(table, cell):
    """``np.take(table, cell)``: the cells of a ``[segment, status]`` table at flat indices."""
    return np.take(table, cell)


def expm1(x):
    """``np.expm1(x)``: ``exp(x) − 1``, accurate near 0 (for one row the kernel's scalar form, ``kernel/ops.py``, returns 0 without calling libm)."""
    return np.expm1(x)
