"""The live app in a real browser: ``siyu app`` started as a user starts it (on a free port,
waited for until its URL answers), driven by playwright in Debian's headless Chromium. Every
wait is for a condition on the page; screenshots go to chromium.ARTIFACTS.

The app runs a client's own strategy file, as a consultant's would be: nurture named "today"
for a brand of 150,000 customers (simulated on 1,500 rows, 90 days), with a store-QR rate as a
calibration writes it (0.027119170040033485), against harvest. A lever moved changes the headline
(and says how far it moved since the start) and the charts; the boxes show rounded values with
their units; the money controls are folded away and reach the pinned baseline; Chinese is one
click away and spaced; a refused value is named with what it allows; "Save as scenario" asks for a
name and writes inside the folder; "How sure?" weighs while the levers stay live; no console
errors; and no request leaves localhost.
"""

from __future__ import annotations

import re
import subprocess
from pathlib import Path

import pytest

from siyu_sim.app.answers import added
from siyu_sim.app.page import css_class
from siyu_sim.compare import compare
from siyu_sim.config.overrides import command_overrides
from siyu_sim.config.presets import resolve
from siyu_sim.config.scenario_files import dumps_scenario, load_scenario
from siyu_sim.scenario import Scenario

from app_process import SIYU, siyu_app
from chromium import ARTIFACTS, CHROMIUM, MISSING

TIMEOUT_MS = 120_000  # a shared, loaded 2-core machine: generous, but every wait is for a condition
WEIGH_TIMEOUT_MS = 600_000  # the weighing: 4 draws (+4 repeats) × 2 strategies on local processes
#: The brand: its customers, the rows they are simulated on, the horizon (``siyu app`` options).
RUN = {"--customers": 150_000, "--rows": 1_500, "--days": 90}
QR = "levers.store_qr.rate_at_full_execution"
ORDER = "economics.order_value_cny"

#: The record a calibration keeps of a good fit (``fit_record.FitRecord``), with the rate above.
FIT = {"observed": "observed.csv", "calibration": "calibration.toml", "fit_periods": 9, "margin": 0.1, "good": True,
       "held_out_inside": 14, "held_out_total": 15, "held_out_pass": True,
       "parameters": [{"path": QR, "value": 0.027119170040033485, "low": 0.022, "high": 0.033, "range_low": 0.005,
                       "range_high": 0.1, "at_bound": "", "identified": True, "pinned_down": True}],
       "metrics": [{"metric": "members", "error": 0.04, "missed": False}]}

pytestmark = [
    pytest.mark.browser,
    pytest.mark.skipif(not CHROMIUM.exists(), reason=MISSING),
]
sync_api = pytest.importorskip("playwright.sync_api", reason="pip install playwright (no browser download)")


@pytest.fixture(scope="module")
def served(tmp_path_factory):
    """(the app's URL, the strategy file, the folder Save as scenario writes into)."""
    folder = tmp_path_factory.mktemp("app")
    data = load_scenario(resolve("nurture")).to_dict()
    data["name"] = "today"
    data["levers"]["store_qr"]["rate_at_full_execution"] = 0.027119170040033485
    data["calibration"] = FIT  # fitted to the brand's own numbers: the app says how well
    strategy = folder / "today.toml"
    strategy.write_text(dumps_scenario(Scenario.from_dict(data)), encoding="utf-8")
    saves = folder / "meeting"
    saves.mkdir()
    options = [str(a) for pair in RUN.items() for a in pair]
    with siyu_app(folder / "app.log", str(strategy), "harvest", *options, "--draws", "4",
                  "--save-dir", str(saves)) as url:
        yield url, strategy, saves


@pytest.fixture(scope="module")
def app_url(served):
    return served[0]


def harvest(*sets: str) -> Scenario:
    """The pinned baseline as the app runs it: harvest on the brand's customers, rows and days."""
    return load_scenario(resolve("harvest"), command_overrides(list(sets), RUN["--days"], RUN["--customers"], None,
                                                               RUN["--rows"]))


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


def box(page, path: str):
    return page.locator(f".{css_class(path)} input")


def set_control(page, path: str, value) -> None:
    b = box(page, path)
    b.fill(str(value))
    b.press("Enter")


def chart_data(page, i: int = 0) -> str:
    return page.locator(f".chart-{i} .js-plotly-plot").evaluate("el => JSON.stringify(el.data.map(d => d.y))")


def only_localhost(requests: list[str], url: str) -> list[str]:
    return [r for r in requests if not (r.startswith(url) or r.startswith("blob:" + url)
                                        or r.startswith(url.replace("http", "ws")) or r.startswith("data:"))]


