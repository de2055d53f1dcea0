"""The one run pipeline (siyu_sim.runs): a run and its baseline are the models run alone; one
cache keyed by what a baseline depends on; the run folder; provenance; loading validates once."""

from __future__ import annotations

import datetime as dt
import json

import numpy as np
import pandas as pd
import pytest

from _experiment_helpers import write_experiment
from siyu_sim import PrivateDomainModel
from siyu_sim.compare import compare
from siyu_sim.config.output_paths import OutputPathError
from siyu_sim.config.overrides import apply_overrides
from siyu_sim.config.presets import resolve, shipped_names
from siyu_sim.config.scenario_files import load_scenario
from siyu_sim.config.toml_files import read_toml
from siyu_sim.counterfactual import baseline_data
from siyu_sim.experiments.backends import SerialBackend
from siyu_sim.experiments.store import ResultStore
from siyu_sim.experiments.sweep import sweep
from siyu_sim.runs import RunCache, scenario_hash, simulate
from siyu_sim.scenario import Scenario
from siyu_sim.version import __version__

SMALL = {"population.customers": 200, "days": 30}


def _load(name: str, **overrides) -> Scenario:
    return load_scenario(resolve(name), {**SMALL, **overrides})


def _no_private_domain_by_hand(scenario: Scenario) -> Scenario:
    """The baseline as docs/ODD.md states it, built here without the counterfactual module."""
    d = scenario.to_dict()
    d["levers"] = {}
    d["population"]["initial_member_share"] = 0.0
    d["behaviour"]["referral"]["organic_per_year"] = 0.0
    d["economics"]["tool_cost_per_day_cny"] = d["economics"]["tool_cost_per_member_day_cny"] = 0.0
    return Scenario.from_dict(d)


def test_a_run_and_its_baseline_are_the_models_run_alone():
    s = _load("nurture")
    result = simulate(s, replication=2, root_seed=11, baseline=True, segments=True)
    seed = lambda: np.random.SeedSequence(11, spawn_key=(2,))  # noqa: E731
    own = PrivateDomainModel(s, seed=seed(), segment_metrics=True)
    own.run()
    none = PrivateDomainModel(_no_private_domain_by_hand(s), seed=seed()).run()
    pd.testing.assert_frame_equal(result.daily[own.daily.columns], own.daily, check_exact=True)
    pd.testing.assert_frame_equal(result.segment_daily, own.segment_daily, check_exact=True)
    pd.testing.assert_frame_equal(result.baseline_daily[none.columns], none, check_exact=True)
    added = (own.daily.profit + own.daily.outside_gross_margin - none.profit - none.outside_gross_margin).to_numpy()
    np.testing.assert_allclose(result.daily.incremental_profit, added, rtol=1e-12, atol=1e-9)
    np.testing.assert_allclose(result.daily.cum_incremental_profit, np.cumsum(added), rtol=1e-12, atol=1e-6)
    assert result.transactions is None
    alone = simulate(s, replication=2, root_seed=11)  # without the baseline: no increment, same run
    assert "incremental_profit" not in alone.daily and alone.baseline_daily is None
    pd.testing.assert_frame_equal(alone.daily, result.daily[alone.daily.columns], check_exact=True)


def test_progress_counts_the_run_and_its_baseline():
    seen = []
    simulate(_load("harvest", days=12), baseline=True, progress=lambda done, total: seen.append((done, total)))
    assert seen[0] == (1, 24) and seen[-1] == (24, 24) and [d for d, _ in seen] == list(range(1, 25))


