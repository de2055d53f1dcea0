"""Reports without a browser: one self-contained file, every section, both languages, the
summary's answers, the assumptions page, sweep folders good and bad, and ``siyu report``."""

from __future__ import annotations

import re
import string
from pathlib import Path

import pandas as pd
import plotly.offline
import pytest

from siyu_sim import Scenario, presets
from siyu_sim.report import comparison_report
from siyu_sim import words as T
from siyu_sim.runs import run_scenario

COMPARISON_SECTIONS = ("summary", "kpis", "members", "trust", "money", "cumulative", "funnel", "ltv",
                       "assumptions")
COMPARISON_FIGURES = ("members", "trust", "money", "cumulative", "funnel", "ltv")
CJK = re.compile(r"[\u4e00-\u9fff]")


# ---- data builders (also used by test_report_browser.py) -------------------------------------

def small(name: str, days: int = 90, customers: int = 1000) -> Scenario:
    data = presets.load(name).to_dict()
    data["days"] = days
    data["population"]["customers"] = customers
    return Scenario.from_dict(data)


def comparison_data(reps: int = 2, days: int = 90, customers: int = 1000):
    """Daily and per-segment tables of nurture and harvest, ``reps`` replications each."""
    scenarios = [small("nurture", days, customers), small("harvest", days, customers)]
    daily, seg = [], []
    for sc in scenarios:
        for r in range(reps):
            model = run_scenario(sc, replication=r, segment_metrics=True)
            for frame, out in ((model.daily, daily), (model.segment_daily, seg)):
                frame = frame.copy()
                frame.insert(0, "replication", r)
                frame.insert(0, "scenario", sc.name)
                out.append(frame)
    return pd.concat(daily, ignore_index=True), pd.concat(seg, ignore_index=True), scenarios


def write_experiment(folder: Path, *, sobol: bool = False) -> Path:
    if sobol:
        body = """
name = "sens_small"
scenarios = ["nurture"]
replications = 1
root_seed = 5
[set]
days = 30
"population.customers" = 200
[factors."levers.broadcast.frequency_per_day"]
range = [0.5, 5.0]
name = "frequency"
[factors."levers.coupon.depth"]
range = [0.0, 0.4]
name = "coupon_depth"
[design]
method = "sobol"
samples = 4
[objectives]
cum_profit = "max"
"""
    else:
        body = """
name = "freq_coupon_small"
description = "Broadcast frequency against coupon depth"
scenarios = ["nurture", "harvest"]
replications = 2
root_seed = 11
[set]
days = 40
"population.customers" = 300
[factors."levers.broadcast.frequency_per_day"]
values = [1, 4]
name = "frequency"
[factors."levers.coupon.depth"]
values = [0.0, 0.1, 0.3]
name = "coupon_depth"
[objectives]
cum_profit = "max"
"""
    path = folder / ("sobol.toml" if sobol else "grid.toml")
    path.write_text(body, encoding="utf-8")
    return path


def run_sweep(tmp: Path, *, sobol: bool = False) -> Path:
    from siyu_sim.experiments.backends import SerialBackend
    from siyu_sim.experiments.sweep import sweep

    exp = write_experiment(tmp, sobol=sobol)
    out = tmp / ("results_sobol" if sobol else "results_grid")
    result = sweep(exp, out=out, backend=SerialBackend())
    assert result.complete
    return out


def make_partial(folder: Path, dest: Path, keep: int) -> Path:
    """A copy of a results folder whose manifest stops after ``keep`` runs and a cut line, as
    a sweep that is still running or was interrupted leaves it."""
    import shutil

    shutil.copytree(folder, dest)
    lines = (folder / "_manifest.jsonl").read_text(encoding="utf-8").splitlines()
    (dest / "_manifest.jsonl").write_text("\n".join(lines[:keep]) + '\n{"run_id": "cut sho',
                                          encoding="utf-8")
    return dest


# ---- fixtures ---------------------------------------------------------------------------------

@pytest.fixture(scope="module")
def data():
    return comparison_data()


@pytest.fixture(scope="module")
def reports(data, tmp_path_factory):
    daily, seg, scenarios = data
    out = tmp_path_factory.mktemp("reports")
    meta = {"seed": 7, "version": "test", "date": "2025-01-02", "command": "siyu compare nurture harvest"}
    return {lang: comparison_report(daily, scenarios, out / f"compare_{lang}.html", lang=lang,
                                    segment_daily=seg, meta=meta).read_text(encoding="utf-8")
            for lang in ("en", "zh")}


