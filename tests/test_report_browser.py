"""Reports in a real browser: Debian's headless Chromium driven by playwright's Python package
(never a downloaded browser). No console errors, every chart drawn as SVG, Chinese shown as
Chinese, the settings table sorts; screenshots go to test-artifacts/ for a human to look at.

CI needs: ``apt-get install -y chromium fonts-wqy-microhei`` and ``pip install playwright``.
"""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import pytest

from siyu_sim.compare import compare
from siyu_sim.config.scenario_files import load_scenario
from siyu_sim.report import comparison_report, report_comparison, sweep_report
from siyu_sim.report.html import PRINT_MAX_HEIGHT, PRINT_WIDTH

from chromium import ARTIFACTS, CHROMIUM, MISSING
from test_report import comparison_data, make_partial, run_sweep


pytestmark = [
    pytest.mark.browser,
    pytest.mark.skipif(not CHROMIUM.exists(), reason=MISSING),
]
sync_api = pytest.importorskip("playwright.sync_api", reason="pip install playwright (no browser download)")


@pytest.fixture(scope="module")
def pages(tmp_path_factory):
    """Every kind of report, in both languages."""
    out = tmp_path_factory.mktemp("browser_reports")
    daily, seg, scenarios = comparison_data(reps=2, days=90)
    meta = {"seed": 7, "command": "siyu compare nurture harvest --report"}
    files = {}
    for lang in ("en", "zh"):
        files[f"compare_{lang}"] = comparison_report(daily, scenarios, out / f"compare_{lang}.html",
                                                     lang=lang, segment_daily=seg, meta=meta)
    fitted = fitted_comparison()  # a brand fitted (poorly) to its own numbers, and a variation of it
    for lang in ("en", "zh"):
        files[f"fitted_{lang}"] = report_comparison(fitted, out / f"fitted_{lang}.html", lang=lang,
                                                    meta={"command": "siyu compare moli_fit.toml moli_care.toml"})
    grid = run_sweep(out)
    sobol = run_sweep(out, sobol=True)
    partial = make_partial(grid, out / "partial", keep=7)
    for lang in ("en", "zh"):
        files[f"sweep_{lang}"] = sweep_report(grid, out / f"sweep_{lang}.html", lang=lang)
    files["sobol_zh"] = sweep_report(sobol, out / "sobol_zh.html", lang="zh")
    files["partial_en"] = sweep_report(partial, out / "partial_en.html", lang="en")
    return files


FITTED = Path(__file__).parent / "data" / "fitted"


def fitted_comparison():
    """The consultant's calibrated brand against its variation (tests/data/fitted), with segments
    for the LTV chart: few rows and days (what is printed is the same at any size)."""
    scenarios = []
    for name in ("moli_fit.toml", "moli_care.toml"):
        s = load_scenario(FITTED / name)
        scenarios.append(s.model_copy(update={"days": 90, "population": s.population.model_copy(update={"rows": 300})}))
    return compare(scenarios, reps=2, segments=True)


def _open(browser, path: Path, **context):
    page = browser.new_page(viewport={"width": 1400, "height": 900}, **context)
    problems: list[str] = []
    page.on("console", lambda m: problems.append(f"console error: {m.text}") if m.type == "error" else None)
    page.on("pageerror", lambda e: problems.append(f"page error: {e}"))
    page.on("requestfailed", lambda r: problems.append(f"request failed: {r.url}"))
    requests: list[str] = []
    page.on("request", lambda r: requests.append(r.url))
    page.goto(path.as_uri(), wait_until="load")
    page.wait_for_function("document.querySelectorAll('.js-plotly-plot').length === "
                           "document.querySelectorAll('div.figure').length")
    return page, problems, requests


KINDS = ["compare_en", "compare_zh", "sweep_en", "sweep_zh", "sobol_zh", "partial_en"]


