"""The executive summary in incremental money: DOMAIN 000's three questions answered by the
profit each strategy *adds* over the same customers with no private domain, the gross ledger
beside it as the "false prosperity" layer (DOMAIN 003).

Reads the tidy daily frame with the incremental columns (``siyu_sim.compare.incremental``);
with several replications every incremental figure carries its paired 95% interval.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from ..compare.monthly import final_day
from ..calendar import Calendar
from ..compare.incremental import SUMMARY_FIGURES, horizon
from ..compare.paired import paired_t
from ..economics import payback_day
from ..words import Text, code, money, number, ratio, rich, scenario_label, strong, t
from ..compare.verdict import run_length
from . import stats
from .html import Heading, Para


def has_incremental(daily: pd.DataFrame) -> bool:
    return "cum_incremental_profit" in daily.columns


def figures(daily: pd.DataFrame) -> pd.DataFrame:
    """One row per scenario: mean and paired 95% interval (``_lo``, ``_hi``; NaN with one run)
    of every horizon figure of ``incremental.horizon``, the incremental payback day of the mean
    curve, ``n`` runs, and the last day's prospects (0: the simulated market is exhausted)."""
    ends = horizon(daily)
    rows = []
    for name, e in ends.groupby("scenario", sort=False):
        d = daily[daily["scenario"] == name]
        row = {"scenario": name, "n": len(e)}
        for col in SUMMARY_FIGURES:
            row[col], row[col + "_lo"], row[col + "_hi"] = paired_t(e[col])
        curve = d.groupby("day")["cum_incremental_profit"].mean().sort_index()
        row["payback_day"] = payback_day(curve.to_numpy())
        row["days"] = int(d["day"].max()) + 1
        row["exhausted_day"] = stats.exhausted_day(d)
        rows.append(row)
    return pd.DataFrame(rows).set_index("scenario")


def _ci(row, col: str, lang: str, fmt, negate: bool = False) -> str:
    """The paired interval of ``col``; ``negate``: of its opposite (a loss stated as an amount)."""
    lo, hi = row[col + "_lo"], row[col + "_hi"]
    if row["n"] < 2 or not np.isfinite(lo):
        return ""
    if negate:
        lo, hi = -hi, -lo
    return t("inc_ci", lang, lo=fmt(lo), hi=fmt(hi), n=int(row["n"]))


#: What the summary says of a strategy's added profit, by ``stats.sign_call``.
PAYS = {"yes": "inc_pays_yes", "no": "inc_pays_no", "uncertain": "inc_pays_uncertain"}
#: The false-prosperity sentence: by the figure that is higher for a strategy that adds less
#: (GMV, the ledger's profit), and whether even the best strategy loses against none.
FALSE_PROSPERITY = {("cum_gmv", False): "inc_false_prosperity_gmv", ("cum_gmv", True): "inc_false_prosperity_gmv_loses",
                    ("cum_profit", False): "inc_false_prosperity_ledger",
                    ("cum_profit", True): "inc_false_prosperity_ledger_loses"}


def summary_blocks(daily: pd.DataFrame, scenarios: list, lang: str) -> list:
    """The three questions in incremental money (``html`` blocks)."""
    f = figures(daily)
    names = [s.name for s in scenarios]
    by_name = {s.name: s for s in scenarios}
    m = lambda x: money(x, lang)  # noqa: E731
    label = lambda n: strong(scenario_label(n, lang))  # noqa: E731
    blocks: list = [Para(best_overall(daily, names, lang))] if len(names) > 1 else []  # the answer first
    blocks += [Para(t("inc_meaning", lang), "note"), Heading(t("q_pays", lang))]
    for name in names:
        r = f.loc[name]
        inc, lo, hi, n = r["cum_incremental_profit"], r["cum_incremental_profit_lo"], \
            r["cum_incremental_profit_hi"], r["n"]
        call = stats.sign_call(inc, lo, hi, n)
        text = rich(PAYS[call], lang, name=label(name), months=run_length(int(r["days"]), lang), inc=m(abs(inc)),
                    ci=_ci(r, "cum_incremental_profit", lang, m, negate=inc < 0),
                    roi=ratio(r["incremental_roi"]),
                    roi_ci=_ci(r, "incremental_roi", lang, ratio), gross=m(r["cum_profit"]),
                    gmv=m(r["cum_gmv"]))
        if call == "no" and r["cum_profit"] > 0:
            text += t("inc_ledger_hides_loss", lang)
        if call != "no":
            day = r["payback_day"]
            text += (t("inc_payback", lang, day=int(day), month=int(Calendar(int(r["days"])).month_of(int(day))))
                     if day is not None and np.isfinite(day) else t("inc_payback_never", lang))
        blocks.append(Para(text))
    if len(names) > 1:
        best = max(names, key=lambda n: f.loc[n, "cum_incremental_profit"])
        for col in ("cum_gmv", "cum_profit"):
            high = max(names, key=lambda n: f.loc[n, col])
            if high != best:
                key = FALSE_PROSPERITY[col, bool(f.loc[best, "cum_incremental_profit"] < 0)]
                blocks.append(Para(rich(key, lang, lead=strong(t("lead_false_prosperity", lang)),
                                        high=scenario_label(high, lang), best=scenario_label(best, lang),
                                        v_high=m(f.loc[high, col]), v_best=m(f.loc[best, col]),
                                        inc_high=m(f.loc[high, "cum_incremental_profit"]),
                                        inc_best=m(f.loc[best, "cum_incremental_profit"]))))
                break

    blocks.append(Heading(t("q_best", lang)))
    for name in names:
        r = f.loc[name]
        diff = r["added_vs_ads"]
        key = "inc_vs_ads_win" if diff >= 0 else "inc_vs_ads_lose"
        blocks.append(Para(rich(key, lang, name=label(name), cash=m(r["cum_cash_spend"]),
                                cac=m(by_name[name].economics.ads_cac_cny), bought=number(r["alt_ads_cum_customers"], lang),
                                alt=m(r["alt_ads_cum_profit"]), inc=m(r["cum_incremental_profit"]),
                                diff=m(abs(diff)), ci=_ci(r, "added_vs_ads", lang, m, negate=diff < 0))))
    blocks.append(Para(t("inc_ads_discounts", lang, discounts=", ".join(
        f"{scenario_label(n, lang)} {m(f.loc[n, 'cum_spend'] - f.loc[n, 'cum_cash_spend'])}" for n in names))))

    blocks.append(Heading(t("q_scale", lang)))
    last = final_day(daily)
    teams = team_scales(daily, scenarios)
    for name in names:
        r = f.loc[name]
        e = last[last["scenario"] == name]
        members = float(e["members"].mean())
        ever = float(e["ever_members"].mean())
        ops = float(e["staff"].mean())
        text = rich("inc_scale_pool", lang, name=label(name), members=number(members, lang),
                    staff=f"{ops:g}", per_staff=number(members / ops, lang) if ops > 0 else "–",
                    ppm=m(r["cum_incremental_profit"] / ever) if ever > 0 else "–")
        blocks.append(Para(text + team_figures(teams.get(name), lang)))
        if r["exhausted_day"] is not None and np.isfinite(r["exhausted_day"]):
            blocks.append(Para(rich("inc_exhausted", lang, name=label(name), day=int(r["exhausted_day"]))))
    blocks.extend(team_why(teams, lang))
    return blocks


