"""The live what-if app's words (``siyu app``): page furniture, the controls' short labels and
the headline. Chart and section titles are the comparison report's (``report``); a control's
longer help is its setting's description (``settings``)."""

from __future__ import annotations

from .settings import setting_label

APP: dict[str, dict[str, str]] = {
    "app_changed_title": {"en": "{name} (changed)", "zh": "{name}（已调整）"},
    "app_title": {"en": "What if…? The private domain, live", "zh": "如果这样做会怎样？私域实时推演"},
    "app_intro": {"en": "Change a lever on the left; the answers on the right follow within seconds. "
                        "Every figure is what the strategy adds over the same customers with no private domain.",
                  "zh": "在左侧调整运营杠杆，右侧的结论会在几秒内更新。所有数字都是该策略相对于"
                        "同一批顾客“没有私域”时多赚（或少赚）的钱。"},
    "app_strategy": {"en": "Strategy: {name}", "zh": "策略：{name}"},
    "app_levers": {"en": "Levers", "zh": "运营杠杆"},
    "app_economics": {"en": "Money: prices, costs, paid ads", "zh": "经济参数：价格、成本与付费广告"},
    "app_economics_note": {"en": "The brand's, not the strategy's: a change here applies to the pinned baseline "
                                 "too, as --set does in siyu compare.",
                           "zh": "这些是品牌的参数而非策略的：此处的改动同样作用于固定对照，与 siyu compare 的 --set 一致。"},
    "app_gross_margin": {"en": "Gross margin at list price: {share}", "zh": "标价毛利率：{share}"},
    "app_derived": {"en": "derived from the market", "zh": "按市场推算"},
    "app_run_settings": {"en": "Customers, horizon, luck", "zh": "顾客数、模拟时长与随机种子"},
    "app_baseline": {"en": "Pinned baseline", "zh": "固定对照"},
    "app_absent_note": {"en": "0 on a channel or lever the strategy does not use means it stays off; "
                              "any other value adds it with its defaults.",
                        "zh": "策略未使用的渠道或杠杆显示为 0，表示保持关闭；填入其他数值即以默认设置启用。"},
    # a control's label with its unit (the setting's declared unit, in words/settings.py)
    "app_control_unit": {"en": "{label} ({unit})", "zh": "{label}（单位：{unit}）"},
    "app_report": {"en": "Write report", "zh": "生成报告"},
    "app_running": {"en": "Simulating… {pct}%", "zh": "模拟中……{pct}%"},
    "app_pending": {"en": "Simulating the starting point: {customers} customers × {horizon}…",
                    "zh": "正在模拟起点：{customers} 位顾客 × {horizon}……"},
    "app_ready": {"en": "Up to date: {customers} customers (simulated on {rows} rows) × {days} days, seed {seed} "
                        "({seconds:.1f} s)",
                  "zh": "已更新：{customers} 位顾客（以 {rows} 行模拟）× {days} 天，随机种子 {seed}（用时 {seconds:.1f} 秒）"},
    "app_refused": {"en": "Not run: these values are refused.", "zh": "未运行：以下取值不被接受。"},
    "app_value_missing": {"en": "needs a value (the scenario file gives one)", "zh": "需要填写数值（情景文件中有此值）"},
    "app_failed": {"en": "The run failed: {error}", "zh": "模拟失败：{error}"},
    "app_headline_adds": {"en": "{name} adds {inc} over no private domain in {months}",
                          "zh": "{name}在 {months}内比没有私域多赚 {inc}"},
    "app_headline_loses": {"en": "{name} loses {inc} against no private domain in {months}",
                           "zh": "{name}在 {months}内比没有私域少赚 {inc}"},
    "app_headline_since": {"en": "({change} since the start)", "zh": "（较起点 {change}）"},
    "app_headline_start": {"en": "(the meeting's starting point)", "zh": "（会议起点）"},
    "app_quick_estimate": {
        "en": "A quick estimate: one run on {rows} rows, seed {seed}. The report's answer is the mean of several "
              "runs of the same scenarios (siyu compare … --reps 10), of which this run is the first: the two "
              "differ by luck.",
        "zh": "快速估算：单次运行，{rows} 行，随机种子 {seed}。报告中的答案是同一方案多次运行的平均"
              "（siyu compare … --reps 10），本次运行即其中第一次：两者之差来自运气。"},
    "app_headline_base": {"en": "Pinned baseline {name}: {inc} added", "zh": "固定对照{name}：净增 {inc}"},
    "app_command": {"en": "The same comparison from a terminal:", "zh": "在终端中运行同一比较："},
    "app_command_save": {"en": "A lever has changed: save the strategy as a scenario to get the command that gives "
                               "these numbers from a terminal.",
                         "zh": "杠杆已改动：将策略另存为情景文件后，即可得到在终端中复现这些数字的命令。"},
    # "Save as scenario": a name, a file inside the folder siyu app was given (--save-dir)
    "app_save": {"en": "Save as scenario…", "zh": "另存为情景文件…"},
    "app_save_name": {"en": "Name of the new scenario (written to {folder} as NAME.toml)",
                      "zh": "新情景名称（写入 {folder}，文件名为 名称.toml）"},
    "app_save_confirm": {"en": "Save", "zh": "保存"},
    "app_save_cancel": {"en": "Cancel", "zh": "取消"},
    "app_save_bad_name": {"en": "“{name}” cannot name a scenario: use letters, digits, _ . - only (no spaces, "
                                "no / or \\, not starting with a dot)",
                          "zh": "“{name}”不能用作情景名称：只能使用字母、数字、_ . -（不能有空格、/ 或 \\，不能以点开头）"},
    "app_save_exists": {"en": "{path} exists already: choose another name (nothing is overwritten)",
                        "zh": "{path} 已存在：请换一个名称（不会覆盖已有文件）"},
    "app_saved": {"en": "Saved {path}", "zh": "已保存 {path}"},
    # the verdict under uncertainty, on a button press (its sentences are siyu compare --draws')
    "app_how_sure_title": {"en": "How sure? The answer across what nobody has measured",
                           "zh": "有多确定？考虑无人测量过的假设后的结论"},
    "app_how_sure": {"en": "How sure? ({draws} draws)", "zh": "有多确定？（{draws} 次抽样）"},
    "app_how_sure_intro": {
        "en": "Weighs the strategy on screen against the starting point across {draws} draws of what nobody has "
              "measured (costs, how strongly trust moves buying, …), as siyu compare --draws does: it takes minutes, "
              "not seconds, and the app stays in use meanwhile.",
        "zh": "像 siyu compare --draws 一样，把屏幕上的策略与起点放在 {draws} 次无人测量过的假设（成本、信任对购买的影响等）"
              "抽样中比较：需要几分钟而非几秒，其间可继续使用本应用。"},
    "app_how_sure_running": {"en": "Weighing… {pct}%", "zh": "评估中……{pct}%"},
    "app_how_sure_stale": {"en": "These figures are for the values when the button was pressed; the controls have "
                                 "changed since: press it again for the values on screen.",
                           "zh": "以下数字对应按下按钮时的取值；此后控件已改动，请再按一次以评估当前取值。"},
    "app_how_sure_failed": {"en": "Could not weigh: {error}", "zh": "无法评估：{error}"},
    "app_port_range": {"en": "--port {port}: allowed: a number from 1024 to 65535",
                       "zh": "--port {port}：允许的取值为 1024 到 65535 之间的数"},
    "app_port_taken": {"en": "port {port} on 127.0.0.1 is taken (another program listens there): "
                             "choose another with --port, a number from 1024 to 65535",
                       "zh": "127.0.0.1 上的端口 {port} 已被占用（另有程序在监听）：请用 --port 另选一个 1024–65535 之间的端口"},
    "app_group_title": {"en": "One group, day by day (Mesa agents)", "zh": "一个社群的逐日变化（Mesa 智能体）"},
    "app_group_intro": {"en": "The same strategy on a pool of 1,000 customers, run by the readable agent executor: "
                              "each dot is one member of the first community group, coloured by status and sized by "
                              "trust. Press play to step it one day at a time.",
                        "zh": "同一策略在 1,000 位顾客上由可读的智能体执行器运行：每个点是第一个社群中的一位成员，"
                              "颜色表示状态，大小表示信任度。按“播放”逐日推进。"},
    "app_group_play": {"en": "▶ Play", "zh": "▶ 播放"},
    "app_group_pause": {"en": "❚❚ Pause", "zh": "❚❚ 暂停"},
    "app_group_day": {"en": "Day {day} of {horizon}: {members} ever in the group",
                      "zh": "第 {day} 天 / 共 {horizon} 天：累计入群 {members} 人"},
    "app_group_empty": {"en": "Nobody is in the group yet: press Play to watch it fill.",
                        "zh": "群里还没有成员：按“播放”看它逐渐满员。"},
    # a dot's hover lines (the values are Plotly's placeholders, filled in by the chart)
    "app_group_hover_customer": {"en": "customer {value}", "zh": "顾客 {value}"},
    "app_group_hover_trust": {"en": "trust {value}", "zh": "信任度 {value}"},
    "app_group_hover_activity": {"en": "activity {value}", "zh": "活跃度 {value}"},
    "app_serving": {"en": "siyu app: open {url} (Ctrl+C stops it)", "zh": "siyu app：请打开 {url}（按 Ctrl+C 停止）"},
    "app_save_dir": {"en": "--save-dir {path}: not a folder that exists; allowed: an existing folder, where "
                           "Save as scenario writes",
                     "zh": "--save-dir {path}：不是已存在的文件夹；允许：一个已存在的文件夹（“另存为情景文件”写入其中）"},
}

def control_label(path: str, lang: str) -> str:
    """A control's short label in ``lang``: its setting's (``settings.setting_label``)."""
    return setting_label(path, lang)
