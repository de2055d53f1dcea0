"""The answers the app shows, made by the comparison report's own parts: the three questions
(``report.incremental_summary``) and its charts (``report.figures``), so the screen and
``siyu compare --report`` say the same things in the same words. Only the headline is the
app's own: one sentence a client can read across the room.

Every pane is drawn by a macro of ``templates/panes.html.j2`` (``pane``), with the reports'
blocks: no HTML is written here.
"""

from __future__ import annotations

from importlib import resources

import plotly.graph_objects as go

from ..compare import Comparison
from ..report import figures
from ..report.html import environment
from ..report.incremental_summary import summary_blocks
from ..compare.verdict import run_length
from ..words import money, scenario_label, t
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


def headline(result: Comparison, lang: str) -> str:
    """The strategy's added profit in one sentence (HTML), the pinned baseline's beside it."""
    inc = added(result)
    first, *others = result.names
    key = "app_headline_adds" if inc[first] >= 0 else "app_headline_loses"
    main = t(key, lang, name=scenario_label(first, lang), inc=money(abs(inc[first]), lang),
             months=run_length(result.days, lang))
    rest = [t("app_headline_base", lang, name=scenario_label(n, lang), inc=money(inc[n], lang))
            for n in others if n != NO_PRIVATE_DOMAIN]
    return pane("headline", "up" if inc[first] >= 0 else "down", f"{inc[first]:.2f}", main, rest)


def summary(result: Comparison, lang: str) -> str:
    """The three questions (does it pay, best use of the money, does it scale) as HTML; against
    no private domain, only the strategy is asked (the baseline adds nothing by definition)."""
    scenarios = [s for s in result.scenarios if s.name != NO_PRIVATE_DOMAIN]
    daily = result.daily[result.daily["scenario"].isin([s.name for s in scenarios])]
    return pane("summary", summary_blocks(daily, scenarios, lang))


def charts(result: Comparison, lang: str) -> list[tuple[str, go.Figure]]:
    """(title, figure) for each chart, in ``lang``."""
    return [(t(title, lang), make(result.daily, lang)) for title, make in CHARTS]
