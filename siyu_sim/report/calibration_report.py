"""The calibration report: the model fitted to a brand's own numbers, and how far to trust it.

``write_calibration_report(result, path, lang=...)`` writes one self-contained, offline HTML
file (en or zh) for a ``siyu_sim.calibration.result.CalibrationResult`` (what ``siyu
calibrate`` calls); ``calibration_report_html(result, lang)`` returns the page as text. It
reads only the result: how good the fit is and its warnings (the fit's one judgement,
``calibration.quality``: the same count and words as the terminal and the files), observed
beside simulated for every metric (bands from the replications and the data's own scatter,
held-out periods shaded), each parameter's estimate and interval, the loss against each
parameter, the parameters' correlations, the search's convergence, what to do next, and the
calibrated scenario file.

``add_fit_section(page, scenarios, lang)`` is the other reports' one look at a fit: a short
section saying which scenarios were fitted to a brand's own numbers and how well, from the
``[calibration]`` record a calibrated scenario keeps (the comparison report calls it).
"""

from __future__ import annotations

import datetime as _dt
import json
from math import isclose
from pathlib import Path
from typing import TYPE_CHECKING

import tomli_w

from . import calibration_figures as figs, calibration_stats as stats
from .assumptions import settings
from .html import Appendix, Banner, Details, Heading, Page, Para, Pre, Table
from ..calibration import quality as q
from ..calibration.result import FILES
from ..words.text import lines
from ..words import (Text, check_lang, code, join, labelled_path, note, number, percent, rich, scenario_label, setting,
                     setting_label, strong, t, titled)
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
    scenario = _scenario(result)
    with titled([scenario] if scenario is not None else []):  # its segments by their titles
        return _build_page(result, lang, scenario_file)


def _scenario(result: "CalibrationResult"):
    """The calibrated scenario (None when its file cannot be read)."""
    try:
        from ..config.scenario_files import loads_scenario

        return loads_scenario(result.calibrated_toml, FILES["scenario"])
    except Exception:  # the report still shows the estimates, by their paths
        return None


