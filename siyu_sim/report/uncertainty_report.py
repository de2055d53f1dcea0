"""The comparison report's first section when the strategies were weighed across uncertain
assumptions (``siyu compare --draws N --report``): how likely each is to pay, by how much with
luck and not-knowing together, what the answer hinges on (a driver chart), what to measure next.

Reads only a ``uncertainty.weigh.Weighing`` (its tidy draw table) through ``uncertainty.analysis``;
the sentences are the terminal's (``uncertainty.verdict``)."""

from __future__ import annotations

import numpy as np
import plotly.graph_objects as go
from plotly.subplots import make_subplots

from ..uncertainty import analysis
from ..uncertainty.verdict import label, limits, option_label, value_text
from ..uncertainty.weigh import Weighing
from ..words import money, percent, scenario_label, t
from .axes import unit_axis
from .figures import colour, style
from .html import Para, Table

#: Drivers drawn per strategy.
DRIVERS_SHOWN = 6
#: The driver chart's height on paper: enough for every assumption's name, and room left on its
#: page for what follows (the text runs on around it).
DRIVERS_PRINT_HEIGHT = 340


def probability_table(w: Weighing, lang: str) -> Table:
    """One row per strategy: P(adds profit), P(beats paid ads), median, 90% interval, the
    spread's shares of not-knowing and luck, P(breaks even) and its median month."""
    header = [t("unc_col_strategy", lang), t("unc_col_p_adds", lang), t("unc_col_p_ads", lang),
              t("unc_col_median", lang), t("unc_col_interval", lang), t("unc_col_knowing", lang),
              t("unc_col_luck", lang), t("unc_col_payback", lang)]
    rows = []
    for _, r in analysis.summary(w).iterrows():
        payback = percent(r["p_payback"]) + (t("unc_payback_month", lang, month=f"{r['payback_median']:.0f}")
                                            if r["p_payback"] > 0 else "")
        rows.append([scenario_label(r["scenario"], lang), percent(r["p_adds"]), percent(r["p_beats_ads"]),
                     money(r["median"], lang), f"{money(r['low'], lang)} – {money(r['high'], lang)}",
                     percent(r["knowing_share"]), percent(r["luck_share"]), payback])
    return Table(header, rows, css="kpi", num_cols=frozenset(range(1, 8)))


def voi_table(w: Weighing, lang: str) -> Table:
    """What is worth measuring first: each assumption's expected value of knowing it (EVPPI)."""
    voi = analysis.value_of_information(w)
    rows = [[label(w, r["assumption"], lang) if r["assumption"] != "all" else t("unc_all", lang),
             money(r["evppi"], lang), percent(r["share"])] for _, r in voi.iterrows()]
    return Table([t("unc_col_assumption", lang), t("unc_col_evppi", lang), t("unc_col_evppi_share", lang)], rows,
                 css="kpi", num_cols=frozenset({1, 2}))


def driver_figure(w: Weighing, lang: str) -> go.Figure:
    """A tornado per strategy, one above the other: each assumption's bar runs from the expected
    added profit at its 5th percentile to that at its 95th (the others at their average; the
    assumption's value at the bar's left end and at its right end written inside), largest swing on
    top; zero marked (the verdict "adds profit" flips there)."""
    names = w.names
    span = [0.0, 0.0]
    fig = make_subplots(rows=len(names), cols=1, shared_xaxes=True, vertical_spacing=0.12,
                        subplot_titles=[scenario_label(n, lang) for n in names])
    for i, name in enumerate(names):
        d = analysis.drivers(w, name).head(DRIVERS_SHOWN).iloc[::-1]
        lo = np.minimum(d["at_low"], d["at_high"])
        hi = np.maximum(d["at_low"], d["at_high"])
        span = [min(span[0], float(lo.min())), max(span[1], float(hi.max()))]
        # each bar's text: the assumption's value at its left end, then at its right end
        ends = [f"{value_text(w, a, x)} … {value_text(w, a, z)}" if up else f"{value_text(w, a, z)} … {value_text(w, a, x)}"
                for a, x, z, up in zip(d["assumption"], d["low_value"], d["high_value"], d["at_high"] >= d["at_low"])]
        fig.add_trace(go.Bar(
            y=[label(w, a, lang) for a in d["assumption"]], x=hi - lo, base=lo, orientation="h",
            marker_color=colour(i), name=scenario_label(name, lang), text=ends, textposition="auto",
            insidetextanchor="middle", textfont={"size": 13}, showlegend=False,
            hovertemplate="%{y}<br>%{text}<extra></extra>"), row=i + 1, col=1)
        fig.add_vline(x=0, line_width=2, line_color="#222", row=i + 1, col=1)
    fig.update_xaxes(zeroline=False)
    fig.update_yaxes(tickmode="linear", dtick=1)  # every assumption named, even on paper
    unit_axis(fig, lang, *span, axis="x")  # 万 in Chinese, as the text and tables
    fig.update_xaxes(title_text=t("unc_axis", lang), row=len(names), col=1)
    return style(fig, height=110 + 36 * DRIVERS_SHOWN * len(names), legend_top=False)


