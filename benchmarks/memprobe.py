"""Peak memory of one model in a fresh process: ``python -m benchmarks.memprobe PRESET N DAYS``.

Prints one JSON object. Method: peak resident set size (``VmHWM`` on Linux, else
``ru_maxrss``) after building *and* running the model, minus the same figure for a baseline
taken after importing everything and running a tiny model (so that imported libraries and
lazily loaded code are not charged to the customers), divided by the number of customers.
"""

from __future__ import annotations

import json
import resource
import sys
import time


def _peak_bytes() -> int:
    """Peak resident set size of this process image.

    On Linux ``VmHWM`` from /proc/self/status: unlike ``ru_maxrss``, which a child started
    with fork + exec inherits from its (possibly large) parent, it starts afresh at exec.
    """
    try:
        with open("/proc/self/status", encoding="ascii") as fh:
            for line in fh:
                if line.startswith("VmHWM:"):
                    return int(line.split()[1]) * 1024
    except OSError:
        pass
    kib = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss  # KiB on Linux, bytes on macOS
    return int(kib) * (1 if sys.platform == "darwin" else 1024)


def probe(preset: str, customers: int, days: int, seed: int = 1) -> dict:
    import numpy as np  # noqa: F401
    import pandas  # noqa: F401
    import scipy.sparse  # noqa: F401

    from siyu_sim import PrivateDomainModel, presets

    scenario = getattr(presets, preset)()
    PrivateDomainModel(scenario, customers=200, seed=seed).run(3)  # load everything lazily loaded
    baseline = _peak_bytes()
    t0 = time.perf_counter()
    model = PrivateDomainModel(scenario, customers=customers, rows=customers, seed=seed)  # one row a customer
    build_s = time.perf_counter() - t0
    after_build = _peak_bytes()
    t1 = time.perf_counter()
    model.run(days)
    run_s = time.perf_counter() - t1
    peak = _peak_bytes()
    g = model.contacts
    graph_bytes = g.nbytes + model.degree.nbytes
    return {
        "preset": preset, "customers": customers, "days": days, "build_s": build_s, "run_s": run_s,
        "baseline_bytes": baseline, "peak_bytes": peak,
        "build_bytes_per_customer": (after_build - baseline) / customers,
        "bytes_per_customer": (peak - baseline) / customers,
        "table_bytes_per_customer": model.customers.nbytes() / customers,
        "graph_bytes_per_customer": graph_bytes / customers,
    }


def main(argv: list[str] | None = None) -> None:
    argv = sys.argv[1:] if argv is None else argv
    preset, customers, days = argv[0], int(argv[1]), int(argv[2])
    print(json.dumps(probe(preset, customers, days)))


if __name__ == "__main__":
    main()
