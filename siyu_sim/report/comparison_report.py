"""The comparison report: two or more scenarios side by side, answered in money.

``report_comparison(result, path, lang=..., meta=...)`` writes it for the result of
``siyu_sim.compare.compare`` (what ``siyu compare … --report`` calls);
``comparison_report(daily, scenarios, path, lang=..., segment_daily=..., meta=...)`` for tidy
frames from elsewhere. When the daily table carries the incremental columns (a comparison
with its no-private-domain baseline, the default), the summary, key figures and money charts
lead with the profit added over having none, the gross ledger beside it. It reads only the tidy daily table (``scenario,
replication, day`` + ``siyu_sim.metrics.DAILY_COLUMNS``), the optional per-segment table and
the resolved scenarios.
"""

from __future__ import annotations

import datetime as _dt
from pathlib import Path
from typing import TYPE_CHECKING

import numpy as np
import pandas as pd

from . import figures, incremental_summary, stats
from .calibration_report import add_fit_section, fit_line, fitted_records
from .assumptions import section_blocks
from .html import Banner, Heading, Page, Para, Table
from ..compare import bridge as bridges
from ..compare.verdict import run_length, verdict
from ..compare.monthly import final_day
from ..metrics import derive
from ..words import check_lang, code, money, number, percent, ratio, rich, scenario_label, strong, t, titled

if TYPE_CHECKING:
    from ..compare.workflow import Comparison

REQUIRED = ("day", "active", "muted", "churned", "members", "gmv", "profit", "cum_profit",
            "cum_spend", "roi", "ever_members", "engaged", "ever_buyers",
            "repeat_buyers", "referrers", "trust_0_20", "trust_80_100", "staff", "leads", "management_layers",
            "lead_cost", "fixed_tool_cost")


def comparison_report(daily: pd.DataFrame, scenarios: list, path, *, lang: str = "en",
                      segment_daily: pd.DataFrame | None = None, meta: dict | None = None,
                      weighing=None, weighing_source: str = "") -> Path:
    """Write the comparison report of ``scenarios`` to ``path`` (one self-contained HTML file)
    and return the path. ``daily`` holds one or many replications of each scenario; where there
    are several, figures show medians with 10–90% bands. ``meta``: seed, version, date, command.
    ``weighing``: the strategies weighed across uncertain assumptions (``uncertainty.weigh``),
    which the report then leads with (``weighing_source``: what its draws cover, in words)."""
    check_lang(lang)
    scenarios = list(scenarios)
    if not scenarios:
        raise ValueError("comparison_report needs at least one scenario")
    daily = derive(_prepare(daily, scenarios, "daily"), by=("scenario", "replication"))
    missing = [c for c in REQUIRED if c not in daily.columns]
    if missing:
        raise ValueError(f"daily table lacks columns {missing}: is it from siyu_sim's model run?")
    if segment_daily is not None:
        segment_daily = _prepare(segment_daily, scenarios, "segment_daily")
    meta = _meta(meta)
    with titled(scenarios):
        page = build_page(daily, scenarios, lang, segment_daily, meta, weighing, weighing_source)
    return page.write(path)


def report_comparison(result: "Comparison", path, *, lang: str = "en", meta: dict | None = None,
                      weighing=None, weighing_source: str = "") -> Path:
    """Write the comparison report of a ``siyu_sim.compare.compare`` result to ``path``; its
    per-segment tables (``segments=True``) give the LTV chart. ``meta`` adds to the result's
    provenance (seed, replications, versions, date…) what only the caller knows (the command).
    ``weighing``: as ``comparison_report``."""
    meta = {"seed": result.root_seed, "replications": result.reps, "executor": result.executor,
            **result.provenance, **(meta or {})}
    return comparison_report(result.daily, result.scenarios, path, lang=lang,
                             segment_daily=result.segment_daily, meta=meta, weighing=weighing,
                             weighing_source=weighing_source)


def _prepare(frame: pd.DataFrame, scenarios: list, what: str) -> pd.DataFrame:
    if frame is None or len(frame) == 0:
        raise ValueError(f"{what} table is empty: nothing to report")
    frame = frame.copy()
    if "scenario" not in frame.columns:
        if len(scenarios) != 1:
            raise ValueError(f"{what} table has no 'scenario' column but {len(scenarios)} scenarios were given")
        frame.insert(0, "scenario", scenarios[0].name)
    frame = stats.ensure_tidy(frame)
    names = [s.name for s in scenarios]
    unknown = sorted(set(frame["scenario"]) - set(names))
    if unknown:
        raise ValueError(f"{what} table has scenarios {unknown} not among those given ({names})")
    absent = [n for n in names if n not in set(frame["scenario"])]
    if absent:
        raise ValueError(f"{what} table has no rows for scenarios {absent}")
    order = {n: i for i, n in enumerate(names)}
    return frame.sort_values(["scenario", "replication", "day"],
                             key=lambda s: s.map(order) if s.name == "scenario" else s,
                             kind="stable").reset_index(drop=True)


