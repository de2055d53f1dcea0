"""Sensitivity (Sobol, Morris) on problems whose answer is known, end to end on a tiny sweep.
(Paired comparisons: tests/test_compare_workflow.py.)"""

from __future__ import annotations

import numpy as np
import pytest
from typer.testing import CliRunner

from _experiment_helpers import write_experiment
from siyu_sim.cli import app
from siyu_sim.experiments.backends import SerialBackend
from siyu_sim.experiments.sensitivity import analyse, sensitivity_table
from siyu_sim.experiments.sweep import sweep

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
    assert "nurture · cumulative profit (CNY) (cum_profit) · morris" in res.output
    assert res.output.startswith("What the answer depends on")
    lines = [l for l in res.output.splitlines() if l.strip().startswith("1 ")]
    assert any("economics.unit_cost_cny" in l for l in lines)


def test_cli_sensitivity_refuses_a_grid(tmp_path):
    path = write_experiment(tmp_path, '[factors."levers.coupon.depth"]\nvalues = [0.1, 0.2]\n')
    res = CliRunner().invoke(app, ["sensitivity", str(path), "--out", str(tmp_path / "o"), "--serial"])
    assert res.exit_code == 1
    assert 'sensitivity needs "sobol" or "morris"' in res.output
