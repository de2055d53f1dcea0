"""The words of the verdict under uncertainty (``siyu compare --draws``; ``siyu_sim.uncertainty``),
in the terminal and the comparison report."""

from __future__ import annotations

UNCERTAINTY: dict[str, dict[str, str]] = {
    "unc_head": {
        "en": "How sure is it? {draws} worlds drawn from {n} uncertain assumptions, each with its own luck "
              "({rows} rows a run{seconds}):",
        "zh": "有多确定？从 {n} 项不确定假设中抽取 {draws} 种情形，每种各有运气成分（每次模拟 {rows} 行{seconds}）："},
    "unc_seconds": {"en": ", {s} s", "zh": "，用时 {s} 秒"},
    "unc_strategy": {
        "en": "{name} adds profit over no private domain in {p_adds} of them, and beats the same cash in paid ads "
              "in {p_ads}. Its added profit across the worlds drawn: 90% interval {low} to {high} (their median "
              "{median}); of that spread, {knowing} is not knowing the assumptions and {luck} is luck.",
        "zh": "{name}在其中 {p_adds} 的情形下比不做私域多赚，在 {p_ads} 的情形下胜过把同样现金投广告。"
              "各抽样情形下的净增利润：90% 区间 {low} 至 {high}（情形中位数 {median}）；其波动中 {knowing} 来自假设的"
              "不确定性，{luck} 来自运气。"},
    "unc_answer_stays": {
        "en": "The answer is the comparison's above: {answers} (each the mean of {runs} at the scenarios' own "
              "assumptions). The worlds drawn below say how sure it is; their median is another figure (worlds "
              "drawn around the scenario, {rows} rows a run), not the answer.",
        "zh": "答案即上方比较的结果：{answers}（均为按方案自身假设{runs}的平均）。下面抽取的情形说明有多确定；"
              "情形的中位数是另一个数字（围绕方案抽取的情形，每次模拟 {rows} 行），不是答案。"},
    "unc_answer_item": {"en": "{name} {value}", "zh": "{name}净增 {value}"},
    "unc_runs_one": {"en": "1 run", "zh": "运行 1 次"},
    "unc_runs_many": {"en": "{n} runs", "zh": "运行 {n} 次"},
    "unc_payback": {
        "en": "{name} breaks even on added profit within {horizon} in {p} of the worlds (median month {median}, "
              "90% by month {late}).",
        "zh": "{name}在 {p} 的情形下于 {horizon}内收回净增投入（中位数第 {median} 个月，90% 在第 {late} 个月前）。"},
    "unc_no_payback": {
        "en": "{name} does not break even on added profit within {horizon} in any of the worlds.",
        "zh": "{name}在任何情形下都未能在 {horizon}内收回净增投入。"},
    "unc_head_to_head": {
        "en": "{first} adds more than {other} in {p} of the worlds (difference: median {median}, 90% interval "
              "{low} to {high}).",
        "zh": "{first}在 {p} 的情形下比{other}多赚（差额：中位数 {median}，90% 区间 {low} 至 {high}）。"},
    "unc_drivers_head": {
        "en": "What {name}'s answer hinges on (expected added profit as each assumption moves from its 5th to its "
              "95th percentile, the others at their average):",
        "zh": "{name}的结论取决于什么（每项假设从第 5 到第 95 百分位变化、其余假设取平均时的预期净增利润）："},
    "unc_driver": {
        "en": "  {label}: {low_value} → {high_value}: {at_low} → {at_high}{flip}",
        "zh": "  {label}：{low_value} → {high_value}：{at_low} → {at_high}{flip}"},
    "unc_flip_above": {
        "en": " (adds profit above {value})",
        "zh": "（高于 {value} 时净增利润为正）"},
    "unc_flip_below": {
        "en": " (adds profit below {value})",
        "zh": "（低于 {value} 时净增利润为正）"},
    "unc_voi_head": {
        "en": "Worth measuring before deciding among {options} (expected value of knowing it first, EVPPI):",
        "zh": "决策前值得先测量的（在{options}之间选择前先弄清它的预期价值，EVPPI）："},
    "unc_voi": {
        "en": "  {label}: {value}",
        "zh": "  {label}：{value}"},
    "unc_voi_all": {
        "en": "  all of them together: {value}. Today's choice on these draws: {choice}.",
        "zh": "  全部一起：{value}。按目前的抽样应选：{choice}。"},
    "unc_voi_none": {
        "en": "Knowing any one assumption first would not change the choice: {choice} has the highest expected "
              "added profit wherever each lies within its range, so no measurement is worth paying for before deciding.",
        "zh": "先弄清任何一项假设都不会改变选择：无论各项假设落在其范围内何处，{choice}的预期净增利润都最高，决策前不值得为测量花钱。"},
    "unc_option_none": {"en": "no private domain", "zh": "不做私域"},
    "unc_or": {"en": " or ", "zh": "或"},
    "unc_limits": {
        "en": "The draws cover the assumptions declared ({source}); what no assumption names is taken as the "
              "scenario says. docs/uncertainty.md says how the figures are made and their limits.",
        "zh": "抽样只涵盖所声明的假设（{source}）；未列为假设的设定按方案取值。计算方法与局限见 docs/uncertainty.md。"},
    "unc_source_defaults": {"en": "siyu_sim's defaults for the ones clients challenge first",
                            "zh": "siyu_sim 默认的、客户最常质疑的几项"},
    "unc_source_scenarios": {"en": "the scenarios' own uncertain lists", "zh": "方案文件自带的不确定假设"},
    "unc_source_fit_defaults": {
        "en": "the parameters the calibration fitted, drawn from its accepted parameter sets as the brand's data "
              "left them, and siyu_sim's defaults for what clients challenge first and no fit measures — gross margin, "
              "staff and lead cost, need cycles not fitted, trust's effects, deal posts, reference prices, the "
              "paid-ads cost — each across its declared range",
        "zh": "校准拟合的参数按其接受的参数组抽取（品牌数据所示），另加 siyu_sim 默认的、客户最常质疑而校准未测的假设——"
              "毛利率、运营与主管成本、未拟合的需求周期、信任的影响、促销推送、参考价、付费广告成本——各按其声明的范围抽取"},
    "unc_source_fit_own": {
        "en": "the parameters the calibration fitted, drawn from its accepted parameter sets as the brand's data "
              "left them, and the scenarios' own uncertain lists",
        "zh": "校准拟合的参数按其接受的参数组抽取（品牌数据所示），另加方案文件自带的不确定假设"},
    "unc_source_file": {"en": "{path}", "zh": "{path}"},
    "status_weighing": {
        "en": "Weighing {n} scenarios across {draws} draws of {k} uncertain assumptions (+{repeats} repeats for "
              "luck), {rows} rows a run, seed {seed}…",
        "zh": "正在对 {n} 个方案在 {k} 项不确定假设的 {draws} 次抽样上评估（另重复 {repeats} 次以度量运气），"
              "每次 {rows} 行，种子 {seed}…"},
    # the report's section (report.uncertainty_report)
    "sec_certainty": {"en": "The answer, and how sure it is", "zh": "答案与有多确定"},
    "unc_report_intro": {
        "en": "How sure is that answer? Each strategy was also run in {draws} worlds drawn from {n} uncertain "
              "assumptions — {source} — with its own luck in each, {rows} rows a run. The table counts both what "
              "nobody has measured and luck; its median is the middle of those worlds, not the answer.",
        "zh": "这个答案有多确定？每个方案还在从 {n} 项不确定假设（{source}）中抽取的 {draws} 种情形下运行，每种情形各有"
              "运气成分，每次模拟 {rows} 行。下表同时计入无人测量过的假设与运气；其中位数是这些情形的中间值，不是答案。"},
    "unc_report_answer": {
        "en": "The answer (the mean of {runs} of the scenarios as written; the same figures as the summary below, "
              "the deck and the workbook):",
        "zh": "答案（按方案原设定{runs}的平均；与下文摘要、演示文稿和工作簿中的数字相同）："},
    "unc_col_strategy": {"en": "strategy", "zh": "方案"},
    "unc_col_p_adds": {"en": "chance it adds profit", "zh": "净增利润为正的概率"},
    "unc_col_p_ads": {"en": "chance it beats paid ads", "zh": "胜过投广告的概率"},
    "unc_col_median": {"en": "median of the worlds drawn", "zh": "抽样情形中位数"},
    "unc_col_interval": {"en": "90% interval", "zh": "90% 区间"},
    "unc_col_knowing": {"en": "spread from not knowing", "zh": "波动来自假设的不确定性"},
    "unc_col_luck": {"en": "spread from luck", "zh": "波动来自运气"},
    "unc_col_payback": {"en": "breaks even in the horizon", "zh": "期内回本概率"},
    "unc_payback_month": {"en": " (median month {month})", "zh": "（中位数第 {month} 个月）"},
    "unc_drivers_title": {"en": "What the answer hinges on", "zh": "结论取决于什么"},
    "unc_drivers_why": {
        "en": "Each bar runs from the added profit expected with the assumption at its 5th percentile to that at "
              "its 95th, the other assumptions at their average; inside, the assumption's value at the bar's left "
              "end … at its right end. The longest bars decide the answer; where a bar crosses zero, the verdict "
              "turns within that assumption's range.",
        "zh": "每根条形表示该假设从第 5 百分位到第 95 百分位、其余假设取平均时的预期净增利润；条内依次标出条形左端 … "
              "右端对应的假设取值。最长的条形决定结论；条形跨过零线，说明该假设在其范围内会改变结论。"},
    "unc_axis": {"en": "expected added profit (CNY)", "zh": "预期净增利润（元）"},
    "unc_voi_title": {"en": "What to measure next", "zh": "下一步该测量什么"},
    "unc_voi_why": {
        "en": "The expected added profit gained by knowing an assumption before choosing among no private domain "
              "and the strategies (EVPPI; today's choice on these draws: {choice}). A pilot or a measurement that "
              "costs less than this is worth running first.",
        "zh": "在“不做私域”与各方案之间做选择前，先弄清某项假设可带来的预期净增利润（EVPPI；按目前的抽样应选：{choice}）。"
              "成本低于此数的试点或测量值得先做。"},
    "unc_col_assumption": {"en": "assumption", "zh": "假设"},
    "unc_col_evppi": {"en": "value of knowing it first", "zh": "先弄清的价值"},
    "unc_col_evppi_share": {"en": "share of knowing all", "zh": "占全部弄清的比例"},
    "unc_all": {"en": "all of them together (EVPI)", "zh": "全部一起（EVPI）"},
    "unc_luck_only": {
        "en": "How sure: these figures cover luck only (replications of the scenarios as written). What nobody has "
              "measured — margin, costs, how strongly trust moves buying — usually moves the answer far more: run the "
              "comparison with --draws 200 for how sure the answer is across them, what it hinges on and what to "
              "measure next.",
        "zh": "有多确定：本报告中的数字只反映运气（按方案原设定重复模拟）。无人测量过的假设（毛利、成本、信任对购买的影响等）"
              "往往影响更大：加上 --draws 200 重新比较，可得到涵盖这些假设的确定程度、结论取决于什么以及下一步该测量什么。"},
    "unc_one_run": {
        "en": "How sure: these figures are a single run, so they cover neither luck nor what nobody has measured: run "
              "the comparison with --reps 10 for luck, and with --draws 200 for how sure the answer is across the "
              "unmeasured assumptions, what it hinges on and what to measure next.",
        "zh": "有多确定：这些数字来自单次运行，既不反映运气，也不反映无人测量过的假设：加上 --reps 10 可看运气的影响，"
              "加上 --draws 200 可得到涵盖这些假设的确定程度、结论取决于什么以及下一步该测量什么。"},
    "unc_hinges_short": {
        "en": "{name}'s answer hinges most on {top} (the chart below).",
        "zh": "{name}的结论最取决于{top}（见下图）。"},
    "unc_measure_short": {
        "en": "Worth measuring first: {top} (expected value of knowing it before deciding: {value}; of knowing every "
              "assumption: {all}, more than the sum of its parts when they matter only together).",
        "zh": "最值得先测量：{top}（决策前弄清它的预期价值：{value}；弄清全部假设：{all}，当假设须共同起作用时会高于各项之和）。"},
    "unc_measure_together": {
        "en": "No single assumption, known alone, would change the choice; knowing them all before deciding is worth "
              "{all} (they matter together).",
        "zh": "单独弄清任何一项假设都不会改变选择；决策前弄清全部假设的价值为 {all}（它们共同起作用）。"},
    "unc_choice_now": {
        "en": "On what is known today, the choice with the highest expected added profit is: {choice}.",
        "zh": "按目前所知，预期净增利润最高的选择是：{choice}。"},
    "unc_subtitle_draws": {"en": "{reps} · {n} draws of the uncertain assumptions",
                           "zh": "{reps} · 不确定假设抽样 {n} 次"},
    "unc_few_draws": {
        "en": "Only {n} draws: the shares, the drivers and the value of measuring are rough; 200 is a good start.",
        "zh": "只有 {n} 次抽样：比例、驱动因素和测量价值都只是粗略估计；建议从 200 次开始。"},
    "unc_list_sep": {"en": ", ", "zh": "、"},
}
