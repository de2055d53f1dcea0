"""The live app without a browser: what the controls mean, the background worker, the checks
before it starts. (In a real browser: test_app_browser.py.)"""

from __future__ import annotations

import html
import shlex
import socket
import threading
import time

import panel as pn
import pytest
from typer.testing import CliRunner

from siyu_sim.app import WhatIf
from siyu_sim.app.answers import added, headline, signed_money
from siyu_sim.app.live import Debounced
from siyu_sim.app.page import AppPage, Cancelled
from siyu_sim.app.server import AppError, check_port
from siyu_sim.cli import app as cli
from siyu_sim.app.whatif import WHAT_IF, SaveError
from siyu_sim.cli.core_commands import _load
from siyu_sim.compare import compare, unique_names
from siyu_sim.config.overrides import command_overrides
from siyu_sim.config.presets import resolve
from siyu_sim.config.problems import ScenarioError
from siyu_sim.config.scenario_files import dumps_scenario, load_scenario, loads_scenario
from siyu_sim.experiments.backends import SerialBackend
from siyu_sim.scenario import Scenario
from siyu_sim.uncertainty.verdict import lines
from siyu_sim.words import spaced, t

SMALL = {"customers": 1500, "days": 60}
FREQ = "levers.broadcast.frequency_per_day"
ORDER = "economics.order_value_cny"


@pytest.fixture(scope="module")
def whatif():
    return WhatIf("nurture", "harvest", **SMALL)


def test_controls_start_from_the_file_and_become_the_command_line(whatif):
    v = whatif.initial()
    assert v[FREQ] == 1.0 and v["levers.care.staff"] == 2.0 and v["population.customers"] == 1500
    assert v["levers.paid_ads.adds_per_day"] == 0  # nurture buys no ads: the channel shows as off
    assert v["economics.order_value_cny"] == 60.0 and v["economics.ads_half_saturation_cny_per_day"] is None
    changed = dict(v, **{FREQ: 2.0, "seed": 8})
    assert whatif.arguments(changed) == ["--set", f"{FREQ}=2.0", "--days", "60", "--customers", "1500",
                                         "--seed", "8"]
    # --set changes every scenario of `siyu compare`: a lever change has no command until it is saved
    assert whatif.command(changed) is None
    money = dict(v, **{ORDER: 80.0, "seed": 8})
    assert whatif.command(money) == ("siyu compare nurture harvest --set economics.order_value_cny=80.0 "
                                     "--days 60 --customers 1500 --seed 8")
    assert whatif.command(money, pinned=False) is None


def compare_command(command: str):
    """What ``siyu compare`` computes for ``command`` (its own loader, its own overrides)."""
    words = shlex.split(command)
    assert words[:2] == ["siyu", "compare"]
    names, sets, options, rest = [], [], {}, words[2:]
    while rest:
        word = rest.pop(0)
        if word == "--set":
            sets.append(rest.pop(0))
        elif word.startswith("--"):
            options[word] = int(rest.pop(0))
        else:
            names.append(word)
    overrides = command_overrides(sets, options.get("--days"), options.get("--customers"), options.get("--seed"),
                                  options.get("--rows"))
    scenarios = [_load(name, overrides, "en")[0] for name in names]
    root = options.get("--seed", scenarios[0].seed)
    return compare(scenarios, root_seed=root)


def test_an_economics_change_applies_to_both_and_its_command_gives_the_screen(whatif):
    """The brand's money is not the strategy's: order value and staff cost change the pinned
    baseline too, as `siyu compare --set` does, and the command shown gives the same numbers."""
    values = dict(whatif.initial(), **{ORDER: 75.0, "economics.staff_cost_per_day_cny": 300.0,
                                       "economics.ads_cac_cny": 500.0})
    shown = whatif.compare(values)
    strategy, pinned = shown.scenarios
    assert strategy.economics.order_value_cny == pinned.economics.order_value_cny == 75.0
    assert strategy.economics.staff_cost_per_day_cny == pinned.economics.staff_cost_per_day_cny == 300.0
    assert strategy.economics.ads_cac_cny == 500.0
    assert strategy.levers["broadcast"].frequency_per_day != pinned.levers["broadcast"].frequency_per_day
    again = compare_command(whatif.command(values))
    assert added(again) == added(shown)
    assert added(shown) != added(whatif.compare(whatif.initial()))


