"""The reports' words: page furniture, section titles and explanations, the summary's
sentences, chart text, the assumptions page, a printed report's appendix and the sweep report,
in English and Chinese."""

from __future__ import annotations

REPORT: dict[str, dict[str, str]] = {
    # ---- page furniture
    "lang_attr": {"en": "en", "zh": "zh-CN"},
    "comparison_title": {"en": "Private-domain strategies compared", "zh": "私域运营策略对比"},
    "comparison_subtitle": {"en": "{names} · {days} simulated days · {reps}",
                            "zh": "{names} · 模拟 {days} 天 · {reps}"},
    "reps_one": {"en": "one run", "zh": "单次运行"},
    "reps_many": {"en": "{n} replications (bands: 10–90% of runs)",
                  "zh": "{n} 次重复运行（阴影带：10%–90% 区间）"},
    "contents": {"en": "Contents", "zh": "目录"},
    "generated": {"en": "Generated {date} by siyu_sim {version}", "zh": "由 siyu_sim {version} 于 {date} 生成"},
    "footer": {"en": "Simulated results from an agent-based model; they rest on the assumptions "
                     "listed at the end. Not a forecast.",
               "zh": "以上为基于主体建模（agent-based model）的模拟结果，依赖文末列出的假设，并非预测。"},
    "print_hint": {"en": "Print or save as PDF from the browser; charts are vector graphics.",
                   "zh": "可直接用浏览器打印或另存为 PDF；图表为矢量图。"},
    "chart_hint": {"en": "Hover a chart for values; click a legend entry to hide it.",
                   "zh": "鼠标悬停可查看数值；点击图例可隐藏对应曲线。"},
    # ---- comparison sections
    "sec_summary": {"en": "Executive summary", "zh": "核心结论"},
    "sec_kpis": {"en": "Key figures", "zh": "关键指标"},
    "sec_members": {"en": "Members by status", "zh": "成员状态变化"},
    "sec_trust": {"en": "Trust distribution of members", "zh": "成员信任度分布"},
    "sec_money": {"en": "Monthly GMV against monthly ledger profit", "zh": "月度 GMV 与月度账面利润"},
    "sec_cum": {"en": "Added profit and ROI against paid ads", "zh": "净增利润与回报率：对比付费广告"},
    "sec_funnel": {"en": "Funnel: ever joined → still members → active → engaged",
                   "zh": "成员漏斗：累计入域 → 仍是成员 → 活跃 → 专注"},
    "sec_ltv": {"en": "Lifetime value by segment", "zh": "各用户分层的生命周期价值（LTV）"},
    "sec_assumptions": {"en": "Assumptions", "zh": "假设与参数"},
    # ---- three questions
    "q_pays": {"en": "1. Does it pay?", "zh": "一、能赚钱吗？"},
    "q_best": {"en": "2. Is it the best use of the money?", "zh": "二、这笔钱花在这里最划算吗？"},
    "q_scale": {"en": "3. Does it scale?", "zh": "三、能规模化吗？"},
    "pays_yes": {"en": "{name} pays: cumulative profit after {months} is {profit}{interval}; "
                       "every CNY put in returns {roi} net (ROI).",
                 "zh": "{name} 能赚钱：{months}后累计利润为 {profit}{interval}；"
                       "每投入 1 元净回报 {roi}（ROI）。"},
    "pays_no": {"en": "{name} does not pay within {months}: cumulative profit is {profit}{interval} "
                      "(ROI {roi}).",
                "zh": "{name} 在 {months}内没有赚钱：累计利润为 {profit}{interval}（ROI {roi}）。"},
    "pays_uncertain": {"en": "{name} breaks about even over {months}: cumulative profit is "
                             "{profit}{interval}, so whether it pays depends on luck.",
                       "zh": "{name} 在 {months}内大致持平：累计利润为 {profit}{interval}，"
                             "是否盈利取决于运气。"},
    "payback": {"en": " It is in profit for good from month {month}.",
                "zh": "从第 {month} 个月起累计利润持续为正。"},
    "payback_never": {"en": " Cumulative profit is still below zero at the end.",
                      "zh": "到期末累计利润仍为负。"},
    "lead_false_prosperity": {"en": "False prosperity:", "zh": "虚假繁荣："},
    "false_prosperity": {"en": "{lead} {high} sells more (GMV {gmv_high} against "
                               "{gmv_low}) but {low} keeps more profit ({p_low} against {p_high}). "
                               "Judge by profit, not GMV.",
                         "zh": "{lead}{high} 的 GMV 更高（{gmv_high}，对比 {gmv_low}），"
                               "但 {low} 留下的利润更多（{p_low}，对比 {p_high}）。请看利润，而不是 GMV。"},
    "best_needs_baseline": {"en": "Against paid ads: not judged without the no-private-domain baseline "
                                  "(--no-baseline), which measures what the customers ads buy are worth.",
                            "zh": "与付费广告对比：未运行不做私域的基线（--no-baseline）无法评判，"
                                  "广告买来的顾客值多少要在基线上衡量。"},
    "best_overall": {"en": "Of the strategies compared, {best} ends with the most profit: "
                           "{diff} more than {other}{paired}.",
                     "zh": "在参与对比的策略中，{best} 期末累计利润最高：比 {other} 多 {diff}{paired}。"},
    "paired": {"en": " (ahead in {k} of {n} paired runs; 10–90%: {lo} to {hi})",
               "zh": "（{n} 次配对运行中 {k} 次领先；10%–90% 区间：{lo} 至 {hi}）"},
    "scale_pool": {"en": "{name}: {members} members at the end with {staff} operators "
                         "({per_staff} members per operator), {ppm} profit per member.",
                   "zh": "{name}：期末 {members} 名成员，{staff} 名运营人员"
                         "（人均服务 {per_staff} 名成员），每名成员贡献利润 {ppm}。"},
    "scale_honest": {"en": "What this comparison cannot tell: every strategy here runs at one pool "
                           "size, so it shows how the strategies differ, not whether their results "
                           "hold with ten times the members and the staff it would take (DOMAIN 000: "
                           "20,000 users and 2 staff made +100k CNY a month; would 2,000,000 users "
                           "and 100 staff?). To answer that, sweep the pool size and staff together "
                           "({command}) and read the profit per member and the service "
                           "quality (trust, muted share) as they grow.",
                     "zh": "这份对比无法回答的问题：这里每种策略都只在一个用户池规模下运行，只能说明策略之间的差别，"
                           "不能说明用户数扩大十倍、并配上相应人手之后结果是否还能保持（DOMAIN 000：2 万用户、"
                           "2 名员工每月增利 10 万元；200 万用户、100 名员工还能做到吗？）。要回答这个问题，"
                           "需要同时扫描用户池规模与人员配置（{command}），观察每名成员的利润和"
                           "服务质量（信任度、免打扰比例）如何变化。"},
    "scale_team_leads": {"en": " Fixed costs {fixed} a day (tools and content); {leads} team lead(s) ({lead_cost} a "
                               "day; a fraction is a part-time or shared lead) manage the {staff} operators in "
                               "{layers} layer(s).",
                         "zh": "固定成本每天 {fixed}（工具与内容）；{leads} 名主管（每天 {lead_cost}；小数表示兼职或共享的主管）"
                               "分 {layers} 层管理 {staff} 名运营人员。"},
    "scale_team_fixed": {"en": " Fixed costs {fixed} a day (tools and content).",
                         "zh": "固定成本每天 {fixed}（工具与内容）。"},
    "scale_team_why": {"en": "Tools and content cost the same whatever the pool (one push serves every group): a "
                             "bigger pool shares them over more members (economies of scale). But each {span}-fold "
                             "growth of the team adds a layer of leads, and each layer carries out only {retained} of "
                             "what is intended (control loss); new operators take months to learn, and groups beyond "
                             "the operators' reach go unrun (diseconomies). Where one outweighs the other is what a "
                             "sweep over pool size and team size shows ({file}).",
                       "zh": "工具与内容的成本与用户池大小无关（一条群发服务所有群）：用户池越大，摊到每名成员身上越少（规模经济）。"
                             "但团队每扩大 {span} 倍就要多一层主管，每层只能执行 {retained} 的意图（控制损失）；新人需要几个月才能上手，"
                             "超出运营人员能力范围的群无人运营（规模不经济）。两者在哪里此消彼长，要靠同时扫描用户池规模与团队规模的"
                             "实验来回答（{file}）。"},
    "scale_team_why_each": {"en": "Tools and content cost the same whatever the pool (one push serves every group): a "
                                  "bigger pool shares them over more members (economies of scale). But each time the "
                                  "team outgrows a lead's span of control it adds a layer of leads, and each layer "
                                  "carries out only part of what is intended (control loss; each strategy's span and "
                                  "share are in the appendix); new operators take months to learn, and groups beyond "
                                  "the operators' reach go unrun (diseconomies). Where one outweighs the other is what "
                                  "a sweep over pool size and team size shows ({file}).",
                            "zh": "工具与内容的成本与用户池大小无关（一条群发服务所有群）：用户池越大，摊到每名成员身上越少（规模经济）。"
                                  "但团队每超出一名主管的管理幅度就要多一层主管，每层只能执行部分意图（控制损失；各策略的管理幅度与执行比例见附录）；"
                                  "新人需要几个月才能上手，超出运营人员能力范围的群无人运营（规模不经济）。两者在哪里此消彼长，"
                                  "要靠同时扫描用户池规模与团队规模的实验来回答（{file}）。"},
    "scale_differs": {"en": "The strategies differ in pool size ({sizes}); profit per member above "
                            "is the fairer yardstick, but one comparison is not a scaling curve.",
                      "zh": "各策略的用户池规模不同（{sizes}）；上面的每名成员利润更有可比性，"
                            "但一次对比并不等于一条规模化曲线。"},
    "interval": {"en": " (10–90%: {lo} to {hi})", "zh": "（10%–90%：{lo} 至 {hi}）"},
    "interval_mean": {"en": " (mean of {n} runs; 95% interval of the mean: {lo} to {hi})",
                      "zh": "（{n} 次运行的均值；均值的 95% 置信区间：{lo} 至 {hi}）"},
    "months_n": {"en": "{n} months", "zh": "{n} 个月"},
    "days_n": {"en": "{n} days", "zh": "{n} 天"},
    # ---- KPI table
    "kpi_metric": {"en": "Figure", "zh": "指标"},
    "kpi_members_end": {"en": "Members at the end (active + muted)", "zh": "期末成员数（活跃 + 免打扰）"},
    "kpi_muted_share": {"en": "Muted share of members", "zh": "免打扰成员占比"},
    "kpi_churned": {"en": "Left the group (churned), total", "zh": "累计退群人数"},
    "kpi_gmv": {"en": "GMV, total", "zh": "GMV 合计"},
    "kpi_revenue": {"en": "Revenue, total (after discounts)", "zh": "实收（扣除优惠后）"},
    "kpi_discount": {"en": "Discounts given", "zh": "优惠让利合计"},
    "kpi_profit": {"en": "Ledger profit, cumulative (gross)", "zh": "账面累计利润（毛口径）"},
    "kpi_alt": {"en": "Same cash in paid ads: added profit", "zh": "同等现金投放付费广告的净增利润"},
    "kpi_cash": {"en": "Cash put in (staff, tools, acquisition: not discounts)",
                 "zh": "现金投入（人力、工具、获客，不含优惠）"},
    "kpi_alt_customers": {"en": "Same cash in paid ads: new customers bought", "zh": "同等现金投放付费广告买来的新顾客"},
    "kpi_spend": {"en": "Money put in (staff, tools, acquisition, discounts)",
                  "zh": "总投入（人力、工具、获客、优惠）"},
    "kpi_roi": {"en": "Ledger ROI (ledger profit per CNY put in)", "zh": "账面回报率（每投入 1 元的账面利润）"},
    "kpi_trust": {"en": "Mean trust of members at the end (0–1)", "zh": "期末成员平均信任度（0–1）"},
    "kpi_repurchase": {"en": "Repurchase rate (buyers who bought again)", "zh": "复购率（再次购买的买家占比）"},
    "kpi_referrals": {"en": "People brought in by referral (total)", "zh": "以老带新带来的新成员（合计）"},
    "kpi_referrers": {"en": "Members who brought in at least one person", "zh": "带来过至少一位新成员的成员"},
    "kpi_buyers": {"en": "People who ever bought", "zh": "累计购买人数"},
    "kpi_note": {"en": "Median of runs; 10–90% of runs in brackets.", "zh": "取各次运行的中位数；括号内为 10%–90% 区间。"},
    # ---- chart text
    "axis_day": {"en": "Day", "zh": "天"},
    "axis_month": {"en": "Month", "zh": "月份"},
    "axis_members": {"en": "Members", "zh": "人数"},
    "axis_share_members": {"en": "Share of members (%)", "zh": "成员占比（%）"},
    "axis_cny": {"en": "CNY", "zh": "元"},
    "axis_roi": {"en": "ROI (net CNY per CNY)", "zh": "ROI（每元净回报）"},
    "axis_people": {"en": "People", "zh": "人数"},
    "axis_ltv": {"en": "Realised LTV per member (CNY gross margin)", "zh": "每名成员已实现 LTV（元，毛利）"},
    "axis_segment": {"en": "Segment", "zh": "用户分层"},
    "status_active": {"en": "Active", "zh": "活跃"},
    "status_muted": {"en": "Muted", "zh": "免打扰"},
    "status_churned": {"en": "Left (churned)", "zh": "已退群"},
    "trust_0_20": {"en": "Trust 0–0.2", "zh": "信任 0–0.2"},
    "trust_20_40": {"en": "Trust 0.2–0.4", "zh": "信任 0.2–0.4"},
    "trust_40_60": {"en": "Trust 0.4–0.6", "zh": "信任 0.4–0.6"},
    "trust_60_80": {"en": "Trust 0.6–0.8", "zh": "信任 0.6–0.8"},
    "trust_80_100": {"en": "Trust 0.8–1", "zh": "信任 0.8–1"},
    "gmv": {"en": "GMV", "zh": "GMV"},
    "profit": {"en": "Profit", "zh": "利润"},
    "money_ledger_profit": {"en": "Ledger profit", "zh": "账面利润"},
    "cum_profit": {"en": "cumulative profit", "zh": "累计利润"},
    "alt_ads": {"en": "same cash in paid ads", "zh": "同等现金投放广告"},
    "roi": {"en": "ROI", "zh": "ROI"},
    "panel_cum": {"en": "Cumulative profit (CNY)", "zh": "累计利润（元）"},
    "panel_roi": {"en": "ROI", "zh": "ROI"},
    "panel_cum_added": {"en": "Cumulative profit added over no private domain (CNY)",
                        "zh": "相对不做私域的累计净增利润（元）"},
    "panel_roi_added": {"en": "Added ROI (added profit per CNY put in)", "zh": "净增回报率（每投入 1 元的净增利润）"},
    "cum_ledger": {"en": "ledger profit (gross)", "zh": "账面利润（毛口径）"},
    "funnel_acquired": {"en": "Ever joined", "zh": "累计入域"},
    "funnel_members": {"en": "Still members (active + muted)", "zh": "仍是成员（活跃 + 免打扰）"},
    "funnel_active": {"en": "Active", "zh": "活跃"},
    "funnel_engaged": {"en": "Engaged (active and attentive today)", "zh": "专注（活跃且今天仍在关注）"},
    "ltv_missing": {"en": "Not available in this report: lifetime value by segment needs the "
                          "per-segment table (runs with segment metrics), which was not supplied.",
                    "zh": "本报告未包含此项：分层 LTV 需要分层明细表（开启分层指标的运行结果），生成报告时未提供。"},
    # ---- section explanations
    "why_members": {"en": "Who is in the private domain each day. Muted members (免打扰) stay in the "
                          "group but no longer read; churned members left. A pool that grows but "
                          "turns muted is a pool in name only.",
                    "zh": "每天私域中的成员构成。免打扰成员仍在群里，但已不再阅读；退群成员已经离开。"
                          "人数增长、却大量转为免打扰的用户池，只是名义上的私域。"},
    "why_trust": {"en": "How members' trust in the brand is spread, as shares of members. "
                        "Relationship work moves members to the top bands; hard selling moves "
                        "them down (DOMAIN 000: \"users are not fools\").",
                  "zh": "成员对品牌的信任度分布（按成员占比）。关系经营会把成员推向高信任区间，"
                        "硬推销会把他们拉低（DOMAIN 000：“用户不是傻子”）。"},
    "why_money": {"en": "GMV (orders at list price) against the ledger's profit (after discounts, goods, staff, "
                        "tools and acquisition), both counting every order members place, including those they "
                        "would have placed anyway: not the profit added over no private domain, which the "
                        "bridge and the month-by-month chart show. A tall GMV bar over a thin or negative profit bar "
                        "is the \"false prosperity\" practitioners warn about (DOMAIN 003/004).",
                  "zh": "GMV（按标价计的订单额）与账面利润（扣除优惠、货品、人力、工具与获客成本）对比，两者都计入成员的"
                        "全部订单，包括本来也会下的订单：不是相对不做私域的净增利润（见利润桥与逐月图）。"
                        "GMV 很高而利润很薄甚至为负，就是从业者所说的“虚假繁荣”（DOMAIN 003/004）。"},
    "why_cum": {"en": "Solid lines: the profit each strategy adds over the same customers with no "
                      "private domain, to date. Dotted: the ledger's profit (gross, counting orders "
                      "members would have placed anyway). Dashed: the profit the same cash would "
                      "have added in paid ads (the new customers it buys, valued as the model's own, "
                      "less the cash; discounts are not cash). Below: "
                      "added ROI, added profit per CNY put in. (Without a baseline: the ledger's "
                      "profit and ROI.)",
                "zh": "实线：各策略相对同一批顾客不做私域的累计净增利润。点线：账面利润（毛口径，包含成员本来"
                      "也会下的订单）。虚线：同样的现金投放付费广告可净增的利润（买来的新顾客按模型"
                      "自身的新顾客估值，减去现金；优惠不是现金）。下图：净增回报率，即每投入 1 元的净增利润。（未运行基线时为账面利润与"
                      "账面回报率。）"},
    "why_funnel": {"en": "Where the people who ever joined are at the end of the run, each bar a part "
                         "of the one above: still members (active or muted; the rest left), active "
                         "(not muted), and engaged (active and still paying attention today). "
                         "Shares are of everyone who ever joined. Buying, repurchase and referral "
                         "are in the key figures.",
                   "zh": "期末所有入域过的人现在的状态，每一条都是上一条的一部分：仍是成员（活跃或免打扰，"
                         "其余已退群）、活跃（未开免打扰）、专注（活跃且今天仍在关注）。占比均相对累计入域人数。"
                         "购买、复购和以老带新见关键数字表。"},
    "why_ltv": {"en": "Realised lifetime value so far: gross margin per member ever acquired, by "
                      "segment, at the end of the run (DOMAIN 002: LTV matters more than member "
                      "count or GMV).",
                "zh": "截至期末已实现的生命周期价值：按分层计算的每名入域成员贡献毛利"
                      "（DOMAIN 002：LTV 比成员数量和 GMV 更重要）。"},
    "months_note": {"en": "Months divide the simulated days into twelve per 365 days, as "
                          "siyu compare counts them.",
                    "zh": "月份按每 365 天分为 12 个月计算，与 siyu compare 的统计口径一致。"},
    # ---- assumptions
    "asm_intro": {"en": "What the numbers rest on: how they were made and the model's key assumptions with "
                        "their sources; each strategy's settings are in the appendix. DOMAIN numbers "
                        "refer to the practitioner articles the model was built from.",
                  "zh": "这些数字的依据：运行方式，以及模型的关键假设和出处；各策略的设置见附录。"
                        "DOMAIN 编号指建模所依据的从业者文章。"},
    "asm_run": {"en": "How this report was made", "zh": "报告生成信息"},
    "asm_seed": {"en": "Root seed", "zh": "随机数根种子"},
    "asm_version": {"en": "siyu_sim version", "zh": "siyu_sim 版本"},
    "asm_date": {"en": "Date", "zh": "日期"},
    "asm_command": {"en": "Command", "zh": "命令"},
    "asm_reps": {"en": "Replications", "zh": "重复运行次数"},
    "asm_crn": {"en": "Replication r of every strategy uses the same random streams (common random "
                      "numbers), so differences between strategies are not differences in luck.",
                "zh": "每个策略的第 r 次重复运行使用相同的随机数流（公共随机数），"
                      "因此策略之间的差异不是运气造成的。"},
    "asm_key": {"en": "Key model assumptions", "zh": "模型关键假设"},
    "asm_differs": {"en": "Settings that differ between the strategies", "zh": "各策略之间不同的设置"},
    "asm_full": {"en": "Full scenario settings", "zh": "完整情景设置"},
    "asm_param": {"en": "Setting", "zh": "参数"},
    "asm_unit": {"en": "Unit", "zh": "单位"},
    "asm_source": {"en": "Meaning and source", "zh": "含义与出处"},
    "asm_toml": {"en": "Scenario file of {name} (TOML)", "zh": "{name} 的情景文件（TOML）"},
    "asm_lever_on": {"en": "used", "zh": "使用"},
    "asm_lever_off": {"en": "not used", "zh": "未使用"},
    "asm_lever_desc": {"en": "A row naming a lever (levers.…) says whether the strategy uses it at all; its settings "
                             "that are not at their defaults have rows of their own.",
                       "zh": "只写杠杆名的行（levers.…）表示该策略是否使用这一运营杠杆；其中不取默认值的设置另有各自的行。"},
    "asm_default": {"en": "Default", "zh": "默认值"},
    "asm_value": {"en": "Value", "zh": "取值"},
    "asm_fitted": {"en": "The fitted values are in the fitted parameters' table above, with their intervals and ranges; "
                         "the fit's accepted parameter sets, which --draws draws from, are in the scenario file.",
                   "zh": "拟合值见上方的拟合参数表（含区间与范围）；--draws 抽样所用的拟合可接受参数组见情景文件。"},
    "asm_value_all": {"en": "Value (every strategy that has it)", "zh": "取值（各策略相同）"},
    "asm_sets": {"en": "{n} joint sets (in the scenario file)", "zh": "{n} 组联合取值（见情景文件）"},
    "asm_departs": {"en": "Other settings not at the model's defaults", "zh": "其他不取模型默认值的设置"},
    "asm_departs_one": {"en": "Settings not at the model's defaults", "zh": "不取模型默认值的设置"},
    "asm_rest": {"en": "Every other setting is at the model's default. The table of every setting, with units and "
                       "sources, and each resolved scenario file are in this report's HTML file (at the end, folded; "
                       "not printed); each is identified by its hash ({hashes}), the same as in the run's "
                       "provenance: an equal hash is an equal scenario file.",
                 "zh": "其余设置均为模型默认值。全部设置（含单位与出处）及各情景解析后的完整情景文件见本报告的 HTML 文件"
                       "（文末折叠部分，不打印）；各情景以其哈希值标识（{hashes}），与运行记录（provenance）中的一致："
                       "哈希值相同即情景文件相同。"},
    "asm_every": {"en": "Every setting and the scenario files (click to open)",
                  "zh": "全部设置与情景文件（点击展开）"},
    # ---- a printed report's appendix
    "appendix": {"en": "Appendix: the settings behind the numbers",
                 "zh": "附录：数字背后的设置"},
    "appendix_intro": {"en": "For checking and re-running: the settings that differ between the strategies and "
                             "those not at the model's defaults, with their units and sources.",
                       "zh": "供核对与复现：各策略之间不同的设置，以及不取模型默认值的设置（含单位与出处）。"},
    # ---- sweep
    "sec_sweep_status": {"en": "About this sweep", "zh": "扫描概况"},
    "sec_heatmap": {"en": "Objective over {x} and {y}", "zh": "目标指标随 {x} 与 {y} 的变化"},
    "sec_multiples": {"en": "The objective against each setting", "zh": "目标指标随各参数的变化"},
    "sec_table": {"en": "All settings", "zh": "全部参数组合"},
    "sweep_partial": {"en": "PARTIAL RESULTS: {done} of {total} runs have finished (the sweep is "
                            "still running or was interrupted). Figures show what exists so far.",
                      "zh": "结果不完整：{total} 次运行中已完成 {done} 次（扫描仍在进行或已中断）。"
                            "图表仅反映目前已有的结果。"},
    "sweep_complete": {"en": "Complete: {done} runs ({settings} settings × {reps} replications).",
                       "zh": "已完成：共 {done} 次运行（{settings} 组参数 × {reps} 次重复）。"},
    "sweep_complete_markets": {"en": "Complete: {done} runs ({policies} policies × {markets} markets × {reps} "
                                     "replications).",
                               "zh": "已完成：共 {done} 次运行（{policies} 个方案 × {markets} 个市场 × {reps} 次重复）。"},
    "sweep_best": {"en": "Best setting: {setting}, with {objective} = {value}{interval}.",
                   "zh": "最佳参数组合：{setting}，{objective} = {value}{interval}。"},
    "sweep_best_marker": {"en": "best", "zh": "最佳"},
    "sweep_heat_note": {"en": "Each cell: median over replications{others}. The best cell is "
                              "outlined; hover for its 10–90% interval.",
                        "zh": "每个格子为各次重复运行的中位数{others}。最佳格子已加框标出；悬停可查看 10%–90% 区间。"},
    "sweep_no_factor": {"en": "No factor was varied: every run used the same settings.",
                        "zh": "没有扫描任何参数：所有运行使用相同设置。"},
    "sweep_runs_col": {"en": "Runs", "zh": "运行次数"},
    "sweep_median": {"en": "Median", "zh": "中位数"},
    "sweep_lo": {"en": "10%", "zh": "10%"},
    "sweep_hi": {"en": "90%", "zh": "90%"},
    "sweep_sort_hint": {"en": "Click a column header to sort.", "zh": "点击表头可排序。"},
    "sweep_scenario": {"en": "Base scenario", "zh": "基础情景"},
    "sweep_created": {"en": "Started", "zh": "开始时间"},
    "sweep_version_mismatch": {"en": "These results were made by siyu_sim {old}; this is {new}. "
                                     "Numbers may differ from a fresh run.",
                               "zh": "这些结果由 siyu_sim {old} 生成，当前版本为 {new}，与重新运行的结果可能不同。"},
}

# Plotly's own interface words (toolbar, legend hints) and month names, in Chinese.
PLOTLY_ZH: dict[str, str] = {
    "Download plot as a png": "下载图表（PNG）", "Download plot": "下载图表",
    "Taking snapshot - this may take a few seconds": "正在生成图片，请稍候",
    "Snapshot succeeded": "图片已生成", "Sorry, there was a problem downloading your snapshot!": "抱歉，图片下载失败",
    "Double-click on legend to isolate one trace": "双击图例可只显示该项",
    "Double-click to zoom back out": "双击可恢复缩放", "Autoscale": "自动缩放", "Reset axes": "重置坐标轴",
    "Zoom": "缩放", "Pan": "平移", "Zoom in": "放大", "Zoom out": "缩小",
    "Click to enter Colorscale title": "", "Click to enter Plot title": "", "trace": "曲线",
}
PLOTLY_MONTHS_ZH = [f"{m}月" for m in range(1, 13)]