def _meta(meta: dict | None) -> dict:
    out = dict(meta or {})
    out.setdefault("date", _dt.date.today().isoformat())
    if "version" not in out:
        from ..version import __version__
        out["version"] = __version__
    return out


def build_page(daily: pd.DataFrame, scenarios: list, lang: str,
               segment_daily: pd.DataFrame | None, meta: dict, weighing=None, weighing_source: str = "") -> Page:
    names = [s.name for s in scenarios]
    reps = stats.n_replications(daily)
    days = int(daily["day"].max()) + 1
    labels = " · ".join(scenario_label(n, lang) for n in names)
    reps_text = t("reps_one", lang) if reps == 1 else t("reps_many", lang, n=reps)
    if weighing is not None:
        reps_text = t("unc_subtitle_draws", lang, reps=reps_text, n=weighing.n_draws)
    page = Page(title=t("comparison_title", lang), lang=lang,
                subtitle=t("comparison_subtitle", lang, names=labels, days=days, reps=reps_text),
                meta_line=t("generated", lang, date=meta["date"], version=meta["version"]))

    if incremental_summary.has_incremental(daily):
        summary = incremental_summary.summary_blocks(daily, scenarios, lang)
        kpi_note = f'{t("kpi_added_note", lang)} {t("kpi_note", lang)}'
    else:
        summary = [Banner(t("inc_no_baseline", lang)), *summary_blocks(daily, scenarios, lang)]
        kpi_note = t("kpi_note", lang)
    fit = fit_first(scenarios, lang)
    if weighing is not None:  # the answer, how well the brand was fitted, then how sure it is
        from .uncertainty_report import add_sections

        add_sections(page, weighing, lang, weighing_source,
                     [*answer_blocks(daily, lang), *([fit] if fit is not None else [])])
    else:  # how sure, in one sentence: a luck-only interval is never shown alone
        sure = Banner(t("unc_luck_only" if reps > 1 else "unc_one_run", lang))
        summary = [*summary[:1], sure, *summary[1:]] if incremental_summary.has_incremental(daily) else [sure, *summary]
    if fit is not None:  # the fit is said where the answer is, not only in its own section
        summary = [*summary[:1], fit, *summary[1:]]
    page.add("summary", t("sec_summary", lang), *summary, css_class="summary")
    add_fit_section(page, scenarios, lang)  # a brand fitted to its own numbers: how well
    page.add("kpis", t("sec_kpis", lang), kpi_table(daily, scenarios, lang),
             Para(kpi_note, "note") if reps > 1 else None)
    # Printed, the half-height charts run on two to a page after the text (the money, then the
    # customers), then the two full-height ones, each on a page of its own: no page is left
    # mostly blank before a chart.
    if bridges.has_bridge(daily):  # the CFO's view: where the added profit comes from, and when
        page.add("bridge", t("sec_bridge", lang), _why("why_bridge", lang),
                 page.figure(figures.bridge_figure(daily, lang), "bridge", half=True))
    page.add("money", t("sec_money", lang), _why("why_money", lang),
             page.figure(figures.money_figure(daily, lang), "money", half=True), Para(t("months_note", lang), "note"))
    page.add("members", t("sec_members", lang), _why("why_members", lang),
             page.figure(figures.members_figure(daily, lang), "members", half=True))
    page.add("trust", t("sec_trust", lang), _why("why_trust", lang),
             page.figure(figures.trust_figure(daily, lang), "trust", half=True))
    page.add("funnel", t("sec_funnel", lang), _why("why_funnel", lang),
             page.figure(figures.funnel_figure(daily, lang), "funnel", half=True))
    if segment_daily is not None and "realised_ltv" in segment_daily.columns:
        ltv = page.figure(figures.ltv_figure(segment_daily, lang), "ltv", half=True)
    else:
        ltv = Banner(t("ltv_missing", lang))
    page.add("ltv", t("sec_ltv", lang), _why("why_ltv", lang), ltv)
    if bridges.has_bridge(daily):
        page.add("monthly_money", t("sec_monthly_money", lang), _why("why_monthly_money", lang),
                 page.figure(figures.monthly_money_figure(daily, lang), "monthly_money"))
    page.add("cumulative", t("sec_cum", lang), _why("why_cum", lang),
             page.figure(figures.cumulative_figure(daily, lang), "cumulative"))
    page.add("assumptions", t("sec_assumptions", lang),
             *section_blocks(scenarios, lang, meta, replications=reps))
    return page


