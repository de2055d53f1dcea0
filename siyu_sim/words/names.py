"""Names of things in the tidy tables, as a reader should see them: shipped scenarios and
customer segments (a metric's name is its declaration's: ``siyu_sim.metrics``); and the model's
key assumptions for the assumptions page."""

from __future__ import annotations

SCENARIO_LABELS: dict[str, dict[str, str]] = {
    "nurture": {"en": "nurture", "zh": "养（关系经营）"},
    "no_private_domain": {"en": "no private domain", "zh": "无私域"},
    "harvest": {"en": "harvest", "zh": "收割（激进促销）"},
    "pilot_then_scale": {"en": "pilot_then_scale", "zh": "先试点后放量"},
    "luckin_community": {"en": "luckin_community", "zh": "瑞幸式门店社群"},
    "store_driven": {"en": "store_driven", "zh": "门店引流（百果园式）"},
    "wechat_to_wecom": {"en": "wechat_to_wecom", "zh": "个人微信迁移企业微信"},
    "small_brand": {"en": "small_brand", "zh": "小品牌"},
    "mismatch": {"en": "mismatch", "zh": "错配（精细产品粗放促销）"},
    # the live app's strategy on screen, weighed against its starting point (app.whatif.WHAT_IF)
    "what_if": {"en": "what-if", "zh": "调整后方案"},
}

# The shipped scenarios' descriptions (their ``description`` setting), shown in the settings
# tables while the file's description is the shipped one.
SCENARIO_DESCRIPTIONS: dict[str, dict[str, str]] = {
    "nurture": {"en": "Relationship building: useful content, 1:1 care, few shallow discounts, store QR "
                      "and referrals.",
                "zh": "关系经营：有用的内容、一对一关怀、少量浅度优惠、门店二维码和以老带新。"},
    "harvest": {"en": "Aggressive harvesting: mass adds, many promotional pushes a day, deep frequent "
                      "coupons.",
                "zh": "激进收割：大量加粉、每天多条促销推送、频繁发放大额优惠券。"},
    "pilot_then_scale": {"en": "Run the conversion model on a capped pilot pool for 90 days, then scale "
                               "acquisition and staff.",
                         "zh": "先在限定规模的试点私域上跑通转化模型 90 天，再扩大引流和人手。"},
    "luckin_community": {"en": "Luckin-like coffee chain: store WeCom groups with a small daily check-in "
                               "coupon in one push a day.",
                         "zh": "类似瑞幸的咖啡连锁：门店企业微信社群，每天一条推送，附小额每日签到券。"},
    "store_driven": {"en": "Pagoda-like fruit chain: checkout QR into local store groups, daily fresh-fruit "
                           "posts, a weekly coupon.",
                     "zh": "类似百果园的水果连锁：收银台二维码引入门店社群，每天发鲜果内容，每周一张优惠券。"},
    "wechat_to_wecom": {"en": "Members on banned-prone personal WeChat accounts migrate to WeCom on day 120, "
                              "losing some on the way.",
                        "zh": "容易被封的个人微信号上的成员在第 120 天迁移到企业微信，途中流失一部分。"},
    "small_brand": {"en": "A brand under 50M CNY a year with a small pool: a decent private domain that "
                          "cannot carry its team.",
                    "zh": "年营收不足 5000万元、私域规模小的品牌：私域做得不错，但养不起团队。"},
    "mismatch": {"en": "Premium skincare that needs careful operation, run with daily promotions and deep "
                       "coupons.",
                 "zh": "需要精细运营的高端护肤品，却用每日促销和大额优惠券来运营。"},
}

SEGMENT_LABELS: dict[str, dict[str, str]] = {
    "loyal_prone": {"en": "loyal-prone", "zh": "忠诚倾向型"},
    "regular": {"en": "regular", "zh": "普通型"},
    "bargain_hunter": {"en": "bargain hunter", "zh": "薅羊毛型"},
}

# Key assumptions for the assumptions page: what the model takes as given, with sources.
KEY_ASSUMPTIONS: list[dict[str, str]] = [
    {"en": "Reaching members costs staff time, tools and coupons, not ad money per impression (004).",
     "zh": "触达成员不按曝光付费，但需要人力、工具和优惠券成本（004）。"},
    {"en": "Trust grows with useful content read and 1:1 care, falls with promotional pushes and "
           "fatigue, and fades slowly without contact (000, 003; Morgan & Hunt 1994).",
     "zh": "信任随有用内容的阅读和一对一关怀而增长，随促销推送和疲劳而下降，缺少联系时缓慢衰减"
           "（000、003；Morgan & Hunt 1994）。"},
    {"en": "Touches beyond a member's daily tolerance build fatigue; fatigue and low trust make "
           "members mute (免打扰) and then leave (退群) (001, 003).",
     "zh": "超过成员每日容忍度的触达会累积疲劳；疲劳和低信任会让成员开启免打扰，进而退群（001、003）。"},
    {"en": "Muted members stay in the group but no longer read group pushes (001).",
     "zh": "免打扰成员仍留在群内，但不再阅读群推送（001）。"},
    {"en": "Discounts lift buying now, pull the price members expect down (reference price) and "
           "cost margin: customers get trained to buy only on discount (000, 002, 004).",
     "zh": "优惠能立刻拉动购买，但会拉低成员心中的参考价格并牺牲毛利：用户会被训练成只在打折时购买（000、002、004）。"},
    {"en": "Purchases follow each customer's need cycle, raised by trust and attention and by the "
           "deal against the reference price.",
     "zh": "购买遵循每位顾客的需求周期，信任、关注度以及相对参考价格的优惠程度会提高购买概率。"},
    {"en": "Satisfied, trusting members bring in new ones through their contacts; referral is the "
           "cheapest acquisition (002).",
     "zh": "满意且信任品牌的成员会通过人脉带来新成员；以老带新是成本最低的获客方式（002）。"},
    {"en": "Execution quality scales what every lever achieves: the same package card adds >30% "
           "or <5% (003, 004).",
     "zh": "执行质量决定每个杠杆的效果：同样的包裹卡，加粉率可以超过 30%，也可以低于 5%（003、004）。"},
    {"en": "The paid-ads alternative: the same cash (staff, tools, acquisition; discounts are revenue "
           "forgone, not cash) put into paid ads buys new customers through a saturating response curve "
           "(carry-over, then Hill saturation, as media-mix models fit it; a customer costs 200–900 CNY on "
           "the platforms, 001/002), each worth what the model's own new customers earn with no private "
           "domain; judged, like the private domain, on the profit it adds.",
     "zh": "付费广告对照：同样的现金（人力、工具、获客；优惠是少收的钱，不是现金）投放付费广告，按一条会饱和的"
           "响应曲线买来新顾客（先有延滞效应，再按 Hill 函数饱和，与营销组合模型的拟合形式相同；平台获客成本"
           "每人 200–900 元，001/002），每位新顾客的价值按模型中不做私域时新顾客实际带来的毛利计算；与私域一样，"
           "按净增利润评判。"},
    {"en": "Personal WeChat accounts can be banned and lose their whole group or friend list at "
           "once; WeCom is the compliant path (000, 001).",
     "zh": "个人微信号可能被封，一旦被封整个群或好友列表会同时丢失；企业微信是合规路径（000、001）。"},
    {"en": "A community group holds at most 500 members (004).",
     "zh": "一个社群最多容纳 500 人（004）。"},
]
