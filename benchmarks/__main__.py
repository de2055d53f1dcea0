"""``python -m benchmarks [--quick] [--sizes 10000,100000,1000000] [--days 365] ...``

Prints a table and writes it to ``benchmarks/results.md`` (``--out`` to change; ``--quick``
only prints) together with a description of the machine.
"""

from __future__ import annotations

import argparse
import os
import sys
import time
from pathlib import Path

from . import against, calibration, core, machine, sweep, uncertainty

#: The recorded figures (docs/performance.md quotes them).
RESULTS = Path(__file__).resolve().parent / "results.md"

TARGETS = {
    "us_per_cd": 0.2,  # µs per customer-day at 10⁶, full model, one process
    "numpy_ratio": 3.0,  # numpy day function / compiled day function, at the largest size
    "floor_ratio": 2.0,
    "against_ratio": 1.15,  # a behaviour change may cost the kernel at most 15% per row-day (issue 23)  # compiled day function / floor probe pass
    "agent_speedup": 500.0,
    "bytes_per_customer": 400.0,
    "pool_speedup": 1.8,
    "sweep_vs_numpy": 2.0,  # sweep throughput, 2 workers, compiled vs numpy engine
    "dask_overhead": 0.05,
}


def _ints(text: str) -> list[int]:
    return [int(float(x)) for x in text.split(",") if x.strip()]


