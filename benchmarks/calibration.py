"""``python -m benchmarks.calibration [--trials 200] [--rows 5000] [--workers 2] [--quick] [--fits [example,brand]]``

Issue 13's speed target: a calibration of 4 parameters with 200 trials at 5,000 rows (a brand of 200,000 customers) ×
12 months, 2 replications per trial, finishes within 5 minutes on 2 cores. The observed data
are the model's own (known truth, examples/calibration/make_observed.py's way); the whole fit
is timed: search, the check runs of the best parameters and writing the folder. Prints the
figure and whether the target is met. ``run(...)`` returns the figures for the lead's
``python -m benchmarks``.

Issue 26's (``--fits``; ``fits()``): the worked example of docs/calibration.md as shipped
(``run_example``), and a five-parameter, 12-month fit of a 150,000-customer brand with the
calibration file's defaults (``run_brand``: 100 trials × 2 replications + 20 check runs, on the
10,000 rows a brand that size is simulated on), each within 3 minutes on 2 cores.
"""

from __future__ import annotations

import argparse
import resource
import tempfile
import textwrap
import time
from pathlib import Path

TARGET_SECONDS = 300.0
#: Issue 26: the worked example, and a five-parameter fit of a 150,000-customer brand, on 2 cores.
FIT_TARGET_SECONDS = 180.0
EXAMPLE = Path(__file__).resolve().parent.parent / "examples" / "calibration"
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
#: The 150,000-customer brand's truth and ranges: the four above, and the yearly lapse.
TRUTH_5 = {**TRUTH, "behaviour.purchase.lapse_per_year": 0.2}
RANGES_5 = {**RANGES, "behaviour.purchase.lapse_per_year": (0.02, 0.5)}


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


def _timed_fit(calibration: Path, observed: Path, folder: Path, workers: int, **options) -> dict:
    """Prepare and fit as ``siyu calibrate`` does, timed: wall and CPU seconds, runs, and the fit's
    own judgement."""
    from siyu_sim.calibration.run import calibrate, prepare, runs_planned
    from siyu_sim.experiments.backends import ProcessPoolBackend
    from siyu_sim.scenario import Scenario

    prep = prepare(calibration, observed, folder, **options)
    start, cpu0 = time.perf_counter(), _cpu()
    with ProcessPoolBackend(workers) as backend:  # the pool's start is part of what a user waits for
        result = calibrate(prep, backend).result
    seconds, cpu = time.perf_counter() - start, _cpu() - cpu0
    judged = result.fit_quality()
    spec = prep.spec
    population = Scenario.from_dict(spec.scenario).population
    return {"seconds": seconds, "cpu_seconds": cpu, "runs": runs_planned(spec), "trials": spec.trials,
            "replications": spec.replications, "check": spec.check_replications,
            "rows": population.n_rows, "customers": population.customers, "parameters": len(spec.parameters),
            "held": (judged.held_inside, judged.held_total), "pinned": (len(judged.pinned_down), len(judged.parameters)),
            "good": judged.good, "warnings": [w.key for w in judged.warnings],
            "estimates": {e.path: (e.best, e.low, e.high) for e in result.estimates}}


def run_example(workers: int = 2, **options) -> dict:
    """The worked example of docs/calibration.md, as shipped (``options``: --trials, --rows, ...)."""
    with tempfile.TemporaryDirectory() as tmp:
        return _timed_fit(EXAMPLE / "calibration.toml", EXAMPLE / "observed.csv", Path(tmp) / "fit", workers, **options)


def run_brand(customers: int = 150_000, workers: int = 2, **options) -> dict:
    """Five parameters fitted to 12 months of a ``customers``-customer brand made from known truth
    (nurture), with the calibration file's defaults: trials, replications, check runs, and the rows
    the scenario gives a brand that size."""
    from siyu_sim.calibration.synthetic import synthetic_observed, write_observed
    from siyu_sim.config import presets
    from siyu_sim.config.overrides import apply_overrides

    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        base = apply_overrides(presets.nurture().to_dict(), {"population.customers": customers})
        write_observed(synthetic_observed(base, TRUTH_5, COLUMNS, seed=2026), folder / "observed.csv")
        params = "\n".join(f'"{k}" = [{lo}, {hi}]' for k, (lo, hi) in RANGES_5.items())
        (folder / "calibration.toml").write_text(textwrap.dedent(f"""\
            name = "brand_150k"
            scenario = "nurture"
            customers = {customers}
            [periods]
            held_out = [11, 12]
            """) + "[parameters]\n" + params + "\n", encoding="utf-8")
        out = _timed_fit(folder / "calibration.toml", folder / "observed.csv", folder / "fit", workers, **options)
    out["estimates"] = {k: (*v, TRUTH_5[k]) for k, v in out["estimates"].items()}
    return out


def fits(workers: int = 2, quick: bool = False, which: tuple[str, ...] = ("example", "brand")):
    """Issue 26's two fits, timed, each (name, figures) as it ends (``quick``: 2 trials at 300 rows
    each: a smoke run)."""
    small = {"trials": 2, "rows": 300} if quick else {}
    if "example" in which:
        yield "worked example (docs/calibration.md)", run_example(workers, **small)
    if "brand" in which:
        yield "150,000-customer brand, 5 parameters", run_brand(workers=workers, **small)


def fit_line(name: str, fig: dict) -> str:
    return (f"{name}: {fig['parameters']} parameters, {fig['trials']} trials × {fig['replications']} replications "
            f"+ {fig['check']} check runs = {fig['runs']} runs at {fig['customers']:,} customers on {fig['rows']:,} "
            f"rows: {fig['seconds']:.0f} s; CPU {fig['cpu_seconds']:.0f} s (on 2 free cores: about "
            f"{fig['cpu_seconds'] / 2:.0f} s); held-out {fig['held'][0]} of {fig['held'][1]}, pinned down "
            f"{fig['pinned'][0]} of {fig['pinned'][1]}, warnings: {', '.join(fig['warnings']) or 'none'}")


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
    p.add_argument("--fits", nargs="?", const="example,brand", default=None, metavar="example,brand",
                   help="issue 26's fits instead: the worked example and a five-parameter fit of a 150,000-customer "
                        "brand (or one of them)")
    a = p.parse_args(argv)
    if a.fits:
        for name, fig in fits(a.workers, a.quick, tuple(x.strip() for x in a.fits.split(","))):
            print(fit_line(name, fig), flush=True)
            if not a.quick:
                met = fig["seconds"] <= FIT_TARGET_SECONDS
                print(f"  target: within {FIT_TARGET_SECONDS:.0f} s on 2 cores: {'met' if met else 'NOT met'}")
        return
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
