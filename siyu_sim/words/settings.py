"""Units and descriptions of the scenario settings (the pydantic schema's ``unit`` extras and
field descriptions) in both languages, for the assumptions page, the calibration report and the
app. ``setting_unit(unit, lang)`` and ``setting_description(setting_id, english, lang)`` return
the reader's wording: a description by its setting's id (``config.schema_info.setting_id``, the
dotted path; the translations are in ``setting_descriptions``), a unit by the unit's own short
name, a vocabulary of a few dozen that many settings share. English, and a unit or setting with
no entry (a plug-in's), come back as the schema writes them; ``tests/test_words_settings.py``
walks the schema and checks that every unit and description has Chinese."""

from __future__ import annotations

import re
from typing import Sequence


from .setting_descriptions import SETTING_DESCRIPTIONS

SETTING_UNITS: dict[str, dict[str, str]] = {
    "CNY per add": {"en": "CNY per add", "zh": "元/每位新增"},
    "CNY per day": {"en": "CNY per day", "zh": "元/天"},
    "CNY per member per day": {"en": "CNY per member per day", "zh": "元/成员/天"},
    "CNY per lead per day": {"en": "CNY per lead per day", "zh": "元/主管/天"},
    "CNY per order": {"en": "CNY per order", "zh": "元/单"},
    "CNY per package": {"en": "CNY per package", "zh": "元/包裹"},
    "CNY per post": {"en": "CNY per post", "zh": "元/条"},
    "CNY per push": {"en": "CNY per push", "zh": "元/条"},
    "CNY per referral": {"en": "CNY per referral", "zh": "元/每次推荐"},
    "CNY per staff per day": {"en": "CNY per staff per day", "zh": "元/人/天"},
    "CNY per customer": {"en": "CNY per customer", "zh": "元/每位顾客"},
    "share of the market": {"en": "share of the market", "zh": "占市场的比例"},
    "activity": {"en": "activity", "zh": "活跃度"},
    "× the usual buying hazard": {"en": "× the usual buying hazard", "zh": "× 平常的购买意愿"},
    "share of demand": {"en": "share of demand", "zh": "需求比例"},
    "referrals credited (fractional)": {"en": "referrals credited (fractional)", "zh": "记入的推荐数（可为小数）"},
    "ordinary orders per order": {"en": "ordinary orders per order", "zh": "个普通订单/单"},
    "times": {"en": "times", "zh": "倍"},
    "contacts": {"en": "contacts", "zh": "联系人数"},
    "contacts per staff per day": {"en": "contacts per staff per day", "zh": "次联系/人/天"},
    "day": {"en": "day", "zh": "天"},
    "days": {"en": "days", "zh": "天"},
    "exponent": {"en": "exponent", "zh": "指数"},
    "groups per operator": {"en": "groups per operator", "zh": "群/运营人员"},
    "friends per account": {"en": "friends per account", "zh": "好友/账号"},
    "share of a run group's": {"en": "share of a run group's", "zh": "占有人运营的群的比例"},
    "log basket size per unit trust": {"en": "log basket size per unit trust", "zh": "每单位信任的客单量对数"},
    "log-hazard at saturation": {"en": "log-hazard at saturation", "zh": "饱和时的对数风险率"},
    "log-hazard per unit relative gain": {"en": "log-hazard per unit relative gain", "zh": "每单位相对实惠的对数风险率"},
    "log-hazard per unit relative price gain": {"en": "log-hazard per unit relative price gain",
                                                "zh": "每单位相对价格实惠的对数风险率"},
    "log-hazard per unit trust": {"en": "log-hazard per unit trust", "zh": "每单位信任的对数风险率"},
    "per quality-weighted read a day, when rested": {"en": "per quality-weighted read a day, when rested", "zh": "每单位有用内容阅读、每天（已缓过来时）"},
    "share of the budget": {"en": "share of the budget", "zh": "预算比例"},
    "share of customers a year": {"en": "share of customers a year", "zh": "每年占顾客数的比例"},
    "× customers": {"en": "× customers", "zh": "× 顾客数"},
    "log-hazard per unit price sensitivity at saturation": {"en": "log-hazard per unit price sensitivity at saturation", "zh": "每单位价格敏感度的对数风险率（饱和时）"},
    "log-hazard": {"en": "log-hazard", "zh": "对数风险率"},
    "log-lift at saturation": {"en": "log-lift at saturation", "zh": "对数提升（饱和时）"},
    "log-lift per unit trust": {"en": "log-lift per unit trust", "zh": "每单位信任的对数提升"},
    "per announced coupon per unit of depth beyond shallow": {"en": "per announced coupon per unit of depth beyond shallow", "zh": "每张发出的优惠券、按超出浅折扣的每单位力度"},
    "log-normal sigma": {"en": "log-normal sigma", "zh": "对数正态分布 σ"},
    "members": {"en": "members", "zh": "成员数"},
    "mood": {"en": "mood", "zh": "群氛围"},
    "per 1:1 contact at full quality": {"en": "per 1:1 contact at full quality", "zh": "每次满质量一对一联系"},
    "per 1:1 contact × trust": {"en": "per 1:1 contact × trust", "zh": "每次一对一联系 × 信任"},
    "per day": {"en": "per day", "zh": "每天"},
    "per day at full fatigue": {"en": "per day at full fatigue", "zh": "完全疲劳时每天"},
    "per day with no reason to stay": {"en": "per day with no reason to stay", "zh": "无留下理由时每天"},
    "per excess touch, relative to tolerance": {"en": "per excess touch, relative to tolerance",
                                                "zh": "每次超额触达（相对承受度）"},
    "per promotional push per day": {"en": "per promotional push per day", "zh": "每天每条促销推送"},
    "per promotional read": {"en": "per promotional read", "zh": "每次阅读促销"},
    "per quality-weighted read": {"en": "per quality-weighted read", "zh": "每次按质量加权的阅读"},
    "per quality-weighted useful read": {"en": "per quality-weighted useful read", "zh": "每次按质量加权的有用阅读"},
    "per year": {"en": "per year", "zh": "每年"},
    "posts per day": {"en": "posts per day", "zh": "条/天"},
    "pushes per day": {"en": "pushes per day", "zh": "次推送/天"},
    "months": {"en": "months", "zh": "个月"},
    "people per lead": {"en": "people per lead", "zh": "人/主管"},
    "quality": {"en": "quality", "zh": "质量"},
    "ratio": {"en": "ratio", "zh": "倍数"},
    "real customers per day": {"en": "real customers per day", "zh": "真实顾客/天"},
    "real members": {"en": "real members", "zh": "真实成员数"},
    "relative lift per reward as a share of order value": {
        "en": "relative lift per reward as a share of order value", "zh": "奖励占客单价比例对应的相对提升"},
    "rows": {"en": "rows", "zh": "行"},
    "customers": {"en": "customers", "zh": "位顾客"},
    "× customers": {"en": "× customers", "zh": "× 顾客数"},
    "share": {"en": "share", "zh": "比例"},
    "share a year": {"en": "share a year", "zh": "每年比例"},
    "Gamma shape": {"en": "Gamma shape", "zh": "Gamma 形状参数"},
    "share of full execution": {"en": "share of full execution", "zh": "占熟练执行水平的比例"},
    "share per layer": {"en": "share per layer", "zh": "每层比例"},
    "share of list price": {"en": "share of list price", "zh": "占标价比例"},
    "share of online buyers": {"en": "share of online buyers", "zh": "占线上买家比例"},
    "share of population": {"en": "share of population", "zh": "占人群比例"},
    "share of store buyers": {"en": "share of store buyers", "zh": "占门店买家比例"},
    "share of the need cycle": {"en": "share of the need cycle", "zh": "占需求周期比例"},
    "staff": {"en": "staff", "zh": "人"},
    "touch equivalents": {"en": "touch equivalents", "zh": "折合触达次数"},
    "touches per day": {"en": "touches per day", "zh": "次触达/天"},
    "trust": {"en": "trust", "zh": "信任度"},
    "weight of the last price paid": {"en": "weight of the last price paid", "zh": "最近成交价的权重"},
    "messages per day": {"en": "messages per day", "zh": "条消息/天"},
    "per push received": {"en": "per push received", "zh": "每收到一条推送"},
    "per push received beyond tolerance": {"en": "per push received beyond tolerance", "zh": "每收到一条超出承受度的推送"},
    "per day in a fully lively group, when rested": {"en": "per day in a fully lively group, when rested",
                                                      "zh": "在完全活跃的群中、不疲劳时每天"},
    "share of the trust gap": {"en": "share of the trust gap", "zh": "占信任差距的比例"},
    "share of contacts": {"en": "share of contacts", "zh": "占联系人比例"},
    "relative to a first-timer": {"en": "relative to a first-timer", "zh": "相对首次被邀请者"},
}


