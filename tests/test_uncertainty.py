"""The verdict under uncertainty (siyu_sim.uncertainty): declared assumptions, their draws, the
weighing's runs, and the analysis that reads them (docs/uncertainty.md).

The analysis is checked on draw tables whose truth is known (a figure made from the drawn values
and a known luck): each estimator must recover what the table was made from. The weighing is
checked on small real runs: common random numbers within a draw, the same bits twice and from a
run store, repeats that differ by luck alone."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

from siyu_sim import presets
from siyu_sim.config.assumption_files import AssumptionsError, load_assumptions
from siyu_sim.uncertainty import DEFAULTS, Uncertain
from siyu_sim.uncertainty import analysis
from siyu_sim.assumptions import apply, check, resolve_paths, sample
from siyu_sim.uncertainty.weigh import AssumptionError, Weighing, assumptions_for, prepare, weigh


def _u(**kw) -> Uncertain:
    return Uncertain(source="a test", **kw)


# --- declaring -----------------------------------------------------------------------------

@pytest.mark.parametrize("kw,words", [
    (dict(path="economics.unit_cost_cny", low=2.0, high=1.0), "no greater than high"),
    (dict(path="economics.unit_cost_cny", low=0.0, high=1.0, distribution="loguniform"), "low > 0"),
    (dict(path="economics.unit_cost_cny", low=1.0, high=2.0, distribution="triangular", mode=3.0), "between"),
    (dict(path="economics.unit_cost_cny", low=1.0), "needs path, low and high"),
    (dict(path="a", low=1.0, high=2.0, paths=["b"], sets=[[1.0]]), "not both"),
    (dict(paths=["a", "b"], sets=[[1.0]]), "2 paths"),
    (dict(path="economics.unit_cost_cny", low=-1.0, high=2.0, relative=True), "multipliers"),
])
def test_an_assumption_that_cannot_be_drawn_is_refused_saying_why(kw, words):
    with pytest.raises(ValueError, match=words):
        _u(**kw)


def test_an_assumption_needs_a_source():
    with pytest.raises(ValueError, match="source"):
        Uncertain(path="economics.unit_cost_cny", low=1.0, high=2.0)


def test_every_default_has_a_source_and_applies_to_every_shipped_scenario():
    assert len(DEFAULTS) >= 6
    for name in presets.shipped_names():
        scenario = presets.load(name)
        assert check(list(DEFAULTS), scenario.to_dict()) == [], name
        prepare([scenario], draws=30, rows=50)  # no draw makes a shipped scenario invalid


def test_the_defaults_are_centred_on_the_scenario():
    """The median draw of each default is the scenario's own value (a multiplier of 1), so the
    median under uncertainty does not move away from the central case by construction."""
    grid = (np.arange(10_001) + 0.5) / 10_001
    base = presets.load("nurture").to_dict()
    for u in DEFAULTS:
        median = float(np.median(u.from_unit(grid)))
        if u.relative:
            assert median == pytest.approx(1.0, abs=0.011), u.path
        elif u.path.startswith(("behaviour", "economics")) and u.path != "economics.ads_cac_cny":
            from siyu_sim.assumptions import value_at
            assert median == pytest.approx(value_at(base, u.path), rel=0.05), u.path


def test_an_assumptions_file_with_problems_names_the_file_and_each_key(tmp_path):
    f = tmp_path / "mine.toml"
    f.write_text('[[uncertain]]\npath = "economics.unit_cost_cny"\nlow = 30\nhigh = "x"\nsource = "books"\n\n'
                 '[[uncertain]]\npath = "behaviour.purchase.trust_effect"\nlow = 0.5\nhigh = 0.6\n', encoding="utf-8")
    with pytest.raises(AssumptionsError) as caught:
        load_assumptions(f)
    text = caught.value.render("en")
    assert str(f) in text and "uncertain[0].high" in text and "uncertain[1].source" in text
    assert "nothing was run" in text


def test_an_assumptions_file_is_read(tmp_path):
    f = tmp_path / "mine.toml"
    f.write_text('[[uncertain]]\npath = "population.segments[0].need_cycle_days"\nlow = 10\nhigh = 40\n'
                 'source = "our own order data"\n', encoding="utf-8")
    (u,) = load_assumptions(f)
    assert u.path == "population.segments.0.need_cycle_days" and (u.low, u.high) == (10, 40)


# --- drawing -------------------------------------------------------------------------------

def test_draws_are_a_seeded_latin_hypercube():
    us = [_u(path=f"p{i}", low=0.0, high=1.0) for i in range(3)]
    a, b, c = sample(us, 50, 7), sample(us, 50, 7), sample(us, 50, 8)
    assert np.array_equal(a, b) and not np.array_equal(a, c)
    for column in a.T:  # one point in each of the 50 strata of every column
        assert sorted(np.floor(column * 50).astype(int)) == list(range(50))


@pytest.mark.parametrize("distribution,extra", [("uniform", {}), ("loguniform", {}), ("triangular", {"mode": 1.5})])
def test_values_stay_in_their_range_and_rise_with_the_uniform_number(distribution, extra):
    u = _u(path="x", low=0.5, high=4.0, distribution=distribution, **extra)
    grid = np.linspace(0, 1, 1001, endpoint=False)
    v = u.from_unit(grid)
    assert v.min() >= 0.5 and v.max() <= 4.0 and np.all(np.diff(v) > 0)


def test_the_distributions_put_their_middle_where_they_say():
    grid = (np.arange(100_000) + 0.5) / 100_000
    assert np.median(_u(path="x", low=0.5, high=2.0, distribution="loguniform").from_unit(grid)) == \
        pytest.approx(1.0, rel=1e-3)  # every ×k alike: the geometric middle
    tri = _u(path="x", low=0.0, high=3.0, distribution="triangular", mode=0.5).from_unit(grid)
    hist, edges = np.histogram(tri, bins=30, range=(0, 3))
    assert edges[np.argmax(hist)] == pytest.approx(0.5, abs=0.1)  # the peak is at the mode
    assert np.mean(tri) == pytest.approx((0 + 3 + 0.5) / 3, rel=1e-3)


def test_a_starred_relative_assumption_scales_every_item_by_one_factor():
    data = presets.load("nurture").to_dict()
    u = _u(path="population.segments.*.need_cycle_days", low=0.5, high=2.0, relative=True)
    before = [s["need_cycle_days"] for s in data["population"]["segments"]]
    world, drawn = apply([u], data, np.array([0.75]))
    after = [s["need_cycle_days"] for s in world["population"]["segments"]]
    factor = drawn["population.segments.*.need_cycle_days"]
    assert factor == pytest.approx(0.5 + 0.75 * 1.5)
    assert after == pytest.approx([b * factor for b in before])
    assert [s["need_cycle_days"] for s in data["population"]["segments"]] == before  # a copy, not the original


def test_joint_sets_are_drawn_whole():
    data = presets.load("nurture").to_dict()
    u = _u(paths=["behaviour.purchase.trust_effect", "economics.order_value_cny"], sets=[[0.1, 50.0], [0.9, 70.0]])
    for x, (te, ov) in ((0.2, (0.1, 50.0)), (0.7, (0.9, 70.0))):
        world, drawn = apply([u], data, np.array([x]))
        assert world["behaviour"]["purchase"]["trust_effect"] == te and world["economics"]["order_value_cny"] == ov
        assert drawn == {"behaviour.purchase.trust_effect": te, "economics.order_value_cny": ov, u.key: float(x > 0.5)}


def test_a_run_setting_is_not_an_assumption():
    data = presets.load("nurture").to_dict()
    for path in ("days", "seed", "population.rows"):
        assert "run setting" in check([_u(path=path, low=1, high=2)], data)[0]


def test_a_path_that_names_no_setting_is_a_problem_before_anything_runs():
    data = presets.load("nurture").to_dict()
    assert check([_u(path="economics.unit_cost", low=1, high=2)], data)
    assert check([_u(path="population.segments.*.name", low=1, high=2)], data)  # not a number
    with pytest.raises(KeyError):
        resolve_paths(data, "population.*.share")  # population is not a list
    with pytest.raises(AssumptionError, match="unit_cost"):
        prepare([presets.load("nurture"), presets.load("harvest")], draws=4,
                assumptions=[_u(path="economics.unit_cost", low=1, high=2)])


def test_a_draw_that_makes_a_scenario_invalid_is_refused_before_anything_runs():
    too_dear = _u(path="economics.unit_cost_cny", low=1.0, high=3.0, relative=True)  # above the order value
    with pytest.raises(AssumptionError, match="invalid"):
        prepare([presets.load("nurture"), presets.load("harvest")], draws=20, assumptions=[too_dear])


def test_scenarios_declaring_one_path_differently_are_refused():
    n = presets.load("nurture").model_copy(update={"uncertain": [_u(path="economics.unit_cost_cny", low=20, high=30)]})
    h = presets.load("harvest").model_copy(update={"uncertain": [_u(path="economics.unit_cost_cny", low=20, high=40)]})
    with pytest.raises(AssumptionError, match="different ranges"):
        assumptions_for([n, h])
    assert assumptions_for([n, presets.load("harvest")]) == n.uncertain
    assert assumptions_for([presets.load("nurture")]) == list(DEFAULTS)


# --- reading the draws: estimators against a known truth -------------------------------------

def _weighing(y_by_name: dict[str, np.ndarray], x: pd.DataFrame, luck: dict[str, np.ndarray] | None = None,
              relative: bool = False) -> Weighing:
    """A Weighing whose draws are ``y`` at the drawn ``x`` (its columns: the assumptions), with
    repeats ``luck`` (the same world's figure under other luck)."""
    assumptions = [_u(path=c, low=float(x[c].min()), high=float(x[c].max()), relative=relative) for c in x.columns]
    rows = []
    for name, y in y_by_name.items():
        for d in range(len(x)):
            rows.append({"scenario": name, "draw": d, "repeat": False, **x.iloc[d].to_dict(), "added_profit": y[d],
                         "added_vs_ads": y[d] - 1.0, "added_roi": 0.0, "payback_day": np.nan, "payback_month": np.nan})
        for d, v in enumerate((luck or {}).get(name, [])):
            rows.append({"scenario": name, "draw": d, "repeat": True, **x.iloc[d].to_dict(), "added_profit": v,
                         "added_vs_ads": v - 1.0, "added_roi": 0.0, "payback_day": np.nan, "payback_month": np.nan})
    return Weighing(list(y_by_name), assumptions, pd.DataFrame(rows), 365, 1000, 0)


def _x(n: int, k: int, seed: int = 1) -> pd.DataFrame:
    u = sample([_u(path=f"a{i}", low=0, high=1) for i in range(k)], n, seed)
    return pd.DataFrame(u, columns=[f"a{i}" for i in range(k)])


def test_probabilities_and_the_interval_are_read_from_the_draws():
    x = _x(400, 1)
    y = 100.0 * (x["a0"].to_numpy() - 0.25)  # adds profit when a0 > 0.25: in 75% of draws
    s = analysis.summary(_weighing({"s": y}, x)).iloc[0]
    assert s["p_adds"] == pytest.approx(0.75, abs=0.01)
    assert s["low"] == pytest.approx(100 * (0.05 - 0.25), abs=1) and s["high"] == pytest.approx(100 * 0.70, abs=1)


def test_luck_and_not_knowing_are_told_apart():
    rng = np.random.default_rng(3)
    x = _x(600, 2)
    world = 300.0 * x["a0"].to_numpy()               # Var = 300² / 12 = 7,500
    sigma = 50.0                                      # luck: Var 2,500, a quarter of the total
    y = world + rng.normal(0, sigma, len(x))
    again = world[:300] + rng.normal(0, sigma, 300)
    s = analysis.summary(_weighing({"s": y}, x, {"s": again})).iloc[0]
    assert s["luck_share"] == pytest.approx(2500 / 10000, abs=0.06)
    assert s["knowing_share"] == pytest.approx(0.75, abs=0.06)


def test_drivers_rank_the_assumption_that_moves_the_answer_and_find_where_it_flips():
    rng = np.random.default_rng(5)
    x = _x(300, 3)
    y = 1000.0 * (x["a1"].to_numpy() - 0.4) + 100.0 * x["a2"].to_numpy() + rng.normal(0, 20, len(x))
    d = analysis.drivers(_weighing({"s": y}, x))
    assert list(d["assumption"][:2]) == ["a1", "a2"]
    top = d.iloc[0]
    assert top["swing"] == pytest.approx(1000 * 0.9, rel=0.1)
    # E[y | a1] = 1000 (a1 − 0.4) + 100 E[a2] = 0 at a1 = 0.35
    assert top["flips_at"] == pytest.approx(0.35, abs=0.03) and top["adds_above"]
    assert np.isnan(d.set_index("assumption").loc["a0", "flips_at"]) or \
        d.set_index("assumption").loc["a0", "swing"] < 0.1 * top["swing"]


def test_the_value_of_knowing_an_assumption_matches_its_exact_value():
    """Two options: none (0) and a strategy adding 1000 (a0 − 0.5): a coin flip between them now.
    Knowing a0 first, one takes the strategy only when a0 > 0.5: E[max(0, 1000 (a0 − 0.5))] = 125
    for a0 uniform on [0, 1]. Knowing a1 (irrelevant) is worth nothing."""
    rng = np.random.default_rng(11)
    x = _x(500, 2)
    y = 1000.0 * (x["a0"].to_numpy() - 0.5) + rng.normal(0, 30, len(x))
    voi = analysis.value_of_information(_weighing({"s": y}, x)).set_index("assumption")["evppi"]
    assert voi["a0"] == pytest.approx(125, rel=0.15)
    assert voi["a1"] < 15
    assert voi["all"] >= voi["a0"] - 1e-9


def test_knowing_is_worth_nothing_when_one_option_wins_everywhere():
    x = _x(200, 2)
    y = -100.0 - 50 * x["a0"].to_numpy()  # always loses: no private domain is the choice in every world
    w = _weighing({"s": y}, x)
    assert analysis.choice_now(w) == analysis.NONE
    assert analysis.value_of_information(w)["evppi"].max() == pytest.approx(0.0, abs=1e-6)


def test_head_to_head_reads_the_difference_draw_by_draw():
    x = _x(200, 1)
    a = 10.0 * x["a0"].to_numpy()
    b = a - 1.0  # a is better in every draw, by exactly 1, whatever the world
    h = analysis.head_to_head(_weighing({"a": a, "b": b}, x)).iloc[0]
    assert h["p_first_better"] == 1.0 and h["median"] == pytest.approx(1.0)
    assert h["low"] == pytest.approx(1.0) and h["high"] == pytest.approx(1.0)


# --- the weighing's own runs ---------------------------------------------------------------

SMALL = dict(draws=6, rows=200, repeats=2)


def _pair(days: int = 45):
    return [presets.load("nurture").with_overrides(days=days), presets.load("harvest").with_overrides(days=days)]


@pytest.fixture(scope="module")
def weighed():
    return weigh(_pair(), **SMALL)


def test_a_weighing_has_every_strategy_in_every_draw_with_the_drawn_values(weighed):
    d = weighed.draws
    assert len(d) == 2 * (6 + 2) and set(d["scenario"]) == {"nurture", "harvest"}
    main = d[~d["repeat"]]
    by_draw = main.groupby("draw")[weighed.columns].nunique()
    assert (by_draw == 1).all().all()  # both strategies of a draw saw one world
    assert main.groupby("scenario")["economics.unit_cost_cny"].nunique().min() == 6  # and draws differ
    assert weighed.rows == 200 and weighed.provenance["draws"] == 6


def test_each_strategy_of_a_draw_runs_its_own_levers_and_its_results_differ(weighed):
    pair = _pair()
    for n_assumptions in (1, len(DEFAULTS)):  # fewer assumptions than strategies too
        p = prepare(pair, draws=3, rows=100, assumptions=list(DEFAULTS)[:n_assumptions])
        assert len(p.specs) == len(pair) * (3 + p.repeats)
        for spec in p.specs:
            own = next(s for s in pair if spec.run_id.startswith(s.name + "-"))
            assert sorted(spec.scenario.levers) == sorted(own.levers), spec.run_id
            assert spec.scenario.population.n_rows == 100
    wide = weighed.draws[~weighed.draws["repeat"]].pivot(index="draw", columns="scenario", values="added_profit")
    assert (wide["nurture"] != wide["harvest"]).all()


def test_a_repeat_is_the_same_world_under_other_luck(weighed):
    d = weighed.draws
    first = d[~d["repeat"] & (d["draw"] < 2)].set_index(["scenario", "draw"]).sort_index()
    again = d[d["repeat"]].set_index(["scenario", "draw"]).sort_index()
    assert first[weighed.columns].equals(again[weighed.columns])
    assert not np.allclose(first["added_profit"], again["added_profit"])


def test_a_weighing_gives_the_same_bits_again_and_from_its_run_store(weighed, tmp_path):
    from siyu_sim.experiments.backends import ProcessPoolBackend

    with ProcessPoolBackend(workers=2) as backend:
        stored = weigh(_pair(), **SMALL, backend=backend, store=tmp_path / "store")
    pd.testing.assert_frame_equal(stored.draws, weighed.draws)
    again = weigh(_pair(), **SMALL, store=tmp_path / "store")
    assert again.resumed == len(stored.draws)
    pd.testing.assert_frame_equal(again.draws, weighed.draws)


# --- the command and the report ------------------------------------------------------------

def _cli(*args):
    from typer.testing import CliRunner

    from siyu_sim.cli import app

    return CliRunner().invoke(app, [str(a) for a in args])


def test_compare_with_draws_prints_the_verdict_under_uncertainty_and_the_report_leads_with_it(tmp_path, monkeypatch):
    monkeypatch.setenv("SIYU_CACHE_DIR", str(tmp_path / "cache"))
    report = tmp_path / "r.html"
    got = _cli("compare", "nurture", "harvest", "--days", 40, "--draws", 6, "--draw-rows", 150, "--rows", 300,
               "--report", report, "--out", tmp_path / "tables", "-q")
    assert got.exit_code == 0, got.output
    out = got.output
    assert f"How sure is it? 6 worlds drawn from {len(DEFAULTS)} uncertain assumptions" in out
    assert "adds profit over no private domain in" in out and "90% interval" in out
    assert "What nurture's answer hinges on" in out
    html = report.read_text(encoding="utf-8")
    assert html.index('id="certainty"') < html.index('id="summary"')  # page 1 leads with it
    assert 'id="drivers"' in html and 'id="measure"' in html
    draws = pd.read_csv(tmp_path / "tables" / "uncertainty_draws.csv")  # every draw, to audit each figure
    assert len(draws) == 2 * (6 + 6) and {"scenario", "draw", "repeat", "added_profit"} <= set(draws.columns)
    assert len(list((tmp_path / "kept_runs").iterdir())) == 2  # the comparison's runs and the draws, kept apart
    assert "Only 6 draws" in out


def test_a_bad_assumptions_file_runs_nothing_and_names_the_file_and_key(tmp_path, monkeypatch):
    monkeypatch.setenv("SIYU_CACHE_DIR", str(tmp_path / "cache"))
    f = tmp_path / "mine.toml"
    f.write_text('[[uncertain]]\npath = "economics.unit_cost"\nlow = 1\nhigh = 2\nsource = "books"\n', encoding="utf-8")
    got = _cli("compare", "nurture", "harvest", "--days", 20, "--draws", 4, "--assumptions", f, "-q")
    assert got.exit_code == 1
    assert str(f) in got.output and "economics.unit_cost" in got.output
    assert "month" not in got.output  # no comparison table: nothing ran
    zh = _cli("compare", "nurture", "harvest", "--draws", 4, "--assumptions", tmp_path / "absent.toml", "--lang", "zh")
    assert zh.exit_code == 1 and "absent.toml" in zh.output


def test_draws_need_the_baseline():
    got = _cli("compare", "nurture", "harvest", "--draws", 4, "--no-baseline")
    assert got.exit_code == 2 and "--draws" in got.output


def test_a_report_with_luck_only_intervals_says_so(tmp_path):
    from siyu_sim.compare import compare
    from siyu_sim.report import report_comparison
    from siyu_sim.words import t

    result = compare(_pair(20), reps=2)
    path = report_comparison(result, tmp_path / "r.html")
    assert t("unc_luck_only", "en").split(" — ")[0] in path.read_text(encoding="utf-8")


def test_a_calibration_hands_what_the_data_could_not_pin_down_to_the_verdict(tmp_path):
    """A brand made from known truth, fitted on member counts only: the store-QR rate shows in them,
    the basket effect of trust (which moves only money) does not. calibrated.toml carries the
    accepted parameter sets, and a weighing of it draws the basket effect across most of its range
    and the store-QR rate near its truth."""
    import textwrap

    from siyu_sim.calibration.run import calibrate, prepare as prepare_fit
    from siyu_sim.calibration.synthetic import synthetic_observed, write_observed
    from siyu_sim.config.overrides import apply_overrides
    from siyu_sim.config.scenario_files import load_scenario
    from siyu_sim.experiments.backends import SerialBackend

    truth = {"levers.store_qr.rate_at_full_execution": 0.3, "behaviour.purchase.basket_trust_effect": 0.2}
    ranges = {"levers.store_qr.rate_at_full_execution": (0.1, 0.9), "behaviour.purchase.basket_trust_effect": (0.0, 1.0)}
    size = {"population.customers": 8000, "population.rows": 400, "days": 183}
    base = apply_overrides(presets.nurture().to_dict(), size)
    write_observed(synthetic_observed(base, truth, ["members", "new_members", "left"], seed=77, noise=0.03),
                   tmp_path / "observed.csv")
    params = "\n".join(f'"{k}" = [{lo}, {hi}]' for k, (lo, hi) in ranges.items())
    (tmp_path / "calibration.toml").write_text(textwrap.dedent(f"""\
        name = "weak"
        scenario = "nurture"
        customers = 8000
        rows = 400
        days = 183
        trials = 24
        replications = 2
        check_replications = 6
        seed = 3
        [metrics]
        members = 1.0
        new_members = 1.0
        left = 1.0
        [periods]
        held_out = [6]
        """) + "[parameters]\n" + params + "\n", encoding="utf-8")
    prep = prepare_fit(tmp_path / "calibration.toml", tmp_path / "observed.csv", tmp_path / "fit")
    result = calibrate(prep, SerialBackend()).result
    estimates = {e.path: e for e in result.estimates}
    assert not estimates["behaviour.purchase.basket_trust_effect"].identified

    calibrated = load_scenario(tmp_path / "fit" / "calibrated.toml")
    (u,) = calibrated.uncertain
    assert u.paths == list(ranges) and len(u.sets) >= 5 and "calibrate" in u.source
    variant = calibrated.model_copy(update={"name": "more_care"})
    p = prepare([calibrated, variant], draws=40)
    # the fit's sets first; the defaults after, but not the basket effect: the fit estimated it
    assert p.assumptions == [u, *(d for d in DEFAULTS if d.path != "behaviour.purchase.basket_trust_effect")]
    basket = p.drawn["behaviour.purchase.basket_trust_effect"]
    rate = p.drawn["levers.store_qr.rate_at_full_execution"]
    assert basket.max() - basket.min() > 0.5  # what the data could not tell apart is drawn, not forgotten
    assert rate.max() - rate.min() < basket.max() - basket.min()
    built = {s.run_id: s.scenario for s in p.specs}
    world = built["weak-d0003"].to_dict()
    assert world["behaviour"]["purchase"]["basket_trust_effect"] == p.drawn.loc[3, "behaviour.purchase.basket_trust_effect"]


# --- uncertain assumptions in an experiment (siyu sweep / siyu sensitivity) -----------------------

def _experiment(tmp_path, body: str):
    from siyu_sim.config.experiment_files import read_experiment

    f = tmp_path / "exp.toml"
    f.write_text('name = "u"\nscenarios = ["nurture"]\nreplications = 1\nroot_seed = 3\n'
                 '[set]\n"population.rows" = 100\ndays = 20\n' + body, encoding="utf-8")
    return read_experiment(f)


def test_an_experiments_uncertain_assumptions_are_factors_drawn_through_their_distribution(tmp_path):
    from siyu_sim.config.scenario_files import build_scenario
    from siyu_sim.experiments.design import choose_settings

    exp = choose_settings(_experiment(tmp_path, '[[uncertain]]\npath = "economics.unit_cost_cny"\nlow = 0.5\n'
                                                'high = 1.0\nrelative = true\nsource = "the books"\n'
                                                '[design]\nmarkets = 5\n'))
    (factor,) = exp.factors
    assert factor.assumption and factor.name == "economics.unit_cost_cny"
    base = presets.load("nurture").economics.unit_cost_cny
    points = sorted(s[factor.name] for s in exp.settings)
    assert all(0 <= u < 1 for u in points) and len(set(points)) == 5
    for s, values in enumerate(exp.settings):
        built = exp.scenario("nurture", s)
        assert built.economics.unit_cost_cny == pytest.approx(base * (0.5 + 0.5 * values[factor.name]))
        assert built.uncertain == []  # the run is one world: its draw applied, the list gone
        worker = build_scenario(exp.scenarios["nurture"], exp.overrides(s))  # what a worker builds
        assert worker.to_dict() == built.to_dict()


def test_an_experiments_assumption_that_names_no_setting_is_refused(tmp_path):
    from siyu_sim.config.problems import ExperimentError

    with pytest.raises(ExperimentError) as caught:
        _experiment(tmp_path, '[[uncertain]]\npath = "economics.unit_cost"\nlow = 1\nhigh = 2\nsource = "books"\n')
    assert "uncertain" in str(caught.value) and "economics.unit_cost" in str(caught.value)


def test_siyu_sensitivity_screens_the_default_assumptions(tmp_path):
    f = tmp_path / "screen.toml"
    f.write_text('name = "screen"\nscenarios = ["nurture"]\nreplications = 1\nroot_seed = 11\n'
                 'uncertain_defaults = true\n[set]\n"population.rows" = 100\ndays = 20\n'
                 '[design]\nmethod = "morris"\nsamples = 2\noutputs = ["cum_incremental_profit"]\n', encoding="utf-8")
    got = _cli("sensitivity", f, "--out", tmp_path / "res", "--serial", "-q")
    assert got.exit_code == 0, got.output
    for u in DEFAULTS:
        assert u.key.replace("*", "all") in got.output


def test_an_assumption_in_thousands_is_smoothed_not_interpolated():
    rng = np.random.default_rng(21)
    x = pd.DataFrame({"a0": 9000 + 9000 * _x(60, 1)["a0"].to_numpy(), "a1": _x(60, 2, seed=4)["a1"].to_numpy()})
    y = rng.normal(0, 30_000, 60)  # neither assumption does anything: luck alone
    fitted = analysis.smooth(x["a0"].to_numpy(), y)(x["a0"].to_numpy())
    assert np.std(fitted) < 0.35 * 30_000  # it found no effect (interpolating the luck gave ~28k)
    d = analysis.drivers(_weighing({"s": y}, x)).set_index("assumption")
    assert d.loc["a0", "swing"] < 0.5 * 30_000


def test_a_small_effect_keeps_its_sign_beside_a_large_one():
    """A cost that lowers added profit a little, beside an assumption that moves it a lot: its
    driver shows the decrease, at a few dozen draws (the large one's effect is taken out)."""
    rng = np.random.default_rng(8)
    x = _x(60, 2, seed=9)
    y = 2_000_000 * x["a0"].to_numpy() - 150_000 * x["a1"].to_numpy() + rng.normal(0, 10_000, 60)
    d = analysis.drivers(_weighing({"s": y}, x)).set_index("assumption")
    assert d.loc["a1", "at_high"] < d.loc["a1", "at_low"]
    assert d.loc["a1", "swing"] == pytest.approx(150_000 * 0.9, rel=0.25)


def test_another_weighing_into_the_same_out_folder_keeps_its_own_runs(tmp_path):
    """Draws are kept by what they depend on, not by --out: another seed into the same folder runs
    its own, and the first again reads its kept ones."""
    out = tmp_path / "tables"
    args = ["compare", "nurture", "harvest", "--days", 10, "--rows", 100, "--draws", 2, "--draw-rows", 50,
            "--out", out]
    assert _cli(*args, "-q").exit_code == 0
    other = _cli(*args, "--seed", 99, "-q")
    assert other.exit_code == 0, other.output
    assert len(list((tmp_path / "kept_runs").iterdir())) == 4  # two comparisons, each with its draws
    again = _cli(*args)
    assert again.exit_code == 0 and again.output.count("read all") == 2, again.output


# --- a calibrated scenario: the fit's sets and everything it did not measure (issue 26) -----------

FIT_PATHS = ["population.segments.0.need_cycle_days", "economics.order_value_cny"]
FIT_SETS = [[20.0, 60.0], [24.0, 55.0], [28.0, 62.0], [22.0, 58.0]]


def _calibrated(days: int = 30, rows: int = 120):
    """nurture as ``siyu calibrate`` would write it: a fit of the first segment's need cycle and the
    order value, with the accepted sets as one joint assumption, and a copy with other levers."""
    from siyu_sim.fit_record import FitRecord, FittedParameter

    record = FitRecord(observed="observed.csv", calibration="calibration.toml", fit_periods=6, margin=0.1,
                       good=True, parameters=[FittedParameter(path=p, value=FIT_SETS[0][i], low=20, high=62,
                                                               range_low=5, range_high=80, identified=True,
                                                               pinned_down=True) for i, p in enumerate(FIT_PATHS)])
    fit = _u(paths=FIT_PATHS, sets=FIT_SETS, label="calibrated parameters")
    base = presets.load("nurture").with_overrides(days=days)
    base = base.model_copy(update={"uncertain": [fit], "calibration": record,
                                   "population": base.population.model_copy(update={"rows": rows})})
    care = base.model_copy(update={"name": "more_care",
                                   "levers": {**base.levers, "care": base.levers["care"].model_copy(update={"staff": 4.0})}})
    return base, care


def test_a_calibrated_weighing_also_draws_what_the_fit_did_not_measure():
    """--draws on a calibrated scenario drew only the fit's sets: margin, staff cost and the paid-ads
    curve were held at their defaults. Now every default is drawn too, except what the fit estimated."""
    from siyu_sim.uncertainty.weigh import source_key

    fitted, care = _calibrated()
    p = prepare([fitted, care], draws=12, repeats=0)
    assert p.assumptions[0] == fitted.uncertain[0] and all(u in DEFAULTS for u in p.assumptions[1:])
    assert {"economics.unit_cost_cny", "economics.staff_cost_per_day_cny", "economics.ads_cac_cny"} <= {
        u.key for u in p.assumptions}
    assert source_key([fitted, care]) == "unc_source_fit_defaults"
    worlds = [spec.scenario for spec in p.specs if spec.run_id.startswith("nurture-")]
    margin = {round(w.economics.unit_cost_cny, 6) for w in worlds}
    staff = {round(w.economics.staff_cost_per_day_cny, 6) for w in worlds}
    assert len(margin) == 12 and len(staff) == 12  # varied in every draw, not held at the scenario's
    for w in worlds:  # the fitted settings are the fit's sets, whatever the need-cycle default drew
        assert [w.population.segments[0].need_cycle_days, w.economics.order_value_cny] in FIT_SETS
    own = [s.need_cycle_days for s in fitted.population.segments[1:]]
    drawn = p.drawn.set_index("draw")["population.segments.*.need_cycle_days"]
    for spec in p.specs:
        if spec.run_id.startswith("nurture-d"):
            d = int(spec.run_id.split("-d")[1][:4])
            cycles = [s.need_cycle_days for s in spec.scenario.population.segments[1:]]
            assert cycles == pytest.approx([c * drawn[d] for c in own])  # the others' cycles are scaled


def test_a_default_whose_every_setting_was_fitted_is_left_out():
    fitted, care = _calibrated()
    record = fitted.calibration.model_copy(update={"parameters": [
        fitted.calibration.parameters[0].model_copy(update={"path": "economics.unit_cost_cny"})]})
    fit = _u(paths=["economics.unit_cost_cny"], sets=[[20.0], [22.0]])
    mine = fitted.model_copy(update={"uncertain": [fit], "calibration": record})
    keys = [u.key for u in assumptions_for([mine])]
    assert keys[0] == "economics.unit_cost_cny" and keys.count("economics.unit_cost_cny") == 1
    assert keys[1:] == [u.key for u in DEFAULTS if u.key != "economics.unit_cost_cny"]  # the rest drawn
    own = _u(path="economics.staff_cost_per_day_cny", low=0.9, high=1.1, relative=True)
    declared = mine.model_copy(update={"uncertain": [fit, own]})
    assert assumptions_for([declared]) == [fit, own]  # a range of one's own replaces the defaults


def test_a_joint_set_is_one_driver_with_a_bar():
    """The fit's five parameters were five driver rows of which one had a bar (the sets move them
    together: backfitting gave the first all the effect). A joint set is one driver now, its bar from
    the set with the lowest expected added profit to the one with the highest."""
    rng = np.random.default_rng(3)
    fit = _u(paths=["a", "b"], sets=[[1.0, 10.0], [2.0, 30.0], [3.0, 20.0]], label="calibrated parameters")
    margin = _u(path="m", low=0.0, high=1.0)
    n = 90
    chosen = np.arange(n) % 3
    m = rng.random(n)
    y = np.array([0.0, 300.0, 100.0])[chosen] + 200.0 * m + rng.normal(0, 5, n)
    rows = [{"scenario": "s", "draw": d, "repeat": False, "a": fit.sets[chosen[d]][0], "b": fit.sets[chosen[d]][1],
             "a+b": float(chosen[d]), "m": m[d], "added_profit": y[d], "added_vs_ads": y[d], "added_roi": 0.0,
             "payback_day": np.nan, "payback_month": np.nan} for d in range(n)]
    w = Weighing(["s"], [fit, margin], pd.DataFrame(rows), 365, 1000, 0)
    d = analysis.drivers(w, "s").set_index("assumption")
    assert list(d.index) == ["a+b", "m"]  # one row per assumption, each with its bar
    assert d.loc["a+b", "swing"] == pytest.approx(300, abs=20) and d.loc["m", "swing"] == pytest.approx(180, abs=30)
    assert (d.loc["a+b", "low_value"], d.loc["a+b", "high_value"]) == (0.0, 1.0)
    from siyu_sim.uncertainty.verdict import label, value_text
    assert label(w, "a+b", "en") == "calibrated parameters" and value_text(w, "a+b", 1.0) == "#2"
    assert analysis.value_of_information(w)["assumption"].tolist()[:2] in (["a+b", "m"], ["m", "a+b"])
