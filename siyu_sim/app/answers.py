"""The answers the app shows, made by the comparison report's own parts: the three questions
(``report.incremental_summary``) and its charts (``report.figures``), and, on a button press, the
verdict under uncertainty (``uncertainty.verdict``'s sentences, the report's driver chart), so the
screen, ``siyu compare --report`` and ``siyu compare --draws`` say the same things in the same
words. Only the headline is the app's own: one sentence a client can read across the room, with
how far it has moved since the meeting's starting point.

Every pane is drawn by a macro of ``templates/panes.html.j2`` (``pane``), with the reports'
blocks: no HTML is written here.
"""

from __future__ import annotations

from importlib import resources

import plotly.graph_objects as go

from ..compare import Comparison
from ..compare.verdict import run_length
from ..report import figures
from ..report.html import environment
from ..report.incremental_summary import summary_blocks
from ..report.uncertainty_report import driver_figure
from ..uncertainty.verdict import lines
from ..uncertainty.weigh import Weighing
from ..words import money, scenario_label, spaced, t
from .whatif import NO_PRIVATE_DOMAIN

#: The app's templates, and the reports' (their blocks) beneath them.
ENV = environment("siyu_sim.app", "siyu_sim.report")
#: The panes' style sheet.
CSS = resources.files("siyu_sim.app").joinpath("templates", "app.css").read_text(encoding="utf-8")


def pane(macro: str, *args) -> str:
    """A pane's HTML, drawn by the macro ``macro`` of ``templates/panes.html.j2``."""
    return str(getattr(ENV.get_template("panes.html.j2").module, macro)(*args))

#: The charts, in the order shown: (report section title key, figure function).
CHARTS = (
    ("sec_cum", figures.cumulative_figure),
    ("sec_members", figures.members_figure),
    ("sec_money", figures.money_figure),
    ("sec_trust", figures.trust_figure),
)


def added(result: Comparison) -> dict[str, float]:
    """Each scenario's profit added over no private domain at the horizon (CNY)."""
    return {name: inc for name, (inc, _ledger) in result.increments().items()}


def signed_money(x: float, lang: str) -> str:
    """An amount with its sign, + included: +¥45K, −4.5万元."""
    return ("+" if x >= 0 else "") + money(x, lang)


def headline(result: Comparison, lang: str, start_added: float | None = None) -> str:
    """The strategy's added profit in one sentence (HTML), how far it has moved since the start
    (``start_added``: the profit the strategy as loaded adds; None: not known yet), and the pinned
    baseline's beside it."""
    inc = added(result)
    first, *others = result.names
    key = "app_headline_adds" if inc[first] >= 0 else "app_headline_loses"
    main = t(key, lang, name=scenario_label(first, lang), inc=money(abs(inc[first]), lang),
             months=run_length(result.days, lang))
    since = ""
    if start_added is not None:
        change = inc[first] - start_added
        since = (t("app_headline_start", lang) if change == 0 else
                 t("app_headline_since", lang, change=signed_money(change, lang)))
    rest = [spaced(t("app_headline_base", lang, name=scenario_label(n, lang), inc=money(inc[n], lang)), lang)
            for n in others if n != NO_PRIVATE_DOMAIN]
    return pane("headline", "up" if inc[first] >= 0 else "down", f"{inc[first]:.2f}", spaced(main, lang),
                since, "" if start_added is None else f"{inc[first] - start_added:.2f}", rest,
                spaced(estimate(result, lang), lang))


def estimate(result: Comparison, lang: str) -> str:
    """What the headline's figure is beside the report's answer: one quick run, the first of the
    replications ``siyu compare --reps N`` averages into the answer (``compare.incremental.answer``)."""
    population = result.scenarios[0].population
    return t("app_quick_estimate", lang, rows=f"{population.n_rows:,}", seed=result.root_seed)


def pending(text: str) -> str:
    """A short line where answers will be, until the first run has given them (HTML)."""
    return pane("pending", text)


def summary(result: Comparison, lang: str) -> str:
    """The three questions (does it pay, best use of the money, does it scale) as HTML; against
    no private domain, only the strategy is asked (the baseline adds nothing by definition)."""
    scenarios = [s for s in result.scenarios if s.name != NO_PRIVATE_DOMAIN]
    daily = result.daily[result.daily["scenario"].isin([s.name for s in scenarios])]
    return pane("summary", summary_blocks(daily, scenarios, lang))


def charts(result: Comparison, lang: str) -> list[tuple[str, go.Figure]]:
    """(title, figure) for each chart, in ``lang``."""
    return [(t(title, lang), make(result.daily, lang)) for title, make in CHARTS]


def how_sure(w: Weighing, lang: str, source_key: str, stale: bool) -> str:
    """The verdict under uncertainty as ``siyu compare --draws`` prints it (HTML): how likely the
    strategy on screen and the start add profit, their 90% intervals, what they hinge on and what
    is worth measuring; ``stale``: the controls have changed since it was asked."""
    said = lines(w, lang, source=t(source_key, lang))
    return pane("how_sure", [spaced(line, lang) for line in said], t("app_how_sure_stale", lang) if stale else "")


def how_sure_chart(w: Weighing, lang: str) -> go.Figure:
    """What the answer hinges on: the report's driver chart."""
    return driver_figure(w, lang)