def answer_blocks(daily: pd.DataFrame, lang: str) -> list:
    """The answer as page 1 states it before how sure it is: each strategy's added profit, the mean
    of its runs of the scenario as written (``compare.incremental.answer``), in the terminal's
    sentences (``compare.verdict``); none without a baseline."""
    if not incremental_summary.has_incremental(daily):
        return []
    from ..compare.incremental import summary as horizon_summary
    from ..compare.monthly import monthly
    from ..uncertainty.verdict import runs_text

    n = daily["scenario"].nunique()
    said = verdict(monthly(daily, int(daily["day"].max()) + 1), lang, horizon_summary(daily))
    return [Para(t("unc_report_answer", lang, runs=runs_text(stats.n_replications(daily), lang)), "why"),
            *(Para(line) for line in said[:1 + n])]


def fit_first(scenarios: list, lang: str) -> Para | Banner | None:
    """How well the fitted scenarios fit the brand's own numbers, in one block for page 1 (from
    their ``[calibration]`` records, ``calibration_report.fit_line``): a good fit in a short line,
    a poor one in a warning that points to the fit's section."""
    said = fit_line(scenarios, lang)
    if said is None:
        return None
    good, text = said
    if good:
        return Para(text, "note")
    poor = [sc for record, group in fitted_records(scenarios) if not record.good for sc in group]
    return Banner(t("cal_cmp_poor_first", lang, names=t("cal_list_sep", lang).join(
        scenario_label(sc.name, lang) for sc in poor)), id="poor-fit")


def _why(key: str, lang: str) -> Para:
    return Para(t(key, lang), "why")


# ---- numbers behind the summary ---------------------------------------------------------------

def end_values(daily: pd.DataFrame) -> pd.DataFrame:
    """One row per scenario × replication: end-of-run levels and whole-run totals."""
    last = final_day(daily).set_index(["scenario", "replication"])
    sums = daily.groupby(["scenario", "replication"], sort=False)[
        [c for c in ("revenue", "discount_cost", "referrals") if c in daily.columns]
    ].sum().add_prefix("total_")
    out = last.join(sums)
    out["muted_of_members"] = out["muted"] / out["members"].where(out["members"] > 0)
    out["profit_per_member"] = out["cum_profit"] / out["ever_members"].where(out["ever_members"] > 0)
    return out.reset_index()


def _q(values: pd.Series) -> tuple[float, float, float]:
    v = values.dropna().to_numpy(dtype=float)
    if v.size == 0:
        return (np.nan, np.nan, np.nan)
    return (float(np.median(v)), float(np.quantile(v, stats.LO)), float(np.quantile(v, stats.HI)))


def _interval(lo: float, hi: float, n: int, lang: str, fmt) -> str:
    return t("interval", lang, lo=fmt(lo), hi=fmt(hi)) if n > 1 else ""


#: What the summary says of a strategy's profit, by ``stats.sign_call``.
PAYS = {"yes": "pays_yes", "no": "pays_no", "uncertain": "pays_uncertain"}


