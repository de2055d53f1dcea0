"""Monthly side-by-side tables and the plain-language verdict, on hand-made daily frames."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest
from scipy import stats as scipy_stats

from siyu_sim.calendar import month_of, n_months
from siyu_sim.compare.monthly import leader_since, monthly
from siyu_sim.compare.verdict import verdict
from siyu_sim.metrics import derive
from siyu_sim.words import money

METRICS = ("active", "muted", "churned", "mean_trust", "cum_profit", "roi", "alt_ads_cum_profit",
           "gmv", "profit")


def frame(name: str, days: int, replication: int = 0, **series) -> pd.DataFrame:
    """A daily frame; each metric is a constant, a callable of day, or an array."""
    day = np.arange(days)
    data = {"scenario": name, "replication": replication, "day": day}
    for metric in METRICS:
        value = series.get(metric, 0.0)
        data[metric] = value(day) if callable(value) else value
    return pd.DataFrame(data)


def test_months_over_a_year_and_shorter_horizons():
    assert n_months(365) == 12 and n_months(30) == 1 and n_months(730) == 24 and n_months(90) == 3
    months = month_of(np.arange(365), 365)
    assert months[0] == 1 and months[-1] == 12
    assert sorted(set(months)) == list(range(1, 13))


def test_stocks_are_month_end_and_flows_are_summed():
    daily = frame("a", 365, active=lambda d: d * 1.0, gmv=1.0, profit=2.0)
    table = monthly(daily)
    assert list(table.index.get_level_values("month")) == list(range(1, 13))
    days_in_month = pd.Series(month_of(np.arange(365), 365)).value_counts().sort_index()
    assert table["gmv"].tolist() == days_in_month.astype(float).tolist()
    assert table["profit"].tolist() == (2 * days_in_month).astype(float).tolist()
    last_day = pd.Series(np.arange(365)).groupby(month_of(np.arange(365), 365)).max()
    assert table["active"].tolist() == last_day.astype(float).tolist()
    assert table["cum_gmv"].iloc[-1] == 365


def test_scenario_order_is_kept_and_replications_averaged():
    daily = pd.concat([frame("zeta", 60, active=10.0), frame("alpha", 60, active=4.0),
                       frame("zeta", 60, replication=1, active=20.0)])
    table = monthly(daily)
    assert list(table.index.get_level_values("scenario")[:2]) == ["zeta", "alpha"]
    assert table.loc[(1, "zeta"), "active"] == 15.0


def test_leader_since_finds_the_month_of_the_overtake():
    wide = pd.DataFrame({"a": [5, 5, 5, 5, 5], "b": [1, 3, 6, 7, 8]}, index=range(1, 6))
    assert leader_since(wide) == ("b", 3, "a")
    assert leader_since(pd.DataFrame({"a": [1, 2], "b": [1, 2]}, index=[1, 2]))[0] is None


def _race(days=365):
    # harvest: fast GMV that fades, thin profit; nurture: slow GMV that grows, more profit
    harvest = frame("harvest", days, gmv=lambda d: 3000 - 5.0 * d, profit=100.0,
                    cum_profit=lambda d: 100.0 * (d + 1), active=lambda d: 900 - 2.0 * d,
                    mean_trust=0.2, alt_ads_cum_profit=lambda d: 300.0 * (d + 1))
    nurture = frame("nurture", days, gmv=lambda d: 500 + 8.0 * d, profit=400.0,
                    cum_profit=lambda d: 400.0 * (d + 1), active=lambda d: 300 + 1.0 * d,
                    mean_trust=0.7, alt_ads_cum_profit=lambda d: 100.0 * (d + 1))
    return monthly(pd.concat([nurture, harvest]))


def test_verdict_names_leaders_and_months():
    text = "\n".join(verdict(_race()))
    assert "No baseline was run" in text  # no incremental columns: the verdict says it is gross
    assert "Ledger GMV (cumulative, whole run): harvest leads at month 12" in text
    assert "Ledger GMV in month 12 alone: nurture leads at month 12" in text
    assert "Before that, harvest was ahead." in text
    assert "Ledger profit (cumulative): nurture leads at month 12" in text and "ahead from the start" in text
    assert "harvest sells more over the run, but nurture keeps more ledger profit" in text
    active = next(line for line in text.splitlines() if "active members" in line)
    table = _race()
    overtake = int((table["active"].unstack()["nurture"] > table["active"].unstack()["harvest"]).idxmax())
    assert f"ahead since month {overtake}" in active
    # the paid-ads alternative is valued on the baseline: without one, no line compares with it
    assert "nor is the paid-ads alternative valued" in text and "paid ads would have" not in text


def _race_with_baseline():
    # what the counterfactual adds: nurture +150/day, harvest −50/day (its ledger still shows +100)
    daily = []
    for name, added, spend in (("nurture", 150.0, 200.0), ("harvest", -50.0, 400.0)):
        f = _race_frame(name)
        f["incremental_profit"] = added
        f["cum_incremental_profit"] = added * (f["day"] + 1)
        f["cum_spend"] = spend * (f["day"] + 1)
        f["incremental_roi"] = f["cum_incremental_profit"] / f["cum_spend"]
        f["cum_cash_spend"] = 0.75 * f["cum_spend"]  # a quarter of the spend is discounts
        f["alt_ads_cum_customers"] = 0.5 * (f["day"] + 1)
        daily.append(f)
    return pd.concat(daily, ignore_index=True)


def _race_frame(name):
    days = 365
    if name == "harvest":
        return frame("harvest", days, gmv=lambda d: 3000 - 5.0 * d, profit=100.0,
                     cum_profit=lambda d: 100.0 * (d + 1), active=lambda d: 900 - 2.0 * d,
                     mean_trust=0.2, alt_ads_cum_profit=lambda d: 30.0 * (d + 1))
    return frame("nurture", days, gmv=lambda d: 500 + 8.0 * d, profit=400.0,
                 cum_profit=lambda d: 400.0 * (d + 1), active=lambda d: 300 + 1.0 * d,
                 mean_trust=0.7, alt_ads_cum_profit=lambda d: 200.0 * (d + 1))


def test_verdict_headline_is_the_added_profit_and_says_plainly_when_a_strategy_loses():
    table = monthly(_race_with_baseline())
    assert list(table.columns[:2]) == ["cum_incremental_profit", "incremental_roi"]
    lines = verdict(table)
    text = "\n".join(lines)
    assert lines[0].startswith("Profit added over no private domain (cumulative): nurture leads at month 12")
    # the figures are the daily columns' own sums, formatted the one way money is
    assert money(150.0 * 365, "en") in lines[0] and money(-50.0 * 365, "en") in lines[0]
    assert f"harvest LOSES money against having no private domain at all: {money(50.0 * 365, 'en')} less" in text
    assert f"nurture adds {money(150.0 * 365, 'en')} of profit" in text
    # like for like: added profit against the ads' added profit (nurture 150×365 < 200×365)
    assert (f"nurture: the same cash ({money(0.75 * 200.0 * 365, 'en')}: staff, tools, acquisition) in paid ads "
            f"would have bought {0.5 * 365:,.0f} new customers and added {money(200.0 * 365, 'en')}") in text
    assert f"harvest: the same cash ({money(0.75 * 400.0 * 365, 'en')}: staff, tools, acquisition)" in text
    # discounts are not cash: on a line of their own, not put into ads
    assert (f"none went into paid ads (nurture {money(0.25 * 200.0 * 365, 'en')}, "
            f"harvest {money(0.25 * 400.0 * 365, 'en')})") in text
    assert "the private domain was the better use" not in text
    # the gross ledger only after it, and the false-prosperity line names the added-profit leader
    gross = next(i for i, line in enumerate(lines) if line.startswith("The gross ledger"))
    assert gross > 3 and "Ledger GMV (cumulative, whole run): harvest leads" in lines[gross + 1]
    assert "harvest sells more over the run, but nurture adds more profit" in text


def test_verdict_lines_never_contradict_each_other():
    # one race where the monthly GMV leader differs from the whole-run leader: the two lines
    # must name different measures, and "sells more" must be about the whole run
    for lang in ("en", "zh"):
        lines = verdict(monthly(_race_with_baseline()), lang=lang)
        month = [line for line in lines if ("month 12 alone" in line or "仅第12个月" in line)]
        whole = [line for line in lines if ("whole run" in line or "全程" in line)]
        assert month and whole and not set(month) & set(whole)


def test_when_every_strategy_loses_no_line_says_one_adds():
    daily = _race_with_baseline()
    daily.loc[daily.scenario == "nurture", "cum_incremental_profit"] = -10.0 * (daily["day"] + 1)
    for lang, adds, loses in (("en", " adds", "LOSES"), ("zh", "净增利润更多", "还亏")):
        lines = verdict(monthly(daily), lang=lang)
        assert sum(loses in line for line in lines) == 2
        assert not any(adds in line for line in lines), lines
    assert any("nurture loses less" in line for line in verdict(monthly(daily)))


def test_verdict_gives_the_paired_interval_with_replications():
    from siyu_sim.compare.incremental import summary

    daily = _race_with_baseline()
    reps = []
    for r, shift in enumerate((0.0, 10.0, -4.0)):
        d = daily.copy()
        d["replication"] = r
        d["cum_incremental_profit"] = d["cum_incremental_profit"] + shift
        reps.append(d)
    daily = derive(pd.concat(reps, ignore_index=True), by=("scenario", "replication"))  # cum_gmv
    s = summary(daily)
    lines = verdict(monthly(daily), summary=s)
    ends = np.array([150.0 * 365 + x for x in (0.0, 10.0, -4.0)])
    half = scipy_stats.t.ppf(0.975, 2) * ends.std(ddof=1) / np.sqrt(3)
    line = next(line for line in lines if line.startswith("nurture adds"))
    assert money(ends.mean() - half, "en") in line and money(ends.mean() + half, "en") in line
    assert "95% paired interval over 3 runs" in line
    # a loss is stated as an amount, and so is its interval
    losses = np.array([50.0 * 365 - x for x in (0.0, 10.0, -4.0)])
    half = scipy_stats.t.ppf(0.975, 2) * losses.std(ddof=1) / np.sqrt(3)
    line = next(line for line in lines if line.startswith("harvest LOSES"))
    assert f"{money(losses.mean(), 'en')} (95% paired interval over 3 runs: " \
           f"{money(losses.mean() - half, 'en')} to {money(losses.mean() + half, 'en')}) less" in line


def test_verdict_in_chinese():
    text = "\n".join(verdict(_race(), lang="zh"))
    assert "领先" in text and "虚假繁荣" in text and "未运行基线" in text
    text = "\n".join(verdict(monthly(_race_with_baseline()), lang="zh"))
    assert "比完全不做私域还亏" in text and "投广告更划算" in text and "账面" in text
    assert "收割（激进促销）" in text and "养（关系经营）" in text  # display names, not identifiers
    assert "万元" in text and "harvest" not in text and "nurture" not in text


def test_verdict_on_a_tie_says_so():
    same = pd.concat([frame("a", 60, gmv=1.0, cum_profit=1.0, active=1.0, mean_trust=0.5),
                      frame("b", 60, gmv=1.0, cum_profit=1.0, active=1.0, mean_trust=0.5)])
    lines = verdict(monthly(same))
    assert any("no one is ahead" in line for line in lines)
    assert not any("false prosperity" in line for line in lines)


def test_unknown_language_is_an_error():
    with pytest.raises(ValueError, match="en, zh"):
        verdict(_race(), lang="fr")
