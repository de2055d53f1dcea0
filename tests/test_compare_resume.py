"""A comparison keeps its finished runs and resumes like a sweep (issue 21, must-have 3): the
same numbers, bit for bit, interrupted or not; in a run store under --out, or in the user's
cache until the comparison completes; --fresh starts over; a busy store is never shared.

Interruptions happen at conditions: inside the fourth run (the library), or once exactly the
gate's free runs have finished while every other run is held at the gate (the command line).
"""

from __future__ import annotations

import os
import signal
import subprocess
import sys
from pathlib import Path

import pytest

from siyu_sim.compare import ComparisonInterrupted, compare
from siyu_sim.config.presets import resolve
from siyu_sim.config.scenario_files import load_scenario
from siyu_sim.experiments.resumable import RunStore, StoreBusy, cache_folder
from siyu_sim.experiments.store import ResultStore, StoreError

DAYS = 40
#: The runs of nurture vs harvest with two replications, in the order they run, by the days each
#: simulates: four runs with their baselines, then harvest's two independent-seed runs.
RUN_DAYS = (2 * DAYS,) * 4 + (DAYS,) * 2
FRAMES = ("daily", "segment_daily", "baseline_daily", "incremental", "paired", "independent")


def _scenarios(customers: int = 300):
    return [load_scenario(resolve(name), {"population.customers": customers, "days": DAYS})
            for name in ("nurture", "harvest")]


class StopInRun:
    """A progress callback that presses Ctrl-C inside run number ``n + 1`` (``n`` runs done)."""

    def __init__(self, n: int):
        self.limit = sum(RUN_DAYS[:n])

    def __call__(self, done: int, total: int) -> None:
        if done > self.limit:
            raise KeyboardInterrupt


def _interrupt(n: int, **options) -> ComparisonInterrupted:
    with pytest.raises(ComparisonInterrupted) as caught:
        compare(_scenarios(), reps=2, segments=True, progress=StopInRun(n), **options)
    return caught.value


def _ok(folder: Path) -> set[str]:
    return {r["run_id"] for r in ResultStore(folder).manifest_records() if r["status"] == "ok"}


def _kept(cache: Path) -> Path | None:
    """The one run store under the cache ``cache`` once it holds a finished run, else None."""
    found = [f for f in cache.glob("*") if (f / "_manifest.jsonl").exists() and _ok(f)]
    return found[0] if len(found) == 1 else None


def _same(a, b) -> None:
    for name in FRAMES:
        assert getattr(a, name).equals(getattr(b, name)), name


@pytest.fixture(scope="module")
def clean():
    """The uninterrupted comparison, in memory (no store)."""
    return compare(_scenarios(), reps=2, segments=True)


def test_interrupted_comparison_resumes_bit_identical(tmp_path, clean):
    store = tmp_path / "runs"
    stop = _interrupt(3, store=store)
    # 2 scenarios x 2 reps (each with its baseline), + independent set of the second: 6 runs
    assert (stop.saved, stop.total, stop.folder) == (3, 6, store)
    assert len(_ok(store)) == 3
    notes = []
    resumed = compare(_scenarios(), reps=2, segments=True, store=store,
                      note=lambda key, **fields: notes.append((key, fields)))
    assert ("status_compare_resumed", {"done": 3, "total": 6}) in notes
    assert resumed.resumed == 3 and resumed.store == store
    assert len(_ok(store)) == 6  # the 3 kept runs were not run again
    _same(resumed, clean)
    again = compare(_scenarios(), reps=2, segments=True, store=store)  # everything stored: nothing runs
    assert again.resumed == 6
    _same(again, clean)


def test_fresh_discards_kept_runs(tmp_path, clean):
    store = tmp_path / "runs"
    _interrupt(2, store=store)
    result = compare(_scenarios(), reps=2, segments=True, store=store, fresh=True)
    assert result.resumed == 0
    records = ResultStore(store).manifest_records()
    assert len(records) == 6 and len(_ok(store)) == 6  # the two earlier ones are gone
    _same(result, clean)


def test_cache_store_is_keyed_by_the_comparison_and_kept_once_complete(tmp_path, monkeypatch, clean):
    monkeypatch.setenv("SIYU_RUNS_DIR", str(tmp_path / "cache"))
    stop = _interrupt(4, store=True)
    assert stop.folder.parent == tmp_path / "cache" and stop.folder == cache_folder(stop.folder.name)
    assert len(_ok(stop.folder)) == 4
    other = compare(_scenarios(customers=200), reps=2, store=True)  # another: its own folder
    assert other.store is not None and other.store != stop.folder and len(_ok(other.store)) == 6
    assert stop.folder.exists()  # the interrupted one's runs are still there
    result = compare(_scenarios(), reps=2, segments=True, store=True)
    assert result.resumed == 4 and result.store == stop.folder
    notes = []
    again = compare(_scenarios(), reps=2, segments=True, store=True, note=lambda key, **fields: notes.append(key))
    assert notes == ["status_compare_kept"] and again.resumed == 6  # complete, kept: read, nothing run
    _same(result, clean)
    _same(again, clean)


