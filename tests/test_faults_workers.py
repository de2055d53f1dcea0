"""Faults end cleanly (issue 21, must-have 3): a Dask cluster that loses every worker, Ctrl-C
while nobody works, Ctrl-C whose signal wakes nobody, lost workers reported, and worker
processes that die with a killed parent.

Real processes throughout: a Dask scheduler in this process with `dask worker` processes
killed by pid, and `siyu sweep` in a subprocess. Every wait is for a condition (a note heard, a
line in a log, a pid gone), with a generous deadline; the only durations are the product's own
(`no_worker_wait`).
"""

from __future__ import annotations

import io
import json
import os
import signal
import subprocess
import sys
import threading
from pathlib import Path

import pandas as pd
import psutil  # a dependency of distributed
import pytest

from _experiment_helpers import DEADLINE_S, dask_cluster, gated, held, hold_plugin, wait_for, write_experiment
from test_experiments_faults import GRID, _ok_records, _siyu
from siyu_sim.experiments.backends import DaskBackend, ProcessPoolBackend, SerialBackend
from siyu_sim.experiments.progress import NullProgress, RichProgress
from siyu_sim.experiments.sweep import sweep

pytestmark = pytest.mark.slow

@pytest.fixture
def scheduler():
    """A Dask scheduler with no worker of its own (workers are started and killed by the test)."""
    with dask_cluster(workers=0) as cluster:
        yield cluster


def _workers(client) -> int:
    return client.scheduler_info(n_workers=0).get("n_workers", 0)


class KillTheWorker(NullProgress):
    """After the first finished batch, SIGKILL the only worker; hear the backend's notes, and
    (``rejoin``) start a new worker once the backend says it is waiting for one."""

    def __init__(self, backend: DaskBackend, cluster, rejoin: bool):
        self.backend, self.cluster, self.rejoin = backend, cluster, rejoin
        self.killed: str | None = None
        self.notes: list[tuple[str, dict]] = []

    def advance(self, ok: int, failed: int) -> None:
        if self.killed is None:
            pids = self.backend.client.run(os.getpid)
            self.killed = next(iter(pids))
            os.kill(pids[self.killed], signal.SIGKILL)

    def note(self, key: str, **fields) -> None:
        first_wait = key == "dask_no_worker" and "dask_no_worker" not in self.keys()
        self.notes.append((key, fields))
        if first_wait and self.rejoin:
            self.cluster.start_worker()

    def keys(self) -> list[str]:
        return [k for k, _ in self.notes]


def _dask_backend(cluster, wait: float) -> DaskBackend:
    cluster.start_worker()
    backend = DaskBackend(cluster.scheduler_address, retries=0, no_worker_wait=wait)
    wait_for(lambda: _workers(backend.client) >= 1, "the first Dask worker")
    return backend


def test_all_workers_gone_waits_then_a_joining_worker_finishes_the_sweep(tmp_path, scheduler):
    """The only worker is killed mid-sweep: the loss is reported with its address, the backend
    says it waits for a worker, a new one joins, and the sweep completes with every run once."""
    path = write_experiment(tmp_path, GRID, customers=300, days=30, replications=1)  # 12 runs
    backend = _dask_backend(scheduler, wait=DEADLINE_S)
    try:
        watcher = KillTheWorker(backend, scheduler, rejoin=True)
        res = sweep(path, out=tmp_path / "out", backend=backend, progress=watcher, batch_size=1)
    finally:
        backend.close()
    keys = watcher.keys()
    assert watcher.killed is not None
    lost = [f for k, f in watcher.notes if k in ("dask_worker_lost", "dask_worker_lost_idle")]
    assert [f["worker"] for f in lost] == [watcher.killed]
    assert keys.index("dask_no_worker") < keys.index("dask_worker_back")
    assert res.complete and res.ok == 12 and res.workers_lost == 1, res
    stored = pd.read_parquet(tmp_path / "out")
    assert stored.run_id.is_unique and stored.run_id.nunique() == 12


def test_all_workers_gone_stops_after_the_wait_keeping_finished_runs(tmp_path, scheduler):
    """With no worker joining, the sweep stops after ``no_worker_wait`` seconds, says why,
    keeps every finished run, and a later run of the same sweep resumes from them."""
    path = write_experiment(tmp_path, GRID, customers=300, days=30, replications=1)
    backend = _dask_backend(scheduler, wait=2.0)
    try:
        watcher = KillTheWorker(backend, scheduler, rejoin=False)
        res = sweep(path, out=tmp_path / "out", backend=backend, progress=watcher, batch_size=1)
    finally:
        backend.close()
    assert res.stopped is not None and res.stopped.key == "dask_no_worker_stop", res
    assert "no Dask worker for" in str(res.stopped)
    assert "dask_no_worker" in watcher.keys()  # said so while it waited
    assert not res.complete and res.workers_lost == 1
    kept = {r["run_id"] for r in _ok_records(tmp_path / "out")}
    assert 1 <= len(kept) == res.ok < 12
    again = sweep(path, out=tmp_path / "out", backend=SerialBackend())
    assert again.complete and again.skipped == len(kept) and again.ok == 12 - len(kept)
    assert pd.read_parquet(tmp_path / "out").run_id.nunique() == 12