def _build_page(result: "CalibrationResult", lang: str, scenario_file: str) -> Page:
    rows = q.joined(result)
    metrics = q.shown_metrics(result)
    reps = q.replications(result)
    unit = t(UNITS[_period(result)], lang)
    reps_text = t("cal_reps_many", lang, n=reps) if reps > 1 else t("cal_reps_one", lang)
    page = Page(title=t("cal_title", lang, name=scenario_label(result.name, lang)), lang=lang,
                subtitle=t("cal_subtitle", lang, metrics=len(metrics), fitted=len(result.metrics),
                           fit=len(result.fit_periods), unit=unit, held=len(result.held_out_periods), reps=reps_text),
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
    """Settings by their words (their paths on hover)."""
    return join(t("cal_list_sep", lang), (setting(setting_label(p, lang), p) for p in paths))


def _typed(paths: list[str], lang: str) -> Text:
    """Settings by their paths, where the reader types them (a sweep's factors)."""
    return join(t("cal_list_sep", lang), (code(p) for p in paths))


def summary_blocks(result: "CalibrationResult", rows, metrics: list[str], reps: int, lang: str) -> list:
    unit = t(UNITS[_period(result)], lang)
    judged = result.fit_quality()
    labels = t("cal_list_sep", lang).join(metric_label(m, lang) for m in metrics)
    if result.held_out_periods:
        intro = t("cal_intro", lang, fit=len(result.fit_periods), unit=unit, metrics=labels,
                  held=len(result.held_out_periods))
    else:
        intro = t("cal_intro_no_held", lang, fit=len(result.fit_periods), unit=unit, metrics=labels)
    blocks: list = [Para(intro)]
    blocks += warning_banners(result, lang)
    if result.held_out_periods:
        blocks.append(Para(coverage_sentence(result, reps, lang)))
    unidentified = [e.path for e in result.estimates if not e.identified]
    if unidentified:
        blocks.append(Banner(rich("cal_not_identified", lang, lead=strong(t("cal_not_identified_lead", lang)),
                                  names=_names(unidentified, lang)), id="not-identified"))
    if result.estimates:
        blocks.append(Para(pinned_sentence(judged, lang)))
    truths = [e for e in result.estimates if e.truth is not None]
    if truths:
        k = sum(e.low <= e.truth <= e.high for e in truths)
        blocks.append(Para(t("cal_recovered", lang, k=k, n=len(truths))))
    trials = stats.convergence(result.trials)
    if len(trials):
        best = result.best_loss if finite(result.best_loss) else trials["best"].iloc[-1]
        blocks.append(Para(t("cal_best_loss", lang, loss=number(best, lang), trials=len(trials))))
    blocks.append(Para(t("cal_errors_intro", lang, margin=percent(judged.margin))))
    blocks.append(metric_table(result, lang))
    return blocks


def warning_banners(result: "CalibrationResult", lang: str) -> list:
    """One banner per warning of the fit, in the reader's language, but for the parameters the
    data do not pin down (their own banner says more)."""
    judged = result.fit_quality()
    return [Banner(q.say(w, lang, lambda m: metric_label(m, lang), judged.period,
                         setting=lambda p: setting_label(p, lang)), id=f"warning-{i}")
            for i, w in enumerate(judged.warnings, 1) if w.key != "calib_warn_not_identified"]


def pinned_sentence(judged: q.FitQuality, lang: str) -> str:
    """How many parameters the data pin down: none when the fit is poor, whatever the intervals."""
    if judged.good:
        return t("cal_params_ok", lang, k=len(judged.pinned_down), n=len(judged.parameters))
    return t("cal_params_poor_fit", lang, n=len(judged.parameters))


def coverage_sentence(result: "CalibrationResult", reps: int, lang: str) -> str | Text:
    """The held-out check in a sentence: the fit's held-out count and a verdict."""
    judged = result.fit_quality()
    k, n = judged.held_inside, judged.held_total
    if reps <= 1 or n == 0:
        return t("cal_cov_no_band", lang)
    share = k / n
    verdict = t("cal_cov_good" if share >= q.GOOD else "cal_cov_fair" if share >= q.FAIR else "cal_cov_poor", lang)
    if judged.held_missed:  # inside wide bands or not, a forecast off by more than the margin is not good
        verdict = t("cal_cov_missed", lang, margin=percent(judged.margin), metrics=t("cal_list_sep", lang).join(
            t("calib_metric_error_share", lang, metric=metric_label(m.metric, lang), error=percent(m.held_error))
            for m in judged.held_missed))
    return rich("cal_coverage", lang, lead=strong(t("cal_coverage_lead", lang)), k=k, n=n, share=percent(share),
                verdict=verdict)


def metric_table(result: "CalibrationResult", lang: str) -> Table:
    tab = stats.metric_table(result)
    header = [t("cal_col_metric", lang), t("cal_col_weight", lang), t("cal_col_obs", lang),
              t("cal_col_fit_err", lang), t("cal_col_missed", lang), t("cal_col_held_err", lang),
              t("cal_col_inside", lang)]
    body, classes = [], []
    for r in tab.itertuples():
        within = t("cal_missed" if r.missed else "cal_within", lang) if r.judged and finite(r.fit_error) else "–"
        body.append([metric_label(r.metric, lang), number(r.weight, lang), str(r.observations), percent(r.fit_error),
                     within, percent(r.held_error),
                     t("cal_k_of_n", lang, k=r.held_inside, n=r.held_n) if r.held_n else "–"])
        classes.append("missed" if r.missed else "")
    return Table(header, body, num_cols=frozenset({1, 2, 3, 5, 6}), css="kpi metrics", row_classes=classes)


def _descriptions(result: "CalibrationResult", lang: str) -> dict[str, str]:
    """Each setting's meaning in ``lang``, from the calibrated scenario's schema (none when
    the file cannot be read)."""
    scenario = _scenario(result)
    return {s.path: s.meaning(lang) for s in settings(scenario)} if scenario is not None else {}


def pinned_word(p: q.ParameterQuality, good: bool, lang: str) -> str:
    """Whether the data pin a parameter down, and if not, why (the first reason that holds)."""
    if not p.identified:
        return t("cal_unidentified", lang)
    if p.at_bound:
        return t("cal_at_low" if p.at_bound == "low" else "cal_at_high", lang)
    if not good:
        return t("cal_poor_fit", lang)
    return t("cal_identified", lang)


def estimates_table(result: "CalibrationResult", lang: str) -> Table:
    """Every fitted parameter: its path and meaning, fitted value, interval, allowed range and
    whether the data pin it down, or why not (the true value too in a recovery check). Each
    number cell carries the exact value in ``data-v``."""
    meaning = _descriptions(result, lang)
    judged = result.fit_quality()
    quality = {p.path: p for p in judged.parameters}
    truth = any(e.truth is not None for e in result.estimates)
    header = [t("cal_col_param", lang), t("cal_col_best", lang), t("cal_col_interval", lang),
              t("cal_col_range", lang), t("cal_col_identified", lang)]
    header += [t("cal_col_truth", lang)] if truth else []
    body, keys, classes = [], [], []
    for e in result.estimates:
        p = quality[e.path]
        row = [setting(setting_label(e.path, lang), e.path) + (note(meaning[e.path]) if meaning.get(e.path) else ""),
               number(e.best, lang),
               t("cal_range", lang, low=number(e.low, lang), high=number(e.high, lang)),
               t("cal_range", lang, low=number(e.range_low, lang), high=number(e.range_high, lang)),
               pinned_word(p, judged.good, lang)]
        key = [e.path, e.best, f"{e.low} {e.high}", f"{e.range_low} {e.range_high}", int(p.pinned_down)]
        if truth:
            row.append(number(e.truth, lang) if e.truth is not None else "–")
            key.append(e.truth)
        body.append(row)
        keys.append(key)
        classes.append("unidentified" if not e.identified else "at-bound" if p.at_bound else "")
    return Table(header, body, num_cols=frozenset({1, 2, 3} | ({5} if truth else set())), css="kpi estimates",
                 row_classes=classes, sort_values=keys)


def correlation_blocks(page: Page, result: "CalibrationResult", lang: str) -> list:
    corr = result.correlations
    if corr is None or len(corr) < 2:
        return [Para(t("cal_corr_one", lang), "note")]
    pairs = stats.strong_pairs(corr)
    if pairs:
        text = join(t("cal_list_sep", lang), (rich("cal_pair", lang, a=setting(setting_label(a, lang), a),
                                                     b=setting(setting_label(b, lang), b),
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
    if not result.fit_quality().good:
        blocks.insert(0, Banner(t("cal_next_poor", lang)))
    blocks.append(Para(t("cal_next_compare", lang)))
    blocks.append(Pre(f"siyu compare {scenario_file} my_plan.toml --report compare.html"))
    blocks.append(Para(t("cal_next_app", lang)))
    blocks.append(Pre(f"siyu app {scenario_file}"))
    if unidentified:
        blocks.append(Para(rich("cal_next_sweep", lang, names=_typed([e.path for e in unidentified], lang),
                                command=code("siyu sweep"))))
    return blocks


def appendix_blocks(result: "CalibrationResult", lang: str) -> list:
    """The calibrated scenario file and the calibration settings as run."""
    blocks = [Appendix(Details(t("cal_app_toml", lang, file=FILES["scenario"]), result.calibrated_toml))]
    if result.spec:
        try:
            spec = tomli_w.dumps(result.spec)
        except (TypeError, ValueError):  # e.g. a None in it: TOML has no null
            spec = json.dumps(result.spec, indent=2, ensure_ascii=False, default=str)
        blocks.append(Appendix(Details(t("cal_app_spec", lang), spec)))
    return blocks


def _version() -> str:
    from ..version import __version__

    return __version__


# ---- a fitted brand in the other reports ----------------------------------------------------------

def fitted_records(scenarios: list) -> list[tuple[object, list]]:
    """Each ``[calibration]`` record among ``scenarios`` (``fit_record.FitRecord``), with the
    scenarios that keep it, in order."""
    groups: list[tuple[object, list]] = []
    for sc in scenarios:
        record = getattr(sc, "calibration", None)
        if record is None:
            continue
        for kept, names in groups:
            if kept == record:
                names.append(sc)
                break
        else:
            groups.append((record, [sc]))
    return groups


def fit_line(scenarios: list, lang: str) -> tuple[bool, str] | None:
    """The fit in one line, wherever a calibrated scenario's answer is shown without the fit's
    own section (the deck, the app): (good, words), from the fit's one judgement as the
    ``[calibration]`` records keep it (``calibration.quality``); None when no scenario was fitted.
    A good fit: one short line; a poor one: what is wrong and what it means for the answer."""
    groups = fitted_records(scenarios)
    if not groups:
        return None
    sep = t("cal_list_sep", lang)
    poor = [(record, group) for record, group in groups if not record.good]
    if not poor:
        record, _ = groups[0]
        held = (t("cal_cmp_held", lang, k=record.held_out_inside, n=record.held_out_total)
                if record.held_out_total else t("cal_cmp_no_held", lang))
        names = sep.join(scenario_label(sc.name, lang) for _, group in groups for sc in group)
        return True, t("cal_fit_line_good", lang, names=names, margin=percent(record.margin), held=held)
    problems = []
    for record, _ in poor:
        missed = [m for m in record.metrics if m.missed]
        if missed:
            problems.append(t("cal_fit_missed", lang, margin=percent(record.margin), metrics=sep.join(
                t("calib_metric_error_share", lang, metric=metric_label(m.metric, lang), error=percent(m.error))
                for m in missed)))
        bound = sum(bool(p.at_bound) for p in record.parameters)
        if bound:
            problems.append(t("cal_fit_at_bound", lang, n=bound))
        if not record.held_out_pass:
            problems.append(t("cal_fit_held_failed", lang, k=record.held_out_inside, n=record.held_out_total))
    names = sep.join(scenario_label(sc.name, lang) for _, group in poor for sc in group)
    return False, t("cal_fit_line_poor", lang, names=names, problems=t("cal_clause_sep", lang).join(problems))


def add_fit_section(page: Page, scenarios: list, lang: str) -> None:
    """Say, in its own short section, which of ``scenarios`` were fitted to a brand's own numbers
    and how well (their ``[calibration]`` record, ``fit_record.FitRecord``): the fit's verdict and
    warnings, and a fitted value a scenario has changed since; each parameter against its range
    in the appendix, with the other settings. Nothing when no scenario was fitted."""
    blocks = fit_blocks(scenarios, lang)
    if blocks:
        page.add("fitted", t("cal_cmp_sec", lang), *blocks)


def fit_blocks(scenarios: list, lang: str) -> list:
    blocks: list = []
    for record, group in fitted_records(scenarios):
        names = join(t("cal_list_sep", lang), (strong(scenario_label(sc.name, lang)) for sc in group))
        unit = t(UNITS["week" if record.period == "week" else "month"], lang)
        blocks.append(Para(rich("cal_cmp_fitted", lang, names=names, observed=code(record.observed),
                                fit=record.fit_periods, unit=unit, n=len(record.parameters))))
        blocks.append(Para(_record_verdict(record, lang)))
        warnings = _record_warnings(record, lang)
        if warnings:  # one banner, a line each: a banner each takes a printed page's worth of margins
            blocks.append(Banner(lines(warnings)))
        # each parameter against its range: what an auditor checks, so in the appendix, as the settings
        blocks.append(Appendix(Heading(t("cal_cmp_params", lang, names=names))))
        blocks.append(Appendix(_record_table(record, lang)))
        blocks += [Para(text, "note") for text in _changed_since(record, group, lang)]
    return blocks


def _record_verdict(record, lang: str) -> str:
    held = (t("cal_cmp_held", lang, k=record.held_out_inside, n=record.held_out_total)
            if record.held_out_total else t("cal_cmp_no_held", lang))
    pinned = sum(p.pinned_down for p in record.parameters)
    if record.good:
        return t("cal_cmp_good", lang, margin=percent(record.margin), held=held, k=pinned, n=len(record.parameters))
    return t("cal_cmp_poor", lang, held=held, n=len(record.parameters))


def _record_warnings(record, lang: str) -> list[str]:
    """The record's warnings, as the fit said them (``calibration.quality``): at a bound, missed."""
    out = []
    for p in record.parameters:
        if p.at_bound:
            out.append(q.say(q.Warning("calib_warn_at_bound", {
                "path": p.path, "best": p.value, "end": p.at_bound, "low": p.range_low, "high": p.range_high,
                "share": q.BOUND_SHARE}), lang, setting=lambda key: setting_label(key, lang)))
    missed = [[m.metric, m.error] for m in record.metrics if m.missed]
    if missed:
        out.append(q.say(q.Warning("calib_warn_missed", {"missed": missed, "margin": record.margin}), lang,
                         lambda name: metric_label(name, lang)))
    if not record.held_out_pass:
        out.append(t("cal_cmp_held_failed", lang, k=record.held_out_inside, n=record.held_out_total,
                     good=percent(q.GOOD)))
    return out


def _record_table(record, lang: str) -> Table:
    good = record.good
    header = [t("cal_col_param", lang), t("cal_col_best", lang), t("cal_col_interval", lang),
              t("cal_col_range", lang), t("cal_col_identified", lang)]
    body = [[setting(setting_label(p.path, lang), p.path), number(p.value, lang), t("cal_range", lang, low=number(p.low, lang), high=number(p.high, lang)),
             t("cal_range", lang, low=number(p.range_low, lang), high=number(p.range_high, lang)),
             pinned_word(q.ParameterQuality(p.path, p.value, p.low, p.high, p.range_low, p.range_high, p.identified,
                                            p.at_bound, p.pinned_down), good, lang)]
            for p in record.parameters]
    return Table(header, body, num_cols=frozenset({1, 2, 3}), css="kpi fitted")


def _changed_since(record, scenarios: list, lang: str) -> list[str]:
    """A fitted value a scenario no longer has (a what-if on a fitted parameter, or an edit)."""
    out = []
    for sc in scenarios:
        data = sc.to_dict()
        for p in record.parameters:
            value = _at(data, p.path)
            if isinstance(value, (int, float)) and not isclose(float(value), p.value, rel_tol=1e-9, abs_tol=1e-12):
                out.append(t("cal_cmp_changed", lang, name=scenario_label(sc.name, lang), path=setting_label(p.path, lang),
                             value=number(float(value), lang), fitted=number(p.value, lang)))
    return out


def _at(data, path: str):
    """The value at a dotted path of scenario data (None where it names nothing)."""
    node = data
    for part in path.split("."):
        if isinstance(node, list):
            try:
                node = node[int(part)]
            except (ValueError, IndexError):
                return None
        elif isinstance(node, dict):
            node = node.get(part)
        else:
            return None
    return node
