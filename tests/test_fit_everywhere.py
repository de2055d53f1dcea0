"""A fitted brand's answer says how good the fit is wherever it is shown, and names settings by
their words (issue 26, the consultant's review): the comparison report's page 1 (with and without
``--draws``), the deck's answer slide and the app, from the one judgement the ``[calibration]``
record keeps; the fit section, the driver chart and the appendix by the settings' words, a segment's
setting by the segment's title, in English and Chinese.

The brand is the consultant's (``tests/data/fitted``: a POOR fit, three metrics missed, two
estimates at a bound), run on 300 rows over 45 days; the good fit is the same record marked good.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from pptx import Presentation

from siyu_sim.app.page import AppPage
from siyu_sim.app.whatif import WhatIf
from siyu_sim.compare import compare
from siyu_sim.config.scenario_files import load_scenario
from siyu_sim.experiments.backends import SerialBackend
from siyu_sim.report import report_comparison
from siyu_sim.report.calibration_report import fit_line
from siyu_sim.report.deck import write_deck
from siyu_sim.report.uncertainty_report import driver_figure
from siyu_sim.uncertainty.verdict import lines
from siyu_sim.uncertainty.weigh import weigh
from siyu_sim.words import setting_label, t, titled

FITTED = Path(__file__).parent / "data" / "fitted"
#: The fitted parameters whose paths a reader must not meet (a segment by its index among them).
PATHS = ("population.segments.0.need_cycle_days", "population.segments.1.need_cycle_days",
         "economics.order_value_cny", "behaviour.churn.leave_no_reason", "levers.store_qr.rate_at_full_execution")
WORDS = {"en": ("Need cycle (Office regulars)", "Need cycle (Students)", "Order value"),
         "zh": ("需求周期（写字楼常客）", "需求周期（学生）", "客单价")}


def small(path: Path, good: bool | None = None, days: int = 45):
    s = load_scenario(path)
    s = s.model_copy(update={"days": days, "population": s.population.model_copy(update={"rows": 300})})
    if good is not None:
        s = s.model_copy(update={"calibration": s.calibration.model_copy(update={"good": good})})
    return s


@pytest.fixture(scope="module")
def poor():
    return [small(FITTED / "moli_fit.toml"), small(FITTED / "moli_care.toml")]


@pytest.fixture(scope="module")
def result(poor):
    return compare(poor)


@pytest.fixture(scope="module")
def weighed(poor):
    return weigh(poor, draws=6, rows=200, repeats=2)


def test_the_fit_in_one_line_good_or_poor_in_both_languages(poor):
    said = {lang: fit_line(poor, lang) for lang in ("en", "zh")}
    assert said["en"][0] is False and said["zh"][0] is False
    en, zh = said["en"][1], said["zh"][1]
    assert "POOR fit" in en and "new members by 31%" in en and "more than the 10% margin" in en
    assert "2 fitted values sit at a bound" in en and "not as this brand's forecast" in en
    assert "拟合不佳" in zh and "2 个拟合值落在允许范围的边界" in zh and "POOR" not in zh
    good = [s.model_copy(update={"calibration": s.calibration.model_copy(update={"good": True})}) for s in poor]
    ok, line = fit_line(good, "en")
    assert ok and "a good fit, every fitted metric within 10%; 13 of 15 held-out values inside their band" in line
    assert fit_line([s.model_copy(update={"calibration": None}) for s in poor], "en") is None  # nothing fitted


def _slide_text(path: Path) -> str:
    return "\n".join(s.text_frame.text for s in Presentation(path).slides[0].shapes if s.has_text_frame)


def test_the_deck_says_the_fit_beside_the_answer(result, poor, tmp_path):
    for lang in ("en", "zh"):
        text = _slide_text(write_deck(result, tmp_path / f"{lang}.pptx", lang=lang))
        with titled(poor):
            assert fit_line(poor, lang)[1] in text
    # every slide, forwarded alone (the key figures, the bridge, the months...), says the fit is poor
    from pptx import Presentation

    for lang, mark in (("en", "POOR FIT"), ("zh", "拟合不佳")):
        deck = Presentation(str(tmp_path / f"{lang}.pptx"))
        assert len(deck.slides) > 1 and all(
            any(mark in shape.text_frame.text for shape in slide.shapes if shape.has_text_frame)
            for slide in deck.slides), lang
    bare = compare([s.model_copy(update={"calibration": None}) for s in poor])
    assert "own numbers" not in _slide_text(write_deck(bare, tmp_path / "bare.pptx"))  # nothing fitted, nothing said


def _section(html: str, anchor: str) -> str:
    return re.search(rf'<section id="{anchor}".*?</section>', html, re.S).group(0)


def test_page_one_says_the_fit_with_and_without_draws(result, weighed, tmp_path):
    plain = report_comparison(result, tmp_path / "plain.html").read_text(encoding="utf-8")
    assert 'id="poor-fit"' in _section(plain, "summary")
    drawn = report_comparison(result, tmp_path / "drawn.html", weighing=weighed, lang="zh").read_text(encoding="utf-8")
    first = re.search(r"<section.*?</section>", drawn, re.S).group(0)  # page 1: the answer across the draws
    assert 'id="poor-fit"' in first and "拟合不佳" in first


def test_a_good_fit_is_one_short_line_on_page_one(tmp_path):
    good = compare([small(FITTED / "moli_fit.toml", good=True), small(FITTED / "moli_care.toml", good=True)])
    summary = _section(report_comparison(good, tmp_path / "good.html").read_text(encoding="utf-8"), "summary")
    assert 'id="poor-fit"' not in summary and "a good fit, every fitted metric within 10%" in summary


def test_the_driver_chart_and_the_verdict_name_settings_by_their_words(weighed, poor):
    """The fit's accepted parameter sets are one driver, by their label; the segments' need cycles
    the fit did not estimate are drawn by the default assumption's words; no path anywhere."""
    joint = {"en": "calibrated parameters", "zh": "校准参数"}
    for lang in ("en", "zh"):
        with titled(poor):  # as the report, the deck and the terminal name them
            fig = driver_figure(weighed, lang)
            said = "\n".join(lines(weighed, lang))
        ticks = " ".join(str(y) for trace in fig.data for y in (trace.y if trace.y is not None else []))
        assert joint[lang] in ticks, (lang, ticks)
        assert not any(p in ticks or p in said for p in PATHS), (lang, ticks)