def test_a_refused_value_gets_the_words_validate_gives(whatif):
    values = dict(whatif.initial(), **{"levers.coupon.depth": 1.5})
    with pytest.raises(ScenarioError) as exc:
        whatif.scenario(values)
    cli_out = CliRunner().invoke(cli, ["validate", str(resolve("nurture")), "--set", "levers.coupon.depth=1.5"])
    assert cli_out.exit_code == 1
    assert "levers.coupon.depth = 1.5 (from --set): out of range" in str(exc.value)
    assert [ln for ln in str(exc.value).splitlines() if "coupon" in ln] == \
        [ln for ln in cli_out.output.splitlines() if "coupon" in ln]


def test_a_lever_change_runs_one_simulation_and_equals_the_saved_file(whatif):
    values = whatif.initial()
    whatif.compare(values)
    misses = whatif.cache.misses
    changed = dict(values, **{FREQ: 3.0})
    shown = whatif.compare(changed)
    new_runs = whatif.cache.misses - misses
    assert new_runs == 1, "the counterfactual and the pinned baseline must come from the cache"
    saved = loads_scenario(whatif.scenario_toml(changed), "saved.toml")
    harvest = whatif.baseline(changed, saved)
    fresh = compare([saved, harvest])  # no cache: what `siyu compare saved.toml harvest` computes
    assert added(fresh) == added(shown)
    assert added(shown)["nurture"] != added(whatif.compare(values))["nurture"]
    assert f'data-added="{added(shown)["nurture"]:.2f}"' in headline(shown, "en")


def test_against_no_private_domain_the_baseline_adds_nothing():
    w = WhatIf("harvest", None, **SMALL)
    result = w.compare(w.initial())
    assert result.names == ["harvest", "no_private_domain"]
    assert added(result)["no_private_domain"] == pytest.approx(0.0, abs=1e-6)
    assert "没有私域" in headline(result, "zh")


WAIT_S = 60  # a bound on waits for conditions (a loaded machine), never a time a test relies on


def test_a_burst_during_a_run_runs_once_for_its_last_request():
    """Five changes while a run is under way give one more run: the last change's."""
    running, release, ran = threading.Event(), threading.Event(), []

    def work(request, progress):
        ran.append(request)
        if request == 0:
            running.set()
            assert release.wait(WAIT_S)
        if request == "boom":
            raise ValueError("bad")
        return request * 2

    worker = Debounced(work, delay=0.05)
    worker.submit(0)
    assert running.wait(WAIT_S)  # the first run is under way...
    tickets = [worker.submit(i) for i in range(1, 6)]  # ...while the burst comes
    release.set()
    done = worker.wait(lambda s: s.ready, WAIT_S)
    assert ran == [0, 5] and done.outcome.result == 10 and done.outcome.ticket == tickets[-1]
    worker.submit("boom")
    failed = worker.wait(lambda s: s.ready, WAIT_S)
    assert isinstance(failed.outcome.error, ValueError)  # a failing run is reported, the worker lives on
    worker.stop()


def test_the_worker_waits_for_a_quiet_spell_before_it_runs():
    """Changes in quick succession wait for ``delay`` without another before a run starts."""
    submitted, started = [], []

    def work(request, progress):
        started.append((request, time.monotonic()))
        return request

    worker = Debounced(work, delay=0.2)
    for i in range(5):
        submitted.append(time.monotonic())
        worker.submit(i)
    worker.wait(lambda s: s.ready, WAIT_S)
    assert started[-1][0] == 4  # the last change always runs, after every run before it
    for request, at in started:  # a lower bound only: a slow machine makes the gap longer, never shorter
        assert at - max(t for t in submitted if t <= at) >= 0.2 - 0.01  # (timer resolution)
    worker.stop()


