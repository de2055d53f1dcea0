"""One headline number per plan (issue 26, item 2): the answer is each strategy's added profit, the
mean over the replications of the scenarios as written (``Comparison.answer``). The terminal, the
report's first page, the workbook and every slide of the deck that states an added profit state
that figure; the draws' median and mean are named as what they are; the app's one quick run says it
is one, and how it relates to the report's answer.

The consultant saw four figures for one plan, and slide 1 and slide 6 of one deck disagreed."""

from __future__ import annotations

import re

import pandas as pd
import pytest
from pptx import Presentation

from siyu_sim import presets
from siyu_sim.compare import compare
from siyu_sim.report import report_comparison
from siyu_sim.report.deck import write_deck
from siyu_sim.uncertainty import analysis
from siyu_sim.uncertainty.weigh import weigh
from siyu_sim.words import money

DAYS = 45


def _pair():
    out = []
    for name in ("nurture", "harvest"):
        s = presets.load(name).with_overrides(days=DAYS)
        out.append(s.model_copy(update={"population": s.population.model_copy(update={"rows": 200})}))
    return out


@pytest.fixture(scope="module")
def both():
    """One comparison (two replications) and its weighing across the default assumptions."""
    return compare(_pair(), reps=2), weigh(_pair(), draws=6, rows=150, repeats=2)


def _mean(result, name: str) -> float:
    """The answer by its definition: the mean over the runs of the added profit at the horizon."""
    rows = result.incremental[result.incremental["scenario"] == name]
    return float(rows["cum_incremental_profit"].mean())


def _answer(result, name: str, lang: str = "en") -> str:
    return money(_mean(result, name), lang)


def _slide_text(slide) -> str:
    return " ".join(s.text_frame.text for s in slide.shapes if s.has_text_frame)


def test_the_answer_is_the_mean_of_the_runs_of_the_scenarios_as_written(both):
    result, _ = both
    ends = result.incremental.groupby("scenario")["cum_incremental_profit"].mean()
    answer = result.answer()
    assert answer.loc["nurture", "added_profit"] == ends["nurture"] and answer.loc["nurture", "n"] == 2
    assert answer.loc["nurture", "low"] < ends["nurture"] < answer.loc["nurture", "high"]  # luck's interval


def test_deck_slide_one_and_the_drivers_slide_and_report_page_one_state_one_figure(both, tmp_path):
    result, weighed = both
    deck = Presentation(write_deck(result, tmp_path / "d.pptx", weighing=weighed))
    report = report_comparison(result, tmp_path / "r.html", weighing=weighed).read_text(encoding="utf-8")
    first = report[report.index('id="certainty"'):report.index("</section>", report.index('id="certainty"'))]
    slides = list(deck.slides)
    means = analysis.summary(weighed).set_index("scenario")
    for name in result.names:
        said = _answer(result, name)
        assert said in _slide_text(slides[0]), name     # the answer
        assert said in _slide_text(slides[-1]), name    # the drivers slide (it stated the draws' mean)
        assert said in first, name                      # report page 1 (it led with the draws' median)
        # the draws' own figures are there, named for what they are
        assert f"the worlds drawn&#39;s mean {money(means.loc[name, 'mean'], 'en')}" in _slide_text(slides[-1]) \
            or f"the worlds drawn's mean {money(means.loc[name, 'mean'], 'en')}" in _slide_text(slides[-1])
    assert first.index(_answer(result, result.names[0])) < first.index("median of the worlds drawn")


def test_the_workbook_states_the_answer_and_names_the_draws_median(both, tmp_path):
    from siyu_sim.compare.exports import export_tables
    from siyu_sim.uncertainty.analysis import tables

    result, weighed = both
    export_tables(result, tmp_path, tables(weighed))
    book = pd.read_excel(tmp_path / "comparison.xlsx", sheet_name=None)
    key = book["Key figures"]
    row = key.iloc[0]  # the answer first
    assert row["Figure"] == "profit added over no private domain, cumulative (CNY)"
    for name in result.names:
        assert row[name] == pytest.approx(_mean(result, name), rel=1e-12)
    assert "median of the worlds drawn" in book["How sure"].columns
    notes = book["Notes"].astype(str)
    assert notes.apply(lambda c: c.str.contains("Its added profit is the answer")).any().any()


def test_the_terminal_says_the_draws_say_how_sure_of_the_answer_above(tmp_path):
    from typer.testing import CliRunner

    from siyu_sim.cli import app

    got = CliRunner().invoke(app, ["compare", "nurture", "harvest", "--days", "30", "--rows", "200", "--reps", "2",
                                   "--draws", "3", "--draw-rows", "100"])
    assert got.exit_code == 0, got.output
    line = next(x for x in got.output.splitlines() if x.startswith("The answer is the comparison's above"))
    headline = next(x for x in got.output.splitlines() if x.startswith("Profit added over no private domain"))
    amounts = re.findall(r"[−-]?¥[\d.,]+[KM]?", headline)
    assert amounts and all(a in line for a in amounts)  # the figures of the verdict's headline, not others
    assert "each the mean of 2 runs" in line and "their median" in got.output


def test_the_app_says_its_figure_is_a_quick_estimate_and_what_the_reports_is():
    from siyu_sim.app.answers import headline

    result = compare(_pair()[:1] + [presets.load("harvest").with_overrides(days=DAYS).model_copy(
        update={"population": _pair()[1].population})])
    shown = headline(result, "en")
    assert "A quick estimate: one run on 200 rows, seed" in shown and "the mean of several runs" in shown
    assert "快速估算：单次运行，200 行" in headline(result, "zh")