def test_the_fit_section_and_appendix_name_settings_by_their_words(result, tmp_path):
    for lang in ("en", "zh"):
        html = report_comparison(result, tmp_path / f"{lang}.html", lang=lang).read_text(encoding="utf-8")
        fitted = _section(html, "fitted")
        assert "Need cycle (Office regulars)" in fitted or "需求周期（写字楼常客）" in fitted  # a warning names it
        appendix = re.search(r'<div class="appendix" id="appendix">.*?</main>', html, re.S).group(0)
        table = re.search(r'<table class="kpi fitted">.*?</table>', appendix, re.S).group(0)
        for words in WORDS[lang]:
            assert f">{words}</span>" in table, (lang, words)  # by its words, its path on hover
        shown = re.sub(r'title="[^"]*"', "", fitted + table)  # what a reader reads, hover text aside
        assert not any(p in shown for p in PATHS), lang
        # the appendix: the words over the path a user types
        assert re.search(rf'{re.escape(WORDS[lang][0])}<br><small class="path">population\.<wbr>segments\.<wbr>'
                         r'office_regular\.<wbr>need_cycle_days</small>', html), lang
        with titled(result.scenarios):
            assert setting_label("population.segments.0.need_cycle_days", lang) == WORDS[lang][0]


def test_the_app_says_the_fit_beside_the_headline(tmp_path):
    whatif = WhatIf(str(FITTED / "moli_fit.toml"), str(FITTED / "moli_care.toml"), days=30, rows=300)
    page = AppPage(whatif, "en", backend=SerialBackend)
    try:
        assert 'class="fit poor"' in page.fit.object and "POOR fit" in page.fit.object
        assert "new members by 31%" in page.fit.object
        page.language.value = "zh"
        assert "拟合不佳" in page.fit.object and "POOR" not in page.fit.object
    finally:
        page.worker.stop()
    plain = WhatIf("nurture", "harvest", days=30, customers=300)
    page = AppPage(plain, "en", backend=SerialBackend)
    try:
        assert page.fit.object == ""  # nothing fitted, nothing said
    finally:
        page.worker.stop()


def test_the_terminal_says_the_fit_beside_the_answer():
    """The review: the terminal printed a fitted brand's answer with its paired interval and never
    said the fit was poor."""
    from typer.testing import CliRunner

    from siyu_sim.cli import app

    out = CliRunner().invoke(app, ["compare", str(FITTED / "moli_care.toml"), "harvest", "--days", "30",
                                   "--rows", "300", "--lang", "zh"])
    assert out.exit_code == 0, out.output
    assert "拟合不佳" in out.output, out.output[-800:]
