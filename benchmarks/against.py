"""This tree's model against another commit's, side by side in one run.

A change to the model's behaviour is allowed to cost only so much speed (issue 23: the
kernel at most 15% slower). Times from two different runs drift 2x on a shared machine, so
both versions are timed here in alternating fresh processes, the same preset, size and days,
and compared on their medians. The other commit is exported with ``git archive`` to a
temporary folder and imported from there (same interpreter and libraries; its compiled
kernel is cached apart, keyed by its own sources).

Per row-day is the kernel's cost; per customer-day is what a brand's question costs. They
differ when a version simulates rows that are not yet the brand's customers (the open
market's potential customers).
"""

from __future__ import annotations

import json
import os
import statistics
import subprocess
import sys
import tarfile
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent

_TIMING = """
import json, sys, time
sys.path.insert(0, {tree!r})
from siyu_sim import PrivateDomainModel, presets
import siyu_sim
assert siyu_sim.__file__.startswith({tree!r}), siyu_sim.__file__
scenario = getattr(presets, {preset!r})()
PrivateDomainModel(scenario, customers=50, seed=1).run(1)  # compile or load the kernel
import inspect
one_row_each = {{"rows": {customers}}} if "rows" in inspect.signature(PrivateDomainModel).parameters else {{}}
t0 = time.perf_counter()
model = PrivateDomainModel(scenario, customers={customers}, seed=1, **one_row_each)
t1 = time.perf_counter()
daily = model.run({days})
t2 = time.perf_counter()
print(json.dumps({{"build_s": t1 - t0, "run_s": t2 - t1, "rows": int(len(model.customers.status))}}))
"""


def export(ref: str, into: Path) -> Path:
    """The package and its data at ``ref``, unpacked under ``into``; a clear error if git
    does not know the commit."""
    archive = into / "tree.tar"
    done = subprocess.run(["git", "-C", str(ROOT), "archive", "--format=tar", "-o", str(archive), ref, "siyu_sim"],
                          capture_output=True, text=True)
    if done.returncode != 0:
        raise SystemExit(f"--against {ref}: git cannot export it: {done.stderr.strip()}")
    tree = into / "tree"
    with tarfile.open(archive) as tar:
        tar.extractall(tree, filter="data")
    return tree


def time_once(tree: Path, preset: str, customers: int, days: int) -> dict:
    env = dict(os.environ, PYTHONPATH=str(tree))
    done = subprocess.run([sys.executable, "-c", _TIMING.format(tree=str(tree), preset=preset,
                                                                   customers=customers, days=days)],
                          capture_output=True, text=True, env=env, cwd=tree)
    if done.returncode != 0:
        raise RuntimeError(f"timing {tree} failed:\n{done.stderr[-2000:]}")
    return json.loads(done.stdout.strip().splitlines()[-1])


def run(ref: str, presets: list[str], customers: int, days: int, rounds: int, log=print) -> list[dict]:
    """Median run time per row-day and per customer-day of this tree and of ``ref``, each
    preset timed ``rounds`` times in alternating fresh processes."""
    out = []
    with tempfile.TemporaryDirectory(prefix="siyu-against-") as tmp:
        trees = {"this tree": ROOT, ref: export(ref, Path(tmp))}
        for preset in presets:
            times = {name: [] for name in trees}
            for r in range(rounds):
                order = list(trees) if r % 2 == 0 else list(trees)[::-1]  # neither always goes first
                for name in order:
                    log(f"against: {preset}, {name}, round {r + 1}/{rounds} ...")
                    times[name].append(time_once(trees[name], preset, customers, days))
            for name, ts in times.items():
                run_s = statistics.median(t["run_s"] for t in ts)
                rows = ts[0]["rows"]
                out.append({"preset": preset, "version": name, "customers": customers, "rows": rows,
                            "days": days, "run_s": run_s,
                            "us_per_row_day": run_s / (rows * days) * 1e6,
                            "us_per_customer_day": run_s / (customers * days) * 1e6})
    return out
