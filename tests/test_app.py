"""The live app without a browser: what the controls mean, the background worker, the checks
before it starts. (In a real browser: test_app_browser.py.)"""

from __future__ import annotations

import socket
import threading
import time

import pytest
from typer.testing import CliRunner

from siyu_sim.app import WhatIf
from siyu_sim.app.answers import added, headline
from siyu_sim.app.live import Debounced
from siyu_sim.app.page import AppPage
from siyu_sim.app.server import AppError, check_port
from siyu_sim.cli import app as cli
from siyu_sim.compare import compare
from siyu_sim.config.presets import resolve
from siyu_sim.config.problems import ScenarioError
from siyu_sim.config.scenario_files import loads_scenario

SMALL = {"customers": 1500, "days": 60}
FREQ = "levers.broadcast.frequency_per_day"


@pytest.fixture(scope="module")
def whatif():
    return WhatIf("nurture", "harvest", **SMALL)


def test_controls_start_from_the_file_and_become_the_command_line(whatif):
    v = whatif.initial()
    assert v[FREQ] == 1.0 and v["levers.care.staff"] == 2.0 and v["population.customers"] == 1500
    assert v["levers.paid_ads.adds_per_day"] == 0  # nurture buys no ads: the channel shows as off
    changed = dict(v, **{FREQ: 2.0, "seed": 8})
    assert whatif.arguments(changed) == ["--set", f"{FREQ}=2.0", "--days", "60", "--customers", "1500",
                                         "--seed", "8"]
    assert whatif.command(changed) == ("siyu compare nurture harvest --set levers.broadcast.frequency_per_day=2.0 "
                                       "--days 60 --customers 1500 --seed 8")
    assert whatif.command(changed, pinned=False) is None


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
