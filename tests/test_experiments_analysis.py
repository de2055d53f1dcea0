"""Sensitivity (Sobol, Morris) on problems whose answer is known, end to end on a tiny sweep,
and paired comparisons whose CRN interval must be narrower than the independent one."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest
from typer.testing import CliRunner

from _experiment_helpers import write_experiment
from siyu_sim import presets
from siyu_sim.cli import app
from siyu_sim.experiments.backends import SerialBackend
from siyu_sim.compare.paired import (INDEPENDENT_OFFSET, KEY_METRICS, format_paired,
                                         paired_comparison)
from siyu_sim.experiments.sensitivity import analyse, sensitivity_table
from siyu_sim.experiments.sweep import sweep
from siyu_sim.runs import run_daily
from siyu_sim.scenario import Scenario

PROBLEM = {"num_vars": 3, "names": ["big", "small", "none"], "bounds": [[0, 1], [0, 1], [0, 1]]}


def _known(x: np.ndarray) -> np.ndarray:
    return 10 * x[:, 0] + 2 * x[:, 1] ** 2 + 0 * x[:, 2]


def test_sobol_ranks_a_known_function():
    from SALib.sample import sobol

    x = sobol.sample(PROBLEM, 256, calc_second_order=False, seed=3)
    t = analyse(PROBLEM, "sobol", x, _known(x), root_seed=3)
    st = t[t["index"] == "ST"].set_index("factor")["value"]
    assert st["big"] > st["small"] > st["none"]
    assert st["none"] == pytest.approx(0, abs=0.02)
    s1 = t[t["index"] == "S1"].set_index("factor")
    # additive: S1 ≈ ST; analytic S1 of "big" = 100/12 / (100/12 + 4·4/45) ≈ 0.959
    assert s1.loc["big", "value"] == pytest.approx(0.959, abs=0.05)
    assert (t["low"] <= t["value"]).all() and (t["value"] <= t["high"]).all()


def test_morris_ranks_a_known_function():
    from SALib.sample import morris

    x = morris.sample(PROBLEM, 20, num_levels=4, seed=3)
    t = analyse(PROBLEM, "morris", x, _known(x), root_seed=3)
    mu = t[t["index"] == "mu_star"].set_index("factor")["value"]
    assert mu["big"] == pytest.approx(10)       # linear: every elementary effect is 10
    assert mu["big"] > mu["small"] > mu["none"]
    assert mu["none"] == pytest.approx(0)
    sigma = t[t["index"] == "sigma"].set_index("factor")["value"]
    assert sigma["big"] == pytest.approx(0, abs=1e-9)  # no interaction, no non-linearity
    assert sigma["small"] > 0


SOBOL = ('[factors."behaviour.trust.content_gain"]\nrange = [0.005, 0.05]\n'
         '[factors."economics.unit_cost_cny"]\nrange = [20.0, 40.0]\n'
         '[factors."behaviour.groups.spam_sensitivity"]\nrange = [0.2, 0.4]\n'
         '[design]\nmethod = "{method}"\nsamples = {samples}\noutputs = ["cum_gmv", "cum_profit"]\n')


def test_sobol_sweep_end_to_end_finds_the_cost_factor(tmp_path):
    """Unit cost moves profit directly and GMV not at all: profit's top factor is unit cost;
    GMV's total index for unit cost is zero."""
    path = write_experiment(tmp_path, SOBOL.format(method="sobol", samples=8), replications=2,
                            customers=120, days=30)
    res = sweep(path, out=tmp_path / "out", backend=SerialBackend())
    assert res.complete and res.ok == 8 * 5 * 2
    t = sensitivity_table(tmp_path / "out", export=True)
    assert (tmp_path / "out" / "_export" / "sensitivity.csv").exists()
    top = t[(t.output == "cum_profit") & (t["rank"] == 1)].factor.unique().tolist()
    assert top == ["economics.unit_cost_cny"]
    gmv_cost = t[(t.output == "cum_gmv") & (t.factor == "economics.unit_cost_cny") & (t["index"] == "ST")]
    assert gmv_cost["value"].iloc[0] == pytest.approx(0, abs=1e-12)