def test_a_late_or_stale_progress_report_cannot_undo_ready():
    """The race the browser tests hit: a run's progress arriving after its answers. Reports of
    a finished run, or of a run that is no longer the newest, change nothing."""
    reporters, release = {}, threading.Event()

    def work(request, progress):
        reporters[request] = progress
        progress(1, 2)
        if request == "old":
            assert release.wait(WAIT_S)
        return request

    worker = Debounced(work, delay=0.01)
    worker.submit("old")
    worker.wait(lambda s: s.pct == 50, WAIT_S)
    worker.submit("new")  # while "old" runs
    reporters["old"](2, 2)  # the old run's 100%: not the newest request's progress
    assert worker.snapshot().pct == 0
    release.set()
    ready = worker.wait(lambda s: s.ready, WAIT_S)
    assert ready.outcome.request == "new" and ready.pct == 50
    reporters["new"](2, 2)  # the finished run reports late...
    reporters["old"](2, 2)
    assert worker.snapshot() == ready  # ...and nothing moves: still ready, same version
    worker.stop()


def test_the_page_shows_ready_whatever_order_the_reports_come_in(whatif, monkeypatch):
    """The page built alone (no server): it draws the worker's snapshot when asked, so a late
    progress report after the answers leaves "ready" on the page."""
    reporters = []
    compare = whatif.compare

    def recording(values, **kw):
        if kw.get("progress") is not None:  # (the start's added profit is asked without)
            reporters.append(kw["progress"])
        return compare(values, **kw)

    monkeypatch.setattr(whatif, "compare", recording)
    page = AppPage(whatif, "en")
    page.worker.wait(lambda s: s.ready, WAIT_S)
    page.refresh()
    assert 'class="ready"' in page.status.object and 'value="100"' in page.status.object
    assert "data-added" in page.headline.object  # the answers are drawn
    reporters[-1](1, 2)  # a progress report after the run finished
    reporters[-1](2, 2)
    page.refresh()
    assert 'class="ready"' in page.status.object, page.status.object
    page.inputs[FREQ].value = 2.5  # a change: the status is no longer ready until its run is drawn
    assert 'class="ready"' not in page.status.object
    page.worker.wait(lambda s: s.ready, WAIT_S)
    page.refresh()
    assert 'class="ready"' in page.status.object and page.shown.request[0][FREQ] == 2.5
    page.worker.stop()


def test_a_taken_port_is_refused_before_anything_starts():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        s.listen()
        port = s.getsockname()[1]
        with pytest.raises(AppError, match=f"port {port} on 127.0.0.1 is taken"):
            check_port(port)
        out = CliRunner().invoke(cli, ["app", "--port", str(port), "--no-browser"])
    assert out.exit_code == 1 and "is taken" in out.output and "--port" in out.output
    with pytest.raises(AppError, match="1024 to 65535"):
        check_port(80)


@pytest.mark.parametrize("args, code, words", [
    (["app", "nosuch", "--no-browser"], 1, "no such shipped scenario"),
    (["app", "nurture", "nosuch.toml", "--no-browser"], 1, "no such scenario file"),
    (["app", "--lang", "fr", "--no-browser"], 2, "'fr' is not one of 'en', 'zh'"),
    (["app", "--set", "levers.coupon.depth=2", "--no-browser"], 1, "out of range"),
    (["app", "--save-dir", "/nonexistent/meeting", "--no-browser"], 1,
     "--save-dir /nonexistent/meeting: not a folder that exists"),
    (["app", "--draws", "1", "--no-browser"], 2, "--draws"),
])
def test_bad_input_is_named_before_anything_starts(args, code, words):
    out = CliRunner().invoke(cli, args)
    assert out.exit_code == code, out.output
    assert words in out.output


