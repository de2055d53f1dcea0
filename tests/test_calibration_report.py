"""The calibration report (issue 13) on a small synthetic ``CalibrationResult``, independent of
the fit: 3 parameters (one deliberately flat, so not identified), 12 months, 3 metrics with
some observations missing, held-out months 11–12 with one observation far outside its band.

Browser checks (marker ``browser``): Debian's headless Chromium renders both languages with no
console error and no request beyond the file, and the Chinese page shows no English words
outside parameter paths, commands and the scenario file."""

from __future__ import annotations

import re
import string

import numpy as np
import pandas as pd
import plotly.offline
import pytest

from siyu_sim import presets
from siyu_sim.calibration.result import CalibrationResult, Estimate
from siyu_sim.config.scenario_files import dumps_scenario
from siyu_sim.calibration import quality as q
from siyu_sim.report import calibration_figures as figs, calibration_stats as stats
from siyu_sim.report.calibration_report import calibration_report_html, write_calibration_report
from siyu_sim.report.html import PRINT_MAX_HEIGHT, PRINT_WIDTH
from siyu_sim.config.observed_columns import OBSERVED_COLUMNS
from siyu_sim.report.labels import metric_label
from siyu_sim.words import number, setting_label, t
from siyu_sim.words.calibration import CALIBRATION

from chromium import ARTIFACTS, CHROMIUM, MISSING

CJK = re.compile(r"[\u4e00-\u9fff]")
METRICS = {"members": 1.0, "gmv": 1.0, "new_members_store_qr": 0.5}
PARAMS = {  # path: (allowed low, allowed high, best, interval low, interval high, identified)
    "behaviour.trust.care_gain": (0.0, 0.2, 0.081, 0.07, 0.095, True),
    "behaviour.purchase.lapse_per_year": (0.0, 0.5, 0.128, 0.1, 0.16, True),
    "behaviour.churn.rejoin_willingness": (0.0, 1.0, 0.41, 0.03, 0.97, False),
}
FLAT = "behaviour.churn.rejoin_willingness"
HELD = [11, 12]


def _truth(metric: str, p: np.ndarray) -> np.ndarray:
    return {"members": 1000 + 200 * p, "gmv": 40_000 * np.sqrt(p), "new_members_store_qr": 150 + 10 * p}[metric]


def fake_result(reps: int = 20, period: str = "month", truth: bool = False) -> CalibrationResult:
    rng = np.random.default_rng(1)
    p = np.arange(1, 13)
    observed = pd.DataFrame({"period": p, **{m: _truth(m, p).astype(float) for m in METRICS}})
    observed.loc[observed.period == 4, "gmv"] = np.nan          # a missing month
    observed.loc[observed.period == 2, "new_members_store_qr"] = np.nan
    observed.loc[observed.period == 12, "gmv"] *= 2.0           # far outside the band
    sim = [{"period": int(k), "metric": m, "replicate": r, "value": float(v * (1 + 0.05 * rng.normal()))}
           for m in METRICS for r in range(reps) for k, v in zip(p, _truth(m, p))]
    n = 150
    x = {path: rng.uniform(lo, hi, n) for path, (lo, hi, *_) in PARAMS.items()}
    loss = (1 + 40 * (x["behaviour.trust.care_gain"] - 0.08) ** 2 / 0.04
            + 10 * (x["behaviour.purchase.lapse_per_year"] - 0.13) ** 2 / 0.25 + 0.02 * rng.random(n))
    trials = pd.DataFrame({"number": np.arange(n), **x, "loss": loss})
    names = list(PARAMS)
    corr = pd.DataFrame([[1.0, 0.82, 0.05], [0.82, 1.0, -0.1], [0.05, -0.1, 1.0]], index=names, columns=names)
    estimates = [Estimate(path=path, best=b, low=lo, high=hi, range_low=rl, range_high=rh, identified=ok,
                          truth=(0.08 if i == 0 else 0.13 if i == 1 else 0.99) if truth else None)
                 for i, (path, (rl, rh, b, lo, hi, ok)) in enumerate(PARAMS.items())]
    return CalibrationResult(
        name="luckin_community", period=period, metrics=dict(METRICS), fit_periods=list(range(1, 11)),
        held_out_periods=list(HELD), estimates=estimates, observed=observed, trials=trials,
        simulated=pd.DataFrame(sim), correlations=corr, calibrated_toml=dumps_scenario(presets.nurture()),
        spec={"scenario": "nurture.toml", "trials": n, "held_out": 2}, warnings=["a note from the fit"],
        best_loss=float(loss.min()))


