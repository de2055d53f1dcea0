"""The PowerPoint deck (``siyu compare --deck``), read back with python-pptx as the client's copy of
PowerPoint reads it: the page-1 answer and how sure, the key figures, the bridge, the monthly
added profit, the costs and the drivers, in English or Chinese; every table and chart native
(editable, nothing a picture), their numbers the comparison's own."""

from __future__ import annotations

import re

import numpy as np
import pytest
from pptx import Presentation
from pptx.enum.shapes import MSO_SHAPE_TYPE

from siyu_sim import presets
from siyu_sim.compare import compare
from siyu_sim.compare import bridge as bridges
from siyu_sim.compare.verdict import verdict
from siyu_sim.report.comparison_report import kpi_table
from siyu_sim.report.deck import BRIDGE_SERIES, write_deck
from siyu_sim.report.uncertainty_report import probability_table
from siyu_sim.uncertainty import analysis
from siyu_sim.uncertainty.weigh import weigh
from siyu_sim.words import t

CJK = re.compile(r"[\u4e00-\u9fff]")
EA = "{http://schemas.openxmlformats.org/drawingml/2006/main}ea"


def _pair(days: int):
    out = []
    for name in ("nurture", "harvest"):
        s = presets.load(name)
        out.append(s.model_copy(update={"days": days, "population": s.population.model_copy(update={"rows": 300})}))
    return out


@pytest.fixture(scope="module")
def result():
    return compare(_pair(61))


@pytest.fixture(scope="module")
def weighed():
    return weigh(_pair(45), draws=6, rows=200, repeats=2)


@pytest.fixture(scope="module")
def decks(result, weighed, tmp_path_factory):
    folder = tmp_path_factory.mktemp("decks")
    out = {}
    for lang in ("en", "zh"):
        out[lang] = Presentation(write_deck(result, folder / f"{lang}.pptx", lang=lang))
        out[lang + "_draws"] = Presentation(write_deck(result, folder / f"{lang}_draws.pptx", lang=lang,
                                                       weighing=weighed))
    return out


def _title(slide) -> str:
    return slide.shapes[0].text_frame.text


def _texts(slide) -> list[str]:
    return [s.text_frame.text for s in slide.shapes if s.has_text_frame]


def _kinds(slide, kind) -> list:
    return [s for s in slide.shapes if s.shape_type == kind]


def _cells(table) -> list[list[str]]:
    return [[c.text for c in row.cells] for row in table.rows]


def _series(chart) -> dict[str, list[float]]:
    return {s.name: [float(v or 0.0) for v in s.values] for s in chart.plots[0].series}


def test_the_slides_in_order_in_each_language(decks):
    keys = ["comparison_title", "sec_kpis", "sec_bridge", "sec_added_monthly", "sec_costs"]
    for lang in ("en", "zh"):
        assert [_title(s) for s in decks[lang].slides] == [t(k, lang) for k in keys]
        assert [_title(s) for s in decks[lang + "_draws"].slides] == [t(k, lang) for k in (*keys, "unc_drivers_title")]


def test_everything_is_native_and_editable_nothing_a_picture(decks):
    for deck in decks.values():
        shapes = [s for slide in deck.slides for s in slide.shapes]
        assert not [s for s in shapes if s.shape_type == MSO_SHAPE_TYPE.PICTURE]
        assert sum(s.shape_type == MSO_SHAPE_TYPE.CHART for s in shapes) >= 5
        assert sum(s.shape_type == MSO_SHAPE_TYPE.TABLE for s in shapes) >= 2


def test_page_one_is_the_verdict_and_how_sure(decks, result, weighed):
    for lang in ("en", "zh"):
        lines = verdict(result.monthly(), lang, result.incremental_summary())
        text = "\n".join(_texts(decks[lang].slides[0]))
        for line in lines[:5]:  # who adds the most; each against none; each against paid ads
            assert line in text
        assert t("cfo_deck_one_run", lang) in text
        first = decks[lang + "_draws"].slides[0]
        table = _kinds(first, MSO_SHAPE_TYPE.TABLE)[0].table
        expected = probability_table(weighed, lang)
        assert _cells(table) == [list(expected.header), *map(list, expected.rows)]
        assert t("cfo_deck_one_run", lang) not in "\n".join(_texts(first))


def test_the_key_figures_are_the_report_s_table(decks, result):
    table = _kinds(decks["zh"].slides[1], MSO_SHAPE_TYPE.TABLE)[0].table
    expected = kpi_table(result.daily, result.scenarios, "zh")
    assert _cells(table) == [list(expected.header), *map(list, expected.rows)]


def _bars(series: dict[str, list[float]]) -> list[tuple[float, float]]:
    """Each bar of a waterfall drawn as stacked columns, as (low, high): where the hidden base
    leaves it and the visible step ends."""
    up_base, down_base, up, down = (series[n] for n in BRIDGE_SERIES)
    out = []
    for a, b, c, d in zip(up_base, down_base, up, down):
        if c and d:  # across zero
            out.append((d, c))
        elif d or b:  # below zero: base down to b, step from b down to b + d
            out.append((b + d, b))
        else:
            out.append((a, a + c))
    return out


