"""The calibration report: the model fitted to a brand's own numbers, and how far to trust it.

``write_calibration_report(result, path, lang=...)`` writes one self-contained, offline HTML
file (en or zh) for a ``siyu_sim.calibration.result.CalibrationResult`` (what ``siyu
calibrate`` calls); ``calibration_report_html(result, lang)`` returns the page as text. It
reads only the result: observed beside simulated for every metric (bands from the
replications, held-out periods shaded), each parameter's estimate and interval, a warning for
each parameter the data do not pin down, the loss against each parameter, the parameters'
correlations, the search's convergence, what to do next, and the calibrated scenario file.
"""

from __future__ import annotations

import datetime as _dt
import json
from pathlib import Path
from typing import TYPE_CHECKING

import tomli_w

from . import calibration_figures as figs, calibration_stats as stats
from .assumptions import settings
from .html import Appendix, Banner, Bullets, Details, Heading, Page, Para, Pre, Table
from ..calibration.result import FILES
from ..words import Text, check_lang, code, join, note, number, path as path_run, percent, rich, scenario_label, strong, t
from .labels import metric_label
from ..words.numbers import finite

if TYPE_CHECKING:
    from ..calibration.result import CalibrationResult


def write_calibration_report(result: "CalibrationResult", path: Path, lang: str = "en") -> Path:
    """Write the calibration report of ``result`` to ``path`` and return the path. The next
    steps name the calibrated scenario beside the report when the result's folder holds it."""
    path = Path(path)
    beside = path.parent / FILES["scenario"]
    scenario_file = str(beside) if beside.exists() else FILES["scenario"]
    return build_page(result, lang, scenario_file).write(path)


def calibration_report_html(result: "CalibrationResult", lang: str = "en", *,
                            scenario_file: str = FILES["scenario"]) -> str:
    """The calibration report of ``result`` as one HTML page."""
    return build_page(result, lang, scenario_file).render()


def build_page(result: "CalibrationResult", lang: str, scenario_file: str) -> Page:
    check_lang(lang)
    rows = stats.joined(result)
    metrics = stats.metrics(result)
    reps = stats.replications(result)
    unit = t(UNITS[_period(result)], lang)
    reps_text = t("cal_reps_many", lang, n=reps) if reps > 1 else t("cal_reps_one", lang)
    page = Page(title=t("cal_title", lang, name=scenario_label(result.name, lang)), lang=lang,
                subtitle=t("cal_subtitle", lang, metrics=len(metrics), fit=len(result.fit_periods), unit=unit,
                           held=len(result.held_out_periods), reps=reps_text),
                meta_line=t("generated", lang, date=_dt.date.today().isoformat(), version=_version()))
    unidentified = [e for e in result.estimates if not e.identified]
    page.add("summary", t("cal_sec_summary", lang), *summary_blocks(result, rows, metrics, reps, lang),
             css_class="summary")
    page.add("fit", t("cal_sec_fit", lang), _why(t("cal_why_fit", lang, n=reps)),
             page.figure(figs.fit_figure(rows, metrics, result.held_out_periods, _period(result), reps, lang),
                         "fit"))
    if result.estimates:
        page.add("estimates", t("cal_sec_estimates", lang), _why(t("cal_why_estimates", lang)),
                 estimates_table(result, lang), page.figure(figs.interval_figure(result.estimates, lang),
                                                            "intervals"))
        page.add("identification", t("cal_sec_identification", lang), _why(t("cal_why_ident", lang)),
                 page.figure(figs.loss_figure(result.trials, result.estimates, lang), "loss"))
    page.add("correlations", t("cal_sec_correlations", lang), *correlation_blocks(page, result, lang))
    conv = stats.convergence(result.trials)
    if len(conv):
        page.add("convergence", t("cal_sec_convergence", lang), _why(t("cal_why_conv", lang)),
                 _convergence_note(conv, lang), page.figure(figs.convergence_figure(conv, lang), "convergence"))
    page.add("next", t("cal_sec_next", lang), *next_blocks(result, rows, unidentified, scenario_file, lang),
             *appendix_blocks(result, lang))
    return page


#: The fitted periods' unit, by the calibration's period.
UNITS = {"month": "cal_unit_month", "week": "cal_unit_week"}


