"""The run list and its seeds: common random numbers across scenarios and settings, and any
run re-runnable alone, bit for bit, from the manifest."""

from __future__ import annotations

import json

import numpy as np
import pandas as pd
import tomllib

from _experiment_helpers import write_experiment
from siyu_sim.experiments import load_experiment
from siyu_sim.experiments.backends import SerialBackend, batch_size_for
from siyu_sim.experiments.design import runs
from siyu_sim.experiments.store import ResultStore
from siyu_sim.experiments.sweep import rerun, sweep
from siyu_sim.config.overrides import apply_overrides
from siyu_sim.runs import replication_seed, run_scenario
from siyu_sim.scenario import Scenario

GRID = '[factors."levers.broadcast.frequency_per_day"]\nvalues = [1.0, 4.0]\n'


def test_same_replication_same_seed_across_scenarios_and_settings(tmp_path):
    exp = load_experiment(write_experiment(tmp_path, GRID, scenarios='["nurture", "harvest"]',
                                           replications=3))
    tasks = runs(exp)
    assert len(tasks) == 2 * 2 * 3
    assert len({t.run_id for t in tasks}) == len(tasks)
    for r in range(3):
        keys = {(t.seed_entropy, t.spawn_key) for t in tasks if t.replication == r}
        assert keys == {(11, (r,))}
    assert len({(t.seed_entropy, t.spawn_key) for t in tasks}) == 3
    # the seed of replication r is runs.replication_seed(root, r)
    t = tasks[-1]
    ss = np.random.SeedSequence(t.seed_entropy, spawn_key=t.spawn_key)
    assert ss.generate_state(4).tolist() == replication_seed(11, t.replication).generate_state(4).tolist()


def test_crn_makes_identical_settings_identical(tmp_path):
    """Two settings that differ in nothing give identical rows in the same replication,
    different rows across replications: the luck is shared by replication, not by setting."""
    body = '[factors."levers.coupon.valid_days"]\nvalues = [3, 3]\n'
    path = write_experiment(tmp_path, body.replace("[3, 3]", "[3, 4]"), replications=2)
    exp = load_experiment(path)
    exp.settings = [exp.settings[0], dict(exp.settings[0])]  # force two identical settings
    sweep(exp, out=tmp_path / "out", backend=SerialBackend())
    df = pd.read_parquet(tmp_path / "out")
    metrics = ["cum_profit", "active", "mean_trust"]
    a = df[df.setting == 0].sort_values("replication")[metrics].to_numpy()
    b = df[df.setting == 1].sort_values("replication")[metrics].to_numpy()
    assert np.array_equal(a, b)
    assert not np.array_equal(a[0], a[1])


def test_any_run_reproduces_alone_from_the_manifest(tmp_path):
    path = write_experiment(tmp_path, GRID, scenarios='["nurture", "harvest"]', metrics="daily")
    res = sweep(path, out=tmp_path / "out", backend=SerialBackend())
    assert res.complete
    stored = pd.read_parquet(tmp_path / "out")
    store = ResultStore(tmp_path / "out")
    rec = [r for r in store.manifest_records() if r["run_id"] == "harvest-s0001-r001"][0]
    # 1) through the library
    again = rerun(tmp_path / "out", rec["run_id"])
    mine = stored[stored.run_id == rec["run_id"]].reset_index(drop=True)
    pd.testing.assert_frame_equal(again, mine, check_exact=True)
    # 2) by hand, from the folder alone: resolved scenario + overrides + seed keys
    base = tomllib.loads((tmp_path / "out" / "_scenarios" / "harvest.toml").read_text())
    scenario = Scenario.from_dict(apply_overrides(base, rec["overrides"]))
    assert rec["spawn_key"] == [rec["replication"]]
    daily = run_scenario(scenario, replication=rec["spawn_key"][0], root_seed=rec["seed_entropy"]).daily
    cols = ["cum_profit", "gmv", "active", "muted", "mean_trust"]
    assert np.array_equal(daily[cols].to_numpy(), mine[cols].to_numpy())


def test_design_csv_lists_every_run(tmp_path):
    path = write_experiment(tmp_path, GRID)
    sweep(path, out=tmp_path / "out", backend=SerialBackend())
    design = pd.read_csv(tmp_path / "out" / "_design.csv")
    assert list(design.run_id) == [t.run_id for t in runs(load_experiment(path))]
    assert json.loads(design.spawn_key.iloc[-1]) == [1]


def test_batch_size_balances_and_amortises():
    # long runs: one per batch; short runs: several, but still >= 4 batches per worker
    assert batch_size_for(100, 20_000, 365, 2) == 1
    small = batch_size_for(1000, 100, 30, 2)
    assert small > 1
    assert 1000 / small >= 8


def test_a_design_is_counted_before_it_is_chosen_as_many_settings_as_it_chooses(tmp_path):
    """The size that decides whether a huge experiment waits for --yes (``count_settings``, from
    the method's own rule) against the settings the samplers then give (SALib's, scipy's)."""
    from siyu_sim.experiments.design import count_settings

    ranged = ('[factors."levers.coupon.depth"]\nrange = [0.0, 0.3]\n'
              '[factors."levers.broadcast.content_quality"]\nrange = [0.2, 0.9]\n')
    designs = {
        "grid": GRID + '[factors."levers.coupon.valid_days"]\nvalues = [3, 5, 7]\n',
        "lhs crossed with a grid": GRID + '[factors."levers.coupon.depth"]\nrange = [0.0, 0.3]\n'
                                          '[design]\nmethod = "lhs"\nsamples = 5\n',
        "sobol": ranged + '[design]\nmethod = "sobol"\nsamples = 8\n',
        "sobol, second order": ranged + '[design]\nmethod = "sobol"\nsamples = 8\nsecond_order = true\n',
        "morris": ranged + '[design]\nmethod = "morris"\nsamples = 3\n',
    }
    counts = {}
    for name, body in designs.items():
        exp = load_experiment(write_experiment(tmp_path, body, replications=1))
        counts[name] = count_settings(exp)
        assert counts[name] == len(exp.settings), name
    assert counts == {"grid": 6, "lhs crossed with a grid": 10, "sobol": 32, "sobol, second order": 48,
                      "morris": 9}
