"""The words of ``siyu calibrate`` in the terminal: the observed-data template's explanations,
status lines and the printed estimates, in English and Chinese. (The calibration *report*'s
words are elsewhere: ``words/calibration.py``.)"""

from __future__ import annotations

CALIBRATE: dict[str, dict[str, str]] = {
    "calib_template_intro": {
        "en": "Observed data for `siyu calibrate`: one row per period, any subset of the columns below.\n"
              "Leave a cell blank when you do not know it; lines starting with # are ignored.\n"
              "Counts are real people (not simulated rows); money is CNY.",
        "zh": "`siyu calibrate` 的实际数据：每个周期一行，下列各列可任选其一部分。\n"
              "不知道的数值留空即可；以 # 开头的行会被忽略。\n"
              "人数为真实人数（不是模拟行数）；金额单位为元。"},
    "calib_unit_people": {"en": "people", "zh": "人"},
    "calib_unit_orders": {"en": "orders", "zh": "单"},
    "calib_unit_cny": {"en": "CNY", "zh": "元"},
    "calib_unit_operators": {"en": "operators", "zh": "名运营人员"},
    "calib_kind_flow": {"en": "total over the period", "zh": "周期内合计"},
    "calib_kind_stock": {"en": "at the period's end", "zh": "周期末时点值"},
    "calib_col_period": {"en": "the month (or week) counted from the scenario's day 0: 1, 2, 3, …",
                         "zh": "从场景第 0 天起算的第几个月（或第几周）：1、2、3……"},
    "calib_col_members": {"en": "members in the private domain (active + muted)", "zh": "私域成员数（活跃 + 免打扰）"},
    "calib_col_active": {"en": "active members (reading)", "zh": "活跃成员数（会阅读）"},
    "calib_col_muted": {"en": "muted members (免打扰: in, but not reading)", "zh": "免打扰成员数（在群但不阅读）"},
    "calib_col_left": {"en": "people who have left (退群) and not come back, so far",
                       "zh": "已退群且未回来的人数（累计）"},
    "calib_col_new_members": {"en": "new members who joined in the period, all channels",
                              "zh": "本周期新加入的成员，所有渠道"},
    "calib_col_new_members_source": {"en": "new members who joined through {source}",
                                     "zh": "通过 {source} 渠道新加入的成员"},
    "calib_col_orders": {"en": "orders placed by members", "zh": "成员下单数"},
    "calib_col_buyers": {"en": "members who ordered in the last 30 days", "zh": "近 30 天内下过单的成员数"},
    "calib_col_gmv": {"en": "GMV of members' orders", "zh": "成员订单 GMV"},
    "calib_col_discount_cost": {"en": "discounts and coupons given", "zh": "折扣与优惠券成本"},
    "calib_col_staff": {"en": "operators on the private-domain team", "zh": "私域运营人员数"},
    "calib_need_files": {"en": "give a calibration file and an observed CSV (or --template)",
                         "zh": "请给出校准文件和实际数据 CSV（或使用 --template）"},
    "calib_status_plan": {
        "en": "Calibrating {name}: {params} parameters on {metrics} metrics, {trials} trials × {reps} "
              "replications and {check} runs of the best ({runs} runs), on {backend}; results in {folder}",
        "zh": "正在校准 {name}：{params} 个参数、{metrics} 个指标，{trials} 次试验 × {reps} 次重复，"
              "再用最佳参数运行 {check} 次（共 {runs} 次运行），运行于 {backend}；结果保存在 {folder}"},
    "calib_status_resumed": {"en": "Resuming: {done} finished trials kept, {again} interrupted ones run again.",
                             "zh": "继续上次：保留已完成的 {done} 次试验，重新运行中断的 {again} 次。"},
    "calib_status_check": {"en": "Re-running the best parameters {reps} times for the bands and the noise…",
                           "zh": "用最佳参数重新运行 {reps} 次，以得到区间带和噪声……"},
    "calib_progress_label": {"en": "calibrate", "zh": "校准"},
    "calib_interrupted": {
        "en": "Interrupted: {done} finished trials are kept in {folder}; run the same command again to resume.",
        "zh": "已中断：{done} 次已完成的试验保存在 {folder}；再次运行同一命令即可继续。"},
    "calib_best": {"en": "Best loss {loss}; tolerance {tolerance}; trials within it (fit about as well): {accepted}.",
                   "zh": "最佳损失 {loss}；容差 {tolerance}；落在容差内（拟合得差不多好）的试验：{accepted} 次。"},
    "calib_estimate": {"en": "  {path} = {best}  [{low}, {high}] of range [{rlo}, {rhi}]{flag}",
                       "zh": "  {path} = {best}  [{low}, {high}]，范围 [{rlo}, {rhi}]{flag}"},
    "calib_not_identified_flag": {"en": "  NOT IDENTIFIED", "zh": "  无法识别"},
    "calib_flag_at_low": {"en": "  AT THE LOWER BOUND", "zh": "  落在下限"},
    "calib_flag_at_high": {"en": "  AT THE UPPER BOUND", "zh": "  落在上限"},
    "calib_metric_error": {"en": "{metric} {error}{flag}", "zh": "{metric} 误差 {error}{flag}"},
    "calib_flag_missed": {"en": " (MISSED)", "zh": "（拟合不上）"},
    "calib_fit_errors": {"en": "Fit error over the fitted periods (margin {margin}): {errors}.",
                         "zh": "拟合期误差（容许 {margin}）：{errors}。"},
    "calib_held_pass": {"en": "passed", "zh": "通过"},
    "calib_held_fail": {"en": "FAILED (at least {good} should be)", "zh": "未通过（至少应有 {good}）"},
    "calib_held_fail_missed": {"en": "FAILED (the forecast misses {metrics} there, more than the {margin} margin)",
                               "zh": "未通过（留出期内预测误差超过 {margin} 的容许误差：{metrics}）"},
    "calib_pinned": {"en": "Pinned down by the data: {k} of {n} parameters.",
                     "zh": "能被数据确定的参数：{n} 个中有 {k} 个。"},
    "calib_pinned_poor_fit": {"en": "Pinned down by the data: none of the {n} parameters, because the fit is poor "
                                    "(see the warnings).",
                              "zh": "能被数据确定的参数：{n} 个中一个也没有，因为拟合不好（见下方警告）。"},
    "calib_warn_not_identified": {
        "en": "{path} is not identified: values across {share} of its range (more than {most}) fit about as well as "
              "the best; the data do not pin it down (fix it, or add a metric that depends on it).",
        "zh": "{path} 无法识别：其范围内 {share} 的取值（超过 {most}）拟合得与最佳值差不多；数据无法确定它（请固定该参数，"
              "或加入依赖它的指标）。"},
    "calib_warn_few_accepted": {
        "en": "Fewer than {least} trials ({n}) are within the tolerance: the intervals are rough (more trials help).",
        "zh": "落在容差内的试验少于 {least} 次（{n} 次）：区间较粗略（增加试验次数会有帮助）。"},
    "calib_warn_at_bound": {
        "en": "{path} = {best} is at the {end} of its range [{low}, {high}] (within {share} of it): the data push it "
              "against the range, so its best value may lie outside. Widen the range if such values are plausible; "
              "if they are not, the model misses something the data show.",
        "zh": "{path} = {best} 落在其范围 [{low}, {high}] 的{end}（相差不到范围的 {share}）：数据把它推到了范围边缘，"
              "最佳值可能在范围之外。如果范围外的取值说得通，请放宽范围；如果说不通，说明模型缺少了数据所反映的某种情况。"},
    "calib_end_low": {"en": "lower end", "zh": "下限"},
    "calib_end_high": {"en": "upper end", "zh": "上限"},
    "calib_warn_missed": {
        "en": "The fit misses {metrics} over the fitted periods (more than the {margin} margin): the model at its best "
              "parameters does not reproduce them. Fit a parameter that moves them, or check how the brand counts them.",
        "zh": "拟合期内以下指标的误差超过 {margin} 的容许误差：{metrics}。即使取最佳参数，模型也重现不了它们。"
              "请拟合能影响它们的参数，或核对品牌对它们的统计口径。"},
    "calib_warn_held_missed": {
        "en": "Held-out check failed: the forecast misses {metrics} over the held-out periods (more than the {margin} "
              "margin), inside their bands or not (the data's scatter widens the bands). Do not rely on the model's "
              "forecasts before finding out why.",
        "zh": "留出期检验未通过：留出期内以下指标的预测误差超过 {margin} 的容许误差：{metrics}（无论是否落在区间带内，"
              "数据自身的波动会把区间带放宽）。在弄清原因之前，不要依赖模型的预测。"},
    "calib_warn_ratio": {
        "en": "The books say {metric} was {observed} on average over the fitted periods; the model makes it {simulated} "
              "(off by {error}, more than the {margin} margin), so its money is built on a figure the books "
              "contradict. Set {paths} in the scenario to agree with the books, or fit it with `{ratio} = 1.0` in "
              "[metrics].",
        "zh": "账面数据显示，拟合期内 {metric} 平均为 {observed}；模型给出 {simulated}（相差 {error}，超过 {margin} 的"
              "容许误差），模型算出的金额建立在与账面相矛盾的数字上。请在情景文件中调整 {paths} 使之与账面一致，"
              "或在 [metrics] 中加入 `{ratio} = 1.0` 来拟合它。"},
    "calib_warn_ratio_fitted": {
        "en": "The books say {metric} was {observed} on average over the fitted periods; the fitted model makes it "
              "{simulated} (off by {error}, more than the {margin} margin). The fit moved {paths} against what the "
              "books say, to match other figures: set it in the scenario from the books and take it out of "
              "[parameters], or add `{ratio} = 1.0` to [metrics] so that the fit keeps to the books.",
        "zh": "账面数据显示，拟合期内 {metric} 平均为 {observed}；拟合后的模型给出 {simulated}（相差 {error}，超过 {margin} "
              "的容许误差）。拟合为了贴合其他指标而改动了 {paths}，与账面相矛盾：请按账面数据在情景文件中设定它，"
              "并将其从 [parameters] 中移除；或在 [metrics] 中加入 `{ratio} = 1.0`，让拟合同时贴合账面。"},
    "calib_metric_error_share": {"en": "{metric} by {error}", "zh": "{metric}（误差 {error}）"},
    "calib_warn_held_out": {
        "en": "Held-out check failed: {inside} of {total} held-out values fall inside their band (at least {good} "
              "should). Outside: {outside}. Do not rely on the model's forecasts before finding out why.",
        "zh": "留出期检验未通过：{total} 个留出期数值中只有 {inside} 个落在区间带内（至少应有 {good}）。"
              "落在区间外的：{outside}。在弄清原因之前，不要依赖模型的预测。"},
    "calib_periods_month_one": {"en": "month {list}", "zh": "第 {list} 个月"},
    "calib_periods_month_many": {"en": "months {list}", "zh": "第 {list} 个月"},
    "calib_periods_week_one": {"en": "week {list}", "zh": "第 {list} 周"},
    "calib_periods_week_many": {"en": "weeks {list}", "zh": "第 {list} 周"},
    "calib_metric_periods": {"en": "{metric} ({periods})", "zh": "{metric}（{periods}）"},
    "calib_warn_failed": {"en": "{n} runs failed and were left out (first error: {error}).",
                          "zh": "{n} 次运行失败，已略去（第一个错误：{error}）。"},
    "calib_wrote": {"en": "Wrote {folder}: calibrated.toml (use it with siyu compare / sweep / app), "
                          "calibration.json, trials.parquet, simulated.parquet.",
                    "zh": "已写入 {folder}：calibrated.toml（可直接用于 siyu compare / sweep / app）、"
                          "calibration.json、trials.parquet、simulated.parquet。"},
    "calib_wrote_report": {"en": "Report: {path}", "zh": "报告：{path}"},
    "calib_held_out": {"en": "Held-out check: {inside} of {total} held-out values inside their band: {verdict}.",
                       "zh": "留出期检验：{total} 个留出期数值中有 {inside} 个落在区间带内：{verdict}。"},
}