def test_a_store_in_use_is_not_shared(tmp_path, monkeypatch):
    monkeypatch.setenv("SIYU_CACHE_DIR", str(tmp_path / "cache"))
    items = _scenarios(customers=100)
    with pytest.raises(ComparisonInterrupted) as caught:
        compare(items, reps=2, store=True, progress=StopInRun(1))
    stop = caught.value
    key = ResultStore(stop.folder).experiment_meta()["spec_hash"]  # another command holds this store
    with RunStore.open(stop.folder, [], key, lambda store: store.open_spec(key, lambda: None)) as held:
        assert held.folder == stop.folder
        notes = []
        result = compare(items, reps=2, store=True, note=lambda key, **fields: notes.append(key))
        assert notes == ["status_compare_memory"] and result.store is None  # ran in memory
        with pytest.raises(StoreBusy, match="in use by another siyu command"):
            compare(items, reps=2, store=stop.folder)  # a folder the user named: refused


def test_a_store_of_another_comparison_is_refused(tmp_path):
    store = tmp_path / "runs"
    with pytest.raises(ComparisonInterrupted):
        compare(_scenarios(customers=100), reps=2, store=store, progress=StopInRun(1))
    with pytest.raises(StoreError, match="holds results of a different comparison"):
        compare(_scenarios(customers=120), reps=2, store=store)
    assert len(_ok(store)) == 1  # untouched


# --- the command line: Ctrl-C, one line, the same command resumes -------------------------------------


def _siyu() -> list[str]:
    exe = Path(sys.executable).with_name("siyu")
    return [str(exe)] if exe.exists() else [sys.executable, "-c", "from siyu_sim.cli import main; main()"]


@pytest.mark.slow
def test_cli_compare_interrupted_keeps_runs_and_resumes_to_the_same_output(tmp_path):
    from test_faults_workers import held, hold_plugin, wait_for

    gate = tmp_path / "gate"
    gate.mkdir()
    (gate / "hold").touch()
    env = hold_plugin(tmp_path) | {"SIYU_RUNS_DIR": str(tmp_path / "cache")}
    # 5 of the 6 runs go through, one is held (their baselines have no levers: never held)
    args = ["nurture", "harvest", "--reps", "2", "--customers", "300", "--days", str(DAYS),
            "--set", f"levers.test_hold.folder={gate}", "--set", "levers.test_hold.free=5"]
    out = tmp_path / "out"
    proc = subprocess.Popen(_siyu() + ["compare", *args, "--out", str(out)], stdout=subprocess.PIPE,
                            stderr=subprocess.PIPE, text=True, start_new_session=True, env=env,
                            preexec_fn=lambda: signal.signal(signal.SIGINT, signal.SIG_DFL))
    try:
        # a run is held (the comparison cannot finish) and at least one run is stored
        wait_for(lambda: held(gate) and _kept(tmp_path / "cache"), "a stored run")
        store = _kept(tmp_path / "cache")
        assert proc.poll() is None
        os.killpg(proc.pid, signal.SIGINT)
        _, err = proc.communicate(timeout=120)
    finally:
        if proc.poll() is None:
            os.killpg(proc.pid, signal.SIGKILL)
    kept = len(_ok(store))
    assert proc.returncode == 130, err
    assert 1 <= kept < 6
    lines = [line for line in err.splitlines() if line.startswith("interrupted")]
    assert lines == [f"interrupted: {kept} of 6 runs are saved in {store}; run the same command again to resume"], err
    assert "Traceback" not in err
    (gate / "hold").unlink()  # from now on every run goes through
    resumed = subprocess.run(_siyu() + ["compare", *args, "--out", str(out)], capture_output=True, text=True,
                             env=env, timeout=600)
    assert resumed.returncode == 0, resumed.stderr
    assert f"resumed: {kept} of 6 runs already done" in resumed.stderr
    assert len(ResultStore(store).manifest_records()) == 6  # the kept runs did not run again
    clean = subprocess.run(_siyu() + ["compare", *args, "--out", str(tmp_path / "clean")], capture_output=True,
                           text=True, env=env | {"SIYU_RUNS_DIR": str(tmp_path / "clean_cache")}, timeout=600)
    assert clean.returncode == 0, clean.stderr
    assert resumed.stdout == clean.stdout
    for name in ("monthly.csv", "incremental.csv", "key_figures.csv", "paired.csv"):
        assert (out / name).read_bytes() == (tmp_path / "clean" / name).read_bytes(), name


