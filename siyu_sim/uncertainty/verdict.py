"""The verdict under uncertainty in plain words: the terminal and the report read the same lines."""

from __future__ import annotations

import math

import numpy as np

from ..compare.verdict import run_length
from ..words import check_lang, money, percent, scenario_label, setting_label, t
from . import analysis
from .weigh import Weighing

#: How many drivers and measurements the words name (the tables keep them all).
SHOWN = 5
#: Fewer draws than this, and the words say the figures are rough.
FEW_DRAWS = 50


def value_text(w: Weighing, column: str, x: float) -> str:
    """An assumption's drawn value as a reader should see it: ×0.79 for a relative one, else the
    number to three significant figures."""
    relative = any(u.relative and not u.joint and column in u.columns() for u in w.assumptions)
    if not math.isfinite(x):
        return "–"
    if w.categorical(column):  # the number of a joint set, counted from 1 as people count
        return f"#{int(x) + 1}"
    return f"×{x:.2f}" if relative else f"{x:.3g}"


def label(w: Weighing, column: str, lang: str) -> str:
    """An assumption column's name for people: its label (a joint set's, for the set drawn: one
    driver), else its setting's words (``words.setting_label``: a segment's by its title within
    ``words.titled``), else its path."""
    for u in w.assumptions:
        if u.key == column and (u.joint or u.label or u.label_zh):
            return u.shown(lang)
    return setting_label(column, lang)


def option_label(option: str, lang: str) -> str:
    return t("unc_option_none", lang) if option == analysis.NONE else scenario_label(option, lang)


def runs_text(n: int, lang: str) -> str:
    """How many runs of the scenarios as written the answer is the mean of: "1 run", "10 runs"."""
    return t("unc_runs_one", lang) if n == 1 else t("unc_runs_many", lang, n=n)


def answer_line(answer, w: Weighing, lang: str) -> str:
    """That the answer is the comparison's (``compare.incremental.answer``: each strategy's mean
    added profit over its runs), and what the draws' median is instead."""
    items = t("unc_list_sep", lang).join(
        t("unc_answer_item", lang, name=scenario_label(n, lang), value=money(float(answer.loc[n, "added_profit"]), lang))
        for n in w.names if n in answer.index)
    return t("unc_answer_stays", lang, answers=items, runs=runs_text(int(answer["n"].max()), lang), rows=f"{w.rows:,}")


def lines(w: Weighing, lang: str = "en", *, source: str = "", seconds: float | None = None,
          answer=None) -> list[str]:
    """The verdict under uncertainty: how likely each strategy is to pay and to beat paid ads, by
    how much (90% interval and median of the worlds drawn, with luck's and not-knowing's shares),
    when it breaks even, the strategies head to head, what the first strategy's answer hinges on,
    and what is worth measuring first. ``source``: what the draws cover, in words
    (``unc_source_*``). ``answer``: the comparison's answer (``Comparison.answer``), said first as
    the answer these figures say how sure of."""
    check_lang(lang)
    cash = lambda v: money(v, lang)  # noqa: E731
    name = lambda n: scenario_label(n, lang)  # noqa: E731
    out = [t("unc_head", lang, draws=w.n_draws, n=len(w.assumptions), rows=f"{w.rows:,}",
             seconds="" if seconds is None or w.resumed else t("unc_seconds", lang, s=f"{seconds:.0f}"))]
    if answer is not None:
        out.append(answer_line(answer, w, lang))
    if w.n_draws < FEW_DRAWS:
        out.append(t("unc_few_draws", lang, n=w.n_draws))
    horizon = run_length(w.days, lang)
    for _, r in analysis.summary(w).iterrows():
        out.append(t("unc_strategy", lang, name=name(r["scenario"]), p_adds=percent(r["p_adds"]),
                     p_ads=percent(r["p_beats_ads"]), median=cash(r["median"]), low=cash(r["low"]),
                     high=cash(r["high"]), knowing=percent(r["knowing_share"]), luck=percent(r["luck_share"])))
        if r["p_payback"] > 0:
            out.append(t("unc_payback", lang, name=name(r["scenario"]), horizon=horizon, p=percent(r["p_payback"]),
                         median=f"{r['payback_median']:.0f}", late=f"{r['payback_late']:.0f}"))
        else:
            out.append(t("unc_no_payback", lang, name=name(r["scenario"]), horizon=horizon))
    for _, r in analysis.head_to_head(w).iterrows():
        out.append(t("unc_head_to_head", lang, first=name(r["first"]), other=name(r["other"]),
                     p=percent(r["p_first_better"]), median=cash(r["median"]), low=cash(r["low"]),
                     high=cash(r["high"])))
    for scenario in w.names:
        out.append("")
        out.append(t("unc_drivers_head", lang, name=name(scenario)))
        for _, r in analysis.drivers(w, scenario).head(SHOWN).iterrows():
            flip = ""
            if np.isfinite(r["flips_at"]):  # the expected added profit crosses zero there
                key = "unc_flip_above" if r["adds_above"] else "unc_flip_below"
                flip = t(key, lang, value=value_text(w, r["assumption"], r["flips_at"]))
            out.append(t("unc_driver", lang, label=label(w, r["assumption"], lang),
                         low_value=value_text(w, r["assumption"], r["low_value"]),
                         high_value=value_text(w, r["assumption"], r["high_value"]),
                         at_low=cash(r["at_low"]), at_high=cash(r["at_high"]), flip=flip))
    out.append("")
    voi = analysis.value_of_information(w)
    choice = option_label(analysis.choice_now(w), lang)
    total = float(voi.loc[voi["assumption"] == "all", "evppi"].iloc[0])
    if total <= 0:
        out.append(t("unc_voi_none", lang, choice=choice))
    else:
        options = t("unc_or", lang).join([option_label(analysis.NONE, lang)] + [name(n) for n in w.names])
        singles = voi[(voi["assumption"] != "all") & (voi["evppi"] > 0)].head(SHOWN)
        if len(singles):
            out.append(t("unc_voi_head", lang, options=options))
        else:
            out.append(t("unc_measure_together", lang, all=cash(total)))
        for _, r in singles.iterrows():
            out.append(t("unc_voi", lang, label=label(w, r["assumption"], lang), value=cash(r["evppi"])))
        out.append(t("unc_voi_all", lang, value=cash(total), choice=choice))
    out.append("")
    out.append(limits(lang, source))
    return out


def limits(lang: str, source: str = "") -> str:
    """What the draws cover (``source``, in words: default siyu_sim's defaults) and where the
    method and its limits are written."""
    return t("unc_limits", lang, source=source or t("unc_source_defaults", lang))
