"""``python -m benchmarks.calibration [--trials 200] [--rows 5000] [--workers 2] [--quick]``

Issue 13's speed target: a calibration of 4 parameters with 200 trials at 5,000 rows (a brand of 200,000 customers) ×
12 months, 2 replications per trial, finishes within 5 minutes on 2 cores. The observed data
are the model's own (known truth, examples/calibration/make_observed.py's way); the whole fit
is timed: search, the check runs of the best parameters and writing the folder. Prints the
figure and whether the target is met. ``run(...)`` returns the figures for the lead's
``python -m benchmarks``.
"""

from __future__ import annotations

import argparse
import resource
import tempfile
import textwrap
import time
from pathlib import Path

TARGET_SECONDS = 300.0
TRUTH = {
    "levers.store_qr.rate_at_full_execution": 0.45,
    "behaviour.churn.leave_base": 0.003,
    "economics.order_value_cny": 72.0,
    "behaviour.purchase.readiness_share": 0.3,
}
RANGES = {
    "levers.store_qr.rate_at_full_execution": (0.1, 0.9),
    "behaviour.churn.leave_base": (0.0, 0.01),
    "economics.order_value_cny": (40.0, 120.0),
    "behaviour.purchase.readiness_share": (0.05, 0.8),
}
COLUMNS = ["members", "new_members", "left", "orders", "gmv"]


def run(trials: int = 200, rows: int = 5000, workers: int = 2, replications: int = 2) -> dict:
    from siyu_sim.calibration.run import calibrate, prepare
    from siyu_sim.calibration.synthetic import synthetic_observed, write_observed
    from siyu_sim.config import presets
    from siyu_sim.config.overrides import apply_overrides
    from siyu_sim.experiments.backends import ProcessPoolBackend

    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        base = apply_overrides(presets.nurture().to_dict(), {"population.customers": 40 * rows,
                                                             "population.rows": rows})
        write_observed(synthetic_observed(base, TRUTH, COLUMNS, seed=2026), folder / "observed.csv")
        params = "\n".join(f'"{k}" = [{lo}, {hi}]' for k, (lo, hi) in RANGES.items())
        (folder / "calibration.toml").write_text(textwrap.dedent(f"""\
            name = "benchmark"
            scenario = "nurture"
            customers = {40 * rows}
            rows = {rows}
            trials = {trials}
            replications = {replications}
            check_replications = 20
            seed = 1
            [periods]
            held_out = [10, 11, 12]
            """) + "[parameters]\n" + params + "\n", encoding="utf-8")
        prep = prepare(folder / "calibration.toml", folder / "observed.csv", folder / "fit")
        start, cpu0 = time.perf_counter(), _cpu()
        with ProcessPoolBackend(workers) as backend:
            outcome = calibrate(prep, backend)
        seconds, cpu = time.perf_counter() - start, _cpu() - cpu0
    result = outcome.result
    return {"seconds": seconds, "cpu_seconds": cpu, "trials": trials, "rows": rows, "workers": workers,
            "replications": replications, "runs": trials * replications + 20,
            "estimates": {e.path: (e.best, e.low, e.high, TRUTH[e.path]) for e in result.estimates}}


def _cpu() -> float:
    """CPU seconds of this process and its finished workers: on a shared machine, what the fit
    would take on free cores is about this over the workers."""
    own, kids = resource.getrusage(resource.RUSAGE_SELF), resource.getrusage(resource.RUSAGE_CHILDREN)
    return own.ru_utime + own.ru_stime + kids.ru_utime + kids.ru_stime


def main(argv: list[str] | None = None) -> None:
    p = argparse.ArgumentParser(prog="python -m benchmarks.calibration", description=__doc__,
                                formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("--trials", type=int, default=200)
    p.add_argument("--rows", type=int, default=5000, help="rows simulated, each standing for 40 customers")
    p.add_argument("--workers", type=int, default=2)
    p.add_argument("--quick", action="store_true", help="20 trials at 1,000 rows: a smoke run")
    a = p.parse_args(argv)
    trials, rows = (20, 1000) if a.quick else (a.trials, a.rows)
    fig = run(trials=trials, rows=rows, workers=a.workers)
    print(f"calibration: {len(RANGES)} parameters, {fig['trials']} trials × {fig['replications']} replications "
          f"(+20 check runs) at {fig['rows']:,} rows × 12 months on {fig['workers']} workers: "
          f"{fig['seconds']:.0f} s ({fig['seconds'] / fig['runs']:.2f} s per run); CPU {fig['cpu_seconds']:.0f} s "
          f"(on {fig['workers']} free cores: about {fig['cpu_seconds'] / fig['workers']:.0f} s)")
    for path, (best, low, high, truth) in fig["estimates"].items():
        print(f"  {path}: {best:.4g} [{low:.4g}, {high:.4g}], truth {truth:g}")
    if not a.quick and (trials, rows, a.workers) == (200, 5000, 2):
        met = fig["seconds"] <= TARGET_SECONDS
        print(f"target: within {TARGET_SECONDS:.0f} s on 2 cores: {'met' if met else 'NOT met'}")


if __name__ == "__main__":
    main()
