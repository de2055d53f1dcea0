"""The scenario settings' descriptions in Chinese, for the assumptions page, the calibration
report and the app's help, keyed by each setting's id: its dotted path in a scenario file
(``config.schema_info.setting_ids``: ``behaviour.trust.decay``, ``population.segments[].share``,
``levers.coupon.depth``; ``levers.*.schedule.start`` for what every lever type shares). The
English is the schema's own field description. An edited English description keeps its
translation (re-read it here when the English changes); ``tests/test_words_settings.py`` walks
the schema and fails on a setting with no Chinese, on an entry no setting has, and on DOMAIN
numbers or cited years that differ between the two. Source references (DOMAIN 001, authors and
years) stay as in English."""

from __future__ import annotations

SETTING_DESCRIPTIONS: dict[str, dict[str, str]] = {
    # scenario
    "name":
        {"zh": "在表格、报告和文件名中使用的短名称：可用字母（任何文字）、数字和 _ . -（不可含 / 或 ..）。"},
    "title": {"zh": "本情景对读者显示的英文名称：终端、报告、演示文稿、工作簿和交互应用中都用它。不填：用情景名（内置情景：用其常用名称）。"},
    "title_zh": {"zh": "本情景对读者显示的中文名称。不填：用 title，否则用内置情景的常用中文名称，再否则用情景名。"},
    "description": {"zh": "用平实的话说明本情景代表什么。"},
    "days": {"zh": "模拟天数（模拟期长度）。"},
    "seed": {"zh": "所有随机数流的根种子。"},
    "start_date":
        {"zh": "第 0 天的日期（如 2026-01-01）：月份按日历月计算，并可设置节日、季节和按日期的排期。"
               "不填：不指定日期的模拟（每月为一年的十二分之一）。"},
    "environment": {"zh": "整个市场的状况（季节、节日、冲击）：不是品牌自己的动作，“无私域”基准也保留它们。"},
    # environment
    "environment.seasonality.amplitude": {"zh": "需求在旺季高于、半年后低于全年平均的幅度。0：没有季节性。"},
    "environment.seasonality.peak": {"zh": "季节高峰所在的日期，格式为 \"MM-DD\"（月-日）。"},
    "environment.festivals": {"zh": "每年重复的购物节。"},
    "environment.festivals[].start": {"zh": "时间窗口的第一天，格式为 \"MM-DD\"（如 \"06-01\"）。"},
    "environment.festivals[].stop":
        {"zh": "时间窗口的最后一天（含当天），格式为 \"MM-DD\"（如 \"06-18\"）。"},
    "environment.festivals[].name": {"zh": "名称（如 \"618\"、\"双十一\"）。"},
    "environment.festivals[].demand":
        {"zh": "节日期间的购买意愿相对于平常日子的倍数（假设值：请根据品牌自己的销售日历设定）。"},
    "environment.shocks": {"zh": "整个市场受到的冲击。"},
    "environment.shocks[].name": {"zh": "冲击是什么（如 \"门店停业\"）。"},
    "environment.shocks[].start": {"zh": "冲击开始的那一天（天数）或日期。"},
    "environment.shocks[].stop": {"zh": "冲击结束后的第一天（天数）或日期（不含当天）；不填 = 永久持续。"},
    "environment.shocks[].demand": {"zh": "冲击期间的购买意愿相对于冲击前的倍数。"},
    # population
    "population.customers": {"zh": "品牌第 0 天的顾客数，按真实人数计：包括潜在顾客和私域成员（potential_share 所指的市场潜在顾客另计）。"
                                   "这是品牌的规模：无论模拟多少行，所有人数和金额都按真实顾客计算。"},
    "population.rows": {"zh": "为这些顾客模拟的行数：决定一次运行的精度，而不是品牌的规模。每行代表 customers / rows 位真实顾客"
                              "（即权重，由此推算，不再手动设置）；行数越少越快、噪声越大，但数字的量级不变。不填：与顾客数相同，"
                              "最多 10,000 行（docs/performance.md，“一个问题需要多少行”）。行数多于顾客数时，每行代表不到一位顾客。"},
    "population.initial_member_share": {"zh": "第 0 天已在私域中的顾客比例。"},
    "population.store_shopper_share":
        {"zh": "在线下门店购物的顾客比例（收银台二维码能触达他们）；其余顾客在线上购买并收到包裹。"},
    "population.on_wecom_share":
        {"zh": "初始成员中由企业微信而非个人微信号承接的比例（个人号可能被封；DOMAIN 000/001）。"},
    "population.contacts_per_customer": {"zh": "推荐网络中每位顾客的平均联系人数（带同质性的随机图）。"},
    "population.homophily":
        {"zh": "从顾客自己所在分层中抽取的联系人比例，其余从所有人中抽取：朋友彼此相似（McPherson, Smith-Lovin & Cook 2001）。"
               "在默认分层下，一半的联系人在本分层内选择，因此约 70% 的联系人与其同层，而随机时为 38%。"
               "取 0 即为 Erdős–Rényi 随机图。"},
    "population.trait_spread": {"zh": "同一用户分层内需求周期和触达承受度的离散程度（顾客各不相同）。"},
    "population.lapse_propensity_shape":
        {"zh": "顾客停止购买的倾向各不相同：每位顾客的流失倾向取自均值为 1、形状参数为此值的 Gamma 分布，"
               "并与流失风险相乘。数值小：少数人很快流失、多数人留下，留下的是忠诚顾客，顾客群的流失率随时间下降；"
               "数值大：人人相同（Schmittlein, Morrison & Colombo 1987，"
               "Pareto/NBD；CDNOW 顾客群 s = 0.61，Fader, Hardie & Lee 2005）。"},
    "population.segments": {"zh": "用户分层；各分层比例之和须为 1。"},
    "population.segments[].name": {"zh": "标识名（小写字母、数字、下划线）。"},
    "population.segments[].title": {"zh": "该分层对读者显示的英文名称（报告、图表）。不填：用标识名（内置分层：用其常用名称）。"},
    "population.segments[].title_zh": {"zh": "该分层对读者显示的中文名称。不填：有常用中文名称时用它；只要有一个分层没有中文名称，"
                                              "报告就把所有分层都用英文显示，绝不混用。"},
    "population.segments[].share": {"zh": "属于该分层的顾客比例。"},
    "population.segments[].need_cycle_days": {"zh": "信任度中性、按标价购买的顾客两次购买之间的典型天数。"},
    "population.segments[].price_sensitivity": {"zh": "相对参考价格的优惠对购买的影响强度（薅羊毛型顾客较高）。"},
    "population.segments[].touch_tolerance_per_day":
        {"zh": "该顾客每天能承受、不致产生疲劳的触达次数（DOMAIN 001/003）。"},
    "population.segments[].initial_trust": {"zh": "开始时对品牌的信任度。"},
    "population.segments[].initial_activity": {"zh": "开始时的关注度。"},
    # behaviour.attention
    "behaviour.attention.mood_floor":
        {"zh": "在完全沉寂的社群中成员仍保留的关注度比例。安静的群仍会被少量阅读（DOMAIN 003：社群沉寂，成员潜水）。"},
    "behaviour.attention.moments_view_share":
        {"zh": "关注品牌的好友实际在信息流中看到的朋友圈内容比例（朋友圈是被动的：会被刷过，而不是推送到眼前；"
               "DOMAIN 003）。"},
    "behaviour.attention.attended_per_day":
        {"zh": "同类消息一天内的注意力尺度：读过 x 条后，留给下一条的注意力为 e^(−x/m)，所以 n 条消息相当于 m(1 − e^(−n/m)) 次阅读，"
               "每天的阅读量最多饱和到 m（注意力损耗；Schmidt & Eisend 2015）。每天一条推送保留其完整阅读机会的 85%；"
               "每天十条只相当于 2.9 条。"},
    "behaviour.attention.engagement_gain":
        {"zh": "阅读有用内容和一对一关怀对关注度的提升幅度（DOMAIN 000/003：有用的内容和个人互动能让人保持参与）。"},
    "behaviour.attention.mood_pull":
        {"zh": "活跃社群对成员关注度的带动作用（社会认同；Cialdini 2001）。"},
    "behaviour.attention.fatigue_drag":
        {"zh": "完全疲劳时每天流失的关注度（DOMAIN 001/003：推送太多，成员不再理会）。"},
    "behaviour.attention.decay": {"zh": "没有互动时关注度逐渐消退（在微信里，品牌只是众多声音之一）。"},
    # behaviour.churn
    "behaviour.churn.mute_base": {"zh": "活跃成员将社群设为免打扰的基础比率（人们会屏蔽消息太多的群）。"},
    "behaviour.churn.mute_fatigue":
        {"zh": "完全疲劳的成员额外的免打扰比率（DOMAIN 001/003：刷屏 → 免打扰）。"},
    "behaviour.churn.mute_per_push":
        {"zh": "活跃成员每收到一条群推送所带来的免打扰风险（促销推送按 fatigue.promo_weight 倍计）："
               "相当于邮件每次发送的退订（每次 0.1–0.5%）和 App 推送的关闭（Localytics 2017："
               "每周一条时 10% 关闭）。与疲劳不同，它不会饱和：每条推送都增加风险。"},
    "behaviour.churn.leave_base": {"zh": "基础退群率（搬到别的城市、失去兴趣；每年约 10%）。"},
    "behaviour.churn.leave_fatigue": {"zh": "完全疲劳的成员额外的退群率（DOMAIN 003：刷屏 → 退群）。"},
    "behaviour.churn.leave_per_push":
        {"zh": "活跃成员每收到一条群推送所带来的退群风险（促销推送同样加权）：退群是代价更高的离开方式，而设置免打扰、"
               "潜水的人远多于退群的人（DOMAIN 003：成员免打扰、潜水），所以取免打扰风险的十分之一。"},
    "behaviour.churn.leave_no_reason":
        {"zh": "既无信任也无优惠留住的成员的退群率：留下的理由为 1 − (1 − 信任)(1 − 优惠吸引力)（DOMAIN 002/004："
               "为优惠券入群的成员活动结束后就退群）。"},
    "behaviour.churn.unmute_care":
        {"zh": "一次个人联系让信任品牌的免打扰成员重新活跃的概率（DOMAIN 000：一对一关怀；星巴克重建了沉寂的社群，001）。"},
    "behaviour.churn.rejoin_willingness":
        {"zh": "离开过的顾客接受再次邀请（门店二维码、包裹卡）的概率是首次被邀请者的这一倍数：流失的顾客可以被赢回，"
               "但不如赢得新顾客那么容易（Thomas, Blattberg & Fox 2004；Kumar, Bhagwat & Zhang 2015）。"
               "这一比例是假设；付费广告不针对离开过的人。"},
    "behaviour.churn.friend_tie":
        {"zh": "因朋友推荐而加入的成员，多了一个留下的理由——那位朋友：留下的理由 = 1 − (1 − 信任)(1 − 优惠吸引)(1 − 纽带)。"
               "被推荐的顾客流失更少，推荐人留下时更是如此（社会关系的强化；Schmitt, Skiera & Van den Bulte 2011；"
               "Van den Bulte, Bayer, Skiera & Schmitt 2018）。其大小是假设。"},
    "behaviour.churn.unmute_mood":
        {"zh": "已不再疲劳的免打扰成员因群值得一看而每天取消免打扰的概率：活跃群的未读数和 @ 提醒会把人拉回来（社会认同，"
               "Cialdini 2001；DOMAIN 001：沉寂的群值得重建）。在完全活跃的群中平均约三个月；在沉寂的群中为零。"},
    # behaviour.fatigue
    "behaviour.fatigue.gain":
        {"zh": "超出承受度的每次触达所增加的疲劳，以承受度为单位衡量（广告疲劳；Pechmann & Stewart 1988）。"},
    "behaviour.fatigue.promo_weight":
        {"zh": "一条促销推送折合的触达次数：硬推销比有用内容更招人烦（DOMAIN 000：“用户不是傻子”；004：收割伤人）。"},
    "behaviour.fatigue.recovery": {"zh": "没有超额触达时每天消退的疲劳比例（半衰期约一周）。"},
    # behaviour.groups
    "behaviour.groups.capacity": {"zh": "每个社群的成员数；微信群上限为 500 人（DOMAIN 004）。"},
    "behaviour.groups.initial_mood": {"zh": "新建社群的群氛围。"},
    "behaviour.groups.responsiveness": {"zh": "群氛围跟随成员活跃度变化的速度（约一周半）。"},
    "behaviour.groups.spam_sensitivity":
        {"zh": "促销推送扼杀群内交流的强度（DOMAIN 003：天天促销，社群就会沉寂）。"},
    # behaviour.price
    "behaviour.price.adaptation":
        {"zh": "一次购买让心理预期价格向实付价格靠拢的程度（指数平滑参考价格；Briesch et al. 1997 报告的平滑权重约为 0.2–0.7）。"},
    "behaviour.price.recovery":
        {"zh": "不购买期间心理预期价格每天向标价回归的幅度（优惠会被慢慢遗忘；半衰期约 6 个月）。"},
    "behaviour.price.deal_memory_rate":
        {"zh": "成员对“这个群有优惠”的印象跟随实际优惠变化的速度（记忆约 3 周；DOMAIN 002/004："
               "为优惠券入群的成员活动结束后就退群）。"},
    # behaviour.purchase
    "behaviour.purchase.readiness_share":
        {"zh": "购买后，再次购买的意愿在需求周期的这一比例内线性恢复（刚买过的顾客暂时没有需求）。"},
    "behaviour.purchase.trust_effect":
        {"zh": "信任让购买加快的幅度（DOMAIN 000：私域里靠信任成交）。与 reminder_lift 一起校准，使 nurture 情景中"
               "社群成员的购买频次比可比的非成员高约 30%（DOMAIN 001，瑞幸：月购买频次 +30%；tests/test_calibration.py）。"},
    "behaviour.purchase.trust_neutral": {"zh": "购买率恰好等于需求周期基础购买率时的信任度（约为新顾客的信任度）。"},
    "behaviour.purchase.reminder_lift":
        {"zh": "当天被提醒（阅读了内容）带来的购买提升：在需要的时候推一把。与 trust_effect 一起校准，使社群成员的购买频次"
               "比可比的非成员高约 30%（DOMAIN 001，瑞幸：月购买频次 +30%）。"},
    "behaviour.purchase.gain_weight": {"zh": "价格低于参考价格时的效应（按每单位价格敏感度计）。"},
    "behaviour.purchase.loss_aversion":
        {"zh": "价格高于参考价格带来的损失感，是同等实惠带来的满足感的这一倍数（损失厌恶；Tversky & Kahneman 1991）。"},
    "behaviour.purchase.basket_trust_effect":
        {"zh": "信任品牌的顾客每单会多买一点：顾客份额和交叉购买随关系加深而上升，但幅度不大（Verhoef 2003：情感承诺对"
               "顾客份额增长的影响较小）。成员的提升主要体现在购买频次上（DOMAIN 001：频次 +30%）；取 0.2 时，被用心经营的成员"
               "每单比可比的非成员大约多 10%（tests/test_calibration.py）。"},
    "behaviour.purchase.lapse_per_year":
        {"zh": "信任中性、流失倾向为平均水平的顾客一年内从此不再向本品牌购买（需求转向别处、不再需要）的比例："
               "即“买到流失”类模型中的“流失”，按日历时间计（同 Pareto/NBD，Schmittlein, Morrison & Colombo 1987），"
               "因此与品类的购买频率无关。每年 13% 即“五年流失一半顾客”（Reichheld & Teal 1996）。"
               "请用品牌自己的复购数据拟合（docs/calibration.md）。"},
    "behaviour.purchase.lapse_trust_effect":
        {"zh": "信任降低顾客流失（不再购买）概率的程度（Bolton 1998：满意的顾客关系更长久）。方向有文献依据；"
               "大小是假设，需用数据拟合。"},
    # behaviour.referral
    "behaviour.referral.organic_per_year":
        {"zh": "Bass 模型创新系数 p：自行找到私域的潜在顾客（Sultan, Farley & Lehmann 1990 元分析均值 0.03）。"},
    "behaviour.referral.word_of_mouth_per_year":
        {"zh": "Bass 模型模仿系数 q：适用于所有联系人都是完全信任品牌的活跃成员的潜在顾客（Sultan, Farley & Lehmann 1990 均值 0.38；"
               "DOMAIN 002）。"},
    "behaviour.referral.reward_elasticity":
        {"zh": "价值相当于一单金额的推荐奖励使口碑传播提升的倍数（有奖推荐；Ryu & Feick 2007）。"},
    "behaviour.referral.trust_transfer":
        {"zh": "因联系人推荐而加入的潜在顾客，会把自身信任与推荐人（按推荐力度加权）信任之间的差距缩小这一比例："
               "推荐人的可信度会传递过来（Hovland & Weiss 1951；Schmitt, Skiera & Van den Bulte 2011）。从不降低信任。"},
    # behaviour.reseller
    "behaviour.reseller.enabled": {"zh": "成员可以成为分销商（C→B，DOMAIN 002）。默认关闭。"},
    "behaviour.reseller.min_trust":
        {"zh": "成员开始分销所需的信任度：只有认可品牌的人才会替品牌卖货（DOMAIN 002）。"},
    "behaviour.reseller.min_referrals":
        {"zh": "成员成为分销商之前需记在其名下的推荐数：说明他能带来新人。每次推荐的功劳按当日推荐力度分给所有推荐者，"
               "因此 1.0 大约相当于带来一位朋友（见模块说明）。"},
    "behaviour.reseller.bulk_orders": {"zh": "分销商的一单相当于多少个普通订单（进货转卖；假设值）。"},
    "behaviour.reseller.discount":
        {"zh": "分销价：标价减去这一比例，即分销商的利润空间（假设值；微商分销利润常见为 20–40%）。"},
    "behaviour.reseller.advocacy_lift":
        {"zh": "分销商为品牌说话的力度是同等信任度普通成员的多少倍：卖货是他的生意（假设值）。"},
    # behaviour.trust
    "behaviour.trust.content_gain":
        {"zh": "阅读一条完全有用的内容所建立的信任（DOMAIN 003：内容积累运营者的“IP 势能”和信任）。"},
    "behaviour.trust.care_gain":
        {"zh": "一次一对一个人联系所建立的信任：一条用心的评论、一次不谈产品的聊天（DOMAIN 000/001）。"},
    "behaviour.trust.promo_erosion":
        {"zh": "每阅读一条促销推送流失的信任：机会主义（Morgan & Hunt 1994；DOMAIN 000：“用户不是傻子”）。"},
    "behaviour.trust.fatigue_erosion": {"zh": "感到被刷屏的成员每天流失的信任（DOMAIN 003/004）。"},
    "behaviour.trust.irritation_erosion":
        {"zh": "成员每收到一条超出其每日承受度的群推送所损失的信任（促销推送加权）：烦扰会附着在发送者身上，"
               "并在消息之后持续（Kronrod & Huber 2019）。免打扰成员收不到推送，也就不会因此损失信任。"},
    "behaviour.trust.decay":
        {"zh": "缺少联系时，信任向顾客自己的基准（所属分层的初始信任）回归的速度，对每位顾客都一样，无论是否成员："
               "建立起来的关系会淡化，造成的伤害也会淡化（默认值下约 15 个月缩小一半差距）。"},
    # economics
    "economics.order_value_cny":
        {"zh": "平均每单按标价计的金额（一篮水果或一单咖啡；DOMAIN 000/001）。"},
    "economics.unit_cost_cny": {"zh": "平均每单的货品成本（默认按标价计毛利率 45%）。"},
    "economics.staff_cost_per_day_cny": {"zh": "一名运营人员的全部用人成本（每月约 1.2万元）。"},
    "economics.tool_cost_per_day_cny":
        {"zh": "SCRM / 企业微信工具订阅费（DOMAIN 004：触达需要工具成本）。各杠杆的物料和赠品也计入工具成本。"},
    "economics.tool_cost_per_member_day_cny": {"zh": "按席位和按消息计费、随私域规模增长的工具成本。"},
    "economics.lead_cost_per_day_cny":
        {"zh": "一名团队主管的全部用人成本（每月约 1.8万元，相当于 1.5 名运营人员；假设值）。执行杠杆按管理幅度为每组运营人员配一名主管（Urwick 1956）。"},
    "economics.ads_cac_cny":
        {"zh": "付费广告：少量投放时一位增量新顾客的成本（响应曲线在零投入处的斜率；形状为 1 时，"
               "在半饱和投入处平均成本为其两倍）。DOMAIN 001/002：平台获客成本每人 200+ 元（阿里 2018）到 "
               "900+ 元（2020），拼多多每位活跃买家 367 元（2021）：最新的数字，在此区间内。取自营销组合模型："
               "半饱和投入 ÷ 饱和时的效果（每天的顾客数）。"},
    "economics.ads_half_saturation_cny_per_day":
        {"zh": "付费广告：计入延滞后的每日投入达到多少时，广告买到的顾客是其上限的一半（Hill 函数的半饱和点，"
               "即 Meridian 的 ec，以元计）。营销组合模型的每周数字除以 7；0：广告买不到任何人。不填：按 ads_cac_cny 的成本，"
               "在一年内买下市场中全部可触达的潜在顾客所需的投入（ads_reach_share × population.potential_share × "
               "customers / 365）。"},
    "economics.ads_reach_share":
        {"zh": "付费广告：市场潜在顾客中广告最终能触达的比例，只在未填 ads_half_saturation_cny_per_day 时使用"
               "（尼尔森：一次 8 周的电视投放触达了 69% 的目标成年人；与 levers.paid_ads.reach_share 同一数字）。"},
    "economics.ads_hill_shape":
        {"zh": "付费广告：Hill 函数的形状（Meridian 的 slope）：不超过 1 为凹形，每多投一元买到的顾客更少；"
               "大于 1 为 S 形。1：凹形（Jin 等 2017；与 paid_ads 杠杆自身的曲线相同）。"},
    "economics.ads_adstock_decay_per_day":
        {"zh": "付费广告：某天的投入在第二天还剩多少作用（几何衰减的延滞效应，Meridian 的 alpha）。"
               "每天 0.906 即每周 0.5，是 Meridian 默认先验（每期 Uniform(0, 1)）的均值；周度模型的 alpha "
               "换算为每天是 alpha^(1/7)。"},
    "economics.ads_adstock_max_lag_days":
        {"zh": "付费广告：某天的投入持续起作用的天数（Meridian 的 max_lag：默认 8 期，这里为 8 周）。0：没有延滞。"},
    # scenario
    "levers": {"zh": "品牌的运营动作：名称 → 杠杆或事件（类型默认为该名称）。"},
    "uncertain[].path": {"zh": "设定的点分路径（与 --set 相同）；* 代表列表中的每一项，例如 population.segments.*.need_cycle_days。"},
    "uncertain[].low": {"zh": "最小值（relative = true 时为方案自身取值的倍数）。"},
    "uncertain[].high": {"zh": "最大值（relative = true 时为倍数）。"},
    "uncertain[].mode": {"zh": "最可能的取值，用于 distribution = \"triangular\"（默认：relative 时为 1，否则为区间中点）。"},
    "uncertain[].relative": {"zh": "low、high 与 mode 乘以方案自身的取值。"},
    "uncertain[].distribution": {"zh": "在 low 与 high 之间如何抽取：uniform（均匀）、loguniform（对数均匀，每个 ×k 同等可能）或 triangular（三角）。"},
    "uncertain[].paths": {"zh": "从 sets 中一同抽取的多个设定（如校准所接受的参数组）。"},
    "uncertain[].sets": {"zh": "paths 的联合取值，每组一个列表，整组抽取、机会均等。"},
    "uncertain[].label": {"zh": "表格与图中的名称（默认：路径）。"},
    "uncertain[].label_zh": {"zh": "中文名称（默认：label）。"},
    "uncertain[].source": {"zh": "范围的出处：研究、品牌账目或校准。必填。"},
    "uncertain": {"zh": "无人测量过的假设，每项附范围与出处：`siyu compare --draws N` 从中抽样（docs/uncertainty.md）。单次模拟不使用。"},
    # a calibrated scenario's record of its fit (not settings)
    "calibration": {"zh": "由 `siyu calibrate` 写入：用品牌自己的数据拟合了什么、拟合得怎么样（docs/calibration.md）。"
                          "不是设定：模拟时不使用；由该文件生成的报告会展示它。"},
    "calibration.observed": {"zh": "拟合所用的品牌实际数据。"},
    "calibration.calibration": {"zh": "校准文件。"},
    "calibration.period": {"zh": "实际数据中一个周期的长度。"},
    "calibration.fit_periods": {"zh": "拟合所用的周期数。"},
    "calibration.margin": {"zh": "拟合指标的误差超过这一比例即为拟合不上。"},
    "calibration.good": {"zh": "没有拟合不上的指标，且留出期检验通过。"},
    "calibration.held_out_inside": {"zh": "落在区间带内的留出期数值个数。"},
    "calibration.held_out_total": {"zh": "参与检验的留出期数值个数。"},
    "calibration.held_out_pass": {"zh": "至少 80% 的留出期数值落在区间带内。"},
    "calibration.parameters": {"zh": "拟合的参数。"},
    "calibration.metrics": {"zh": "拟合的指标。"},
    "calibration.parameters[].path": {"zh": "所拟合设定的点分路径。"},
    "calibration.parameters[].value": {"zh": "写入本文件的估计值（最佳试验的取值）。"},
    "calibration.parameters[].low": {"zh": "拟合效果与估计值相当的最小取值。"},
    "calibration.parameters[].high": {"zh": "拟合效果与估计值相当的最大取值。"},
    "calibration.parameters[].range_low": {"zh": "拟合时允许的最小值。"},
    "calibration.parameters[].range_high": {"zh": "拟合时允许的最大值。"},
    "calibration.parameters[].at_bound": {"zh": "估计值落在范围的下限或上限时为 \"low\" 或 \"high\"，否则为 \"\"。"},
    "calibration.parameters[].identified": {"zh": "其区间不超过范围的 70%。"},
    "calibration.parameters[].pinned_down": {"zh": "能被识别、不在边界上，且整体拟合良好。"},
    "calibration.metrics[].metric": {"zh": "实际数据中的列。"},
    "calibration.metrics[].error": {"zh": "拟合期内 |模拟中位数 − 实际值| 之和除以 |实际值| 之和。"},
    "calibration.metrics[].missed": {"zh": "误差超过容许误差。"},
    # levers: what every type shares
    "levers.*.type": {"zh": "已注册的杠杆类型（默认为该表的名称）。"},
    "levers.*.schedule": {"zh": "杠杆何时起作用。"},
    "levers.*.schedule.start": {"zh": "杠杆开始起作用的第一天。"},
    "levers.*.schedule.stop": {"zh": "杠杆停止起作用的第一天（不含当天）；不填 = 一直不停。"},
    "levers.*.schedule.every": {"zh": "每隔这么多天执行一次。"},
    "levers.*.schedule.ramp_days": {"zh": "力度逐步提升到满额所需的天数（0 = 立即满额）。"},
    "levers.*.schedule.start_date":
        {"zh": "该杠杆开始生效的日期（代替 start；需要情景设置 start_date）。"},
    "levers.*.schedule.stop_date":
        {"zh": "该杠杆不再生效的第一天日期（代替 stop；需要情景设置 start_date）。"},
    "levers.*.schedule.windows": {"zh": "每年只在这些时间窗口内的日子生效（需要情景设置 start_date）。"},
    "levers.*.into_group": {"zh": "新成员加入社群。"},
    "levers.*.add_friend": {"zh": "新成员成为企业微信 / 个人微信好友。"},
    "levers.*.on_wecom": {"zh": "由企业微信（true）还是个人微信号承接。"},
    "levers.*.execution_elasticity":
        {"zh": "执行越差，加粉率下降得越陡（DOMAIN 004：>30% 对比 <5%）。"},
    # levers.store_qr
    "levers.store_qr.rate_at_full_execution":
        {"zh": "执行完美时的加粉率（DOMAIN 001：执行到位时为 60–70%）。"},
    "levers.store_qr.incentive_cny": {"zh": "收银台的入群奖励（DOMAIN 001：立减 5 元）。"},
    # levers.package_card
    "levers.package_card.rate_at_full_execution":
        {"zh": "执行完美时的加粉率（DOMAIN 004：设计得好的团队超过 30%）。"},
    "levers.package_card.cost_per_card_cny": {"zh": "包裹卡印刷和放置成本。"},
    # levers.paid_ads
    "levers.paid_ads.execution_elasticity": {"zh": "买来的加粉几乎不取决于品牌自身的执行。"},
    "levers.paid_ads.adds_per_day":
        {"zh": "受众尚未被用过时，每天预算能买到的加粉人数：每日预算 = adds_per_day × cost_per_add_cny；"
               "可触达受众被用掉越多，买到的越少。"},
    "levers.paid_ads.cost_per_add_cny":
        {"zh": "受众尚未被用过时最初几位加粉的成本；可触达受众被用掉越多，每加一位越贵（Hill 饱和曲线，"
               "Jin et al. 2017）。"},
    "levers.paid_ads.reach_share":
        {"zh": "平台按本品牌的定向能触达的模拟顾客比例；只有这些人能被买来。广告活动的到达率在覆盖全部目标人群之前就趋于平稳（Nielsen："
               "一次 8 周的电视广告覆盖了 69% 的目标成年人）。"},
    "levers.paid_ads.max_cost_per_add_cny":
        {"zh": "出价上限：某天每加一位的成本高于此值时，当天不买（也不花钱）；不设 = 无上限。"},
    # levers.referral_reward
    "levers.referral_reward.reward_cny": {"zh": "每推荐一位新成员支付的奖励。"},
    # levers.pilot_then_scale
    "levers.pilot_then_scale.pilot_members": {"zh": "试点期间的私域规模上限。"},
    "levers.pilot_then_scale.scale_day": {"zh": "取消上限的那一天。"},
    # levers.migration
    "levers.migration.day": {"zh": "迁移发生的那一天。"},
    "levers.migration.loss_share": {"zh": "迁移过程中流失的成员比例。"},
    # levers.account_ban
    "levers.account_ban.day": {"zh": "确定封号的那一天；不填 = 随机封号。"},
    "levers.account_ban.daily_probability": {"zh": "任意一天被封号的概率。"},
    "levers.account_ban.groups_lost": {"zh": "每次封号丢失的社群数。"},
    # levers.broadcast
    "levers.broadcast.frequency_per_day": {"zh": "每天的社群推送条数。"},
    "levers.broadcast.content_quality": {"zh": "内容的有用程度，0–1。"},
    "levers.broadcast.promo_share": {"zh": "推送中促销内容所占比例。"},
    "levers.broadcast.staff": {"zh": "社群运营人员（按天计成本）。"},
    "levers.broadcast.groups_per_staff":
        {"zh": "一名运营人员能运营好的社群数（DOMAIN 000：2万用户的试点由 2 人运营，即约 20 个 500 人的群）。"},
    "levers.broadcast.content_cost_per_push_cny":
        {"zh": "制作一条群发内容（文案、图片、优惠）的成本：约为内容编辑四分之一天的工作（假设值）。一条内容发给所有群，因此不随用户池增长。"},
    # levers.moments
    "levers.moments.posts_per_day": {"zh": "每天发布的朋友圈条数。"},
    "levers.moments.content_quality": {"zh": "朋友圈内容的有用程度，0–1。"},
    "levers.moments.promo_share": {"zh": "朋友圈中促销内容所占比例。"},
    "levers.moments.staff": {"zh": "发朋友圈的运营人员（按天计成本）。"},
    "levers.moments.content_cost_per_post_cny":
        {"zh": "制作一条朋友圈（一张图加几行字；假设值）的成本：同一条内容触达所有好友，因此不随用户池增长。"},
    # levers: what every type shares
    "levers.*.segments": {"zh": "面向的用户分层名称；不填 = 全部分层。"},
    "levers.*.statuses": {"zh": "面向的成员状态：活跃（active）和/或免打扰（muted）。"},
    # levers.coupon
    "levers.coupon.depth": {"zh": "折扣力度。"},
    "levers.coupon.valid_days": {"zh": "优惠券的有效天数。"},
    "levers.coupon.push": {"zh": "发券当天用一条促销推送通知。"},
    # levers.care
    "levers.care.staff": {"zh": "做一对一关怀的运营人员。"},
    "levers.care.contacts_per_staff_per_day": {"zh": "一名运营人员每天能进行的个人联系次数（聊天、点赞、评论）。"},
    "levers.care.quality": {"zh": "关怀的个性化和用心程度。"},
    # levers.execution
    "levers.execution.quality": {"zh": "执行质量，0–1。"},
    "levers.execution.new_operator_skill":
        {"zh": "新运营人员第一天能达到的执行水平，占熟练人员的比例（假设值；DOMAIN 004：新团队需要 3–6 个月）。"},
    "levers.execution.months_to_learn":
        {"zh": "新运营人员补上与熟练水平之间 95% 差距所需的月数（DOMAIN 004：3–6 个月；"
               "指数学习曲线，Argote & Epple 1990）。0 = 不需要学习。"},
    "levers.execution.team_tenure_at_start_months": {"zh": "第一天的团队已经共事的时长（0：新团队）。"},
    "levers.execution.span_of_control":
        {"zh": "一名主管能管好的人数（Urwick 1956：工作相互关联时最多五到六人；Graicunas 1933）。"
               "超过后团队需要再加一层主管。"},
    "levers.execution.control_retained_per_layer":
        {"zh": "第一层之外每多一层管理，意图能被执行的比例（Williamson 1967 的控制损失；0.9 为假设值）。1 = 没有控制损失。"},
    # added with the market issue's settings
    "behaviour.groups.unrun_pushes_per_day":
        {"zh": "无人运营的群每天仍能收到的推送数（不超过当天的推送数）：即群发工具发出的那些。企业微信规定每个客户群每月最多接收与当月天数相同的群发消息，由群主一键确认发送；运营人员手动发布的内容则不会发生。"},
    "behaviour.groups.unrun_quality":
        {"zh": "在无人运营的群里读到一条推送的价值，占在有人运营的群里读到的比例：同样的内容，但没有人根据群的情况调整、解答问题或跟进（假设）。"},
    "behaviour.groups.unrun_liveliness":
        {"zh": "无人运营的群的活跃程度，占有人运营的群的比例：群氛围趋向成员活跃度的这一比例。没有运营人员，就没有人回应或发起话题（Joyce & Kraut 2006：首帖得到回复的新人有 56% 再次发帖，没有回复的只有 44%；44 / 56 ≈ 0.79）。"},
    "levers.moments.friends_per_account":
        {"zh": "一名运营人员的账号能容纳的好友（客户）数：企业微信成员的客户上限为 5000 人，申请扩容后最多 2 万人（腾讯企业微信客户联系规则）；个人微信号最多 1 万个好友（2022 年前为 5000）。"},
    "population.potential_share":
        {"zh": "品牌市场中尚未购买该品牌的人数，以第 0 天顾客数的倍数表示：新顾客从这里来，或自行到来（市场新增），"
               "或经付费广告、朋友推荐而来。假设值：一个品牌的购买者只是其品类购买者中的少数（Ehrenberg-Bass：品牌靠渗透率增长；"
               "Sharp 2010）；请按品牌的市场份额设置。他们以与顾客相同的比例按行模拟（每行代表同样多的人）；"
               "数量始终至少足够模拟期内的市场新增（并多出五分之一）。"},
    "population.arrivals_per_year":
        {"zh": "每年通过公域渠道开始向品牌购买的新顾客（不是私域带来的：“无私域”基准中也有他们），以第 0 天顾客数的比例表示。不填：与顾客流失相抵、使五年后顾客基数与今天一样大（取决于 behaviour.purchase.lapse_per_year 和 lapse_propensity_shape）：品牌处于稳态。"},
    "population.market_growth_per_year":
        {"zh": "新顾客流入每年增长（或减少）的速度：品类的增长。"},
    "behaviour.churn.unmute_content":
        {"zh": "免打扰成员每天因读到有用内容（对免打扰成员而言是朋友圈，设置群免打扰并不屏蔽朋友圈）而取消免打扰的概率，按每单位有用内容计：即使群本身已经冷清，更好的内容也能把人赢回来（DOMAIN 003：每条内容都在告诉别人你是谁；001：沉寂的群值得重建）。假设值：每天一条质量 0.6 的内容、被一位注意力一半的好友看到一半时，大约四到五个月能把人带回来。"},
    "behaviour.purchase.max_reference_loss":
        {"zh": "价格高于参考价格时，对购买率的最大打击（e^-0.3：按原价购买最多少四分之一）。相对参考价格的损失比收益分量更重（Kalyanaram & Winer 1995），但实测的深度促销对老顾客此后购买的长期影响就是这个量级，而不是崩溃（Anderson & Simester 2004，三项现场实验）。"},
    "behaviour.purchase.deal_salience":
        {"zh": "阅读促销内容（新品、秒杀、团购接龙、发券通知）对当天购买的提升（在普通推送的提醒作用之外），按每单位价格敏感度计：按价格项的单位，即促销信息本身（不含其附带的降价）相当于多少降价（占参考价格的比例）。不降价的促销信号也能卖货（Inman & McAlister 1993）：随机试验中，价格不变、只加“SALE”标记，目录里这些商品的需求增加 50% 以上（Anderson & Simester 2001），按一半是卖家自家商品之间的替代计约为 0.13；在控制价格的情况下，端架陈列相当于降价 4%–62%（Nakamura et al. 2014），按每位看到的顾客计为 0.09–0.17；报纸广告可能增加的是购买量而不是购买人数（Seiler & Yao 2017）。文献范围为 0.05–0.30，默认值位于其中偏低的部分。部分峰值是从之后的日子借来的（买过的人不会这么快又想买：van Heerde, Leeflang & Wittink 2000, 2004）。"},
    "behaviour.trust.discount_doubt":
        {"zh": "每次向成员发出比 shallow_discount 更深的优惠券时，按超出部分的每单位折扣计，成员损失的信任占其信任的比例：大幅降价会让人怀疑产品到底值多少（价格–质量推断：Rao & Monroe 1989；Raghubir & Corfman 1999；Darke & Chung 2005）。每周一张 7 折券一年约损失其信任的 7.5%（信任为 0.5 时约 0.04），之后信任会逐渐回到基线。"},
    "behaviour.trust.shallow_discount":
        {"zh": "不超过这个力度的折扣被看作常规优惠，不会让人怀疑产品的质量。"},
    "levers.paid_ads.new_customer_share":
        {"zh": "预算中花在还没有向品牌购买的人身上的比例（拉新），其余花在品牌已有顾客身上（再营销）。假设值：从业者会跟踪付费投放的“新客率”，它随定向方式差异很大；请以平台报表为准。"},
}
