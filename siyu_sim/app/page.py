"""The app's page, one per browser tab (Panel): levers on the left, answers on the right.

A change is checked at once (a refused value shows the files' own message and starts no run),
then handed to the background worker (``live.Debounced``). The page draws the worker's newest
snapshot (progress, answers, "ready") from a periodic callback on its own document, started
once the page is in the browser: the worker thread never touches the document. (It once did, through next-tick callbacks: Bokeh gives those
no order while the document is held, so a run's "100%" could land after its answers and hide
"ready" for good.) The status line and its bar are one HTML pane, so a deferred update always
draws the current text. Every word comes from ``siyu_sim.words``; every pane is drawn by a
macro of ``templates/panes.html.j2`` (``answers.pane``), its style sheet is ``templates/app.css``.
"""

from __future__ import annotations

import io
import tempfile
from datetime import datetime, timezone
from functools import partial
from pathlib import Path

import panel as pn

from ..config.problems import ScenarioError
from ..report import report_comparison
from ..version import __version__
from ..words import control_label, scenario_label, t
from ..words.settings import setting_description
from . import answers
from .answers import CSS, pane
from .group_view import GroupWatch
from .live import Debounced, Outcome, Progress, Snapshot
from .whatif import CONTROLS, LEVER_CONTROLS, NO_PRIVATE_DOMAIN, WhatIf, saved_name

LANG_OPTIONS = {"English": "en", "中文": "zh"}
SIDEBAR_WIDTH = 380
REFRESH_MS = 100  # how often the page looks at the worker's snapshot (a no-op when unchanged)


def css_class(path: str) -> str:
    """The CSS class of a control's widget (tests find controls by it)."""
    return "ctl-" + path.replace(".", "-").replace("_", "-")


