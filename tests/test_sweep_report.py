"""The sweep report (what pays, and what it costs the pool) and the sensitivity report (what the
answer depends on): sections with content only, the trade-off front, replication-only bands,
log axes for geometric factors, both languages, bad folders explained, ``siyu report``."""

from __future__ import annotations

import json
import re
import shutil
import tomllib
from pathlib import Path

import numpy as np
import pandas as pd
import pytest

from siyu_sim import words as T
from siyu_sim.experiments.summary import non_dominated
from siyu_sim.report import SweepReportError, sweep_report
from siyu_sim.report.sweep_figures import effects_figure, is_geometric
from siyu_sim.report.sweep_report import _effects, read_results, setting_cells, trade_off_points
from test_report import make_partial, run_sweep

EXPERIMENTS = Path(__file__).resolve().parents[1] / "experiments"
SECTION = re.compile(r'<section id="([^"]+)"[^>]*><h2>[^<]*</h2>(.*?)</section>', re.S)


@pytest.fixture(scope="module")
def grid_folder(tmp_path_factory):
    return run_sweep(tmp_path_factory.mktemp("sweep"))


@pytest.fixture(scope="module")
def sobol_folder(tmp_path_factory):
    return run_sweep(tmp_path_factory.mktemp("sobol"), sobol=True)


def sections(html: str) -> dict[str, str]:
    return dict(SECTION.findall(html))


def test_sweep_report_complete(grid_folder, tmp_path):
    for lang in ("en", "zh"):
        html = sweep_report(grid_folder, tmp_path / f"s_{lang}.html", lang=lang).read_text()
        assert not re.search(r"<script[^>]+src=", html)
        secs = sections(html)
        assert list(secs) == ["status", "tradeoff", "heatmap", "multiples", "effects", "settings",
                              "assumptions"]
        for name, body in secs.items():  # no empty section
            assert re.search(r"<(p|div|table)\b", body), name
        for fig in ("tradeoff", "heatmap", "multiples", "effects"):
            assert f'id="fig-{fig}"' in html
        # one table row per setting (2 scenarios × 2 frequencies × 3 coupon depths), one best
        body = html.split('class="sortable"')[1].split("</table>")[0]
        assert body.count("<tr") == 1 + 12
        assert body.count('<tr class="best">') == 1
        assert "banner" not in html.split("<main>")[1].split("</section>")[0]
    en = (tmp_path / "s_en.html").read_text()
    assert "Best setting:" in en and "what it costs the pool" in en
    assert "No sensitivity" not in en and "sensitivity" not in sections(en)
    zh = (tmp_path / "s_zh.html").read_text()
    assert "最佳参数组合" in zh and "Best setting" not in zh and "权衡前沿" in zh


def test_the_front_is_the_non_dominated_settings(grid_folder):
    res = read_results(grid_folder)
    points, x, y = trade_off_points(res, "en")
    assert (x, y) == ("cum_incremental_profit", "active_share")
    medians = res.finals.groupby(["scenario", "setting"])[[x, y]].median()
    expect = non_dominated(medians.to_numpy())
    assert points.set_index(["scenario", "setting"])["pareto"].reindex(medians.index).tolist() == expect.tolist()
    assert 0 < expect.sum() < len(expect)


def test_effect_bands_come_from_replications_only(grid_folder):
    res = read_results(grid_folder)
    cells = setting_cells(res)
    best = cells.loc[cells["mid"].idxmax()]
    per = _effects(res, ["frequency", "coupon_depth", "scenario"], best, "en")
    reps = res.finals["replication"].nunique()
    for factor, b in per.items():
        assert (b["n"] == reps).all(), factor  # one setting's replications, nothing mixed in
    f = res.finals
    held = f[(f.scenario == best.scenario) & (f.frequency == best.frequency)]
    for _, row in per["coupon_depth"].iterrows():
        values = held[held.coupon_depth == row.x]["cum_profit"]
        assert row["mid"] == pytest.approx(values.median())
        assert row["lo"] == pytest.approx(values.quantile(0.1))


