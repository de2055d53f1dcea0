"""Scalar forms of ``rules/ops.py`` and of the rules themselves, for numba.

Importing this module registers, for numba only, a scalar implementation of each operation
in ``rules.ops`` and makes every function of the ``rules`` package and ``customer_day.day_rules``
callable from compiled code (``register_jitable``: numba compiles their own source). The Python
functions are not changed: the numpy engine still calls them on columns.
"""

from __future__ import annotations

import inspect
import math

import numpy as np
from numba.core import types
from numba.extending import overload, register_jitable

from .. import customer_day, rules
from ..rules import module as rule_module
from ..rules import ops

_SCALARS = (types.Boolean, types.Number)


@overload(ops.where)
def _where(condition, if_true, if_false):
    if isinstance(condition, _SCALARS):
        return lambda condition, if_true, if_false: if_true if condition else if_false
    return None


@overload(ops.as_float)
def _as_float(values):
    if isinstance(values, _SCALARS):
        return lambda values: np.float64(values)
    return None


@overload(ops.code_like)
def _code_like(code, like):
    if isinstance(like, types.Integer):
        cast = like
        return lambda code, like: cast(code)
    return None


@overload(ops.flat_cell)
def _flat_cell(segment, status, n_status):
    if isinstance(segment, types.Integer) and isinstance(status, types.Integer):
        return lambda segment, status, n_status: np.intp(segment) * n_status + np.intp(status)
    return None


@overload(ops.expm1)
def _expm1(x):
    if isinstance(x, types.Float):
        # expm1(±0) is ±0: many rows pass 0 (no touches, no reads), and libm's call costs
        # about 3 ns (docs/performance.md).
        return lambda x: x if x == 0.0 else math.expm1(x)
    return None


@overload(ops.take)
def _take(table, cell):
    if isinstance(table, types.Array) and table.ndim == 1 and isinstance(cell, types.Integer):
        return lambda table, cell: table[cell]  # records.plan_record passes tables flat
    return None


def _rule_functions() -> list:
    """Every function the rules package defines (its modules' own functions, private helpers
    too: a rule may call them), every step and day constant the composed day calls (a
    researcher's behaviours from other packages too), and the composed functions themselves."""
    found = [customer_day.day_rules, customer_day.day_constants, customer_day.emit_rules]
    for _, module in inspect.getmembers(rules, inspect.ismodule):
        if module in (ops, rule_module) or not module.__name__.startswith(rules.__name__ + "."):
            continue
        found += [f for _, f in inspect.getmembers(module, inspect.isfunction)
                  if f.__module__ == module.__name__]
    found += list(customer_day.COMPOSED_FUNCTIONS)
    return list({id(f): f for f in found}.values())


RULE_FUNCTIONS = tuple(_rule_functions())
# The composed functions are inlined into the kernel's loop (numba IR): not inlined, every call
# of day_rules would reference-count the arrays of today's plan, and the loop ran 1.3x slower.
# The rules take scalars and parameter records only: LLVM inlines them itself, and leaving them
# to it halves the compile time (4.4 s instead of 7.9 s here; once: kernel.cache).
for _f in RULE_FUNCTIONS:
    register_jitable(inline="always" if _f.__module__ == customer_day.__name__ else "never")(_f)