def screenshot(page, name: str) -> None:
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / name), full_page=False)


def test_a_lever_changes_headline_and_charts(browser, app_url):
    page, log = open_app(browser, app_url)
    before, chart_before = headline(page), chart_data(page)
    first = page.locator(".headline").first
    assert "today loses" in first.inner_text() or "today adds" in first.inner_text()
    sync_api.expect(page.locator(".fit.good")).to_have_text(  # a fitted brand: how well, beside the answer
        "Fitted to the brand's own numbers (today): a good fit, every fitted metric within 10%; 14 of 15 held-out "
        "values inside their band.")
    assert "(the meeting's starting point)" in first.inner_text()
    # the brand's customers, with the rows as the precision
    assert "150,000 customers (simulated on 1,500 rows)" in page.locator(".status .ready").inner_text()
    set_control(page, "levers.broadcast.frequency_per_day", 6)
    wait_ready(page, not_added=before)
    assert headline(page) != before
    since = page.locator(".headline .since")
    sync_api.expect(since).to_contain_text("since the start", timeout=TIMEOUT_MS)
    assert float(since.get_attribute("data-change")) == pytest.approx(float(headline(page)) - float(before),
                                                                     abs=0.02)
    plot = page.locator(".chart-0 .js-plotly-plot").element_handle()
    page.wait_for_function("([el, before]) => JSON.stringify(el.data.map(d => d.y)) !== before",
                           arg=[plot, chart_before], timeout=TIMEOUT_MS)  # the chart is redrawn
    assert chart_data(page) != chart_before
    screenshot(page, "app_en.png")
    assert not log["problems"], log["problems"]
    assert not only_localhost(log["requests"], app_url), only_localhost(log["requests"], app_url)
    page.context.close()


def test_boxes_show_rounded_values_with_their_units(browser, app_url):
    page, log = open_app(browser, app_url)
    assert box(page, QR).input_value() == "0.027"  # the file says 0.027119170040033485
    sync_api.expect(page.locator(f".{css_class(QR)}")).to_contain_text("Store QR: add rate (share of store buyers)")
    assert box(page, "levers.broadcast.content_quality").input_value() == "0.8"
    assert box(page, "population.customers").input_value() == "150000"
    before = headline(page)
    set_control(page, QR, 0.05)  # a box edited from its rounded text takes the value typed
    wait_ready(page, not_added=before)
    assert box(page, QR).input_value() == "0.05"
    assert not log["problems"], log["problems"]
    page.context.close()


def test_out_of_range_is_named_with_what_it_allows(browser, app_url):
    page, log = open_app(browser, app_url)
    set_control(page, "levers.coupon.depth", 1.5)
    refused = page.locator(".refused .problem")
    sync_api.expect(refused).to_have_text(
        "Coupon depth = 1.5: out of range; allowed: a number from 0 to 0.9 (share of list price)", timeout=TIMEOUT_MS)
    # beside the box that is wrong, in sight (it sat at the foot of the column, below the fold)
    sync_api.expect(refused).to_be_in_viewport(timeout=TIMEOUT_MS)
    below = refused.bounding_box()["y"] - (box(page, "levers.coupon.depth").bounding_box()["y"]
                                           + box(page, "levers.coupon.depth").bounding_box()["height"])
    assert 0 <= below < 80, below
    assert refused.bounding_box()["y"] < box(page, "levers.coupon.schedule.every").bounding_box()["y"]
    screenshot(page, "app_refused.png")
    shown = " ".join(page.locator(".refused p").all_inner_texts())
    assert "Not run" in shown and "/" not in shown and ".toml" not in shown  # no path
    assert page.locator(".save button").is_disabled() and page.locator(".how-sure-button button").is_disabled()
    page.get_by_text("中文", exact=True).click()
    sync_api.expect(refused).to_have_text("优惠券力度 = 1.5：超出范围；允许：数，0 到 0.9（占标价比例）",
                                          timeout=TIMEOUT_MS)
    assert not log["problems"], log["problems"]
    page.context.close()


