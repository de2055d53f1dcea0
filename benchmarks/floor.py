"""The floor probe: the physical limit of this design on this machine.

One compiled pass (numba, the kernel's options, no fastmath) that reads every column the day
kernel reads and writes every column and event it writes, once per row, with the same random
draws (one uniform per row from each of the day's named streams, drawn as the model draws
them) and the same transcendental calls per row as the kernel makes, and no model logic.

The kernel makes more calls for members than for prospects and the churned (for them it drops
the member-only rules: trust, activity, churn; see ``kernel/compiled.py``), so the probe marks
the same share of rows as members as the measured run had on average, and makes each row the
calls its kind costs the kernel (counted in the compiled rules: ``MEMBER_CALLS``,
``OTHER_CALLS``). The compiled day kernel is measured against it (``python -m benchmarks``,
row "floor").
"""

from __future__ import annotations

import math
import time

import numba
import numpy as np

#: (expm1, exp) calls a row makes in the kernel at most (counted in its compiled code): a
#: member's day (fatigue 1, trust 2, activity 2, purchase 2, lapse 1, churn 1, join 1 expm1;
#: purchase, basket and lapse exp) and a prospect's (purchase 1, lapse 1, join 1 expm1; the
#: same 3 exp). Today's constants (``customer_day.day_constants``) are once a day, not a row.
MEMBER_CALLS = (10, 3)
OTHER_CALLS = (3, 3)


@numba.njit(nogil=True, error_model="numpy")
def _pass(read_f, read_i, member, draws, out_f, out_i):
    n = draws[0].shape[0]
    for i in range(n):
        calls = MEMBER_CALLS if member[i] else OTHER_CALLS
        x = 0.0
        for k in range(read_f.shape[0]):
            x += read_f[k, i]
        for k in range(read_i.shape[0]):
            x += read_i[k, i]
        y = 0.0
        for k in range(len(draws)):
            y += draws[k][i]
        z = x * 1e-3 + y
        acc = 0.0
        for k in range(calls[0]):
            acc += math.expm1(-z * (k + 1) * 1e-2)
        for k in range(calls[1]):
            acc += math.exp(-z * (k + 1) * 1e-2)
        for k in range(out_f.shape[0]):
            out_f[k, i] = acc + k
        for k in range(out_i.shape[0]):
            out_i[k, i] = acc > k
    return 0


def floor_probe(customers: int, days: int, member_share: float, seed: int = 1) -> dict:
    """Seconds per row-day of the floor pass, with and without the day's draws, with
    ``member_share`` of the rows (at random) making a member's calls."""
    from siyu_sim.customer_day import EVENT_NAMES, draw_today
    from siyu_sim.rng import Streams
    from siyu_sim.state import COLUMNS, READ_COLUMNS, UPDATED_COLUMNS

    floats = [c for c in READ_COLUMNS if np.dtype(COLUMNS[c].dtype).kind == "f"]
    others = [c for c in READ_COLUMNS if c not in floats]
    n_float_out = sum(np.dtype(COLUMNS[c].dtype).kind == "f" for c in UPDATED_COLUMNS) + 2  # + units, paid
    n_flag_out = len(UPDATED_COLUMNS) + len(EVENT_NAMES) - n_float_out
    # Each column as the model keeps it: its own array (a 2-D block here: rows are contiguous).
    read_f = np.random.default_rng(seed).random((len(floats), customers))
    read_i = np.zeros((len(others), customers), dtype=np.int8)
    member = np.random.default_rng(seed + 2).random(customers) < member_share
    out_f = np.empty((n_float_out, customers))
    out_i = np.empty((n_flag_out, customers), dtype=np.int8)
    streams = Streams(seed)
    small = draw_today(Streams(seed + 1), 10)  # compile on a small input
    c = np.ascontiguousarray
    _pass(c(read_f[:, :10]), c(read_i[:, :10]), member[:10], tuple(small), c(out_f[:, :10]), c(out_i[:, :10]))
    draw_s = pass_s = 0.0
    for _ in range(days):
        t0 = time.perf_counter()
        d = draw_today(streams, customers)
        t1 = time.perf_counter()
        _pass(read_f, read_i, member, tuple(d), out_f, out_i)
        t2 = time.perf_counter()
        draw_s += t1 - t0
        pass_s += t2 - t1
    cd = customers * days
    return {"customers": customers, "days": days, "draws_us": draw_s / cd * 1e6, "pass_us": pass_s / cd * 1e6,
            "us_per_customer_day": (draw_s + pass_s) / cd * 1e6,
            "columns_read": len(READ_COLUMNS), "values_written": n_float_out + n_flag_out,
            "member_share": member_share, "member_calls": MEMBER_CALLS, "other_calls": OTHER_CALLS}
