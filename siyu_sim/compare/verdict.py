"""Who is ahead, in plain words: the verdict on a monthly table, and what each strategy adds
over having no private domain. The terminal and the reports read the same sentences."""

from __future__ import annotations

import pandas as pd

from ..words import check_lang, count, money, share, t
from .monthly import leader_since, wide


def _cash(lang: str):
    return lambda v: money(v, lang, style="word")


def _lead_sentence(series: pd.DataFrame, metric: str, fmt, lang: str) -> tuple[str, str | None]:
    last_month = int(series.index[-1])
    leader, since, first = leader_since(series)
    last = series.iloc[-1]
    name = t(f"verdict_{metric}", lang)
    if leader is None:
        values = ", ".join(f"{k} {fmt(v)}" for k, v in last.items())
        return t("verdict_tie", lang, metric=name, last=last_month, values=values), None
    other = last.drop(leader).idxmax()
    key = "verdict_lead_start" if since == int(series.index[0]) else "verdict_lead"
    text = t(key, lang, metric=name, leader=leader, last=last_month, since=since,
             lead_value=fmt(last[leader]), other=other, other_value=fmt(last[other]))
    if first is not None and since > int(series.index[0]):
        text += t("verdict_before", lang, first=first)
    return text, leader


def verdict(table: pd.DataFrame, lang: str = "en") -> list[str]:
    """Plain-language verdict on a ``monthly`` table: who leads on GMV, on profit, on
    relationship health (active members, mean trust), and from which month; then, for each
    scenario, whether paid ads would have been the better use of the same money."""
    check_lang(lang)
    cash = _cash(lang)
    lines = []
    gmv_line, gmv_leader = _lead_sentence(wide(table, "cum_gmv"), "gmv", cash, lang)
    profit_line, profit_leader = _lead_sentence(wide(table, "cum_profit"), "profit", cash, lang)
    lines.append(gmv_line)
    month_line, month_leader = _lead_sentence(wide(table, "gmv"), "gmv_month", cash, lang)
    if month_leader != gmv_leader:  # the monthly race has turned: say when
        lines.append(month_line)
    lines.append(profit_line)
    if gmv_leader and profit_leader and gmv_leader != profit_leader:
        lines.append(t("verdict_false_prosperity", lang, gmv_leader=gmv_leader,
                       profit_leader=profit_leader))
    lines.append(_lead_sentence(wide(table, "active"), "active", count, lang)[0])
    lines.append(_lead_sentence(wide(table, "mean_trust"), "trust", share, lang)[0])
    final = table.xs(table.index.get_level_values("month").max(), level="month")
    for name, row in final.iterrows():
        key = "verdict_ads_better" if row["alt_ads_cum_profit"] > row["cum_profit"] else "verdict_own_better"
        lines.append(t(key, lang, name=name, ads=cash(row["alt_ads_cum_profit"]),
                       own=cash(row["cum_profit"])))
    return lines


def baseline_lines(increments: dict[str, tuple[float, float]], lang: str = "en") -> list[str]:
    """For each scenario, ``{name: (incremental profit, ledger profit)}`` in plain words."""
    check_lang(lang)
    cash = _cash(lang)
    lines = [t("baseline_head", lang)]
    for name, (inc, own) in increments.items():
        key = "baseline_adds" if inc >= 0 else "baseline_loses"
        lines.append(t(key, lang, name=name, inc=cash(abs(inc)), own=cash(own)))
    return lines