def test_cli_sensitivity_morris_prints_a_ranked_table(tmp_path):
    path = write_experiment(tmp_path, SOBOL.format(method="morris", samples=3), replications=1,
                            customers=120, days=30)
    res = CliRunner().invoke(app, ["sensitivity", str(path), "--out", str(tmp_path / "o"), "--serial",
                                   "--quiet"])
    assert res.exit_code == 0, res.output
    assert "nurture · cum_profit · morris" in res.output
    lines = [l for l in res.output.splitlines() if l.strip().startswith("1 ")]
    assert any("economics.unit_cost_cny" in l for l in lines)


def test_cli_sensitivity_refuses_a_grid(tmp_path):
    path = write_experiment(tmp_path, '[factors."levers.coupon.depth"]\nvalues = [0.1, 0.2]\n')
    res = CliRunner().invoke(app, ["sensitivity", str(path), "--out", str(tmp_path / "o"), "--serial"])
    assert res.exit_code == 1
    assert 'sensitivity needs "sobol" or "morris"' in res.output


def _tiny(s: Scenario, **changes) -> Scenario:
    d = s.to_dict()
    d["population"]["customers"] = 300
    d["days"] = 60
    for path, value in changes.items():
        node = d
        *head, last = path.split(".")
        for part in head:
            node = node[part]
        node[last] = value
    return Scenario.from_dict(d)


def test_paired_comparison_api_and_crn_narrowing():
    """Two nearly identical strategies: under CRN their per-replication differences are tiny,
    so the paired interval must be far narrower than the one from independent seeds."""
    a = _tiny(presets.nurture())
    b = _tiny(presets.nurture(), **{"levers.coupon.depth": 0.12})
    b = b.with_overrides(name="nurture_deeper")
    res = paired_comparison([a, b], reps=6, root_seed=5, backend=SerialBackend())
    assert res.scenarios == ["nurture", "nurture_deeper"]
    assert {"scenario", "replication", "day", "cum_profit"} <= set(res.daily.columns)
    assert len(res.daily) == 2 * 6 * 60 and len(res.independent) == 6 * 60
    t = res.table()
    assert set(t.metric) == set(KEY_METRICS)
    cp = t.set_index("metric").loc["cum_profit"]
    assert cp.ci_low <= cp.mean_diff <= cp.ci_high
    assert cp.ci_width < cp.independent_ci_width
    assert cp.width_ratio < 0.5
    # the CRN set is exactly runs.run_daily with replication_seed(root, r)
    ref = run_daily(b, 3, 5)
    mine = res.daily[(res.daily.scenario == "nurture_deeper") & (res.daily.replication == 3)]
    assert np.array_equal(ref.cum_profit.to_numpy(), mine.cum_profit.to_numpy())
    # the independent set uses other streams
    ind = run_daily(b, INDEPENDENT_OFFSET + 3, 5)
    mine_ind = res.independent[res.independent.replication == 3]
    assert np.array_equal(ind.cum_profit.to_numpy(), mine_ind.cum_profit.to_numpy())
    assert not np.array_equal(ind.cum_profit.to_numpy(), ref.cum_profit.to_numpy())
    en, zh = format_paired(res), format_paired(res, lang="zh")
    assert "cumulative profit" in en and "ratio" in en
    assert "累计利润" in zh and "宽度比" in zh


def test_paired_interval_matches_a_hand_computed_t_interval():
    from scipy import stats

    a, b = _tiny(presets.nurture()), _tiny(presets.harvest())
    res = paired_comparison([a, b], reps=4, root_seed=2, backend=SerialBackend())
    final = res.final()
    d = (final[final.scenario == "harvest"].set_index("replication").active
         - final[final.scenario == "nurture"].set_index("replication").active).to_numpy()
    half = stats.t.ppf(0.975, 3) * d.std(ddof=1) / 2
    row = res.table().set_index("metric").loc["active"]
    assert row.mean_diff == pytest.approx(d.mean())
    assert row.ci_high - row.ci_low == pytest.approx(2 * half)


def test_paired_progress_callback_and_validation():
    seen = []
    a, b = _tiny(presets.nurture()), _tiny(presets.harvest())
    paired_comparison([a, b], reps=2, root_seed=1, backend=SerialBackend(),
                      progress=lambda done, total: seen.append((done, total)))
    assert seen[-1] == (6, 6)
    with pytest.raises(ValueError, match="at least two"):
        paired_comparison([a], reps=3, root_seed=1)