# ---- catalogue and numbers --------------------------------------------------------------------

def _fields(s: str) -> set[str]:
    return {f for _, f, _, _ in string.Formatter().parse(s) if f}


def test_catalogue_has_both_languages_with_the_same_fields():
    for table in (T.TEXT, T.OBSERVED_LABELS, T.SCENARIO_LABELS, T.SEGMENT_LABELS):
        for key, entry in table.items():
            assert set(entry) == set(T.LANGS), key
            assert _fields(entry["en"]) == _fields(entry["zh"]), key
            assert entry["en"] and entry["zh"], key
    for entry in T.KEY_ASSUMPTIONS:
        assert CJK.search(entry["zh"]) and entry["en"]


def test_chinese_catalogue_is_chinese():
    for key, entry in T.TEXT.items():
        if key in ("lang_attr", "gmv", "roi", "panel_roi", "sweep_lo", "sweep_hi",
                   "asm_version", "comparison_subtitle", "col_gmv",
                   "sw_front_item", "sw_list_sep", "cal_list_sep", "cal_clause_sep", "sw_ranked_line", "err_list_sep", "err_sep",
                   "err_words_range", "err_words_unit", "unc_driver", "unc_voi", "unc_list_sep",
                   "unc_source_file", "calib_metric_periods"):  # punctuation only
            continue
        assert CJK.search(entry["zh"]), f"{key}: {entry['zh']!r} has no Chinese"


def test_number_formats():
    assert T.money(-12_345, "zh") == "−1.23万元"
    assert T.money(1_500_000, "en") == "¥1.5M"
    assert T.money(250_000_000, "zh") == "2.5亿元"
    assert T.money(-1_456_311, "en") == "−¥1.46M"
    assert T.number(999, "en") == "999"
    assert T.percent(0.256) == "26%"
    assert T.ratio(-0.5) == "−0.50"
    assert T.money(float("nan"), "en") == "–"
    # one money format per language: the terminal and the reports write the same thing, so
    # money() has no house styles to choose between
    import inspect
    assert list(inspect.signature(T.money).parameters) == ["x", "lang"]
    assert T.money(384_087.4, "zh") == "38.4万元" and T.money(12_345, "en") == "¥12.3K"


def test_numbers_are_cldr_compact_forms():
    """Counts and amounts in CLDR's units by language (Babel): K/M/B in English, 万/亿 in
    Chinese, at three significant digits, rounded before the unit is chosen."""
    assert [T.number(x, "en") for x in (1_234, 999_950, 2.5e9)] == ["1.23K", "1M", "2.5B"]
    assert [T.number(x, "zh") for x in (9_999, 12_345, 999_950, 1.23e8)] == ["9,999", "1.23万", "100万", "1.23亿"]
    assert T.number(-0.2, "zh") == "−0.2" and T.number(0, "en") == "0" and T.number(12.345, "en") == "12.3"
    assert T.number(5_875.25, "zh") == "5,875" and T.number(999.6, "en") == "1,000"  # below the first unit


def test_a_non_zero_share_never_shows_as_zero_percent():
    assert T.percent(0.0) == "0%"
    assert T.percent(38 / 10_000) == "<1%"
    assert T.percent(0.004) == "<1%"
    assert T.percent(0.005) != "0%"
    assert T.percent(1.0) == "100%"
    with pytest.raises(ValueError, match="lang"):
        T.check_lang("fr")


# ---- comparison report ------------------------------------------------------------------------

def test_comparison_report_is_one_self_contained_file(reports):
    for html in reports.values():
        assert not re.search(r"<script[^>]+src=", html), "an external script would need the internet"
        assert not re.search(r"<link[^>]+href=[\"']https?:", html)
        assert html.count(plotly.offline.get_plotlyjs()[:300]) == 1, "plotly.js inlined exactly once"
        assert html.count("Plotly.newPlot(") == len(COMPARISON_FIGURES)
        assert "@media print" in html and "WenQuanYi Micro Hei" in html and "Noto Sans CJK SC" in html


def test_comparison_report_has_every_section_and_figure(reports):
    for html in reports.values():
        for sec in COMPARISON_SECTIONS:
            assert f'<section id="{sec}"' in html, sec
        for fig in COMPARISON_FIGURES:
            assert f'id="fig-{fig}"' in html, fig