@pytest.mark.parametrize("kind", KINDS)
def test_report_renders_without_errors(browser, pages, kind):
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    page, problems, requests = _open(browser, pages[kind])
    try:
        figures = page.evaluate("""() => Array.from(document.querySelectorAll('div.figure')).map(f => {
            const plot = f.querySelector('.js-plotly-plot');
            return {id: plot ? plot.id : null,
                    svgs: plot ? plot.querySelectorAll('svg.main-svg').length : 0,
                    marks: plot ? plot.querySelectorAll('.trace, .point, path.js-line, .hm, image').length : 0,
                    height: plot ? plot.getBoundingClientRect().height : 0};
        })""")
        assert figures, "no charts at all"
        for f in figures:
            assert f["id"], f
            assert f["svgs"] >= 1, f"{kind}: chart {f['id']} drew no SVG"
            assert f["marks"] >= 1, f"{kind}: chart {f['id']} has no traces drawn"
            assert f["height"] > 200, f
        assert problems == [], problems
        assert page.evaluate("document.documentElement.scrollWidth") <= 1400, "page scrolls sideways"
        assert all(u.startswith(("file:", "data:", "about:", "blob:")) for u in requests), \
            [u for u in requests if not u.startswith(("file:", "data:", "about:", "blob:"))]
        page.screenshot(path=str(ARTIFACTS / f"report_{kind}.png"), full_page=True)
        text = page.evaluate("document.body.innerText")
        if kind.endswith("_zh"):
            assert page.evaluate("document.documentElement.lang") == "zh-CN"
            assert sum("\u4e00" <= ch <= "\u9fff" for ch in text) > 200
            labels = page.evaluate("Array.from(document.querySelectorAll('.js-plotly-plot text'))"
                                   ".map(t => t.textContent).join(' ')")
            assert any("\u4e00" <= ch <= "\u9fff" for ch in labels), "chart labels are not Chinese"
        if kind.startswith("partial"):
            assert "PARTIAL RESULTS" in text
    finally:
        page.close()


def _print_layout(page) -> None:
    """What a browser does before printing: print media, then beforeprint; wait until every
    chart is re-laid out to the paper (an event's outcome, not a pause)."""
    page.emulate_media(media="print")
    page.evaluate("window.dispatchEvent(new Event('beforeprint'))")
    page.wait_for_function(f"""Array.from(document.querySelectorAll('.js-plotly-plot')).every(p =>
        p._fullLayout.width === {PRINT_WIDTH} && p._fullLayout.height <= {PRINT_MAX_HEIGHT})""")


def test_comparison_prints(browser, pages):
    """Print layout: the charts fit the paper, no toolbar, no menu, nothing fails on the way."""
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    page, problems, _ = _open(browser, pages["compare_zh"])
    try:
        _print_layout(page)
        widths = page.evaluate("Array.from(document.querySelectorAll('.js-plotly-plot svg.main-svg'))"
                               ".map(s => s.getBoundingClientRect().width)")
        assert widths and max(widths) <= PRINT_WIDTH + 1
        assert page.evaluate("getComputedStyle(document.querySelector('nav.toc')).display") == "none"
        toolbars = page.evaluate("Array.from(document.querySelectorAll('.modebar-container'))"
                                 ".map(m => getComputedStyle(m).display)")
        assert toolbars and set(toolbars) == {"none"}, toolbars
        page.screenshot(path=str(ARTIFACTS / "report_compare_zh_print.png"), full_page=True)
        assert problems == [], problems
    finally:
        page.close()


def _pdf_pages(page) -> list[str]:
    """Print the page to A4 as Chromium's print to PDF does (the page's @page size: landscape)
    and return each page's text, spaces removed."""
    import io

    pypdf = pytest.importorskip("pypdf", reason="pip install pypdf")
    pdf = page.pdf(format="A4", prefer_css_page_size=True)
    assert pdf[:4] == b"%PDF"
    reader = pypdf.PdfReader(io.BytesIO(pdf))
    width, height = float(reader.pages[0].mediabox.width), float(reader.pages[0].mediabox.height)
    assert (round(width), round(height)) == (842, 595), "not A4 landscape"
    return ["".join(p.extract_text().split()) for p in reader.pages]


def _squeeze(text: str) -> str:
    return "".join(text.split())


#: The most A4 pages a two-strategy comparison prints, appendix included (issue 26).
MAX_PRINTED_PAGES = 12