def summary_blocks(daily: pd.DataFrame, scenarios: list, lang: str) -> list:
    """The executive summary in gross ledger money, for a daily table without the incremental
    columns (no baseline); with them, ``incremental_summary.summary_blocks`` answers instead."""
    ends = end_values(daily)
    names = [s.name for s in scenarios]
    by_name = {s.name: s for s in scenarios}
    m = lambda x: money(x, lang)  # noqa: E731
    label = lambda n: strong(scenario_label(n, lang))  # noqa: E731
    blocks: list = []

    # 1. does it pay?
    blocks.append(Heading(t("q_pays", lang)))
    medians = {}
    for name in names:
        e = ends[ends["scenario"] == name]
        n = len(e)
        mid, lo, hi = _q(e["cum_profit"])
        medians[name] = mid
        roi = _q(e["roi"])[0]
        days = int(daily.loc[daily["scenario"] == name, "day"].max()) + 1
        call = stats.sign_call(mid, lo, hi, n)
        sentence = rich(PAYS[call], lang, name=label(name), months=run_length(days, lang), profit=m(mid),
                        interval=_interval(lo, hi, n, lang, m), roi=ratio(roi))
        curve = daily[daily["scenario"] == name].groupby("day")["cum_profit"].median()
        pay = stats.payback_month(curve)
        if call != "no":
            sentence += t("payback", lang, month=pay) if pay else t("payback_never", lang)
        blocks.append(Para(sentence))
    if len(names) > 1:
        gmv = {n: _q(ends.loc[ends["scenario"] == n, "cum_gmv"])[0] for n in names}
        high = max(names, key=lambda n: gmv[n])
        best = max(names, key=lambda n: medians[n])
        if best != high and medians[best] > medians[high]:
            blocks.append(Para(rich("false_prosperity", lang, lead=strong(t("lead_false_prosperity", lang)),
                                    high=scenario_label(high, lang), low=scenario_label(best, lang),
                                    gmv_high=m(gmv[high]), gmv_low=m(gmv[best]), p_low=m(medians[best]),
                                    p_high=m(medians[high]))))

    # 2. best use of the money?
    blocks.append(Heading(t("q_best", lang)))
    blocks.append(Para(t("best_needs_baseline", lang)))
    if len(names) > 1:
        ranked = sorted(names, key=lambda n: medians[n], reverse=True)
        best, other = ranked[0], ranked[1]
        a = ends[ends["scenario"] == best].set_index("replication")["cum_profit"]
        b = ends[ends["scenario"] == other].set_index("replication")["cum_profit"]
        paired = (a - b).dropna()
        paired_text = ""
        if len(paired) > 1:
            _, lo, hi = _q(paired)
            paired_text = t("paired", lang, k=int((paired > 0).sum()), n=len(paired), lo=m(lo), hi=m(hi))
        blocks.append(Para(rich("best_overall", lang, best=label(best), other=scenario_label(other, lang),
                                diff=m(float(paired.median()) if len(paired) else medians[best] - medians[other]),
                                paired=paired_text)))

    # 3. does it scale?
    blocks.append(Heading(t("q_scale", lang)))
    teams = incremental_summary.team_scales(daily, scenarios)
    for name in names:
        e = ends[ends["scenario"] == name]
        members = _q(e["members"])[0]
        staff = _q(e["staff"])[0]
        text = rich("scale_pool", lang, name=label(name), members=number(members, lang),
                    staff=f"{staff:g}", per_staff=number(members / staff, lang) if staff > 0 else "–",
                    ppm=m(_q(e["profit_per_member"])[0]))
        blocks.append(Para(text + incremental_summary.team_figures(teams.get(name), lang)))
    blocks.extend(incremental_summary.team_why(teams, lang))
    sizes = {n: by_name[n].population.customers for n in names}
    if len(set(sizes.values())) > 1:
        blocks.append(Para(t("scale_differs", lang, sizes=", ".join(
            f"{scenario_label(n, lang)}: {number(v, lang)}" for n, v in sizes.items()))))
    blocks.append(Para(rich("scale_honest", lang, command=code("siyu sweep"))))
    return blocks


KPI_ROWS = (
    ("kpi_members_end", "members", "count"), ("kpi_muted_share", "muted_of_members", "pct"),
    ("kpi_churned", "churned", "count"), ("kpi_gmv", "cum_gmv", "money"),
    ("kpi_revenue", "total_revenue", "money"), ("kpi_discount", "total_discount_cost", "money"),
    ("kpi_spend", "cum_spend", "money"), ("kpi_cash", "cum_cash_spend", "money"),
    ("kpi_profit", "cum_profit", "money"), ("kpi_alt_customers", "alt_ads_cum_customers", "count"),
    ("kpi_alt", "alt_ads_cum_profit", "money"), ("kpi_roi", "roi", "ratio"),
    ("kpi_trust", "mean_trust", "ratio"), ("kpi_repurchase", "repurchase_rate", "pct"),
    ("kpi_buyers", "ever_buyers", "count"), ("kpi_referrers", "referrers", "count"),
    ("kpi_referrals", "total_referrals", "count"),
)


def kpi_table(daily: pd.DataFrame, scenarios: list, lang: str) -> Table:
    ends = end_values(daily)
    names = [s.name for s in scenarios]
    fmt = {"count": lambda x: number(round(x) if np.isfinite(x) else x, lang), "money": lambda x: money(x, lang),
           "pct": percent, "ratio": ratio}
    rows = (incremental_summary.kpi_rows(daily, names, lang)
            if incremental_summary.has_incremental(daily) else [])
    for key, col, kind in KPI_ROWS:
        if col not in ends.columns:
            continue
        row = [t(key, lang)]
        for name in names:
            e = ends[ends["scenario"] == name]
            mid, lo, hi = _q(e[col])
            f = fmt[kind]
            row.append(f(mid) + (f" ({f(lo)} – {f(hi)})" if len(e) > 1 else ""))
        rows.append(row)
    header = [t("kpi_metric", lang)] + [scenario_label(n, lang) for n in names]
    return Table(header, rows, css="kpi", num_cols=frozenset(range(1, len(names) + 1)))
