"""Helpers shared by the experiment tests: tiny experiment files, waiting for a condition, and a
lever plugin that holds runs at a gate."""

from __future__ import annotations

import contextlib
import os
import subprocess
import sys
import time
from pathlib import Path

TINY_SET = '''
[set]
"population.customers" = {customers}
days = {days}
'''


def write_experiment(folder: Path, body: str, *, name: str = "tiny", scenarios: str = '["nurture"]',
                     replications: int = 2, root_seed: int = 11, metrics: str = "final",
                     customers: int = 150, days: int = 20, top: str = "") -> Path:
    """``top``: top-level keys (TOML puts every key after [set] in it)."""
    text = (f'name = "{name}"\nscenarios = {scenarios}\nreplications = {replications}\n'
            f'root_seed = {root_seed}\nmetrics = "{metrics}"\n' + top
            + TINY_SET.format(customers=customers, days=days) + body)
    path = folder / f"{name}.toml"
    path.write_text(text, encoding="utf-8")
    return path


DEADLINE_S = 120  # for conditions on a loaded machine; a passing test meets them in seconds


def wait_for(condition, what: str, deadline: float = DEADLINE_S, every: float = 0.05):
    end = time.monotonic() + deadline
    while time.monotonic() < end:
        value = condition()
        if value:
            return value
        time.sleep(every)
    raise AssertionError(f"gave up waiting for {what}")


#: A lever plugin (the ``siyu_sim.levers`` entry-point group): on day 0 a run takes one of
#: ``free`` tickets (files created atomically) and goes on; a run that gets none writes
#: ``folder/held-<pid>`` and waits while ``folder/hold`` exists. So the test knows which
#: processes are inside a run, and that the command cannot finish before it lets them go.
HOLD = """
import os, time
from siyu_sim.levers import Event, register_lever

@register_lever("test_hold")
class Hold(Event):
    folder: str
    free: int = 0

    def act(self, day, brand):
        if day != 0:
            return
        for k in range(self.free):
            try:
                os.close(os.open(os.path.join(self.folder, f"ticket-{k}"), os.O_CREAT | os.O_EXCL))
                return
            except FileExistsError:
                continue
        open(os.path.join(self.folder, f"held-{os.getpid()}"), "w").close()
        deadline = time.monotonic() + 300  # a broken test must not leave it waiting for ever
        while os.path.exists(os.path.join(self.folder, "hold")) and time.monotonic() < deadline:
            time.sleep(0.02)
"""


def hold_plugin(folder: Path) -> dict:
    """The environment in which ``siyu`` (and its worker processes) load the hold plugin."""
    site = folder / "plugin"
    info = site / "siyu_test_hold-0.dist-info"
    info.mkdir(parents=True)
    (site / "siyu_test_hold.py").write_text(HOLD, encoding="utf-8")
    (info / "METADATA").write_text("Metadata-Version: 2.1\nName: siyu-test-hold\nVersion: 0\n")
    (info / "entry_points.txt").write_text("[siyu_sim.levers]\ntest_hold = siyu_test_hold\n")
    return {**os.environ, "PYTHONPATH": os.pathsep.join(p for p in (str(site), os.environ.get("PYTHONPATH", "")) if p)}


def held(gate: Path) -> set[int]:
    return {int(p.name.split("-")[1]) for p in gate.glob("held-*")}


def gated(batch: str) -> list[str]:
    """A batch function for a process pool (``Backend.run(fn=gated)``): ``"quick"`` comes back at
    once; a path waits while that file exists (at most DEADLINE_S, so a broken test ends)."""
    if batch != "quick":
        end = time.monotonic() + DEADLINE_S
        while os.path.exists(batch) and time.monotonic() < end:
            time.sleep(0.02)
    return [batch]


@contextlib.contextmanager
def dask_cluster(workers: int = 0):
    """A Dask scheduler with no worker of its own and ``workers`` `dask worker` processes; more
    with ``cluster.start_worker()``. No nanny: a killed worker stays dead, as on a cluster whose
    machine is gone. Every worker is killed and the scheduler closed on the way out."""
    from distributed import LocalCluster

    cluster = LocalCluster(n_workers=0, processes=True, dashboard_address=None)
    procs: list[subprocess.Popen] = []

    def start_worker() -> subprocess.Popen:
        proc = subprocess.Popen([sys.executable, "-m", "distributed.cli.dask_worker", cluster.scheduler_address,
                                 "--no-nanny", "--nthreads", "1", "--no-dashboard"],
                                stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        procs.append(proc)
        return proc

    cluster.start_worker = start_worker
    for _ in range(workers):
        start_worker()
    try:
        yield cluster
    finally:
        for proc in procs:
            if proc.poll() is None:
                proc.kill()
            proc.wait(timeout=30)
        cluster.close()
