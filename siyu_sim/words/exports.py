"""The CFO's charts (the profit bridge, monthly added profit with break-even, costs by month), the
comparison's Excel workbook (sheet names, the headers of columns that are not declared metrics,
the notes sheet) and its PowerPoint deck, in English and Chinese. A declared metric's header is its
declaration's label (``siyu_sim.metrics``), never a word here."""

from __future__ import annotations

EXPORTS: dict[str, dict[str, str]] = {
    # ---- the profit bridge
    "sec_bridge": {"en": "Where the added profit comes from", "zh": "净增利润从哪里来"},
    "why_bridge": {
        "en": "From no private domain (0) to the profit each strategy adds by the horizon: the gross margin its "
              "customers' orders add before discounts (members' and others', against the same customers with no "
              "private domain), less what the private domain costs, by the ledger's categories. The steps add up "
              "to the added profit exactly.",
        "zh": "从不做私域（0）到期末的净增利润：先是顾客订单带来的新增毛利（扣优惠前，含成员与非成员，对比同一批"
              "顾客不做私域），再逐项减去私域的各类成本（按账目分类）。各项相加恰好等于净增利润。"},
    "cfo_start": {"en": "No private domain", "zh": "不做私域"},
    "cfo_step_margin": {"en": "Extra gross margin", "zh": "新增毛利"},
    "cfo_step_discounts": {"en": "Discounts", "zh": "优惠让利"},
    "cfo_step_staff": {"en": "Staff", "zh": "人力"},
    "cfo_step_tools": {"en": "Tools and content", "zh": "工具与内容"},
    "cfo_step_acquisition": {"en": "Acquisition", "zh": "获客"},
    "cfo_total": {"en": "Added profit", "zh": "净增利润"},
    # ---- month by month: added profit with break-even, and costs
    "sec_monthly_money": {"en": "Month by month: added profit, break-even and costs",
                          "zh": "逐月：净增利润、回本与成本"},
    "why_monthly_money": {
        "en": "Above, each month's profit added over no private domain; the solid line marks break-even, the "
              "month from which the added profit to date stays at or above zero (the money put in is back), the "
              "dotted one the month from which every month adds profit. Below, what the private domain cost each "
              "month, by the bridge's categories (discounts are revenue forgone, the others cash).",
        "zh": "上图：每月相对不做私域的净增利润；实线标出回本月份（自该月起累计净增利润不再低于零，投入已收回），"
              "点线标出自哪个月起每月都有净增利润。下图：私域每月的成本，分类与利润桥相同（优惠是少收的钱，"
              "其余是现金支出）。"},
    "sec_added_monthly": {"en": "Monthly added profit and break-even", "zh": "每月净增利润与回本"},
    "cfo_payback_marker": {"en": "break-even: month {month}", "zh": "第 {month} 个月回本"},
    "cfo_positive_marker": {"en": "positive from month {month}", "zh": "自第 {month} 个月起每月为正"},
    "cfo_no_payback": {"en": "no break-even within {months}", "zh": "{months}内未回本"},
    "cfo_monthly_added": {"en": "added profit (CNY)", "zh": "净增利润（元）"},
    "cfo_monthly_costs": {"en": "costs (CNY)", "zh": "成本（元）"},
    "sec_costs": {"en": "What the private domain costs, month by month", "zh": "私域每月花在哪里"},
    "why_costs": {
        "en": "Each month's discounts, staff, tools and content, and acquisition, stacked (discounts are revenue "
              "forgone, the others cash).",
        "zh": "每月的优惠让利、人力、工具与内容、获客成本（堆叠；优惠是少收的钱，其余是现金支出）。"},
    # ---- the deck
    "status_deck_written": {"en": "deck written to {path}", "zh": "演示文稿已写入 {path}"},
    "cfo_deck_hinges": {"en": "{name}'s answer hinges most on {top} (the last slide).",
                        "zh": "{name}的结论最取决于{top}（见最后一页）。"},
    "cfo_deck_how_sure": {"en": "How sure", "zh": "有多确定"},
    "cfo_deck_one_run": {
        "en": "One run of each strategy: how sure these figures are has not been measured. Run the comparison "
              "with --draws 200 for the chance each adds profit across what nobody has measured.",
        "zh": "每个策略只运行了一次，尚未衡量这些数字有多确定。加上 --draws 200 再比较一次，即可得到在各种未测"
              "假设下各策略净增利润为正的概率。"},
    "cfo_deck_luck_only": {
        "en": "Intervals over {n} replications cover luck only; what nobody has measured (margin, costs, how "
              "trust moves buying) usually moves the answer more: run with --draws 200.",
        "zh": "{n} 次重复运行的区间只反映运气；尚未测量的假设（毛利、成本、信任对购买的影响）通常影响更大："
              "请加 --draws 200 运行。"},
    "cfo_deck_drivers_why": {
        "en": "Each bar: how far the expected added profit across the worlds drawn ({rows} rows a run) moves from "
              "those worlds' mean as the assumption goes from its 5th to its 95th percentile, the others at their "
              "average. That mean is not the answer.",
        "zh": "每根条：该假设从第 5 百分位变到第 95 百分位（其他假设取平均）时，各抽样情形（每次模拟 {rows} 行）的预期净增利润"
              "相对这些情形均值的变化。该均值不是答案。"},
    "cfo_deck_drivers_sub": {
        "en": "{name}: the worlds drawn's mean added profit {mean}",
        "zh": "{name}：抽样情形的净增利润均值 {mean}"},
    "cfo_deck_drivers_answer": {
        "en": "{name}: the answer, {answer} added (the mean of {runs} of the scenario as written); the worlds drawn's "
              "mean {mean}",
        "zh": "{name}：答案为净增利润 {answer}（按方案原设定{runs}的平均）；抽样情形均值 {mean}"},
    "cfo_deck_at_low": {"en": "assumption at its 5th percentile", "zh": "假设取第 5 百分位"},
    "cfo_deck_at_high": {"en": "assumption at its 95th percentile", "zh": "假设取第 95 百分位"},
    "cfo_deck_footer": {"en": "siyu_sim {version} · {date} · seed {seed}", "zh": "siyu_sim {version} · {date} · 随机种子 {seed}"},
    "cfo_deck_no_baseline": {
        "en": "This comparison was run without the no-private-domain baseline (--no-baseline): the figures are the "
              "gross ledger, and the bridge and the monthly added profit need the baseline.",
        "zh": "本次比较未运行“不做私域”基准（--no-baseline）：以下均为账面数字；利润桥与每月净增利润需要基准。"},
    # ---- the workbook: sheets
    "xl_sheet_monthly": {"en": "Monthly", "zh": "月度"},
    "xl_sheet_bridge": {"en": "Profit bridge", "zh": "利润桥"},
    "xl_sheet_key_figures": {"en": "Key figures", "zh": "关键指标"},
    "xl_sheet_incremental": {"en": "Added profit by run", "zh": "各次运行净增利润"},
    "xl_sheet_paired": {"en": "Paired differences", "zh": "配对差异"},
    "xl_sheet_draws": {"en": "Uncertainty draws", "zh": "不确定性抽样"},
    "xl_sheet_unc_summary": {"en": "How sure", "zh": "有多确定"},
    "xl_sheet_drivers": {"en": "Drivers", "zh": "关键假设"},
    "xl_sheet_voi": {"en": "Value of knowing", "zh": "先弄清的价值"},
    "xl_sheet_notes": {"en": "Notes", "zh": "说明"},
    # what one row of each sheet is
    "xl_rows_monthly": {
        "en": "One row per month and strategy: replications averaged day by day, then flows summed over the month "
              "and levels read on its last day (months as siyu compare counts them).",
        "zh": "每行一个月份 × 策略：先逐日平均各次重复运行，再按月汇总；流量为当月合计，存量取当月最后一天"
              "（月份划分与 siyu compare 相同）。"},
    "xl_rows_bridge": {
        "en": "One row per step of the profit bridge, one column per strategy: sums over the whole run, means over "
              "replications; costs negative, so the steps add up to the last row.",
        "zh": "每行是利润桥的一步，每列一个策略：整个模拟期合计，取各次重复运行的平均；成本为负数，因此各步相加"
              "等于最后一行。"},
    "xl_rows_key_figures": {
        "en": "One row per figure at the horizon (the last simulated day), one column per strategy: means over "
              "replications of the scenarios as written. Its added profit is the answer: the figure the terminal, "
              "the report's first page and every slide of the deck state.",
        "zh": "每行一个期末（最后一个模拟日）指标，每列一个策略：按方案原设定各次重复运行的平均。其中的净增利润即答案："
              "与终端、报告首页和演示文稿每页所示的数字相同。"},
    "xl_rows_incremental": {
        "en": "One row per strategy and run, at the horizon: what each run added over the same customers with no "
              "private domain (same seed).",
        "zh": "每行一个策略 × 一次运行，取期末：每次运行相对同一批顾客不做私域（相同随机种子）的净增数字。"},
    "xl_rows_paired": {
        "en": "One row per strategy and figure: its difference from the first strategy at the horizon, paired run "
              "by run, with 95% intervals, and the same from independent seeds (how much pairing narrowed it).",
        "zh": "每行一个策略 × 指标：期末与第一个策略的差异，逐次配对，附 95% 区间；以及独立随机种子下的同一差异"
              "（配对使区间缩窄了多少）。"},
    "xl_rows_draws": {
        "en": "One row per strategy and draw of the uncertain assumptions: the values drawn and what the run "
              "added (draws run twice for luck are marked).",
        "zh": "每行一个策略 × 一次不确定假设抽样：抽到的取值与该次运行的净增结果（为估计运气而重复运行的抽样"
              "另有标记）。"},
    "xl_rows_unc_summary": {
        "en": "One row per strategy: across the draws, how likely it adds profit and beats paid ads, and by how "
              "much.",
        "zh": "每行一个策略：在全部抽样中净增利润为正、胜过投广告的概率，以及金额。"},
    "xl_rows_drivers": {
        "en": "One row per strategy and assumption, largest swing first: the expected added profit with the "
              "assumption at its 5th and 95th percentile, the others at their average.",
        "zh": "每行一个策略 × 假设，按影响从大到小：该假设取第 5 与第 95 百分位时的预期净增利润（其他假设取平均）。"},
    "xl_rows_voi": {
        "en": "One row per assumption: the expected added profit gained by knowing it before choosing (EVPPI), "
              "then all of them together (EVPI).",
        "zh": "每行一个假设：在做决定前先弄清它能带来的预期净增利润（EVPPI），最后一行为全部一起（EVPI）。"},
    # the notes sheet's own columns
    "xl_notes_sheet": {"en": "Sheet", "zh": "工作表"},
    "xl_notes_column": {"en": "Column", "zh": "列"},
    "xl_notes_id": {"en": "Name in the CSV", "zh": "CSV 中的列名"},
    "xl_notes_meaning": {"en": "What it means", "zh": "含义"},
    "xl_notes_rows": {"en": "(rows)", "zh": "（每行）"},
    # a declared metric's meaning in the notes: its kind
    "xl_note_flow": {"en": "{label}: an amount over the period (summed)", "zh": "{label}：期间合计（流量）"},
    "xl_note_stock": {"en": "{label}: the level at the period's end", "zh": "{label}：期末水平（存量）"},
    # headers and meanings of columns that are not declared metrics
    "xl_col_month": {"en": "Month", "zh": "月份"},
    "xl_note_month": {"en": "Month of the run, from 1", "zh": "模拟的第几个月，从 1 起"},
    "xl_col_scenario": {"en": "Strategy", "zh": "策略"},
    "xl_note_scenario": {"en": "The strategy (scenario)", "zh": "策略（场景）"},
    "xl_col_replication": {"en": "Run", "zh": "运行序号"},
    "xl_note_replication": {"en": "Replication number, from 0: each has its own seed, the same for every strategy",
                            "zh": "重复运行序号，从 0 起：每次有自己的随机种子，各策略相同"},
    "xl_col_figure": {"en": "Figure", "zh": "指标"},
    "xl_note_figure": {"en": "What the row shows", "zh": "该行表示的指标"},
    "xl_col_added_vs_ads": {"en": "added profit minus the paid-ads alternative's (CNY)", "zh": "净增利润减去投广告的净增利润（元）"},
    "xl_note_added_vs_ads": {
        "en": "Profit added over no private domain minus the profit the same cash would have added in paid ads: "
              "positive, the private domain was the better use of the money",
        "zh": "私域净增利润减去同等现金投放广告的净增利润：为正说明私域是更好的用钱方式"},
    "xl_col_payback_day": {"en": "added payback day", "zh": "净增回本日"},
    "xl_note_payback_day": {
        "en": "First day from which the added profit to date stays at or above zero; empty if it does not within "
              "the run",
        "zh": "累计净增利润自此不再低于零的第一天；期内未回本则为空"},
    "xl_col_baseline": {"en": "compared with", "zh": "对比对象"},
    "xl_note_baseline": {"en": "The first strategy, which the row's difference is taken from",
                         "zh": "第一个策略：该行差异以它为基准"},
    "xl_col_metric": {"en": "Figure", "zh": "指标"},
    "xl_note_metric": {"en": "The figure compared (at the horizon)", "zh": "所比较的指标（期末）"},
    "xl_col_n": {"en": "runs", "zh": "运行次数"},
    "xl_note_n": {"en": "Runs (or draws) behind the row", "zh": "该行所依据的运行（或抽样）次数"},
    "xl_col_baseline_mean": {"en": "first strategy, mean", "zh": "第一个策略均值"},
    "xl_note_baseline_mean": {"en": "The first strategy's mean over runs", "zh": "第一个策略各次运行的均值"},
    "xl_col_scenario_mean": {"en": "this strategy, mean", "zh": "本策略均值"},
    "xl_note_scenario_mean": {"en": "This strategy's mean over runs", "zh": "本策略各次运行的均值"},
    "xl_col_mean_diff": {"en": "difference (paired)", "zh": "差异（配对）"},
    "xl_note_mean_diff": {"en": "Mean of the run-by-run differences, this strategy minus the first",
                          "zh": "逐次差异的均值：本策略减第一个策略"},
    "xl_col_ci_low": {"en": "95% interval, low", "zh": "95% 区间下限"},
    "xl_note_ci_low": {"en": "Lower end of the paired 95% interval of the difference", "zh": "配对差异 95% 区间的下限"},
    "xl_col_ci_high": {"en": "95% interval, high", "zh": "95% 区间上限"},
    "xl_note_ci_high": {"en": "Upper end of the paired 95% interval of the difference", "zh": "配对差异 95% 区间的上限"},
    "xl_col_independent_mean_diff": {"en": "difference (independent seeds)", "zh": "差异（独立种子）"},
    "xl_note_independent_mean_diff": {"en": "The same difference from runs with independent seeds",
                                      "zh": "用独立随机种子运行得到的同一差异"},
    "xl_col_independent_ci_low": {"en": "independent 95% interval, low", "zh": "独立种子 95% 区间下限"},
    "xl_note_independent_ci_low": {"en": "Lower end of its 95% interval (Welch)", "zh": "其 95% 区间下限（Welch）"},
    "xl_col_independent_ci_high": {"en": "independent 95% interval, high", "zh": "独立种子 95% 区间上限"},
    "xl_note_independent_ci_high": {"en": "Upper end of its 95% interval (Welch)", "zh": "其 95% 区间上限（Welch）"},
    "xl_col_ci_width": {"en": "paired interval width", "zh": "配对区间宽度"},
    "xl_note_ci_width": {"en": "Width of the paired interval", "zh": "配对区间的宽度"},
    "xl_col_independent_ci_width": {"en": "independent interval width", "zh": "独立种子区间宽度"},
    "xl_note_independent_ci_width": {"en": "Width of the independent-seed interval", "zh": "独立种子区间的宽度"},
    "xl_col_width_ratio": {"en": "paired ÷ independent width", "zh": "配对宽度 ÷ 独立宽度"},
    "xl_note_width_ratio": {"en": "How much pairing (common random numbers) narrowed the interval: below 1, it "
                                  "narrowed it",
                            "zh": "配对（共同随机数）使区间缩窄了多少：小于 1 即缩窄"},
    "xl_col_draw": {"en": "draw", "zh": "抽样序号"},
    "xl_note_draw": {"en": "Draw of the uncertain assumptions, from 0", "zh": "不确定假设的抽样序号，从 0 起"},
    "xl_col_repeat": {"en": "run again for luck", "zh": "为估计运气重复运行"},
    "xl_note_repeat": {"en": "yes for a draw run a second time with other luck (to tell luck from not knowing)",
                       "zh": "为“是”表示该抽样换一组运气再运行一次（用于区分运气与未知）"},
    "xl_yes": {"en": "yes", "zh": "是"},
    "cfo_deck_poor_fit_mark": {"en": "POOR FIT to the brand's own numbers: see slide 1",
                               "zh": "模型对品牌自身数据拟合不佳：见第 1 页"},
    "xl_no": {"en": "no", "zh": "否"},
    "xl_col_payback_month": {"en": "added payback month", "zh": "净增回本月份"},
    "xl_note_payback_month": {"en": "Month of the added payback day; empty if it does not pay back within the run",
                              "zh": "净增回本日所在月份；期内未回本则为空"},
    "xl_col_mean": {"en": "mean of the worlds drawn", "zh": "抽样情形均值"},
    "xl_note_mean": {"en": "Mean added profit over the worlds drawn (not the answer: that is the key figures' "
                           "added profit, the mean of the runs of the scenarios as written)",
                     "zh": "各抽样情形净增利润的均值（不是答案：答案是关键指标中的净增利润，即按方案原设定各次运行的平均）"},
    "xl_col_low": {"en": "90% interval, low", "zh": "90% 区间下限"},
    "xl_note_low": {"en": "5th percentile of the added profit over the draws", "zh": "各抽样净增利润的第 5 百分位"},
    "xl_col_high": {"en": "90% interval, high", "zh": "90% 区间上限"},
    "xl_note_high": {"en": "95th percentile of the added profit over the draws", "zh": "各抽样净增利润的第 95 百分位"},
    "xl_col_sd": {"en": "standard deviation", "zh": "标准差"},
    "xl_note_sd": {"en": "Standard deviation of the added profit over the draws", "zh": "各抽样净增利润的标准差"},
    "xl_note_median": {"en": "Median added profit over the worlds drawn (not the answer: that is the key "
                             "figures' added profit)",
                       "zh": "各抽样情形净增利润的中位数（不是答案：答案是关键指标中的净增利润）"},
    "xl_note_p_adds": {"en": "Share of draws in which the strategy adds profit", "zh": "净增利润为正的抽样占比"},
    "xl_note_p_beats_ads": {"en": "Share of draws in which it adds more than the same cash in paid ads",
                            "zh": "净增利润高于同等现金投广告的抽样占比"},
    "xl_note_knowing_share": {"en": "Share of the spread that comes from not knowing the assumptions",
                              "zh": "波动中来自假设不确定性的比例"},
    "xl_note_luck_share": {"en": "Share of the spread that comes from luck", "zh": "波动中来自运气的比例"},
    "xl_note_p_payback": {"en": "Share of draws that pay back within the run", "zh": "期内回本的抽样占比"},
    "xl_col_payback_median": {"en": "payback month, median", "zh": "回本月份中位数"},
    "xl_note_payback_median": {"en": "Median payback month among the draws that pay back",
                               "zh": "回本抽样中回本月份的中位数"},
    "xl_col_payback_late": {"en": "payback month, 90th percentile", "zh": "回本月份第 90 百分位"},
    "xl_note_payback_late": {"en": "90th-percentile payback month among the draws that pay back",
                             "zh": "回本抽样中回本月份的第 90 百分位"},
    "xl_note_assumption": {"en": "The uncertain assumption", "zh": "不确定的假设"},
    "xl_col_low_value": {"en": "its 5th percentile", "zh": "其第 5 百分位"},
    "xl_note_low_value": {"en": "The assumption's value at its 5th percentile among the draws (×: relative)",
                          "zh": "该假设在抽样中的第 5 百分位取值（×：相对值）"},
    "xl_col_high_value": {"en": "its 95th percentile", "zh": "其第 95 百分位"},
    "xl_note_high_value": {"en": "The assumption's value at its 95th percentile among the draws",
                           "zh": "该假设在抽样中的第 95 百分位取值"},
    "xl_col_at_low": {"en": "expected added profit at its 5th percentile", "zh": "取第 5 百分位时的预期净增利润"},
    "xl_note_at_low": {"en": "Expected added profit with the assumption at its 5th percentile, the others at their "
                             "average",
                       "zh": "该假设取第 5 百分位、其他假设取平均时的预期净增利润"},
    "xl_col_at_high": {"en": "expected added profit at its 95th percentile", "zh": "取第 95 百分位时的预期净增利润"},
    "xl_note_at_high": {"en": "Expected added profit with the assumption at its 95th percentile, the others at "
                              "their average",
                        "zh": "该假设取第 95 百分位、其他假设取平均时的预期净增利润"},
    "xl_col_swing": {"en": "swing", "zh": "影响幅度"},
    "xl_note_swing": {"en": "How far the expected added profit moves between the two", "zh": "两者之间预期净增利润的差距"},
    "xl_col_flips_at": {"en": "turns at", "zh": "转折取值"},
    "xl_note_flips_at": {"en": "The assumption's value at which the expected added profit crosses zero; empty if "
                               "it does not",
                         "zh": "预期净增利润穿过零时该假设的取值；不穿过则为空"},
    "xl_col_adds_above": {"en": "adds profit above it", "zh": "高于此值时净增为正"},
    "xl_note_adds_above": {"en": "True if the strategy adds profit above that value, False if below",
                           "zh": "为 True 表示高于该取值时净增利润为正，False 表示低于时为正"},
    "xl_note_evppi": {"en": "Expected added profit gained by knowing the assumption before choosing",
                      "zh": "在做决定前先弄清该假设所能带来的预期净增利润"},
    "xl_note_evppi_share": {"en": "Its share of the value of knowing all of them", "zh": "占全部弄清价值的比例"},
    "xl_col_drawn": {"en": "{label} (drawn)", "zh": "{label}（抽样值）"},
    "xl_note_drawn": {"en": "The value drawn for {label}", "zh": "该次抽样中 {label} 的取值"},
}
