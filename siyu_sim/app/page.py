"""The app's page, one per browser tab (Panel): levers on the left, answers on the right.

A change is checked at once (a refused value is named, with what it allows, in the page's
language, and starts no run), then handed to the background worker (``live.Debounced``). The page
draws the worker's newest snapshot (progress, answers, "ready") from a periodic callback on its
own document, started once the page is in the browser: the worker thread never touches the
document. (It once did, through next-tick callbacks: Bokeh gives those no order while the
document is held, so a run's "100%" could land after its answers and hide "ready" for good.) The
status line and its bar are one HTML pane, so a deferred update always draws the current text.
The verdict under uncertainty runs on a second worker of the same kind, on a button press, so
the levers stay live while it weighs. Every word comes from ``siyu_sim.words``; every pane is
drawn by a macro of ``templates/panes.html.j2`` (``answers.pane``), its style sheet is
``templates/app.css``.

Each box shows its value as its key's declaration says (``whatif.shown``: a whole number, or the
decimals worth showing, with its unit beside the label); the value itself is never rounded, so
an untouched box changes nothing.
"""

from __future__ import annotations

import dataclasses
import io
import os
import tempfile
from datetime import datetime, timezone
from functools import partial
from pathlib import Path
from typing import Callable

import panel as pn

from ..config.overrides import normalise_path
from ..config.problems import ScenarioError
from ..experiments.backends import Backend, ProcessPoolBackend
from ..report import report_comparison
from ..report.calibration_report import fit_line
from ..version import __version__
from ..compare.verdict import run_length
from ..words import control_label, in_lang, percent, scenario_label, spaced, t, titled
from ..words.settings import setting_description, setting_unit
from . import answers
from .answers import CSS, pane
from .group_view import GroupWatch
from .live import Debounced, Outcome, Progress, Snapshot
from .whatif import (CONTROLS, ECONOMICS_CONTROLS, LEVER_CONTROLS, MEETING_DRAWS, NO_PRIVATE_DOMAIN, RUN_CONTROLS,
                     SaveError, WhatIf)

LANG_OPTIONS = {"English": "en", "中文": "zh"}
SIDEBAR_WIDTH = 380
REFRESH_MS = 100  # how often the page looks at the workers' snapshots (a no-op when unchanged)
UNIT_COST = "economics.unit_cost_cny"


def css_class(path: str) -> str:
    """The CSS class of a control's widget (tests find controls by it)."""
    return "ctl-" + path.replace(".", "-").replace("_", "-")


def number_format(decimals: int) -> str:
    """The box's format (numbro, Bokeh's): up to ``decimals`` decimals, none shown when they are
    zeros (0.027, 60, 2.5). No thousands separator: the box must still parse what it shows."""
    return "0" if decimals == 0 else "0.[" + "0" * decimals + "]"


class Cancelled(Exception):
    """The page is gone: its weighing stops."""


def meeting_backend() -> Backend:
    """Where "How sure?" runs: local processes on every core but one, which the live runs keep
    (a lever changed while it weighs still answers in seconds)."""
    return ProcessPoolBackend(max(1, (os.cpu_count() or 2) - 1))


