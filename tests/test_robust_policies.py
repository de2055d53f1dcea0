"""Decisions apart from uncertainties (issue 25): policies run across markets drawn from the
uncertain assumptions, judged by a robustness criterion; derived factors and constraints."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest
from typer.testing import CliRunner

from siyu_sim.cli import app
from siyu_sim.config.problems import ExperimentError
from siyu_sim.experiments.design import load_experiment, runs
from siyu_sim.experiments.robust import robustness_table

from _experiment_helpers import write_experiment

UNCERTAIN = ('[[uncertain]]\npath = "economics.unit_cost_cny"\nlow = 0.8\nhigh = 1.2\nrelative = true\n'
             'source = "the books"\n')
LEVER = '[factors."levers.broadcast.frequency_per_day"]\nname = "frequency"\nvalues = [0.5, 1.0, 2.0]\n'


def _finals(values: dict[str, list[list[float]]]) -> tuple[pd.DataFrame, dict]:
    """Runs at the horizon for policies (by name) × markets × replications, as a sweep stores them."""
    rows = []
    names = list(values)
    markets = len(next(iter(values.values())))
    for p, name in enumerate(names):
        for m, reps in enumerate(values[name]):
            for r, v in enumerate(reps):
                rows.append({"scenario": "nurture", "setting": p * markets + m, "replication": r,
                             "lever": name, "cum_incremental_profit": v})
    meta = {"markets": markets, "factors": [{"name": "lever", "assumption": False}], "replications": 2}
    return pd.DataFrame(rows), meta


def test_each_criterion_chooses_by_its_own_definition():
    # steady earns 10 everywhere; bold earns more on average but nothing in one market
    finals, meta = _finals({"steady": [[10, 10], [10, 10], [10, 10]], "bold": [[30, 30], [0, 0], [20, 20]]})
    pick = {c: robustness_table(finals, meta, {"criterion": c, "target": 5})
            for c in ("mean", "percentile", "cvar", "regret", "satisficing")}
    best = {c: t.loc[t["best"], "lever"].item() for c, t in pick.items()}
    assert best == {"mean": "bold", "percentile": "steady", "cvar": "steady", "regret": "bold",
                    "satisficing": "steady"}
    t = pick["regret"].set_index("lever")
    # regret is the shortfall from the best policy in the same market: steady 20, 0, 10; bold 0, 10, 0
    assert t.loc["steady", "max_regret"] == 20 and t.loc["bold", "max_regret"] == 10
    assert t.loc["steady", "mean_regret"] == pytest.approx(10) and t.loc["bold", "mean_regret"] == pytest.approx(10 / 3)
    assert t.loc["steady", "meets"] == 1.0 and t.loc["bold", "meets"] == pytest.approx(2 / 3)


def test_a_metric_to_minimise_turns_every_criterion_round():
    finals, meta = _finals({"low": [[1, 1], [2, 2]], "high": [[5, 5], [6, 6]]})
    for c in ("mean", "percentile", "cvar", "regret"):
        t = robustness_table(finals, meta, {"criterion": c, "goal": "min"})
        assert t.loc[t["best"], "lever"].item() == "low", c
    t = robustness_table(finals, meta, {"criterion": "regret", "goal": "min"}).set_index("lever")
    assert t.loc["high", "max_regret"] == 4 and t.loc["low", "max_regret"] == 0  # never negative


def test_luck_share_tells_replication_noise_from_differences_between_markets():
    rng = np.random.default_rng(3)
    markets = [100.0 * m for m in range(8)]
    quiet, meta = _finals({"p": [[v + rng.normal(0, 1), v + rng.normal(0, 1)] for v in markets]})
    noisy, _ = _finals({"p": [[v + rng.normal(0, 300), v + rng.normal(0, 300)] for v in markets]})
    assert robustness_table(quiet, meta)["luck_share"].item() < 0.01
    assert robustness_table(noisy, meta)["luck_share"].item() > 0.5


def test_every_policy_runs_in_the_same_markets_with_the_same_seeds(tmp_path):
    exp = load_experiment(write_experiment(tmp_path, UNCERTAIN + LEVER + "[design]\nmarkets = 4\n"))
    assert exp.markets == 4 and exp.policies == 3 and len(exp.settings) == 12
    points = [[s["economics.unit_cost_cny"] for s in exp.settings[p * 4:(p + 1) * 4]] for p in range(3)]
    assert points[0] == points[1] == points[2] and len(set(points[0])) == 4
    assert [s["frequency"] for s in exp.settings[:4]] == [0.5] * 4
    seeds = {(t.setting % 4, t.replication): set() for t in runs(exp)}
    for t in runs(exp):
        seeds[(t.setting % 4, t.replication)].add((t.seed_entropy, t.spawn_key))
    assert all(len(s) == 1 for s in seeds.values())  # common random numbers across policies
    # the markets come from a stream of their own: another lever value does not move them
    more = load_experiment(write_experiment(tmp_path, UNCERTAIN + LEVER.replace("2.0]", "2.0, 3.0]")
                                            + "[design]\nmarkets = 4\n"))
    assert [s["economics.unit_cost_cny"] for s in more.settings[:4]] == points[0]


def test_a_derived_factor_follows_its_expression_and_constraints_drop_settings(tmp_path):
    body = (LEVER + '[factors."levers.care.staff"]\nname = "care"\nvalues = [1.0, 10.0, 30.0]\n'
            '[factors."levers.broadcast.staff"]\nname = "community"\nexpression = "care / 2"\n'
            )
    exp = load_experiment(write_experiment(tmp_path, body, top='constraints = ["care + community <= 20"]\n'))
    assert exp.dropped == 3  # care = 30 (45 staff) at every frequency
    assert {s["care"] for s in exp.settings} == {1.0, 10.0}
    for s, values in enumerate(exp.settings):
        assert values["community"] == values["care"] / 2
        assert exp.scenario("nurture", s).to_dict()["levers"]["broadcast"]["staff"] == values["care"] / 2


@pytest.mark.parametrize("body, where, says", [
    (LEVER + '[factors."levers.care.staff"]\nexpression = "nobody * 2"\n', 'factors."levers.care.staff".expression',
     "the factors are: frequency"),
    (LEVER + '[factors."levers.care.staff"]\nexpression = "frequency.real"\n', "expression", "attribute access"),
    (LEVER + '[factors."levers.care.staff"]\nexpression = "frequency"\nvalues = [1.0]\n',
     'factors."levers.care.staff"', "derived"),
    ('constraints = ["frequency * 2"]\n|' + LEVER, "constraints[0]", "not a condition"),
    ('constraints = ["frequency > 5"]\n|' + LEVER, "constraints[0]", "no setting"),
    ('[design]\nmarkets = 3\n' + LEVER, "design.markets", "declares none"),
    (UNCERTAIN + LEVER + '[robustness]\ncriterion = "satisficing"\n', "robustness.target", "needs a target"),
    (LEVER + '[robustness]\ncriterion = "mean"\n', "robustness", "no uncertain"),
    (UNCERTAIN + LEVER + '[robustness]\nmetric = "cum_incremental_proft"\n', "robustness.metric", "cum_incremental_profit"),
])
def test_bad_expressions_markets_and_robustness_are_named_before_anything_runs(tmp_path, body, where, says):
    with pytest.raises(ExperimentError) as caught:
        top, _, body = body.rpartition("|")  # top-level keys before the tables
        load_experiment(write_experiment(tmp_path, body, top=top))
    text = str(caught.value)
    assert where in text and says in text, text


def test_siyu_sweep_prints_the_robust_choice_among_policies_never_a_market(tmp_path):
    f = write_experiment(tmp_path, UNCERTAIN + LEVER + '[design]\nmarkets = 3\n[robustness]\ntarget = 0\n',
                         scenarios='["nurture", "harvest"]', replications=2)
    got = CliRunner().invoke(app, ["sweep", str(f), "--out", str(tmp_path / "res"), "--serial", "-q", "--csv"])
    assert got.exit_code == 0, got.output
    out = got.output
    assert "Robust choice across 3 markets, by the least maximum regret" in out
    assert "How sure: each policy's spread covers 3 markets" in out
    assert "Best setting per objective" not in out  # a setting is a policy in one market
    table = pd.read_csv(tmp_path / "res" / "_export" / "robustness.csv")
    assert len(table) == 6 and table["markets"].eq(3).all() and table["rank"].tolist() == list(range(1, 7))
    assert "economics.unit_cost_cny" not in table.columns  # the market is not part of a policy
    settings = pd.read_csv(tmp_path / "res" / "_export" / "settings.csv")  # the draw points, with their values
    u, value = settings["economics.unit_cost_cny"], settings["economics.unit_cost_cny_value"]
    assert ((u >= 0) & (u < 1)).all() and np.allclose(value, 0.8 + 0.4 * u)  # a relative range: ×0.8 to ×1.2
    best = table.iloc[0]
    line = next(line for line in out.splitlines() if line.strip().startswith("1 "))
    assert best["scenario"] in line and f"frequency={best['frequency']:g}" in line


def test_the_report_gives_the_same_robust_choice_and_the_same_how_sure_sentence(tmp_path):
    from siyu_sim.report.sweep_report import sweep_report

    f = write_experiment(tmp_path, UNCERTAIN + LEVER + '[design]\nmarkets = 3\n[robustness]\ncriterion = "mean"\n',
                         replications=2)
    got = CliRunner().invoke(app, ["sweep", str(f), "--out", str(tmp_path / "res"), "--serial", "-q"])
    assert got.exit_code == 0, got.output
    sure = next(line for line in got.output.splitlines() if line.startswith("How sure"))
    html = sweep_report(tmp_path / "res", tmp_path / "r.html").read_text(encoding="utf-8")
    assert sure.replace("'", "&#39;") in html or sure in html
    first = next(line for line in got.output.splitlines() if line.strip().startswith("1 "))
    setting = first.split("[", 1)[1].split("]", 1)[0]  # frequency=…
    assert "Robust choice: nurture [" + setting.replace("=", " = ") + "], by the mean" in html
    assert "3 policies × 3 markets × 2 replications" in html


def test_a_lever_sweep_says_its_intervals_cover_luck_only_in_the_terminal_and_the_report(tmp_path):
    from siyu_sim.report.sweep_report import sweep_report

    f = write_experiment(tmp_path, LEVER, replications=3)
    got = CliRunner().invoke(app, ["sweep", str(f), "--out", str(tmp_path / "res"), "--serial", "-q"])
    assert got.exit_code == 0, got.output
    assert "How sure: each interval covers luck only (3 replications" in got.output
    best = next(line for line in got.output.splitlines() if "cum_incremental_profit" in line and "[" in line)
    lo_hi = best.rsplit("[", 1)[1].rstrip("]").split(", ")  # the 95% interval of the mean
    html = sweep_report(tmp_path / "res", tmp_path / "r.html").read_text(encoding="utf-8")
    assert "How sure: each interval covers luck only (3 replications" in html
    assert f"95% interval of the mean: {lo_hi[0]} to {lo_hi[1]}" in html


def test_a_choice_at_the_end_of_the_values_tried_is_flagged():
    from siyu_sim.experiments.summary import at_edges

    factors = [{"name": "freq", "values": [0.5, 1.0, 2.0]}, {"name": "depth", "range": [0.0, 0.5]},
               {"name": "team", "expression": "freq * 2"}, {"name": "cost", "assumption": True, "range": [0, 1]},
               {"name": "label", "values": ["a", "b"]}]
    assert at_edges({"freq": 1.0, "depth": 0.25, "team": 2.0, "cost": 0.0, "label": "a"}, factors) == []
    assert at_edges({"freq": 0.5, "depth": 0.495, "team": 1.0, "cost": 1.0, "label": "b"}, factors) == [
        ("freq", "low"), ("depth", "high")]  # within 2% of a sampled range's end counts


def test_the_sweep_warns_when_the_robust_choice_sits_at_an_end_of_a_lever(tmp_path):
    f = write_experiment(tmp_path, UNCERTAIN + LEVER + '[design]\nmarkets = 2\n', replications=1)
    got = CliRunner().invoke(app, ["sweep", str(f), "--out", str(tmp_path / "res"), "--serial", "-q"])
    assert got.exit_code == 0, got.output
    first = next(line for line in got.output.splitlines() if line.strip().startswith("1 "))
    chosen = float(first.split("frequency=", 1)[1].split("]", 1)[0])
    warned = "at the end of what was tried" in got.output
    assert warned == (chosen in (0.5, 2.0))
    if warned:
        assert f"frequency at its {'lowest' if chosen == 0.5 else 'highest'} ({chosen:g})" in got.output
