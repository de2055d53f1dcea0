"""The words of sweeps and sensitivity analyses: ``siyu sweep``'s printed summary, the sweep
report (a lever sweep: what pays, and what it costs the pool) and the sensitivity report (what
the answer depends on) and the shipped experiments' descriptions. The metrics' names are their
declarations' (``siyu_sim.metrics``)."""

from __future__ import annotations

#: The shipped experiments' descriptions (by name; "en" is the file's own, kept equal by a test)
#: with their translations; an edited or unknown description is shown in its own words.
EXPERIMENT_DESCRIPTIONS: dict[str, dict[str, str]] = {
    "frequency_vs_discount": {
        "en": "Broadcasts per day × coupon depth on the nurture strategy: incremental profit against "
              "the health of the pool.",
        "zh": "养（关系经营）策略下，每日群发次数 × 优惠券力度：净增利润与用户池健康度之间的权衡。"},
    "staff_scaling": {
        "en": "Pool size × care staff (nurture): do incremental profit and service quality hold as "
              "the pool grows?",
        "zh": "用户池规模 × 一对一关怀人员（养）：随着用户池扩大，净增利润和服务质量能否保持？"},
    "what_matters": {
        "en": "What the answer depends on: Sobol indices of incremental profit, active share and trust "
              "over five customer-behaviour uncertainties (nurture).",
        "zh": "结论取决于什么：五个不确定的用户行为参数对净增利润、活跃比例和信任度的 Sobol 敏感性指数（养）。"},
    "rows_precision": {
        "en": "Added profit of nurture and harvest by rows simulated, for a 10,000- and a 150,000-customer "
              "brand: the bias and the spread that fewer rows bring.",
        "zh": "按模拟行数看“养”与“收割”的净增利润（1 万和 15 万顾客的品牌）：行数减少带来的偏差与波动。"},
}

