"""The compare workflow (siyu_sim.compare.compare): common random numbers, replications, the
no-private-domain baseline, per-segment tables, executors, backends, progress, paired intervals."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest
from scipy import stats

from siyu_sim import presets
from siyu_sim.compare import ComparisonError, compare, unique_names
from siyu_sim.counterfactual import without_private_domain
from siyu_sim.compare.paired import INDEPENDENT_OFFSET, KEY_METRICS
from siyu_sim.cli.printout import paired_text
from siyu_sim.experiments.backends import SerialBackend
from siyu_sim.runs import run_scenario
from siyu_sim.scenario import Scenario
from helpers import ads_alternative_by_hand


def _tiny(s: Scenario, customers: int = 300, days: int = 60, **changes) -> Scenario:
    d = s.to_dict()
    d["population"]["customers"] = customers
    d["days"] = days
    for path, value in changes.items():
        node = d
        *head, last = path.split(".")
        for part in head:
            node = node[part]
        node[last] = value
    return Scenario.from_dict(d)


def _pair(**size) -> list[Scenario]:
    return [_tiny(presets.nurture(), **size), _tiny(presets.harvest(), **size)]


def test_each_run_is_the_scenario_run_alone_under_the_replication_seed():
    a, b = _pair()
    res = compare([a, b], reps=2, root_seed=9, baseline=False)
    assert res.names == ["nurture", "harvest"] and res.root_seed == 9
    for s in (a, b):
        for r in range(2):
            alone = run_scenario(s, replication=r, root_seed=9).daily
            mine = res.daily[(res.daily.scenario == s.name) & (res.daily.replication == r)]
            pd.testing.assert_frame_equal(mine[alone.columns].reset_index(drop=True), alone)
    assert list(dict.fromkeys(res.daily.scenario)) == ["nurture", "harvest"]
    assert res.segment_daily is None and res.baseline_daily is None and res.incremental is None


def test_the_baseline_increments_are_the_counterfactual_modules_over_models_run_alone():
    a, b = _pair()
    res = compare([a, b], reps=2, root_seed=3)  # the baseline is the default
    assert res.has_baseline
    for s in (a, b):
        incs, owns = [], []
        for r in range(2):
            own = run_scenario(s, replication=r, root_seed=3).daily
            none = run_scenario(without_private_domain(s), replication=r, root_seed=3).daily
            # recomputed here from the two runs' own columns, not through the module
            added = (own.profit + own.outside_gross_margin - none.profit - none.outside_gross_margin).to_numpy()
            mine = res.daily[(res.daily.scenario == s.name) & (res.daily.replication == r)]
            assert np.allclose(mine.incremental_profit.to_numpy(), added, rtol=1e-12, atol=1e-6)
            assert np.allclose(mine.cum_incremental_profit.to_numpy(), np.cumsum(added), rtol=1e-12, atol=1e-6)
            spend = own.cum_spend.to_numpy()
            assert np.allclose(mine.incremental_roi.to_numpy()[spend > 0],
                               np.cumsum(added)[spend > 0] / spend[spend > 0], rtol=1e-12)
            row = res.incremental[(res.incremental.scenario == s.name) & (res.incremental.replication == r)]
            assert row.cum_incremental_profit.item() == pytest.approx(added.sum(), rel=1e-12)
            assert row.cum_profit.item() == own.cum_profit.iloc[-1]
            ads = ads_alternative_by_hand(own, none)
            assert np.allclose(mine.alt_ads_cum_profit.to_numpy(), ads, rtol=1e-12, atol=1e-6)
            assert row.added_vs_ads.item() == pytest.approx(added.sum() - ads[-1])
            negative = np.flatnonzero(np.cumsum(added) < 0)
            expected_payback = None if np.cumsum(added)[-1] < 0 else (
                0 if len(negative) == 0 else int(negative[-1] + 1))
            assert row.payback_day.item() == expected_payback or (
                expected_payback is None and not np.isfinite(row.payback_day.item()))
            base = res.baseline_daily[(res.baseline_daily.scenario == s.name)
                                      & (res.baseline_daily.replication == r)]
            assert np.array_equal(base.outside_gross_margin.to_numpy(), none.outside_gross_margin.to_numpy())
            incs.append(added.sum())
            owns.append(own.cum_profit.iloc[-1])
        assert res.increments()[s.name] == pytest.approx((np.mean(incs), np.mean(owns)), rel=1e-9)
        summary = res.incremental_summary()
        row = summary[(summary.scenario == s.name) & (summary.figure == "cum_incremental_profit")]
        half = stats.t.ppf(0.975, 1) * np.std(incs, ddof=1) / np.sqrt(2)
        assert row["mean"].item() == pytest.approx(np.mean(incs))
        assert row.ci_low.item() == pytest.approx(np.mean(incs) - half)
        assert row.ci_high.item() == pytest.approx(np.mean(incs) + half)
    assert res.increments()["harvest"][0] != res.increments()["nurture"][0]
    paired = res.paired[res.paired.metric == "cum_incremental_profit"]
    assert len(paired) == 1 and np.isfinite(paired.ci_low.item())


def test_agent_and_vector_executors_give_the_same_frames():
    scenarios = _pair(customers=60, days=20)
    kw = dict(reps=2, root_seed=4, baseline=True, segments=True)
    vector = compare(scenarios, executor="vector", **kw)
    agent = compare(scenarios, executor="agent", **kw)
    for field in ("daily", "segment_daily", "baseline_daily", "incremental", "paired", "independent"):
        pd.testing.assert_frame_equal(getattr(vector, field), getattr(agent, field), obj=field)


def test_a_backend_gives_the_same_frames_as_this_process():
    scenarios = _pair(customers=100, days=20)
    kw = dict(reps=2, root_seed=6, baseline=True, segments=True)
    here = compare(scenarios, **kw)
    there = compare(scenarios, backend=SerialBackend(), **kw)
    for field in ("daily", "segment_daily", "baseline_daily", "incremental", "paired", "independent"):
        pd.testing.assert_frame_equal(getattr(here, field), getattr(there, field), obj=field)
    assert set(here.segment_daily.segment) == {"loyal_prone", "regular", "bargain_hunter"}
    assert set(here.segment_daily.scenario) == {"nurture", "harvest"}


def test_paired_comparison_and_crn_narrowing():
    """Two nearly identical strategies: under CRN their per-replication differences are tiny,
    so the paired interval must be far narrower than the one from independent seeds."""
    a = _tiny(presets.nurture())
    b = _tiny(presets.nurture(), **{"levers.coupon.depth": 0.12}).with_overrides(name="nurture_deeper")
    res = compare([a, b], reps=6, root_seed=5, backend=SerialBackend())
    assert len(res.daily) == 2 * 6 * 60 and len(res.independent) == 6 * 60
    t = res.paired
    assert set(t.metric) == set(KEY_METRICS)
    cp = t.set_index("metric").loc["cum_profit"]
    assert cp.ci_low <= cp.mean_diff <= cp.ci_high
    assert cp.ci_width < cp.independent_ci_width
    assert cp.width_ratio < 0.5
    # the independent set uses other streams
    ind = run_scenario(b, replication=INDEPENDENT_OFFSET + 3, root_seed=5).daily
    mine_ind = res.independent[res.independent.replication == 3]
    assert np.array_equal(ind.cum_profit.to_numpy(), mine_ind.cum_profit.to_numpy())
    ref = res.daily[(res.daily.scenario == "nurture_deeper") & (res.daily.replication == 3)]
    assert not np.array_equal(ind.cum_profit.to_numpy(), ref.cum_profit.to_numpy())
    en, zh = paired_text(t, res.reps), paired_text(t, res.reps, lang="zh")
    assert "cumulative profit" in en and "ratio" in en and "nurture_deeper − nurture" in en
    assert "累计利润" in zh and "宽度比" in zh


def test_paired_interval_matches_a_hand_computed_t_interval():
    from scipy import stats

    res = compare(_pair(), reps=4, root_seed=2)
    final = res.daily[res.daily.day == res.daily.day.max()]
    d = (final[final.scenario == "harvest"].set_index("replication").active
         - final[final.scenario == "nurture"].set_index("replication").active).to_numpy()
    half = stats.t.ppf(0.975, 3) * d.std(ddof=1) / 2
    row = res.paired.set_index("metric").loc["active"]
    assert row.mean_diff == pytest.approx(d.mean())
    assert row.ci_high - row.ci_low == pytest.approx(2 * half)


@pytest.mark.parametrize("backend", [None, SerialBackend()])
def test_progress_counts_simulated_days_to_the_total(backend):
    seen = []
    compare(_pair(days=10, customers=50), reps=2, root_seed=1, baseline=True, backend=backend,
            progress=lambda done, total: seen.append((done, total)))
    total = 10 * (2 * 2 + 2 + 2 * 2)  # CRN, independent (non-first), baseline
    assert seen[0] == (0, total) and seen[-1] == (total, total)
    assert [d for d, _ in seen] == sorted(d for d, _ in seen)
    if backend is None:
        assert len(seen) > 10  # day by day


def test_validation_and_repeated_names():
    a, b = _pair(days=10, customers=50)
    with pytest.raises(ValueError, match="at least two"):
        compare([a], reps=3)
    with pytest.raises(ValueError, match="reps"):
        compare([a, b], reps=0)
    assert [s.name for s in unique_names([a, a, a])] == ["nurture", "nurture_2", "nurture_3"]
    res = compare([a, a], root_seed=2)
    assert res.names == ["nurture", "nurture_2"]
    one, two = (res.daily[res.daily.scenario == n].drop(columns="scenario").reset_index(drop=True)
                for n in res.names)
    pd.testing.assert_frame_equal(one, two)  # the same strategy under the same luck


def test_a_failing_run_raises_with_its_traceback(monkeypatch):
    from siyu_sim.experiments import worker

    def simulate_task(batch, task, *args, **options):
        raise RuntimeError("boom in the model")

    monkeypatch.setattr(worker, "simulate_task", simulate_task)
    with pytest.raises(ComparisonError, match="boom in the model"):
        compare(_pair(days=10, customers=50))