def test_comparison_summary_answers_the_three_questions_in_english(reports):
    html = reports["en"]
    for q in ("1. Does it pay?", "2. Is it the best use of the money?", "3. Does it scale?"):
        assert q in html
    assert "paid ads" in html and "cannot tell" in html
    assert "10–90%" in html  # two replications: intervals are shown
    assert 'lang="en"' in html


def test_chinese_report_is_in_chinese(reports):
    html = reports["zh"]
    assert '<html lang="zh-CN">' in html
    for phrase in ("核心结论", "能赚钱吗", "这笔钱花在这里最划算吗", "能规模化吗", "成员状态变化", "假设与参数",
                   "免打扰", "付费广告"):
        assert phrase in html, phrase
    for english in ("Executive summary", "Does it pay?", "Members by status", "Key model assumptions",
                    "Cumulative profit"):
        assert english not in html, english
    assert "Plotly.register" in html and "zh-CN" in html  # plotly's own words in Chinese too


def test_assumptions_page_pulls_the_schema(reports):
    html = reports["en"]
    # descriptions, units and sources come from the pydantic fields
    assert "drifts back toward the customer's own baseline" in html.replace("&#39;", "'").replace("&#x27;", "'")
    assert "Pinduoduo 367 per active buyer (2021)" in html
    assert "levers.broadcast.frequency_per_day" in html.replace("<wbr>", "")  # may wrap after a dot
    assert "Settings that differ between the strategies" in html
    assert "siyu compare nurture harvest" in html and "2025-01-02" in html
    assert "common random numbers" in html


def _synthetic(name: str, gmv: float, profit: float, days: int = 60, reps: int = 1) -> pd.DataFrame:
    rows = []
    for r in range(reps):
        for d in range(days):
            row = {c: 1.0 for c in ("prospects", "active", "muted", "churned", "members", "ever_members",
                                    "engaged", "ever_buyers", "repeat_buyers", "referrers",
                                    "trust_0_20", "trust_20_40", "trust_40_60", "trust_60_80",
                                    "trust_80_100", "mean_trust", "repurchase_rate", "referrals",
                                    "revenue", "discount_cost", "staff", "leads", "management_layers",
                                    "lead_cost", "fixed_tool_cost")}
            row.update(scenario=name, replication=r, day=d, gmv=gmv, profit=profit,
                       cum_profit=profit * (d + 1), cum_spend=10.0 * (d + 1),
                       roi=profit / 10.0, alt_ads_cum_profit=5.0 * (d + 1))
            rows.append(row)
    return pd.DataFrame(rows)


def test_false_prosperity_is_called_out(tmp_path):
    daily = pd.concat([_synthetic("nurture", gmv=100.0, profit=20.0),
                       _synthetic("harvest", gmv=300.0, profit=-5.0)])
    html = comparison_report(daily, [small("nurture"), small("harvest")], tmp_path / "r.html").read_text()
    assert "False prosperity" in html
    assert "<b>harvest</b> does not pay" in html and "<b>nurture</b> pays" in html
    # against paid ads it does not judge: the customers ads buy are valued on the baseline
    assert "Against paid ads: not judged without the no-private-domain baseline" in html
    assert "beats paid ads" not in html and "loses to paid ads" not in html
    html_zh = comparison_report(daily, [small("nurture"), small("harvest")], tmp_path / "z.html",
                                lang="zh").read_text()
    assert "虚假繁荣" in html_zh


def test_no_false_prosperity_when_gmv_and_profit_agree(tmp_path):
    daily = pd.concat([_synthetic("nurture", gmv=300.0, profit=20.0),
                       _synthetic("harvest", gmv=100.0, profit=-5.0)])
    html = comparison_report(daily, [small("nurture"), small("harvest")], tmp_path / "r.html").read_text()
    assert "False prosperity" not in html


def test_ltv_section_says_so_when_segment_table_is_missing(data, tmp_path):
    daily, _, scenarios = data
    html = comparison_report(daily, scenarios, tmp_path / "r.html").read_text()
    assert 'id="fig-ltv"' not in html
    assert "Not available in this report" in html
    assert html.count("Plotly.newPlot(") == len(COMPARISON_FIGURES) - 1


def test_single_run_without_id_columns(tmp_path):
    sc = small("nurture", days=40, customers=500)
    daily = run_scenario(sc, replication=0).daily  # no scenario / replication columns
    path = comparison_report(daily, [sc], tmp_path / "one.html", lang="zh")
    html = path.read_text()
    assert "单次运行" in html and "（10%–90%：" not in html
    assert html.count("Plotly.newPlot(") == 5