def test_the_cache_keys_what_the_baseline_depends_on():
    base = _load("nurture").to_dict()

    def key(data, root=7, replication=0, **options):
        return RunCache.key(baseline_data(data), root, replication, **{
            "executor": "vector", "engine": "compiled", "segments": False, **options})

    same = [apply_overrides(base, change) for change in (
        {"name": "other", "description": "another strategy"},
        {"levers.broadcast.frequency_per_day": 5.0, "levers.coupon.depth": 0.3},
        {"seed": 99},  # the root seed is given: the file's own seed key does not count
    )]
    assert all(key(d) == key(base) for d in same)
    assert key({**base, "levers": {}}) == key(base)
    differ = [apply_overrides(base, change) for change in (
        {"population.customers": 201}, {"days": 31}, {"behaviour.fatigue.gain": 0.5},
        {"economics.order_value_cny": 81.0}, {"start_date": dt.date(2026, 1, 1)},
        {"environment.seasonality.amplitude": 0.2},
    )]
    assert len({key(d) for d in differ} | {key(base)}) == len(differ) + 1
    assert key(base, root=8) != key(base) and key(base, replication=1) != key(base)
    assert key(base, executor="agent") != key(base) and key(base, engine="numpy") != key(base)


def test_strategies_with_the_same_customers_share_one_baseline_run():
    nurture, harvest = _load("nurture"), _load("harvest")
    assert baseline_data(nurture.to_dict())["population"] == baseline_data(harvest.to_dict())["population"]
    cache = RunCache()
    result = compare([nurture, harvest], reps=2, cache=cache)
    # each strategy's runs, harvest's independent-seed runs (reps > 1), one baseline per replication
    assert cache.misses == 2 * 2 + 2 + 2
    b = result.baseline_daily
    for r in (0, 1):
        mine, theirs = (b[(b.scenario == n) & (b.replication == r)].drop(columns="scenario").reset_index(drop=True)
                        for n in ("nurture", "harvest"))
        pd.testing.assert_frame_equal(mine, theirs)
    again = compare([nurture.model_copy(update={"name": "renamed"}), harvest], reps=2, cache=cache)
    assert cache.misses == 8  # the same runs under other names: nothing new to run
    pd.testing.assert_frame_equal(again.daily.drop(columns="scenario"), result.daily.drop(columns="scenario"))


def test_a_sweep_runs_one_baseline_per_replication(tmp_path, monkeypatch):
    """Two strategies with the same customers × three lever settings × two replications, in
    batches that split the replications: two baseline runs (the cache per batch, keyed by the
    scenario's name too, made six)."""
    from siyu_sim.experiments import worker

    monkeypatch.setattr(worker, "RUN_CACHE", RunCache(baselines_only=True))  # a fresh worker process's
    grid = '[factors."levers.broadcast.frequency_per_day"]\nvalues = [1.0, 2.0, 4.0]\n'
    path = write_experiment(tmp_path, grid, scenarios='["nurture", "harvest"]', replications=2, days=10,
                            customers=80)
    result = sweep(path, out=tmp_path / "out", backend=SerialBackend(), batch_size=4)
    assert result.complete and result.ok == 12
    # one baseline per replication made and kept, the other ten runs' taken from it
    assert (worker.RUN_CACHE.misses, worker.RUN_CACHE.hits, len(worker.RUN_CACHE)) == (2, 10, 2)


def test_write_makes_the_run_folder_and_refuses_someone_elses(tmp_path):
    s = _load("harvest")
    result = simulate(s, replication=1, root_seed=3, baseline=True, segments=True, transactions=True)
    result.provenance["command"] = "python test"
    folder = tmp_path / "run"
    assert result.write(folder) == []
    names = {p.name for p in folder.iterdir()}
    assert names == {"provenance.json", "daily.parquet", "daily.csv", "scenario.toml", "baseline_daily.parquet",
                     "segment_daily.parquet", "transactions.parquet"}
    meta = json.loads((folder / "provenance.json").read_text())
    assert (meta["seed"], meta["replication"], meta["version"], meta["command"]) == (3, 1, __version__, "python test")
    assert meta["engine"] == "compiled" and meta["numba"] and meta["numpy"] and meta["machine"] and meta["date"]
    again = load_scenario(folder / "scenario.toml")
    assert again == s and meta["scenario_hashes"] == {"harvest": scenario_hash(again)}
    daily = pd.read_parquet(folder / "daily.parquet")
    assert list(daily.columns[:2]) == ["scenario", "replication"] and set(daily.replication) == {1}
    pd.testing.assert_frame_equal(daily.drop(columns=["scenario", "replication"]), result.daily)
    assert len(pd.read_csv(folder / "daily.csv")) == 30
    assert len(pd.read_parquet(folder / "transactions.parquet")) == len(result.transactions) > 0
    replaced = result.write(folder)  # its own folder: written again
    assert {p.name for p in replaced} == names
    other = tmp_path / "thesis"
    other.mkdir()
    (other / "chapter.txt").write_text("precious")
    with pytest.raises(OutputPathError, match="is not a run folder"):
        result.write(other)
    assert [p.name for p in other.iterdir()] == ["chapter.txt"]


