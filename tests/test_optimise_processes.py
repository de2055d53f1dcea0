"""`siyu optimise` on real processes: Ctrl-C to the command on a process pool, then the same
command again, ends with the trials and the plan of an uninterrupted search (each command a new
interpreter: the replay owes nothing to one process's state); and on a Dask cluster that loses a
worker mid-search nothing is lost or run twice, and the result is a serial search's.

Every wait is for a condition (runs stored, a worker gone), with a generous deadline."""

from __future__ import annotations

import os
import signal
import subprocess

import pandas as pd
import pytest

from _experiment_helpers import DEADLINE_S, dask_cluster, wait_for, write_experiment
from test_experiments_faults import _siyu
from test_optimise import CONSTRAINED
from siyu_sim.config.optimise_files import read_search
from siyu_sim.experiments.backends import DaskBackend, SerialBackend
from siyu_sim.experiments.progress import NullProgress
from siyu_sim.experiments.store import ResultStore
from siyu_sim.optimise import optimise, write_outputs
from siyu_sim.optimise.plans import trials_table

pytestmark = pytest.mark.slow


def _search(tmp_path, trials: int = 16, replications: int = 2):
    return write_experiment(tmp_path, CONSTRAINED.replace("trials = 12", f"trials = {trials}"), name="constrained",
                            replications=replications, top='constraints = ["care_staff + community_staff <= 9"]\n')


def _ok(folder) -> int:
    return sum(r["status"] == "ok" for r in ResultStore(folder / "_store").manifest_records())


def test_ctrl_c_on_the_command_then_the_same_command_again_equals_one_uninterrupted_search(tmp_path):
    path = _search(tmp_path)  # 16 trials × 2 replications = 32 runs
    clean = optimise(read_search(path), out=tmp_path / "clean", backend=SerialBackend())
    write_outputs(clean)
    cmd = _siyu() + ["optimise", str(path), "--out", str(tmp_path / "out"), "--workers", "2", "--quiet"]
    # Ctrl-C handled as in a terminal even where SIGINT is ignored (a background job, nohup)
    proc = subprocess.Popen(cmd, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, start_new_session=True,
                            preexec_fn=lambda: signal.signal(signal.SIGINT, signal.SIG_DFL))
    try:
        wait_for(lambda: proc.poll() is not None or _ok(tmp_path / "out") >= 8, "8 runs stored", every=0.02)
        assert proc.poll() is None, "the search ended before it could be interrupted"
        os.killpg(proc.pid, signal.SIGINT)
        _, stderr = proc.communicate(timeout=DEADLINE_S)
    finally:
        if proc.poll() is None:
            os.killpg(proc.pid, signal.SIGKILL)
    assert proc.returncode == 130, stderr
    assert "Traceback" not in stderr and "interrupted" in stderr
    kept = _ok(tmp_path / "out")
    assert 8 <= kept < 32
    assert not (tmp_path / "out" / "best.toml").exists()
    again = subprocess.run(cmd, capture_output=True, text=True, timeout=600)
    assert again.returncode == 0, again.stderr
    for name in ("trials.csv", "best.toml"):
        ours = (tmp_path / "out" / name).read_text(encoding="utf-8")
        theirs = (tmp_path / "clean" / name).read_text(encoding="utf-8")
        assert ours == theirs.replace(str(tmp_path / "clean"), str(tmp_path / "out")), name
    stored = pd.read_parquet(tmp_path / "out" / "_store")
    assert stored.run_id.is_unique and len(stored) == 32
    sessions = ResultStore(tmp_path / "out" / "_store").sessions()
    assert [s["resumed"] for s in sessions] == [0, kept]
    assert all(s["backend"] == "local processes (2 workers)" for s in sessions)


@pytest.fixture
def scheduler():
    """A Dask scheduler with two `dask worker` processes the test may kill."""
    with dask_cluster(workers=2) as cluster:
        yield cluster


class KillOneWorker(NullProgress):
    """Once some runs are back, SIGKILL one of the two workers (mid-search: rounds are left)."""

    def __init__(self, backend: DaskBackend, after: int):
        self.backend, self.after = backend, after
        self.done = 0
        self.killed: str | None = None
        self.notes: list[str] = []

    def advance(self, ok: int, failed: int) -> None:
        self.done += ok + failed
        if self.killed is None and self.done >= self.after:
            pids = self.backend.client.run(os.getpid)
            self.killed = sorted(pids)[0]
            os.kill(pids[self.killed], signal.SIGKILL)

    def note(self, key: str, **fields) -> None:
        self.notes.append(key)


def test_a_dask_worker_killed_mid_search_loses_nothing_and_runs_nothing_twice(tmp_path, scheduler):
    path = _search(tmp_path, trials=16, replications=2)
    search = read_search(path)
    backend = DaskBackend(scheduler.scheduler_address, retries=0, no_worker_wait=DEADLINE_S)
    try:
        wait_for(lambda: len(backend.client.scheduler_info(n_workers=-1).get("workers", {})) >= 2, "two Dask workers")
        watcher = KillOneWorker(backend, after=6)
        result = optimise(search, out=tmp_path / "out", backend=backend, progress=watcher, batch_size=1)
    finally:
        backend.close()
    assert watcher.killed is not None
    assert result.complete and result.workers_lost == 1, result
    assert "dask_worker_lost" in watcher.notes or "dask_worker_lost_idle" in watcher.notes
    records = ResultStore(result.store).manifest_records()
    ok = [r["run_id"] for r in records if r["status"] == "ok"]
    assert len(ok) == len(set(ok)) == 32  # each run recorded once
    stored = pd.read_parquet(result.store)
    assert stored.run_id.is_unique and set(stored.run_id) == set(ok)
    serial = optimise(search, out=tmp_path / "serial", backend=SerialBackend())
    pd.testing.assert_frame_equal(trials_table(result), trials_table(serial), check_exact=True)