def test_geometric_factors_get_a_log_axis():
    assert is_geometric([0.5, 1, 2, 4, 8]) and is_geometric([1000, 2000, 4000, 8000])
    assert not is_geometric([0.0, 0.1, 0.2, 0.3]) and not is_geometric([1, 4])
    assert not is_geometric([1, 2, 3, 4]) and not is_geometric(["a", "b", "c"])
    b = pd.DataFrame({"x": [0.5, 1, 2, 4, 8], "mid": [1.0] * 5, "lo": [0.5] * 5, "hi": [2.0] * 5, "n": [3] * 5})
    lin = b.assign(x=[0.0, 0.1, 0.2, 0.3, 0.4])
    fig = effects_figure({"staff": b, "depth": lin}, {"staff": "staff", "depth": "depth"}, "cum_profit", "en")
    assert fig.layout.xaxis.type == "log" and fig.layout.xaxis2.type != "log"
    assert not fig.layout.annotations  # no panel titles to collide with axis titles


def test_best_setting_is_the_best_median(grid_folder):
    res = read_results(grid_folder)
    cells = setting_cells(res)
    best = cells.loc[cells["mid"].idxmax()]
    finals = pd.read_parquet(grid_folder)
    finals = finals.loc[finals.groupby("run_id")["day"].idxmax()]
    medians = finals.groupby(["scenario", "setting"])["cum_profit"].median()
    assert medians.idxmax() == (best["scenario"], best["setting"])
    assert np.isclose(medians.max(), best["mid"])


def test_sensitivity_report_asks_what_the_answer_depends_on(sobol_folder, tmp_path):
    for lang in ("en", "zh"):
        html = sweep_report(sobol_folder, tmp_path / f"sobol_{lang}.html", lang=lang).read_text()
        secs = sections(html)
        assert list(secs) == ["status", "depends-1", "settings", "assumptions"]
        for name, body in secs.items():
            assert re.search(r"<(p|div|table)\b", body), name
        assert 'id="fig-depends-1"' in html and '<tr class="best">' not in html
    en = (tmp_path / "sobol_en.html").read_text()
    assert "what the answer depends on" in en and "What cumulative profit (CNY) depends on" in en
    for phrase in ("Best setting", "what pays", "best setting", "No sensitivity"):
        assert phrase not in en
    zh = (tmp_path / "sobol_zh.html").read_text()
    assert "结论取决于" in zh and "最佳" not in zh


def test_shipped_experiment_descriptions_are_translated(grid_folder, tmp_path):
    folder = tmp_path / "named"
    shutil.copytree(grid_folder, folder)
    meta = json.loads((folder / "_experiment.json").read_text())
    shipped = tomllib.loads((EXPERIMENTS / "frequency_vs_discount.toml").read_text())["description"]
    meta["name"], meta["description"] = "frequency_vs_discount", shipped
    (folder / "_experiment.json").write_text(json.dumps(meta))
    zh = sweep_report(folder, tmp_path / "z.html", lang="zh").read_text()
    assert "每日群发次数" in zh and shipped not in zh
    assert shipped in sweep_report(folder, tmp_path / "e.html", lang="en").read_text()
    meta["description"] = "An edited description"  # no stale translation of an edited file
    (folder / "_experiment.json").write_text(json.dumps(meta))
    assert "An edited description" in sweep_report(folder, tmp_path / "z.html", lang="zh").read_text()
    # the catalogue's English is each shipped file's own description
    for name, entry in T.EXPERIMENT_DESCRIPTIONS.items():
        assert entry["en"] == tomllib.loads((EXPERIMENTS / f"{name}.toml").read_text())["description"]


def test_partial_sweep_is_reported_and_marked(grid_folder, tmp_path):
    partial = make_partial(grid_folder, tmp_path / "partial", keep=9)
    html = sweep_report(partial, tmp_path / "p.html").read_text()
    assert "PARTIAL RESULTS: 9 of 24 runs" in html
    zh = sweep_report(partial, tmp_path / "pz.html", lang="zh").read_text()
    assert "结果不完整" in zh


def test_partial_sensitivity_says_the_indices_wait(sobol_folder, tmp_path):
    partial = make_partial(sobol_folder, tmp_path / "partial", keep=5)
    html = sweep_report(partial, tmp_path / "p.html").read_text()
    assert "indices need every run" in html and "depends-1" not in html


