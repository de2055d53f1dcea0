"""What a sweep stores beyond the ledger: profit over the same customers with no private
domain (from the counterfactual run under the same seed) and the pool's health."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

from _experiment_helpers import write_experiment
from siyu_sim.calendar import month_of
from siyu_sim.counterfactual import without_private_domain
from siyu_sim.experiments.backends import SerialBackend
from siyu_sim.config.scenario_files import build_scenario
from siyu_sim.experiments.store import ResultStore
from siyu_sim.experiments.sweep import rerun, sweep
from siyu_sim.runs import run_scenario

GRID = ('[factors."levers.broadcast.frequency_per_day"]\nname = "freq"\nvalues = [1.0, 4.0]\n'
        '[objectives]\ncum_incremental_profit = "max"\nactive_share = "max"\n')


@pytest.fixture(scope="module")
def daily_folder(tmp_path_factory):
    tmp = tmp_path_factory.mktemp("inc")
    path = write_experiment(tmp, GRID, metrics="daily", days=25, customers=200)
    res = sweep(path, out=tmp / "out", backend=SerialBackend())
    assert res.complete
    return tmp / "out"


def test_stored_increment_equals_two_independent_runs(daily_folder):
    frame = pd.read_parquet(daily_folder)
    meta = ResultStore(daily_folder).experiment_meta()
    for run_id, rows in frame.groupby("run_id"):
        rec = rows.iloc[0]
        freq = float(rec["freq"])
        scenario = build_scenario(meta["scenarios"]["nurture"],
                                  {"levers.broadcast.frequency_per_day": freq})
        r, root = int(rec["replication"]), int(meta["root_seed"])
        own = run_scenario(scenario, replication=r, root_seed=root).daily
        none = run_scenario(without_private_domain(scenario), replication=r, root_seed=root).daily
        expect = (own.profit + own.outside_gross_margin) - (none.profit + none.outside_gross_margin)
        np.testing.assert_array_equal(rows.sort_values("day").incremental_profit.to_numpy(), expect.to_numpy())
        np.testing.assert_allclose(rows.sort_values("day").cum_incremental_profit.to_numpy(),
                                   expect.cumsum().to_numpy())
    # the private domain changes things: the increment is not the ledger profit
    assert not np.allclose(frame.incremental_profit, frame.profit)


def test_pool_health_is_shares_of_everyone_who_joined(daily_folder):
    frame = pd.read_parquet(daily_folder)
    joined = frame.ever_members > 0
    assert joined.any()
    np.testing.assert_allclose(frame.active_share[joined], (frame.active / frame.ever_members)[joined])
    np.testing.assert_allclose(frame.muted_share[joined], (frame.muted / frame.ever_members)[joined])
    assert ((frame.active_share + frame.muted_share) <= 1 + 1e-12).all()


def test_rerun_reproduces_the_derived_columns(daily_folder):
    frame = pd.read_parquet(daily_folder)
    run_id = frame.run_id.iloc[-1]
    again = rerun(daily_folder, run_id)
    stored = frame[frame.run_id == run_id].sort_values("day").reset_index(drop=True)
    pd.testing.assert_frame_equal(again[stored.columns].reset_index(drop=True), stored)


def test_monthly_rows_sum_the_daily_increment(tmp_path):
    d = write_experiment(tmp_path, "", name="d", metrics="daily", days=70, replications=1)
    m = write_experiment(tmp_path, "", name="m", metrics="monthly", days=70, replications=1)
    sweep(d, out=tmp_path / "d", backend=SerialBackend())
    sweep(m, out=tmp_path / "m", backend=SerialBackend())
    dd, mm = pd.read_parquet(tmp_path / "d"), pd.read_parquet(tmp_path / "m")
    month = month_of(dd.day, 70)
    assert mm.incremental_profit.tolist() == pytest.approx(dd.groupby(month).incremental_profit.sum().tolist())
    assert mm.cum_incremental_profit.tolist() == dd.groupby(month).cum_incremental_profit.last().tolist()


def test_settings_that_differ_only_in_levers_share_one_baseline_under_any_name():
    from siyu_sim import presets
    from siyu_sim.runs import RunCache, simulate

    data = presets.nurture().to_dict()
    data["days"], data["population"]["customers"] = 10, 100
    cache = RunCache()
    tables = []
    for name, freq in (("a", 1.0), ("b", 3.0)):  # other names, other levers: the same customers
        for r in (0, 1):
            sc = build_scenario(data, {"levers.broadcast.frequency_per_day": freq, "name": name})
            tables.append(simulate(sc, replication=r, root_seed=5, baseline=True, cache=cache).baseline_daily)
    assert cache.misses == 4 + 2 and cache.hits == 2  # four own runs, one baseline per replication
    pd.testing.assert_frame_equal(tables[0], tables[2])
    # a behaviour parameter changes the baseline: no hit
    simulate(build_scenario(data, {"behaviour.fatigue.gain": 0.5}), root_seed=5, baseline=True, cache=cache)
    assert cache.misses == 6 + 2


def test_a_workers_batches_share_baselines(tmp_path, monkeypatch):
    """Batches that split a replication's settings (the batch size is not the settings' count)
    make one baseline per replication in a worker, not one per batch."""
    from siyu_sim.experiments import load_experiment
    from siyu_sim.experiments import design
    from siyu_sim.experiments import worker
    from siyu_sim.experiments.sweep import make_batches
    from siyu_sim.runs import RunCache

    monkeypatch.setattr(worker, "RUN_CACHE", RunCache(baselines_only=True))  # a fresh worker process's
    grid = ('[factors."levers.broadcast.frequency_per_day"]\nvalues = [1.0, 2.0, 4.0]\n')
    exp = load_experiment(write_experiment(tmp_path, grid, replications=2, days=10, customers=80))
    batches = make_batches(exp, design.runs(exp), 2)
    assert [[t.replication for t in b.tasks] for b in batches] == [[0, 0], [0, 1], [1, 1]]
    outcomes = [o for b in batches for o in worker.execute_batch(b)]
    assert all(o.status == "ok" for o in outcomes)
    # two baselines made (the old cache per batch made three), the six runs' own runs not kept
    assert (worker.RUN_CACHE.misses, worker.RUN_CACHE.hits, len(worker.RUN_CACHE)) == (2, 4, 2)