SWEEP: dict[str, dict[str, str]] = {
    # ---- terminal
    "sw_best_head": {"en": "Best setting per objective (mean at the horizon, 95% interval over replications):",
                     "zh": "各目标的最佳参数组合（期末均值，重复运行的 95% 置信区间）："},
    "sw_best_line": {"en": "  {goal} {column} ({objective}): {scenario} [{setting}] {value} [{lo}, {hi}]",
                     "zh": "  {objective}（{column}，{goal}）：{scenario} [{setting}]，均值 {value}，区间 [{lo}, {hi}]"},
    "sw_runner_up": {"en": "      vs runner-up {scenario} [{setting}]: {margin} [{lo}, {hi}] ({sure})",
                     "zh": "      对比第二名 {scenario} [{setting}]：{margin} [{lo}, {hi}]（{sure}）"},
    "sw_sure_luck": {"en": "How sure: each interval covers luck only ({reps} replications, common random numbers); "
                            "the scenarios' assumptions are held at their values. To judge settings across what "
                            "nobody has measured, declare [[uncertain]] and design.markets (docs/experiments.md).",
                     "zh": "把握程度：每个区间只涵盖运气（{reps} 次重复运行，共同随机数）；情景的假设固定在其取值。"
                           "要在没人测量过的假设之间比较方案，请声明 [[uncertain]] 和 design.markets（docs/experiments.md）。"},
    "sw_sure_one": {"en": "How sure: one replication per setting, so no interval: neither luck nor the assumptions "
                           "are measured.",
                    "zh": "把握程度：每个参数组合只运行一次，没有区间：运气和假设都未度量。"},
    "sw_sure_markets": {"en": "How sure: each policy's spread covers {markets} markets drawn from the uncertain "
                               "assumptions (not-knowing) and luck ({reps} replications in each, common random numbers); "
                               "'luck' is luck's share of that spread.",
                        "zh": "把握程度：每个方案的分布涵盖从不确定假设中抽取的 {markets} 个市场（未知）以及运气（每个市场 "
                              "{reps} 次重复运行，共同随机数）；“运气”列是运气在这一分布中所占的比例。"},
    "sw_robust_head": {"en": "Robust choice across {markets} markets, by {criterion} of {metric} (each market: the "
                              "mean of {reps} replications):",
                       "zh": "在 {markets} 个市场中稳健的选择，按{metric}的{criterion}排序（每个市场取 {reps} 次重复运行的均值）："},
    "sw_robust_cols": {"en": "#  policy: mean | P{q} | CVaR{q} | max regret | meets {target} | luck",
                       "zh": "名次 方案：均值 | P{q} | CVaR{q} | 最大遗憾 | 达到 {target} 的比例 | 运气占比"},
    "sw_robust_line": {"en": "{rank:>2}  {scenario} [{setting}]: {mean} | {tail} | {cvar} | {regret} | {meets} | {luck}",
                       "zh": "第{rank}名 {scenario} [{setting}]：{mean} | {tail} | {cvar} | {regret} | {meets} | {luck}"},
    "sw_crit_mean": {"en": "the mean", "zh": "均值"},
    "sw_crit_percentile": {"en": "the worst {q}% bound (P{q})", "zh": "最差 {q}% 分位（P{q}）"},
    "sw_crit_cvar": {"en": "the mean of the worst {q}% (CVaR)", "zh": "最差 {q}% 的均值（CVaR）"},
    "sw_crit_regret": {"en": "the least maximum regret", "zh": "最小的最大遗憾"},
    "sw_crit_satisficing": {"en": "the share of markets meeting the target", "zh": "达到目标的市场比例"},
    "sw_robust_best": {"en": "Robust choice: {policy}, by {criterion} of {metric} across {markets} markets: mean "
                              "{mean}, P{q} {tail}, at most {regret} short of the best policy in any market.",
                       "zh": "稳健的选择：{policy}（按{metric}在 {markets} 个市场中的{criterion}）：均值 {mean}，"
                             "P{q} {tail}，在任何市场中落后于最佳方案至多 {regret}。"},
    "sec_sw_robust": {"en": "Policies across markets", "zh": "各方案在不同市场中的表现"},
    "sw_robust_note": {"en": "Each point is one market drawn from the uncertain assumptions (the mean of its "
                              "replications); every policy meets the same markets and the same luck. Regret is how "
                              "far a policy falls short of the best policy in the same market.",
                       "zh": "每个点是从不确定假设中抽取的一个市场（其重复运行的均值）；所有方案面对相同的市场和相同的运气。"
                             "遗憾指在同一市场中落后于最佳方案的差距。"},
    "sec_sw_wins": {"en": "Where each policy is the best", "zh": "各方案在哪些市场中最佳"},
    "sw_wins_note": {"en": "In how many of the {markets} markets each policy is the best one: a policy that is best "
                            "nowhere can still be the robust choice (it is never far behind).",
                     "zh": "在 {markets} 个市场中，各方案成为最佳方案的市场数：一个在任何市场都不是最佳的方案，仍可能是"
                           "稳健的选择（它从不落后太多）。"},
    "sw_policy_col": {"en": "policy", "zh": "方案"},
    "sw_wins_col": {"en": "markets where it is the best", "zh": "成为最佳的市场数"},
    "sw_mean_col": {"en": "mean", "zh": "均值"},
    "sw_max_regret_col": {"en": "max regret", "zh": "最大遗憾"},
    "sw_mean_regret_col": {"en": "mean regret", "zh": "平均遗憾"},
    "sw_meets_col": {"en": "meets {target}", "zh": "达到 {target}"},
    "sw_luck_col": {"en": "luck's share", "zh": "运气占比"},
    "sw_target": {"en": "target", "zh": "目标"},
    "sw_edges": {"en": "The chosen setting holds {levers} at the end of what was tried: the best may lie beyond; "
                       "widen those factors' values and run again.",
                 "zh": "所选设置的{levers}处于尝试范围的边缘：最优可能在范围之外；请扩大这些因素的取值后重新运行。"},
    "sw_edge_low": {"en": "{name} at its lowest ({value})", "zh": "{name}取最低值（{value}）"},
    "sw_edge_high": {"en": "{name} at its highest ({value})", "zh": "{name}取最高值（{value}）"},
    "sw_clear": {"en": "clear", "zh": "差异明确"},
    "sw_not_clear": {"en": "not clear", "zh": "差异不明确"},
    "sw_goal_max": {"en": "max", "zh": "越大越好"},
    "sw_goal_min": {"en": "min", "zh": "越小越好"},
    "sw_base": {"en": "base", "zh": "基础设置"},
    "sw_ranked_head": {"en": "What the answer depends on (most influential first; these are uncertainties "
                             "to measure, not settings to choose):",
                       "zh": "结论取决于什么（影响最大的在前；这些是需要测量的不确定因素，而不是可选择的设置）："},
    "sw_ranked_factor": {"en": "factor", "zh": "参数"},
    "sw_ranked_line": {"en": "{scenario} · {label} ({column}) · {method}", "zh": "{scenario} · {label}（{column}）· {method}"},
    "sw_needs_design": {"en": "{file}: design.method = \"{method}\": sensitivity needs \"sobol\" or \"morris\" "
                              "(use `siyu sweep` for grids and Latin hypercubes)",
                        "zh": "{file}：design.method = \"{method}\"：敏感性分析需要 \"sobol\" 或 \"morris\""
                              "（网格和拉丁超立方设计请用 `siyu sweep`）"},
    "sw_front_head": {"en": "Trade-off: settings no other setting beats on both {x} and {y} (medians):",
                      "zh": "权衡：在{x}和{y}两方面都没有被其他组合超越的参数组合（中位数）："},
    "sw_front_line": {"en": "  {scenario} [{setting}]: {x} {xv}, {y} {yv}",
                      "zh": "  {scenario} [{setting}]：{x}为 {xv}，{y}为 {yv}"},
    # ---- sweep report
    "sw_title": {"en": "Lever sweep: what pays, and what it costs the pool",
                 "zh": "运营杠杆扫描：哪种设置真正多赚钱，又不透支用户池"},
    "sw_title_sens": {"en": "Sensitivity: what the answer depends on",
                      "zh": "敏感性分析：结论取决于哪些不确定因素"},
    "sw_subtitle": {"en": "{name} · {runs} runs · ranked by {objective}",
                    "zh": "{name} · {runs} 次运行 · 按{objective}排序"},
    "sw_subtitle_sens": {"en": "{name} · {runs} runs · {method} indices of {outputs}",
                         "zh": "{name} · {runs} 次运行 · {outputs} 的 {method} 指数"},
    "sw_money_note": {"en": "Money is incremental: what a setting adds over the same customers with "
                            "no private domain (the counterfactual run under the same seed), not the "
                            "ledger's profit, which also counts orders members would have placed anyway.",
                      "zh": "金额均为增量：某组设置相对于“同一批顾客、没有私域”的反事实情形（同一随机种子运行）"
                            "多带来的利润；而不是账面利润，账面利润还包含了成员本来就会下的订单。"},
    "sec_sw_front": {"en": "Trade-off: profit against the health of the pool",
                     "zh": "权衡：利润与用户池健康度"},
    "sw_front_note": {"en": "Each point is one setting (median over replications; whiskers: 10–90% of "
                            "replications). Ringed points are the trade-off front: no other setting "
                            "has both more {x} and a better {y}. Settings off the front give up one "
                            "without gaining the other.",
                      "zh": "每个点代表一组设置（各次重复运行的中位数；误差线为重复运行的 10%–90% 区间）。"
                            "带圈的点构成权衡前沿：没有其他设置能在{x}更高的同时{y}也更好。"
                            "前沿之外的设置在一方面让步，却没有在另一方面获益。"},
    "sw_front_legend": {"en": "trade-off front", "zh": "权衡前沿"},
    "sw_other_settings": {"en": "other settings", "zh": "其他设置"},
    "sw_front_best_of": {"en": "On the front: {settings}.", "zh": "位于前沿的设置：{settings}。"},
    "sw_front_item": {"en": "{label} ({x}, {y})", "zh": "{label}（{x}，{y}）"},
    "sw_list_sep": {"en": "; ", "zh": "；"},
    "sec_sw_effects": {"en": "Each factor's effect, the others held at the best setting",
                       "zh": "各参数的影响（其余参数固定在最佳设置）"},
    "sw_effects_note": {"en": "Lines: median over replications; bands: 10–90% of replications of the same "
                              "setting, so a band shows the luck of the draw, not other factors' values. "
                              "Factors whose values grow by a constant ratio are on a log axis.",
                        "zh": "折线为重复运行的中位数；阴影为同一设置下重复运行的 10%–90% 区间，"
                              "只反映随机性，不混入其他参数的取值。按固定倍数取值的参数使用对数坐标轴。"},
    "sw_effects_note_sampled": {"en": "Each point is one sampled setting (median over its replications; "
                                      "whiskers: 10–90% of replications). Factors sampled over a wide "
                                      "positive range are on a log axis.",
                                "zh": "每个点代表一组抽样设置（该设置重复运行的中位数；误差线为 10%–90% 区间）。"
                                      "取值范围跨度很大的正数参数使用对数坐标轴。"},
    "sec_sw_depends": {"en": "What {output} depends on", "zh": "{output}取决于什么"},
    "sw_depends_note": {"en": "These parameters describe customers, not choices: nobody sets them. "
                              "A long bar means the answer moves with that uncertainty, so it is worth "
                              "measuring before trusting the answer. {method}",
                        "zh": "这些参数描述的是顾客行为，而不是可以选择的设置，没有人能控制它们。"
                              "条形越长，结论随该不确定因素变化越大，越值得在相信结论之前先去测量。{method}"},
    "sw_depends_note_any": {"en": "A long bar means the answer moves with that parameter. {method}",
                            "zh": "条形越长，结论随该参数变化越大。{method}"},
    "sw_sobol_note": {"en": "ST: share of the variance due to the parameter, with all its interactions; "
                            "S1: its share alone. Whiskers: 95% bootstrap intervals.",
                      "zh": "ST：该参数（含其所有交互作用）解释的方差比例；S1：仅其单独作用解释的比例。误差线为 95% 自助法区间。"},
    "sw_morris_note": {"en": "μ*: mean absolute effect of a step in the parameter; σ: how much that "
                             "effect varies (interactions, non-linearity).",
                       "zh": "μ*：参数每变化一步带来的平均绝对影响；σ：该影响的波动程度（交互作用或非线性）。"},
    "sw_no_indices": {"en": "The sensitivity indices need every run; they appear once the sweep has finished "
                            "(`siyu sensitivity` computes and stores them).",
                      "zh": "敏感性指数需要全部运行完成后才能计算；扫描结束后即会显示（`siyu sensitivity` 会计算并保存）。"},
    "sw_sens_table": {"en": "All sampled combinations", "zh": "全部抽样组合"},
    "sw_index_axis": {"en": "Index", "zh": "指数"},
    "sw_pareto_col": {"en": "On the front", "zh": "位于前沿"},
    "sw_col_active_share": {"en": "active share", "zh": "活跃比例"},
    "sw_col_vs_ads": {"en": "beyond the same cash in ads", "zh": "比同等现金投广告多赚"},
    "sw_col_roi": {"en": "added ROI", "zh": "净增 ROI"},
    "sw_col_per_customer": {"en": "added per customer", "zh": "每位顾客净增"},
    "sw_col_payback": {"en": "pays back", "zh": "回本"},
    "sw_payback_month": {"en": "month {month}", "zh": "第 {month} 个月"},
    "sw_payback_never": {"en": "not yet", "zh": "尚未回本"},
    "sw_col_muted_share": {"en": "muted share", "zh": "免打扰比例"},
    "sw_col_mean_trust": {"en": "mean trust", "zh": "平均信任度"},
    "sw_yes": {"en": "yes", "zh": "是"},
}