class KillTheScheduler(NullProgress):
    """After the first finished batch, SIGKILL the scheduler process (and its only worker)."""

    def __init__(self, scheduler: subprocess.Popen, worker: subprocess.Popen):
        self.procs = [scheduler, worker]
        self.killed = False

    def advance(self, ok: int, failed: int) -> None:
        if not self.killed:
            self.killed = True
            for proc in self.procs:
                proc.kill()


def test_a_scheduler_that_goes_away_stops_the_sweep_keeping_finished_runs(tmp_path):
    path = write_experiment(tmp_path, GRID, customers=300, days=30, replications=1)
    info = tmp_path / "scheduler.json"
    procs = [subprocess.Popen([sys.executable, "-m", "distributed.cli.dask_scheduler", "--scheduler-file", str(info),
                               "--port", "0", "--no-dashboard"], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)]
    backend = None
    try:
        address = wait_for(lambda: info.exists() and info.read_text().strip() and json.loads(info.read_text())["address"],
                           "the scheduler's address")
        procs.append(subprocess.Popen([sys.executable, "-m", "distributed.cli.dask_worker", address, "--no-nanny",
                                       "--nthreads", "1", "--no-dashboard"],
                                      stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL))
        backend = DaskBackend(address, retries=0, no_worker_wait=DEADLINE_S)
        wait_for(lambda: _workers(backend.client) >= 1, "the Dask worker")
        killer = KillTheScheduler(*procs)
        res = sweep(path, out=tmp_path / "out", backend=backend, progress=killer, batch_size=1)
    finally:
        if backend is not None:
            backend.close()
        for proc in procs:
            proc.kill()
            proc.wait(timeout=30)
    assert killer.killed
    assert res.stopped is not None and res.stopped.key == "dask_scheduler_lost", res
    kept = {r["run_id"] for r in _ok_records(tmp_path / "out")}
    assert 1 <= len(kept) == res.ok < 12


def _sweep_process(args: list[str], log: Path, env=None) -> subprocess.Popen:
    # stderr to a file, as a log: the progress and the notes must be there in plain lines
    return subprocess.Popen(_siyu() + ["sweep", *args], stdout=subprocess.PIPE, stderr=log.open("w"), text=True,
                            start_new_session=True, env=env,
                            preexec_fn=lambda: signal.signal(signal.SIGINT, signal.SIG_DFL))


def test_ctrl_c_while_waiting_for_a_worker_ends_at_once(tmp_path, scheduler):
    path = write_experiment(tmp_path, GRID, customers=300, days=30, replications=1)
    log = tmp_path / "sweep.log"
    proc = _sweep_process([str(path), "--scheduler", scheduler.scheduler_address, "--out", str(tmp_path / "out")],
                          log)
    try:
        wait_for(lambda: "no Dask worker for" in log.read_text(), "the sweep to say it waits for a worker")
        assert proc.poll() is None
        os.killpg(proc.pid, signal.SIGINT)
        proc.communicate(timeout=60)
    finally:
        if proc.poll() is None:
            os.killpg(proc.pid, signal.SIGKILL)
    err = log.read_text()
    assert proc.returncode == 130, err
    assert "interrupted: 0 of 12 runs are saved in" in err and "Traceback" not in err
    assert "giving up in" in err


def test_no_worker_at_all_stops_with_one_line_after_the_stated_wait(tmp_path, scheduler):
    path = write_experiment(tmp_path, GRID, customers=300, days=30, replications=1)
    log = tmp_path / "sweep.log"
    proc = _sweep_process([str(path), "--scheduler", scheduler.scheduler_address, "--out", str(tmp_path / "out"),
                           "--no-worker-wait", "1"], log)
    try:
        proc.communicate(timeout=DEADLINE_S)
    finally:
        if proc.poll() is None:
            os.killpg(proc.pid, signal.SIGKILL)
    err = log.read_text()
    assert proc.returncode == 1, err
    stopped = [line for line in err.splitlines() if line.startswith("stopped:")]
    assert stopped == [f"stopped: no Dask worker for 1 s; 0 of 12 runs are saved in {tmp_path / 'out'}; "
                       "run the same command again to resume"], err
    assert "Traceback" not in err


