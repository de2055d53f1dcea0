"""The compiled day kernel (numba): the rules compiled from their own source, one pass per day.

``engine="compiled"`` (default) runs ``customer_day.day_rules`` compiled for one row's scalars:
over every row in one loop (vector executor) or for one Mesa agent (agent executor); the
two executors therefore stay bit-identical. ``engine="numpy"`` runs the same source on numpy
columns: the reference the compiled kernel is checked against (tests/test_kernel.py), equal
within floating-point tolerance (numpy's ``exp``/``expm1`` are not libm's).
"""

from __future__ import annotations

ENGINES = ("compiled", "numpy")
DEFAULT_ENGINE = "compiled"


def check_engine(engine: str) -> str:
    if engine not in ENGINES:
        raise ValueError(f"engine must be one of {ENGINES}, got {engine!r}")
    return engine
