"""Descriptions of the scenario settings (the pydantic schema's field descriptions) in Chinese,
for the assumptions page, keyed by the English description as the schema writes it: a changed
or new English description has no entry until it is translated here, and
``tests/test_words_settings.py`` walks the schema to fail on any missing one. Source
references (DOMAIN 001, authors and years) stay as in English."""

from __future__ import annotations

SETTING_DESCRIPTIONS: dict[str, dict[str, str]] = {
    # scenario
    "Short name used in tables, reports and file names: letters (any script), digits, _ . - (no / or ..).":
        {"zh": "在表格、报告和文件名中使用的短名称：可用字母（任何文字）、数字和 _ . -（不可含 / 或 ..）。"},
    "What this scenario stands for, in plain words.":
        {"zh": "用平实的话说明本情景代表什么。"},
    "Simulated days (the horizon).":
        {"zh": "模拟天数（模拟期长度）。"},
    "Root seed of all random streams.":
        {"zh": "所有随机数流的根种子。"},
    "What the brand does: name → lever or event (its type defaults to the name).":
        {"zh": "品牌的运营动作：名称 → 杠杆或事件（类型默认为该名称）。"},
    # calendar and environment
    "Date of day 0 (e.g. 2026-01-01): months become calendar months and festivals, seasons and dated "
    "schedules can be given. None: an undated run (months are twelfths of a year).":
        {"zh": "第 0 天的日期（如 2026-01-01）：月份按日历月计算，并可设置节日、季节和按日期的排期。不填：不指定日期的模拟（每月为一年的十二分之一）。"},
    "Market-wide conditions (seasons, festivals, shocks): not the brand's doing, kept by the "
    "no-private-domain baseline.":
        {"zh": "整个市场的状况（季节、节日、冲击）：不是品牌自己的动作，“无私域”基准也保留它们。"},
    "How far demand swings above (at the peak) and below (half a year later) the year's average. 0: no season.":
        {"zh": "需求在旺季高于、半年后低于全年平均的幅度。0：没有季节性。"},
    'Day of the seasonal peak, "MM-DD".':
        {"zh": "季节高峰所在的日期，格式为 \"MM-DD\"（月-日）。"},
    "Shopping festivals, every year.":
        {"zh": "每年重复的购物节。"},
    "Market-wide shocks.":
        {"zh": "整个市场受到的冲击。"},
    'First day of the window, "MM-DD" (e.g. "06-01").':
        {"zh": "时间窗口的第一天，格式为 \"MM-DD\"（如 \"06-01\"）。"},
    'Last day of the window, "MM-DD", inclusive (e.g. "06-18").':
        {"zh": "时间窗口的最后一天（含当天），格式为 \"MM-DD\"（如 \"06-18\"）。"},
    'What it is called (e.g. "618", "Double 11").':
        {"zh": "名称（如 \"618\"、\"双十一\"）。"},
    "Buying on the festival's days relative to an ordinary day (an assumption: take it from the brand's "
    "own sales calendar).":
        {"zh": "节日期间的购买意愿相对于平常日子的倍数（假设值：请根据品牌自己的销售日历设定）。"},
    'What it is (e.g. "store closures").':
        {"zh": "冲击是什么（如 \"门店停业\"）。"},
    "First day (a number) or date of the shock.":
        {"zh": "冲击开始的那一天（天数）或日期。"},
    "First day or date after it (exclusive); none = for good.":
        {"zh": "冲击结束后的第一天（天数）或日期（不含当天）；不填 = 永久持续。"},
    "Buying during the shock relative to before.":
        {"zh": "冲击期间的购买意愿相对于冲击前的倍数。"},
    "First date the lever acts (instead of start; needs the scenario's start_date).":
        {"zh": "该杠杆开始生效的日期（代替 start；需要情景设置 start_date）。"},
    "First date it no longer acts (instead of stop; needs the scenario's start_date).":
        {"zh": "该杠杆不再生效的第一天日期（代替 stop；需要情景设置 start_date）。"},
    "Acts only on days in one of these windows, every year (needs the scenario's start_date).":
        {"zh": "每年只在这些时间窗口内的日子生效（需要情景设置 start_date）。"},
    # resellers (C→B)
    "Members can become resellers (C→B, DOMAIN 002). Off by default.":
        {"zh": "成员可以成为分销商（C→B，DOMAIN 002）。默认关闭。"},
    "Trust a member needs to start reselling: only those who believe in the brand sell it on (DOMAIN 002).":
        {"zh": "成员开始分销所需的信任度：只有认可品牌的人才会替品牌卖货（DOMAIN 002）。"},
    "Referrals credited to a member before it resells: it has shown it can bring people. Credit is split "
    "among the advocates of each referral, so 1.0 is about one friend brought (see the module doc).":
        {"zh": "成员成为分销商之前需记在其名下的推荐数：说明他能带来新人。每次推荐的功劳按当日推荐力度分给所有推荐者，因此 1.0 大约相当于带来一位朋友（见模块说明）。"},
    "A reseller's order is this many ordinary orders (stock to sell on; an assumption).":
        {"zh": "分销商的一单相当于多少个普通订单（进货转卖；假设值）。"},
    "Reseller price: list price less this share, the reseller's margin (an assumption; micro-distributor "
    "margins of 20–40% are common).":
        {"zh": "分销价：标价减去这一比例，即分销商的利润空间（假设值；微商分销利润常见为 20–40%）。"},
    "A reseller speaks for the brand this many times as strongly as a member of equal trust: selling is "
    "its business (an assumption).":
        {"zh": "分销商为品牌说话的力度是同等信任度普通成员的多少倍：卖货是他的生意（假设值）。"},
    # population
    "The brand's customers on day 0, real people: prospects and members (the potential customers of "
    "potential_share come on top). The brand's size: every count and money figure is in real customers, "
    "whatever the rows.":
        {"zh": "品牌第 0 天的顾客数，按真实人数计：包括潜在顾客和私域成员（potential_share 所指的市场潜在顾客另计）。"
               "这是品牌的规模：无论模拟多少行，所有人数和金额都按真实顾客计算。"},
    "Rows simulated for those customers: the run's precision, not the brand's size. Each row stands for "
    "customers / rows real customers (the weight, derived, never set); fewer rows are faster and noisier,"
    " with the same scale. None: as many as the customers, at most 10,000 (docs/performance.md, how many "
    "rows a question needs). More rows than customers give each row a fraction of a customer.":
        {"zh": "为这些顾客模拟的行数：决定一次运行的精度，而不是品牌的规模。每行代表 customers / rows 位真实顾客"
               "（即权重，由此推算，不再手动设置）；行数越少越快、噪声越大，但数字的量级不变。不填：与顾客数相同，"
               "最多 10,000 行（docs/performance.md，“一个问题需要多少行”）。行数多于顾客数时，每行代表不到一位顾客。"},
    "People in the brand's market who do not buy from it yet, as a multiple of its customers on day 0: "
    "where new customers come from, by themselves (arrivals), through paid ads or a friend's referral. An"
    " assumption: a brand's buyers are a minority of its category's buyers (Ehrenberg-Bass: penetration "
    "is what brands grow on; Sharp 2010); set it from the brand's market share. They are simulated on "
    "rows in the same proportion as the customers (each row stands for as many people); there are always "
    "at least enough for the horizon's arrivals (and a fifth more).":
        {"zh": "品牌市场中尚未购买该品牌的人数，以第 0 天顾客数的倍数表示：新顾客从这里来，或自行到来（市场新增），"
               "或经付费广告、朋友推荐而来。假设值：一个品牌的购买者只是其品类购买者中的少数（Ehrenberg-Bass：品牌靠渗透率增长；"
               "Sharp 2010）；请按品牌的市场份额设置。他们以与顾客相同的比例按行模拟（每行代表同样多的人）；"
               "数量始终至少足够模拟期内的市场新增（并多出五分之一）。"},
    "Share of customers already in the private domain on day 0.":
        {"zh": "第 0 天已在私域中的顾客比例。"},
    "Share of customers who shop in physical stores (where a checkout QR can reach them); the rest "
    "buy online and receive packages.":
        {"zh": "在线下门店购物的顾客比例（收银台二维码能触达他们）；其余顾客在线上购买并收到包裹。"},
    "Share of initial members held on WeCom rather than personal WeChat accounts (personal accounts "
    "can be banned; DOMAIN 000/001).":
        {"zh": "初始成员中由企业微信而非个人微信号承接的比例（个人号可能被封；DOMAIN 000/001）。"},
    "Spread of need cycle and touch tolerance within a segment (customers differ).":
        {"zh": "同一用户分层内需求周期和触达承受度的离散程度（顾客各不相同）。"},
    # segments
    "Customer segments; shares must sum to 1.":
        {"zh": "用户分层；各分层比例之和须为 1。"},
    "Identifier (lower-case, digits, underscores).":
        {"zh": "标识名（小写字母、数字、下划线）。"},
    "Share of customers in this segment.":
        {"zh": "属于该分层的顾客比例。"},
    "Typical days between purchases for a customer of neutral trust at list price.":
        {"zh": "信任度中性、按标价购买的顾客两次购买之间的典型天数。"},
    "How strongly the deal against the reference price moves buying (bargain hunters high).":
        {"zh": "相对参考价格的优惠对购买的影响强度（薅羊毛型顾客较高）。"},
    "Touches a day this customer takes before fatigue builds (DOMAIN 001/003).":
        {"zh": "该顾客每天能承受、不致产生疲劳的触达次数（DOMAIN 001/003）。"},
    "Trust in the brand at the start.":
        {"zh": "开始时对品牌的信任度。"},
    "Attention at the start.":
        {"zh": "开始时的关注度。"},
    # behaviour: attention
    "Share of a member's attention that survives in a completely dead group. A quiet group is still "
    "read a little (DOMAIN 003: groups go silent, members lurk).":
        {"zh": "在完全沉寂的社群中成员仍保留的关注度比例。安静的群仍会被少量阅读（DOMAIN 003：社群沉寂，成员潜水）。"},
    "Share of Moments posts an attentive friend actually sees in the feed (Moments is passive: it is "
    "scrolled past, not pushed; DOMAIN 003).":
        {"zh": "关注品牌的好友实际在信息流中看到的朋友圈内容比例（朋友圈是被动的：会被刷过，而不是推送到眼前；DOMAIN 003）。"},
    "How much useful content read and 1:1 care lift attention (DOMAIN 000/003: useful content and "
    "personal interaction keep people engaged).":
        {"zh": "阅读有用内容和一对一关怀对关注度的提升幅度（DOMAIN 000/003：有用的内容和个人互动能让人保持参与）。"},
    "Pull of a lively group on a member's attention (social proof; Cialdini 2001).":
        {"zh": "活跃社群对成员关注度的带动作用（社会认同；Cialdini 2001）。"},
    "Attention lost per day when fully fatigued (DOMAIN 001/003: too many pushes, members tune out).":
        {"zh": "完全疲劳时每天流失的关注度（DOMAIN 001/003：推送太多，成员不再理会）。"},
    "Attention fades without engagement (a brand is one of many voices in WeChat).":
        {"zh": "没有互动时关注度逐渐消退（在微信里，品牌只是众多声音之一）。"},
    # behaviour: fatigue
    "Fatigue added per touch beyond tolerance, measured in tolerances (wear-out; Pechmann & Stewart 1988).":
        {"zh": "超出承受度的每次触达所增加的疲劳，以承受度为单位衡量（广告疲劳；Pechmann & Stewart 1988）。"},
    "A promotional push counts as this many touches: hard selling irritates more than useful content "
    "(DOMAIN 000: 'users are not fools'; 004: harvesting hurts).":
        {"zh": "一条促销推送折合的触达次数：硬推销比有用内容更招人烦（DOMAIN 000：“用户不是傻子”；004：收割伤人）。"},
    "Share of fatigue that fades each day without excess touches (about a week's half-life).":
        {"zh": "没有超额触达时每天消退的疲劳比例（半衰期约一周）。"},
    # behaviour: trust
    "Trust built by one fully useful piece of content read (DOMAIN 003: content builds the operator's "
    "'IP momentum' and trust).":
        {"zh": "阅读一条完全有用的内容所建立的信任（DOMAIN 003：内容积累运营者的“IP 势能”和信任）。"},
    "Trust built by one personal 1:1 contact: a thoughtful comment, a chat that is not about products "
    "(DOMAIN 000/001).":
        {"zh": "一次一对一个人联系所建立的信任：一条用心的评论、一次不谈产品的聊天（DOMAIN 000/001）。"},
    "Trust lost per promotional push read: opportunism (Morgan & Hunt 1994; DOMAIN 000: 'users are not "
    "fools').":
        {"zh": "每阅读一条促销推送流失的信任：机会主义（Morgan & Hunt 1994；DOMAIN 000：“用户不是傻子”）。"},
    "Trust lost per day by a member who feels spammed (DOMAIN 003/004).":
        {"zh": "感到被刷屏的成员每天流失的信任（DOMAIN 003/004）。"},
    "Relationships fade without contact (half-life about 15 months at the default).":
        {"zh": "缺少联系时关系逐渐淡化（默认值下半衰期约 15 个月）。"},
    # behaviour: price
    "How far one purchase moves the expected price toward the price paid (exponential-smoothing "
    "reference price; Briesch et al. 1997 report smoothing weights of roughly 0.2–0.7).":
        {"zh": "一次购买让心理预期价格向实付价格靠拢的程度（指数平滑参考价格；Briesch et al. 1997 报告的平滑权重约为 0.2–0.7）。"},
    "Daily drift of the expected price back toward list price while not buying (deals are slowly "
    "forgotten; half-life about 6 months).":
        {"zh": "不购买期间心理预期价格每天向标价回归的幅度（优惠会被慢慢遗忘；半衰期约 6 个月）。"},
    "How fast a member's sense of 'this group gives deals' follows the discounts offered (about a "
    "3-week memory; DOMAIN 002/004: members who joined for coupons leave after campaigns).":
        {"zh": "成员对“这个群有优惠”的印象跟随实际优惠变化的速度（记忆约 3 周；DOMAIN 002/004：为优惠券入群的成员活动结束后就退群）。"},
    # behaviour: purchase
    "After a purchase, readiness to buy again ramps up linearly over this share of the need cycle (a "
    "customer who just bought is not in the market).":
        {"zh": "购买后，再次购买的意愿在需求周期的这一比例内线性恢复（刚买过的顾客暂时没有需求）。"},
    "Share of customers of neutral trust and average lapse propensity who stop buying from the brand "
    "for good within a year (needs met elsewhere, moved on): the 'die' of buy-till-you-die models, in "
    "calendar time as in Pareto/NBD (Schmittlein, Morrison & Colombo 1987), so that it does not depend "
    "on how often the category is bought. 13% a year is 'half the customers lost in five years' "
    "(Reichheld & Teal 1996). Fit it to a brand's own repeat-purchase data (docs/calibration.md).":
        {"zh": "信任中性、流失倾向为平均水平的顾客一年内从此不再向本品牌购买（需求转向别处、不再需要）的比例："
               "即“买到流失”类模型中的“流失”，按日历时间计（同 Pareto/NBD，Schmittlein, Morrison & "
               "Colombo 1987），因此与品类的购买频率无关。每年 13% 即“五年流失一半顾客”"
               "（Reichheld & Teal 1996）。请用品牌自己的复购数据拟合（docs/calibration.md）。"},
    "Customers differ in how prone they are to stop buying: each has a lapse propensity drawn from a "
    "Gamma distribution with mean 1 and this shape, multiplying the lapse hazard. Small: a few lapse "
    "fast while most stay, so the survivors are loyal and the base's lapse rate falls with tenure; "
    "large: all alike (Schmittlein, Morrison & Colombo 1987, Pareto/NBD; on the CDNOW cohort s = 0.61, "
    "Fader, Hardie & Lee 2005).":
        {"zh": "顾客停止购买的倾向各不相同：每位顾客的流失倾向取自均值为 1、形状参数为此值的 Gamma 分布，"
               "并与流失风险相乘。数值小：少数人很快流失、多数人留下，留下的是忠诚顾客，顾客群的流失率随"
               "时间下降；数值大：人人相同（Schmittlein, Morrison & Colombo 1987，Pareto/NBD；"
               "CDNOW 顾客群 s = 0.61，Fader, Hardie & Lee 2005）。"},
    "How much trust lowers the chance of lapsing (Bolton 1998: satisfied customers stay longer). The "
    "direction is sourced; the size is an assumption to fit to data.":
        {"zh": "信任降低顾客流失（不再购买）概率的程度（Bolton 1998：满意的顾客关系更长久）。"
               "方向有文献依据；大小是假设，需用数据拟合。"},
    "How much trust raises the buying rate (DOMAIN 000: trust is what sells in a private domain).":
        {"zh": "信任对购买率的提升幅度（DOMAIN 000：私域里靠信任成交）。"},
    "Trust at which the buying rate equals the need cycle's base rate (about a new customer's trust).":
        {"zh": "购买率恰好等于需求周期基础购买率时的信任度（约为新顾客的信任度）。"},
    "Lift from being reminded today (content read). Calibrated so that group members buy about 30% more "
    "often than comparable non-members (DOMAIN 001, Luckin: monthly purchase frequency +30%).":
        {"zh": "当天被提醒（阅读了内容）带来的购买提升。校准为社群成员的购买频次比可比的非成员高约 30%（DOMAIN 001，瑞幸：月购买频次 +30%）。"},
    "Effect of a price below the reference price, per unit of price sensitivity.":
        {"zh": "价格低于参考价格时的效应（按每单位价格敏感度计）。"},
    "A price above the reference price hurts this many times more than an equal gain pleases "
    "(Tversky & Kahneman 1991).":
        {"zh": "价格高于参考价格带来的损失感，是同等实惠带来的满足感的这一倍数（损失厌恶；Tversky & Kahneman 1991）。"},
    "Trusting customers buy more of the range per order: share of wallet and cross-buying rise with "
    "the relationship (Verhoef 2003; DOMAIN 000: super-users spend ~20,000 CNY a year; a <20,000-user "
    "pool grew to ~300M CNY revenue).":
        {"zh": "信任品牌的顾客每单购买的品类更多：钱包份额和交叉购买随关系加深而上升（Verhoef 2003；DOMAIN 000：超级用户一年消费约 2万元；一个不到 2万用户的私域营收增长到约 3亿元）。"},
    # behaviour: referral
    "Bass coefficient of innovation p: prospects who find the private domain on their own (Sultan, "
    "Farley & Lehmann 1990 meta-analysis mean 0.03).":
        {"zh": "Bass 模型创新系数 p：自行找到私域的潜在顾客（Sultan, Farley & Lehmann 1990 元分析均值 0.03）。"},
    "Bass coefficient of imitation q for a prospect all of whose contacts are fully trusting active "
    "members (Sultan, Farley & Lehmann 1990 mean 0.38; DOMAIN 002).":
        {"zh": "Bass 模型模仿系数 q：适用于所有联系人都是完全信任品牌的活跃成员的潜在顾客（Sultan, Farley & Lehmann 1990 均值 0.38；DOMAIN 002）。"},
    "A referral reward worth one order's value raises word of mouth by this factor (incentivised "
    "referral; Ryu & Feick 2007).":
        {"zh": "价值相当于一单金额的推荐奖励使口碑传播提升的倍数（有奖推荐；Ryu & Feick 2007）。"},
    # behaviour: churn
    "Background rate at which active members mute a group (people mute busy chats).":
        {"zh": "活跃成员将社群设为免打扰的基础比率（人们会屏蔽消息太多的群）。"},
    "Extra mute rate for a fully fatigued member (DOMAIN 001/003: spam → mute).":
        {"zh": "完全疲劳的成员额外的免打扰比率（DOMAIN 001/003：刷屏 → 免打扰）。"},
    "Background leave rate (moving city, losing interest; about 10% a year).":
        {"zh": "基础退群率（搬到别的城市、失去兴趣；每年约 10%）。"},
    "Extra leave rate for a fully fatigued member (DOMAIN 003: spam → leave).":
        {"zh": "完全疲劳的成员额外的退群率（DOMAIN 003：刷屏 → 退群）。"},
    "Leave rate of a member with neither trust nor deals to keep them: the reason to stay is "
    "1 − (1 − trust)(1 − deal pull) (DOMAIN 002/004: coupon joiners leave after campaigns).":
        {"zh": "既无信任也无优惠留住的成员的退群率：留下的理由为 1 − (1 − 信任)(1 − 优惠吸引力)（DOMAIN 002/004：为优惠券入群的成员活动结束后就退群）。"},
    "Chance that a personal contact brings a trusting muted member back (DOMAIN 000: 1:1 care; "
    "Starbucks rebuilt dead groups, 001).":
        {"zh": "一次个人联系让信任品牌的免打扰成员重新活跃的概率（DOMAIN 000：一对一关怀；星巴克重建了沉寂的社群，001）。"},
    # behaviour: groups
    "Members per community group; WeChat caps a group at 500 (DOMAIN 004).":
        {"zh": "每个社群的成员数；微信群上限为 500 人（DOMAIN 004）。"},
    "Mood of a newly opened group.":
        {"zh": "新建社群的群氛围。"},
    "How fast a group's mood follows its members' activity (about a week and a half).":
        {"zh": "群氛围跟随成员活跃度变化的速度（约一周半）。"},
    "How strongly promotional pushes kill conversation in a group (DOMAIN 003: groups go silent under "
    "daily promotions).":
        {"zh": "促销推送扼杀群内交流的强度（DOMAIN 003：天天促销，社群就会沉寂）。"},
    # economics
    "List-price value of an average order (a fruit or coffee basket; DOMAIN 000/001).":
        {"zh": "平均每单按标价计的金额（一篮水果或一单咖啡；DOMAIN 000/001）。"},
    "Cost of goods of an average order (45% gross margin at list price by default).":
        {"zh": "平均每单的货品成本（默认按标价计毛利率 45%）。"},
    "Fully loaded cost of one operator (about 12,000 CNY a month).":
        {"zh": "一名运营人员的全部用人成本（每月约 1.2万元）。"},
    "SCRM / WeCom tool subscriptions (DOMAIN 004: reach costs tools). Levers add materials and gifts "
    "to tool cost.":
        {"zh": "SCRM / 企业微信工具订阅费（DOMAIN 004：触达需要工具成本）。各杠杆的物料和赠品也计入工具成本。"},
    "Per-seat and per-message tool cost that grows with the pool.":
        {"zh": "按席位和按消息计费、随私域规模增长的工具成本。"},
    "Revenue the same money would earn in paid ads (DOMAIN 000: 100 CNY into Douyin returns 300). Its "
    "profit uses this scenario's gross margin.":
        {"zh": "同样的钱投放付费广告可带来的收入（DOMAIN 000：100 元投抖音回报 300 元）。其利润按本情景的毛利率计算。"},
    # levers: common
    "When the lever acts.":
        {"zh": "杠杆何时起作用。"},
    "Registered lever type (defaults to the table's name).":
        {"zh": "已注册的杠杆类型（默认为该表的名称）。"},
    "First day the lever acts.":
        {"zh": "杠杆开始起作用的第一天。"},
    "First day it no longer acts (exclusive); none = never stops.":
        {"zh": "杠杆停止起作用的第一天（不含当天）；不填 = 一直不停。"},
    "Acts every this many days.":
        {"zh": "每隔这么多天执行一次。"},
    "Days over which strength ramps up to full (0 = at once).":
        {"zh": "力度逐步提升到满额所需的天数（0 = 立即满额）。"},
    "Segment names targeted; none = every segment.":
        {"zh": "面向的用户分层名称；不填 = 全部分层。"},
    "Member statuses targeted: active and/or muted.":
        {"zh": "面向的成员状态：活跃（active）和/或免打扰（muted）。"},
    # levers: acquisition
    "New members join a community group.":
        {"zh": "新成员加入社群。"},
    "New members become WeCom / personal friends.":
        {"zh": "新成员成为企业微信 / 个人微信好友。"},
    "Held on WeCom (True) or a personal WeChat account.":
        {"zh": "由企业微信（true）还是个人微信号承接。"},
    "How steeply the add rate falls with poorer execution (DOMAIN 004: >30% vs <5%).":
        {"zh": "执行越差，加粉率下降得越陡（DOMAIN 004：>30% 对比 <5%）。"},
    "Add rate with perfect execution (DOMAIN 001: 60–70% with good execution).":
        {"zh": "执行完美时的加粉率（DOMAIN 001：执行到位时为 60–70%）。"},
    "The checkout incentive (DOMAIN 001: 5 CNY off).":
        {"zh": "收银台的入群奖励（DOMAIN 001：立减 5 元）。"},
    "Add rate with perfect execution (DOMAIN 004: >30% for the team that designed it well).":
        {"zh": "执行完美时的加粉率（DOMAIN 004：设计得好的团队超过 30%）。"},
    "Printing and insert cost.":
        {"zh": "包裹卡印刷和放置成本。"},
    "Bought adds depend little on the brand's own execution.":
        {"zh": "买来的加粉几乎不取决于品牌自身的执行。"},
    "Adds a day the budget buys on a fresh audience: the daily budget is adds_per_day × "
    "cost_per_add_cny; fewer as the reachable audience is used up.":
        {"zh": "受众尚未被用过时，每天预算能买到的加粉人数：每日预算 = adds_per_day × cost_per_add_cny；"
               "可触达受众被用掉越多，买到的越少。"},
    "Cost of the first adds on a fresh audience; each add costs more as the reachable audience "
    "is used up (Hill saturation, Jin et al. 2017).":
        {"zh": "受众尚未被用过时最初几位加粉的成本；可触达受众被用掉越多，每加一位越贵（Hill 饱和曲线，Jin et al. 2017）。"},
    "Share of the simulated customers the platform can reach with this brand's targeting; only "
    "they can be bought. Campaign reach plateaus short of the whole target (Nielsen: an 8-week "
    "TV campaign reached 69% of its target adults).":
        {"zh": "平台按本品牌的定向能触达的模拟顾客比例；只有这些人能被买来。广告活动的到达率在覆盖全部目标人群之前就趋于平稳"
               "（Nielsen：一次 8 周的电视广告覆盖了 69% 的目标成年人）。"},
    "Bid cap: nothing is bought (or spent) on a day an add would cost more; none = no cap.":
        {"zh": "出价上限：某天每加一位的成本高于此值时，当天不买（也不花钱）；不设 = 无上限。"},
    "Reward paid per referred member.":
        {"zh": "每推荐一位新成员支付的奖励。"},
    # levers: events
    "Pool size during the pilot.":
        {"zh": "试点期间的私域规模上限。"},
    "Day the cap is lifted.":
        {"zh": "取消上限的那一天。"},
    "Day of the migration.":
        {"zh": "迁移发生的那一天。"},
    "Share of migrated members lost on the way.":
        {"zh": "迁移过程中流失的成员比例。"},
    "Day of a certain ban; none = random bans.":
        {"zh": "确定封号的那一天；不填 = 随机封号。"},
    "Chance of a ban on any day.":
        {"zh": "任意一天被封号的概率。"},
    "Groups lost per ban.":
        {"zh": "每次封号丢失的社群数。"},
    # levers: touches
    "Group pushes per day.":
        {"zh": "每天的社群推送条数。"},
    "Usefulness of the content, 0–1.":
        {"zh": "内容的有用程度，0–1。"},
    "Share of pushes that are promotions.":
        {"zh": "推送中促销内容所占比例。"},
    "Community operators (cost per day).":
        {"zh": "社群运营人员（按天计成本）。"},
    "Groups one operator can keep well run (DOMAIN 000: a 20,000-user pilot run by 2 staff, i.e. about "
    "20 groups of 500 each).":
        {"zh": "一名运营人员能运营好的社群数（DOMAIN 000：2万用户的试点由 2 人运营，即约 20 个 500 人的群）。"},
    "Moments posts per day.":
        {"zh": "每天发布的朋友圈条数。"},
    "Usefulness of the posts, 0–1.":
        {"zh": "朋友圈内容的有用程度，0–1。"},
    "Share of posts that are promotions.":
        {"zh": "朋友圈中促销内容所占比例。"},
    "Operators posting (cost per day).":
        {"zh": "发朋友圈的运营人员（按天计成本）。"},
    "Discount depth.":
        {"zh": "折扣力度。"},
    "Days a coupon stays usable.":
        {"zh": "优惠券的有效天数。"},
    "Announce the coupon with a promotional push on issue day.":
        {"zh": "发券当天用一条促销推送通知。"},
    "Operators doing 1:1 care.":
        {"zh": "做一对一关怀的运营人员。"},
    "Personal contacts one operator can make in a day (chats, likes, comments).":
        {"zh": "一名运营人员每天能进行的个人联系次数（聊天、点赞、评论）。"},
    "How personal and thoughtful the care is.":
        {"zh": "关怀的个性化和用心程度。"},
    "Execution quality, 0–1.":
        {"zh": "执行质量，0–1。"},
    # issue 12: over-contact, second chances, referral quality
    'Attention scale for repeated messages of one kind in a day: after x messages the attention left for the next is e^(−x/m), so n messages are worth m(1 − e^(−n/m)) reads and reads saturate at m a day (attention wear-out; Schmidt & Eisend 2015). One push a day keeps 85% of its full read chance; ten a day read like 2.9.':
        {"zh": '同类消息一天内的注意力尺度：读过 x 条后，留给下一条的注意力为 e^(−x/m)，所以 n 条消息相当于 m(1 − e^(−n/m)) 次阅读，每天的阅读量最多饱和到 m（注意力损耗；Schmidt & Eisend 2015）。每天一条推送保留其完整阅读机会的 85%；每天十条只相当于 2.9 条。'},
    'Mute hazard carried by each group push an active member receives (a promotional push counts fatigue.promo_weight times): the per-send opt-out of email (0.1–0.5% unsubscribe per send) and app push (Localytics 2017: 10% disable at one a week). Unlike fatigue it does not saturate: every push adds risk.':
        {"zh": '活跃成员每收到一条群推送所带来的免打扰风险（促销推送按 fatigue.promo_weight 倍计）：相当于邮件每次发送的退订（每次 0.1–0.5%）和 App 推送的关闭（Localytics 2017：每周一条时 10% 关闭）。与疲劳不同，它不会饱和：每条推送都增加风险。'},
    'Leave hazard carried by each group push an active member receives (promotional pushes weighted as for muting): leaving (退群) is the costlier exit and lurkers who mute far outnumber leavers (DOMAIN 003: members mute and lurk), so a tenth of the mute hazard.':
        {"zh": '活跃成员每收到一条群推送所带来的退群风险（促销推送同样加权）：退群是代价更高的离开方式，而设置免打扰、潜水的人远多于退群的人（DOMAIN 003：成员免打扰、潜水），所以取免打扰风险的十分之一。'},
    'Chance a day that a muted member who is no longer fatigued un-mutes because the group is worth reading: the unread count and @mentions of a lively group draw people back (social proof, Cialdini 2001; DOMAIN 001: dead groups are worth rebuilding). About three months on average in a fully lively group; none in a dead one.':
        {"zh": '已不再疲劳的免打扰成员因群值得一看而每天取消免打扰的概率：活跃群的未读数和 @ 提醒会把人拉回来（社会认同，Cialdini 2001；DOMAIN 001：沉寂的群值得重建）。在完全活跃的群中平均约三个月；在沉寂的群中为零。'},
    "Trust lost per group push received beyond the member's daily tolerance (promotional pushes weighted): irritation attaches to the sender and outlasts the message (Kronrod & Huber 2019). Muted members receive nothing and lose nothing this way.":
        {"zh": '成员每收到一条超出其每日承受度的群推送所损失的信任（促销推送加权）：烦扰会附着在发送者身上，并在消息之后持续（Kronrod & Huber 2019）。免打扰成员收不到推送，也就不会因此损失信任。'},
    "A prospect who joins on a contact's recommendation closes this share of the gap between its own trust and its advocates' (advocacy-weighted) trust: the recommender's credibility carries over (Hovland & Weiss 1951; Schmitt, Skiera & Van den Bulte 2011). Never lowers trust.":
        {"zh": '因联系人推荐而加入的潜在顾客，会把自身信任与推荐人（按推荐力度加权）信任之间的差距缩小这一比例：推荐人的可信度会传递过来（Hovland & Weiss 1951；Schmitt, Skiera & Van den Bulte 2011）。从不降低信任。'},
    "Share of contacts drawn from a customer's own segment, the rest from anyone: friends are alike (McPherson, Smith-Lovin & Cook 2001). With the default segments half of all contacts are chosen within the segment, so about 70% share it, against 38% at random. 0 gives an Erdős–Rényi graph.":
        {"zh": '从顾客自己所在分层中抽取的联系人比例，其余从所有人中抽取：朋友彼此相似（McPherson, Smith-Lovin & Cook 2001）。在默认分层下，一半的联系人在本分层内选择，因此约 70% 的联系人与其同层，而随机时为 38%。取 0 即为 Erdős–Rényi 随机图。'},
    'Mean number of contacts in the referral graph (a random graph with homophily).':
        {"zh": '推荐网络中每位顾客的平均联系人数（带同质性的随机图）。'},
    'A customer who left accepts a re-invitation (store QR, package card) this many times as often as a first-timer: lost customers can be won back, less readily than new ones are won (Thomas, Blattberg & Fox 2004; Kumar, Bhagwat & Zhang 2015). The ratio is an assumption; paid ads do not target people who left.':
        {"zh": '离开过的顾客接受再次邀请（门店二维码、包裹卡）的概率是首次被邀请者的这一倍数：流失的顾客可以被赢回，但不如赢得新顾客那么容易（Thomas, Blattberg & Fox 2004；Kumar, Bhagwat & Zhang 2015）。这一比例是假设；付费广告不针对离开过的人。'},
    "What a new operator achieves on the first day, as a share of an experienced one (an assumption; "
    "DOMAIN 004: a new team needs 3–6 months).":
        {"zh": "新运营人员第一天能达到的执行水平，占熟练人员的比例（假设值；DOMAIN 004：新团队需要 3–6 个月）。"},
    "Months in which a new operator closes 95% of the gap to full execution (DOMAIN 004: 3–6 months; "
    "an exponential learning curve, Argote & Epple 1990). 0 = no learning.":
        {"zh": "新运营人员补上与熟练水平之间 95% 差距所需的月数（DOMAIN 004：3–6 个月；指数学习曲线，"
               "Argote & Epple 1990）。0 = 不需要学习。"},
    "How long the team on the first day has already worked together (0: a new team).":
        {"zh": "第一天的团队已经共事的时长（0：新团队）。"},
    "People one lead manages well (Urwick 1956: five, at most six, whose work interlocks; Graicunas "
    "1933). Beyond it the team needs another layer of leads.":
        {"zh": "一名主管能管好的人数（Urwick 1956：工作相互关联时最多五到六人；Graicunas 1933）。"
               "超过后团队需要再加一层主管。"},
    "Share of intent carried out through each layer of management beyond the first (Williamson 1967 "
    "control loss; 0.9 is an assumption). 1 = no control loss.":
        {"zh": "第一层之外每多一层管理，意图能被执行的比例（Williamson 1967 的控制损失；0.9 为假设值）。"
               "1 = 没有控制损失。"},
    "Producing one push (copy, images, offer): about a quarter of a content writer's day (an "
    "assumption). One piece serves every group, so it does not grow with the pool.":
        {"zh": "制作一条群发内容（文案、图片、优惠）的成本：约为内容编辑四分之一天的工作（假设值）。"
               "一条内容发给所有群，因此不随用户池增长。"},
    "Producing one Moments post (a picture and a few lines; an assumption): the same post reaches "
    "every friend, so it does not grow with the pool.":
        {"zh": "制作一条朋友圈（一张图加几行字；假设值）的成本：同一条内容触达所有好友，因此不随用户池增长。"},
    "Fully loaded cost of one team lead (about 18,000 CNY a month, 1.5 operators; an assumption). The "
    "execution lever employs one lead per span of operators (Urwick 1956).":
        {"zh": "一名团队主管的全部用人成本（每月约 1.8万元，相当于 1.5 名运营人员；假设值）。"
               "执行杠杆按管理幅度为每组运营人员配一名主管（Urwick 1956）。"},
    "A member who joined on a friend's recommendation has that friend as one more reason to stay: reason to stay = 1 − (1 − trust)(1 − deal pull)(1 − tie). Referred customers churn less, more so while the referrer stays (social enrichment; Schmitt, Skiera & Van den Bulte 2011; Van den Bulte, Bayer, Skiera & Schmitt 2018). The size is an assumption.":
        {"zh": '因朋友推荐而加入的成员，多了一个留下的理由——那位朋友：留下的理由 = 1 − (1 − 信任)(1 − 优惠吸引)(1 − 纽带)。被推荐的顾客流失更少，推荐人留下时更是如此（社会关系的强化；Schmitt, Skiera & Van den Bulte 2011；Van den Bulte, Bayer, Skiera & Schmitt 2018）。其大小是假设。'},
}
