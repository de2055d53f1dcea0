"""The comparison report's words for incremental money: what each strategy adds over the same
customers with no private domain, with the gross ledger beside it (DOMAIN 003), in English
and Chinese."""

from __future__ import annotations

INCREMENTAL: dict[str, dict[str, str]] = {
    "inc_meaning": {
        "en": "\"Adds\" means profit added over no private domain: the same customers, under the "
              "same random numbers, simulated once more with no groups, no levers and no tools. "
              "They still buy, at list price, unreminded. The difference is what the private "
              "domain earns on top. The ledger's profit and GMV count every order members place, "
              "including those they would have placed anyway, so they are shown only beside it.",
        "zh": "“净增”指相对不做私域的新增利润：同一批顾客、同样的随机数，再模拟一次完全不做私域"
              "（没有社群、没有运营动作、没有工具）的情形。他们照样按原价购买，只是没人提醒。两者之差"
              "才是私域额外赚到的钱。账面利润和 GMV 计入成员的全部订单，包括本来也会下的订单，"
              "因此只作为旁证列出。"},
    "inc_ci": {"en": " (95% paired interval, {n} runs: {lo} to {hi})",
               "zh": "（{n} 次配对运行的 95% 区间：{lo} 至 {hi}）"},
    "inc_pays_yes": {
        "en": "{name} pays: over {months} it adds {inc}{ci} of profit over the same "
              "customers with no private domain; every CNY put in adds {roi} net (added ROI{roi_ci}). "
              "Its ledger shows {gross} of profit on {gmv} of GMV, counting orders members would "
              "have placed anyway.",
        "zh": "{name} 能赚钱：{months}内比同一批顾客不做私域净增利润 {inc}{ci}；"
              "每投入 1 元净增 {roi}（净增回报率{roi_ci}）。账面利润 {gross}、GMV {gmv}，"
              "其中包含成员本来也会下的订单。"},
    "inc_pays_no": {
        "en": "{name} loses money against having no private domain at all: over {months} "
              "it makes {inc}{ci} less profit than the same customers with none (added ROI "
              "{roi}{roi_ci}). Its ledger shows {gross} of profit on {gmv} of GMV.",
        "zh": "{name} 比完全不做私域还亏：{months}内利润比同一批顾客不做私域少 {inc}{ci}"
              "（净增回报率 {roi}{roi_ci}）。账面利润为 {gross}、GMV 为 {gmv}。"},
    "inc_ledger_hides_loss": {
        "en": " A ledger in profit over a loss against having none is false prosperity.",
        "zh": "账面盈利、实际却比不做私域还亏，这就是虚假繁荣。"},
    "inc_pays_uncertain": {
        "en": "{name} adds about nothing over having no private domain within {months}: "
              "{inc}{ci}, so whether it pays depends on luck (added ROI {roi}{roi_ci}). Its ledger "
              "shows {gross} of profit on {gmv} of GMV.",
        "zh": "{name} 在 {months}内相对不做私域几乎没有净增：{inc}{ci}，是否赚钱取决于运气"
              "（净增回报率 {roi}{roi_ci}）。账面利润 {gross}、GMV {gmv}。"},
    "inc_payback": {"en": " The added profit stays at or above zero from day {day} (month {month}).",
                    "zh": "从第 {day} 天（第 {month} 个月）起累计净增利润持续不低于零。"},
    "inc_payback_never": {"en": " The added profit is still below zero at the end.",
                          "zh": "到期末累计净增利润仍为负。"},
    "inc_false_prosperity_gmv": {
        "en": "{lead} {high} sells more (GMV {v_high} against {v_best}) but "
              "{best} adds more profit ({inc_best} against {inc_high}). Judge by added profit, "
              "not GMV.",
        "zh": "{lead}{high} 的 GMV 更高（{v_high}，对比 {v_best}），但 {best} 的净增利润更多"
              "（{inc_best}，对比 {inc_high}）。请看净增利润，而不是 GMV。"},
    "inc_false_prosperity_gmv_loses": {
        "en": "{lead} {high} sells more (GMV {v_high} against {v_best}) but "
              "{best} loses less against having no private domain ({inc_best} against {inc_high}). "
              "Judge by added profit, not GMV.",
        "zh": "{lead}{high} 的 GMV 更高（{v_high}，对比 {v_best}），但 {best} 比不做私域亏得更少"
              "（{inc_best}，对比 {inc_high}）。请看净增利润，而不是 GMV。"},
    "inc_false_prosperity_ledger_loses": {
        "en": "{lead} {high} shows more ledger profit ({v_high} against {v_best}) "
              "but {best} loses less against having no private domain ({inc_best} against {inc_high}).",
        "zh": "{lead}{high} 的账面利润更高（{v_high}，对比 {v_best}），但 {best} "
              "比不做私域亏得更少（{inc_best}，对比 {inc_high}）。"},
    "inc_best_overall_loses": {
        "en": "Every strategy compared loses against having no private domain; {best} loses "
              "the least: {diff} less than {other}{ci}.",
        "zh": "参与对比的策略都比不做私域亏；{best} 亏得最少：比 {other} 少亏 {diff}{ci}。"},
    "inc_false_prosperity_ledger": {
        "en": "{lead} {high} shows more ledger profit ({v_high} against {v_best}) "
              "but {best} adds more profit over no private domain ({inc_best} against {inc_high}).",
        "zh": "{lead}{high} 的账面利润更高（{v_high}，对比 {v_best}），但 {best} "
              "相对不做私域的净增利润更多（{inc_best}，对比 {inc_high}）。"},
    "inc_vs_ads_win": {
        "en": "{name} beats paid ads, like for like: the same {cash} of cash in ads (a new customer "
              "costing {cac} at low spend, more as spend saturates) would have bought {bought} new "
              "customers and added {alt} of profit; the private domain added {inc}, {diff} more{ci}.",
        "zh": "{name} 胜过付费广告（同口径）：同样的 {cash} 现金若投放广告（少量投放时每位新顾客 {cac}，"
              "投得越多越贵），可买来 {bought} 位新顾客、净增利润 {alt}；私域净增 {inc}，多 {diff}{ci}。"},
    "inc_vs_ads_lose": {
        "en": "{name} loses to paid ads, like for like: the same {cash} of cash in ads (a new customer "
              "costing {cac} at low spend, more as spend saturates) would have bought {bought} new "
              "customers and added {alt} of profit; the private domain added {inc}, {diff} less{ci}.",
        "zh": "{name} 不如付费广告（同口径）：同样的 {cash} 现金若投放广告（少量投放时每位新顾客 {cac}，"
              "投得越多越贵），可买来 {bought} 位新顾客、净增利润 {alt}；私域净增 {inc}，少 {diff}{ci}。"},
    "inc_ads_discounts": {
        "en": "Discounts are revenue forgone, not cash, so none went into paid ads ({discounts}); "
              "what they cost is already in each strategy's added profit.",
        "zh": "优惠是少收的钱，不是现金，因此没有计入广告投入（{discounts}）；其代价已计入各策略的净增利润。"},
    "inc_best_overall": {
        "en": "Of the strategies compared, {best} adds the most profit over no private "
              "domain: {diff} more than {other}{ci}.",
        "zh": "在参与对比的策略中，{best} 相对不做私域的净增利润最高：比 {other} 多 {diff}{ci}。"},
    "inc_scale_pool": {
        "en": "{name}: {members} members at the end with {staff} operators ({per_staff} "
              "members per operator), {ppm} of added profit per person ever acquired.",
        "zh": "{name}：期末 {members} 名成员，{staff} 名运营人员（人均服务 {per_staff} 名成员），"
              "每名入域者带来净增利润 {ppm}。"},
    "inc_exhausted": {
        "en": "{name} runs out of market: from day {day} no prospect is left; every "
              "simulated customer has been recruited, so growth after that is capped by the "
              "population size, not by the strategy.",
        "zh": "{name} 耗尽了市场：从第 {day} 天起已没有潜在客户，所有模拟顾客都已入域，"
              "此后的增长受限于人群规模，而不是策略本身。"},
    "inc_no_baseline": {
        "en": "No baseline in this report (--no-baseline): the figures below are the gross ledger, "
              "which counts orders members would have placed anyway and so overstates what the "
              "private domain adds.",
        "zh": "本报告未运行基线（--no-baseline）：以下为账面数字，包含成员本来也会下的订单，"
              "会高估私域的真实贡献。"},
    "kpi_added": {"en": "Profit added over no private domain", "zh": "相对不做私域的净增利润"},
    "kpi_added_roi": {"en": "Added ROI (added profit per CNY put in)", "zh": "净增回报率（每投入 1 元的净增利润）"},
    "kpi_added_vs_ads": {"en": "Added profit minus the same cash in paid ads",
                         "zh": "净增利润减去同等现金投广告的净增利润"},
    "kpi_added_payback": {"en": "Added profit stays ≥ 0 from day", "zh": "累计净增利润转正并保持的天数"},
    "kpi_added_note": {"en": "Added-profit rows: mean of runs; 95% paired interval in brackets.",
                       "zh": "净增利润各行：各次运行的均值；括号内为 95% 配对区间。"},
    "exhausted_marker": {"en": "market exhausted (day {day})", "zh": "市场耗尽（第 {day} 天）"},
    "cum_added": {"en": "added profit", "zh": "净增利润"},
}
