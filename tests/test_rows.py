"""A brand's size and a run's precision are separate settings: ``population.customers`` is the
brand (real customers), ``population.rows`` the rows simulated for them, each standing for
customers / rows of them (derived, never set). Fewer rows change the noise, not the scale."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest
from typer.testing import CliRunner

from siyu_sim import PrivateDomainModel, presets
from siyu_sim.cli import app
from siyu_sim.config.calibration_files import CalibrationError
from siyu_sim.config.problems import ScenarioError
from siyu_sim.config.scenario_files import load_scenario, loads_scenario
from siyu_sim.customers import Status
from siyu_sim.market import Arrivals
from siyu_sim.params import DEFAULT_ROWS, Population
from siyu_sim.runs import RunCache, simulate
from validation.rows_precision import combined_half

runner = CliRunner()
FILES = Path(__file__).parent / "calibration_files"


def test_the_weight_is_derived_from_the_customers_and_the_rows():
    assert (Population(customers=150_000).n_rows, Population(customers=150_000).weight) == (DEFAULT_ROWS, 15.0)
    small = Population(customers=2_000)  # a brand no bigger than the default: one row a customer
    assert (small.n_rows, small.weight) == (2_000, 1.0)
    assert Population(customers=2_000, rows=8_000).weight == 0.25
    with pytest.raises(ValueError, match="set population.rows"):
        Population(customers=2_000_000_000, rows=10)  # 2e8 customers a row


def test_rows_change_the_table_not_the_brand():
    """The rows on day 0 stand for exactly the brand's customers, the potential customers for
    potential_share of them and the horizon's arrivals for the same number of people, whatever
    the rows."""
    seen = []
    for rows in (1_000, 4_000):
        model = PrivateDomainModel(presets.nurture(), customers=40_000, rows=rows, seed=3)
        t, pop = model.customers, model.population
        assert len(t) > rows and pop.weight == 40_000 / rows
        customers = t.weight_of(t.status != Status.POTENTIAL)
        potential = t.weight_of(t.status == Status.POTENTIAL)
        arrivals = Arrivals(pop, model.behaviour.purchase).rows_over(365) * pop.weight
        seen.append((customers, potential, arrivals))
    assert seen[0][0] == seen[1][0] == 40_000
    assert seen[0][1] == pytest.approx(seen[1][1]) == pytest.approx(0.5 * 40_000)
    assert seen[0][2] == pytest.approx(seen[1][2]) and seen[0][2] > 0


def _added(customers: int, rows: int, seeds) -> dict[str, np.ndarray]:
    """Profit nurture and harvest add over no private domain in a year, one value per seed."""
    cache, out = RunCache(), {}
    for name in ("nurture", "harvest"):
        s = load_scenario(presets.shipped_dir() / f"{name}.toml",
                          {"population.customers": customers, "population.rows": rows})
        out[name] = np.array([simulate(s, replication=r, baseline=True, cache=cache)
                              .daily["cum_incremental_profit"].iloc[-1] for r in seeds])
    return out


def test_fewer_rows_change_the_noise_not_the_answer():
    """The shipped nurture/harvest brand (10,000 customers) on 2,500 rows and on 10,000: each
    strategy's added profit moves by less than the two means' combined 95% interval (seed to
    seed). The check can fail: leaving the weight at 1 — 2,500 rows standing for 2,500 customers,
    what --customers 2500 did before — is a smaller brand with the same fixed costs, and fails it."""
    seeds = range(4)
    brand = presets.nurture().population.customers
    fine, coarse = _added(brand, 10_000, seeds), _added(brand, 2_500, seeds)
    small_brand = _added(2_500, 2_500, seeds)
    for name in ("nurture", "harvest"):
        interval = combined_half(coarse[name], fine[name])
        moved = abs(coarse[name].mean() - fine[name].mean())
        assert moved < interval, (name, coarse[name], fine[name])
        wrong = abs(small_brand[name].mean() - fine[name].mean())
        assert wrong > combined_half(small_brand[name], fine[name]), (name, small_brand[name], fine[name])


OLD_FILE = """name = "old"
[population]
customers = 5000
weight = 40
"""


def test_a_file_that_sets_the_weight_is_refused_with_what_to_write_instead(tmp_path):
    with pytest.raises(ScenarioError) as err:
        loads_scenario(OLD_FILE, "old.toml")
    text = str(err.value)
    assert text.startswith("old.toml: 1 problem")
    assert "population.weight = 40: no longer a setting" in text
    assert "customers / rows" in text and "population.rows" in text
    path = tmp_path / "s.toml"
    path.write_text('name = "s"\n')
    result = runner.invoke(app, ["validate", str(path), "--set", "population.weight=40"])
    assert result.exit_code == 1
    assert "population.weight = 40 (from --set): no longer a setting" in result.output


def test_a_calibration_file_that_sets_the_weight_is_refused(tmp_path):
    from siyu_sim.calibration.run import prepare

    good = (FILES / "good.toml").read_text()
    assert "rows = 200\n" in good
    old = tmp_path / "old.toml"
    old.write_text(good.replace("rows = 200\n", "weight = 5\n"))
    with pytest.raises(CalibrationError) as err:
        prepare(old, FILES / "good.csv", tmp_path / "out")
    assert "weight = 5: no longer a setting" in str(err.value) and str(old) in str(err.value)
    assert not (tmp_path / "out").exists()


def test_the_command_line_sets_the_brand_and_the_rows_apart(tmp_path):
    result = runner.invoke(app, ["validate", "nurture", "--set", "population.customers=150000",
                                 "--set", "population.rows=2500"])
    assert result.exit_code == 0, result.output
    assert "150,000 customers on 2,500 rows" in result.output
    out = tmp_path / "run"
    result = runner.invoke(app, ["run", "nurture", "--customers", "150000", "--rows", "500", "--days", "3",
                                 "--quiet", "--out", str(out)])
    assert result.exit_code == 0, result.output
    again = load_scenario(out / "scenario.toml")
    assert (again.population.customers, again.population.rows, again.population.weight) == (150_000, 500, 300.0)


def test_sweeps_and_calibrations_take_rows_from_the_command_line(tmp_path):
    from siyu_sim.calibration.run import prepare
    from siyu_sim.config.problems import ExperimentError
    from siyu_sim.experiments.design import load_experiment

    exp_file = tmp_path / "e.toml"
    exp_file.write_text('name = "e"\nscenarios = ["nurture"]\nreplications = 1\nroot_seed = 1\n'
                        '[set]\n"population.customers" = 150000\n'
                        '[factors."levers.broadcast.frequency_per_day"]\nvalues = [1.0, 2.0]\n')
    plain, rough = load_experiment(exp_file), load_experiment(exp_file, rows=600)
    assert rough.scenarios["nurture"]["population"] == {**plain.scenarios["nurture"]["population"], "rows": 600}
    assert rough.spec_hash != plain.spec_hash  # another experiment: its results never mix with the file's
    precision = Path(__file__).parent.parent / "experiments" / "rows_precision.toml"
    with pytest.raises(ExperimentError, match="is a factor of this experiment: --rows cannot fix it"):
        load_experiment(precision, rows=600)
    prep = prepare(FILES / "good.toml", FILES / "good.csv", tmp_path / "fit", rows=400)
    assert (prep.spec.scenario["population"]["customers"], prep.spec.scenario["population"]["rows"]) == (1000, 400)
    result = runner.invoke(app, ["calibrate", str(FILES / "good.toml"), str(FILES / "good.csv"), "--rows", "5",
                                 "--out", str(tmp_path / "refused")])
    assert result.exit_code == 1 and "rows = 5 (from --rows)" in result.output  # checked as the file's key
    assert not (tmp_path / "refused").exists()