def _period(result: "CalibrationResult") -> str:
    return "week" if result.period == "week" else "month"


def _why(text: str) -> Para:
    return Para(text, "why")


def _names(paths: list[str], lang: str) -> Text:
    return join(t("cal_list_sep", lang), (code(p) for p in paths))


def summary_blocks(result: "CalibrationResult", rows, metrics: list[str], reps: int, lang: str) -> list:
    unit = t(UNITS[_period(result)], lang)
    labels = t("cal_list_sep", lang).join(metric_label(m, lang) for m in metrics)
    if result.held_out_periods:
        intro = t("cal_intro", lang, fit=len(result.fit_periods), unit=unit, metrics=labels,
                  held=len(result.held_out_periods))
    else:
        intro = t("cal_intro_no_held", lang, fit=len(result.fit_periods), unit=unit, metrics=labels)
    blocks: list = [Para(intro)]
    if result.held_out_periods:
        blocks.append(Para(coverage_sentence(rows, reps, lang)))
    unidentified = [e.path for e in result.estimates if not e.identified]
    if unidentified:
        blocks.append(Banner(rich("cal_not_identified", lang, lead=strong(t("cal_not_identified_lead", lang)),
                                  names=_names(unidentified, lang)), id="not-identified"))
    if result.estimates:
        ok = len(result.estimates) - len(unidentified)
        blocks.append(Para(t("cal_params_ok", lang, k=ok, n=len(result.estimates))))
    truths = [e for e in result.estimates if e.truth is not None]
    if truths:
        k = sum(e.low <= e.truth <= e.high for e in truths)
        blocks.append(Para(t("cal_recovered", lang, k=k, n=len(truths))))
    trials = stats.convergence(result.trials)
    if len(trials):
        best = result.best_loss if finite(result.best_loss) else trials["best"].iloc[-1]
        blocks.append(Para(t("cal_best_loss", lang, loss=number(best, lang), trials=len(trials))))
    blocks.append(Para(t("cal_errors_intro", lang)))
    blocks.append(metric_table(result, rows, lang))
    return blocks


def coverage_sentence(rows, reps: int, lang: str) -> str | Text:
    """The held-out check in a sentence: observations inside the band and a verdict."""
    if reps <= 1:
        return t("cal_cov_no_band", lang)
    k, n = stats.held_coverage(rows)
    if n == 0:
        return t("cal_cov_no_band", lang)
    share = k / n
    verdict = "cal_cov_good" if share >= stats.GOOD else "cal_cov_fair" if share >= stats.FAIR else "cal_cov_poor"
    return rich("cal_coverage", lang, lead=strong(t("cal_coverage_lead", lang)), k=k, n=n, share=percent(share),
                verdict=t(verdict, lang))


def metric_table(result: "CalibrationResult", rows, lang: str) -> Table:
    tab = stats.metric_table(result, rows)
    header = [t("cal_col_metric", lang), t("cal_col_weight", lang), t("cal_col_obs", lang),
              t("cal_col_fit_err", lang), t("cal_col_held_err", lang), t("cal_col_inside", lang)]
    body = [[metric_label(r.metric, lang), number(r.weight, lang), str(r.observations), percent(r.fit_error),
             percent(r.held_error), t("cal_k_of_n", lang, k=r.held_inside, n=r.held_n) if r.held_n else "–"]
            for r in tab.itertuples()]
    return Table(header, body, num_cols=frozenset({1, 2, 3, 4, 5}), css="kpi")


def _descriptions(result: "CalibrationResult", lang: str) -> dict[str, str]:
    """Each setting's meaning in ``lang``, from the calibrated scenario's schema (none when
    the file cannot be read)."""
    try:
        from ..config.scenario_files import loads_scenario

        scenario = loads_scenario(result.calibrated_toml, FILES["scenario"])
    except Exception:  # the report still shows the estimates, without their meaning
        return {}
    return {s.path: s.meaning(lang) for s in settings(scenario)}