def test_bad_inputs_are_refused_clearly(data, tmp_path):
    daily, _, scenarios = data
    with pytest.raises(ValueError, match="empty"):
        comparison_report(daily.iloc[0:0], scenarios, tmp_path / "x.html")
    with pytest.raises(ValueError, match="not among those given"):
        comparison_report(daily, scenarios[:1], tmp_path / "x.html")
    with pytest.raises(ValueError, match="no rows for scenarios"):
        comparison_report(daily[daily.scenario == "nurture"], scenarios, tmp_path / "x.html")
    with pytest.raises(ValueError, match="lacks columns"):
        comparison_report(daily.drop(columns=["cum_profit"]), scenarios, tmp_path / "x.html")
    with pytest.raises(ValueError, match="lang"):
        comparison_report(daily, scenarios, tmp_path / "x.html", lang="de")
    assert not (tmp_path / "x.html").exists()


def test_bands_come_from_replications(data):
    from siyu_sim.report import stats

    daily, _, _ = data
    b = stats.band(daily[daily.scenario == "harvest"], "cum_profit", ["day"])
    assert (b["n"] == 2).all()
    assert (b["lo"] <= b["mid"]).all() and (b["mid"] <= b["hi"]).all()
    assert (b["hi"] - b["lo"]).max() > 0  # replications differ, so the band has width


# The sweep and sensitivity reports' tests are in test_sweep_report.py.


def test_the_team_paragraph_is_said_once_and_a_lead_who_costs_nothing_is_no_line(reports, tmp_path):
    """What the team mechanisms mean for scale is said once for both strategies, each strategy's
    team in figures beside its pool; with leads that cost nothing (issue 26: "1 名主管（每天 0元）"),
    no lead line is printed."""
    for lang, why, lead in (("en", "economies of scale", "team lead(s) ("), ("zh", "规模经济", "名主管（每天")):
        assert reports[lang].count(why) == 1, lang
        assert reports[lang].count(lead) == 2, lang  # the figures, once per strategy
    scenarios = []
    for name in ("nurture", "harvest"):
        s = small(name, days=30, customers=300)
        scenarios.append(s.model_copy(update={"economics": s.economics.model_copy(
            update={"lead_cost_per_day_cny": 0.0})}))
    frames = []
    for sc in scenarios:
        frame = run_scenario(sc).daily.copy()
        frame.insert(0, "scenario", sc.name)
        frames.append(frame)
    daily = pd.concat(frames, ignore_index=True)
    for lang, lead in (("en", "team lead(s) ("), ("zh", "名主管（每天")):
        html = comparison_report(daily, scenarios, tmp_path / f"{lang}.html", lang=lang).read_text(encoding="utf-8")
        assert lead not in html, lang
        assert T.money(0.0, lang) + "；" not in html and "(¥0 a day" not in html, lang


def test_segments_are_named_in_one_language():
    """Issue 26: "fan", "普通型", "occasional" in one Chinese chart. Segments take their Chinese
    names only when every one has one; else every one is named in English, as given."""
    shipped = ["loyal_prone", "regular", "bargain_hunter"]
    assert T.segment_labels(shipped, "zh") == {"loyal_prone": "忠诚倾向型", "regular": "普通型",
                                               "bargain_hunter": "薅羊毛型"}
    mine = ["fan", "regular", "occasional"]
    assert T.segment_labels(mine, "zh") == {"fan": "fan", "regular": "regular", "occasional": "occasional"}
    data = small("nurture", 30, 300).to_dict()
    data["population"]["segments"] = [{"name": "fan", "share": 0.2, "title": "Fans", "title_zh": "粉丝"},
                                      {"name": "regular", "share": 0.5},
                                      {"name": "occasional", "share": 0.3, "title_zh": "偶尔买"}]
    data["levers"] = {k: v for k, v in data["levers"].items() if not v.get("segments")}
    with T.titled([Scenario.from_dict(data)]):
        assert T.segment_labels(mine, "zh") == {"fan": "粉丝", "regular": "普通型", "occasional": "偶尔买"}
        assert T.segment_labels(mine, "en") == {"fan": "Fans", "regular": "regular", "occasional": "occasional"}
    assert T.segment_labels(mine, "zh")["fan"] == "fan"  # the titles hold only inside titled
