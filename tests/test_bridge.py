"""The CFO's charts: the profit bridge adds up to the added profit, the break-even months are
read the way they are defined, and the comparison report draws both from the comparison's own
numbers."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

from siyu_sim import presets
from siyu_sim.compare import compare
from siyu_sim.compare import bridge as bridges
from siyu_sim.metrics import DECLARED
from siyu_sim.report import figures
from siyu_sim.report.comparison_report import build_page, _meta

from chromium import CHROMIUM, MISSING


def _small(name: str, days: int = 90):
    s = presets.load(name)
    return s.model_copy(update={"days": days, "population": s.population.model_copy(update={"rows": 600})})


@pytest.fixture(scope="module")
def result():
    return compare([_small("nurture"), _small("harvest")], reps=2)


def test_every_step_is_a_declared_flow_in_cny():
    for name, sign in bridges.STEPS:
        assert DECLARED[name].kind == "flow" and DECLARED[name].unit == "CNY" and sign in (1.0, -1.0)


def test_the_steps_add_up_to_the_added_profit_run_by_run(result):
    """Gross margin added before discounts − discounts − staff − tools and content − acquisition,
    summed over each run, is that run's cumulative added profit on its last day: no ledger category
    is missing from the bridge, and the baseline books none of these costs."""
    steps = [name for name, _ in bridges.STEPS]
    signs = np.array([sign for _, sign in bridges.STEPS])
    runs = 0
    for (name, rep), d in result.daily.groupby(["scenario", "replication"], sort=False):
        d = d.sort_values("day")
        total = float(d[bridges.TOTAL].iloc[-1])
        parts = d[steps].sum().to_numpy() * signs
        assert parts.sum() == pytest.approx(total, rel=1e-9, abs=1e-6), (name, rep, dict(zip(steps, parts)))
        assert parts[0] > 0 and (parts[1:] <= 0).all()  # members buy more; every cost takes away
        runs += 1
    assert runs == 4
    assert (result.baseline_daily[list(bridges.COSTS)] == 0).all().all()


def test_the_bridge_table_is_the_mean_of_the_runs(result):
    table = bridges.bridge(result.daily)
    assert list(table.index) == ["nurture", "harvest"]
    assert list(table.columns) == [*(name for name, _ in bridges.STEPS), bridges.TOTAL]
    for name in table.index:
        ends = result.incremental[result.incremental["scenario"] == name]["cum_incremental_profit"]
        assert table.loc[name, bridges.TOTAL] == pytest.approx(ends.mean())
        own = result.daily[result.daily["scenario"] == name]
        assert table.loc[name, "staff_cost"] == pytest.approx(-own["staff_cost"].sum() / 2)
        assert table.loc[name].drop(bridges.TOTAL).sum() == pytest.approx(table.loc[name, bridges.TOTAL])


def test_no_bridge_without_the_baseline():
    plain = compare([_small("nurture", 30), _small("harvest", 30)], baseline=False)
    assert not bridges.has_bridge(plain.daily)
    with pytest.raises(ValueError, match="baseline"):
        bridges.bridge(plain.daily)


def _daily(added: np.ndarray, name: str = "s") -> pd.DataFrame:
    """A daily table whose added profit per day is ``added`` (what break_even reads)."""
    days = np.arange(len(added))
    return pd.DataFrame({"scenario": name, "replication": 0, "day": days, "incremental_profit": added,
                         "cum_incremental_profit": np.cumsum(added)})


def test_break_even_months_as_defined():
    """365 days, months of 365/12 days (day d is in month d * 12 // 365 + 1). Losing 100 a day to
    day 99, then adding 200 a day: month 4 (days 92–121) holds 8 losing days and 22 adding ones,
    so it is the first month that adds (−800 + 4,400); the added profit to date is −10,000 after
    day 99 and 0 after day 149 (month 5: days 122–152), the break-even."""
    added = np.where(np.arange(365) < 100, -100.0, 200.0)
    row = bridges.break_even(_daily(added)).loc["s"]
    assert row["payback_day"] == 149 and row["payback_month"] == 5 and row["positive_month"] == 4


def test_break_even_that_does_not_come():
    """Losing every day: neither month; adding then losing again in the last month: a positive
    month that does not last is none."""
    row = bridges.break_even(_daily(np.full(365, -5.0))).loc["s"]
    assert np.isnan(row["payback_day"]) and np.isnan(row["payback_month"]) and np.isnan(row["positive_month"])
    late_loss = np.where(np.arange(365) < 340, 50.0, -500.0)
    row = bridges.break_even(_daily(late_loss)).loc["s"]
    assert np.isnan(row["positive_month"]) and row["payback_month"] == 1


def test_the_report_draws_the_bridge_and_the_months_from_the_comparison(result):
    daily = result.daily
    page = build_page(daily, result.scenarios, "zh", None, _meta({}))
    anchors = [s.anchor for s in page.sections]
    # printed, the half-height charts run on first (the bridge leads), the month by month after them
    assert anchors.index("bridge") < anchors.index("members") < anchors.index("monthly_money")
    fig = figures.bridge_figure(daily, "zh")
    table = bridges.bridge(daily)
    for trace, name in zip(fig.data, ["nurture", "harvest"]):
        assert trace.type == "waterfall" and list(trace.measure) == ["absolute", *["relative"] * 5, "total"]
        assert list(trace.x)[0] == "不做私域" and list(trace.x)[-1] == "净增利润"
        assert np.allclose(list(trace.y)[1:], table.loc[name].to_numpy())
    monthly = figures.monthly_money_figure(daily, "en")
    table = bridges.monthly_money(daily)
    bars = [t for t in monthly.data if t.name == "added profit (CNY)"]
    assert np.allclose(bars[0].y, table.xs("nurture", level="scenario")["incremental_profit"])
    stacks = {t.name for t in monthly.data} - {"added profit (CNY)"}
    assert stacks == {"Discounts", "Staff", "Tools and content", "Acquisition"}


def test_the_monthly_chart_marks_break_even_at_the_start_of_its_month():
    added = np.where(np.arange(365) < 100, -100.0, 200.0)
    daily = _daily(added)
    for column in ("added_margin", *bridges.COSTS):  # what the chart's lower row stacks
        daily[column] = 1.0
    fig = figures.monthly_money_figure(daily, "en")
    lines = sorted(float(shape.x0) for shape in fig.layout.shapes)
    assert lines == [3.5, 4.5]  # positive from month 4 (dotted), break-even in month 5 (solid)
    words = [a.text for a in fig.layout.annotations]
    assert "break-even: month 5" in words and "positive from month 4" in words
    losing = figures.monthly_money_figure(_daily(np.full(365, -5.0)).assign(
        **{c: 1.0 for c in ("added_margin", *bridges.COSTS)}), "zh")
    assert not losing.layout.shapes and any(a.text == "12 个月内未回本" for a in losing.layout.annotations)


@pytest.mark.browser
@pytest.mark.skipif(not CHROMIUM.exists(), reason=MISSING)
def test_the_cfo_charts_draw_in_chinese_in_a_browser(browser, result, tmp_path):
    """The bridge's waterfall bars and the month-by-month bars are drawn (SVG), with their Chinese
    words on the chart, and the page has no console errors."""
    from siyu_sim.report import report_comparison

    path = report_comparison(result, tmp_path / "zh.html", lang="zh")
    page = browser.new_page(viewport={"width": 1400, "height": 900})
    problems: list[str] = []
    page.on("console", lambda m: problems.append(m.text) if m.type == "error" else None)
    page.on("pageerror", lambda e: problems.append(str(e)))
    try:
        page.goto(path.as_uri(), wait_until="load")
        page.wait_for_function("document.querySelectorAll('#fig-bridge .waterfalllayer .point, "
                               "#fig-monthly_money .barlayer .point').length > 0")
        drawn = page.evaluate("""() => ({
            steps: document.querySelectorAll('#fig-bridge .waterfalllayer .point path').length,
            months: document.querySelectorAll('#fig-monthly_money .barlayer .point path').length,
            words: Array.from(document.querySelectorAll('#fig-bridge text, #fig-monthly_money text'))
                        .map(t => t.textContent).join(' ')})""")
    finally:
        page.close()
    assert problems == []
    assert drawn["steps"] == 2 * 7  # no private domain, five steps, the added profit; two strategies
    months = bridges.monthly_money(result.daily).index.get_level_values("month").nunique()
    assert drawn["months"] == 2 * months * (1 + len(bridges.COSTS))  # added profit and four costs a month
    for word in ("不做私域", "新增毛利", "净增利润", "人力", "获客"):
        assert word in drawn["words"]