def test_plain_progress_lines_where_stderr_is_not_a_terminal():
    from rich.console import Console

    buffer = io.StringIO()
    progress = RichProgress(console=Console(file=buffer, force_terminal=False, width=200))
    progress.start(20, done=0, label="tiny")
    for _ in range(20):
        progress.advance(1, 0)
    progress.note("dask_worker_lost", worker="tcp://10.0.0.5:40000")
    progress.stop()
    lines = buffer.getvalue().splitlines()
    runs = [line for line in lines if line.startswith("tiny: ")]
    assert [line.split(" runs ")[0] for line in runs] == [f"tiny: {n}/20" for n in range(0, 21, 2)]
    assert "lost Dask worker tcp://10.0.0.5:40000; its batch is re-run" in lines


# --- Ctrl-C while a process pool waits for a run that does not end ----------------------------------


@pytest.fixture
def ctrl_c():
    """Python's own SIGINT handler (KeyboardInterrupt), also where these tests run with SIGINT ignored."""
    previous = signal.signal(signal.SIGINT, signal.default_int_handler)
    yield
    signal.signal(signal.SIGINT, previous)


def _asleep(thread: threading.Thread) -> bool:
    """Linux says the thread sleeps (state S in /proc: on a lock, not running Python)."""
    stat = Path(f"/proc/self/task/{thread.native_id}/stat").read_text()
    return stat.rsplit(")", 1)[1].split()[0] == "S"


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="reads the main thread's state in /proc")
def test_ctrl_c_that_wakes_nobody_still_stops_a_process_pool(tmp_path, ctrl_c):
    """Python runs a SIGINT handler only in the main thread, between two instructions: a Ctrl-C
    whose signal Linux gives to another thread (or that comes just before the main thread goes to
    sleep on a lock) wakes nobody. Waiting for a run that never ends, the pool must notice it
    anyway: `siyu compare` on a loaded CI machine sat 120 s after Ctrl-C, its main thread asleep
    in concurrent.futures.as_completed, while a run was held."""
    gate = tmp_path / "hold"
    gate.touch()
    delivered: list[str] = []
    ended = threading.Event()
    main = threading.main_thread()
    asleep = [0]

    def still_asleep() -> bool:  # the quick batch is in, and the main thread sleeps in the wait
        asleep[0] = asleep[0] + 1 if delivered and _asleep(main) else 0
        return asleep[0] >= 3

    def press() -> None:
        wait_for(still_asleep, "the main thread to sleep waiting for the held batch")
        signal.pthread_kill(threading.get_ident(), signal.SIGINT)  # Ctrl-C, taken by this thread
        try:
            wait_for(ended.is_set, "the pool to stop")
        except AssertionError:
            gate.unlink()  # it did not notice: let the held batch go, so the test fails instead of hanging

    presser = threading.Thread(target=press, daemon=True)
    with ProcessPoolBackend(2) as backend:
        presser.start()
        with pytest.raises(KeyboardInterrupt):
            backend.run(["quick", str(gate)], delivered.extend, fn=gated)
        ended.set()
    presser.join()
    assert delivered == ["quick"], "the pool went on waiting until the held batch ended"


def test_ctrl_c_during_a_delivery_stops_after_it(tmp_path, ctrl_c):
    """A result being delivered (written, counted) is delivered whole: Ctrl-C waits for it to end."""
    gate = tmp_path / "hold"
    gate.touch()
    delivered: list[str] = []

    def on_result(outcomes: list[str]) -> None:
        os.kill(os.getpid(), signal.SIGINT)
        delivered.extend(outcomes)

    with ProcessPoolBackend(2) as backend, pytest.raises(KeyboardInterrupt):
        backend.run(["quick", str(gate)], on_result, fn=gated)
    assert delivered == ["quick"]


def test_a_pool_stopped_by_ctrl_c_leaves_no_thread_behind(tmp_path, ctrl_c):
    """When run() gives up after Ctrl-C the pool is gone whole, its manager thread too: Python
    3.11's exit hook for process pools wakes a live one without its lock, and one still closing its
    pipe made `siyu compare` end a Ctrl-C with "OSError: Bad file descriptor" (1 full CI run in 6)."""
    gate = tmp_path / "hold"
    gate.touch()
    before = set(threading.enumerate())

    def on_result(outcomes: list[str]) -> None:
        os.kill(os.getpid(), signal.SIGINT)

    with ProcessPoolBackend(2) as backend:
        with pytest.raises(KeyboardInterrupt):
            backend.run(["quick", str(gate)], on_result, fn=gated)
        assert [t.name for t in threading.enumerate() if t not in before and t.is_alive()] == []


# --- a killed main process takes its workers with it -----------------------------------------------


def _children(pid: int) -> list[psutil.Process]:
    try:
        return psutil.Process(pid).children(recursive=True)
    except psutil.NoSuchProcess:
        return []