def test_the_bridge_charts_draw_the_bridge_to_the_added_profit(decks, result):
    table = bridges.bridge(result.daily)
    for lang in ("en", "zh"):
        charts = [s.chart for s in _kinds(decks[lang].slides[2], MSO_SHAPE_TYPE.CHART)]
        assert len(charts) == 2
        for chart, name in zip(charts, result.names):
            bars = _bars(_series(chart))
            steps = table.loc[name].to_numpy()
            assert bars[0] == (0.0, 0.0)  # no private domain
            running = 0.0
            for (low, high), step in zip(bars[1:-1], steps[:-1]):  # each step from the running total
                assert high - low == pytest.approx(abs(step))
                assert (low if step < 0 else high) == pytest.approx(running + step)
                running += step
            low, high = bars[-1]
            assert (low if steps[-1] < 0 else high) == pytest.approx(steps[-1]) and 0.0 in (low, high)
            assert running == pytest.approx(steps[-1])
        words = list(charts[0].plots[0].categories)
        assert words[0] == t("cfo_start", lang) and words[-1] == t("cfo_total", lang)


def test_the_monthly_chart_and_the_costs_are_the_monthly_table(decks, result):
    table = bridges.monthly_money(result.daily, result.days)
    even = bridges.break_even(result.daily, result.days)
    for lang, fmt in (("en", "¥"), ("zh", "万")):
        slide = decks[lang].slides[3]
        chart = _kinds(slide, MSO_SHAPE_TYPE.CHART)[0].chart
        series = list(_series(chart).values())
        for values, name in zip(series, result.names):
            assert values == pytest.approx(table.xs(name, level="scenario")["incremental_profit"].tolist())
        assert fmt in chart.value_axis.tick_labels.number_format
        said = "\n".join(_texts(slide))
        for name in result.names:
            month = even.loc[name, "payback_month"]
            assert (t("cfo_payback_marker", lang, month=int(month)) if np.isfinite(month)
                    else t("cfo_no_payback", lang, months=t("months_n", lang, n=2))) in said
        costs = [s.chart for s in _kinds(decks[lang].slides[4], MSO_SHAPE_TYPE.CHART)]
        for chart, name in zip(costs, result.names):
            got = list(_series(chart).values())
            d = table.xs(name, level="scenario")
            assert got == [pytest.approx(d[c].tolist()) for c in bridges.COSTS]


def test_the_drivers_are_the_analysis_s_own(decks, weighed):
    summary = analysis.summary(weighed).set_index("scenario")
    for lang in ("en", "zh"):
        charts = [s.chart for s in _kinds(decks[lang + "_draws"].slides[5], MSO_SHAPE_TYPE.CHART)]
        assert len(charts) == len(weighed.names)
        for chart, name in zip(charts, weighed.names):
            d = analysis.drivers(weighed, name).head(6).iloc[::-1]
            low, high = _series(chart).values()
            mean = summary.loc[name, "mean"]
            assert low == pytest.approx((d["at_low"] - mean).tolist())
            assert high == pytest.approx((d["at_high"] - mean).tolist())


def test_the_chinese_deck_speaks_chinese_in_an_east_asian_font(decks):
    deck = decks["zh_draws"]
    for slide in deck.slides:
        assert CJK.search(_title(slide))
        for shape in slide.shapes:
            if shape.has_text_frame:
                runs = [r for p in shape.text_frame.paragraphs for r in p.runs]
                assert all(r.font._rPr.find(EA).get("typeface") for r in runs if CJK.search(r.text))
    english = [s for slide in decks["zh"].slides for s in _texts(slide)
               if re.search(r"\b(the|and|of|profit)\b", s)]
    assert not english, english


def test_without_the_baseline_the_deck_says_so_and_shows_what_it_has(tmp_path):
    plain = compare(_pair(31), baseline=False)
    deck = Presentation(write_deck(plain, tmp_path / "plain.pptx", lang="en"))
    assert [_title(s) for s in deck.slides] == [t(k, "en") for k in ("comparison_title", "sec_kpis", "sec_costs")]
    assert t("cfo_deck_no_baseline", "en") in "\n".join(_texts(deck.slides[0]))


def test_a_title_names_the_strategy_and_its_code_name_does_not(tmp_path):
    """Issue 26: a scenario's title_zh (else its title) names it in the Chinese deck and report;
    its code name shows only as the value of its ``name`` setting in the appendix."""
    from siyu_sim.report import report_comparison

    mine, today = _pair(31)
    mine = mine.model_copy(update={"name": "more_care", "title": "More care", "title_zh": "多一点关怀"})
    today = today.model_copy(update={"name": "today_plan", "title": "Today"})
    result = compare([mine, today], segments=True)
    deck = Presentation(write_deck(result, tmp_path / "zh.pptx", lang="zh"))
    words = []
    for slide in deck.slides:
        for shape in slide.shapes:
            if shape.has_text_frame:
                words.append(shape.text_frame.text)
            if shape.has_table:
                words += [c for row in _cells(shape.table) for c in row]
            if shape.has_chart:
                words += [s.name for s in shape.chart.plots[0].series] + list(shape.chart.plots[0].categories)
    said = " ".join(map(str, words))
    assert "多一点关怀" in said and "Today" in said  # no Chinese title: the title, as given
    assert "more_care" not in said and "today_plan" not in said
    html = report_comparison(result, tmp_path / "zh.html", lang="zh").read_text(encoding="utf-8")
    body = html[:html.index('<div class="appendix"')]
    body = re.sub(r'"legendgroup":"[^"]*"', "", body)  # a chart's own ids for its traces: never shown
    assert "多一点关怀" in body
    assert "more_care" not in body and "today_plan" not in body