def test_a_dated_scenario_compares_and_sweeps(tmp_path):
    dated = {"start_date": dt.date(2026, 5, 20)}
    result = compare([_load("nurture", **dated), _load("harvest", **dated)])
    assert len(result.daily) == 60 and result.incremental is not None  # a TypeError (a date cast to float) before
    # the body's first line is still in the helper's [set] table
    path = write_experiment(tmp_path, 'start_date = 2026-05-20\n[factors."levers.coupon.depth"]\nvalues = [0.0, 0.2]\n',
                            metrics="monthly", days=45, replications=1)
    assert sweep(path, out=tmp_path / "out", backend=SerialBackend()).complete
    rows = pd.read_parquet(tmp_path / "out").sort_values(["run_id", "month"])
    # 45 days from May 20: May (to day 11), June (to day 41), July 1–3 (to day 44): calendar months
    assert rows.groupby("run_id").day.apply(list).tolist() == [[11, 41, 44]] * 2


def test_a_sweep_records_each_session_its_backend_and_what_it_resumed(tmp_path):
    path = write_experiment(tmp_path, '[factors."levers.coupon.depth"]\nvalues = [0.0, 0.2]\n', days=10)
    sweep(path, out=tmp_path / "out", backend=SerialBackend(), command="siyu sweep tiny.toml")
    sweep(path, out=tmp_path / "out", backend=SerialBackend())
    first, second = ResultStore(tmp_path / "out").sessions()
    assert (first["backend"], first["resumed"], first["to_run"]) == ("serial (1 worker)", 0, 4)
    assert first["command"] == "siyu sweep tiny.toml" and first["seed"] == 11 and first["version"] == __version__
    assert set(first["scenario_hashes"]) == {"nurture"} and first["numba"]
    assert (second["resumed"], second["to_run"]) == (4, 0)


@pytest.mark.parametrize("name", shipped_names())
def test_overrides_on_the_data_give_what_overrides_on_the_resolved_scenario_gave(name):
    """Loading applies --set to the file's data and validates once; overriding the resolved
    scenario (validated first, as loading did before) gives the same Scenario."""
    overrides = {"levers.broadcast.frequency_per_day": 2.5, "population.customers": 500, "days": 40,
                 "seed": 3, "population.segments[0].share": 0.5, "levers.coupon.depth": 0.15}
    data = read_toml(resolve(name))
    resolved = apply_overrides(Scenario.model_validate(data, strict=True).to_dict(), overrides)
    try:
        expected = Scenario.model_validate(resolved, strict=True)
    except ValueError:
        expected = None  # shares no longer sum to one: refused both ways
    if expected is None:
        with pytest.raises(ValueError):
            load_scenario(resolve(name), overrides)
    else:
        assert load_scenario(resolve(name), overrides) == expected
    partial = {k: v for k, v in overrides.items() if "segments" not in k}
    assert load_scenario(resolve(name), partial) == Scenario.model_validate(
        apply_overrides(Scenario.model_validate(data, strict=True).to_dict(), partial), strict=True)


def test_loading_validates_a_scenario_once(monkeypatch):
    calls = []
    real = Scenario.model_validate.__func__

    def counted(cls, *args, **kwargs):
        if cls is Scenario:
            calls.append(kwargs.get("strict"))
        return real(cls, *args, **kwargs)

    monkeypatch.setattr(Scenario, "model_validate", classmethod(counted))
    load_scenario(resolve("nurture"), {"levers.broadcast.frequency_per_day": 2.0, "days": 40})
    assert calls == [True]
