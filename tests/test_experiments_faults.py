"""Faults survived: a Dask worker killed mid-sweep, Ctrl-C mid-sweep, an unreachable scheduler.

These start real worker processes (a Dask LocalCluster; the `siyu` command in a subprocess),
so they take a few seconds each; they are marked ``slow`` but run by default.
"""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pandas as pd
import pytest

from _experiment_helpers import write_experiment
from siyu_sim.experiments.backends import BackendError, DaskBackend, make_backend
from siyu_sim.experiments.progress import NullProgress
from siyu_sim.experiments.store import ResultStore
from siyu_sim.experiments.sweep import sweep

pytestmark = pytest.mark.slow

GRID = ('[factors."levers.broadcast.frequency_per_day"]\nvalues = [0.5, 1.0, 2.0, 4.0]\n'
        '[factors."levers.coupon.depth"]\nvalues = [0.0, 0.1, 0.2]\n')


class KillABusyWorker(NullProgress):
    """After the first finished batch, SIGKILL a Dask worker process that is running a batch
    at that moment (its nanny restarts it), and note which batches it held."""

    def __init__(self, client):
        self.client = client
        self.killed: int | None = None
        self.in_flight: list = []

    def advance(self, ok: int, failed: int) -> None:
        if self.killed is not None:
            return
        busy = {w: keys for w, keys in self.client.processing().items() if keys}
        if not busy:  # nothing running right now: try again after the next batch
            return
        address = sorted(busy)[0]
        self.in_flight = list(busy[address])
        self.killed = self.client.run(os.getpid, workers=[address])[address]
        os.kill(self.killed, signal.SIGKILL)


def _profiler_enabled() -> bool:
    import dask
    return dask.config.get("distributed.worker.profile.enabled")


def _by_run(frame: pd.DataFrame) -> pd.DataFrame:
    return frame.sort_values("run_id").reset_index(drop=True)


def test_dask_worker_killed_mid_sweep_loses_and_duplicates_nothing(tmp_path):
    """The property that matters: with a worker killed while it runs a batch, every run ends
    up stored exactly once with the same numbers a serial sweep gives. ``retries=0``: what
    protects the runs is Dask rescheduling a dead worker's tasks and the client writing each
    result once, not task retries."""
    path = write_experiment(tmp_path, GRID, customers=300, days=40, replications=1)  # 12 runs
    backend = DaskBackend(local_workers=2, retries=0)
    try:
        before = set(backend.client.run(os.getpid).values())
        # the local cluster has no dashboard, so its workers run without the stack profiler
        assert set(backend.client.run(_profiler_enabled).values()) == {False}
        killer = KillABusyWorker(backend.client)
        res = sweep(path, out=tmp_path / "out", backend=backend, progress=killer, batch_size=1)
    finally:
        backend.close()
    assert killer.killed in before and killer.in_flight, "no worker was killed mid-batch"
    assert res.complete, res
    assert res.ok == 12 and res.failed == 0
    records = ResultStore(tmp_path / "out").manifest_records()
    assert len(records) == 12 and {r["status"] for r in records} == {"ok"}  # each run once
    serial = sweep(path, out=tmp_path / "serial", backend=make_backend(serial=True))
    assert serial.ok == 12
    survived = _by_run(pd.read_parquet(tmp_path / "out"))
    assert survived.run_id.is_unique
    pd.testing.assert_frame_equal(survived, _by_run(pd.read_parquet(tmp_path / "serial")))


def test_unreachable_scheduler_is_a_clear_error(tmp_path):
    # nothing listens on port 9 (discard) of localhost: the connection is refused or times out
    with pytest.raises(BackendError, match="cannot reach the Dask scheduler at tcp://127.0.0.1:9"):
        make_backend(scheduler="tcp://127.0.0.1:9")
    from typer.testing import CliRunner

    from siyu_sim.cli import app

    path = write_experiment(tmp_path, GRID)
    res = CliRunner().invoke(app, ["sweep", str(path), "--scheduler", "tcp://127.0.0.1:9",
                                   "--out", str(tmp_path / "o")])
    assert res.exit_code == 1
    assert "cannot reach the Dask scheduler at tcp://127.0.0.1:9" in res.output
    assert not (tmp_path / "o").exists()  # nothing started


def test_no_scheduler_given_is_a_clear_error(monkeypatch):
    monkeypatch.delenv("DASK_SCHEDULER_ADDRESS", raising=False)
    with pytest.raises(BackendError, match="no Dask scheduler"):
        DaskBackend()


def _siyu() -> list[str]:
    exe = Path(sys.executable).with_name("siyu")
    return [str(exe)] if exe.exists() else [sys.executable, "-c", "from siyu_sim.cli import main; main()"]


