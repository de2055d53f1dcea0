"""Comparing strategies month by month, and saying in plain words who is ahead.

Reads only tidy daily frames (``scenario, replication, day`` + metrics): the command line
and the reports both use it, so a verdict reads the same in the terminal and in a report.
Replications, when there are several, are averaged day by day before anything else.
"""

from __future__ import annotations

import pandas as pd

#: Stocks are read on the month's last day; flows are summed over the month.
STOCKS = ("active", "muted", "churned", "mean_trust", "cum_profit", "roi", "alt_ads_cum_profit")
FLOWS = ("gmv", "profit")
MONTHLY_COLUMNS = ("active", "muted", "churned", "mean_trust", "gmv", "profit", "cum_profit",
                   "roi", "alt_ads_cum_profit", "cum_gmv")
LANGS = ("en", "zh")

LABELS = {
    "en": {"month": "month", "scenario": "scenario", "active": "active", "muted": "muted",
           "churned": "churned", "mean_trust": "trust", "gmv": "GMV", "profit": "profit",
           "cum_profit": "cum. profit", "roi": "ROI", "alt_ads_cum_profit": "paid ads cum. profit",
           "cum_gmv": "cum. GMV"},
    "zh": {"month": "月份", "scenario": "方案", "active": "活跃成员", "muted": "免打扰",
           "churned": "已退群", "mean_trust": "平均信任", "gmv": "GMV", "profit": "利润",
           "cum_profit": "累计利润", "roi": "投入回报率", "alt_ads_cum_profit": "投广告累计利润",
           "cum_gmv": "累计GMV"},
}

TEXT = {
    "en": {
        "lead": "{metric}: {leader} leads at month {last} ({lead_value} vs {other_value} for {other}), "
                "ahead since month {since}.",
        "lead_start": "{metric}: {leader} leads at month {last} ({lead_value} vs {other_value} for "
                      "{other}), ahead from the start.",
        "before": " Before that, {first} was ahead.",
        "tie": "{metric}: no one is ahead at month {last} ({values}).",
        "gmv": "GMV (cumulative)", "gmv_month": "GMV in the month", "profit": "Profit (cumulative)",
        "active": "Relationship health, active members", "trust": "Relationship health, mean trust",
        "false_prosperity": "{gmv_leader} sells more but {profit_leader} keeps more: GMV without "
                            "profit is false prosperity.",
        "ads_better": "{name}: the same money in paid ads would have made {ads} against {own} "
                      "in the private domain: paid ads were the better use of it.",
        "own_better": "{name}: {own} in the private domain against {ads} had the same money gone "
                      "into paid ads: the private domain was the better use of it.",
        "baseline_head": "Against the same customers with no private domain (they still buy, at list "
                         "price, unreminded):",
        "adds": "{name}: the private domain adds {inc} of profit over having none (its ledger shows "
                "{own}, which counts orders members would have placed anyway).",
        "loses": "{name}: the private domain makes {inc} less profit than having none (its ledger "
                 "shows {own}, which counts orders members would have placed anyway).",
        "vs": "vs", "money": "{v} CNY",
    },
    "zh": {
        "lead": "{metric}：第{last}个月时 {leader} 领先（{lead_value}，{other} 为 {other_value}），"
                "自第{since}个月起一直领先。",
        "lead_start": "{metric}：第{last}个月时 {leader} 领先（{lead_value}，{other} 为 {other_value}），"
                      "从一开始就领先。",
        "before": "在此之前 {first} 领先。",
        "tie": "{metric}：第{last}个月时不分高下（{values}）。",
        "gmv": "GMV（累计）", "gmv_month": "当月GMV", "profit": "利润（累计）",
        "active": "客户关系：活跃成员", "trust": "客户关系：平均信任",
        "false_prosperity": "{gmv_leader} 卖得更多，但 {profit_leader} 赚得更多：只有GMV没有利润，"
                            "是虚假繁荣。",
        "ads_better": "{name}：同样的钱投公域广告可赚 {ads}，私域只赚 {own}：投广告更划算。",
        "own_better": "{name}：私域赚 {own}，同样的钱投公域广告约赚 {ads}：做私域更划算。",
        "baseline_head": "对比同一批顾客、完全不做私域（他们照样按原价购买，只是没人提醒）：",
        "adds": "{name}：与不做私域相比，私域净增利润 {inc}（账面利润 {own}，其中包含成员本来也会下的订单）。",
        "loses": "{name}：与不做私域相比，反而少赚 {inc}（账面利润 {own}，其中包含成员本来也会下的订单）。",
        "vs": "对", "money": "{v}元",
    },
}


def check_lang(lang: str) -> str:
    if lang not in LANGS:
        raise ValueError(f"unknown language {lang!r}; choose one of {', '.join(LANGS)}")
    return lang


def n_months(days: int) -> int:
    """Calendar-like months in a horizon: 12 for 365 days, at least 1."""
    return max(1, round(days / (365 / 12)))


def month_of(day, days: int):
    """1-based month of a 0-based day (works on scalars and arrays)."""
    return day * n_months(days) // days + 1