def test_bad_results_folders_give_clear_messages(grid_folder, tmp_path):
    with pytest.raises(SweepReportError, match="no such folder"):
        sweep_report(tmp_path / "missing", tmp_path / "x.html")
    (tmp_path / "empty").mkdir()
    with pytest.raises(SweepReportError, match="empty"):
        sweep_report(tmp_path / "empty", tmp_path / "x.html")
    (tmp_path / "other").mkdir()
    (tmp_path / "other" / "notes.txt").write_text("hi")
    with pytest.raises(SweepReportError, match="not a siyu_sim results folder"):
        sweep_report(tmp_path / "other", tmp_path / "x.html")
    started = make_partial(grid_folder, tmp_path / "started", keep=0)
    with pytest.raises(SweepReportError, match="no finished runs yet"):
        sweep_report(started, tmp_path / "x.html")
    old = tmp_path / "old"
    shutil.copytree(grid_folder, old)
    meta = json.loads((old / "_experiment.json").read_text())
    del meta["factor_columns"]
    meta["package_version"] = "0.0.1"
    (old / "_experiment.json").write_text(json.dumps(meta))
    with pytest.raises(SweepReportError, match="older siyu_sim"):
        sweep_report(old, tmp_path / "x.html")
    assert not (tmp_path / "x.html").exists()


def test_results_from_another_version_are_flagged(grid_folder, tmp_path):
    other = tmp_path / "other_version"
    shutil.copytree(grid_folder, other)
    meta = json.loads((other / "_experiment.json").read_text())
    meta["package_version"] = "0.0.9"
    (other / "_experiment.json").write_text(json.dumps(meta))
    html = sweep_report(other, tmp_path / "v.html").read_text()
    assert "made by siyu_sim 0.0.9" in html


def test_cli_report(grid_folder, tmp_path):
    from typer.testing import CliRunner

    from siyu_sim.cli import app

    runner = CliRunner()
    out = tmp_path / "cli.html"
    result = runner.invoke(app, ["report", str(grid_folder), "-o", str(out), "--lang", "zh"])
    assert result.exit_code == 0, result.output
    assert out.exists() and "扫描概况" in out.read_text()
    (tmp_path / "empty").mkdir()
    result = runner.invoke(app, ["report", str(tmp_path / "empty"), "-o", str(tmp_path / "e.html")])
    assert result.exit_code == 1
    assert "empty" in result.output
    assert not (tmp_path / "e.html").exists()


DESIGNS = {
    "grid": '[factors."behaviour.purchase.trust_effect"]\nvalues = [0.2, 0.5]\n',
    "lhs": '[factors."behaviour.purchase.trust_effect"]\nrange = [0.1, 0.6]\n[design]\nmethod = "lhs"\nsamples = 3\n',
    "sobol": '[factors."behaviour.purchase.trust_effect"]\nrange = [0.1, 0.6]\n'
             '[factors."economics.staff_cost_per_day_cny"]\nrange = [300, 500]\n[design]\nmethod = "sobol"\nsamples = 2\n',
    "morris": '[factors."behaviour.purchase.trust_effect"]\nrange = [0.1, 0.6]\n'
              '[factors."economics.staff_cost_per_day_cny"]\nrange = [300, 500]\n[design]\nmethod = "morris"\nsamples = 2\n',
    "uncertain": '[design]\nmarkets = 3\n',  # with uncertain_defaults = true (below)
    "policies_x_markets": '[factors."levers.broadcast.frequency_per_day"]\nvalues = [0.5, 1.0]\n[design]\nmarkets = 2\n',
}


@pytest.mark.parametrize("kind", sorted(DESIGNS))
def test_the_sweep_report_builds_for_every_design_kind_with_several_scenarios(kind, tmp_path):
    """Two scenarios crossed with every kind of design (a sampled design with several scenarios
    crashed: 'cannot insert scenario, already exists')."""
    from siyu_sim.experiments.backends import SerialBackend
    from siyu_sim.experiments.design import load_experiment
    from siyu_sim.experiments.sweep import sweep

    f = tmp_path / "e.toml"
    top = "uncertain_defaults = true\n" if kind in ("uncertain", "policies_x_markets") else ""
    f.write_text('name = "kinds"\nscenarios = ["nurture", "harvest"]\nreplications = 1\nroot_seed = 3\n'
                 f'metrics = "daily"\n{top}[set]\n"population.customers" = 200\ndays = 20\n' + DESIGNS[kind],
                 encoding="utf-8")
    out = tmp_path / "res"
    assert sweep(load_experiment(f), out=out, backend=SerialBackend()).complete
    html = sweep_report(out, tmp_path / "r.html").read_text(encoding="utf-8")
    assert "nurture" in html and "harvest" in html