class AppPage:
    """The page of one browser tab; ``view`` is what Panel serves. ``save_dir``: where "Save as
    scenario" writes; ``draws``: how many draws the uncertainty button weighs; ``backend``: where
    the weighing runs (default: ``meeting_backend``, so the page stays responsive)."""

    def __init__(self, whatif: WhatIf, lang: str, *, save_dir: Path | str = ".", draws: int = MEETING_DRAWS,
                 backend: Callable[[], Backend] = meeting_backend):
        self.whatif, self.lang = whatif, lang
        self.save_dir, self.draws, self.backend = Path(save_dir), draws, backend
        self.doc = pn.state.curdoc
        self.values = whatif.initial()
        self.shown: Outcome | None = None  # the outcome whose answers are drawn
        self.saved: tuple[dict, Path] | None = None  # the values last saved, and where
        self._drawn = self._weigh_drawn = -1  # the versions of the workers' snapshots drawn
        html = partial(pn.pane.HTML, stylesheets=[CSS], sizing_mode="stretch_width")
        self.title = html(css_classes=["title"])
        self.intro = html(css_classes=["intro"])
        self.language = pn.widgets.RadioButtonGroup(options=LANG_OPTIONS, value=lang, css_classes=["lang"])
        self.language.param.watch(self._relabel, "value")
        names = ([whatif.baseline_path.stem] if whatif.baseline_path else []) + [NO_PRIVATE_DOMAIN]
        self.baseline = pn.widgets.RadioButtonGroup(options=names, value=names[0], css_classes=["baseline"])
        self.baseline.param.watch(lambda _e: self._submit(), "value")
        self.inputs = {c.path: self._input(c) for c in CONTROLS}
        # a refused value is said beside its box (one pane under each); what no box sets, beside
        # the box last changed (else above the levers)
        self.refused = html(css_classes=["refused"])
        self.refused_at = {c.path: html(css_classes=["refused", f"refused-{css_class(c.path)}"], visible=False)
                           for c in CONTROLS}
        self.last_changed: str | None = None
        self.refusing = False  # a value on screen is refused
        self.heads = {k: html() for k in ("strategy", "levers", "run", "baseline", "note", "economics_note")}
        self.margin = html(css_classes=["gross-margin"])
        money = [part for c in ECONOMICS_CONTROLS  # the gross margin under the unit cost it follows from
                 for part in ([*self._boxed(c.path), self.margin] if c.path == UNIT_COST else self._boxed(c.path))]
        self.economics = pn.Card(self.heads["economics_note"], *money, collapsed=True, css_classes=["economics"],
                                 width=SIDEBAR_WIDTH - 10)
        self.status = html(css_classes=["status"])
        # "Save as scenario": a name, then a file inside save_dir
        self.save = pn.widgets.Button(color="primary", css_classes=["save"])
        self.save.on_click(lambda _e: self._open_save())
        self.save_name = pn.widgets.TextInput(css_classes=["save-name"], width=SIDEBAR_WIDTH - 30)
        self.save_confirm = pn.widgets.Button(color="primary", css_classes=["save-confirm"])
        self.save_confirm.on_click(lambda _e: self._save())
        self.save_cancel = pn.widgets.Button(css_classes=["save-cancel"])
        self.save_cancel.on_click(lambda _e: setattr(self.save_dialog, "visible", False))
        self.save_dialog = pn.Column(self.save_name, pn.Row(self.save_confirm, self.save_cancel), visible=False,
                                     css_classes=["save-dialog"])
        self.save_message = html(css_classes=["save-message"])
        self.report = pn.widgets.FileDownload(callback=self._report_file, filename="report.html",
                                              css_classes=["report"])
        self.headline = html(css_classes=["headline-pane"])
        self.fit = html(css_classes=["fit-pane"])  # a brand fitted to its own numbers: how well
        self.command = html(css_classes=["command"])
        self.summary = html(css_classes=["summary"], visible=False)
        self.chart_titles = [html(visible=False) for _ in answers.CHARTS]
        self.charts = [pn.pane.Plotly(config={"displayModeBar": False}, sizing_mode="stretch_width", visible=False,
                                      css_classes=["chart", f"chart-{i}"]) for i in range(len(answers.CHARTS))]
        # How sure: the verdict under uncertainty, on a button press, on its own worker
        self.sure_button = pn.widgets.Button(color="primary", css_classes=["how-sure-button"])
        self.sure_button.on_click(lambda _e: self._how_sure())
        self.sure_status = html(css_classes=["how-sure-status"])
        self.sure = html(css_classes=["how-sure"])
        self.sure_chart = pn.pane.Plotly(config={"displayModeBar": False}, sizing_mode="stretch_width", visible=False,
                                         css_classes=["chart", "how-sure-chart"])
        self.sure_card = pn.Card(self.sure_button, self.sure_status, self.sure, self.sure_chart,
                                 css_classes=["how-sure-card"], sizing_mode="stretch_width")
        # One group as Mesa agents, stepped by a periodic callback while "play" is on; its day 0 before.
        self.group_title, self.group_intro = html(), html()
        self.group_play = pn.widgets.Toggle(value=False, css_classes=["group-play"], width=140)
        self.group_play.param.watch(self._play, "value")
        self.group_chart = pn.pane.Plotly(config={"displayModeBar": False}, sizing_mode="stretch_width",
                                          css_classes=["chart", "group-chart"])
        self.watch: GroupWatch | None = None
        self._ticker = None
        self.worker = Debounced(self._run)
        self.weigher = Debounced(self._weigh, delay=0)
        if self.served:
            self.doc.on_session_destroyed(lambda _ctx: self._stop())
            pn.state.onload(self._loaded)
        self._submit()
        self._relabel()

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

    def _stop(self) -> None:
        self.worker.stop()
        self.weigher.stop()

    # --- layout -----------------------------------------------------------------------

    def view(self) -> pn.viewable.Viewable:
        levers = [part for c in LEVER_CONTROLS for part in self._boxed(c.path)]
        run = [part for c in RUN_CONTROLS for part in self._boxed(c.path)]
        sidebar = pn.Column(self.language, self.heads["strategy"], self.heads["baseline"], self.baseline,
                            self.heads["levers"], self.refused, *levers, self.heads["note"], self.economics,
                            self.heads["run"], *run, pn.Row(self.save, self.report),
                            self.save_dialog, self.save_message, width=SIDEBAR_WIDTH)
        main = pn.Column(self.title, self.intro, self.status, self.headline, self.fit, self.command, self.sure_card,
                         *[part for pair in zip(self.chart_titles, self.charts) for part in pair],
                         self.summary, self.group_title, self.group_intro, self.group_play, self.group_chart,
                         sizing_mode="stretch_width")
        return pn.Row(sidebar, main, sizing_mode="stretch_width")

    def _boxed(self, path: str) -> list:
        """A control's box and, under it, where a refused value of it is said."""
        return [self.inputs[path], self.refused_at[path]]

    def _input(self, control) -> pn.widgets.Widget:
        shown = self.whatif.shown(control.path)
        common = dict(value=self.values[control.path], width=SIDEBAR_WIDTH - 30,
                      css_classes=["control", css_class(control.path)])
        if shown.kind == "int":
            widget = pn.widgets.IntInput(step=max(1, int(control.step)), **common)
        else:
            widget = pn.widgets.FloatInput(step=control.step, format=number_format(shown.decimals), **common)
        widget.param.watch(partial(self._changed, control.path), "value")
        return widget

    def label(self, path: str, lang: str, unit: bool = True) -> str:
        """A control's label in ``lang``, with its declared unit unless the label says it already
        (decided in English, so both languages show the same)."""
        text = control_label(path, lang)
        declared = self.whatif.shown(path).unit
        if not unit or declared is None or declared.lower() in control_label(path, "en").lower():
            return text
        return t("app_control_unit", lang, label=text, unit=setting_unit(declared, lang))

    def _relabel(self, event=None) -> None:
        """Every word on the page in the chosen language; the answers redrawn, not re-run."""
        if event is not None:
            self.lang = event.new
        lang = self.lang
        for c in CONTROLS:
            widget = self.inputs[c.path]
            widget.name = self.label(c.path, lang)
            widget.description = setting_description(self.whatif.setting_id(c.path), self.whatif.description(c.path),
                                                     lang)
            if self.whatif.shown(c.path).optional:
                widget.placeholder = t("app_derived", lang)
        self.title.object = pane("heading", t("app_title", lang), 1)
        self.intro.object = pane("para", t("app_intro", lang))
        with titled(self.whatif.named()):  # the strategy as loaded and the pinned one, by their titles
            name = scenario_label(self.whatif.start.name, lang)
            self.baseline.options = {scenario_label(n, lang): n for n in self.baseline.values}
        self.heads["strategy"].object = pane("heading", t("app_strategy", lang, name=name), 2)
        self.heads["baseline"].object = pane("heading", t("app_baseline", lang), 3)
        self.heads["levers"].object = pane("heading", t("app_levers", lang), 3)
        self.heads["run"].object = pane("heading", t("app_run_settings", lang), 3)
        self.heads["note"].object = pane("small", t("app_absent_note", lang))
        self.heads["economics_note"].object = pane("small", t("app_economics_note", lang))
        self.economics.title = t("app_economics", lang)
        self.save.name, self.report.label = t("app_save", lang), t("app_report", lang)
        self.save_name.name = t("app_save_name", lang, folder=self.save_dir)
        self.save_confirm.name, self.save_cancel.name = t("app_save_confirm", lang), t("app_save_cancel", lang)
        self.save_message.object = ""
        self.sure_card.title = t("app_how_sure_title", lang)
        self.sure_button.name = t("app_how_sure", lang, draws=self.draws)
        self.group_title.object = pane("heading", t("app_group_title", lang), 2)
        self.group_intro.object = pane("para", t("app_group_intro", lang))
        self.group_play.name = t("app_group_pause" if self.group_play.value else "app_group_play", lang)
        self._show_margin()
        self._show_fit()
        self._checked()  # a refused value, said again in the new language
        self._show_group()
        self._show_answers()  # in the new language, without a run
        self._drawn = self._weigh_drawn = -1
        self.refresh()  # the status too (and newer answers, if any)

    # --- changes and runs ---------------------------------------------------------------

    def _changed(self, path: str, event) -> None:
        value = event.new  # the browser sends 80 for 80.0: a float setting keeps a float (--set ...=80.0)
        self.values[path] = float(value) if value is not None and self.whatif.shown(path).kind == "float" else value
        self.last_changed = path
        self._submit()

    def _checked(self):
        """The strategy the values give, or None with the refused values shown (and the buttons
        that would use them off)."""
        try:
            scenario = self.whatif.scenario(self.values)
        except ScenarioError as exc:
            self._show_refused(exc)
            self.save.disabled = self.report.disabled = self.sure_button.disabled = True
            self.save_dialog.visible = False
            return None
        self._show_refused(None)
        self.save.disabled = self.report.disabled = self.sure_button.disabled = False
        return scenario

    def _show_refused(self, exc: ScenarioError | None) -> None:
        """Each refused value under its box (what no box sets under the box last changed, else
        above the levers), in the page's language; nothing when ``exc`` is None."""
        said: dict[str | None, list[str]] = {}
        for where, text in (self.refusal_at(exc, self.lang) if exc is not None else []):
            if where is None:
                where = self.last_changed
            said.setdefault(where, []).append(text)
        head = t("app_refused", self.lang)
        for path, shown in self.refused_at.items():
            shown.object = pane("refused", head, said[path]) if path in said else ""
            shown.visible = path in said
        self.refused.object = pane("refused", head, said[None]) if None in said else ""
        self.refusing = bool(said)

    def _submit(self) -> None:
        """Check the values now (no run for a refused one), then run them in the background."""
        self._show_margin()
        scenario = self._checked()
        if scenario is None:
            return
        self.report.filename = f"{scenario.name}_vs_{self.baseline.value}.html"
        if not self.group_play.value:  # the group view restarts with the new strategy (its day 0 shown)
            self.watch = None
            self._show_group()
        else:
            self.watch = None  # the next tick starts the new strategy
        self.worker.submit((dict(self.values), self.pinned))
        weighed = self.weigher.snapshot().outcome
        if weighed is not None and weighed.error is None:  # say whether it is still the screen's
            self._show_sure_words(weighed)
        self.refresh()

    def refusal(self, exc: ScenarioError, lang: str) -> list[str]:
        """Each refused value in ``lang``: the control's label (a key no control sets, by its path),
        the value, what is wrong and what is allowed; never the file's path."""
        return [text for _, text in self.refusal_at(exc, lang)]

    def refusal_at(self, exc: ScenarioError, lang: str) -> list[tuple[str | None, str]]:
        """``refusal``'s words, each with the control whose box holds the refused value (None:
        a key no control sets)."""
        paths = {normalise_path(c.path): c.path for c in CONTROLS}
        out = []
        for p in exc.problems:
            control = paths.get(normalise_path(p.where))
            where = control_label(control, lang) if control else p.where
            out.append((control, spaced(dataclasses.replace(p, where=where, origin=None).render(source="", lang=lang),
                                        lang)))
        return out

    @property
    def pinned(self) -> bool:
        return self.baseline.value != NO_PRIVATE_DOMAIN

    def _run(self, request, progress: Progress):
        values, pinned = request
        result = self.whatif.compare(values, pinned=pinned, progress=progress)
        return result, self.whatif.start_added()

    def refresh(self) -> None:
        """Draw the workers' newest snapshots if they have moved: the one place the status and
        the answers are drawn, always on the document's own thread, so every draw shows the
        newest state whatever order the runs' reports came in."""
        snapshot = self.worker.snapshot()
        if snapshot.version != self._drawn:
            self._drawn = snapshot.version
            outcome = snapshot.outcome
            if outcome is not None and outcome is not self.shown and outcome.error is None:
                self.shown = outcome
                self._show_answers()
            self._show_status(snapshot)
        weighing = self.weigher.snapshot()
        if weighing.version != self._weigh_drawn:
            self._weigh_drawn = weighing.version
            self._show_how_sure(weighing)

    def _show_status(self, snapshot: Snapshot) -> None:
        lang, outcome = self.lang, snapshot.outcome
        if snapshot.ready and outcome.error is not None:
            kind, line, pct = "refused", t("app_failed", lang, error=outcome.error), 100
        elif snapshot.ready:
            values, population = outcome.request[0], outcome.result[0].scenarios[0].population
            kind, pct = "ready", 100
            line = t("app_ready", lang, customers=f"{population.customers:,}", rows=f"{population.n_rows:,}",
                     days=values["days"], seed=values["seed"], seconds=outcome.seconds)
        else:
            kind, line, pct = "running", t("app_running", lang, pct=snapshot.pct), snapshot.pct
        self.status.object = pane("status", kind, line, pct)

    def _show_answers(self) -> None:
        """The answers of ``self.shown`` (the newest outcome that has some); before the first,
        one line saying what is being simulated, and no empty chart."""
        lang = self.lang
        if self.shown is None:
            start = self.whatif.start
            self.headline.object = answers.pending(t("app_pending", lang, customers=f"{start.population.customers:,}",
                                                     horizon=run_length(start.days, lang)))
            return
        (result, start_added), (values, _) = self.shown.result, self.shown.request
        with titled(self.whatif.named(values)):  # by their titles; the strategy, once changed, says so
            self.headline.object = answers.headline(result, lang, start_added)
            self._show_command()
            self.summary.object = answers.summary(result, lang)
            self.summary.visible = True
            for title, chart, (text, fig) in zip(self.chart_titles, self.charts, answers.charts(result, lang)):
                title.object = pane("heading", text, 2)
                chart.object = fig
                title.visible = chart.visible = True

    def _show_fit(self) -> None:
        """How well the brand was fitted to its own numbers, beside the headline (from the
        ``[calibration]`` record the strategy or the pinned baseline keeps); nothing otherwise."""
        with titled(self.whatif.named(self.values)):
            said = fit_line(self.whatif.named(self.values), self.lang)
        self.fit.object = pane("fit", "good" if said[0] else "poor", spaced(said[1], self.lang)) if said else ""

    def _show_command(self) -> None:
        """The ``siyu compare`` command that gives the numbers shown, or why there is none yet."""
        if self.shown is None:
            return
        values, pinned = self.shown.request
        saved = self.saved[1] if self.saved is not None and self.saved[0] == values else None
        command = self.whatif.command(values, saved_as=str(saved) if saved else None, pinned=pinned)
        if command is not None:
            self.command.object = pane("command", t("app_command", self.lang), command)
        elif pinned and self.whatif.baseline_path is not None:
            self.command.object = pane("small", t("app_command_save", self.lang))
        else:
            self.command.object = ""

    def _show_margin(self) -> None:
        """The gross margin the order value and unit cost give (the margin a CFO quotes)."""
        order, cost = self.values["economics.order_value_cny"], self.values[UNIT_COST]
        ok = order is not None and cost is not None and order > 0
        self.margin.object = pane("small", t("app_gross_margin", self.lang, share=percent(1 - cost / order))) \
            if ok else ""

    # --- how sure: the verdict under uncertainty ----------------------------------------------

    def _how_sure(self) -> None:
        """Weigh the values on screen against the start (on the second worker)."""
        try:
            self.whatif.scenario(self.values)
        except ScenarioError:
            return  # the button is disabled while a value is refused; a click may still race it
        self.weigher.submit(dict(self.values))
        self.refresh()

    def _weigh(self, values, progress: Progress):
        def tick(done: int, total: int) -> None:
            if self.weigher.stopped:
                raise Cancelled
            progress(done, total)

        with self.backend() as backend:
            return self.whatif.how_sure(values, draws=self.draws, backend=backend, progress=tick)

    def _show_how_sure(self, snapshot: Snapshot) -> None:
        lang = self.lang
        running = snapshot.ticket > 0 and not snapshot.ready
        self.sure_button.disabled = running or self.refusing
        if running:
            self.sure_status.object = pane("status", "running", t("app_how_sure_running", lang, pct=snapshot.pct),
                                           snapshot.pct)
        else:
            self.sure_status.object = ""
        outcome = snapshot.outcome
        if outcome is None:
            self.sure.object = pane("para", t("app_how_sure_intro", lang, draws=self.draws))
            return
        if outcome.error is not None:
            self.sure.object = pane("para", t("app_how_sure_failed", lang, error=outcome.error))
            self.sure_chart.visible = False
            return
        self._show_sure_words(outcome)
        with titled([self.whatif.start]):  # the start by its title, its segments' settings by theirs
            self.sure_chart.object = answers.how_sure_chart(outcome.result, lang)
        self.sure_chart.visible = True

    def _show_sure_words(self, outcome: Outcome) -> None:
        """The weighing's sentences, with a note when the controls have changed since it was asked."""
        stale = outcome.request != self.values
        with titled([self.whatif.start]):  # the start by its title, its segments' settings by theirs
            self.sure.object = answers.how_sure(outcome.result, self.lang, self.whatif.uncertainty_source, stale)

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

    def _watch(self) -> GroupWatch | None:
        """The watched group's run (a new one, at day 0, after the strategy changed; None while a
        value is refused)."""
        if self.watch is None or self.watch.finished:
            try:
                scenario = self.whatif.scenario(self.values)
            except ScenarioError:
                return None
            self.watch = GroupWatch(scenario, seed=self.values["seed"])
        return self.watch

    def _tick(self) -> None:
        """One simulated day of the watched group."""
        watch = self._watch()
        if watch is None:
            self.group_play.value = False
            return
        watch.step()
        self.group_chart.object = watch.figure(self.lang)

    def _show_group(self) -> None:
        """The watched group as it is now (day 0 before Play)."""
        watch = self._watch()
        if watch is not None:
            self.group_chart.object = watch.figure(self.lang)

    # --- keeping what was found -----------------------------------------------------------

    def _open_save(self) -> None:
        """Ask for the new scenario's name (one not taken in the folder offered)."""
        base = f"{self.whatif.start.name}_whatif"
        name, n = base, 2
        while (self.save_dir / f"{name}.toml").exists():
            name, n = f"{base}_{n}", n + 1
        self.save_name.value = self.save_name.value_input = name
        self.save_message.object = ""
        self.save_dialog.visible = True

    def _save(self) -> None:
        """Write the strategy on screen under the name given, inside the folder (``WhatIf.save``)."""
        name = self.save_name.value_input if self.save_name.value_input is not None else self.save_name.value
        try:
            path = self.whatif.save(self.values, name, self.save_dir)
        except SaveError as exc:
            self.save_message.object = pane("note", "save-refused", spaced(in_lang(exc.said, self.lang), self.lang))
            return
        except ScenarioError as exc:
            self.save_message.object = pane("note", "save-refused", "\n".join(self.refusal(exc, self.lang)))
            return
        self.saved = (dict(self.values), path)
        self.save_dialog.visible = False
        self.save_message.object = pane("note", "saved", t("app_saved", self.lang, path=path))
        self._show_command()

    def _report_file(self) -> io.BytesIO:
        """The same report ``siyu compare --report`` writes, for the values on screen."""
        result = self.whatif.compare(self.values, pinned=self.pinned, segments=True)
        command = self.whatif.command(self.values, pinned=self.pinned)
        meta = {"command": f"{command} --report {self.report.filename}" if command else "siyu app",
                "version": __version__, "date": datetime.now(timezone.utc).isoformat(timespec="seconds")}
        with tempfile.TemporaryDirectory() as folder:
            path = report_comparison(result, Path(folder) / "report.html", lang=self.lang, meta=meta)
            return io.BytesIO(path.read_bytes())
