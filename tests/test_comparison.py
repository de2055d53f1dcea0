"""Monthly side-by-side tables and the plain-language verdict, on hand-made daily frames."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

from siyu_sim.calendar import month_of, n_months
from siyu_sim.compare.monthly import leader_since, monthly
from siyu_sim.compare.verdict import verdict

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
    assert "GMV (cumulative): harvest leads at month 12" in text
    assert "GMV in the month: nurture leads at month 12" in text and "Before that, harvest was ahead." in text
    assert "Profit (cumulative): nurture leads at month 12" in text and "ahead from the start" in text
    assert "false prosperity" in text
    active = next(line for line in text.splitlines() if "active members" in line)
    table = _race()
    overtake = int((table["active"].unstack()["nurture"] > table["active"].unstack()["harvest"]).idxmax())
    assert f"ahead since month {overtake}" in active
    assert "harvest: the same money in paid ads" in text and "paid ads were the better use" in text
    assert "nurture: " in text and "the private domain was the better use" in text


def test_verdict_in_chinese():
    text = "\n".join(verdict(_race(), lang="zh"))
    assert "领先" in text and "虚假繁荣" in text and "投广告更划算" in text and "做私域更划算" in text
    assert "万元" in text


def test_verdict_on_a_tie_says_so():
    same = pd.concat([frame("a", 60, gmv=1.0, cum_profit=1.0, active=1.0, mean_trust=0.5),
                      frame("b", 60, gmv=1.0, cum_profit=1.0, active=1.0, mean_trust=0.5)])
    lines = verdict(monthly(same))
    assert any("no one is ahead" in line for line in lines)
    assert not any("false prosperity" in line for line in lines)


def test_unknown_language_is_an_error():
    with pytest.raises(ValueError, match="en, zh"):
        verdict(_race(), lang="fr")
