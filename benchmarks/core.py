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

    @property
    def us_per_customer_day(self) -> float:
        return self.run_s / (self.customers * self.days) * 1e6


def time_model(preset: str, customers: int, days: int, *, executor: str = "vector",
               seed: int = 1, keep_daily: bool = False) -> RunTiming:
    """Build one model (timed) and run it ``days`` days (timed separately)."""
    from siyu_sim import PrivateDomainModel, presets

    scenario = getattr(presets, preset)()
    t0 = time.perf_counter()
    model = PrivateDomainModel(scenario, customers=customers, seed=seed, executor=executor)
    t1 = time.perf_counter()
    daily = model.run(days)
    t2 = time.perf_counter()
    return RunTiming(preset, executor, customers, days, t1 - t0, t2 - t1,
                     daily if keep_daily else None)


def agent_vs_vector(preset: str, customers: int, days: int, seed: int = 1) -> dict:
    """Same model, same seed, both executors: the speed-up and whether the tables are equal."""
    vec = time_model(preset, customers, days, executor="vector", seed=seed, keep_daily=True)
    agent = time_model(preset, customers, days, executor="agent", seed=seed, keep_daily=True)
    return {"vector": vec, "agent": agent, "identical": bool(vec.daily.equals(agent.daily)),
            "speedup": agent.run_s / vec.run_s}


def peak_memory(preset: str, customers: int, days: int) -> dict:
    """Run ``benchmarks.memprobe`` in a fresh interpreter and return its JSON answer."""
    env = dict(os.environ)
    env["PYTHONPATH"] = os.pathsep.join(filter(None, [str(ROOT), env.get("PYTHONPATH", "")]))
    out = subprocess.run([sys.executable, "-m", "benchmarks.memprobe", preset, str(customers), str(days)],
                         capture_output=True, text=True, check=True, cwd=ROOT, env=env)
    return json.loads(out.stdout.strip().splitlines()[-1])