class AppPage:
    """The page of one browser tab; ``view`` is what Panel serves."""

    def __init__(self, whatif: WhatIf, lang: str):
        self.whatif, self.lang = whatif, lang
        self.doc = pn.state.curdoc
        self.values = whatif.initial()
        self.shown: Outcome | None = None  # the outcome whose answers are drawn
        self._drawn = -1  # the version of the worker's snapshot drawn
        html = partial(pn.pane.HTML, stylesheets=[CSS], sizing_mode="stretch_width")
        self.title = html(css_classes=["title"])
        self.intro = html(css_classes=["intro"])
        self.language = pn.widgets.RadioButtonGroup(options=LANG_OPTIONS, value=lang, css_classes=["lang"])
        self.language.param.watch(self._relabel, "value")
        names = ([whatif.baseline_path.stem] if whatif.baseline_path else []) + [NO_PRIVATE_DOMAIN]
        self.baseline = pn.widgets.RadioButtonGroup(options=names, value=names[0], css_classes=["baseline"])
        self.baseline.param.watch(lambda _e: self._submit(), "value")
        self.inputs = {c.path: self._input(c) for c in CONTROLS}
        self.heads = {k: html() for k in ("strategy", "levers", "run", "baseline", "note")}
        self.refused = html(css_classes=["refused"])
        self.status = html(css_classes=["status"])
        self.save = pn.widgets.FileDownload(callback=self._scenario_file, filename="scenario.toml",
                                            button_type="primary", css_classes=["save"])
        self.report = pn.widgets.FileDownload(callback=self._report_file, filename="report.html",
                                              css_classes=["report"])
        self.headline = html(css_classes=["headline-pane"])
        self.command = html(css_classes=["command"])
        self.summary = html(css_classes=["summary"])
        self.chart_titles = [html() for _ in answers.CHARTS]
        self.charts = [pn.pane.Plotly(config={"displayModeBar": False}, sizing_mode="stretch_width",
                                      css_classes=["chart", f"chart-{i}"]) for i in range(len(answers.CHARTS))]
        # One group as Mesa agents, stepped by a periodic callback while "play" is on.
        self.group_title, self.group_intro = html(), html()
        self.group_play = pn.widgets.Toggle(value=False, css_classes=["group-play"], width=140)
        self.group_play.param.watch(self._play, "value")
        self.group_chart = pn.pane.Plotly(config={"displayModeBar": False}, sizing_mode="stretch_width",
                                          css_classes=["chart", "group-chart"])
        self.watch: GroupWatch | None = None
        self._ticker = None
        self.worker = Debounced(self._run)
        if self.served:
            self.doc.on_session_destroyed(lambda _ctx: self.worker.stop())
            pn.state.onload(self._loaded)
        self._relabel()
        self._submit()

    @property
    def served(self) -> bool:
        """In a server session (else a test building the page alone, calling ``refresh``)."""
        return self.doc is not None and self.doc.session_context is not None

    def _loaded(self) -> None:
        """The page is in the browser: from now on, draw the runs as they go. Not before: a
        change before Panel has written the page out gets the CDN's address for its style
        sheets, and Panel defers and reorders changes made before the websocket is open."""
        self.refresh()
        self.doc.add_periodic_callback(self.refresh, REFRESH_MS)

    # --- layout -----------------------------------------------------------------------

    def view(self) -> pn.viewable.Viewable:
        levers = [self.inputs[c.path] for c in LEVER_CONTROLS]
        run = [self.inputs[c.path] for c in CONTROLS if c not in LEVER_CONTROLS]
        sidebar = pn.Column(self.language, self.heads["strategy"], self.heads["baseline"], self.baseline,
                            self.heads["levers"], *levers, self.heads["note"], self.heads["run"], *run,
                            self.refused, pn.Row(self.save, self.report), width=SIDEBAR_WIDTH)
        main = pn.Column(self.title, self.intro, self.status, self.headline, self.command,
                         *[part for pair in zip(self.chart_titles, self.charts) for part in pair],
                         self.summary, self.group_title, self.group_intro, self.group_play, self.group_chart,
                         sizing_mode="stretch_width")
        return pn.Row(sidebar, main, sizing_mode="stretch_width")

    def _input(self, control) -> pn.widgets.Widget:
        kind = pn.widgets.IntInput if control.kind == "int" else pn.widgets.FloatInput
        widget = kind(value=self.values[control.path], step=control.step, width=SIDEBAR_WIDTH - 30,
                      css_classes=["control", css_class(control.path)])
        widget.param.watch(partial(self._changed, control.path), "value")
        return widget

    def _relabel(self, event=None) -> None:
        """Every word on the page in the chosen language; the answers redrawn, not re-run."""
        if event is not None:
            self.lang = event.new
        lang = self.lang
        for c in CONTROLS:
            self.inputs[c.path].name = control_label(c.path, lang)
            self.inputs[c.path].description = setting_description(self.whatif.setting_id(c.path),
                                                                  self.whatif.description(c.path), lang)
        self.title.object = pane("heading", t("app_title", lang), 1)
        self.intro.object = pane("para", t("app_intro", lang))
        name = scenario_label(self.whatif.start.name, lang)
        self.heads["strategy"].object = pane("heading", t("app_strategy", lang, name=name), 2)
        self.heads["baseline"].object = pane("heading", t("app_baseline", lang), 3)
        self.heads["levers"].object = pane("heading", t("app_levers", lang), 3)
        self.heads["run"].object = pane("heading", t("app_run_settings", lang), 3)
        self.heads["note"].object = pane("small", t("app_absent_note", lang))
        self.baseline.options = {scenario_label(n, lang): n for n in self.baseline.values}
        self.save.label, self.report.label = t("app_save", lang), t("app_report", lang)
        self.group_title.object = pane("heading", t("app_group_title", lang), 2)
        self.group_intro.object = pane("para", t("app_group_intro", lang))
        self.group_play.name = t("app_group_pause" if self.group_play.value else "app_group_play", lang)
        if self.watch is not None:
            self.group_chart.object = self.watch.figure(lang)
        self._show_answers()  # in the new language, without a run
        self._drawn = -1
        self.refresh()  # the status too (and newer answers, if any)

    # --- changes and runs ---------------------------------------------------------------

    def _changed(self, path: str, event) -> None:
        self.values[path] = event.new
        self._submit()

    def _submit(self) -> None:
        """Check the values now (no run for a refused one), then run them in the background."""
        try:
            scenario = self.whatif.scenario(self.values)
        except ScenarioError as exc:
            self.refused.object = pane("refused", t("app_refused", self.lang), exc.render(self.lang))
            self.save.disabled = self.report.disabled = True
            return
        self.refused.object = ""
        self.watch = None  # the group view restarts with the new strategy when played
        self.save.disabled = self.report.disabled = False
        self.save.filename = saved_name(scenario)
        self.report.filename = f"{scenario.name}_vs_{self.baseline.value}.html"
        self.worker.submit((dict(self.values), self.pinned))
        self.refresh()

    @property
    def pinned(self) -> bool:
        return self.baseline.value != NO_PRIVATE_DOMAIN

    def _run(self, request, progress: Progress):
        values, pinned = request
        return self.whatif.compare(values, pinned=pinned, progress=progress)

    def refresh(self) -> None:
        """Draw the worker's newest snapshot if it has moved: the one place the status and the
        answers are drawn, always on the document's own thread, so every draw shows the
        newest state whatever order the runs' reports came in."""
        snapshot = self.worker.snapshot()
        if snapshot.version == self._drawn:
            return
        self._drawn = snapshot.version
        outcome = snapshot.outcome
        if outcome is not None and outcome is not self.shown and outcome.error is None:
            self.shown = outcome
            self._show_answers()
        self._show_status(snapshot)

    def _show_status(self, snapshot: Snapshot) -> None:
        lang, outcome = self.lang, snapshot.outcome
        if snapshot.ready and outcome.error is not None:
            kind, line, pct = "refused", t("app_failed", lang, error=outcome.error), 100
        elif snapshot.ready:
            values, population = outcome.request[0], outcome.result.scenarios[0].population
            kind, pct = "ready", 100
            line = t("app_ready", lang, customers=f"{population.customers:,}", rows=f"{population.n_rows:,}",
                     days=values["days"], seed=values["seed"], seconds=outcome.seconds)
        elif self.shown is None:
            kind, line, pct = "running", t("app_waiting", lang), snapshot.pct
        else:
            kind, line, pct = "running", t("app_running", lang, pct=snapshot.pct), snapshot.pct
        self.status.object = pane("status", kind, line, pct)

    def _show_answers(self) -> None:
        """The answers of ``self.shown`` (the newest outcome that has some)."""
        if self.shown is None:
            return
        lang, result, (values, pinned) = self.lang, self.shown.result, self.shown.request
        self.headline.object = answers.headline(result, lang)
        command = self.whatif.command(values, pinned=pinned)
        self.command.object = pane("command", t("app_command", lang), command) if command else ""
        self.summary.object = answers.summary(result, lang)
        for title, chart, (text, fig) in zip(self.chart_titles, self.charts, answers.charts(result, lang)):
            title.object = pane("heading", text, 2)
            chart.object = fig

    # --- one group, day by day ---------------------------------------------------------------

    def _play(self, event) -> None:
        self.group_play.name = t("app_group_pause" if event.new else "app_group_play", self.lang)
        if not event.new:
            if self._ticker is not None:
                self._ticker.stop()
                self._ticker = None
            return
        self._tick()
        if self.served:
            self._ticker = pn.state.add_periodic_callback(self._tick, period=400)

    def _tick(self) -> None:
        """One simulated day of the watched group (a new run after the strategy changed)."""
        if self.watch is None or self.watch.finished:
            try:
                scenario = self.whatif.scenario(self.values)
            except ScenarioError:
                self.group_play.value = False
                return
            self.watch = GroupWatch(scenario, seed=self.values["seed"])
        self.watch.step()
        self.group_chart.object = self.watch.figure(self.lang)

    # --- keeping what was found -----------------------------------------------------------

    def _scenario_file(self) -> io.StringIO:
        """The strategy as on screen, as a scenario file (``siyu validate`` accepts it)."""
        return io.StringIO(self.whatif.scenario_toml(self.values))

    def _report_file(self) -> io.BytesIO:
        """The same report ``siyu compare --report`` writes, for the values on screen."""
        result = self.whatif.compare(self.values, pinned=self.pinned, segments=True)
        command = self.whatif.command(self.values, pinned=self.pinned)
        meta = {"command": f"{command} --report {self.report.filename}" if command else "siyu app",
                "version": __version__, "date": datetime.now(timezone.utc).isoformat(timespec="seconds")}
        with tempfile.TemporaryDirectory() as folder:
            path = report_comparison(result, Path(folder) / "report.html", lang=self.lang, meta=meta)
            return io.BytesIO(path.read_bytes())