@pytest.mark.parametrize("kind", ["compare_en", "compare_zh", "fitted_en", "fitted_zh"])
def test_printed_comparison_is_a_short_deliverable(browser, pages, kind):
    """Printed to A4: at most 12 pages in all, no page nearly empty, each chart's heading on the
    same page as its chart, then the appendix with the settings an auditor checks; every setting
    and the scenario files are on screen only, and the print says where they are. A calibrated
    brand's comparison too (issue 26: it printed 15), its fit section and settings included."""
    from siyu_sim.words import t

    lang = kind.split("_")[1]
    page, problems, _ = _open(browser, pages[kind])
    try:
        sections = page.evaluate("""Array.from(document.querySelectorAll('main section')).map(s => ({
            id: s.id, title: s.querySelector('h2').textContent,
            chart: Array.from(s.querySelectorAll('.js-plotly-plot .g-ytitle text, .js-plotly-plot .g-xtitle text'))
                        .map(t => t.textContent).filter(t => t.trim().length > 1)[0] || null}))""")
        appendix = page.evaluate("document.querySelector('.appendix h2').textContent")
        assert page.evaluate("!!document.querySelector('.appendix table.params') && "
                             "document.querySelectorAll('.appendix details.folded pre.toml').length === 2"), \
            "the appendix lacks the settings table, or the scenario files are not on screen"
        assert page.evaluate("!document.querySelector('main section table.params, main section pre.toml')"), \
            "settings or TOML left in the main body"
        texts = _pdf_pages(page)  # page.pdf fires beforeprint itself, as printing from the browser does
        assert problems == [], problems
    finally:
        page.close()
    assert len(texts) <= MAX_PRINTED_PAGES, f"{kind}: {len(texts)} printed pages"
    nearly_empty = [i + 1 for i, text in enumerate(texts[:-1]) if len(text) < 100]
    assert not nearly_empty, f"{kind}: pages {nearly_empty} are nearly empty"
    starts = [i for i, text in enumerate(texts) if _squeeze(appendix) in text]
    assert starts, "the appendix heading is not in the PDF"
    assert not any("[population]" in text for text in texts), "a scenario file was printed"
    rest = _squeeze(t("asm_rest", lang, hashes="")[:40])
    assert any(rest in text for text in texts[starts[0]:]), "the print does not say where every setting is"
    where = 0
    charts = [s for s in sections if s["chart"]]
    assert len(charts) >= 5, sections
    for s in sections:
        title = _squeeze(s["title"])
        found = next((i for i in range(where, starts[0] + 1) if title in texts[i]), None)
        assert found is not None, f"{kind}: heading {s['title']!r} not in the main body"
        if s["chart"]:
            assert _squeeze(s["chart"]) in texts[found], \
                f"{kind}: heading {s['title']!r} is on page {found + 1}, its chart is not"
        where = found


def test_settings_table_breaks_no_word(browser, pages):
    """Printed, the settings table wraps between words (and after a path's dots or a dash),
    never inside one ('Relationshi p'); Chinese may wrap between any two characters."""
    page = browser.new_page(viewport={"width": 1031, "height": 703})  # A4 landscape less margins
    try:
        page.goto(pages["compare_en"].as_uri(), wait_until="load")
        page.emulate_media(media="print")
        broken = page.evaluate("""() => {
            const out = [];
            document.querySelectorAll('table.params td').forEach(td => {
                const walker = document.createTreeWalker(td, NodeFilter.SHOW_TEXT);
                for (let node = walker.nextNode(); node; node = walker.nextNode()) {
                    for (const m of node.textContent.matchAll(/[^\\s.\\-\u2013\u3400-\u9fff\uff00-\uffef]+/g)) {
                        const r = document.createRange();
                        r.setStart(node, m.index); r.setEnd(node, m.index + m[0].length);
                        const tops = new Set(Array.from(r.getClientRects()).map(c => Math.round(c.top)));
                        if (tops.size > 1) out.push(m[0]);
                    }
                }
            });
            return out;
        }""")
        assert broken == [], broken[:20]
        assert page.evaluate("document.querySelectorAll('table.params td').length") > 100
    finally:
        page.close()


def test_settings_table_sorts(browser, pages):
    page, problems, _ = _open(browser, pages["sweep_en"])
    try:
        table = page.locator("table.sortable")
        headers = table.locator("th")
        median_col = headers.count() - 3  # columns end with median, 10%, 90%

        def column():
            return page.evaluate(f"""Array.from(document.querySelectorAll('table.sortable tbody tr'))
                .map(r => parseFloat(r.cells[{median_col}].getAttribute('data-v')))""")

        headers.nth(median_col).click()
        ascending = column()
        assert ascending == sorted(ascending)
        headers.nth(median_col).click()
        descending = column()
        assert descending == sorted(descending, reverse=True)
        assert problems == []
    finally:
        page.close()


def test_a_cjk_font_is_installed():
    """Chinese needs a CJK font Chromium can find, or it shows tofu boxes."""
    if shutil.which("fc-list") is None:
        pytest.skip("fontconfig's fc-list is not installed")
    fonts = subprocess.run(["fc-list", ":lang=zh"], capture_output=True, text=True).stdout
    assert fonts.strip(), "no Chinese font: apt-get install -y fonts-wqy-microhei (or fonts-noto-cjk)"