def monthly(daily: pd.DataFrame, days: int | None = None) -> pd.DataFrame:
    """One row per (month, scenario), scenarios in the order they first appear.

    Stocks (members by status, trust, cumulative money, ROI) are the month's last day; GMV and
    profit are the month's totals; ``cum_gmv`` is GMV to date. Replications are averaged."""
    if "scenario" not in daily:
        daily = daily.assign(scenario="scenario")
    order = list(dict.fromkeys(daily["scenario"]))
    days = int(daily["day"].max()) + 1 if days is None else days
    cols = list(STOCKS + FLOWS)
    mean = daily.groupby(["scenario", "day"], sort=False)[cols].mean().reset_index()
    mean["month"] = month_of(mean["day"], days)
    grouped = mean.sort_values("day").groupby(["scenario", "month"], sort=False)
    out = grouped[list(STOCKS)].last().join(grouped[list(FLOWS)].sum())
    out["cum_gmv"] = out.groupby(level="scenario")["gmv"].cumsum()
    out = out.reset_index()
    out["scenario"] = pd.Categorical(out["scenario"], categories=order, ordered=True)
    out = out.sort_values(["month", "scenario"]).set_index(["month", "scenario"])
    out.index = out.index.set_levels(out.index.levels[1].astype(str), level=1)
    return out[list(MONTHLY_COLUMNS)]


def wide(table: pd.DataFrame, column: str) -> pd.DataFrame:
    """month × scenario for one column of a ``monthly`` table (scenario order kept)."""
    order = list(dict.fromkeys(table.index.get_level_values("scenario")))
    return table[column].unstack("scenario")[order]


def leader_since(series: pd.DataFrame) -> tuple[str | None, int | None, str | None]:
    """(leader at the last month, first month from which it stayed strictly ahead, the one
    that led month 1 if different). Leader is None on a tie."""
    last = series.iloc[-1]
    leader = last.idxmax()
    if (last == last[leader]).sum() > 1:
        return None, None, None
    ahead = series[leader] > series.drop(columns=leader).max(axis=1)
    since = int(ahead.index[-1])
    for month in reversed(ahead.index):
        if not ahead[month]:
            break
        since = int(month)
    first = series.iloc[0].idxmax()
    return str(leader), since, (str(first) if first != leader else None)


def money(value: float, lang: str) -> str:
    if lang == "zh":
        if abs(value) >= 1e8:
            text = f"{value / 1e8:.2f}亿"
        elif abs(value) >= 1e4:
            text = f"{value / 1e4:.1f}万"
        else:
            text = f"{value:,.0f}"
    elif abs(value) >= 1e6:
        text = f"{value / 1e6:.2f}M"
    elif abs(value) >= 1e4:
        text = f"{value / 1e3:.0f}k"
    else:
        text = f"{value:,.0f}"
    return TEXT[lang]["money"].format(v=text)


def _lead_sentence(series: pd.DataFrame, metric: str, fmt, lang: str) -> tuple[str, str | None]:
    t = TEXT[lang]
    last_month = int(series.index[-1])
    leader, since, first = leader_since(series)
    last = series.iloc[-1]
    if leader is None:
        values = ", ".join(f"{k} {fmt(v)}" for k, v in last.items())
        return t["tie"].format(metric=t[metric], last=last_month, values=values), None
    other = last.drop(leader).idxmax()
    key = "lead_start" if since == int(series.index[0]) else "lead"
    text = t[key].format(metric=t[metric], leader=leader, last=last_month, since=since,
                         lead_value=fmt(last[leader]), other=other, other_value=fmt(last[other]))
    if first is not None and since > int(series.index[0]):
        text += t["before"].format(first=first)
    return text, leader


def verdict(table: pd.DataFrame, lang: str = "en") -> list[str]:
    """Plain-language verdict on a ``monthly`` table: who leads on GMV, on profit, on
    relationship health (active members, mean trust), and from which month; then, for each
    scenario, whether paid ads would have been the better use of the same money."""
    check_lang(lang)
    t = TEXT[lang]
    cash = lambda v: money(v, lang)  # noqa: E731
    count = lambda v: f"{v:,.0f}"  # noqa: E731
    share = lambda v: f"{v:.2f}"  # noqa: E731
    lines = []
    gmv_line, gmv_leader = _lead_sentence(wide(table, "cum_gmv"), "gmv", cash, lang)
    profit_line, profit_leader = _lead_sentence(wide(table, "cum_profit"), "profit", cash, lang)
    lines.append(gmv_line)
    month_line, month_leader = _lead_sentence(wide(table, "gmv"), "gmv_month", cash, lang)
    if month_leader != gmv_leader:  # the monthly race has turned: say when
        lines.append(month_line)
    lines.append(profit_line)
    if gmv_leader and profit_leader and gmv_leader != profit_leader:
        lines.append(t["false_prosperity"].format(gmv_leader=gmv_leader, profit_leader=profit_leader))
    lines.append(_lead_sentence(wide(table, "active"), "active", count, lang)[0])
    lines.append(_lead_sentence(wide(table, "mean_trust"), "trust", share, lang)[0])
    final = table.xs(table.index.get_level_values("month").max(), level="month")
    for name, row in final.iterrows():
        key = "ads_better" if row["alt_ads_cum_profit"] > row["cum_profit"] else "own_better"
        lines.append(t[key].format(name=name, ads=cash(row["alt_ads_cum_profit"]),
                                   own=cash(row["cum_profit"])))
    return lines


def baseline_lines(increments: dict[str, tuple[float, float]], lang: str = "en") -> list[str]:
    """For each scenario, ``{name: (incremental profit, ledger profit)}`` in plain words."""
    t = TEXT[check_lang(lang)]
    lines = [t["baseline_head"]]
    for name, (inc, own) in increments.items():
        key = "adds" if inc >= 0 else "loses"
        lines.append(t[key].format(name=name, inc=money(abs(inc), lang), own=money(own, lang)))
    return lines
