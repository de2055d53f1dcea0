"""The results store: one read_parquet loads it all; resume skips completed runs; --fresh
starts over; a changed experiment is refused; failures are recorded with tracebacks."""

from __future__ import annotations

import json

import pandas as pd
import pytest
from typer.testing import CliRunner

from _experiment_helpers import write_experiment
from siyu_sim.calendar import month_of
from siyu_sim.cli import app
from siyu_sim.experiments import worker as worker_mod
from siyu_sim.experiments.backends import SerialBackend
from siyu_sim.experiments.store import MANIFEST_FILE, ResultStore, StoreError
from siyu_sim.experiments.sweep import sweep

GRID = ('[factors."levers.broadcast.frequency_per_day"]\nname = "freq"\nvalues = [1.0, 4.0]\n'
        '[factors."levers.coupon.depth"]\nvalues = [0.0, 0.2]\n[objectives]\ncum_profit = "max"\n')


def test_tidy_long_format_in_one_read(tmp_path):
    path = write_experiment(tmp_path, GRID, metrics="daily", days=15)
    res = sweep(path, out=tmp_path / "out", backend=SerialBackend(), batch_size=3)
    assert res.complete and res.ok == 8
    df = pd.read_parquet(tmp_path / "out")
    assert list(df.columns[:7]) == ["run_id", "scenario", "replication", "setting", "freq",
                                    "levers.coupon.depth", "day"]
    assert len(df) == 8 * 15
    assert df.groupby("run_id").day.apply(list).map(lambda d: d == list(range(15))).all()
    assert len(list((tmp_path / "out" / "runs").glob("*.parquet"))) == 3  # one file per batch
    manifest = ResultStore(tmp_path / "out").manifest()
    assert set(manifest.columns) >= {"run_id", "scenario", "replication", "setting", "factors",
                                     "seed_entropy", "spawn_key", "status", "duration_s",
                                     "package_version", "traceback", "file", "spec_hash"}
    assert (manifest.status == "ok").all()


def test_monthly_sums_flows_and_keeps_month_end_levels(tmp_path):
    path_d = write_experiment(tmp_path, "", name="d", metrics="daily", days=70, replications=1)
    path_m = write_experiment(tmp_path, "", name="m", metrics="monthly", days=70, replications=1)
    sweep(path_d, out=tmp_path / "d", backend=SerialBackend())
    sweep(path_m, out=tmp_path / "m", backend=SerialBackend())
    d, m = pd.read_parquet(tmp_path / "d"), pd.read_parquet(tmp_path / "m")
    assert list(m.month) == [1, 2]  # the calendar's months: 70 days are two of 35 days
    month = month_of(d.day, 70)
    assert m.gmv.tolist() == pytest.approx(d.groupby(month).gmv.sum().tolist())
    assert m.active.tolist() == d.groupby(month).active.last().tolist()
    assert m.day.tolist() == d.groupby(month).day.last().tolist()


def test_resume_skips_completed_and_fresh_starts_over(tmp_path):
    path = write_experiment(tmp_path, GRID)
    out = tmp_path / "out"
    first = sweep(path, out=out, backend=SerialBackend())
    assert first.ok == 8 and first.skipped == 0
    again = sweep(path, out=out, backend=SerialBackend())
    assert again.skipped == 8 and again.ok == 0
    assert len(pd.read_parquet(out)) == 8
    fresh = sweep(path, out=out, backend=SerialBackend(), fresh=True)
    assert fresh.ok == 8 and fresh.skipped == 0
    df = pd.read_parquet(out)
    assert len(df) == 8 and df.run_id.is_unique


def test_partial_store_resumes_only_the_rest(tmp_path):
    """Drop half the runs from the manifest (as if interrupted): the rest is re-run, no
    duplicate rows, and an orphaned Parquet file is cleaned up."""
    path = write_experiment(tmp_path, GRID)
    out = tmp_path / "out"
    sweep(path, out=out, backend=SerialBackend(), batch_size=4)
    lines = (out / MANIFEST_FILE).read_text().splitlines()
    kept = [json.loads(l) for l in lines[:4]]
    (out / MANIFEST_FILE).write_text("\n".join(lines[:4]) + "\n")
    res = sweep(path, out=out, backend=SerialBackend(), batch_size=4)
    assert res.skipped == 4 and res.ok == 4
    assert res.removed_orphans == 1
    df = pd.read_parquet(out)
    assert len(df) == 8 and df.run_id.is_unique
    assert {r["run_id"] for r in kept} <= set(df.run_id)


def test_changed_experiment_is_refused(tmp_path):
    path = write_experiment(tmp_path, GRID)
    out = tmp_path / "out"
    sweep(path, out=out, backend=SerialBackend())
    write_experiment(tmp_path, GRID.replace("0.2", "0.3"))
    with pytest.raises(StoreError, match="different experiment.*--fresh"):
        sweep(path, out=out, backend=SerialBackend())
    res = CliRunner().invoke(app, ["sweep", str(path), "--out", str(out), "--serial", "--quiet"])
    assert res.exit_code == 1
    assert "--fresh" in res.output
    res = CliRunner().invoke(app, ["sweep", str(path), "--out", str(out), "--serial", "--quiet", "--fresh"])
    assert res.exit_code == 0, res.output