def answer_sentences(w: Weighing, lang: str, hinges: str = "unc_hinges_short") -> list[str]:
    """The answer's sentences after the probability table: the strategies head to head, what each
    hinges on most, the choice the draws favour now and what is worth measuring first (the
    report's first section and the deck's first slide). ``hinges``: the words of what each hinges
    on, which point to where the driver chart is."""
    out = [t("unc_head_to_head", lang, first=scenario_label(r["first"], lang), other=scenario_label(r["other"], lang),
             p=percent(r["p_first_better"]), median=money(r["median"], lang), low=money(r["low"], lang),
             high=money(r["high"], lang))
           for _, r in analysis.head_to_head(w).iterrows()]
    sep = t("unc_list_sep", lang)
    for name in w.names:
        top = analysis.drivers(w, name).head(3)["assumption"]
        out.append(t(hinges, lang, name=scenario_label(name, lang), top=sep.join(label(w, a, lang) for a in top)))
    choice = option_label(analysis.choice_now(w), lang)
    out.append(t("unc_choice_now", lang, choice=choice))
    out.append(_measure_sentence(w, lang, choice))
    return out


def _measure_sentence(w: Weighing, lang: str, choice: str) -> str:
    voi = analysis.value_of_information(w)
    total = float(voi.loc[voi["assumption"] == "all", "evppi"].iloc[0])
    best = voi[voi["assumption"] != "all"].iloc[0]
    if total <= 0:
        return t("unc_voi_none", lang, choice=choice)
    if best["evppi"] <= 0:
        return t("unc_measure_together", lang, all=money(total, lang))
    return t("unc_measure_short", lang, top=label(w, best["assumption"], lang), value=money(best["evppi"], lang),
             all=money(total, lang))


def add_sections(page, w: Weighing, lang: str, source: str, answer: list | None = None) -> None:
    """The report's opening sections: the answer (``answer``: its blocks, the comparison's own
    figures) and how sure it is across the draws (which sources were drawn, the probability table,
    head to head), what to measure next and what the figures cover, then what the answer hinges on
    (the driver chart). Three sections, so that print breaks between them, not inside the chart's;
    printed, the first two make page 1."""
    intro = t("unc_report_intro", lang, draws=w.n_draws, n=len(w.assumptions), rows=f"{w.rows:,}",
              source=source or t("unc_source_defaults", lang))
    answer = [*(answer or []), Para(intro, "why"), probability_table(w, lang),
              *(Para(s) for s in answer_sentences(w, lang))]
    page.add("certainty", t("sec_certainty", lang), *answer, css_class="summary")
    voi = analysis.value_of_information(w)
    total = float(voi.loc[voi["assumption"] == "all", "evppi"].iloc[0])
    choice = option_label(analysis.choice_now(w), lang)
    measure: list = ([Para(t("unc_voi_none", lang, choice=choice))] if total <= 0 else
                     [Para(t("unc_voi_why", lang, choice=choice)), voi_table(w, lang)])
    page.add("measure", t("unc_voi_title", lang), *measure, Para(limits(lang, source), "note"))
    page.add("drivers", t("unc_drivers_title", lang), Para(t("unc_drivers_why", lang), "why"),
             page.figure(driver_figure(w, lang), "drivers", print_height=DRIVERS_PRINT_HEIGHT))
