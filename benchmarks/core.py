"""Single-process measurements on the full model (all rules, groups, contact graph, ledger,
metrics): vector speed, agent vs vector, construction time, peak memory."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import time
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


@dataclass
class RunTiming:
    preset: str
    executor: str
    customers: int
    days: int
    build_s: float
    run_s: float
    daily: object = None  # the daily table (pandas.DataFrame)
    engine: str = "compiled"
    day_s: float = 0.0  # time in the day function (the gathers and every rule)

    @property
    def day_us(self) -> float:
        return self.day_s / (self.customers * self.days) * 1e6

    @property
    def us_per_customer_day(self) -> float:
        return self.run_s / (self.customers * self.days) * 1e6


def time_model(preset: str, customers: int, days: int, *, executor: str = "vector",
               seed: int = 1, keep_daily: bool = False, engine: str = "compiled") -> RunTiming:
    """Build one model (timed) and run it ``days`` days (timed separately), timing the day
    function (the gathers and every rule: ``gathers.gather``, the executor's ``move_groups`` and
    ``step``) on the way."""
    from siyu_sim import PrivateDomainModel, presets

    scenario = getattr(presets, preset)()
    PrivateDomainModel(scenario, customers=50, seed=seed, executor=executor, engine=engine).run(1)  # compile/load
    t0 = time.perf_counter()
    # one row a customer (weight 1): µs per customer-day are µs per row-day
    model = PrivateDomainModel(scenario, customers=customers, rows=customers, seed=seed, executor=executor,
                               engine=engine)
    t1 = time.perf_counter()
    import siyu_sim.model as model_module

    spent = [0.0]

    def timed(fn):
        def call(*args, **kwargs):
            start = time.perf_counter()
            result = fn(*args, **kwargs)
            spent[0] += time.perf_counter() - start
            return result
        return call

    # The day function: the gathers (emit, contact and group sums, group moods) and every rule.
    model.executor.step = timed(model.executor.step)
    model.executor.move_groups = timed(model.executor.move_groups)
    gather = model_module.gather
    model_module.gather = timed(gather)
    try:
        daily = model.run(days)
    finally:
        model_module.gather = gather
    t2 = time.perf_counter()
    return RunTiming(preset, executor, customers, days, t1 - t0, t2 - t1,
                     daily if keep_daily else None, engine, spent[0])


def member_share(daily) -> float:
    """The average share of the pool that were members, over the days of a run (its daily table)."""
    pool = daily["prospects"] + daily["active"] + daily["muted"] + daily["churned"]
    return float((daily["members"] / pool).mean())


def compile_cost() -> dict:
    """First-run cost of the compiled kernel: a fresh process with an empty cache compiles it; a
    second fresh process loads it from the disk cache. Seconds per kernel, from compile_report."""
    import tempfile

    code = ("import json; from siyu_sim import PrivateDomainModel\n"
            "from siyu_sim.kernel.compiled import compile_report\n"
            "for ex in ('vector', 'agent'): PrivateDomainModel(customers=50, seed=0, executor=ex).run(1)\n"
            "r = compile_report(); print(json.dumps({'seconds': r.seconds, 'from_cache': r.from_cache}))")
    out = {}
    with tempfile.TemporaryDirectory() as cache:
        env = dict(os.environ, SIYU_CACHE_DIR=cache)
        env["PYTHONPATH"] = os.pathsep.join(filter(None, [str(ROOT), env.get("PYTHONPATH", "")]))
        for label in ("first run (empty cache)", "later runs (cached)"):
            run = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True,
                                 cwd=ROOT, env=env)
            out[label] = json.loads(run.stdout.strip().splitlines()[-1])
    return out


def agent_vs_vector(preset: str, customers: int, days: int, seed: int = 1) -> dict:
    """Same model, same seed, both executors: the speed-up and whether the tables are equal."""
    vec = time_model(preset, customers, days, executor="vector", seed=seed, keep_daily=True)
    agent = time_model(preset, customers, days, executor="agent", seed=seed, keep_daily=True)
    return {"vector": vec, "agent": agent, "identical": bool(vec.daily.equals(agent.daily)),
            "speedup": agent.run_s / vec.run_s}


def peak_memory(preset: str, customers: int, days: int) -> dict:
    """Run ``benchmarks.memprobe`` in a fresh interpreter and return its JSON answer (with the
    run's time)."""
    env = dict(os.environ)
    env["PYTHONPATH"] = os.pathsep.join(filter(None, [str(ROOT), env.get("PYTHONPATH", "")]))
    out = subprocess.run([sys.executable, "-m", "benchmarks.memprobe", preset, str(customers), str(days)],
                         capture_output=True, text=True, check=True, cwd=ROOT, env=env)
    return json.loads(out.stdout.strip().splitlines()[-1])