def test_the_status_line_says_the_brand_and_the_rows_it_is_simulated_on():
    """--customers is the brand, --rows the precision: both reach the command, the pinned
    baseline and the status line (which reads them from the run itself)."""
    whatif = WhatIf("nurture", "harvest", customers=150_000, rows=1_500, days=30)
    values = whatif.initial()
    assert values["population.customers"] == 150_000
    assert whatif.arguments(values) == ["--days", "30", "--customers", "150000", "--rows", "1500"]
    strategy = whatif.scenario(values)
    assert strategy.population.weight == whatif.baseline(values, strategy).population.weight == 100.0
    page = AppPage(whatif, "zh")
    page.worker.wait(lambda s: s.ready, WAIT_S)
    page.refresh()
    assert "150,000 位顾客（以 1,500 行模拟）" in page.status.object, page.status.object
    page.worker.stop()


def test_save_as_scenario_writes_the_new_name_inside_the_folder(whatif, tmp_path):
    """A name safe as a file name, a file inside the folder and nowhere else, never over another,
    and the file's own name is the new one: compared with the start later, each keeps its name
    (not "nurture_nurture_whatif")."""
    folder = tmp_path / "meeting"
    folder.mkdir()
    outside = tmp_path / "evil.toml"
    values = dict(whatif.initial(), **{FREQ: 3.0})
    for bad in ["../evil", str(outside.with_suffix("")), "sub/evil", "..", ".hidden", "", "  ", "two words",
                "a\\b", "x\x00y"]:
        with pytest.raises(SaveError, match="cannot name a scenario"):
            whatif.save(values, bad, folder)
    assert not outside.exists() and list(folder.iterdir()) == []
    path = whatif.save(values, "nurture_more_pushes", folder)
    assert path == folder / "nurture_more_pushes.toml" and list(folder.iterdir()) == [path]
    saved = load_scenario(path)
    assert saved.name == "nurture_more_pushes" and saved.levers["broadcast"].frequency_per_day == 3.0
    names = unique_names([saved, whatif.start], [path, whatif.strategy_path])
    assert [s.name for s in names] == ["nurture_more_pushes", "nurture"]
    before = path.read_bytes()
    with pytest.raises(SaveError, match="exists already"):
        whatif.save(dict(values, **{FREQ: 4.0}), "nurture_more_pushes.toml", folder)
    assert path.read_bytes() == before  # nothing overwritten
    command = whatif.command(values, saved_as=str(path))  # the screen's numbers, from a terminal
    assert added(compare_command(command))["nurture_more_pushes"] == added(whatif.compare(values))["nurture"]


def test_the_headline_says_how_far_it_moved_since_the_start(whatif):
    start = whatif.start_added()
    strategy = whatif.scenario(whatif.initial())
    fresh = compare([strategy, load_scenario(resolve("harvest"), command_overrides([], 60, 1500))])  # no cache
    assert start == added(fresh)["nurture"]
    values = dict(whatif.initial(), **{FREQ: 3.0})
    result = whatif.compare(values)
    change = added(result)["nurture"] - start
    assert change != 0
    shown = headline(result, "en", start)
    assert f'data-change="{change:.2f}"' in shown and f"({signed_money(change, 'en')} since the start)" in shown
    assert "（较起点 " in headline(result, "zh", start)
    assert "(the meeting&#39;s starting point)" in headline(whatif.compare(whatif.initial()), "en", start)