def _workers_of(pid: int) -> list[psutil.Process]:
    out = []
    for child in _children(pid):
        try:
            if "spawn_main" in " ".join(child.cmdline()):  # multiprocessing workers (pool or Dask)
                out.append(child)
        except psutil.NoSuchProcess:
            continue
    return out


@pytest.mark.parametrize("backend", [["--workers", "2"], ["--dask-local", "2"]], ids=["process-pool", "dask-local"])
def test_sigkill_of_the_main_process_takes_its_workers_with_it(tmp_path, backend):
    gate = tmp_path / "gate"
    gate.mkdir()
    (gate / "hold").touch()
    path = write_experiment(tmp_path, f'"levers.test_hold.folder" = "{gate}"\n' + GRID, customers=300, days=30,
                            replications=1)
    proc = _sweep_process([str(path), "--out", str(tmp_path / "out"), "--batch-size", "1", *backend],
                          tmp_path / "sweep.log", env=hold_plugin(tmp_path))
    everyone: list[psutil.Process] = []
    try:
        # two worker processes, each held inside a run: busy when their parent dies
        workers = wait_for(lambda: len(held(gate) & {p.pid for p in _workers_of(proc.pid)}) >= 2,
                           "two workers inside a run")
        assert workers
        everyone = _children(proc.pid)  # the workers and their helpers (resource tracker)
        proc.kill()
        proc.wait(timeout=30)
        _, alive = psutil.wait_procs(everyone, timeout=DEADLINE_S)
        assert not alive, f"still running after their parent was killed: {alive}"
    finally:
        for p in everyone:
            try:
                p.kill()
            except psutil.NoSuchProcess:
                pass
        if proc.poll() is None:
            proc.kill()


#: A parent that starts one child which arms ``die_with_parent`` (by PR_SET_PDEATHSIG, or by the
#: watch thread a pool started from another thread relies on), prints the child's pid, and waits.
PARENT = """
import os, subprocess, sys
child = subprocess.Popen([sys.executable, "-c", CHILD, str(os.getpid()), sys.argv[1]])
print(child.pid, flush=True)
child.wait()
"""
CHILD = """
import os, sys, time
from siyu_sim.experiments.lifeline import die_with_parent
die_with_parent(int(sys.argv[1]), started_by_main_thread=sys.argv[2] == "main")
open(os.path.join(os.environ["ARMED_DIR"], str(os.getpid())), "w").close()
time.sleep(600)
"""


@pytest.mark.parametrize("how", ["main", "thread"], ids=["pdeathsig", "parent-pid-watch"])
def test_die_with_parent_both_ways(tmp_path, how):
    env = {**os.environ, "ARMED_DIR": str(tmp_path)}
    parent = subprocess.Popen([sys.executable, "-c", f"CHILD = {CHILD!r}\n" + PARENT, how], stdout=subprocess.PIPE,
                              text=True, env=env)
    child = None
    try:
        child = psutil.Process(int(parent.stdout.readline()))
        wait_for(lambda: (tmp_path / str(child.pid)).exists(), "the child to arm its watch")
        parent.kill()
        parent.wait(timeout=30)
        _, alive = psutil.wait_procs([child], timeout=DEADLINE_S)
        assert not alive
    finally:
        if parent.poll() is None:
            parent.kill()
        if child is not None and child.is_running():
            child.kill()


def test_policies_across_markets_survive_a_killed_dask_worker_to_the_same_robust_choice(tmp_path, scheduler):
    """Issue 25: a robust-policy sweep (2 policies × 3 markets) on Dask loses its only worker mid-run;
    a new one joins, every run is stored once, and the robustness table equals a serial run's."""
    from siyu_sim.experiments.store import ResultStore
    from siyu_sim.experiments.summary import summarize_folder

    body = ('[[uncertain]]\npath = "economics.unit_cost_cny"\nlow = 0.8\nhigh = 1.2\nrelative = true\n'
            'source = "the books"\n[factors."levers.broadcast.frequency_per_day"]\nvalues = [0.5, 2.0]\n'
            '[design]\nmarkets = 3\n')
    path = write_experiment(tmp_path, body, customers=300, days=30, replications=1)  # 6 runs
    backend = _dask_backend(scheduler, wait=DEADLINE_S)
    try:
        watcher = KillTheWorker(backend, scheduler, rejoin=True)
        res = sweep(path, out=tmp_path / "dask", backend=backend, progress=watcher, batch_size=1)
    finally:
        backend.close()
    assert watcher.killed is not None and res.complete and res.ok == 6 and res.workers_lost == 1, res
    stored = ResultStore(tmp_path / "dask").read()
    assert stored.run_id.is_unique and stored.run_id.nunique() == 6
    assert sweep(path, out=tmp_path / "serial", backend=SerialBackend()).complete
    pd.testing.assert_frame_equal(summarize_folder(tmp_path / "dask")["robustness"],
                                  summarize_folder(tmp_path / "serial")["robustness"])
