"""What is wrong with a scenario file, in English and Chinese: the error's frame (how many
problems, what was not run, what is allowed, the did-you-mean), the commonest problems (a file
not found, an unknown key, a value out of range or of the wrong type, an unknown scenario, lever
type or segment) and the words of what a key allows (its type, range and unit). The English is
what the files' errors have always said (``config.problems``); the rest of a file's problems
(experiment and calibration files, ``--set`` paths) are said in English."""

from __future__ import annotations

PROBLEMS: dict[str, dict[str, str]] = {
    # ---- the frame
    "err_head_one": {"en": "{source}: 1 problem, {consequence}:", "zh": "{source}：1 个问题，{consequence}："},
    "err_head_many": {"en": "{source}: {n} problems, {consequence}:", "zh": "{source}：{n} 个问题，{consequence}："},
    "err_nothing_run": {"en": "nothing was run", "zh": "未运行任何内容"},
    "err_scenario_not_run": {"en": "the scenario was not run", "zh": "情景未运行"},
    "err_more": {"en": "… and {n} more", "zh": "……另有 {n} 个"},
    "err_sep": {"en": "{a}: {b}", "zh": "{a}：{b}"},
    "err_from": {"en": "{where} (from {origin})", "zh": "{where}（来自 {origin}）"},
    "err_allowed": {"en": "{message}; allowed: {allowed}", "zh": "{message}；允许：{allowed}"},
    "err_did_you_mean": {"en": "{message}; did you mean `{suggestion}`?", "zh": "{message}；是否想写 `{suggestion}`？"},
    # ---- the commonest problems
    "err_a_search": {"en": "this file is a search for the best plan (it has an [{table}] table), not a sweep",
                     "zh": "这是一个搜索最优方案的文件（含 [{table}] 表），不是参数扫描"},
    "err_unknown_key": {"en": "unknown key", "zh": "未知的键"},
    "err_keys_here": {"en": "keys here: {keys}", "zh": "此处可用的键：{keys}"},
    "err_retired_weight": {  # {table}: where customers and rows live in the file ("population." or "")
        "en": "no longer a setting: each row's weight is derived, customers / rows. Write {table}customers as "
              "the brand's real customers (the old customers × weight) and {table}rows as the rows to "
              "simulate (the old customers)",
        "zh": "已不是设置项：每行的权重由 customers / rows 推算。请把 {table}customers 写成品牌的真实顾客数"
              "（原来的 customers × weight），把 {table}rows 写成要模拟的行数（原来的 customers）"},
    "err_retired_paid_ads_return": {
        "en": "no longer a setting: a revenue per CNY of ads is a platform's attributed figure, not what ads add. "
              "The same cash now buys new customers through a saturating response curve (economics.ads_cac_cny, "
              "ads_half_saturation_cny_per_day, ads_hill_shape, ads_adstock_decay_per_day, "
              "ads_adstock_max_lag_days: take them from your media-mix model), each worth what the model's own "
              "new customers earn. Delete this key",
        "zh": "已不是设置项：每元广告带来的收入是平台的归因数字，不是广告带来的增量。现在同样的现金按一条会饱和的"
              "响应曲线买来新顾客（economics.ads_cac_cny、ads_half_saturation_cny_per_day、ads_hill_shape、"
              "ads_adstock_decay_per_day、ads_adstock_max_lag_days：可取自您的营销组合模型），每位新顾客的价值按"
              "模型自己模拟的新顾客计算。请删除此键"},
    "err_missing": {"en": "required key is missing", "zh": "缺少必填的键"},
    "err_out_of_range": {"en": "out of range", "zh": "超出范围"},
    "err_bad_name": {"en": "not a valid name here", "zh": "不是此处可用的名称"},
    "err_not_a_choice": {"en": "not one of the choices", "zh": "不在可选值之中"},
    "err_not_a_table": {"en": "must be a table", "zh": "必须是一个表"},
    "err_wrong_type": {"en": "wrong type", "zh": "类型不对"},
    "err_file_not_found": {"en": "file not found ({hint})", "zh": "找不到文件（{hint}）"},
    "err_file_empty": {"en": "is empty: {hint}", "zh": "是空的：{hint}"},
    "err_hint_scenario_path": {"en": "check the path; `siyu scenarios` lists the shipped ones",
                               "zh": "请检查路径；`siyu scenarios` 会列出内置情景"},
    "err_hint_scenario_empty": {"en": "a scenario needs at least a name and some [levers.*] tables "
                                      "(see docs/scenarios.md)",
                                "zh": "情景至少需要一个名称和若干 [levers.*] 表（见 docs/scenarios.md）"},
    "err_no_shipped_scenario": {"en": "no such shipped scenario or file", "zh": "没有这个内置情景，也没有这个文件"},
    "err_no_scenario_file": {"en": "no such scenario file", "zh": "没有这个情景文件"},
    "err_no_scenario_file_at": {"en": "no such scenario file ({path})", "zh": "没有这个情景文件（{path}）"},
    "err_scenario_ref": {"en": "a .toml path, or one of: {names}", "zh": "一个 .toml 文件路径，或以下之一：{names}"},
    "err_unknown_lever": {"en": "unknown lever type", "zh": "未知的运营杠杆类型"},
    "err_unknown_lever_named": {"en": "unknown lever type (a lever's type is its table name unless it sets "
                                      "type = \"...\")",
                                "zh": "未知的运营杠杆类型（杠杆的类型就是它的表名，除非另设 type = \"...\"）"},
    "err_no_segment": {"en": "no such segment", "zh": "没有这个用户分层"},
    "err_lever_not_a_table": {"en": "must be a table of the lever's settings ([{where}])",
                              "zh": "必须是该杠杆设置的表（[{where}]）"},
    "err_levers_not_tables": {"en": "must be a set of tables, one per lever ([levers.broadcast], [levers.coupon], ...)",
                              "zh": "必须是一组表，每个杠杆一个（[levers.broadcast]、[levers.coupon] 等）"},
    # ---- what a key allows
    "err_one_of": {"en": "one of {choices}", "zh": "以下之一：{choices}"},
    "err_type_bool": {"en": "true or false", "zh": "true 或 false"},
    "err_type_int": {"en": "a whole number", "zh": "整数"},
    "err_type_float": {"en": "a number", "zh": "数"},
    "err_type_text": {"en": "text", "zh": "文本"},
    "err_type_table": {"en": "a table", "zh": "表"},
    "err_type_list": {"en": "a list of {items}", "zh": "{items}的列表"},
    "err_or": {"en": "{a} or {b}", "zh": "{a}或{b}"},
    "err_list_sep": {"en": ", ", "zh": "，"},
    "err_range_from_to": {"en": "from {lo} to {hi}", "zh": "{lo} 到 {hi}"},
    "err_range_at_least": {"en": "at least {lo}", "zh": "至少 {lo}"},
    "err_range_above": {"en": "above {lo}", "zh": "大于 {lo}"},
    "err_range_at_most": {"en": "at most {hi}", "zh": "至多 {hi}"},
    "err_range_below": {"en": "below {hi}", "zh": "小于 {hi}"},
    "err_range_and": {"en": "{lo} and {hi}", "zh": "{lo}且{hi}"},
    "err_range_long": {"en": "at least {n} long", "zh": "长度至少为 {n}"},
    "err_range_matching": {"en": "matching {pattern}", "zh": "须符合 {pattern}"},
    "err_words_range": {"en": "{words} {range}", "zh": "{words}，{range}"},
    "err_words_unit": {"en": "{words} ({unit})", "zh": "{words}（{unit}）"},
    "err_words_or_none": {"en": "{words}; leave it out for none", "zh": "{words}；不填表示没有"},
}


#: What a scenario's checks across keys say in the other languages (``params.CHECK_TEXT`` holds
#: the English, beside the checks; config.pydantic_errors says either).
CHECK_WORDS: dict[str, dict[str, str]] = {
    "customers_a_row": {"zh": "{customers} 位顾客用 {rows} 行模拟，每行代表 {weight} 位顾客；应在 {low} 到 {high} 之间"
                              "（请设置 population.rows）"},
    "segment_names_repeat": {"zh": "用户分层的名称不能重复，现为 {names}"},
    "segment_shares_sum": {"zh": "各用户分层的占比之和必须为 1，现为 {total}"},
    "unit_cost_above_value": {"zh": "单位成本（{cost} 元）高于客单价（{value} 元）：按原价每一单都会亏钱；请把 "
                                    "economics.unit_cost_cny 设得低于 economics.order_value_cny"},
    "scenario_name_unsafe": {"zh": "情景名称也用作文件名和文件夹名：只能用字母、数字和 _ . -（不能有空格、/ 或 \\，"
                                   "也不能只有点）"},
    "lever_targets_unknown_segment": {"zh": "运营杠杆 {lever!r} 指向不存在的用户分层 {segment!r}；现有分层：{segments}"},
}