#: What readers call a setting, in a few words: the app's controls, the fitted parameters in the
#: reports and the deck, the driver charts, the appendix beside the path. Keyed by the setting's
#: path, a segment's settings written ``population.segments[].…`` (``setting_label`` adds which
#: segment); the unit is the setting's declared one. A setting with no entry is shown by its path.
SETTING_LABELS: dict[str, dict[str, str]] = {
    "levers.broadcast.frequency_per_day": {"en": "Broadcasts", "zh": "群发频率"},
    "levers.broadcast.content_quality": {"en": "Content quality", "zh": "内容质量"},
    "levers.broadcast.promo_share": {"en": "Promotional share of pushes", "zh": "促销内容占比"},
    "levers.coupon.depth": {"en": "Coupon depth", "zh": "优惠券力度"},
    "levers.coupon.schedule.every": {"en": "A coupon every", "zh": "发券间隔"},
    "levers.care.staff": {"en": "1:1 care staff", "zh": "一对一客情维护人数"},
    "levers.store_qr.rate_at_full_execution": {"en": "Store QR: add rate", "zh": "门店二维码：添加率"},
    "levers.package_card.rate_at_full_execution": {"en": "Package card: add rate", "zh": "包裹卡：添加率"},
    "levers.paid_ads.adds_per_day": {"en": "Paid ads: adds", "zh": "付费广告：新增"},
    "levers.referral_reward.reward_cny": {"en": "Referral reward", "zh": "以老带新奖励"},
    "economics.order_value_cny": {"en": "Order value", "zh": "客单价"},
    "economics.unit_cost_cny": {"en": "Unit cost of goods", "zh": "单位商品成本"},
    "economics.staff_cost_per_day_cny": {"en": "Staff cost", "zh": "人员成本"},
    "economics.lead_cost_per_day_cny": {"en": "Team lead cost", "zh": "主管成本"},
    "economics.tool_cost_per_day_cny": {"en": "Tools and content cost", "zh": "工具与内容成本"},
    "economics.ads_cac_cny": {"en": "Paid ads: cost of a new customer", "zh": "付费广告：获客成本"},
    "economics.ads_half_saturation_cny_per_day": {"en": "Paid ads: half-saturation spend",
                                                  "zh": "付费广告：半饱和花费"},
    "economics.ads_reach_share": {"en": "Paid ads: reach", "zh": "付费广告：可触达"},
    "economics.ads_hill_shape": {"en": "Paid ads: curve shape", "zh": "付费广告：曲线形状"},
    "economics.ads_adstock_decay_per_day": {"en": "Paid ads: carry-over", "zh": "付费广告：延续效应"},
    "economics.ads_adstock_max_lag_days": {"en": "Paid ads: carry-over length", "zh": "付费广告：最长延续"},
    "population.customers": {"en": "Customers (the brand's)", "zh": "顾客数（品牌实际）"},
    "population.initial_member_share": {"en": "Members on day 0", "zh": "初始成员比例"},
    "population.potential_share": {"en": "Reachable market", "zh": "可触达市场比例"},
    "population.store_shopper_share": {"en": "Store shoppers", "zh": "门店顾客比例"},
    "population.contacts_per_customer": {"en": "Contacts per customer", "zh": "每位顾客的联系人数"},
    "population.market_growth_per_year": {"en": "Market growth", "zh": "市场增长率"},
    "population.segments[].share": {"en": "Share of customers", "zh": "顾客占比"},
    "population.segments[].need_cycle_days": {"en": "Need cycle", "zh": "需求周期"},
    "population.segments[].price_sensitivity": {"en": "Price sensitivity", "zh": "价格敏感度"},
    "population.segments[].touch_tolerance_per_day": {"en": "Touches tolerated", "zh": "触达承受度"},
    "population.segments[].initial_trust": {"en": "Trust at the start", "zh": "初始信任度"},
    "population.segments[].initial_activity": {"en": "Attention at the start", "zh": "初始关注度"},
    "behaviour.churn.leave_base": {"en": "Leaving, base rate", "zh": "基础退群率"},
    "behaviour.churn.leave_no_reason": {"en": "Leaving with no reason to stay", "zh": "无留下理由时的退群率"},
    "behaviour.churn.leave_fatigue": {"en": "Leaving from fatigue", "zh": "疲劳导致的退群"},
    "behaviour.churn.leave_per_push": {"en": "Leaving per promotional push", "zh": "每条促销推送导致的退群"},
    "behaviour.churn.rejoin_willingness": {"en": "Willingness to rejoin", "zh": "重新入群意愿"},
    "behaviour.churn.mute_base": {"en": "Muting, base rate", "zh": "基础免打扰率"},
    "behaviour.churn.mute_fatigue": {"en": "Muting from fatigue", "zh": "疲劳导致的免打扰"},
    "behaviour.churn.mute_per_push": {"en": "Muting per promotional push", "zh": "每条促销推送导致的免打扰"},
    "behaviour.purchase.trust_effect": {"en": "Trust's effect on buying", "zh": "信任对购买的影响"},
    "behaviour.purchase.basket_trust_effect": {"en": "Trust's effect on basket size", "zh": "信任对客单的影响"},
    "behaviour.purchase.deal_salience": {"en": "Deal posts' pull on buying", "zh": "促销推送对购买的拉动"},
    "behaviour.purchase.lapse_per_year": {"en": "Lapsing a year", "zh": "每年流失率"},
    "behaviour.purchase.max_reference_loss": {"en": "Reference-price penalty cap", "zh": "参考价损失上限"},
    "behaviour.purchase.reminder_lift": {"en": "Reminder lift", "zh": "提醒带来的购买提升"},
    "behaviour.trust.care_gain": {"en": "Trust from 1:1 care", "zh": "一对一关怀带来的信任"},
    "behaviour.trust.content_gain": {"en": "Trust from useful content", "zh": "有用内容带来的信任"},
    "behaviour.trust.decay": {"en": "Trust decay", "zh": "信任衰减"},
    "behaviour.trust.promo_erosion": {"en": "Trust lost to promotions", "zh": "促销对信任的侵蚀"},
    "days": {"en": "Horizon", "zh": "模拟时长"},
    "seed": {"en": "Seed", "zh": "随机种子"},
}
#: A segment's setting, said with the segment's name.
SEGMENT_SETTING = {"en": "{label} ({segment})", "zh": "{label}（{segment}）"}
#: A list item written ``[1]`` in a path (``population.segments[1].share``), as ``.1`` (words import
#: nothing of the model: this is ``keys.normalise_path``'s one rule).
_ITEM = re.compile(r"\[(-?\d+)\]")
#: A segment's setting in a path: ``population.segments.<index or name>.<field>``.
_SEGMENT_PATH = re.compile(r"^population\.segments\.([^.]+)\.(.+)$")