def team_scales(daily: pd.DataFrame, scenarios: list) -> dict[str, dict]:
    """Each scenario's team mechanisms (``stats.team_scale`` of its runs), by name; a scenario
    with no execution lever has none."""
    out = {}
    for sc in scenarios:
        team = stats.team_scale(daily[daily["scenario"] == sc.name], sc)
        if team is not None:
            out[sc.name] = team
    return out


def team_figures(team: dict | None, lang: str) -> str:
    """One strategy's team in figures, to follow its pool sentence: its fixed costs a day and, when
    it pays for any, its team leads (a lead who costs nothing is no line of the report)."""
    if team is None:
        return ""
    fixed = money(team["fixed"], lang)
    if team["leads"] > 0 and team["lead_cost"] > 0:
        return t("scale_team_leads", lang, fixed=fixed, leads=number(team["leads"], lang),
                 lead_cost=money(team["lead_cost"], lang), staff=f"{team['staff']:g}", layers=f"{team['layers']:.1f}")
    return t("scale_team_fixed", lang, fixed=fixed)


def team_why(teams: dict[str, dict], lang: str) -> list:
    """What the team mechanisms mean for scale, said once for every strategy: with the span of
    control and the intent a layer carries out when the strategies share them."""
    if not teams:
        return []
    shared = {(team["span"], team["retained"]) for team in teams.values()}
    file = code("experiments/staff_scaling.toml")
    if len(shared) == 1:
        span, retained = shared.pop()
        return [Para(rich("scale_team_why", lang, span=f"{span:g}", retained=f"{retained:.0%}", file=file))]
    return [Para(rich("scale_team_why_each", lang, file=file))]


def best_overall(daily: pd.DataFrame, names: list[str], lang: str) -> Text:
    """Which strategy adds the most, and by how much more than the runner-up, paired run by run."""
    ends = horizon(daily).set_index(["scenario", "replication"])["cum_incremental_profit"]
    means = {n: float(ends.loc[n].mean()) for n in names}
    best, other = sorted(names, key=lambda n: means[n], reverse=True)[:2]
    diffs = (ends.loc[best] - ends.loc[other]).dropna()
    mean, lo, hi = paired_t(diffs)
    ci = t("inc_ci", lang, lo=money(lo, lang), hi=money(hi, lang), n=len(diffs)) if len(diffs) > 1 else ""
    key = "inc_best_overall_loses" if means[best] < 0 else "inc_best_overall"
    return rich(key, lang, best=strong(scenario_label(best, lang)), other=scenario_label(other, lang),
                diff=money(mean, lang), ci=ci)


def kpi_rows(daily: pd.DataFrame, names: list[str], lang: str) -> list[list[str]]:
    """The key-figure table's added-profit rows: mean of runs, 95% paired interval beside it."""
    f = figures(daily)
    m = lambda x: money(x, lang)  # noqa: E731
    rows = []
    for key, col, fmt in (("kpi_added", "cum_incremental_profit", m),
                          ("kpi_added_roi", "incremental_roi", ratio),
                          ("kpi_added_vs_ads", "added_vs_ads", m)):
        row = [t(key, lang)]
        for name in names:
            r = f.loc[name]
            cell = fmt(r[col])
            if r["n"] > 1 and np.isfinite(r[col + "_lo"]):
                cell += f" ({fmt(r[col + '_lo'])} – {fmt(r[col + '_hi'])})"
            row.append(cell)
        rows.append(row)
    pay = [t("kpi_added_payback", lang)]
    for name in names:
        day = f.loc[name, "payback_day"]
        pay.append(f"{int(day)}" if day is not None and np.isfinite(day) else "–")
    rows.append(pay)
    return rows
