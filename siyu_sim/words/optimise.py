"""The words of ``siyu optimise``: its status lines, the rounds' progress, the best plan or the
trade-off front in the terminal, the warning for a best on the edge of its range, and the header
of a plan's scenario file."""

from __future__ import annotations

OPTIMISE: dict[str, dict[str, str]] = {
    # ---- status and progress
    "opt_status_plan": {
        "en": "{name}: searching {levers} lever(s) with {sampler}: {trials} trials in rounds of {batch}, each in "
              "{markets} market(s) × {reps} replication(s), {runs} runs on {backend} → {folder}",
        "zh": "{name}：用 {sampler} 搜索 {levers} 个杠杆：{trials} 次试验，每轮 {batch} 次，每次试验在 {markets} 个市场 × "
              "{reps} 次重复中运行，共 {runs} 次运行，在{backend}上运行 → {folder}"},
    "opt_status_resumed": {
        "en": "{n} finished runs were found in the folder: the trials they belong to are replayed, not run again.",
        "zh": "结果文件夹中已有 {n} 次完成的运行：它们所属的试验直接重放，不再重新运行。"},
    "opt_status_done": {
        "en": "search done: {trials} trials ran ({failed} failed), {rejected} asked settings rejected by the "
              "constraints; {ok} runs in {seconds} s",
        "zh": "搜索完成：运行了 {trials} 次试验（失败 {failed} 次），约束条件拒绝了 {rejected} 组提议的设置；"
              "本次 {ok} 次运行，用时 {seconds} 秒"},
    "opt_round_best": {
        "en": "round {round}: {trials} of {budget} trials; best so far {metric} = {value} (trial {trial})",
        "zh": "第 {round} 轮：已完成 {trials} / {budget} 次试验；目前最佳 {metric} = {value}（第 {trial} 次试验）"},
    "opt_round_front": {
        "en": "round {round}: {trials} of {budget} trials; {n} plan(s) on the trade-off front so far",
        "zh": "第 {round} 轮：已完成 {trials} / {budget} 次试验；目前权衡前沿上有 {n} 个方案"},
    "opt_no_trial": {
        "en": "no trial finished: there is no plan to recommend (see the failed runs above)",
        "zh": "没有完成的试验：无法给出推荐方案（见上方失败的运行）"},
    "opt_trials_failed": {
        "en": "{n} trial(s) failed, the first: {reason}",
        "zh": "{n} 次试验失败，第一次的原因：{reason}"},
    # ---- the best plan, the front
    "opt_best_head": {
        "en": "Best plan after {trials} trials ({sampler}): trial {trial}, judged in {markets} market(s) × {reps} "
              "replication(s):",
        "zh": "经过 {trials} 次试验（{sampler}）的最佳方案：第 {trial} 次试验，在 {markets} 个市场 × {reps} 次重复中评估："},
    "opt_score_line": {"en": "  {objective} ({column}, {goal}): {statistic} {value}",
                       "zh": "  {objective}（{column}，{goal}）：{statistic}为 {value}"},
    "opt_score_line_mean": {
        "en": "  {objective} ({column}, {goal}): {statistic} {value}; mean over markets {mean}",
        "zh": "  {objective}（{column}，{goal}）：{statistic}为 {value}；各市场均值 {mean}"},
    "opt_derived_line": {"en": "  {name} = {value} (derived)", "zh": "  {name} = {value}（由其他因素推导）"},
    "opt_goal_max": {"en": "maximise", "zh": "越大越好"},
    "opt_goal_min": {"en": "minimise", "zh": "越小越好"},
    "opt_front_head": {
        "en": "Trade-off front: {n} plan(s) that no other trial beats on every objective ({objectives}), judged in "
              "{markets} market(s) × {reps} replication(s):",
        "zh": "权衡前沿：{n} 个方案，没有其他试验能在所有目标（{objectives}）上都胜过它们；在 {markets} 个市场 × "
              "{reps} 次重复中评估："},
    "opt_front_line": {"en": "  plan {plan} (trial {trial}): {scores}; {levers}",
                       "zh": "  方案 {plan}（第 {trial} 次试验）：{scores}；{levers}"},
    "opt_warn_bound": {
        "en": "warning: {factor} = {value} sits at the {side} end of its searched range [{low}, {high}]: the best "
              "may lie beyond it; widen the range and search again",
        "zh": "警告：{factor} = {value} 位于搜索范围 [{low}, {high}] 的{side}：最佳值可能在范围之外；请扩大范围后重新搜索"},
    "opt_note_limit": {
        "en": "note: {factor} = {value} sits at the {side} end of its searched range [{low}, {high}], as far as the "
              "parameter goes: the best is at its limit, there is no wider range to search",
        "zh": "注意：{factor} = {value} 位于搜索范围 [{low}, {high}] 的{side}，已到该参数的极限：最佳值就在极限上，"
              "没有更宽的范围可搜索"},
    "opt_side_low": {"en": "low", "zh": "下端"},
    "opt_side_high": {"en": "high", "zh": "上端"},
    "opt_how_sure": {
        "en": "How sure: the best score is the highest of {trials} estimates, each with its own luck, so it flatters "
              "the plan (the winner's curse). Check the plan with luck it has not met: siyu compare {path} {base} "
              "--reps 20 --seed {seed}",
        "zh": "把握程度：最佳得分是 {trials} 个各自带有运气成分的估计中最高的一个，因此会高估该方案（赢家诅咒）。"
              "请用它没有遇到过的运气检验：siyu compare {path} {base} --reps 20 --seed {seed}"},
    "opt_how_sure_front": {
        "en": "How sure: each plan's scores are estimates with their own luck, and the front is drawn through the "
              "luckiest of {trials} trials, so it flatters them (the winner's curse). Check a plan with luck it has "
              "not met: siyu compare {path} {base} --reps 20 --seed {seed}",
        "zh": "把握程度：每个方案的得分都是带有运气成分的估计，而前沿穿过 {trials} 次试验中最幸运的那些，因此会高估它们"
              "（赢家诅咒）。请用方案没有遇到过的运气检验：siyu compare {path} {base} --reps 20 --seed {seed}"},
    # ---- what each trial's score is
    "opt_stat_reps": {"en": "mean over replications", "zh": "各次重复的均值"},
    "opt_stat_mean": {"en": "mean over markets", "zh": "各市场的均值"},
    "opt_stat_percentile": {"en": "worst {q}% of markets' bound", "zh": "最差 {q}% 市场的分位值"},
    "opt_stat_cvar": {"en": "CVaR, the mean of the worst {q}% of markets", "zh": "CVaR，最差 {q}% 市场的均值"},
    # ---- a plan file's header and description
    "opt_plan_description": {
        "en": "{base}, with the levers siyu optimise chose (trial {trial} of the search {name}).",
        "zh": "{base}，杠杆取 siyu optimise 选出的值（搜索 {name} 的第 {trial} 次试验）。"},
    "opt_header_found": {
        "en": "A plan found by siyu optimise {file} after {trials} trials: trial {trial} ({sampler}, root seed {seed}).",
        "zh": "由 siyu optimise {file} 经过 {trials} 次试验找到的方案：第 {trial} 次试验（{sampler}，根种子 {seed}）。"},
    "opt_header_score": {"en": "{metric} ({goal}): {statistic} = {value}",
                         "zh": "{metric}（{goal}）：{statistic}为 {value}"},
    "opt_header_score_mean": {
        "en": "{metric} ({goal}): {statistic} = {value}; mean over markets = {mean}",
        "zh": "{metric}（{goal}）：{statistic}为 {value}；各市场均值为 {mean}"},
    "opt_header_judged": {
        "en": "Judged in {markets} market(s) × {reps} replication(s), the same seeds for every trial "
              "(common random numbers).",
        "zh": "在 {markets} 个市场 × {reps} 次重复中评估，每次试验使用相同的种子（共同随机数）。"},
    "opt_header_levers": {"en": "Levers: {levers}", "zh": "杠杆：{levers}"},
    "opt_header_bound": {
        "en": "Warning: {factor} sits at the {side} end of its searched range [{low}, {high}]; widen the range.",
        "zh": "警告：{factor} 位于搜索范围 [{low}, {high}] 的{side}；请扩大范围。"},
    "opt_header_limit": {
        "en": "Note: {factor} sits at the {side} end of its searched range [{low}, {high}], as far as the parameter goes.",
        "zh": "注意：{factor} 位于搜索范围 [{low}, {high}] 的{side}，已到该参数的极限。"},
    "opt_header_check": {
        "en": "Check it with luck it has not met before acting on it: siyu compare {path} {base} --reps 20 --seed {seed}",
        "zh": "据此行动之前，请用它没有遇到过的运气检验：siyu compare {path} {base} --reps 20 --seed {seed}"},
    "opt_header_base": {
        "en": "The base scenario as siyu optimise {file} ran it ([set] applied, its own levers): compare a plan with it.",
        "zh": "siyu optimise {file} 运行时的基础情景（已应用 [set]，杠杆为其原值）：可将方案与之比较。"},
}
