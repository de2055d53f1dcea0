"""Scenario discovery (siyu discover): PRIM and CART boxes of where a condition holds."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest
from typer.testing import CliRunner

from siyu_sim.cli import app
from siyu_sim.discovery import Cases, DiscoveryError, condition, discover
from siyu_sim.discovery.text import lines

from _experiment_helpers import write_experiment


def _known(n=400, seed=5) -> tuple[Cases, np.ndarray]:
    """Cases where the condition holds exactly when a < 0.3 and b > 0.6 (c is noise)."""
    rng = np.random.default_rng(seed)
    frame = pd.DataFrame({"a": rng.random(n), "b": rng.random(n), "c": rng.random(n)})
    frame["x.profit"] = np.where((frame.a < 0.3) & (frame.b > 0.6), -1.0, 1.0)
    cases = Cases(frame, ["a", "b", "c"], ["x.profit"], {k: {"en": k, "zh": k} for k in "abc"})
    return cases, condition(cases, "x.profit < 0")


def test_prim_and_cart_find_a_box_made_from_known_truth():
    cases, y = _known()
    d = discover(cases, y, "x.profit < 0", min_density=0.95)
    assert d.holds == int(y.sum()) and 0 < d.holds < d.cases
    limits = {lim.name: lim for lim in d.prim.limits}
    assert set(limits) == {"a", "b"}  # c, the noise, is left alone
    assert limits["a"].low is None and limits["a"].high == pytest.approx(0.3, abs=0.05)
    assert limits["b"].high is None and limits["b"].low == pytest.approx(0.6, abs=0.05)
    assert d.prim.density >= 0.8 and d.prim.coverage > 0.8
    peel = d.trajectory[d.trajectory["kind"] == "peel"]
    assert d.trajectory["chosen"].sum() == 1 and peel["coverage"].is_monotonic_decreasing
    best = d.cart[0]
    cart = {lim.name: lim for lim in best.limits}
    assert set(cart) == {"a", "b"} and best.density > 0.9
    assert cart["a"].high == pytest.approx(0.3, abs=0.05) and cart["b"].low == pytest.approx(0.6, abs=0.05)


def test_the_box_reported_trades_coverage_for_the_density_asked():
    cases, y = _known()
    noisy = y ^ (np.random.default_rng(1).random(len(y)) < 0.1)  # a tenth of the labels flipped
    loose = discover(cases, noisy, "w", min_density=0.5).prim
    tight = discover(cases, noisy, "w", min_density=0.75).prim
    assert loose.coverage >= tight.coverage and loose.density <= tight.density


def test_a_condition_that_holds_everywhere_or_nowhere_is_said_so():
    cases, _ = _known(50)
    for where, word in (("x.profit < 5", "every case"), ("x.profit > 5", "no case")):
        d = discover(cases, condition(cases, where), where)
        assert d.prim is None and any(word in line for line in lines(d, cases))


@pytest.mark.parametrize("where, says", [
    ("x.proft < 0", "did you mean x.profit"),
    ("x.profit + 1", "not a condition"),
    ("profit < 0", "did you mean"),
])
def test_a_bad_condition_names_what_is_wrong(where, says):
    cases, _ = _known(50)
    with pytest.raises(DiscoveryError) as caught:
        condition(cases, where)
    assert says in str(caught.value)


def test_siyu_discover_on_a_sweep_across_markets(tmp_path):
    body = ('uncertain_defaults = true\n|[factors."levers.broadcast.frequency_per_day"]\nname = "frequency"\n'
            'values = [0.5, 2.0]\n[design]\nmarkets = 8\n')
    top, _, rest = body.partition("|")
    f = write_experiment(tmp_path, rest, top=top, scenarios='["nurture", "harvest"]', replications=1)
    runner = CliRunner()
    got = runner.invoke(app, ["sweep", str(f), "--out", str(tmp_path / "res"), "--serial", "-q"])
    assert got.exit_code == 0, got.output
    from siyu_sim.discovery import read_cases

    # a condition that splits the cases: harvest adds less than in the middle case
    middle = read_cases(tmp_path / "res").frame["harvest.cum_incremental_profit"].median()
    where = f"harvest.cum_incremental_profit < {middle:.6f}"
    got = runner.invoke(app, ["discover", str(tmp_path / "res"), "--where", where, "--levers", "--csv",
                              "--report", str(tmp_path / "d.html")])
    assert got.exit_code == 0, got.output
    assert f"{where}: holds in" in got.output and "of 16 cases" in got.output  # 2 policies × 8 markets
    cases = pd.read_csv(tmp_path / "res" / "_export" / "discovery_cases.csv")
    held = cases["harvest.cum_incremental_profit"] < round(middle, 6)
    assert (cases["holds"] == held).all() and f"holds in {int(held.sum())} of 16" in got.output
    boxes = pd.read_csv(tmp_path / "res" / "_export" / "discovery_boxes.csv")
    for _, box in boxes.groupby("box"):  # each box's density and coverage, recomputed from the cases
        inside = pd.Series(True, index=cases.index)
        for _, lim in box.iterrows():
            if lim["low"] == lim["low"]:
                inside &= cases[lim["input"]] >= lim["low"] - 1e-9 if box["method"].iloc[0] == "prim" \
                    else cases[lim["input"]] > lim["low"]
            if lim["high"] == lim["high"]:
                inside &= cases[lim["input"]] <= lim["high"] + 1e-9
        assert held[inside].mean() == pytest.approx(box["density"].iloc[0])
        assert held[inside].sum() / held.sum() == pytest.approx(box["coverage"].iloc[0])
    html = (tmp_path / "d.html").read_text(encoding="utf-8")
    assert "Scenario discovery" in html and "PRIM" in html
    zh = runner.invoke(app, ["discover", str(tmp_path / "res"), "--where", where, "--lang", "zh"])
    assert zh.exit_code == 0 and "个情形中有" in zh.output


def test_siyu_discover_refuses_a_folder_that_is_not_a_sweep(tmp_path):
    got = CliRunner().invoke(app, ["discover", str(tmp_path / "none"), "--where", "x < 0"])
    assert got.exit_code == 1 and "not a sweep's results folder" in got.output