def parse_args(argv: list[str] | None = None) -> argparse.Namespace:
    p = argparse.ArgumentParser(prog="python -m benchmarks", description=__doc__,
                                formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("--quick", action="store_true", help="tiny sizes: a smoke run of a few seconds")
    p.add_argument("--presets", default="nurture,harvest", help="comma-separated presets (default both)")
    p.add_argument("--sizes", type=_ints, default=None, help="customers for the vector timing (default 1e4,1e5,1e6)")
    p.add_argument("--days", type=int, default=None, help="days for the vector timing (default 365)")
    p.add_argument("--agent-customers", type=int, default=None, help="default 10000")
    p.add_argument("--agent-days", type=int, default=None, help="default 60")
    p.add_argument("--memory-customers", type=int, default=None, help="default 1000000")
    p.add_argument("--memory-days", type=int, default=None, help="days run in the memory probe (default 30)")
    p.add_argument("--sweep-runs", type=int, default=None, help="default 40")
    p.add_argument("--sweep-customers", type=int, default=None, help="default 10000")
    p.add_argument("--sweep-days", type=int, default=None, help="default 365")
    p.add_argument("--sweep-rounds", type=int, default=None,
                   help="backends take turns this many times; each keeps its fastest (default 2)")
    p.add_argument("--blas-threads", type=int, default=None,
                   help="set OPENBLAS/OMP/MKL_NUM_THREADS for this run and every worker it starts "
                        "(default: leave the environment alone); see docs/performance.md")
    p.add_argument("--floor-days", type=int, default=None, help="days of the floor probe (default 30)")
    p.add_argument("--big", type=int, default=0,
                   help="also run a pool of this many rows (weight 1) for --big-days in a fresh process and "
                        "report time and peak memory (e.g. --big 10000000; default off)")
    p.add_argument("--big-days", type=int, default=365, help="days of the --big run (default 365)")
    p.add_argument("--calibration-trials", type=int, default=None,
                   help="trials of the calibration benchmark (default 200; issue 13's target is for 200)")
    p.add_argument("--uncertainty-draws", type=int, default=None,
                   help="draws of the uncertainty benchmark (default 200; issue 24's target is for 200)")
    p.add_argument("--against", default=None, metavar="REF",
                   help="also time this tree against another commit (a git ref), side by side in "
                        "alternating fresh processes: e.g. --against main")
    p.add_argument("--against-customers", type=int, default=None, help="default 100000")
    p.add_argument("--against-days", type=int, default=None, help="default 365")
    p.add_argument("--against-rounds", type=int, default=None, help="timings of each version (default 5)")
    p.add_argument("--skip", default="",
                   help="comma-separated parts to skip: vector,numpy,floor,compile,agent,memory,sweep,dask,calibration,"
                        "fits,uncertainty")
    p.add_argument("--out", type=Path, default=None,
                   help="where to write the markdown results ('-' for none; default "
                        "benchmarks/results.md, or none with --quick so a smoke run never "
                        "replaces the recorded figures)")
    a = p.parse_args(argv)
    quick = a.quick
    if a.out is None:
        a.out = Path("-") if quick else RESULTS
    defaults = {
        "sizes": [2_000, 5_000] if quick else [10_000, 100_000, 1_000_000],
        "days": 10 if quick else 365,
        "agent_customers": 300 if quick else 10_000, "agent_days": 5 if quick else 60,
        "memory_customers": 20_000 if quick else 1_000_000, "memory_days": 5 if quick else 30,
        "sweep_runs": 4 if quick else 40, "sweep_customers": 500 if quick else 10_000,
        "sweep_days": 5 if quick else 365, "sweep_rounds": 1 if quick else 2,
        "floor_days": 3 if quick else 30,
        "calibration_trials": 10 if quick else 200,
        "uncertainty_draws": 6 if quick else 200,
        "against_customers": 2_000 if quick else 100_000, "against_days": 10 if quick else 365,
        "against_rounds": 1 if quick else 5,
    }
    for key, value in defaults.items():
        if getattr(a, key) is None:
            setattr(a, key, value)
    a.presets = [x.strip() for x in a.presets.split(",") if x.strip()]
    a.skip = {x.strip() for x in a.skip.split(",") if x.strip()}
    return a


def _ok(flag: bool) -> str:
    return "met" if flag else "NOT met"


def _sci(n: int) -> str:
    return f"10^{len(str(n)) - 1}" if str(n).strip("0") == "1" else f"{n:,}"


def run(a: argparse.Namespace, log=print) -> dict:
    """Run the selected measurements; returns {'machine', 'sections': [(title, header, rows)], 'targets'}."""
    sections, targets = [], []
    info = machine.describe()
    meter = machine.CpuMeter().__enter__()

    def loaded(title: str, m: "machine.CpuMeter") -> str:
        return title if m.other_cores is None else f"{title} [other processes kept {m.other_cores:.1f} cores busy]"

    if "vector" not in a.skip:
        m = machine.CpuMeter().__enter__()
        rows, largest = [], {}
        engines = ["compiled"] + ([] if "numpy" in a.skip else ["numpy"])
        for n in a.sizes:
            for preset in a.presets:
                for engine in engines:
                    log(f"vector: {preset} {n:,} customers x {a.days} days, {engine} engine ...")
                    r = core.time_model(preset, n, a.days, engine=engine, keep_daily=n == max(a.sizes))
                    rows.append([preset, _sci(n), engine, str(a.days), f"{r.build_s:.2f}", f"{r.run_s:.1f}",
                                 f"{r.us_per_customer_day:.3f}", f"{r.day_us:.3f}"])
                    if n == max(a.sizes):
                        largest[preset, engine] = r
        m.__exit__(None, None, None)
        sections.append((loaded("Vector executor, full model; the day function is the gathers and "
                                "every rule, timed inside the same runs", m),
                         ["preset", "customers", "engine", "days", "build s", "run s", "µs / customer-day",
                          "day function µs / customer-day"], rows))
        n = max(a.sizes)
        probes = {}
        if "floor" not in a.skip:
            from . import floor  # imports numpy: after --blas-threads has set the environment

            floor_rows = []
            for preset in a.presets:
                share = core.member_share(largest[preset, "compiled"].daily)
                log(f"floor probe: {n:,} rows x {a.floor_days} days, {share:.0%} members ({preset}) ...")
                probe = probes[preset] = floor.floor_probe(n, a.floor_days, share)
                floor_rows.append([preset, _sci(n), str(a.floor_days), f"{share:.1%}", str(probe["columns_read"]),
                                   str(probe["values_written"]), f"{probe['pass_us']:.3f}", f"{probe['draws_us']:.3f}"])
            sections.append(("Floor probe: one compiled pass reading every column the kernel reads and writing "
                             "every column and event it writes, with the day's draws and the kernel's calls per row "
                             f"(expm1, exp: {floor.MEMBER_CALLS} for a member, {floor.OTHER_CALLS} for "
                             "any other row), the run's average share of members, no model logic",
                             ["preset", "rows", "days", "members", "columns read", "values written",
                              "pass µs / row-day", "draws µs / row-day (not in the ratio)"], floor_rows))
        for preset in a.presets:
            r = largest[preset, "compiled"]
            targets.append((f"vector µs/customer-day at {_sci(n)} ({preset}, compiled)",
                            f"{r.us_per_customer_day:.3f}", f"≤ {TARGETS['us_per_cd']}",
                            _ok(r.us_per_customer_day <= TARGETS["us_per_cd"])))
            if (preset, "numpy") in largest:
                ratio = largest[preset, "numpy"].day_us / r.day_us
                targets.append((f"compiled kernel vs numpy day function at {_sci(n)} ({preset})",
                                f"{ratio:.2f}x ({largest[preset, 'numpy'].day_us:.3f} vs {r.day_us:.3f} µs)",
                                f"≥ {TARGETS['numpy_ratio']:.0f}x", _ok(ratio >= TARGETS["numpy_ratio"])))
            if preset in probes:
                probe = probes[preset]
                ratio = r.day_us / probe["pass_us"]
                targets.append((f"compiled kernel vs floor probe at {_sci(n)} ({preset})",
                                f"{ratio:.2f}x ({r.day_us:.3f} vs {probe['pass_us']:.3f} µs)",
                                f"≤ {TARGETS['floor_ratio']:.0f}x", _ok(ratio <= TARGETS["floor_ratio"])))
            targets.append((f"model construction at {_sci(n)} ({preset})", f"{r.build_s:.2f} s", "(reported)", ""))

    if "compile" not in a.skip:
        log("compile cost: fresh processes, empty then warm cache ...")
        c = core.compile_cost()
        rows = [[label, kernel, f"{s:.2f}", "loaded from cache" if r["from_cache"][kernel] else "compiled"]
                for label, r in c.items() for kernel, s in r["seconds"].items()]
        sections.append(("First-run cost of the compiled kernel (fresh processes; SIYU_CACHE_DIR empty, then "
                         "filled by the first)", ["process", "kernel", "seconds", ""], rows))
        first = sum(next(iter(c.values()))["seconds"].values())
        later = sum(list(c.values())[-1]["seconds"].values())
        targets.append(("JIT compilation: first run / later runs (cached)", f"{first:.1f} s / {later:.2f} s",
                        "(reported)", ""))

    if "agent" not in a.skip:
        m = machine.CpuMeter().__enter__()
        rows = []
        preset = a.presets[0]
        log(f"agent vs vector: {preset} {a.agent_customers:,} x {a.agent_days} days ...")
        r = core.agent_vs_vector(preset, a.agent_customers, a.agent_days)
        for key in ("vector", "agent"):
            t = r[key]
            rows.append([preset, key, _sci(t.customers), str(t.days), f"{t.run_s:.2f}",
                         f"{t.us_per_customer_day:.3f}"])
        rows.append([preset, "speed-up (agent / vector)", "", "", f"{r['speedup']:.0f}x",
                     "identical tables: " + ("yes" if r["identical"] else "NO")])
        m.__exit__(None, None, None)
        sections.append((loaded("Agent vs vector executor, same model, same seed", m),
                         ["preset", "executor", "customers", "days", "run s", "µs / customer-day"], rows))
        targets.append(("vector vs agent speed-up", f"{r['speedup']:.0f}x", f"≥ {TARGETS['agent_speedup']:.0f}x",
                        _ok(r["speedup"] >= TARGETS["agent_speedup"])))
        targets.append(("agent and vector tables identical", "yes" if r["identical"] else "NO", "yes",
                        _ok(r["identical"])))

    if "memory" not in a.skip:
        m = machine.CpuMeter().__enter__()
        rows = []
        for preset in a.presets:
            log(f"memory: {preset} {a.memory_customers:,} x {a.memory_days} days (fresh process) ...")
            p = core.peak_memory(preset, a.memory_customers, a.memory_days)
            rows.append([preset, _sci(p["customers"]), str(p["days"]), f"{p['build_s']:.2f}", f"{p['run_s']:.1f}",
                         f"{p['table_bytes_per_customer']:.0f}", f"{p['graph_bytes_per_customer']:.0f}",
                         f"{p['build_bytes_per_customer']:.0f}", f"{p['bytes_per_customer']:.0f}"])
            targets.append((f"peak bytes per customer at {_sci(p['customers'])} ({preset})",
                            f"{p['bytes_per_customer']:.0f}", f"≤ {TARGETS['bytes_per_customer']:.0f}",
                            _ok(p["bytes_per_customer"] <= TARGETS["bytes_per_customer"])))
        m.__exit__(None, None, None)
        sections.append((loaded("Peak memory (fresh process; peak RSS (VmHWM) minus an import-everything baseline)", m),
                         ["preset", "customers", "days", "build s", "run s", "table B/cust", "graph B/cust",
                          "peak after build B/cust", "peak B/cust"], rows))

    if "sweep" not in a.skip:
        log(f"sweep: {a.sweep_runs} runs of {a.sweep_customers:,} x {a.sweep_days} days on 1, 2 workers"
            + ("" if "dask" in a.skip else " and Dask") + " ...")
        m = machine.CpuMeter().__enter__()
        s = sweep.sweep_benchmark(a.sweep_runs, a.sweep_customers, a.sweep_days, preset=a.presets[0],
                                  dask="dask" not in a.skip, rounds=a.sweep_rounds)
        base = s["timings"][0].wall_s
        rows = [[t.backend, str(t.runs), f"{t.startup_s:.1f}", f"{t.wall_s:.1f}",
                 ", ".join(f"{x:.1f}" for x in walls), f"{t.runs_per_s:.2f}", f"{base / t.wall_s:.2f}x"]
                for t, walls in zip(s["timings"], s["rounds_s"])]
        m.__exit__(None, None, None)
        sections.append((loaded(f"Sweep throughput: {a.sweep_runs} runs of {_sci(a.sweep_customers)} customers x "
                         f"{a.sweep_days} days ({a.presets[0]}) in {s['batches']} batches of {s['batch_size']}, "
                         "through siyu_sim.experiments.backends; pools warmed before timing; backends take turns "
                         f"for {a.sweep_rounds} round(s), each keeps its fastest", m),
                         ["backend", "runs", "start-up s (untimed)", "wall s (fastest)", "every round s", "runs / s",
                          "speed-up vs 1 worker"], rows))
        targets.append(("2 local workers vs 1", f"{s['speedup_2_vs_1']:.2f}x", f"≥ {TARGETS['pool_speedup']}x",
                        _ok(s["speedup_2_vs_1"] >= TARGETS["pool_speedup"])))
        targets.append(("sweep throughput, 2 workers: compiled vs numpy engine (today's)",
                        f"{s['speedup_vs_numpy']:.2f}x", f"≥ {TARGETS['sweep_vs_numpy']:.0f}x",
                        _ok(s["speedup_vs_numpy"] >= TARGETS["sweep_vs_numpy"])))
        if "dask_overhead" in s:
            targets.append(("Dask (2 workers) overhead vs local pool (2 workers)",
                            f"{s['dask_overhead'] * 100:+.1f}%", f"≤ {TARGETS['dask_overhead'] * 100:.0f}%",
                            _ok(s["dask_overhead"] <= TARGETS["dask_overhead"])))
        targets.append(("sweep results identical on every backend", "yes" if s["identical"] else "NO", "yes",
                        _ok(s["identical"])))
    if a.big:
        log(f"big: {a.big:,} rows x {a.big_days} days (fresh process) ...")
        m = machine.CpuMeter().__enter__()
        p = core.peak_memory(a.presets[0], a.big, a.big_days)
        m.__exit__(None, None, None)
        sections.append((loaded(f"One big pool: {_sci(a.big)} rows (weight 1), {a.presets[0]}, fresh process", m),
                         ["rows", "days", "build s", "run s", "µs / customer-day", "peak GiB", "peak B/cust"],
                         [[_sci(a.big), str(a.big_days), f"{p['build_s']:.1f}", f"{p['run_s']:.0f}",
                           f"{p['run_s'] / (a.big * a.big_days) * 1e6:.3f}", f"{p['peak_bytes'] / 2**30:.1f}",
                           f"{p['bytes_per_customer']:.0f}"]]))
        targets.append((f"{_sci(a.big)} rows x {a.big_days} days in one run", f"{p['run_s']:.0f} s, "
                        f"peak {p['peak_bytes'] / 2**30:.1f} GiB", "(reported)", ""))
    if a.against:
        m = machine.CpuMeter().__enter__()
        rows = against.run(a.against, a.presets, a.against_customers, a.against_days, a.against_rounds, log=log)
        m.__exit__(None, None, None)
        sections.append((loaded(f"This tree against {a.against}: median of {a.against_rounds} timings each, "
                                "alternating fresh processes", m),
                         ["preset", "version", "customers", "rows", "days", "run s", "µs / row-day",
                          "µs / customer-day"],
                         [[r["preset"], r["version"], f"{r['customers']:,}", f"{r['rows']:,}", str(r["days"]),
                           f"{r['run_s']:.1f}", f"{r['us_per_row_day']:.3f}", f"{r['us_per_customer_day']:.3f}"]
                          for r in rows]))
        for preset in a.presets:
            here, there = (next(r for r in rows if r["preset"] == preset and r["version"] == v)
                           for v in ("this tree", a.against))
            slower = here["us_per_row_day"] / there["us_per_row_day"]
            targets.append((f"kernel per row-day vs {a.against} ({preset})", f"{slower:.2f}x",
                            f"≤ {TARGETS['against_ratio']:.2f}x", _ok(slower <= TARGETS["against_ratio"])))
    if "calibration" not in a.skip:
        rows = 300 if a.quick else 5_000
        log(f"calibration: 4 parameters, {a.calibration_trials} trials x 2 replications at {rows:,} "
            "rows x 12 months on 2 workers ...")
        m = machine.CpuMeter().__enter__()
        c = calibration.run(trials=a.calibration_trials, rows=rows, workers=2)
        m.__exit__(None, None, None)
        rows = [[path, f"{best:.4g}", f"[{low:.4g}, {high:.4g}]", f"{truth:g}",
                 "yes" if low <= truth <= high else "NO"] for path, (best, low, high, truth) in c["estimates"].items()]
        sections.append((loaded(f"Calibration ({c['trials']} trials x {c['replications']} replications + 20 check "
                                f"runs at {c['rows']:,} rows x 12 months, 2 local workers): "
                                f"{c['seconds']:.0f} s wall, {c['cpu_seconds']:.0f} s CPU; estimates against the "
                                "known truth", m), ["parameter", "estimate", "interval", "truth", "truth inside"], rows))
        if (c["trials"], c["rows"]) == (200, 5_000):
            targets.append(("calibration: 4 parameters, 200 trials x 2 reps at 5,000 x 12 months, 2 workers",
                            f"{c['seconds']:.0f} s (CPU {c['cpu_seconds']:.0f} s)",
                            f"≤ {calibration.TARGET_SECONDS:.0f} s", _ok(c["seconds"] <= calibration.TARGET_SECONDS)))
    if "fits" not in a.skip:
        log("fits: the worked example of docs/calibration.md, and 5 parameters of a 150,000-customer brand "
            "(the calibration file's defaults) on 2 workers ...")
        rows = []
        m = machine.CpuMeter().__enter__()
        done = list(calibration.fits(workers=2, quick=a.quick))
        m.__exit__(None, None, None)
        for name, f in done:
            rows.append([name, f"{f['parameters']}", f"{f['runs']} ({f['trials']} x {f['replications']} + {f['check']})",
                         f"{f['customers']:,} on {f['rows']:,}", f"{f['seconds']:.0f}", f"{f['cpu_seconds']:.0f}",
                         f"{f['held'][0]} of {f['held'][1]}", f"{f['pinned'][0]} of {f['pinned'][1]}",
                         ", ".join(f["warnings"]) or "none"])
            if not a.quick:
                targets.append((f"calibration, {name}, 2 workers", f"{f['seconds']:.0f} s (CPU {f['cpu_seconds']:.0f} s)",
                                f"≤ {calibration.FIT_TARGET_SECONDS:.0f} s",
                                _ok(f["seconds"] <= calibration.FIT_TARGET_SECONDS)))
        sections.append((loaded("Calibration fits as a consultant runs them (issue 26): search, check runs and the "
                                "pool's start, 2 local workers", m), ["fit", "parameters", "runs", "customers on rows", "wall s", "CPU s",
                                             "held-out inside", "pinned down", "warnings"], rows))
    if "uncertainty" not in a.skip:
        log(f"uncertainty: {a.uncertainty_draws} draws x nurture and harvest, 10,000 customers x "
            f"{'60' if a.quick else '365'} days on 2 workers ...")
        m = machine.CpuMeter().__enter__()
        u = uncertainty.run(draws=a.uncertainty_draws, workers=2, **({"rows": 300, "days": 60} if a.quick else {}))
        m.__exit__(None, None, None)
        sections.append((loaded(f"Verdict under uncertainty: {u['draws']} draws (+{u['repeats']} repeats for luck) of "
                                f"the {u['assumptions']} default assumptions, nurture and harvest each with its baseline, "
                                f"{u['rows']:,} rows a run, 2 local workers", m),
                         ["runs", "wall s", "runs / s", "CPU s", "luck's share of the spread"],
                         [[str(u["runs"]), f"{u['seconds']:.0f}", f"{u['runs_per_s']:.2f}", f"{u['cpu_seconds']:.0f}",
                           ", ".join(f"{k} {v:.1%}" for k, v in u["luck_share"].items())]]))
        if u["draws"] == 200:
            targets.append(("verdict under uncertainty: 200 draws x 2 strategies, a 10,000-customer brand x 1 "
                            "year, 2 workers", f"{u['seconds']:.0f} s (CPU {u['cpu_seconds']:.0f} s)",
                            f"≤ {uncertainty.TARGET_SECONDS:.0f} s", _ok(u["seconds"] <= uncertainty.TARGET_SECONDS)))
    meter.__exit__(None, None, None)
    if meter.other_cores is not None:
        info["other processes' load during the run"] = (
            f"{meter.other_cores:.2f} cores on average (CPU kept busy by processes outside this "
            "benchmark: the machine is shared)")
    return {"machine": info, "sections": sections, "targets": targets}


def _md_table(header: list[str], rows: list[list[str]]) -> str:
    lines = ["| " + " | ".join(header) + " |", "|" + "|".join("---" for _ in header) + "|"]
    lines += ["| " + " | ".join(r) + " |" for r in rows]
    return "\n".join(lines)


def render(result: dict, command: str) -> str:
    parts = ["# siyu_sim benchmark results", "",
             f"Command: `{command}`", "",
             "All figures below come from this one run, measured side by side. "
             "Times are wall-clock (`time.perf_counter`), one process unless stated; the machine "
             "is shared, so expect a few per cent of noise.", "", "## Machine", "",
             _md_table(["", ""], [[k, v] for k, v in result["machine"].items()]), ""]
    if result["targets"]:
        parts += ["## Targets", "", _md_table(["measure", "measured", "target", ""],
                                              [list(t) for t in result["targets"]]), ""]
    for title, header, rows in result["sections"]:
        parts += [f"## {title}", "", _md_table(header, rows), ""]
    return "\n".join(parts)


BLAS_ENV = ("OPENBLAS_NUM_THREADS", "OMP_NUM_THREADS", "MKL_NUM_THREADS")


def main(argv: list[str] | None = None) -> int:
    a = parse_args(argv)
    if a.blas_threads is not None:
        if "numpy" in sys.modules:
            print("warning: numpy is already imported; --blas-threads reaches only the worker "
                  "processes", file=sys.stderr)
        for name in BLAS_ENV:
            os.environ[name] = str(a.blas_threads)
    command = "python -m benchmarks " + " ".join(sys.argv[1:] if argv is None else argv)
    t0 = time.perf_counter()
    result = run(a, log=lambda msg: print(msg, file=sys.stderr, flush=True))
    text = render(result, command.strip())
    text += f"\nTotal benchmark time: {time.perf_counter() - t0:.0f} s.\n"
    print(text)
    if str(a.out) != "-":
        a.out.write_text(text, encoding="utf-8")
        print(f"written to {a.out}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