def _ok_records(out: Path) -> list[dict]:
    return [r for r in ResultStore(out).manifest_records() if r["status"] == "ok"]


#: A lever plugin (docs/extending.md: the ``siyu_sim.levers`` entry-point group) that holds
#: runs at a gate: on day 0 each run takes one of ``free`` tickets (files created atomically in
#: ``folder``) and goes on; the runs that get none wait while ``folder/hold`` exists. So exactly
#: ``free`` runs finish and the rest are surely still running when the signal comes, however
#: fast or slow the machine is.
GATE = """
import os, time
from siyu_sim.levers import Event, register_lever

@register_lever("test_gate")
class Gate(Event):
    folder: str
    free: int = 3

    def act(self, day, brand):
        if day != 0:
            return
        for k in range(self.free):
            try:
                os.close(os.open(os.path.join(self.folder, f"ticket-{k}"), os.O_CREAT | os.O_EXCL))
                return
            except FileExistsError:
                continue
        deadline = time.monotonic() + 300  # a broken test must not hang forever
        while os.path.exists(os.path.join(self.folder, "hold")) and time.monotonic() < deadline:
            time.sleep(0.02)
"""


def _gate_plugin(folder: Path) -> dict:
    """The environment in which ``siyu`` (and its worker processes) load the gate plugin."""
    site = folder / "plugin"
    info = site / "siyu_test_gate-0.dist-info"
    info.mkdir(parents=True)
    (site / "siyu_test_gate.py").write_text(GATE, encoding="utf-8")
    (info / "METADATA").write_text("Metadata-Version: 2.1\nName: siyu-test-gate\nVersion: 0\n")
    (info / "entry_points.txt").write_text("[siyu_sim.levers]\ntest_gate = siyu_test_gate\n")
    path = os.pathsep.join(p for p in (str(site), os.environ.get("PYTHONPATH", "")) if p)
    return {**os.environ, "PYTHONPATH": path}


def test_sigint_keeps_finished_runs_and_the_rerun_resumes(tmp_path):
    gate = tmp_path / "gate"
    gate.mkdir()
    (gate / "hold").touch()
    # the gate joins the experiment's [set] table; 36 runs: 4 x 3 settings x 3 replications
    gate_keys = f'"levers.test_gate.folder" = "{gate}"\n'
    path = write_experiment(tmp_path, gate_keys + GRID, customers=300, days=30, replications=3)
    env = _gate_plugin(tmp_path)
    out = tmp_path / "out"
    cmd = _siyu() + ["sweep", str(path), "--out", str(out), "--workers", "2", "--batch-size", "1", "--quiet"]
    # Ctrl-C handled as in a terminal even when these tests run where SIGINT is ignored (a
    # background job, nohup): Python only installs its handler when SIGINT is not ignored
    proc = subprocess.Popen(cmd + ["--fresh"], stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
                            start_new_session=True, env=env,
                            preexec_fn=lambda: signal.signal(signal.SIGINT, signal.SIG_DFL))
    try:
        deadline = time.monotonic() + 120
        while time.monotonic() < deadline and proc.poll() is None:  # a condition, not a duration
            if (out / "_manifest.jsonl").exists() and len(_ok_records(out)) >= 3:
                break
            time.sleep(0.05)
        assert proc.poll() is None, "the sweep ended before it could be interrupted"
        assert len(_ok_records(out)) == 3, "the free runs did not finish in time"
        os.killpg(proc.pid, signal.SIGINT)  # Ctrl-C goes to the whole process group
        stdout, stderr = proc.communicate(timeout=60)
    finally:
        if proc.poll() is None:
            os.killpg(proc.pid, signal.SIGKILL)
    assert proc.returncode == 130, stderr
    assert "interrupted" in stderr and "Traceback" not in stderr
    assert "without --fresh to resume" in stderr  # the same command with --fresh would start over
    done = {r["run_id"] for r in _ok_records(out)}
    assert len(done) == 3
    stored = pd.read_parquet(out)
    assert set(stored.run_id) == done and stored.run_id.is_unique
    # the same command without --fresh resumes: skips what finished, runs the rest, nothing twice
    (gate / "hold").unlink()
    rerun = subprocess.run(cmd, capture_output=True, text=True, timeout=300, env=env)
    assert rerun.returncode == 0, rerun.stderr
    final = pd.read_parquet(out)
    assert final.run_id.is_unique and final.run_id.nunique() == 36
    assert set(final[final.run_id.isin(done)].run_id) == done
    records = _ok_records(out)
    assert len(records) == 36  # nothing finished twice
