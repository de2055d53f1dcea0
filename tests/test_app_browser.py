"""The live app in a real browser: ``siyu app`` started as a user starts it (on a free port,
waited for until its URL answers), driven by playwright in Debian's headless Chromium. Every
wait is for a condition on the page; screenshots go to the test's tmp_path.

A lever moved changes the headline and the charts; Chinese is one click away; a saved scenario
validates and gives the number on screen; no console errors; and no request leaves localhost.
Small runs (2,000 customers × 90 days) keep it quick on a shared machine.
"""

from __future__ import annotations

import re
import subprocess
from pathlib import Path

import pytest

from siyu_sim.app.answers import added
from siyu_sim.app.page import css_class
from siyu_sim.compare import compare
from siyu_sim.config.presets import resolve
from siyu_sim.config.scenario_files import load_scenario

from app_process import SIYU, SMALL_RUN, siyu_app
from chromium import ARTIFACTS, CHROMIUM, MISSING

TIMEOUT_MS = 120_000  # a shared, loaded 2-core machine: generous, but every wait is for a condition

pytestmark = [
    pytest.mark.browser,
    pytest.mark.skipif(not CHROMIUM.exists(), reason=MISSING),
]
sync_api = pytest.importorskip("playwright.sync_api", reason="pip install playwright (no browser download)")


@pytest.fixture(scope="module")
def app_url(tmp_path_factory):
    with siyu_app(tmp_path_factory.mktemp("app") / "app.log", "nurture", "harvest", *SMALL_RUN) as url:
        yield url


def open_app(browser, url):
    context = browser.new_context(viewport={"width": 1500, "height": 1000}, accept_downloads=True)
    page = context.new_page()
    log = {"problems": [], "requests": []}
    page.on("console", lambda m: log["problems"].append(f"console {m.type}: {m.text}")
            if m.type == "error" else None)
    page.on("pageerror", lambda e: log["problems"].append(f"page error: {e}"))
    page.on("requestfailed", lambda r: log["problems"].append(f"request failed: {r.url}"))
    page.on("request", lambda r: log["requests"].append(r.url))
    page.goto(url)
    wait_ready(page)
    return page, log


def headline(page) -> str:
    return page.locator(".headline").first.get_attribute("data-added")


def wait_ready(page, not_added: str | None = None) -> None:
    """Wait until the page shows a finished run (and, if given, a headline other than ``not_added``)."""
    sync_api.expect(page.locator(".status .ready")).to_be_visible(timeout=TIMEOUT_MS)
    sync_api.expect(page.locator(".chart-0 .js-plotly-plot")).to_be_visible(timeout=TIMEOUT_MS)
    if not_added is not None:
        sync_api.expect(page.locator(".headline").first).not_to_have_attribute(
            "data-added", not_added, timeout=TIMEOUT_MS)
        sync_api.expect(page.locator(".status .ready")).to_be_visible(timeout=TIMEOUT_MS)


def set_control(page, path: str, value) -> None:
    box = page.locator(f".{css_class(path)} input")
    box.fill(str(value))
    box.press("Enter")


def chart_data(page, i: int = 0) -> str:
    return page.locator(f".chart-{i} .js-plotly-plot").evaluate("el => JSON.stringify(el.data.map(d => d.y))")


def only_localhost(requests: list[str], url: str) -> list[str]:
    return [r for r in requests if not (r.startswith(url) or r.startswith("blob:" + url)
                                        or r.startswith(url.replace("http", "ws")) or r.startswith("data:"))]


def test_a_lever_changes_headline_and_charts(browser, app_url, tmp_path):
    page, log = open_app(browser, app_url)
    before, chart_before = headline(page), chart_data(page)
    assert "nurture" in page.locator(".headline").first.inner_text()
    set_control(page, "levers.broadcast.frequency_per_day", 6)
    wait_ready(page, not_added=before)
    assert headline(page) != before
    plot = page.locator(".chart-0 .js-plotly-plot").element_handle()
    page.wait_for_function("([el, before]) => JSON.stringify(el.data.map(d => d.y)) !== before",
                           arg=[plot, chart_before], timeout=TIMEOUT_MS)  # the chart is redrawn
    assert chart_data(page) != chart_before
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / "app_en.png"), full_page=False)
    assert not log["problems"], log["problems"]
    assert not only_localhost(log["requests"], app_url), only_localhost(log["requests"], app_url)
    page.context.close()