def test_chinese_everywhere(browser, app_url):
    page, log = open_app(browser, app_url)
    page.get_by_text("中文", exact=True).click()
    sync_api.expect(page.locator(".title")).to_contain_text("私域实时推演", timeout=TIMEOUT_MS)
    first = page.locator(".headline").first
    sync_api.expect(first).to_contain_text("today 在 3 个月内比没有私域", timeout=TIMEOUT_MS)  # spaced
    sync_api.expect(first).to_contain_text("（会议起点）", timeout=TIMEOUT_MS)
    sync_api.expect(page.locator(".status .ready")).to_contain_text("150,000 位顾客（以 1,500 行模拟）",
                                                                   timeout=TIMEOUT_MS)
    sync_api.expect(page.locator(".fit.good")).to_contain_text("已用品牌自己的数据校准", timeout=TIMEOUT_MS)
    sync_api.expect(page.locator(".fit.good")).to_contain_text("拟合良好")  # the fit, beside the headline
    sync_api.expect(page.locator(".how-sure")).to_contain_text("次无人测量过的假设", timeout=TIMEOUT_MS)
    sync_api.expect(page.locator(".summary")).to_contain_text("能赚钱吗", timeout=TIMEOUT_MS)
    sync_api.expect(page.locator(f".{css_class('levers.broadcast.frequency_per_day')}")).to_contain_text(
        "群发频率（单位：次推送/天）")
    sync_api.expect(page.get_by_text("成员状态变化")).to_be_visible(timeout=TIMEOUT_MS)  # chart titles too
    sync_api.expect(page.locator(".chart-1 .js-plotly-plot")).to_contain_text("活跃", timeout=TIMEOUT_MS)
    screenshot(page, "app_zh.png")
    assert not log["problems"], log["problems"]
    page.context.close()


def test_the_money_is_folded_away_and_reaches_the_pinned_baseline(browser, served):
    app_url, strategy, _ = served
    page, log = open_app(browser, app_url)
    order = box(page, ORDER)
    assert not order.is_visible()  # folded: the main view stays simple
    page.get_by_text("Money: prices, costs, paid ads").click()
    sync_api.expect(order).to_be_visible(timeout=TIMEOUT_MS)
    sync_api.expect(page.locator(".gross-margin small")).to_have_text("Gross margin at list price: 45%")
    assert box(page, "economics.ads_half_saturation_cny_per_day").get_attribute("placeholder") == \
        "derived from the market"
    for path in ("economics.unit_cost_cny", "economics.staff_cost_per_day_cny", "economics.ads_cac_cny",
                 "economics.ads_hill_shape", "economics.ads_adstock_decay_per_day"):
        assert box(page, path).is_visible(), path
    before = headline(page)
    set_control(page, ORDER, 80)
    wait_ready(page, not_added=before)
    sync_api.expect(page.locator(".gross-margin small")).to_have_text("Gross margin at list price: 59%",
                                                                      timeout=TIMEOUT_MS)
    command = page.locator(".command code")
    sync_api.expect(command).to_contain_text("--set economics.order_value_cny=80.0", timeout=TIMEOUT_MS)
    shown = float(headline(page))
    sets = {"economics.order_value_cny": 80.0}
    today = load_scenario(strategy, command_overrides([f"{k}={v}" for k, v in sets.items()], RUN["--days"],
                                                      RUN["--customers"], None, RUN["--rows"]))
    result = compare([today, harvest(*[f"{k}={v}" for k, v in sets.items()])])  # harvest at 80 CNY too
    assert added(result)["today"] == pytest.approx(shown, abs=0.01)
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / "app_economics.png"), full_page=True)
    assert not log["problems"], log["problems"]
    page.context.close()


def test_save_as_scenario_asks_for_a_name_and_writes_inside_the_folder(browser, served):
    app_url, _, saves = served
    page, log = open_app(browser, app_url)
    before = headline(page)
    set_control(page, "levers.coupon.depth", 0.25)
    wait_ready(page, not_added=before)
    shown = float(headline(page))
    sync_api.expect(page.locator(".command")).to_contain_text("save the strategy as a scenario", timeout=TIMEOUT_MS)
    page.locator(".save button").click()
    name = page.locator(".save-name input")
    sync_api.expect(name).to_have_value("today_whatif", timeout=TIMEOUT_MS)  # a new name is offered
    for bad in ["../evil", "/tmp/evil", "two words"]:
        name.fill(bad)
        page.locator(".save-confirm button").click()
        sync_api.expect(page.locator(".save-message .save-refused")).to_contain_text("cannot name a scenario",
                                                                                   timeout=TIMEOUT_MS)
    assert list(saves.iterdir()) == [] and not (saves.parent / "evil.toml").exists()
    name.fill("today_deeper_coupons")
    page.locator(".save-confirm button").click()
    sync_api.expect(page.locator(".save-message .saved")).to_contain_text("today_deeper_coupons.toml",
                                                                        timeout=TIMEOUT_MS)
    saved = saves / "today_deeper_coupons.toml"
    assert list(saves.iterdir()) == [saved]
    check = subprocess.run([SIYU, "validate", str(saved)], capture_output=True, text=True)
    assert check.returncode == 0, check.stdout + check.stderr
    strategy = load_scenario(saved)
    assert strategy.name == "today_deeper_coupons" and strategy.levers["coupon"].depth == 0.25
    result = compare([strategy, harvest()])
    assert result.names == ["today_deeper_coupons", "harvest"]
    assert added(result)["today_deeper_coupons"] == pytest.approx(shown, abs=0.01)
    command = page.locator(".command code")
    sync_api.expect(command).to_contain_text(f"siyu compare {saved} harvest", timeout=TIMEOUT_MS)
    page.locator(".save button").click()  # the same name again: refused, nothing overwritten
    name.fill("today_deeper_coupons")
    page.locator(".save-confirm button").click()
    sync_api.expect(page.locator(".save-message .save-refused")).to_contain_text("exists already",
                                                                               timeout=TIMEOUT_MS)
    assert load_scenario(saved).levers["coupon"].depth == 0.25
    assert not log["problems"], log["problems"]
    page.context.close()