def estimates_table(result: "CalibrationResult", lang: str) -> Table:
    """Every fitted parameter: its path and meaning, fitted value, interval, allowed range and
    whether the data pin it down (the true value too in a recovery check). Each number cell
    carries the exact value in ``data-v``."""
    meaning = _descriptions(result, lang)
    truth = any(e.truth is not None for e in result.estimates)
    header = [t("cal_col_param", lang), t("cal_col_best", lang), t("cal_col_interval", lang),
              t("cal_col_range", lang), t("cal_col_identified", lang)]
    header += [t("cal_col_truth", lang)] if truth else []
    body, keys, classes = [], [], []
    for e in result.estimates:
        row = [path_run(e.path) + (note(meaning[e.path]) if meaning.get(e.path) else ""), number(e.best, lang),
               t("cal_range", lang, low=number(e.low, lang), high=number(e.high, lang)),
               t("cal_range", lang, low=number(e.range_low, lang), high=number(e.range_high, lang)),
               t("cal_identified" if e.identified else "cal_unidentified", lang)]
        key = [e.path, e.best, f"{e.low} {e.high}", f"{e.range_low} {e.range_high}", int(e.identified)]
        if truth:
            row.append(number(e.truth, lang) if e.truth is not None else "–")
            key.append(e.truth)
        body.append(row)
        keys.append(key)
        classes.append("" if e.identified else "unidentified")
    return Table(header, body, num_cols=frozenset({1, 2, 3} | ({5} if truth else set())), css="kpi estimates",
                 row_classes=classes, sort_values=keys)


def correlation_blocks(page: Page, result: "CalibrationResult", lang: str) -> list:
    corr = result.correlations
    if corr is None or len(corr) < 2:
        return [Para(t("cal_corr_one", lang), "note")]
    pairs = stats.strong_pairs(corr)
    if pairs:
        text = join(t("cal_list_sep", lang), (rich("cal_pair", lang, a=code(a), b=code(b),
                                                     r=f"{r:.2f}".replace("-", "−")) for a, b, r in pairs))
        found = Para(rich("cal_strong_pairs", lang, pairs=text))
    else:
        found = Para(t("cal_no_strong_pairs", lang))
    return [_why(t("cal_why_corr", lang)), found, page.figure(figs.correlation_figure(corr, lang), "correlations")]


def _convergence_note(conv, lang: str) -> Para | None:
    late = stats.late_improvement(conv)
    if not finite(late):
        return None
    verdict = t("cal_conv_settled" if late < stats.SETTLED else "cal_conv_moving", lang)
    return Para(t("cal_conv_note", lang, pct=percent(late), verdict=verdict), "note")


def next_blocks(result: "CalibrationResult", rows, unidentified: list, scenario_file: str, lang: str) -> list:
    """What the reader does next, with the commands to run."""
    blocks: list = [Para(rich("cal_next_file", lang, file=code(scenario_file)))]
    k, n = stats.held_coverage(rows)
    if n and stats.replications(result) > 1 and k / n < stats.FAIR:
        blocks.insert(0, Banner(t("cal_next_poor", lang)))
    blocks.append(Para(t("cal_next_compare", lang)))
    blocks.append(Pre(f"siyu compare {scenario_file} my_plan.toml --report compare.html"))
    blocks.append(Para(t("cal_next_app", lang)))
    blocks.append(Pre(f"siyu app {scenario_file}"))
    if unidentified:
        blocks.append(Para(rich("cal_next_sweep", lang, names=_names([e.path for e in unidentified], lang),
                                command=code("siyu sweep"))))
    return blocks


def appendix_blocks(result: "CalibrationResult", lang: str) -> list:
    """The calibrated scenario file, the calibration settings as run and the fit's messages."""
    blocks = [Appendix(Details(t("cal_app_toml", lang, file=FILES["scenario"]), result.calibrated_toml))]
    if result.spec:
        try:
            spec = tomli_w.dumps(result.spec)
        except (TypeError, ValueError):  # e.g. a None in it: TOML has no null
            spec = json.dumps(result.spec, indent=2, ensure_ascii=False, default=str)
        blocks.append(Appendix(Details(t("cal_app_spec", lang), spec)))
    if result.warnings:
        blocks.append(Appendix(Heading(t("cal_app_messages", lang))))
        blocks.append(Appendix(Bullets(list(result.warnings))))
    return blocks


def _version() -> str:
    from ..version import __version__

    return __version__