def test_controls_show_their_declared_unit_and_precision(whatif):
    """The unit beside a label and the decimals in a box come from the key's declaration."""
    page = AppPage(whatif, "en", backend=SerialBackend)
    try:
        assert page.inputs[ORDER].name == "Order value (CNY per order)"
        assert page.inputs["levers.store_qr.rate_at_full_execution"].name == "Store QR: add rate (share of store buyers)"
        assert page.inputs["levers.care.staff"].name == "1:1 care staff"  # the label says its unit already
        assert page.inputs["levers.store_qr.rate_at_full_execution"].format == "0.[000]"  # a share: 0.027
        assert page.inputs[ORDER].format == "0.[00]"
        assert isinstance(page.inputs["days"], pn.widgets.IntInput)
        assert page.inputs["economics.ads_half_saturation_cny_per_day"].value is None  # derived: left empty
        assert page.economics.collapsed  # the money is folded away until asked for
        page.language.value = "zh"
        assert page.inputs[ORDER].name == "客单价（单位：元/单）"
        assert page.inputs["economics.ads_half_saturation_cny_per_day"].placeholder == "按市场推算"
        assert "标价毛利率：45%" in page.margin.object
    finally:
        page.worker.stop()


def test_a_refused_value_is_named_with_what_it_allows_in_the_page_language(whatif):
    page = AppPage(whatif, "en", backend=SerialBackend)
    depth = "levers.coupon.depth"
    try:
        page.inputs[depth].value = 1.5
        beside = page.refused_at[depth]  # said under its own box, not at the foot of the column
        assert beside.visible and "Coupon depth = 1.5: out of range; allowed: a number from 0 to 0.9 " \
            "(share of list price)" in beside.object
        assert page.refused.object == "" and not any(p.visible for k, p in page.refused_at.items() if k != depth)
        page.language.value = "zh"  # said again in the new language, no change needed
        assert "优惠券力度 = 1.5：超出范围；允许：数，0 到 0.9（占标价比例）" in beside.object
        page.inputs[depth].value = 1.6
        assert "优惠券力度 = 1.6：超出范围；允许：数，0 到 0.9（占标价比例）" in beside.object
        assert str(whatif.strategy_path.parent) not in beside.object  # no file path, no site-packages
        assert page.save.disabled and page.sure_button.disabled
        page.inputs[depth].value = 0.2
        assert beside.object == "" and not beside.visible and not page.save.disabled
    finally:
        page.worker.stop()


def test_no_empty_pane_before_the_first_run(whatif, monkeypatch):
    """Before the first answer: a line saying what is simulated, no chart drawn empty; the group
    view shows day 0 before Play."""
    release = threading.Event()
    compare_ = whatif.compare

    def held(values, **kw):
        assert release.wait(WAIT_S)
        return compare_(values, **kw)

    monkeypatch.setattr(whatif, "compare", held)
    page = AppPage(whatif, "en", backend=SerialBackend)
    try:
        page.refresh()
        assert "Simulating the starting point: 1,500 customers × 2 months" in page.headline.object
        assert not any(c.visible for c in page.charts) and not page.summary.visible
        assert "Day 0 of 60" in page.group_chart.object.layout.title.text
        assert sum(len(trace.x) for trace in page.group_chart.object.data) > 0
        release.set()
        page.worker.wait(lambda s: s.ready, WAIT_S)
        page.refresh()
        assert all(c.visible and c.object is not None for c in page.charts) and page.summary.visible
    finally:
        release.set()
        page.worker.stop()


@pytest.fixture
def today(tmp_path):
    """A client's own strategy file: nurture named "today", for a brand of 1,500 customers over
    60 days (harvest's file says 10,000 × 365)."""
    data = loads_scenario(resolve("nurture").read_text(encoding="utf-8"), "nurture.toml").to_dict()
    path = tmp_path / "today.toml"
    path.write_text(dumps_scenario(Scenario.from_dict({**data, "name": "today", "days": 60,
                                                       "population": {**data["population"], "customers": 1500}})),
                    encoding="utf-8")
    return WhatIf(str(path), "harvest")


def test_the_command_gives_the_baseline_the_strategys_customers_and_days(today):
    """The pinned baseline runs the strategy's brand and horizon, whatever its own file says: so
    does the command shown."""
    values = today.initial()
    command = today.command(values)
    assert command.endswith("harvest --days 60 --customers 1500"), command
    assert added(compare_command(command)) == added(today.compare(values))