@pytest.fixture(scope="module")
def result():
    return fake_result()


@pytest.fixture(scope="module")
def pages(result):
    return {lang: calibration_report_html(result, lang) for lang in ("en", "zh")}


def _without_plotly(html: str) -> str:
    """The page without plotly.js, the figures' JSON escapes (\\uXXXX) read as characters."""
    html = html.replace(plotly.offline.get_plotlyjs(), "")
    return re.sub(r"\\u([0-9a-fA-F]{4})", lambda m: chr(int(m.group(1), 16)), html)


# ---- the page ---------------------------------------------------------------------------------

def test_report_is_one_offline_file_with_every_section(pages):
    for html in pages.values():
        assert not re.search(r"<script[^>]+src=", html), "an external script would need the internet"
        assert not re.search(r"<link[^>]+href=[\"']https?:", html)
        assert html.count(plotly.offline.get_plotlyjs()[:300]) == 1, "plotly.js inlined exactly once"
        assert html.count("Plotly.newPlot(") == 5
        assert "@media print" in html and 'class="appendix"' in html
        for anchor in ("summary", "fit", "estimates", "identification", "correlations", "convergence", "next"):
            assert f'<section id="{anchor}"' in html, anchor


def test_write_beside_the_folder_names_the_calibrated_scenario(result, tmp_path):
    result.save(tmp_path / "fit")
    back = CalibrationResult.load(tmp_path / "fit")  # the contract's round trip feeds the report
    path = write_calibration_report(back, tmp_path / "fit" / "report.html", lang="zh")
    html = path.read_text(encoding="utf-8")
    assert f"siyu compare {tmp_path / 'fit' / 'calibrated.toml'}" in html
    assert "[population]" in html  # the calibrated TOML in the appendix
    assert "的模型校准" in html


def test_summary_counts_the_held_out_observations_inside_the_band(result, pages):
    judged = result.fit_quality()
    assert (judged.held_inside, judged.held_total) == (5, 6)  # gmv in month 12 is twice what the model says
    assert judged.held_outside == [["gmv", 12]]
    assert "<b>Held-out check:</b> 5 of 6 held-out values of the fitted metrics (83%)" in pages["en"]
    assert "拟合指标的 6 个留出期数值中有 5 个（83%）" in pages["zh"]


def test_metric_errors_are_relative_to_what_was_observed(result):
    rows = q.joined(result)
    tab = stats.metric_table(result).set_index("metric")
    g = rows[(rows.metric == "gmv") & rows.held & rows.observed.notna()]
    expected = (g["median"] - g["observed"]).abs().sum() / g["observed"].abs().sum()
    assert tab.loc["gmv", "held_error"] == pytest.approx(expected)
    assert tab.loc["gmv", "observations"] == 11 and tab.loc["new_members_store_qr", "observations"] == 11
    assert tab.loc["members", "held_inside"] == 2 and tab.loc["gmv", "held_inside"] == 1
    assert tab.loc["members", "fit_error"] < 0.05


