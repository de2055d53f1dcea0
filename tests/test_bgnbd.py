"""The BG/NBD benchmark (siyu_sim.calibration.bgnbd) reproduces Fader, Hardie & Lee (2005) on
the CDNOW sample, and its closed forms agree with each other."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest

from siyu_sim.calibration import bgnbd
from validation.cohort import read_cohort

DATA = Path(__file__).parent / "data" / "cdnow.csv.gz"
CALIBRATION_END = 273  # days 0–272: 1 January to 30 September 1997, weeks 1–39


@pytest.fixture(scope="module")
def sample():
    return read_cohort(DATA, sample_only=True)


def test_the_derived_file_holds_the_whole_cohort_and_the_papers_sample():
    full = read_cohort(DATA)
    assert len(full) == 23_570 and full.first_day.max() <= 89  # first purchases in Q1 1997
    assert sum(len(d) for d in full.repeat_days) > 0
    assert all((np.diff(d) > 0).all() and (len(d) == 0 or d[0] > f)
               for d, f in zip(full.repeat_days, full.first_day))


def test_fit_reproduces_the_papers_estimates_on_the_cdnow_sample(sample):
    assert len(sample) == 2_357
    x, t_x, T = sample.rfm_weeks(CALIBRATION_END)
    assert x.sum() == 2_457  # repeat transactions in weeks 1–39 (the paper's data)
    assert T.max() == pytest.approx(38.86, abs=0.01)
    fit = bgnbd.fit(x, t_x, T)
    # Fader, Hardie & Lee (2005), §5: r = 0.243, α = 4.414, a = 0.793, b = 2.426, LL = −9582.4.
    for got, paper in zip(fit.params, (0.243, 4.414, 0.793, 2.426)):
        assert got == pytest.approx(paper, rel=0.01)
    assert fit.log_likelihood == pytest.approx(-9582.4, abs=0.5)


def test_closed_forms_agree_pmf_sums_to_one_and_its_mean_is_the_hypergeometric_expectation():
    model = bgnbd.BGNBD(0.243, 4.414, 0.793, 2.426)
    xs = np.arange(400)
    for t in (1.0, 10.0, 39.0, 78.0):
        p = bgnbd.pmf(xs, t, model)
        assert (p >= 0).all() and p.sum() == pytest.approx(1.0, abs=1e-9)
        assert float(xs @ p) == pytest.approx(float(bgnbd.expected_repeats(t, model)), rel=1e-6)
    assert bgnbd.expected_repeats(0.0, model) == 0.0
    cum = bgnbd.cohort_cumulative(model, np.array([0.0, 1.0, 1.0]), np.array([0.5, 2.0]))
    assert cum[0] == pytest.approx(bgnbd.expected_repeats(0.5, model))
    assert cum[1] == pytest.approx(bgnbd.expected_repeats(2.0, model) + 2 * bgnbd.expected_repeats(1.0, model))


def test_fit_recovers_parameters_of_simulated_bgnbd_customers():
    rng = np.random.default_rng(3)
    n, T = 20_000, 52.0
    lam = rng.gamma(0.5, 1 / 2.0, n)  # r = 0.5, α = 2 (rate per week)
    p = rng.beta(1.0, 3.0, n)
    x = np.zeros(n)
    t_x = np.zeros(n)
    for i in range(n):
        t = 0.0
        while True:
            t += rng.exponential(1 / lam[i])
            if t > T:
                break
            x[i] += 1
            t_x[i] = t
            if rng.random() < p[i]:
                break
    fit = bgnbd.fit(x, t_x, np.full(n, T))
    for got, true in zip(fit.params, (0.5, 2.0, 1.0, 3.0)):
        assert got == pytest.approx(true, rel=0.15)