def test_how_sure_weighs_while_the_levers_stay_live(browser, app_url):
    page, log = open_app(browser, app_url)
    card = page.locator(".how-sure-card")
    sync_api.expect(card).to_contain_text("across 4 draws of what nobody has measured", timeout=TIMEOUT_MS)
    before = headline(page)
    set_control(page, "levers.broadcast.promo_share", 0.5)
    wait_ready(page, not_added=before)
    page.locator(".how-sure-button button").click()
    sync_api.expect(page.locator(".how-sure-status")).to_contain_text("Weighing…", timeout=TIMEOUT_MS)
    before = headline(page)  # while it weighs, a lever still answers
    set_control(page, "levers.broadcast.promo_share", 0.4)
    wait_ready(page, not_added=before)
    sync_api.expect(page.locator(".how-sure-chart .js-plotly-plot")).to_be_visible(timeout=WEIGH_TIMEOUT_MS)
    words = page.locator(".how-sure p")
    sync_api.expect(page.locator(".how-sure p.line").first).to_contain_text("How sure is it? 4 worlds drawn from", timeout=TIMEOUT_MS)
    text = "\n".join(words.all_inner_texts())
    assert re.search(r"what-if adds profit over no private domain in \d+% of them", text), text
    assert "90% interval" in text and "What what-if's answer hinges on" in text
    assert re.search(r"what-if adds more than today in \d+% of the worlds", text), text
    # asked at promo share 0.5, shown at 0.4: it says so
    assert "press it again for the values on screen" in text
    page.get_by_text("中文", exact=True).click()
    sync_api.expect(page.locator(".how-sure")).to_contain_text("调整后方案在其中", timeout=TIMEOUT_MS)
    sync_api.expect(page.locator(".how-sure")).to_contain_text("today 的结论取决于什么", timeout=TIMEOUT_MS)
    chart = page.locator(".how-sure-chart .js-plotly-plot")  # the driver chart redrawn in Chinese, settings by their words
    sync_api.expect(chart).to_contain_text("预期净增利润（元）", timeout=TIMEOUT_MS)
    assert "economics." not in chart.text_content() and "behaviour." not in chart.text_content()
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / "app_how_sure_zh.png"), full_page=True)
    assert not log["problems"], log["problems"]
    page.context.close()


def test_write_report_gives_the_compare_report(browser, app_url):
    page, log = open_app(browser, app_url)
    with page.expect_download(timeout=TIMEOUT_MS) as download:
        page.locator(".report button").click()
    assert download.value.suggested_filename == "today_vs_harvest.html"
    html = Path(download.value.path()).read_text(encoding="utf-8")  # (playwright's own temporary copy)
    assert "Private-domain strategies compared" in html and "today.toml harvest --days 90 --customers 150000" in html
    assert not re.search(r"<(script|link)[^>]+(src|href)=\"https?:", html)  # offline: plotly.js inside
    assert not log["problems"], log["problems"]
    page.context.close()


def test_one_group_steps_day_by_day_as_mesa_agents(browser, app_url):
    page, log = open_app(browser, app_url)
    title = page.locator(".group-chart .js-plotly-plot .gtitle")  # an SVG text node
    sync_api.expect(title).to_contain_text("Day 0 of 90", timeout=TIMEOUT_MS)  # the start, before Play
    play = page.locator(".group-play button")
    play.click()
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