def test_not_identified_warning_names_only_the_flat_parameter(pages, result):
    for lang, html in pages.items():
        banner = re.search(r'<div class="banner" id="not-identified">(.*?)</div>', html, re.S).group(1)
        # named by its words, its path on hover (issue 26: no raw path where a reader reads)
        assert f'<span class="setting" title="{FLAT}">{setting_label(FLAT, lang)}</span>' in banner
        assert all(p not in banner for p in PARAMS if p != FLAT)
        rows = re.findall(r'<tr class="unidentified">(.*?)</tr>', html, re.S)
        assert len(rows) == 1 and FLAT in rows[0] and t("cal_unidentified", lang) in rows[0]
        table = re.search(r'<table class="kpi estimates">(.*?)</table>', html, re.S).group(1)
        assert table.count(t("cal_unidentified", lang)) == 1
    fig = figs.loss_figure(result.trials, result.estimates, "en")
    titles = [fig.layout[f"xaxis{i or ''}"].title.text for i in range(0, 4) if i != 1]
    flagged = [x for x in titles if x and "not identified" in x]
    assert flagged == [t("cal_flat_title", "en", name=f"{setting_label(FLAT, 'en')}<br>")]
    intervals = [(s.x0, s.x1) for s in fig.layout.shapes]  # each interval shaded on its panel
    assert intervals == [(e.low, e.high) for e in result.estimates]


def test_no_warning_when_every_parameter_is_identified(result):
    import dataclasses

    observed = result.observed.copy()  # month 12's GMV back on the curve: a held-out miss of 2x fails the fit
    observed.loc[observed.period == 12, "gmv"] /= 2.0
    ok = dataclasses.replace(result, observed=observed,
                             estimates=[dataclasses.replace(e, identified=True) for e in result.estimates])
    html = calibration_report_html(ok, "en")
    assert 'id="not-identified"' not in html and "NOT identified" not in html
    assert "3 of 3 fitted parameters are pinned down" in html


def test_interval_numbers_are_the_results(pages, result):
    for lang, html in pages.items():
        table = re.search(r'<table class="kpi estimates">(.*?)</table>', html, re.S).group(1)
        for e in result.estimates:
            row = next(r for r in re.findall(r"<tr[^>]*>(.*?)</tr>", table, re.S) if e.path in r)
            assert f'data-v="{e.best}">{number(e.best, lang)}<' in row
            interval = t("cal_range", lang, low=number(e.low, lang), high=number(e.high, lang))
            assert f'data-v="{e.low} {e.high}">{interval}<' in row
            allowed = t("cal_range", lang, low=number(e.range_low, lang), high=number(e.range_high, lang))
            assert allowed in row
    assert "0.07 to 0.095" in pages["en"] and "0.07 至 0.095" in pages["zh"]


def test_parameter_meanings_come_from_the_schema(pages):
    assert "Trust built by one personal 1:1 contact" in pages["en"]
    assert "Trust built by one personal 1:1 contact" not in pages["zh"]


def test_correlations_and_strong_pairs(pages, result):
    assert stats.strong_pairs(result.correlations) == [
        ("behaviour.trust.care_gain", "behaviour.purchase.lapse_per_year", 0.82)]
    assert "Strongly correlated:" in pages["en"] and "强相关的参数：" in pages["zh"]
    fig = figs.correlation_figure(result.correlations, "en")
    assert fig.data[0].zmin == -1 and fig.data[0].zmax == 1


def test_recovery_check_shows_the_true_values():
    html = calibration_report_html(fake_result(truth=True), "en")
    assert "the true value lies inside the interval for 2 of 3 parameters" in html
    assert "True value" in html


# ---- the figures' data ------------------------------------------------------------------------

def test_held_out_months_are_marked_in_the_figure(result):
    rows = q.joined(result)
    fig = figs.fit_figure(rows, q.shown_metrics(result), result.held_out_periods, "month", 20, "en")
    held = [tr for tr in fig.data if tr.name == t("cal_observed_held", "en")]
    fitted = [tr for tr in fig.data if tr.name == t("cal_observed_fit", "en")]
    assert len(held) == len(fitted) == 3
    assert all(list(tr.x) == HELD for tr in held)
    assert all(not set(tr.x) & set(HELD) for tr in fitted)
    shaded = [(s.x0, s.x1) for s in fig.layout.shapes]
    assert shaded == [(10.5, 12.5)] * 3, shaded
    assert [a.text for a in fig.layout.annotations] == [t("cal_held_marker", "en")] * 3