def test_chinese_puts_a_space_between_a_latin_name_and_a_character(today):
    """"today在12 个月内" is wrong; "today 在 12 个月内" is how words/ spaces Chinese."""
    result = today.compare(today.initial())
    assert "today 在 2 个月内比没有私域" in headline(result, "zh", today.start_added())
    assert spaced("plan2在 12 个月内多赚 4.5万元（见 docs/app.md）", "zh") == "plan2 在 12 个月内多赚 4.5万元（见 docs/app.md）"
    assert spaced("today在", "en") == "today在"


def test_how_sure_weighs_the_screen_against_the_start_in_the_reports_words(whatif):
    """The button's answer is ``siyu compare --draws``': the same sentences (uncertainty.verdict)
    for the strategy on screen against the start; a note once the controls have moved on."""
    page = AppPage(whatif, "en", draws=4, backend=SerialBackend)
    try:
        assert "across 4 draws" in page.sure.object  # before the press: what it will do
        assert [s.name for s in whatif.weighed(page.values)] == ["nurture"]
        page.inputs[FREQ].value = 3.0
        assert [s.name for s in whatif.weighed(page.values)] == [WHAT_IF, "nurture"]
        page._how_sure()
        done = page.weigher.wait(lambda s: s.ready, 600)
        page.refresh()
        assert done.outcome.error is None, done.outcome.error
        w = done.outcome.result
        assert w.names == [WHAT_IF, "nurture"] and w.n_draws == 4
        for line in lines(w, "en", source=t("unc_source_defaults", "en")):
            if line.strip():
                assert html.escape(line.strip(), quote=False) in page.sure.object.replace("&#39;", "'"), line
        assert "what-if adds profit over no private domain in" in page.sure.object
        assert page.sure_chart.visible and "stale" not in page.sure.object
        page.inputs[FREQ].value = 2.5
        page.refresh()
        assert "press it again" in page.sure.object
    finally:
        page.worker.stop()
        page.weigher.stop()


def test_a_page_closed_mid_weighing_stops_its_weighing(whatif):
    """The weighing looks between batches: once the page's workers are stopped (its session
    ended) it ends with Cancelled instead of running every draw to the end."""
    batches = []

    class Stopping(SerialBackend):
        def run(self, batches_, on_result, fn=None, note=None):
            def delivered(outcomes):
                batches.append(outcomes)
                if len(batches) == 1:
                    page._stop()  # the tab is closed after the first batch
                on_result(outcomes)
            super().run(batches_, delivered, **({"fn": fn} if fn else {}), note=note)

    page = AppPage(whatif, "en", draws=4, backend=Stopping)
    page._how_sure()
    done = page.weigher.wait(lambda s: s.outcome is not None, 600)
    assert isinstance(done.outcome.error, Cancelled), done.outcome.error
    assert len(batches) == 1


def test_the_screen_names_the_pinned_file_by_its_title_and_a_changed_strategy_as_changed(tmp_path):
    """A pinned baseline file is named by its own title (it was shown by its file name), and the
    strategy once a control moves is '… (changed)' / '…（已调整）', not the plan it was loaded as."""
    from siyu_sim.words import scenario_label, titled

    pinned = tmp_path / "pinned.toml"
    pinned.write_text('name = "moli_care"\ntitle = "More care"\ntitle_zh = "加强关怀"\ndays = 20\n'
                      '[population]\ncustomers = 300\n', encoding="utf-8")
    w = WhatIf("nurture", str(pinned), customers=300, days=20)
    with titled(w.named()):
        assert scenario_label("moli_care", "zh") == "加强关怀" and scenario_label("moli_care", "en") == "More care"
        loaded = scenario_label("nurture", "en")
    changed = {**w.initial(), "levers.coupon.depth": 0.3}
    with titled(w.named(changed)):
        assert scenario_label("nurture", "en") == f"{loaded} (changed)"
        assert scenario_label("nurture", "zh").endswith("（已调整）")
    with titled(w.named(w.initial())):
        assert scenario_label("nurture", "en") == loaded
