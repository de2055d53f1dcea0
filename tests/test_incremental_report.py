"""The comparison report in incremental money, checked against the daily tables it comes from.

Every expected figure is recomputed here from the runs' own columns (ledger profit, the
customers-outside margin, spend) of the compared runs and their no-private-domain runs, not
read back from the module that computed it.
"""

from __future__ import annotations

import html as htmllib
import json
import re

import numpy as np
import pytest
from scipy import stats

from siyu_sim import Scenario, presets
from siyu_sim.compare import compare
from siyu_sim.report import report_comparison
from siyu_sim.words import money, number, percent, ratio
from helpers import ads_alternative_by_hand

REPS = 3


def small(name: str, days: int = 120, customers: int = 1500) -> Scenario:
    data = presets.load(name).to_dict()
    data["days"] = days
    data["population"]["customers"] = customers
    return Scenario.from_dict(data)


@pytest.fixture(scope="module")
def result():
    # harvest's paid ads with the whole market in reach and a big budget, so that one market
    # really runs out in 120 days (the report must say so)
    harvest = small("harvest").to_dict()
    harvest["levers"]["paid_ads"].update(reach_share=1.0, adds_per_day=400.0)
    return compare([small("nurture"), Scenario.from_dict(harvest)], reps=REPS, segments=True)


@pytest.fixture(scope="module")
def pages(result, tmp_path_factory):
    out = tmp_path_factory.mktemp("inc")
    meta = {"version": "test", "date": "2025-01-02"}
    return {lang: report_comparison(result, out / f"{lang}.html", lang=lang, meta=meta).read_text("utf-8")
            for lang in ("en", "zh")}


def added_by_rep(result, name: str) -> dict[int, np.ndarray]:
    """Cumulative added profit day by day, per replication, from the raw columns."""
    out = {}
    for r in range(REPS):
        d = result.daily[(result.daily.scenario == name) & (result.daily.replication == r)]
        b = result.baseline_daily[(result.baseline_daily.scenario == name)
                                  & (result.baseline_daily.replication == r)]
        out[r] = np.cumsum(d.profit.to_numpy() + d.outside_gross_margin.to_numpy()
                           - b.profit.to_numpy() - b.outside_gross_margin.to_numpy())
    return out


def paired_ci(values) -> tuple[float, float, float]:
    v = np.asarray(values, dtype=float)
    half = stats.t.ppf(0.975, len(v) - 1) * v.std(ddof=1) / np.sqrt(len(v))
    return v.mean(), v.mean() - half, v.mean() + half


def text(page: str, section: str) -> str:
    i = page.index(f'<section id="{section}"')
    j = page.index("</section>", i)
    return htmllib.unescape(re.sub(r"<[^>]+>", "", page[i:j]))


def kpi_row(page: str, label: str) -> list[str]:
    i = page.index('<section id="kpis"')
    body = page[i:page.index("</section>", i)]
    for row in re.findall(r"<tr>(.*?)</tr>", body, flags=re.S):
        cells = [htmllib.unescape(re.sub(r"<[^>]+>", "", c)).strip()
                 for c in re.findall(r"<t[dh][^>]*>(.*?)</t[dh]>", row, flags=re.S)]
        if cells and cells[0] == label:
            return cells[1:]
    raise AssertionError(f"no row {label!r}")


def test_key_figures_are_the_added_profit_of_the_daily_tables_with_paired_intervals(result, pages):
    cells = kpi_row(pages["en"], "Profit added over no private domain")
    for name, cell in zip(result.names, cells):
        mean, lo, hi = paired_ci([c[-1] for c in added_by_rep(result, name).values()])
        assert cell == f"{money(mean, 'en')} ({money(lo, 'en')} – {money(hi, 'en')})"


def test_added_roi_and_paid_ads_are_checked_numerically(result, pages):
    roi_cells = kpi_row(pages["en"], "Added ROI (added profit per CNY put in)")
    ads_cells = kpi_row(pages["en"], "Added profit minus the same cash in paid ads")
    for i, s in enumerate(result.scenarios):
        rois, vs_ads = [], []
        for r, added in added_by_rep(result, s.name).items():
            d = result.daily[(result.daily.scenario == s.name) & (result.daily.replication == r)]
            spend = d.spend.cumsum().to_numpy()  # the day's spend, summed here
            assert np.allclose(d.cum_spend, spend)
            # the paid-ads alternative is an added profit: the bought customers' margin − the cash
            b = result.baseline_daily[(result.baseline_daily.scenario == s.name)
                                      & (result.baseline_daily.replication == r)]
            alt = ads_alternative_by_hand(d, b)
            assert np.allclose(d.alt_ads_cum_profit, alt)
            assert np.allclose(d.roi[spend > 0], (d.profit.cumsum() / spend)[spend > 0])
            rois.append(added[-1] / spend[-1])
            vs_ads.append(added[-1] - alt[-1])
        mean, lo, hi = paired_ci(rois)
        assert roi_cells[i] == f"{ratio(mean)} ({ratio(lo)} – {ratio(hi)})"
        mean, lo, hi = paired_ci(vs_ads)
        assert ads_cells[i] == f"{money(mean, 'en')} ({money(lo, 'en')} – {money(hi, 'en')})"


