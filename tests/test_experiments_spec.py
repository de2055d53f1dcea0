"""Experiment files: every bad file gets a clear error (file, key path, value, allowed,
did-you-mean); shipped experiments load; the docs describe every key."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from siyu_sim.experiments import ExperimentError, load_experiment
from siyu_sim.config.experiment_schema import DesignSpec, DistributionSpec, ExperimentFile, FactorSpec, RobustnessSpec

ROOT = Path(__file__).resolve().parents[1]
BAD = sorted((Path(__file__).parent / "experiment_files").glob("bad_*.toml"))


def expectations(path: Path) -> list[str]:
    return [line[len("# expect: "):].rstrip() for line in path.read_text(encoding="utf-8").splitlines()
            if line.startswith("# expect: ")]


def test_there_are_enough_bad_files():
    assert len(BAD) >= 10


@pytest.mark.parametrize("path", BAD, ids=[p.stem for p in BAD])
def test_bad_experiment_file_is_explained(path):
    with pytest.raises(ExperimentError) as info:
        load_experiment(path)
    text = str(info.value)
    expected = expectations(path)
    assert expected, f"{path.name} has no '# expect:' lines"
    for fragment in expected:
        assert fragment in text, f"{fragment!r} not in:\n{text}"
    for problem in info.value.problems:  # every problem names the file
        assert str(problem).startswith(str(path))


def test_all_problems_reported_together(tmp_path):
    path = ROOT / "tests/experiment_files/bad_many_at_once.toml"
    with pytest.raises(ExperimentError) as info:
        load_experiment(path)
    assert len(info.value.problems) == 3


def test_missing_file_is_an_error(tmp_path):
    with pytest.raises(ExperimentError, match="file not found"):
        load_experiment(tmp_path / "nope.toml")


@pytest.mark.parametrize("name", ["frequency_vs_discount", "what_matters", "staff_scaling", "rows_precision"])
def test_shipped_experiments_load(name):
    exp = load_experiment(ROOT / "experiments" / f"{name}.toml")
    assert exp.name == name
    assert exp.n_runs > 0
    assert exp.n_runs <= 1000  # a few minutes on two cores


def test_shipped_sobol_design_has_n_times_k_plus_2_settings():
    exp = load_experiment(ROOT / "experiments" / "what_matters.toml")
    assert exp.method == "sobol"
    assert len(exp.settings) == exp.samples * (len(exp.factors) + 2)


def test_spec_hash_is_stable_and_sensitive(tmp_path):
    body = '[factors."levers.coupon.depth"]\nvalues = [0.0, 0.2]\n'
    from _experiment_helpers import write_experiment

    a = load_experiment(write_experiment(tmp_path, body))
    b = load_experiment(write_experiment(tmp_path, body))
    assert a.spec_hash == b.spec_hash
    c = load_experiment(write_experiment(tmp_path, body.replace("0.2", "0.3")))
    assert c.spec_hash != a.spec_hash


def test_lhs_and_distributions_stay_in_range(tmp_path):
    from _experiment_helpers import write_experiment

    body = ('[factors."levers.coupon.depth"]\nrange = [0.05, 0.25]\n'
            '[factors."behaviour.fatigue.gain"]\ndistribution = { kind = "triangular", low = 0.1, mode = 0.2, high = 0.6 }\n'
            '[factors."levers.broadcast.frequency_per_day"]\nvalues = [1.0, 3.0]\n'
            '[design]\nmethod = "lhs"\nsamples = 7\n')
    exp = load_experiment(write_experiment(tmp_path, body))
    assert len(exp.settings) == 14
    depth = [s["levers.coupon.depth"] for s in exp.settings]
    gain = [s["behaviour.fatigue.gain"] for s in exp.settings]
    assert all(0.05 <= d <= 0.25 for d in depth)
    assert all(0.1 <= g <= 0.6 for g in gain)
    # Latin hypercube: one point in each of the 7 strata of the range
    strata = sorted(int((d - 0.05) / 0.2 * 7) for d in depth[:7])
    assert strata == list(range(7))
    # same root seed, same points
    again = load_experiment(write_experiment(tmp_path, body))
    assert again.settings == exp.settings


def _documented_keys() -> set[str]:
    text = (ROOT / "docs" / "experiments.md").read_text(encoding="utf-8")
    return set(re.findall(r"`([a-z_]+)`", text))


@pytest.mark.parametrize("model", [ExperimentFile, FactorSpec, DesignSpec, DistributionSpec, RobustnessSpec])
def test_docs_describe_every_key(model):
    documented = _documented_keys()
    missing = [name for name in model.model_fields if name not in documented]
    assert not missing, f"docs/experiments.md does not mention {missing}"


def test_docs_key_tables_are_generated_from_the_schema():
    from siyu_sim.config.schema_docs import reference_markdown

    text = (ROOT / "docs" / "experiments.md").read_text(encoding="utf-8")
    begin, end = "<!-- BEGIN GENERATED: experiment keys -->\n", "<!-- END GENERATED: experiment keys -->"
    block = text.split(begin, 1)[1].split(end, 1)[0]
    assert block == reference_markdown(), "regenerate the key tables in docs/experiments.md"


def test_a_factor_named_like_a_results_column_is_refused(tmp_path):
    """One table holds the ids, the factors and the metrics: a factor column named ``customers``
    (a metric) or ``scenario`` (an id) would clash, so the file is refused before any run."""
    from _experiment_helpers import write_experiment

    for name in ("customers", "scenario"):
        body = f'[factors."levers.coupon.depth"]\nname = "{name}"\nvalues = [0.0, 0.2]\n'
        with pytest.raises(ExperimentError) as err:
            load_experiment(write_experiment(tmp_path, body))
        assert f'factors."levers.coupon.depth".name = "{name}": is already a column of the results table' \
            in str(err.value)