def setting_label(path: str, lang: str, segments: Sequence[str] | None = None) -> str:
    """A setting as readers call it in ``lang`` (``SETTING_LABELS``); a segment's setting by the
    segment too, by its title (``Need cycle (Office regulars)``): ``segments`` are the scenario's
    segment names in order, for a path that gives the segment by its index (else the scenarios
    ``words.titled`` names, when they all have the same segments). A setting with no label:
    its path, as given."""
    from . import segment_label, titled_segments

    key = _ITEM.sub(r".\1", path.strip())
    found = _SEGMENT_PATH.match(key)
    if found is None:
        entry = SETTING_LABELS.get(key)
        return entry[lang] if entry else path
    which, field = found.groups()
    entry = SETTING_LABELS.get(f"population.segments[].{field}")
    if which == "*":  # every segment alike (an uncertain assumption's path)
        return entry[lang] if entry else path
    order = list(segments) if segments is not None else titled_segments()
    if which.isdigit():
        if int(which) >= len(order):
            return path
        which = order[int(which)]
    if entry is None:
        return path
    return SEGMENT_SETTING[lang].format(label=entry[lang], segment=segment_label(which, lang))


def setting_unit(unit: str, lang: str) -> str:
    """``unit`` (as the schema writes it, in English) in ``lang``; unknown units unchanged."""
    entry = SETTING_UNITS.get(unit)
    return entry[lang] if entry else unit


def setting_description(setting_id: str | None, english: str, lang: str) -> str:
    """The description of the setting ``setting_id`` in ``lang``; ``english`` is the schema's
    own (returned for English, and for a setting with no translation)."""
    entry = SETTING_DESCRIPTIONS.get(setting_id) if lang != "en" and setting_id else None
    return entry[lang] if entry else english
