"""``python -m benchmarks.uncertainty [--draws 200] [--rows N] [--workers 2] [--quick]``

Issue 24's speed target: the verdict under uncertainty over about 200 draws for two strategies
(nurture and harvest: a 10,000-customer brand over a year, the shipped default assumptions)
within 5 minutes on 2 quiet cores. Times the whole weighing on local worker processes (planning,
the draws and their repeats, each with its baseline, the analysis), with the rows a draw simulates
(default: the library's ``DRAW_ROWS``), and reports the luck share the repeats measure at that
precision: what more rows per draw would buy. ``run(...)`` returns the figures for the lead's
``python -m benchmarks``.
"""

from __future__ import annotations

import argparse
import resource
import time

TARGET_SECONDS = 300.0


def run(draws: int = 200, rows: int | None = None, workers: int = 2, days: int = 365) -> dict:
    from siyu_sim.config import presets
    from siyu_sim.experiments.backends import ProcessPoolBackend
    from siyu_sim.uncertainty import analysis
    from siyu_sim.uncertainty.weigh import prepare, weigh

    pair = [presets.load("nurture").with_overrides(days=days), presets.load("harvest").with_overrides(days=days)]
    start, cpu0 = time.perf_counter(), _cpu()
    plan = prepare(pair, draws=draws, rows=rows)
    with ProcessPoolBackend(workers) as backend:
        w = weigh(plan, backend=backend)
    summary = analysis.summary(w)
    analysis.value_of_information(w)
    seconds, cpu = time.perf_counter() - start, _cpu() - cpu0
    runs = len(plan.specs)
    return {"seconds": seconds, "cpu_seconds": cpu, "draws": draws, "repeats": plan.repeats, "rows": plan.rows,
            "workers": workers, "runs": runs, "days": days, "assumptions": len(plan.assumptions), "runs_per_s": runs / seconds,
            "luck_share": dict(zip(summary["scenario"], summary["luck_share"])),
            "p_adds": dict(zip(summary["scenario"], summary["p_adds"]))}


def _cpu() -> float:
    """CPU seconds of this process and its finished workers."""
    own, kids = resource.getrusage(resource.RUSAGE_SELF), resource.getrusage(resource.RUSAGE_CHILDREN)
    return own.ru_utime + own.ru_stime + kids.ru_utime + kids.ru_stime


def describe(fig: dict) -> str:
    luck = ", ".join(f"{k} {v:.1%}" for k, v in fig["luck_share"].items())
    return (f"uncertainty: {fig['draws']} draws (+{fig['repeats']} repeats) x 2 strategies, each with its baseline, "
            f"{fig['rows']:,} rows x {fig['days']} days on {fig['workers']} workers: {fig['seconds']:.0f} s, "
            f"{fig['runs_per_s']:.2f} runs/s; CPU {fig['cpu_seconds']:.0f} s (on {fig['workers']} free cores: about "
            f"{fig['cpu_seconds'] / fig['workers']:.0f} s); luck's share of the spread: {luck}")


def main(argv: list[str] | None = None) -> None:
    p = argparse.ArgumentParser(prog="python -m benchmarks.uncertainty", description=__doc__,
                                formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("--draws", type=int, default=200)
    p.add_argument("--rows", type=int, default=None, help="rows a draw simulates (default: the library's)")
    p.add_argument("--workers", type=int, default=2)
    p.add_argument("--quick", action="store_true", help="12 draws of 60 days at 300 rows: a smoke run")
    a = p.parse_args(argv)
    fig = run(draws=12, rows=300, workers=a.workers, days=60) if a.quick else \
        run(draws=a.draws, rows=a.rows, workers=a.workers)
    print(describe(fig))
    if not a.quick and (a.draws, a.workers) == (200, 2):
        print(f"target: within {TARGET_SECONDS:.0f} s on 2 cores: {'met' if fig['seconds'] <= TARGET_SECONDS else 'NOT met'}")


if __name__ == "__main__":
    main()
