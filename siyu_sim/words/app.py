"""The live what-if app's words (``siyu app``): page furniture, the controls' short labels and
the headline. Chart and section titles are the comparison report's (``report``); a control's
longer help is its setting's description (``settings``)."""

from __future__ import annotations

APP: dict[str, dict[str, str]] = {
    "app_title": {"en": "What if…? The private domain, live", "zh": "如果这样做会怎样？私域实时推演"},
    "app_intro": {"en": "Change a lever on the left; the answers on the right follow within seconds. "
                        "Every figure is what the strategy adds over the same customers with no private domain.",
                  "zh": "在左侧调整运营杠杆，右侧的结论会在几秒内更新。所有数字都是该策略相对于"
                        "同一批顾客“没有私域”时多赚（或少赚）的钱。"},
    "app_strategy": {"en": "Strategy: {name}", "zh": "策略：{name}"},
    "app_levers": {"en": "Levers", "zh": "运营杠杆"},
    "app_run_settings": {"en": "Customers, horizon, luck", "zh": "顾客数、模拟时长与随机种子"},
    "app_baseline": {"en": "Pinned baseline", "zh": "固定对照"},
    "app_absent_note": {"en": "0 on a channel or lever the strategy does not use means it stays off; "
                              "any other value adds it with its defaults.",
                        "zh": "策略未使用的渠道或杠杆显示为 0，表示保持关闭；填入其他数值即以默认设置启用。"},
    "app_save": {"en": "Save as scenario", "zh": "另存为情景文件"},
    "app_report": {"en": "Write report", "zh": "生成报告"},
    "app_running": {"en": "Simulating… {pct}%", "zh": "模拟中……{pct}%"},
    "app_waiting": {"en": "Waiting for the first run…", "zh": "正在进行第一次模拟……"},
    "app_ready": {"en": "Up to date: {customers} customers (simulated on {rows} rows) × {days} days, seed {seed} "
                        "({seconds:.1f} s)",
                  "zh": "已更新：{customers} 位顾客（以 {rows} 行模拟）× {days} 天，随机种子 {seed}（用时 {seconds:.1f} 秒）"},
    "app_refused": {"en": "Not run: these values are refused.", "zh": "未运行：以下取值不被接受。"},
    "app_failed": {"en": "The run failed: {error}", "zh": "模拟失败：{error}"},
    "app_headline_adds": {"en": "{name} adds {inc} over no private domain in {months}",
                          "zh": "{name}在{months}内比没有私域多赚 {inc}"},
    "app_headline_loses": {"en": "{name} loses {inc} against no private domain in {months}",
                           "zh": "{name}在{months}内比没有私域少赚 {inc}"},
    "app_headline_base": {"en": "Pinned baseline {name}: {inc} added", "zh": "固定对照{name}：净增 {inc}"},
    "app_command": {"en": "The same comparison from a terminal:", "zh": "在终端中运行同一比较："},
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
    # a dot's hover lines (the values are Plotly's placeholders, filled in by the chart)
    "app_group_hover_customer": {"en": "customer {value}", "zh": "顾客 {value}"},
    "app_group_hover_trust": {"en": "trust {value}", "zh": "信任度 {value}"},
    "app_group_hover_activity": {"en": "activity {value}", "zh": "活跃度 {value}"},
    "app_serving": {"en": "siyu app: open {url} (Ctrl+C stops it)", "zh": "siyu app：请打开 {url}（按 Ctrl+C 停止）"},
}

#: Short labels of the app's controls, by the scenario key each one sets.
CONTROL_LABELS: dict[str, dict[str, str]] = {
    "levers.broadcast.frequency_per_day": {"en": "Broadcasts per day", "zh": "每天群发次数"},
    "levers.broadcast.content_quality": {"en": "Content quality (0–1)", "zh": "内容质量（0–1）"},
    "levers.broadcast.promo_share": {"en": "Promotional share of pushes", "zh": "促销内容占比"},
    "levers.coupon.depth": {"en": "Coupon depth (share off)", "zh": "优惠券力度（折扣比例）"},
    "levers.coupon.schedule.every": {"en": "Coupon every … days", "zh": "每隔几天发一次券"},
    "levers.care.staff": {"en": "1:1 care staff", "zh": "一对一客情维护人数"},
    "levers.store_qr.rate_at_full_execution": {"en": "Store QR: add rate", "zh": "门店二维码：添加率"},
    "levers.package_card.rate_at_full_execution": {"en": "Package card: add rate", "zh": "包裹卡：添加率"},
    "levers.paid_ads.adds_per_day": {"en": "Paid ads: adds per day", "zh": "付费广告：每天新增人数"},
    "levers.referral_reward.reward_cny": {"en": "Referral reward (CNY)", "zh": "以老带新奖励（元）"},
    "population.customers": {"en": "Customers (the brand's)", "zh": "顾客数（品牌实际）"},
    "days": {"en": "Days", "zh": "天数"},
    "seed": {"en": "Seed", "zh": "随机种子"},
}


def control_label(path: str, lang: str) -> str:
    """A control's short label in ``lang`` (its key path when it has none)."""
    entry = CONTROL_LABELS.get(path)
    return entry[lang] if entry else path
