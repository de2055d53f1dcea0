"""The transaction log (siyu_sim.transactions): every order, opt-in, consistent with the ledger
and the daily metrics, the same under both executors, written by `siyu run --transactions`,
and fit for buy-till-you-die models (a BG/NBD fit on a simulated nurture cohort)."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest
from typer.testing import CliRunner

from siyu_sim import PrivateDomainModel, presets
from siyu_sim.calibration import bgnbd
from siyu_sim.cli import app, core_commands
from siyu_sim.transactions import TRANSACTION_COLUMNS

from helpers import scenario


@pytest.fixture(scope="module")
def nurture_run():
    model = PrivateDomainModel(presets.load("nurture"), customers=1_500, seed=5, transactions=True)
    model.run(120)
    return model


def test_off_by_default_and_asking_for_it_says_how(nurture_run):
    model = PrivateDomainModel(scenario(), customers=50)
    model.run(3)
    assert model._transactions is None
    with pytest.raises(RuntimeError, match="transactions=True"):
        model.transactions
    assert list(nurture_run.transactions.columns) == list(TRANSACTION_COLUMNS)


def test_the_log_adds_up_to_the_ledger_and_the_daily_metrics_day_by_day(nurture_run):
    log = nurture_run.transactions
    daily = nurture_run.daily.set_index("day")
    assert len(log) > 1_000 and log["day"].is_monotonic_increasing
    members = log[log["member"]]
    by_day = members.assign(n=members["weight"], paid=members["weight"] * members["paid_cny"],
                            disc=members["weight"] * members["discount_cny"]).groupby("day")[["n", "paid", "disc"]].sum()
    by_day = by_day.reindex(daily.index, fill_value=0.0)
    np.testing.assert_allclose(by_day["n"], daily["purchases"])
    np.testing.assert_allclose(by_day["paid"], daily["revenue"], rtol=1e-9, atol=1e-6)
    np.testing.assert_allclose(by_day["disc"], daily["discount_cost"], rtol=1e-9, atol=1e-6)
    outside = log[~log["member"]].groupby("day")["weight"].sum().reindex(daily.index, fill_value=0.0)
    assert outside.sum() >= daily["prospect_purchases"].sum() > 0  # prospects, and those who left
    # One order per customer row and day; discounts only on members' orders (coupons).
    assert not log.duplicated(["customer", "day"]).any()
    assert (log.loc[~log["member"], "discount_cny"].abs() < 1e-9).all()
    assert (members["discount_cny"] > 1e-9).any()
    np.testing.assert_allclose(log["paid_cny"] + log["discount_cny"], log["units"] * log["list_price_cny"])


def test_sources_and_segments_are_named_and_match_the_customer_table(nurture_run):
    log = nurture_run.transactions
    table = nurture_run.customers
    assert set(log["source"].cat.categories) == set(nurture_run.sources)
    assert {"initial", "none"} <= set(log["source"].astype(str))
    assert set(log.loc[log["member"], "source"].astype(str)) - {"none"}  # members came from somewhere
    assert (log["segment"].cat.codes.to_numpy() == table.segment[log["customer"]]).all()
    never = table.source[log["customer"]] == 0
    assert (log.loc[never, "source"] == "none").all() and not log.loc[never, "member"].any()


def test_both_executors_log_the_same_orders():
    s = scenario("nurture", days=15)
    logs = []
    for executor in ("vector", "agent"):
        model = PrivateDomainModel(s, customers=150, seed=2, executor=executor, transactions=True)
        model.run()
        logs.append(model.transactions)
    pd.testing.assert_frame_equal(logs[0], logs[1])


def test_siyu_run_writes_the_log_to_parquet_and_checks_the_path_first(tmp_path, monkeypatch):
    runner = CliRunner()
    target = tmp_path / "orders.parquet"
    result = runner.invoke(app, ["run", "nurture", "--days", "20", "--customers", "200", "--quiet",
                                 "--out", str(tmp_path / "res"), "--transactions", str(target)])
    assert result.exit_code == 0, result.output
    log = pd.read_parquet(target)
    assert list(log.columns) == list(TRANSACTION_COLUMNS) and len(log) > 0
    assert log["day"].between(0, 19).all()

    def boom(*a, **k):
        raise AssertionError("the simulation started before the output path was checked")
    monkeypatch.setattr(core_commands, "simulate", boom)
    bad = tmp_path / "missing" / "orders.parquet"
    result = runner.invoke(app, ["run", "nurture", "--quiet", "--out", str(tmp_path / "r2"),
                                 "--transactions", str(bad)])
    assert result.exit_code == 1 and f"--transactions {bad}: the folder" in result.stderr


def test_bgnbd_fitted_to_a_simulated_nurture_cohort_converges_to_finite_parameters():
    """A cohort as in Fader, Hardie & Lee (2005): the customers whose first logged order fell
    in the first 13 weeks, followed to week 39."""
    model = PrivateDomainModel(presets.load("nurture"), customers=2_000, seed=11, transactions=True)
    model.run(273)
    log = model.transactions
    days = log.groupby("customer")["day"].apply(lambda d: np.sort(d.to_numpy()))
    first = days.map(lambda d: d[0])
    cohort = days[first < 91]
    assert len(cohort) > 500
    x, t_x, T = bgnbd.rfm(cohort.map(lambda d: d[0]).to_numpy() / 7, [d[1:] / 7 for d in cohort], 272 / 7)
    assert x.sum() > len(cohort)  # they come back
    fit = bgnbd.fit(x, t_x, T)
    assert np.isfinite(fit.params).all() and np.isfinite(fit.log_likelihood)
    assert min(fit.params) > 0 and max(fit.params) < 1e6
    # The fitted model tracks the cohort's own cumulative repeats at week 39 (within 10%).
    assert bgnbd.cohort_cumulative(fit, first[first < 91].to_numpy() / 7, [272 / 7])[0] == pytest.approx(x.sum(), rel=0.1)