def test_missing_observations_are_not_drawn_but_the_simulation_is(result):
    rows = q.joined(result)
    fig = figs.fit_figure(rows, q.shown_metrics(result), HELD, "month", 20, "en")
    gmv = [tr for tr in fig.data if tr.name == t("cal_observed_fit", "en")][1]
    assert 4 not in list(gmv.x) and len(gmv.x) == 9
    medians = [tr for tr in fig.data if tr.name == t("cal_sim_median", "en")]
    assert len(medians) == 3 and all(len(tr.x) == 12 for tr in medians)
    bands = [tr for tr in fig.data if tr.fill == "tonexty"]
    luck = [tr for tr in bands if tr.legendgroup == "sim"]
    wider = [tr for tr in bands if tr.legendgroup == "pred"]
    assert len(luck) == len(wider) == 3  # the replications' band, and the held-out check's, on every panel
    for metric, band in zip(q.shown_metrics(result), wider):  # drawn where the held-out check reads it
        d = rows[rows.metric == metric]
        assert list(band.y) == list(d.pred_low) and list(band.x) == list(d.period)
    # the data's scatter widens the replications' band, never narrows it (tests/test_calibrate_quality.py
    # measures the scatter; here the observed values have none beyond the replications' 5%)
    assert (rows.pred_low <= rows.low).all() and (rows.pred_high >= rows.high).all()


def test_money_in_the_readers_format(result):
    rows = q.joined(result)
    for lang, unit in (("en", "¥"), ("zh", "万元")):
        fig = figs.fit_figure(rows, q.shown_metrics(result), HELD, "month", 20, lang)
        gmv = [tr for tr in fig.data if tr.name == t("cal_observed_fit", lang)][1]
        assert all(unit in c[1] for c in gmv.customdata)
    zh = figs.fit_figure(rows, q.shown_metrics(result), HELD, "month", 20, "zh")
    assert any("万" in str(v) for v in zh.layout.yaxis2.ticktext)


def test_one_replication_has_no_band_and_says_so():
    one = fake_result(reps=1)
    rows = q.joined(one)
    fig = figs.fit_figure(rows, q.shown_metrics(one), HELD, "month", 1, "en")
    assert not [tr for tr in fig.data if tr.fill == "tonexty"]
    html = calibration_report_html(one, "en")
    assert t("cal_cov_no_band", "en") in html and t("cal_reps_one", "en") in html


def test_weeks_are_weeks():
    html = _without_plotly(calibration_report_html(fake_result(period="week"), "zh"))
    assert "拟合 10 周" in html and "第 12 周" in html


def test_convergence_is_the_best_loss_so_far(result):
    conv = stats.convergence(result.trials)
    assert conv["best"].is_monotonic_decreasing
    assert conv["best"].iloc[-1] == pytest.approx(result.best_loss)
    assert stats.late_improvement(conv) >= 0


# ---- words ------------------------------------------------------------------------------------

def test_metric_names_in_both_languages():
    assert metric_label("new_members_store_qr", "zh") == "门店二维码新增成员数"
    assert metric_label("new_members_store_qr", "en") == "new members via store QR"
    assert metric_label("orders", "zh") == "成员订单数" and metric_label("gmv", "zh") == "GMV（元）"
    for name in OBSERVED_COLUMNS:  # every observed column has words, not its bare name
        assert CJK.search(metric_label(name, "zh")) and metric_label(name, "en"), name


def _fragments(text: str) -> list[str]:
    """The literal pieces of an English sentence of two words or more (single words can be
    identifiers, e.g. a legend group; the browser test reads those as the reader sees them)."""
    parts = [lit for lit, *_ in string.Formatter().parse(re.sub(r"<code>.*?</code>|<[^>]+>", "\n", text))]
    return [p.strip() for chunk in parts for p in chunk.split("\n") if " " in p.strip() and len(p.strip()) >= 8]


def test_chinese_report_has_no_english_labels(pages, result):
    zh = _without_plotly(pages["zh"])
    assert len(CJK.findall(zh)) > 1000
    assert '<html lang="zh-CN">' in zh
    for key, entry in CALIBRATION.items():
        assert CJK.search(entry["zh"]) or key in ("cal_list_sep", "cal_clause_sep"), key  # punctuation
        for piece in _fragments(entry["en"]):
            assert piece not in zh, (key, piece)
        assert f'"name":"{entry["en"]}"' not in zh, key  # a legend entry
    for metric in q.shown_metrics(result):
        assert f'"{metric_label(metric, "en")}' not in zh and metric_label(metric, "zh") in zh


