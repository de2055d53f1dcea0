"""The calibration report's words (``siyu calibrate``'s report: the model fitted to a brand's
own numbers), the names of the observed columns that are not the model's own metric names
(``orders``, ``left``: the others are named by their metrics' declarations, ``siyu_sim.metrics``),
and the period words (month or week)."""

from __future__ import annotations

#: Observed CSV columns whose header is not the name of the metric they are.
OBSERVED_LABELS: dict[str, dict[str, str]] = {
    "orders": {"en": "orders by members", "zh": "成员订单数"},
    "left": {"en": "people who left (so far)", "zh": "累计退群人数"},
    "order_value": {"en": "GMV per order", "zh": "客单价（GMV ÷ 订单数）"},
    "orders_per_buyer": {"en": "orders per recent buyer", "zh": "每位近期下单成员的订单数"},
}

CALIBRATION: dict[str, dict[str, str]] = {
    # ---- page furniture
    "cal_title": {"en": "Calibration of {name}: the model fitted to the brand's own numbers",
                  "zh": "{name}的模型校准：用品牌自己的数据拟合模型"},
    "cal_subtitle": {"en": "{fitted} metrics fitted of {metrics} shown · {fit} {unit} fitted, {held} held out · {reps}",
                     "zh": "拟合 {fitted} 个指标（共展示 {metrics} 个）· 拟合 {fit} {unit}，留出 {held} {unit}检验 · {reps}"},
    "cal_unit_month": {"en": "months", "zh": "个月"},
    "cal_unit_week": {"en": "weeks", "zh": "周"},
    "cal_axis_week": {"en": "Week", "zh": "周"},
    "cal_period_month": {"en": "month {n}", "zh": "第 {n} 个月"},
    "cal_period_week": {"en": "week {n}", "zh": "第 {n} 周"},
    "cal_reps_many": {"en": "bands: 5–95% of {n} replications", "zh": "阴影带：{n} 次重复运行的 5%–95% 区间"},
    "cal_reps_one": {"en": "one replication (no bands)", "zh": "单次运行（无区间带）"},
    # ---- sections
    "cal_sec_summary": {"en": "How well the model fits", "zh": "模型拟合得怎么样"},
    "cal_sec_fit": {"en": "Observed against simulated, metric by metric", "zh": "逐项指标：实际值与模拟值对比"},
    "cal_sec_estimates": {"en": "Fitted parameters and their intervals", "zh": "拟合参数及其区间"},
    "cal_sec_identification": {"en": "Which values fit: the loss against each parameter",
                               "zh": "哪些取值拟合得好：各参数与损失的关系"},
    "cal_sec_correlations": {"en": "Correlations between the fitted parameters", "zh": "拟合参数之间的相关性"},
    "cal_sec_convergence": {"en": "Convergence: the loss over the trials", "zh": "收敛情况：各次试验的损失"},
    "cal_sec_next": {"en": "What to do next", "zh": "下一步怎么做"},
    # ---- summary
    "cal_intro": {"en": "The model was fitted to {fit} {unit} of the brand's observed figures ({metrics}), then "
                        "checked against {held} {unit} it never saw (held out).",
                  "zh": "模型先用品牌 {fit} {unit}的实际数据（{metrics}）进行拟合，再用模型从未见过的 "
                        "{held} {unit}数据（留出期）检验。"},
    "cal_intro_no_held": {"en": "The model was fitted to {fit} {unit} of the brand's observed figures ({metrics}). "
                                "No period was held out, so the fit has not been checked on data it did not see.",
                          "zh": "模型用品牌 {fit} {unit}的实际数据（{metrics}）进行拟合。没有留出任何时期，"
                                "因此拟合结果尚未在模型没见过的数据上检验。"},
    "cal_list_sep": {"en": ", ", "zh": "、"},
    "cal_coverage_lead": {"en": "Held-out check:", "zh": "留出期检验："},
    "cal_coverage": {"en": "{lead} {k} of {n} held-out values of the fitted metrics ({share}) fall inside their "
                           "band (5–95% of the replications, widened by the data's own scatter). {verdict}",
                     "zh": "{lead}拟合指标的 {n} 个留出期数值中有 {k} 个（{share}）落在区间带内"
                           "（重复运行的 5%–95%，并计入数据自身的波动）。{verdict}"},
    "cal_cmp_poor_first": {"en": "These figures rest on a POOR fit to the brand's own numbers ({names}): the fitted "
                                 "model does not reproduce them well enough to be relied on; see \"Fitted to the "
                                 "brand's own numbers\" below before using any figure here.",
                           "zh": "这些数字所依据的模型对品牌自身数据的拟合不佳（{names}）：拟合后的模型不能充分重现这些数据，"
                                 "不宜直接依赖；使用本页任何数字之前，请先看下文“已用品牌自己的数据校准”一节。"},
    "cal_fit_line_good": {"en": "Fitted to the brand's own numbers ({names}): a good fit, every fitted metric within "
                                "{margin}; {held}.",
                          "zh": "已用品牌自己的数据校准（{names}）：拟合良好，各拟合指标误差均在 {margin} 以内；{held}。"},
    "cal_fit_line_poor": {"en": "These figures rest on a POOR fit to the brand's own numbers ({names}): {problems}. The "
                                "fitted model does not reproduce the brand well enough to be relied on: read the "
                                "figures as those of a brand like this one, not as this brand's forecast.",
                          "zh": "这些数字所依据的模型对品牌自身数据的拟合不佳（{names}）：{problems}。拟合后的模型不能充分重现"
                                "该品牌的数据，不宜直接依赖：请把这些数字当作与之相似的品牌的结果，而不是该品牌自己的预测。"},
    "cal_clause_sep": {"en": "; ", "zh": "；"},
    "cal_fit_missed": {"en": "it misses {metrics} (more than the {margin} margin)",
                       "zh": "{metrics}，超过 {margin} 的容许误差"},
    "cal_fit_at_bound": {"en": "{n} fitted values sit at a bound of their range", "zh": "{n} 个拟合值落在允许范围的边界"},
    "cal_fit_held_failed": {"en": "only {k} of {n} held-out values inside their band",
                            "zh": "留出期 {n} 个数值中只有 {k} 个落在区间带内"},
    "cal_cov_missed": {"en": "But the forecast misses {metrics} over the held-out periods, more than the {margin} margin "
                             "(the data's scatter widens the bands): do not rely on its forecasts before finding out why.",
                       "zh": "但留出期内以下指标的预测误差超过 {margin} 的容许误差：{metrics}（数据自身的波动会放宽区间带）："
                             "在弄清原因之前，不要依赖模型的预测。"},
    "cal_cov_good": {"en": "The model forecasts the held-out period well.", "zh": "模型对留出期的预测良好。"},
    "cal_cov_fair": {"en": "The model forecasts the held-out period only in part: use its forecasts with their bands.",
                     "zh": "模型对留出期的预测只有部分吻合：使用其预测时请同时参考区间带。"},
    "cal_cov_poor": {"en": "The model misses most of the held-out period: do not rely on its forecasts before "
                           "finding out why (a change the model does not know of? a figure counted differently?).",
                     "zh": "模型没能预测出大部分留出期数据：在弄清原因之前（是否发生了模型不知道的变化？"
                           "指标口径是否不同？），不要依赖它的预测。"},
    "cal_cov_no_band": {"en": "One replication only: there is no band to check the held-out period against.",
                        "zh": "只有一次运行：没有可用于检验留出期的区间带。"},
    "cal_errors_intro": {"en": "Error of the simulated median, as a share of what was observed (the sum of "
                               "|simulated − observed| over the sum of |observed|), per metric; a fitted metric, or a "
                               "ratio of the books (GMV per order, orders per buyer), missed by more than {margin} over "
                               "the fitted periods is a miss:",
                         "zh": "各指标模拟中位数的误差，占实际值的比例（|模拟值 − 实际值| 之和除以 |实际值| 之和）；"
                               "拟合指标或账面比值（客单价、人均订单数）在拟合期误差超过 {margin} 即为拟合不上："},
    "cal_params_ok": {"en": "{k} of {n} fitted parameters are pinned down by the data (a narrow interval, not at a "
                            "bound of its range, in a good fit).",
                      "zh": "{n} 个拟合参数中有 {k} 个能被数据确定（区间窄、不在范围边界上，且整体拟合良好）。"},
    "cal_params_poor_fit": {"en": "None of the {n} fitted parameters can be called pinned down by the data: the fit "
                                  "is poor (see the warnings above), and a narrow interval then only says which "
                                  "values miss the data equally.",
                            "zh": "{n} 个拟合参数中没有一个可以说能被数据确定：拟合不好（见上方警告），"
                                  "此时区间再窄，也只说明哪些取值与数据偏离得一样多。"},
    "cal_not_identified_lead": {"en": "Not identified by the data:", "zh": "数据无法识别："},
    "cal_not_identified": {"en": "{lead} {names}. Several values fit about equally "
                                 "well (the interval spans most of the allowed range), so the fitted value is one "
                                 "of many: treat it as an assumption, not a finding. Measure it another way, or "
                                 "observe a figure that moves with it.",
                           "zh": "{lead}{names}。多个取值的拟合效果几乎一样好（区间几乎覆盖整个允许范围），"
                                 "拟合值只是众多可能值之一：请把它当作假设，而不是结论。可以用其他方法测量它，"
                                 "或者观测一个随它变化的指标。"},
    "cal_recovered": {"en": "Recovery check: the true value lies inside the interval for {k} of {n} parameters.",
                      "zh": "参数还原检验：{n} 个参数中有 {k} 个的真实值落在区间内。"},
    "cal_best_loss": {"en": "Best loss: {loss}, after {trials} trials.", "zh": "共 {trials} 次试验，最佳损失为 {loss}。"},
    "cal_col_metric": {"en": "Metric", "zh": "指标"},
    "cal_col_weight": {"en": "Weight in the loss", "zh": "损失中的权重"},
    "cal_col_obs": {"en": "Observations", "zh": "观测数"},
    "cal_col_fit_err": {"en": "Error, fitted period", "zh": "拟合期误差"},
    "cal_col_held_err": {"en": "Error, held out", "zh": "留出期误差"},
    "cal_col_inside": {"en": "Held out inside the band", "zh": "留出期落在区间内"},
    "cal_col_missed": {"en": "Within the margin?", "zh": "是否在容许误差内"},
    "cal_within": {"en": "yes", "zh": "是"},
    "cal_missed": {"en": "MISSED", "zh": "拟合不上"},
    "cal_k_of_n": {"en": "{k} of {n}", "zh": "{n} 个中 {k} 个"},
    # ---- observed against simulated
    "cal_why_fit": {"en": "Dots: the brand's observed values; line: the simulated median at the fitted "
                          "parameters; dark band: 5–95% of {n} replications (the luck of the draw); light band: "
                          "the same widened by the data's own scatter around the fit (measurement noise the "
                          "model's luck does not have), the band the held-out check uses. Shaded: the "
                          "held-out period, not used in the fit: the honest test of the model. Gaps are "
                          "periods with no observation. Monthly flows (orders, GMV, new members) are totals "
                          "of the period; levels (members) are read at its end.",
                    "zh": "圆点为品牌的实际值；线为拟合参数下模拟结果的中位数；深色带为 {n} 次重复运行的 5%–95% 区间"
                          "（随机性）；浅色带在此基础上计入数据围绕拟合值的自身波动（模型随机性之外的测量误差），"
                          "留出期检验用的就是这条带。灰色底纹为留出期，未参与拟合：这是对模型真正的检验。空缺表示该时期没有观测值。"
                          "流量指标（订单、GMV、新增成员）为该时期的合计；存量指标（成员数）取期末值。"},
    "cal_observed_fit": {"en": "observed (fitted)", "zh": "实际值（拟合期）"},
    "cal_observed_held": {"en": "observed (held out)", "zh": "实际值（留出期）"},
    "cal_sim_median": {"en": "simulated median", "zh": "模拟中位数"},
    "cal_pred_band": {"en": "with the data's scatter", "zh": "计入数据波动"},
    "cal_held_marker": {"en": "held out", "zh": "留出期"},
    # ---- estimates
    "cal_why_estimates": {"en": "The fitted value is the best trial's. The interval holds the values that fit "
                                "about as well as the best (within the loss's own replication noise). A "
                                "parameter whose interval spans most of its allowed range is not identified. "
                                "The chart places each interval in its allowed range (0% = lowest allowed, "
                                "100% = highest).",
                          "zh": "拟合值取自最佳试验。区间包含拟合效果与最佳值相当（在损失本身的重复运行噪声之内）的取值。"
                                "区间几乎覆盖整个允许范围的参数，就是无法被数据识别的参数。"
                                "图中把每个区间放在其允许范围内显示（0% 为允许的最小值，100% 为最大值）。"},
    "cal_col_param": {"en": "Parameter", "zh": "参数"},
    "cal_col_best": {"en": "Fitted value", "zh": "拟合值"},
    "cal_col_interval": {"en": "Interval (fits about as well)", "zh": "区间（拟合效果相当）"},
    "cal_col_range": {"en": "Allowed range", "zh": "允许范围"},
    "cal_col_identified": {"en": "Pinned down by the data?", "zh": "能否被数据确定"},
    "cal_col_truth": {"en": "True value", "zh": "真实值"},
    "cal_identified": {"en": "yes", "zh": "能"},
    "cal_unidentified": {"en": "NOT identified", "zh": "无法识别"},
    "cal_at_low": {"en": "no: at the lower bound", "zh": "不能：落在下限"},
    "cal_at_high": {"en": "no: at the upper bound", "zh": "不能：落在上限"},
    "cal_poor_fit": {"en": "no: the fit is poor", "zh": "不能：拟合不好"},
    "cal_range": {"en": "{low} to {high}", "zh": "{low} 至 {high}"},
    "cal_axis_range_share": {"en": "Position in the allowed range (%)", "zh": "在允许范围内的位置（%）"},
    "cal_interval": {"en": "interval", "zh": "区间"},
    "cal_best": {"en": "fitted value", "zh": "拟合值"},
    "cal_truth": {"en": "true value", "zh": "真实值"},
    # ---- identification
    "cal_why_ident": {"en": "Each dot is one trial: the parameter's value (across) and the loss it gave (up; "
                            "lower fits better). A clear valley means the data pin the parameter down; a flat "
                            "floor means several values fit equally well. Shaded: the interval; star: the best "
                            "trial.",
                      "zh": "每个点代表一次试验：横轴为参数取值，纵轴为对应的损失（越低拟合越好）。"
                            "有明显谷底说明数据能确定该参数；底部平坦说明多个取值拟合得一样好。"
                            "阴影为区间；星号为最佳试验。"},
    "cal_axis_loss": {"en": "Loss (lower fits better)", "zh": "损失（越低拟合越好）"},
    "cal_trials": {"en": "trials", "zh": "试验"},
    "cal_best_trial": {"en": "best trial", "zh": "最佳试验"},
    "cal_flat_title": {"en": "{name}not identified", "zh": "{name}无法识别"},  # name ends in a line break
    # ---- correlations
    "cal_why_corr": {"en": "Correlation between the parameters among the trials that fit about as well as the "
                           "best. A strong correlation (beyond ±0.7) means the data pin down a combination of "
                           "the two, not each on its own: raising one and moving the other fits as well.",
                     "zh": "在拟合效果与最佳值相当的试验中，各参数之间的相关系数。强相关（绝对值超过 0.7）"
                           "说明数据确定的是两者的组合，而不是各自的取值：提高一个、同时调整另一个，拟合效果一样好。"},
    "cal_strong_pairs": {"en": "Strongly correlated: {pairs}.", "zh": "强相关的参数：{pairs}。"},
    "cal_pair": {"en": "{a} and {b} ({r})", "zh": "{a} 与 {b}（{r}）"},
    "cal_no_strong_pairs": {"en": "No pair is strongly correlated.", "zh": "没有强相关的参数对。"},
    "cal_corr_one": {"en": "Correlations need two or more fitted parameters.", "zh": "需要两个及以上的拟合参数才能计算相关性。"},
    "cal_corr_label": {"en": "correlation", "zh": "相关系数"},
    # ---- convergence
    "cal_why_conv": {"en": "Each dot is one trial's loss, in the order the search ran them; the line is the best "
                           "loss so far. A line that has flattened out means more trials would hardly improve "
                           "the fit.",
                     "zh": "每个点代表一次试验的损失，按搜索的先后顺序排列；折线为截至当时的最佳损失。"
                           "折线趋于平坦，说明再增加试验次数也几乎无法改善拟合。"},
    "cal_axis_trial": {"en": "Trial", "zh": "试验序号"},
    "cal_best_so_far": {"en": "best so far", "zh": "当前最佳"},
    "cal_conv_note": {"en": "Over the last half of the trials the best loss improved by {pct}: {verdict}.",
                      "zh": "在后一半试验中，最佳损失改善了 {pct}：{verdict}。"},
    "cal_conv_settled": {"en": "the search has settled", "zh": "搜索已趋于稳定"},
    "cal_conv_moving": {"en": "more trials may still improve the fit", "zh": "增加试验次数可能还会改善拟合"},
    # ---- what next
    "cal_next_file": {"en": "The calibrated scenario is the base scenario with the fitted values written in "
                            "({file}; also in the appendix). Its customer parameters now describe "
                            "this brand's customers; its levers are still what the brand does today.",
                      "zh": "校准后的情景文件就是写入了拟合值的基础情景（{file}，附录中也有全文）。"
                            "其中的顾客参数现在描述的是这个品牌自己的顾客；运营杠杆仍是品牌目前的做法。"},
    "cal_next_compare": {"en": "Try a strategy on these customers: copy the file, change the levers (how often "
                               "to broadcast, coupons, care staff…) and compare the two:",
                         "zh": "在这些顾客身上试一种新策略：复制该文件，修改运营杠杆（群发频率、优惠券、客情人员……），"
                               "然后对比两者："},
    "cal_next_app": {"en": "Or explore it live, lever by lever:", "zh": "也可以逐个调整杠杆，实时推演："},
    "cal_next_sweep": {"en": "Before trusting an answer, check it does not hinge on what the data leave open "
                             "({names}): sweep those over their intervals ({command}) and see "
                             "whether the answer holds.",
                       "zh": "在相信结论之前，先确认它不依赖于数据无法确定的参数（{names}）：在其区间内扫描这些参数"
                             "（{command}），看结论是否依然成立。"},
    "cal_next_poor": {"en": "The fit is poor (see the warnings in the summary): fix it (more metrics, other "
                            "parameters, wider ranges, a different period) before using the calibrated scenario "
                            "for decisions.",
                      "zh": "拟合不好（见摘要中的警告）：在用校准后的情景做决策之前，先改进拟合（增加指标、换用其他参数、"
                            "放宽范围、调整时期）。"},
    # ---- a fitted brand in another report (add_fit_section)
    "cal_cmp_sec": {"en": "Fitted to the brand's own numbers", "zh": "已用品牌自己的数据校准"},
    "cal_cmp_fitted": {"en": "{names}: the customers were fitted to the brand's own numbers ({observed}, {fit} {unit}; "
                             "{n} parameters) by siyu calibrate; the levers are the strategy's.",
                       "zh": "{names}：顾客参数已由 siyu calibrate 用品牌自己的数据（{observed}，{fit} {unit}；{n} 个参数）"
                             "拟合；运营杠杆是该策略自己的。"},
    "cal_cmp_good": {"en": "The fit is good: every fitted metric within {margin} of the brand's numbers; {held}. "
                           "Pinned down by the data: {k} of {n} parameters.",
                     "zh": "拟合良好：每个拟合指标与品牌数据的误差都在 {margin} 以内；{held}。"
                           "能被数据确定的参数：{n} 个中有 {k} 个。"},
    "cal_cmp_poor": {"en": "The fit is POOR ({held}; see the warnings below): none of the {n} parameters is pinned "
                           "down by the data, so read the answers in this report as those of a brand like this one, "
                           "not of this brand.",
                     "zh": "拟合不好（{held}；见下方警告）：{n} 个参数没有一个能被数据确定，因此本报告的结论只适用于"
                           "与该品牌相似的品牌，而不一定适用于该品牌本身。"},
    "cal_cmp_params": {"en": "Fitted parameters of {names}", "zh": "{names}的拟合参数"},
    "cal_cmp_held": {"en": "{k} of {n} held-out values inside their band", "zh": "{n} 个留出期数值中有 {k} 个落在区间带内"},
    "cal_cmp_no_held": {"en": "no period was held out to check it", "zh": "没有留出任何时期用于检验"},
    "cal_cmp_held_failed": {"en": "Held-out check failed: {k} of {n} held-out values inside their band (at least "
                                  "{good} should be).",
                            "zh": "留出期检验未通过：{n} 个留出期数值中只有 {k} 个落在区间带内（至少应有 {good}）。"},
    "cal_cmp_changed": {"en": "{name} sets {path} to {value}, not the fitted {fitted}: a what-if on a fitted value.",
                        "zh": "{name} 把 {path} 设为 {value}，而不是拟合值 {fitted}：这是对拟合值的假设推演。"},
    # ---- appendix
    "cal_app_toml": {"en": "Calibrated scenario ({file})", "zh": "校准后的情景文件（{file}）"},
    "cal_app_spec": {"en": "The calibration settings as run", "zh": "本次运行的校准设置"},
}