@pytest.mark.slow
def test_cli_compare_without_reps_interrupted_keeps_its_runs_and_says_where(tmp_path):
    """One replication runs in this process and keeps its runs too; Ctrl-C ends with one line naming
    a folder that is there."""
    from test_faults_workers import held, hold_plugin, wait_for

    gate = tmp_path / "gate"
    gate.mkdir()
    (gate / "hold").touch()
    proc = subprocess.Popen(_siyu() + ["compare", "nurture", "harvest", "--customers", "300", "--days", str(DAYS),
                                       "--set", f"levers.test_hold.folder={gate}"],
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, start_new_session=True,
                            env=hold_plugin(tmp_path) | {"SIYU_RUNS_DIR": str(tmp_path / "cache")},
                            preexec_fn=lambda: signal.signal(signal.SIGINT, signal.SIG_DFL))
    try:
        wait_for(lambda: held(gate) == {proc.pid}, "the first run to be held")
        os.killpg(proc.pid, signal.SIGINT)
        out, err = proc.communicate(timeout=60)
    finally:
        if proc.poll() is None:
            os.killpg(proc.pid, signal.SIGKILL)
    assert proc.returncode == 130, err
    (folder,) = (tmp_path / "cache").iterdir()
    assert err.strip().splitlines()[-1] == (f"interrupted: 0 of 2 runs are saved in {folder}; run the same command "
                                            "again to resume")
    assert "Traceback" not in err and out == ""


def test_cli_the_same_comparison_in_another_language_reads_the_kept_runs(tmp_path):
    """Issue 26: a second language, or another report, deck or tables, re-ran every simulation (and
    named a run store it had removed). The same comparison reads the kept runs: nothing simulated,
    the same numbers byte for byte, and the folder it names is there."""
    from typer.testing import CliRunner

    from siyu_sim.cli import app

    args = ["compare", "nurture", "harvest", "--customers", "300", "--days", str(DAYS), "--reps", "2"]
    first = CliRunner().invoke(app, [*args, "--out", str(tmp_path / "en")])
    assert first.exit_code == 0, first.output
    (folder,) = (tmp_path / "kept_runs").iterdir()
    assert f"keeping finished runs in {folder}" in first.output
    records = len(ResultStore(folder).manifest_records())
    second = CliRunner().invoke(app, [*args, "--lang", "zh", "--out", str(tmp_path / "zh"),
                                      "--deck", str(tmp_path / "zh.pptx")])
    assert second.exit_code == 0, second.output
    assert f"全部 6 次运行读自 {folder}" in second.output
    assert "模拟中" not in second.output  # no bar counting simulated days when none is simulated
    assert folder.is_dir() and len(ResultStore(folder).manifest_records()) == records
    for name in ("monthly.csv", "incremental.csv", "key_figures.csv", "paired.csv"):
        assert (tmp_path / "en" / name).read_bytes() == (tmp_path / "zh" / name).read_bytes(), name


#: An exit hook that takes its time (as joining a process pool's threads can) and says when it starts.
SLOW_EXIT = """
import atexit, os, time

def _slow_exit():
    open(os.path.join(os.environ["SIYU_TEST_EXIT_GATE"], "exiting"), "w").close()
    deadline = time.monotonic() + 300  # a broken test must not leave it waiting for ever
    while time.monotonic() < deadline:
        time.sleep(0.02)

atexit.register(_slow_exit)
"""


@pytest.mark.slow
def test_cli_compare_a_second_ctrl_c_while_exiting_ends_it_quietly(tmp_path):
    """Ctrl-C pressed again while the interrupted command exits (its line said, the interpreter's exit
    hooks still running) ends it at once: still 130, one line, no traceback."""
    from test_faults_workers import held, hold_plugin, wait_for

    gate = tmp_path / "gate"
    gate.mkdir()
    (gate / "hold").touch()
    hook = tmp_path / "hook"
    hook.mkdir()
    (hook / "siyu_slow_exit.py").write_text(SLOW_EXIT, encoding="utf-8")
    env = hold_plugin(tmp_path)
    env |= {"PYTHONPATH": os.pathsep.join((str(hook), env["PYTHONPATH"])), "SIYU_TEST_EXIT_GATE": str(gate),
            "SIYU_RUNS_DIR": str(tmp_path / "cache")}
    proc = subprocess.Popen([sys.executable, "-c", "import siyu_slow_exit; from siyu_sim.cli import main; main()",
                             "compare", "nurture", "harvest", "--reps", "2", "--customers", "300", "--days", str(DAYS),
                             "--set", f"levers.test_hold.folder={gate}", "--set", "levers.test_hold.free=5",
                             "--out", str(tmp_path / "out")],
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, start_new_session=True, env=env,
                            preexec_fn=lambda: signal.signal(signal.SIGINT, signal.SIG_DFL))
    try:
        wait_for(lambda: held(gate) and _kept(tmp_path / "cache"), "a stored run")
        store = _kept(tmp_path / "cache")
        os.killpg(proc.pid, signal.SIGINT)
        wait_for(lambda: (gate / "exiting").exists(), "the interrupted command to run its exit hooks")
        os.killpg(proc.pid, signal.SIGINT)
        _, err = proc.communicate(timeout=120)
    finally:
        if proc.poll() is None:
            os.killpg(proc.pid, signal.SIGKILL)
    assert proc.returncode == 130, err
    assert [line for line in err.splitlines() if line.startswith("interrupted")] == [
        f"interrupted: {len(_ok(store))} of 6 runs are saved in {store}; run the same command again to resume"], err
    assert "Traceback" not in err
