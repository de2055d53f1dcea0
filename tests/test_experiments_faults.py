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

from _experiment_helpers import held, hold_plugin, wait_for, write_experiment
from siyu_sim import levers
from siyu_sim.experiments.backends import BackendError, DaskBackend, make_backend
from siyu_sim.experiments.progress import NullProgress
from siyu_sim.experiments.store import ResultStore
from siyu_sim.experiments.sweep import sweep

pytestmark = pytest.mark.slow

GRID = ('[factors."levers.broadcast.frequency_per_day"]\nvalues = [0.5, 1.0, 2.0, 4.0]\n'
        '[factors."levers.coupon.depth"]\nvalues = [0.0, 0.1, 0.2]\n')


class KillAWorkerInsideARun(NullProgress):
    """After the first finished batch, wait until a Dask worker process is inside a run (held
    at the gate: its ``held-<pid>`` file), SIGKILL it (its nanny restarts it), note the batches
    it held, and open the gate for the rest."""

    def __init__(self, client, gate: Path):
        self.client, self.gate = client, gate
        self.killed: int | None = None
        self.in_flight: list = []

    def _inside(self):
        pids = self.client.run(os.getpid)  # worker address → its process
        return next(((address, pid) for address, pid in sorted(pids.items()) if pid in held(self.gate)), None)

    def advance(self, ok: int, failed: int) -> None:
        if self.killed is not None:
            return
        address, pid = wait_for(self._inside, "a Dask worker inside a run")
        self.in_flight = list(self.client.processing().get(address, ()))
        os.kill(pid, signal.SIGKILL)
        self.killed = pid
        (self.gate / "hold").unlink()


def _profiler_enabled() -> bool:
    import dask
    return dask.config.get("distributed.worker.profile.enabled")


def _by_run(frame: pd.DataFrame) -> pd.DataFrame:
    return frame.sort_values("run_id").reset_index(drop=True)


def test_dask_worker_killed_mid_sweep_loses_and_duplicates_nothing(tmp_path, monkeypatch):
    """The property that matters: with a worker killed while it runs a batch, every run ends
    up stored exactly once with the same numbers a serial sweep gives. ``retries=0``: what
    protects the runs is Dask rescheduling a dead worker's tasks and the client writing each
    result once, not task retries. The first run passes the gate, the others wait at it, so a
    worker is surely inside a run when it is killed, however fast or loaded the machine."""
    gate = tmp_path / "gate"
    gate.mkdir()
    (gate / "hold").touch()
    env = hold_plugin(tmp_path)
    monkeypatch.setenv("PYTHONPATH", env["PYTHONPATH"])  # the cluster's worker processes load the plugin
    monkeypatch.syspath_prepend(str(tmp_path / "plugin"))  # and so does this process
    before = dict(levers.LEVER_TYPES)  # put back as it was below
    try:
        assert "test_hold" in levers.load_plugins()
        gate_keys = f'"levers.test_hold.folder" = "{gate}"\n"levers.test_hold.free" = 1\n'
        path = write_experiment(tmp_path, gate_keys + GRID, customers=300, days=40, replications=1)  # 12 runs
        backend = DaskBackend(local_workers=2, retries=0)
        try:
            workers = set(backend.client.run(os.getpid).values())
            # the local cluster has no dashboard, so its workers run without the stack profiler
            assert set(backend.client.run(_profiler_enabled).values()) == {False}
            killer = KillAWorkerInsideARun(backend.client, gate)
            res = sweep(path, out=tmp_path / "out", backend=backend, progress=killer, batch_size=1)
        finally:
            backend.close()
        assert killer.killed in workers and killer.in_flight
        assert res.complete, res
        assert res.ok == 12 and res.failed == 0
        records = ResultStore(tmp_path / "out").manifest_records()
        assert len(records) == 12 and {r["status"] for r in records} == {"ok"}  # each run once
        serial = sweep(path, out=tmp_path / "serial", backend=make_backend(serial=True))
        assert serial.ok == 12
    finally:
        levers.LEVER_TYPES.clear()
        levers.LEVER_TYPES.update(before)
        sys.modules.pop("siyu_test_hold", None)
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


def test_sigint_keeps_finished_runs_and_the_rerun_resumes(tmp_path):
    gate = tmp_path / "gate"
    gate.mkdir()
    (gate / "hold").touch()
    # the gate (a lever plugin: docs/extending.md) joins the experiment's [set] table and lets
    # three runs through, so exactly three finish and the rest are surely still running when the
    # signal comes; 36 runs: 4 x 3 settings x 3 replications
    gate_keys = f'"levers.test_hold.folder" = "{gate}"\n"levers.test_hold.free" = 3\n'
    path = write_experiment(tmp_path, gate_keys + GRID, customers=300, days=30, replications=3)
    env = hold_plugin(tmp_path)
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