# ---- in a browser -----------------------------------------------------------------------------

#: English a Chinese page may show outside paths, commands and files: names and references.
ALLOWED = {"GMV", "ROI", "siyu_sim", "siyu", "TOML", "DOMAIN", "PNG", "PDF", "CNY", "calibrated", "toml", "sim",
           "luckin_community",
           "agent", "based", "model"}  # the footer's "基于主体建模（agent-based model）"


@pytest.mark.browser
@pytest.mark.skipif(not CHROMIUM.exists(), reason=MISSING)
@pytest.mark.parametrize("lang", ["en", "zh"])
def test_renders_in_a_browser(result, tmp_path, lang, browser):
    path = write_calibration_report(result, tmp_path / f"calibration_{lang}.html", lang=lang)
    page = browser.new_page(viewport={"width": 1400, "height": 900})
    problems: list[str] = []
    requests: list[str] = []
    page.on("console", lambda m: problems.append(m.text) if m.type == "error" else None)
    page.on("pageerror", lambda e: problems.append(str(e)))
    page.on("request", lambda r: requests.append(r.url))
    page.goto(path.as_uri(), wait_until="load")
    page.wait_for_function("document.querySelectorAll('.js-plotly-plot').length === "
                           "document.querySelectorAll('div.figure').length")
    drawn = page.evaluate("""Array.from(document.querySelectorAll('.js-plotly-plot')).map(p =>
        p.querySelectorAll('.trace, .point, path.js-line, .hm, image, .gl-container canvas').length)""")
    assert len(drawn) == 5 and min(drawn) >= 1, drawn
    assert problems == [], problems
    assert all(u.startswith(("file:", "data:", "about:", "blob:")) for u in requests), requests
    assert page.evaluate("document.documentElement.scrollWidth") <= 1400, "page scrolls sideways"
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / f"calibration_{lang}.png"), full_page=True)
    if lang == "zh":
        text = page.evaluate("""() => {
            const skip = 'code, pre, .path, script, style, .modebar, details:not([open]) > :not(summary), '
                       + '.appendix ul';
            const out = [];
            const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
            for (let n = walker.nextNode(); n; n = walker.nextNode()) {
                if (!n.parentElement.closest(skip)) out.push(n.textContent);
            }
            return out.join(' ');
        }""")
        text = re.sub(r"[\w/.-]+\.(md|toml|html)\b", " ", text)  # file names
        text = re.sub(r"[（(][^（）()]*\d{4}[^（）()]*[）)]", " ", text)  # references: (Author 1996)
        words = set(re.findall(r"[A-Za-z][A-Za-z_]{2,}", text)) - ALLOWED
        params = {part for path in PARAMS for part in path.split(".")}
        assert words <= params, sorted(words - params)
    page.emulate_media(media="print")  # printed: every chart re-laid out to the paper
    page.evaluate("window.dispatchEvent(new Event('beforeprint'))")
    page.wait_for_function(f"""Array.from(document.querySelectorAll('.js-plotly-plot')).every(p =>
        p._fullLayout.width === {PRINT_WIDTH} && p._fullLayout.height <= {PRINT_MAX_HEIGHT})""")
    assert problems == [], problems
    page.close()


def test_a_sparse_result_still_reports():
    """One parameter, no trial finished, nothing held out, no correlations, a metric never
    observed: every section says what it can."""
    import dataclasses

    full = fake_result()
    sparse = dataclasses.replace(
        full, estimates=full.estimates[:1], held_out_periods=[], fit_periods=list(range(1, 13)),
        trials=full.trials.iloc[0:0], correlations=pd.DataFrame(), best_loss=float("nan"),
        metrics={**METRICS, "purchases": 1.0}, spec={}, warnings=[])
    html = calibration_report_html(sparse, "en")
    assert "No period was held out" in html and t("cal_corr_one", "en") in html
    assert 'id="not-identified"' not in html and '<section id="convergence"' not in html
    assert metric_label("purchases", "en") in html