def test_out_of_range_is_refused_with_the_files_words(browser, app_url):
    page, log = open_app(browser, app_url)
    set_control(page, "levers.coupon.depth", 1.5)
    refused = page.locator(".refused pre")
    sync_api.expect(refused).to_contain_text("levers.coupon.depth = 1.5 (from --set): out of range", timeout=TIMEOUT_MS)
    from siyu_sim.config.overrides import command_overrides
    from siyu_sim.config.problems import ScenarioError
    with pytest.raises(ScenarioError) as exc:
        load_scenario(resolve("nurture"), command_overrides(["levers.coupon.depth=1.5"], 90, 2000))
    shown = refused.inner_text().strip()
    # The app's process may load the scenario from the installed package, this one from the
    # checkout: the words must match, the folder they name may differ.
    app_file = shown.split(": ", 1)[0]
    assert app_file.endswith("nurture.toml"), shown
    assert shown == str(exc.value).strip().replace(str(resolve("nurture")), app_file)
    assert page.locator(".save button").is_disabled()
    assert not log["problems"], log["problems"]
    page.context.close()


def test_chinese_everywhere(browser, app_url, tmp_path):
    page, log = open_app(browser, app_url)
    page.get_by_text("中文", exact=True).click()
    sync_api.expect(page.locator(".title")).to_contain_text("私域实时推演", timeout=TIMEOUT_MS)
    sync_api.expect(page.locator(".headline").first).to_contain_text("比没有私域", timeout=TIMEOUT_MS)
    sync_api.expect(page.locator(".summary")).to_contain_text("能赚钱吗", timeout=TIMEOUT_MS)
    sync_api.expect(page.locator(f".{css_class('levers.broadcast.frequency_per_day')}")).to_contain_text("每天群发次数")
    sync_api.expect(page.get_by_text("成员状态变化")).to_be_visible(timeout=TIMEOUT_MS)  # chart titles too
    sync_api.expect(page.locator(".chart-1 .js-plotly-plot")).to_contain_text("活跃", timeout=TIMEOUT_MS)
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / "app_zh.png"), full_page=False)
    assert not log["problems"], log["problems"]
    page.context.close()


def test_saved_scenario_validates_and_reproduces_the_screen(browser, app_url, tmp_path):
    page, log = open_app(browser, app_url)
    before = headline(page)
    set_control(page, "levers.coupon.depth", 0.25)
    wait_ready(page, not_added=before)
    shown = float(headline(page))
    with page.expect_download(timeout=TIMEOUT_MS) as download:
        page.locator(".save button").click()
    saved = tmp_path / download.value.suggested_filename
    download.value.save_as(saved)
    check = subprocess.run([SIYU, "validate", str(saved)],
                           capture_output=True, text=True)
    assert check.returncode == 0, check.stdout + check.stderr
    strategy = load_scenario(saved)
    assert strategy.levers["coupon"].depth == 0.25
    result = compare([strategy, load_scenario(resolve("harvest"), {"days": 90, "population.customers": 2000})])
    assert added(result)["nurture"] == pytest.approx(shown, abs=0.01)
    assert not log["problems"], log["problems"]
    page.context.close()


def test_write_report_gives_the_compare_report(browser, app_url, tmp_path):
    page, log = open_app(browser, app_url)
    with page.expect_download(timeout=TIMEOUT_MS) as download:
        page.locator(".report button").click()
    path = tmp_path / download.value.suggested_filename
    download.value.save_as(path)
    html = path.read_text(encoding="utf-8")
    assert path.name == "nurture_vs_harvest.html"
    assert "Private-domain strategies compared" in html and "siyu compare nurture harvest" in html
    assert not re.search(r"<(script|link)[^>]+(src|href)=\"https?:", html)  # offline: plotly.js inside
    assert not log["problems"], log["problems"]
    page.context.close()


def test_one_group_steps_day_by_day_as_mesa_agents(browser, app_url):
    page, log = open_app(browser, app_url)
    play = page.locator(".group-play button")
    play.click()
    title = page.locator(".group-chart .js-plotly-plot .gtitle")  # an SVG text node
    # it steps on its own: day 3 or later (a loaded browser may draw day 2, then day 4)
    sync_api.expect(title).to_contain_text(re.compile(r"Day ([3-9]|[1-9]\d+) of"), timeout=TIMEOUT_MS)
    play.click()  # pause
    sync_api.expect(play).to_contain_text("Play", timeout=TIMEOUT_MS)
    page.get_by_text("中文", exact=True).click()
    sync_api.expect(page.locator(".group-chart .js-plotly-plot")).to_contain_text("活跃", timeout=TIMEOUT_MS)
    sync_api.expect(title).to_contain_text(re.compile(r"第 \d+ 天"), timeout=TIMEOUT_MS)
    day = re.search(r"第 (\d+) 天", title.text_content()).group(1)  # the day it was paused at
    page.get_by_text("English", exact=True).click()  # a round trip later: paused, no further day
    sync_api.expect(title).to_contain_text(re.compile(r"Day \d+ of"), timeout=TIMEOUT_MS)
    assert re.search(r"Day (\d+) of", title.text_content()).group(1) == day  # (a day later if still running)
    assert not log["problems"], log["problems"]
    page.context.close()