def test_refuses_a_folder_that_is_not_a_results_folder(tmp_path):
    path = write_experiment(tmp_path, GRID)
    (tmp_path / "busy").mkdir()
    (tmp_path / "busy" / "thesis.txt").write_text("precious")
    with pytest.raises(StoreError, match="not an experiment results folder"):
        sweep(path, out=tmp_path / "busy", backend=SerialBackend(), fresh=True)
    assert (tmp_path / "busy" / "thesis.txt").exists()


def _flaky(original):
    def simulate_task(batch, task, *args, **options):
        if task.replication == 1 and task.setting == 2:
            raise RuntimeError("boom in the model")
        return original(batch, task, *args, **options)
    return simulate_task


def test_a_failing_run_is_recorded_and_the_rest_go_on(tmp_path, monkeypatch):
    monkeypatch.setattr(worker_mod, "simulate_task", _flaky(worker_mod.simulate_task))
    path = write_experiment(tmp_path, GRID)
    out = tmp_path / "out"
    res = sweep(path, out=out, backend=SerialBackend(), batch_size=8)
    assert res.ok == 7 and res.failed == 1
    assert res.failed_ids == ["nurture-s0002-r001"]
    m = ResultStore(out).manifest().set_index("run_id")
    bad = m.loc["nurture-s0002-r001"]
    assert bad.status == "failed"
    assert "RuntimeError: boom in the model" in bad.error
    assert "Traceback" in bad.traceback and "boom in the model" in bad.traceback
    assert set(pd.read_parquet(out).run_id) == set(m.index) - {"nurture-s0002-r001"}
    # the CLI says so in its exit code; a rerun retries only the failed run
    res = CliRunner().invoke(app, ["sweep", str(path), "--out", str(out), "--serial", "--quiet"])
    assert res.exit_code == 1
    assert "1 run(s) failed" in res.output
    monkeypatch.undo()
    res = sweep(path, out=out, backend=SerialBackend())
    assert res.skipped == 7 and res.ok == 1 and res.failed == 0
    assert pd.read_parquet(out).run_id.nunique() == 8


def test_cli_sweep_prints_best_and_exports_csv(tmp_path):
    path = write_experiment(tmp_path, GRID)
    out = tmp_path / "out"
    res = CliRunner().invoke(app, ["sweep", str(path), "--out", str(out), "--serial", "--csv", "--quiet"])
    assert res.exit_code == 0, res.output
    assert "max cum_profit" in res.output
    # money as money, the runner-up by its factor values, the trade-off front
    assert "CNY" in res.output and "e+0" not in res.output
    assert "vs runner-up nurture [freq=" in res.output and "(setting " not in res.output
    assert "Trade-off:" in res.output
    best = pd.read_csv(out / "_export" / "best.csv")
    settings = pd.read_csv(out / "_export" / "settings.csv")
    assert best.objective.tolist() == ["cum_profit"]
    cp = settings[settings.metric == "cum_profit"]
    assert best["mean"].iloc[0] == pytest.approx(cp["mean"].max())
    # exports stay out of the Parquet glob
    assert len(pd.read_parquet(out)) == 8


def test_cli_bad_experiment_exits_1_before_running(tmp_path):
    path = write_experiment(tmp_path, '[factors."levers.broadcast.frequncy_per_day"]\nvalues = [1.0]\n')
    res = CliRunner().invoke(app, ["sweep", str(path), "--out", str(tmp_path / "o"), "--serial"])
    assert res.exit_code == 1
    assert "did you mean `levers.broadcast.frequency_per_day`?" in res.output
    assert not (tmp_path / "o").exists()


def test_summary_best_uses_paired_margin(tmp_path):
    from siyu_sim.experiments.summary import summarize_folder

    path = write_experiment(tmp_path, GRID, replications=3)
    sweep(path, out=tmp_path / "out", backend=SerialBackend())
    tables = summarize_folder(tmp_path / "out")
    best = tables["best"].iloc[0]
    final = pd.read_parquet(tmp_path / "out")
    means = final.groupby("setting").cum_profit.mean()
    assert best.setting == means.idxmax()
    assert best.runner_up_setting == means.sort_values().index[-2]
    assert best.margin == pytest.approx(means.max() - means.sort_values().iloc[-2])
    assert best.ci_low <= best["mean"] <= best.ci_high


def test_cli_sweep_in_chinese_says_what_it_does_in_chinese(tmp_path):
    path = write_experiment(tmp_path, GRID)
    out = tmp_path / "out"
    res = CliRunner().invoke(app, ["sweep", str(path), "--out", str(out), "--serial", "--csv", "--lang", "zh"])
    assert res.exit_code == 0, res.output
    assert "8 次运行（1 个情景 × 4 组设置 × 2 次重复），在当前进程（1 个工作进程）上运行" in res.output
    assert "8 次运行完成，0 次失败" in res.output and "已写入 " in res.output
    for english in ("run(s) finished", "replication(s)", "serial (1 worker", "wrote "):
        assert english not in res.output
