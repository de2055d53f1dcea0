"""The compiled day: the composed ``customer_day`` functions (the behaviours' steps, compiled from
their own source) over every row in one pass (vector executor), or for one Mesa agent (agent
executor); and the emit pass the day's gathers start from (``gathers``).

The kernel is compiled on first use in a process, or loaded from the disk cache
(``kernel.cache``); ``compile_report()`` says which, and how long it took.
"""

from __future__ import annotations

import threading
import time
from dataclasses import dataclass

import numba
from numba.extending import overload

from ..customer_day import Draws, Gathered, day_constants, day_rules, emit_rules, wrong_next_state
from ..rules import Status
from . import ops  # noqa: F401  (registers the scalar forms of the rules with numba)
from .cache import cache_dir, njit_cached
from .records import RowState


def _reader(record: type, n_columns: int, status_from_argument: bool = False):
    """A compiled body that builds ``record`` from row ``i`` of a tuple of columns (in the
    record's field order), the status taken from the ``status`` argument if asked."""
    k_status = record._fields.index("status") if status_from_argument else -1
    args = ", ".join(f"columns[{k}].dtype.type(status)" if k == k_status else f"columns[{k}][i]"
                     for k in range(n_columns))
    params = "columns, i, status" if status_from_argument else "columns, i"
    scope = {"Record": record}
    exec(f"def impl({params}):\n    return Record({args})\n", scope)
    return scope["impl"]


def _row_of(columns, i):
    """``RowState`` of row ``i`` of ``columns`` (a tuple of the read columns, in order)."""


def _row_as(columns, i, status):
    """``RowState`` of row ``i`` with its status replaced by the constant ``status`` (same dtype)."""


def _draws_at(columns, i):
    """``Draws`` of row ``i`` (a tuple of today's draws, in ``customer_day.DRAWS`` order)."""


def _gathered_at(columns, i):
    """``Gathered`` of row ``i`` (a tuple of the gathered columns, in ``customer_day.GATHERED`` order)."""


overload(_row_of)(lambda columns, i: _reader(RowState, len(columns)))
overload(_row_as)(lambda columns, i, status: _reader(RowState, len(columns), True))
overload(_draws_at)(lambda columns, i: _reader(Draws, len(columns)))
overload(_gathered_at)(lambda columns, i: _reader(Gathered, len(columns)))


def _store(next_columns, event_columns, i, values):
    """Write one row's ``DayValues`` into the output columns at ``i``."""


@overload(_store)
def _store_impl(next_columns, event_columns, i, values):
    lines = [f"    next_columns[{k}][i] = values[0][{k}]" for k in range(len(next_columns))]
    lines += [f"    event_columns[{k}][i] = values[{k + 1}]" for k in range(len(event_columns))]
    scope: dict = {}
    exec("def impl(next_columns, event_columns, i, values):\n" + "\n".join(lines) + "\n", scope)
    return scope["impl"]


def _put(columns, i, values):
    """Write one row's named tuple of values into ``columns`` (same order) at ``i``."""


@overload(_put)
def _put_impl(columns, i, values):
    lines = [f"    columns[{k}][i] = values[{k}]" for k in range(len(columns))] or ["    pass"]
    scope: dict = {}
    exec("def impl(columns, i, values):\n" + "\n".join(lines) + "\n", scope)
    return scope["impl"]


def emit_rows(columns, t, b, emitted):
    """Every row's emitted values (``customer_day.emit_rules``) into ``emitted`` (one column each)."""
    c = day_constants(t, b)
    for i in range(len(columns[0])):
        _put(emitted, i, emit_rules(_row_of(columns, i), t, c, b))


def day_rows(columns, status, draws, gathered, t, b, next_columns, event_columns):
    """Every row's day (``customer_day.day_rules``): tomorrow's state and the day's events.

    ``columns`` are the ``state.READ_COLUMNS`` in that order, ``draws`` and ``gathered`` today's
    draws and each row's gathered values in ``Draws`` and ``Gathered`` order, ``next_columns``
    and ``event_columns`` the ``UPDATED_COLUMNS`` and ``EVENT_NAMES`` in order
    (``executors.Kernel`` passes them so). Prospects, the churned and potential customers run
    ``day_rules`` with their status as a constant: the compiler then drops the member-only rules
    (trust, activity, churn) for them, and for potential customers the buying too."""
    prospect, churned, potential = Status.PROSPECT.value, Status.CHURNED.value, Status.POTENTIAL.value
    c = day_constants(t, b)  # once, not once a row
    for i in range(len(status)):
        u = _draws_at(draws, i)
        g = _gathered_at(gathered, i)
        st = status[i]
        if st == prospect:
            values = day_rules(_row_as(columns, i, prospect), t, c, b, u, g)
        elif st == churned:
            values = day_rules(_row_as(columns, i, churned), t, c, b, u, g)
        elif st == potential:
            values = day_rules(_row_as(columns, i, potential), t, c, b, u, g)
        else:
            values = day_rules(_row_of(columns, i), t, c, b, u, g)
        _store(next_columns, event_columns, i, values)


def one_day(s, t, b, u, g):
    """One agent's day (the agent executor), through the same compiled ``day_rules``."""
    return day_rules(s, t, day_constants(t, b), b, u, g)


@dataclass
class CompileReport:
    """What the first use of each kernel cost in this process."""

    cache: str  # the cache directory, or "none"
    seconds: dict  # kernel name -> seconds of its first call (compiling or loading)
    from_cache: dict  # kernel name -> True if loaded from the disk cache

    @property
    def compiled_seconds(self) -> float:
        """Seconds this process spent compiling kernels (not loading them from the cache)."""
        return sum(s for name, s in self.seconds.items() if not self.from_cache.get(name, True))

    def describe(self) -> str:
        if not self.seconds:
            return "compiled day kernel: not used yet in this process"
        parts = [f"{name} {'loaded from cache' if self.from_cache[name] else 'compiled'} in {s:.2f} s"
                 for name, s in self.seconds.items()]
        return "compiled day kernel: " + "; ".join(parts) + f" (cache: {self.cache})"


_lock = threading.Lock()
_kernels: dict = {}
_report = CompileReport("none", {}, {})


def _dispatchers() -> dict:
    with _lock:
        if not _kernels:
            where = cache_dir()
            _report.cache = str(where) if where is not None else "none"
            _kernels["emit"] = njit_cached(emit_rows, nogil=True, error_model="numpy")
            _kernels["vector"] = njit_cached(day_rows, nogil=True, error_model="numpy")
            _kernels["agent"] = njit_cached(one_day, nogil=True, error_model="numpy")
        return _kernels


def _call(name: str, *args):
    kernel = _dispatchers()[name]
    if name in _report.seconds:
        return kernel(*args)
    t0 = time.perf_counter()
    try:
        result = kernel(*args)
    except (TypeError, numba.core.errors.TypingError) as error:
        raise wrong_next_state(error) from None
    _report.seconds[name] = time.perf_counter() - t0
    _report.from_cache[name] = bool(sum(kernel.stats.cache_hits.values()))
    return result


def emit_day(*args) -> None:
    """``emit_rows`` compiled (see there for the arguments)."""
    _call("emit", *args)


def vector_day(*args) -> None:
    """``day_rows`` compiled (see there for the arguments)."""
    _call("vector", *args)


def agent_day(*args):
    """``one_day`` compiled: returns ``DayValues`` for one agent."""
    return _call("agent", *args)


def compile_report() -> CompileReport:
    return _report


__all__ = ["CompileReport", "agent_day", "compile_report", "emit_day", "vector_day"]
