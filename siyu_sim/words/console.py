"""The terminal's words: ``siyu compare``'s monthly column labels, its verdict sentences, the
no-private-domain lines and the paired comparison's table, in English and Chinese."""

from __future__ import annotations

#: Column labels of the monthly table (``col_`` + the column's name).
COLUMNS: dict[str, dict[str, str]] = {
    "col_month": {"en": "month", "zh": "月份"},
    "col_scenario": {"en": "scenario", "zh": "方案"},
    "col_active": {"en": "active", "zh": "活跃成员"},
    "col_muted": {"en": "muted", "zh": "免打扰"},
    "col_churned": {"en": "churned", "zh": "已退群"},
    "col_mean_trust": {"en": "trust", "zh": "平均信任"},
    "col_gmv": {"en": "GMV", "zh": "GMV"},
    "col_profit": {"en": "profit", "zh": "利润"},
    "col_cum_profit": {"en": "cum. profit", "zh": "累计利润"},
    "col_roi": {"en": "ROI", "zh": "投入回报率"},
    "col_alt_ads_cum_profit": {"en": "paid ads cum. profit", "zh": "投广告累计利润"},
    "col_cum_gmv": {"en": "cum. GMV", "zh": "累计GMV"},
}

VERDICT: dict[str, dict[str, str]] = {
    "verdict_lead": {
        "en": "{metric}: {leader} leads at month {last} ({lead_value} vs {other_value} for {other}), "
              "ahead since month {since}.",
        "zh": "{metric}：第{last}个月时 {leader} 领先（{lead_value}，{other} 为 {other_value}），"
              "自第{since}个月起一直领先。"},
    "verdict_lead_start": {
        "en": "{metric}: {leader} leads at month {last} ({lead_value} vs {other_value} for "
              "{other}), ahead from the start.",
        "zh": "{metric}：第{last}个月时 {leader} 领先（{lead_value}，{other} 为 {other_value}），"
              "从一开始就领先。"},
    "verdict_before": {"en": " Before that, {first} was ahead.", "zh": "在此之前 {first} 领先。"},
    "verdict_tie": {"en": "{metric}: no one is ahead at month {last} ({values}).",
                    "zh": "{metric}：第{last}个月时不分高下（{values}）。"},
    "verdict_gmv": {"en": "GMV (cumulative)", "zh": "GMV（累计）"},
    "verdict_gmv_month": {"en": "GMV in the month", "zh": "当月GMV"},
    "verdict_profit": {"en": "Profit (cumulative)", "zh": "利润（累计）"},
    "verdict_active": {"en": "Relationship health, active members", "zh": "客户关系：活跃成员"},
    "verdict_trust": {"en": "Relationship health, mean trust", "zh": "客户关系：平均信任"},
    "verdict_false_prosperity": {
        "en": "{gmv_leader} sells more but {profit_leader} keeps more: GMV without "
              "profit is false prosperity.",
        "zh": "{gmv_leader} 卖得更多，但 {profit_leader} 赚得更多：只有GMV没有利润，是虚假繁荣。"},
    "verdict_ads_better": {
        "en": "{name}: the same money in paid ads would have made {ads} against {own} "
              "in the private domain: paid ads were the better use of it.",
        "zh": "{name}：同样的钱投公域广告可赚 {ads}，私域只赚 {own}：投广告更划算。"},
    "verdict_own_better": {
        "en": "{name}: {own} in the private domain against {ads} had the same money gone "
              "into paid ads: the private domain was the better use of it.",
        "zh": "{name}：私域赚 {own}，同样的钱投公域广告约赚 {ads}：做私域更划算。"},
    "baseline_head": {
        "en": "Against the same customers with no private domain (they still buy, at list "
              "price, unreminded):",
        "zh": "对比同一批顾客、完全不做私域（他们照样按原价购买，只是没人提醒）："},
    "baseline_adds": {
        "en": "{name}: the private domain adds {inc} of profit over having none (its ledger shows "
              "{own}, which counts orders members would have placed anyway).",
        "zh": "{name}：与不做私域相比，私域净增利润 {inc}（账面利润 {own}，其中包含成员本来也会下的订单）。"},
    "baseline_loses": {
        "en": "{name}: the private domain makes {inc} less profit than having none (its ledger "
              "shows {own}, which counts orders members would have placed anyway).",
        "zh": "{name}：与不做私域相比，反而少赚 {inc}（账面利润 {own}，其中包含成员本来也会下的订单）。"},
}

#: The paired comparison's printout (``siyu compare --reps N``).
PAIRED: dict[str, dict[str, str]] = {
    "paired_metric_cum_profit": {"en": "cumulative profit (CNY)", "zh": "累计利润（元）"},
    "paired_metric_cum_gmv": {"en": "cumulative GMV (CNY)", "zh": "累计GMV（元）"},
    "paired_metric_active": {"en": "active members", "zh": "活跃成员"},
    "paired_metric_muted": {"en": "muted members", "zh": "免打扰成员"},
    "paired_metric_churned": {"en": "churned (left)", "zh": "已退群"},
    "paired_metric_mean_trust": {"en": "mean trust", "zh": "平均信任"},
    "paired_metric_roi": {"en": "ROI", "zh": "投资回报率"},
    "paired_title": {"en": "Paired comparison vs {baseline}: {reps} replications "
                           "(common random numbers), 95% intervals",
                     "zh": "配对比较：相对于 {baseline}，{reps} 次重复（共同随机数），95% 置信区间"},
    "paired_col_metric": {"en": "metric", "zh": "指标"},
    "paired_col_mean": {"en": "mean diff", "zh": "平均差异"},
    "paired_col_interval": {"en": "95% interval (paired)", "zh": "95%区间（配对）"},
    "paired_col_width": {"en": "indep. width", "zh": "独立种子区间宽度"},
    "paired_col_ratio": {"en": "ratio", "zh": "宽度比"},
    "paired_note": {"en": "ratio = paired interval width / independent-seed interval width; "
                          "below 1 means common random numbers narrowed the interval.",
                    "zh": "宽度比 = 配对区间宽度 ÷ 独立种子区间宽度；小于 1 表示共同随机数使区间变窄。"},
}

CONSOLE: dict[str, dict[str, str]] = {**COLUMNS, **VERDICT, **PAIRED}
