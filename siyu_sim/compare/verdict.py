"""Who is ahead, in plain words: the verdict on a monthly table. The terminal and the
reports read the same sentences.

With a no-private-domain baseline (the default) the headline is the profit each strategy
*adds* over the same customers with no private domain, and paid ads are compared like for
like (added profit against the added profit of the same cash in ads: the customers it buys,
valued as the baseline's new customers, less the cash; discounts are not cash and have a line of
their own); the gross ledger follows as the "false prosperity" layer (DOMAIN 003). Without one,
only the ledger is known, the paid-ads alternative cannot be valued, and the verdict says so.
"""

from __future__ import annotations

import pandas as pd

from ..calendar import n_months
from ..words import check_lang, count, money, scenario_label, share, t
from .monthly import leader_since, wide


def run_length(days: int, lang: str) -> str:
    """A horizon as the reader says it: "12 months" from 60 days on, else "45 days"."""
    return t("months_n", lang, n=n_months(days)) if days >= 60 else t("days_n", lang, n=days)


def _cash(lang: str):
    return lambda v: money(v, lang)


def _lead_sentence(series: pd.DataFrame, metric_key: str, fmt, lang: str) -> tuple[str, str | None]:
    """Who leads ``series`` (months × scenarios) and since when; ``metric_key``: the figure's words."""
    last_month = int(series.index[-1])
    leader, since, first = leader_since(series)
    last = series.iloc[-1]
    name = t(metric_key, lang, last=last_month)
    label = lambda n: scenario_label(n, lang)  # noqa: E731
    if leader is None:
        values = ", ".join(f"{label(k)} {fmt(v)}" for k, v in last.items())
        return t("verdict_tie", lang, metric=name, last=last_month, values=values), None
    other = last.drop(leader).idxmax()
    key = "verdict_lead_start" if since == int(series.index[0]) else "verdict_lead"
    text = t(key, lang, metric=name, leader=label(leader), last=last_month, since=since,
             lead_value=fmt(last[leader]), other=label(other), other_value=fmt(last[other]))
    if first is not None and since > int(series.index[0]):
        text += t("verdict_before", lang, first=label(first))
    return text, leader


def _interval(summary: pd.DataFrame | None, name: str, figure: str, fmt, lang: str,
              negate: bool = False) -> str:
    if summary is None:
        return ""
    row = summary[(summary["scenario"] == name) & (summary["figure"] == figure)]
    if row.empty or not (row["n"].iloc[0] > 1) or pd.isna(row["ci_low"].iloc[0]):
        return ""
    lo, hi = float(row["ci_low"].iloc[0]), float(row["ci_high"].iloc[0])
    if negate:  # the interval of the opposite difference (ads − private domain)
        lo, hi = -hi, -lo
    return t("verdict_ci", lang, lo=fmt(lo), hi=fmt(hi), n=int(row["n"].iloc[0]))


def verdict(table: pd.DataFrame, lang: str = "en", summary: pd.DataFrame | None = None) -> list[str]:
    """Plain-language verdict on a ``monthly`` table. With its incremental columns: who adds
    the most profit over having no private domain, whether each strategy adds or loses
    against having none, and against paid ads like for like, then the gross ledger (GMV,
    ledger profit) and relationship health. ``summary`` (``incremental.summary``) adds the
    paired 95% intervals when there are several replications."""
    check_lang(lang)
    cash = _cash(lang)
    label = lambda n: scenario_label(n, lang)  # noqa: E731
    incremental = "cum_incremental_profit" in table.columns
    final = table.xs(table.index.get_level_values("month").max(), level="month")
    lines = []
    if incremental:
        head, head_leader = _lead_sentence(wide(table, "cum_incremental_profit"), "verdict_added", cash, lang)
        lines.append(head)
        for name, row in final.iterrows():
            inc = row["cum_incremental_profit"]
            key = "verdict_adds" if inc >= 0 else "verdict_loses"
            lines.append(t(key, lang, name=label(name), inc=cash(abs(inc)),
                           ci=_interval(summary, name, "cum_incremental_profit", cash, lang,
                                        negate=inc < 0),  # a loss is stated as a positive amount
                           roi=f"{row['incremental_roi']:.2f}".replace("-", "−")))
        for name, row in final.iterrows():
            inc, ads = row["cum_incremental_profit"], row["alt_ads_cum_profit"]
            key = "verdict_ads_better" if ads > inc else "verdict_own_better"
            lines.append(t(key, lang, name=label(name), ads=cash(ads), own=cash(inc),
                           cash=cash(row["cum_cash_spend"]), bought=count(row["alt_ads_cum_customers"]),
                           diff=cash(abs(inc - ads)),
                           ci=_interval(summary, name, "added_vs_ads", cash, lang,
                                        negate=key == "verdict_ads_better")))
        forgone = ", ".join(f"{label(name)} {cash(row['cum_spend'] - row['cum_cash_spend'])}"
                            for name, row in final.iterrows())
        lines.append(t("verdict_ads_discounts", lang, discounts=forgone))
        lines.append(t("verdict_gross_head", lang))
    else:
        lines.append(t("verdict_no_baseline", lang))
        head_leader = None
    gmv_line, gmv_leader = _lead_sentence(wide(table, "cum_gmv"), "verdict_gmv", cash, lang)
    profit_line, profit_leader = _lead_sentence(wide(table, "cum_profit"), "verdict_profit", cash, lang)
    lines.append(gmv_line)
    month_line, month_leader = _lead_sentence(wide(table, "gmv"), "verdict_gmv_month", cash, lang)
    if month_leader != gmv_leader:  # the monthly race has turned: say when
        lines.append(month_line)
    lines.append(profit_line)
    judged_by = head_leader if incremental else profit_leader
    if gmv_leader and judged_by and gmv_leader != judged_by:
        key = "verdict_false_prosperity_gross"
        if incremental:
            lost = final.loc[judged_by, "cum_incremental_profit"] < 0
            key = "verdict_false_prosperity_loses" if lost else "verdict_false_prosperity"
        lines.append(t(key, lang, gmv_leader=label(gmv_leader), profit_leader=label(judged_by)))
    lines.append(_lead_sentence(wide(table, "active"), "verdict_active", count, lang)[0])
    lines.append(_lead_sentence(wide(table, "mean_trust"), "verdict_trust", share, lang)[0])
    return lines
