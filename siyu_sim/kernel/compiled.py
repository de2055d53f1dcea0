"""The compiled day: ``day_rules`` (the rules, compiled from their own source) over every row
in one pass (vector executor), or for one Mesa agent (agent executor).

The kernel is compiled on first use in a process, or loaded from the disk cache
(``kernel.cache``); ``compile_report()`` says which, and how long it took.
"""

from __future__ import annotations

import threading
import time
from dataclasses import dataclass

import numba
import numpy as np
from numba.extending import overload

from ..customer_day import day_constants, day_rules, wrong_next_state
from ..rules import Status, advocacy
from . import ops  # noqa: F401  (registers the scalar forms of the rules with numba)
from .cache import cache_dir, njit_cached
from .records import RowState


def _row_state_impl(n_columns: int, status_from_argument: bool):
    """The compiled body that builds a ``RowState`` from row ``i`` of the read columns (in
    ``READ_COLUMNS`` order), taking the status from the ``status`` argument if asked."""
    from ..state import READ_COLUMNS

    k_status = READ_COLUMNS.index("status")
    args = ", ".join(f"columns[{k}].dtype.type(status)" if status_from_argument and k == k_status
                     else f"columns[{k}][i]" for k in range(n_columns))
    params = "columns, i, status" if status_from_argument else "columns, i"
    scope = {"RowState": RowState}
    exec(f"def impl({params}):\n    return RowState({args})\n", scope)
    return scope["impl"]


def _row_of(columns, i):
    """``RowState`` of row ``i`` of ``columns`` (a tuple of the read columns, in order)."""


def _row_as(columns, i, status):
    """``RowState`` of row ``i`` with its status replaced by the constant ``status`` (same dtype)."""


overload(_row_of)(lambda columns, i: _row_state_impl(len(columns), False))
overload(_row_as)(lambda columns, i, status: _row_state_impl(len(columns), True))


def _store(next_columns, event_columns, i, values):
    """Write one row's ``DayValues`` into the output columns at ``i``."""


@overload(_store)
def _store_impl(next_columns, event_columns, i, values):
    lines = [f"    next_columns[{k}][i] = values[0][{k}]" for k in range(len(next_columns))]
    lines += [f"    event_columns[{k}][i] = values[{k + 1}]" for k in range(len(event_columns))]
    scope: dict = {}
    exec("def impl(next_columns, event_columns, i, values):\n" + "\n".join(lines) + "\n", scope)
    return scope["impl"]


def day_rows(columns, group, status, trust, indptr, indices, moods, degree, u_buy, u_join, u_churn, u_care,
             u_lapse, t, b, next_columns, event_columns, own, sums, trust_sums):
    """Every row's day: the gathers (its contacts' advocacy, summed in CSR order as the agent
    executor sums it; its group's mood), then ``day_rules``. Writes tomorrow's state and the
    day's events, and each row's advocacy and its contacts' sums (for referral credit).

    The contact sums are a pass of their own, from the advocates out: their updates are
    scattered over the table, and a tight loop keeps many of them in flight at once.

    ``columns`` are the ``state.READ_COLUMNS`` in that order (``_row_of``/``_row_as`` build a
    ``RowState`` from them by position); ``next_columns`` and ``event_columns`` are the
    ``UPDATED_COLUMNS`` and ``EVENT_NAMES`` in order (``_store`` writes them by position).
    ``executors.Kernel.vector_day`` passes them so."""
    active = Status.ACTIVE.value
    prospect, churned = Status.PROSPECT.value, Status.CHURNED.value
    n = len(u_buy)
    c = day_constants(t, b)  # once, not once a row
    # Each advocate adds (advocacy, advocacy x trust) to its contacts' sums, side by side: one
    # cache line per update. The graph is symmetric with sorted indices, so visiting advocates
    # in row order adds to each row's sums in its CSR order, the order of scipy's product and
    # of the agent executor; a row that does not advocate would add exactly 0.0 (trust is in
    # [0, 1]: never NaN or infinite), so it is skipped (most rows: only active members advocate).
    pairs = np.zeros((n, 2))
    for j in range(n):
        adv = advocacy(trust[j], status[j] == active)
        own[j] = adv
        if adv != 0.0:
            adv_trust = adv * trust[j]
            for k in range(np.int64(indptr[j]), np.int64(indptr[j + 1])):
                i = np.uintp(indices[k])  # unsigned: no negative-index branch
                pairs[i, 0] += adv
                pairs[i, 1] += adv_trust
    for i in range(n):
        sums[i] = pairs[i, 0]
        trust_sums[i] = pairs[i, 1]
    for i in range(n):
        g = group[i]
        mood = moods[g] if g >= 0 else 0.0
        d = degree[i]
        total = sums[i]
        pressure = total / d if d > 0 else 0.0
        advocate_trust = trust_sums[i] / total if total > 0.0 else 0.0
        # Prospects and the churned through day_rules with their status as a constant: the
        # compiler then drops the member-only rules (trust, activity, churn) for them.
        st = status[i]
        if st == prospect:
            values = day_rules(_row_as(columns, i, prospect), mood, pressure, t, c, u_buy[i], u_join[i],
                               u_churn[i], u_care[i], u_lapse[i], b, advocate_trust)
        elif st == churned:
            values = day_rules(_row_as(columns, i, churned), mood, pressure, t, c, u_buy[i], u_join[i],
                               u_churn[i], u_care[i], u_lapse[i], b, advocate_trust)
        else:
            values = day_rules(_row_of(columns, i), mood, pressure, t, c, u_buy[i], u_join[i], u_churn[i],
                               u_care[i], u_lapse[i], b, advocate_trust)
        _store(next_columns, event_columns, i, values)


def one_day(s, mood, pressure, t, u_buy, u_join, u_churn, u_care, u_lapse, b, advocate_trust):
    """One agent's day (the agent executor), through the same compiled ``day_rules``."""
    return day_rules(s, mood, pressure, t, day_constants(t, b), u_buy, u_join, u_churn, u_care, u_lapse, b,
                     advocate_trust)


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


def vector_day(*args) -> None:
    """``day_rows`` compiled (see there for the arguments)."""
    _call("vector", *args)


def agent_day(*args):
    """``one_day`` compiled: returns ``DayValues`` for one agent."""
    return _call("agent", *args)


def compile_report() -> CompileReport:
    return _report


__all__ = ["CompileReport", "agent_day", "compile_report", "vector_day"]