def test_summary_answers_in_added_money_and_says_plainly_who_loses(result, pages):
    summary = text(pages["en"], "summary")
    assert "\"Adds\" means profit added over no private domain" in summary
    for name in result.names:
        mean, lo, hi = paired_ci([c[-1] for c in added_by_rep(result, name).values()])
        ci = f"(95% paired interval, {REPS} runs: {money(lo, 'en')} to {money(hi, 'en')})"
        if hi < 0:  # a loss is stated as an amount, its interval too
            ci = f"(95% paired interval, {REPS} runs: {money(-hi, 'en')} to {money(-lo, 'en')})"
            assert f"{name} loses money against having no private domain at all" in summary
            assert f"makes {money(-mean, 'en')} {ci} less profit" in summary
        elif lo > 0:
            assert f"{name} pays: over 4 months it adds {money(mean, 'en')} {ci}" in summary
        # the gross ledger is beside it, never instead of it
        ledger = np.mean([result.daily[(result.daily.scenario == name) & (result.daily.replication == r)]
                          .profit.sum() for r in range(REPS)])
        assert f"Its ledger shows {money(ledger, 'en')} of profit" in summary
    means = {n: np.mean([c[-1] for c in added_by_rep(result, n).values()]) for n in result.names}
    best = max(means, key=means.get)
    if means[best] >= 0:
        assert f"{best} adds the most profit over no private domain" in summary
    else:  # everyone loses: no sentence may say anyone "adds"
        assert f"{best} loses the least" in summary and "adds more profit" not in summary


def test_the_market_running_out_is_said_in_the_text_and_on_the_chart(result, pages):
    for name in result.names:
        d = result.daily[result.daily.scenario == name]
        most = d.groupby("day").prospects.max()
        gone = most[most < 0.5]
        sentence = f"{name} runs out of market: from day "
        if len(gone):
            assert f"{sentence}{int(gone.index[0])} no prospect is left" in text(pages["en"], "summary")
            assert f"market exhausted (day {int(gone.index[0])})" in pages["en"]
        else:
            assert sentence not in text(pages["en"], "summary")
    assert any((result.daily[result.daily.scenario == n].prospects < 0.5).any() for n in result.names), \
        "the fixture should exhaust at least one market, or this test checks nothing"


def test_the_funnel_is_nested_and_matches_the_status_counts(result):
    from siyu_sim.report.figures import FUNNEL_STEPS, funnel_figure

    last = result.daily.loc[result.daily.groupby(["scenario", "replication"]).day.idxmax()]
    assert np.allclose(last.members, last.active + last.muted)
    fig = funnel_figure(result.daily, "en")
    for trace, name in zip(fig.data, result.names):
        rows = last[last.scenario == name]
        expected = [rows.ever_members.median(), (rows.active + rows.muted).median(),
                    rows.active.median(), rows.engaged.median()]
        assert np.allclose(trace.x, expected)
        assert all(a >= b for a, b in zip(trace.x, trace.x[1:]))  # each step a subset of the one before
        for label, v in zip(trace.text, trace.x):
            assert label == f"{number(v, 'en')} · {percent(v / trace.x[0])}"
            assert v == 0 or not label.endswith(" 0%")
    assert [c for c, _ in FUNNEL_STEPS] == ["ever_members", "members", "active", "engaged"]


def test_the_chinese_report_says_it_in_chinese_with_wan_on_the_axes(pages):
    zh = pages["zh"]
    summary = text(zh, "summary")
    for phrase in ("净增", "不做私域", "账面", "同口径"):
        assert phrase in summary, phrase
    for english in ("Profit added", "adds", "ledger", "paid ads", "nurture", "harvest"):
        assert english not in summary, english
    ticks = [label for found in re.findall(r'"ticktext":(\[[^\]]*\])', zh) for label in json.loads(found)]
    assert any(label.endswith("万") for label in ticks)
    assert not any(re.search(r"\d(k|M|B)$", label) for label in ticks)


def test_gross_key_figures_are_the_daily_tables_sums(result, pages):
    for label, column, how in (("GMV, total", "gmv", "sum"), ("Discounts given", "discount_cost", "sum"),
                               ("Ledger profit, cumulative (gross)", "profit", "sum"),
                               ("Money put in (staff, tools, acquisition, discounts)", "spend", "sum")):
        cells = kpi_row(pages["en"], label)
        for name, cell in zip(result.names, cells):
            per_run = [getattr(result.daily[(result.daily.scenario == name) & (result.daily.replication == r)]
                               [column], how)() for r in range(REPS)]
            mid, lo, hi = np.median(per_run), np.quantile(per_run, 0.1), np.quantile(per_run, 0.9)
            assert cell == f"{money(mid, 'en')} ({money(lo, 'en')} – {money(hi, 'en')})", label


def test_without_a_baseline_the_report_says_its_figures_are_gross(result, tmp_path):
    from siyu_sim.report import comparison_report

    gross = result.daily.drop(columns=["incremental_profit", "cum_incremental_profit", "incremental_roi"])
    page = comparison_report(gross, result.scenarios, tmp_path / "gross.html",
                             meta={"version": "t", "date": "2025-01-02"}).read_text("utf-8")
    summary = text(page, "summary")
    assert "No baseline in this report (--no-baseline)" in summary
    assert "Profit added over no private domain" not in text(page, "kpis")


def test_every_setting_unit_of_the_shipped_scenarios_has_chinese():
    from siyu_sim.report.assumptions import settings
    from siyu_sim.words.settings import setting_unit

    for name in presets.shipped_names():
        for s in settings(presets.load(name)):
            if s.unit:
                zh = setting_unit(s.unit, "zh")
                assert re.search(r"[\u4e00-\u9fff]", zh), f"{s.path}: unit {s.unit!r} has no Chinese"
                assert setting_unit(s.unit, "en") == s.unit
