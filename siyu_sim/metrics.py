"""Daily metrics, declared once: one tidy row per day (and per segment on request).

Every column of the daily table is a ``Metric`` (``rules.module``): its name, whether it is a
flow (a day's amount: summed over a period) or a stock (a level on the day: read on the
period's last day), its unit (which also says how it is written: ``UNIT_FORMATS``), its label in
English and Chinese, how it is computed from the day just simulated (a ``DayView``), and
whether the per-segment table has it too. The core's metrics are ``CORE``; each behaviour adds
its own (``Module.metrics``). From these declarations follow the daily table
(``DAILY_COLUMNS``, ``daily_row``), the per-segment table, Mesa's DataCollector reporters, the
period aggregation (``aggregate``: months, weeks, observed periods), the labels and the
number formats. ``DERIVED`` are the columns computed from a whole run afterwards (cumulative
GMV; with the no-private-domain baseline, the profit added and the pool's health).

The model collects nothing else: this table is its whole output (plus the final customer
table, which can be inspected with ``model.customers.to_frame()``).
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cached_property
from typing import TYPE_CHECKING, Callable

import numpy as np
import pandas as pd

from .calendar import Calendar
from .rules import MODULES, Metric
from .rules.status import N_STATUS, Status
from .sums import dot

if TYPE_CHECKING:  # pragma: no cover
    from .customer_day import DayOutcome
    from .model import PrivateDomainModel

#: How a value in each unit is written (``words.numbers``): money, counts, shares, ratios, scores.
UNIT_FORMATS = {"CNY": "money", "CNY per CNY": "ratio", "orders per buyer": "ratio", "customers": "count", "orders": "count",
                "operators": "count", "share": "percent", "trust": "score", "activity": "score",
                "fatigue": "score", "share of list price": "percent", "CNY per customer": "money", "day": "count",
                "leads": "ratio", "layers": "ratio", "groups": "count", "quality": "score",
                "contacts per member": "ratio"}

TRUST_BANDS = ("trust_0_20", "trust_20_40", "trust_40_60", "trust_60_80", "trust_80_100")
ENGAGED_ACTIVITY = 0.5  # an active member at or above this attention counts as engaged
#: ``buyers`` counts the distinct members who ordered in this many days up to today (a stock).
BUYER_WINDOW_DAYS = 30
#: Acquisition sources with a ``new_members_<source>`` column (the acquisition levers' and the
#: model's own organic discovery and referral joins), with their names in English and Chinese.
SOURCE_NAMES = {"store_qr": ("store QR", "门店二维码"), "package_card": ("package card", "包裹卡"),
                "paid_ads": ("paid ads", "付费广告"), "referral": ("referral", "以老带新"),
                "organic": ("organic discovery", "自然流量")}
SOURCES = tuple(SOURCE_NAMES)


def _mean(total, weight):
    """total / weight, 0 where the weight is 0 (scalars or per-segment arrays)."""
    if np.ndim(weight) == 0:
        return total / weight if weight > 0 else 0.0
    return np.where(weight > 0, total / np.where(weight > 0, weight, 1.0), 0.0)


class DayView:
    """What a metric reads of the day just simulated, summed over the whole pool.

    Reductions (``count``, ``total``) weigh each row by the real customers it stands for; the
    per-segment view (``SegmentView``) has the same names and returns one value per segment.
    Money that the ledger books comes from the day's ledger close (``money``) here, and from
    the members' orders by segment there."""

    def __init__(self, model: "PrivateDomainModel", out: "DayOutcome", money):
        self.model = model
        self.t = model.customers
        self.out = out
        self.money = money
        self.day = model.day
        self.economics = model.economics

    # --- reductions ----------------------------------------------------------------------
    def count(self, mask) -> float:
        """Real customers where ``mask`` holds."""
        return self.t.weight_of(mask)

    def total(self, values, mask=None) -> float:
        """Σ weight × values (over the rows where ``mask`` holds)."""
        w = self.t.weight if mask is None else self.t.weight * mask
        return dot(w, values)

    @cached_property
    def status_counts(self) -> np.ndarray:
        """Real customers by status code (``Status``)."""
        return self.t.weight_by(self.t.status, N_STATUS)

    # --- what many metrics share ---------------------------------------------------------------
    @cached_property
    def member(self) -> np.ndarray:
        s = self.t.status
        return (s == Status.ACTIVE) | (s == Status.MUTED)

    @cached_property
    def ever_member(self) -> np.ndarray:
        """Members now, or once (those who left)."""
        s = self.t.status
        return self.member | (s == Status.CHURNED)

    @cached_property
    def customer(self) -> np.ndarray:
        """The brand's customers who still buy from it: not potential ones, not lapsed."""
        return (self.t.status != Status.POTENTIAL) & np.logical_not(self.t.lapsed)

    @cached_property
    def members(self):
        c = self.status_counts
        return c[Status.ACTIVE] + c[Status.MUTED]

    def member_mean(self, values):
        """Members' weighted mean of ``values`` (0 without members)."""
        return _mean(self.total(values, self.member), self.members)

    @cached_property
    def bought(self) -> np.ndarray:
        """Members' orders today (the ledger's)."""
        return self.out.bought & self.out.was_member

    @property
    def orders(self):
        return self.money.orders

    @property
    def gmv(self):
        return self.money.gmv

    @property
    def discount_cost(self):
        return self.money.discount_cost

    @property
    def revenue(self):
        return self.money.revenue

    @property
    def gross_margin(self):
        return self.money.gross_margin

    @property
    def new_members(self):
        return self.model._new_weight

    @cached_property
    def new_by_source(self) -> dict[str, float]:
        """Real customers who joined today, by acquisition source name."""
        t = self.t
        joined = np.flatnonzero(t.join_day == self.day)
        names = self.model.sources
        sums = np.bincount(t.source[joined], weights=t.weight[joined], minlength=len(names))
        return dict(zip(names, sums.tolist()))

    @cached_property
    def trust_bands(self) -> np.ndarray:
        """Members by trust band (five of 0.2 each)."""
        t, member = self.t, self.member
        band = np.minimum((t.trust * 5).astype(np.int64), 4)
        if t.weight_unit is None:
            return np.bincount(band, weights=t.weight * member, minlength=5)
        return t.weight_by(band + 5 * member, 10)[5:]  # member rows' bands, counted: the same sums exactly


class SegmentView(DayView):
    """The same names as ``DayView``, one value per segment (``segment_metrics=True``)."""

    def __init__(self, model: "PrivateDomainModel", out: "DayOutcome", money, new_rows: np.ndarray):
        super().__init__(model, out, money)
        self.k = len(model.segment_names)
        self.new_rows = new_rows

    def _by_segment(self, values) -> np.ndarray:
        return np.bincount(self.t.segment, weights=values, minlength=self.k)

    def count(self, mask):
        return self._by_segment(self.t.weight * mask)

    def total(self, values, mask=None):
        w = self.t.weight if mask is None else self.t.weight * mask
        return self._by_segment(w * values)

    @cached_property
    def status_counts(self) -> np.ndarray:
        return np.array([self.count(self.t.status == s) for s in Status])

    @property
    def orders(self):
        return self.count(self.bought)

    @cached_property
    def _units(self):
        return self._by_segment(self.t.weight * self.bought * self.out.units)

    @property
    def gmv(self):
        return self._units * self.economics.order_value_cny

    @cached_property
    def discount_cost(self):
        b, out = self.bought, self.out
        return self._by_segment(self.t.weight * (b * out.units * self.economics.order_value_cny - b * out.paid))

    @property
    def revenue(self):
        return self.gmv - self.discount_cost

    @property
    def gross_margin(self):
        return self.gmv - self.discount_cost - self._units * self.economics.unit_cost_cny

    @property
    def new_members(self):
        w = self.t.weight
        return self._by_segment(np.bincount(self.new_rows, weights=w[self.new_rows], minlength=len(w)))


def _m(name, kind, unit, en, zh, compute, segments=False) -> Metric:
    return Metric(name, kind, unit, {"en": en, "zh": zh}, compute, segments)


def _status(code: Status) -> Callable:
    return lambda v: v.status_counts[code]


def _outside_margin(v: DayView) -> float:
    # Gross margin of orders by customers not in the private domain (prospects and those who
    # left), at list price: siyu_sim.counterfactual needs it.
    out = v.out
    outside = out.bought & ~out.was_member
    return dot(v.t.weight, outside * (out.paid - out.units * v.economics.unit_cost_cny))


def _arrived_margin(v: DayView) -> float:
    # Gross margin of orders by customers who were not the brand's on day 0 (its market's potential
    # customers, rows from population.n_rows on), members or not. In the no-private-domain
    # baseline these are the market's arrivals only: what a new customer is worth there is what
    # the paid-ads alternative's customers are worth (alt_ads_cum_return).
    n0, out = v.model.population.n_rows, v.out
    new = slice(n0, None)
    return dot(v.t.weight[new], out.bought[new] * (out.paid[new] - out.units[new] * v.economics.unit_cost_cny))


#: The core's metrics, in the daily table's order.
CORE: tuple[Metric, ...] = (
    _m("prospects", "stock", "customers", "prospects (customers outside the private domain)", "未入私域的顾客数",
       _status(Status.PROSPECT), True),
    _m("active", "stock", "customers", "active members", "活跃成员数", _status(Status.ACTIVE), True),
    _m("muted", "stock", "customers", "muted members", "免打扰成员数", _status(Status.MUTED), True),
    _m("churned", "stock", "customers", "churned", "退群人数", _status(Status.CHURNED), True),
    _m("potential", "stock", "customers", "potential customers (in the market, not buying from the brand)",
       "潜在顾客数（尚未购买本品牌）", _status(Status.POTENTIAL), True),
    _m("customers", "stock", "customers", "customers (buying from the brand)", "在购顾客数",
       lambda v: v.count(v.customer), True),
    _m("arrivals", "flow", "customers", "new customers from the market", "市场新增顾客",
       lambda v: v.model._arrived_weight),
    _m("members", "stock", "customers", "members", "成员数", lambda v: v.members),
    # new_members includes those who left and came back (rejoined): each join is paid for
    _m("new_members", "flow", "customers", "new members", "新增成员数", lambda v: v.new_members, True),
    _m("rejoined", "flow", "customers", "members who came back", "重新入群人数", lambda v: v.model._rejoined_weight),
    _m("purchases", "flow", "orders", "orders by members", "成员订单数", lambda v: v.orders, True),
    # distinct members who ordered within the window (one order a day at most, so a day's count
    # would only repeat purchases): monthly active buyers, read at any day
    _m("buyers", "stock", "customers", "buyers (last 30 days)", "购买人数（近 30 天）",
       lambda v: v.count((v.t.last_order_day >= 0) & (v.t.last_order_day > v.day - BUYER_WINDOW_DAYS))),
    _m("gmv", "flow", "CNY", "GMV (CNY)", "GMV（元）", lambda v: v.gmv, True),
    _m("revenue", "flow", "CNY", "revenue (CNY)", "实收（元）", lambda v: v.revenue, True),
    _m("discount_cost", "flow", "CNY", "discounts given (CNY)", "优惠让利（元）", lambda v: v.discount_cost, True),
    _m("cogs", "flow", "CNY", "cost of goods (CNY)", "货品成本（元）", lambda v: v.money.cogs),
    _m("gross_margin", "flow", "CNY", "gross margin (CNY)", "毛利（元）", lambda v: v.gross_margin, True),
    _m("staff_cost", "flow", "CNY", "staff cost (CNY)", "人力成本（元）", lambda v: v.money.staff_cost),
    _m("acquisition_cost", "flow", "CNY", "acquisition cost (CNY)", "获客成本（元）",
       lambda v: v.money.acquisition_cost),
    _m("tool_cost", "flow", "CNY", "tools and content (CNY)", "工具与内容成本（元）", lambda v: v.money.tool_cost),
    _m("profit", "flow", "CNY", "profit (CNY)", "利润（元）", lambda v: v.money.profit),
    _m("cum_profit", "stock", "CNY", "cumulative profit (CNY)", "累计利润（元）", lambda v: v.model.ledger.cum_profit),
    _m("spend", "flow", "CNY", "money put in (CNY)", "投入（元）", lambda v: v.money.spend),
    _m("cum_spend", "stock", "CNY", "money put in, cumulative (CNY)", "总投入（元）", lambda v: v.model.ledger.cum_spend),
    _m("roi", "stock", "CNY per CNY", "ROI", "ROI", lambda v: v.model.ledger.roi),
    _m("mean_trust", "stock", "trust", "mean trust", "平均信任度", lambda v: v.member_mean(v.t.trust), True),
    _m("mean_activity", "stock", "activity", "mean attention", "平均关注度", lambda v: v.member_mean(v.t.activity), True),
    _m("mean_fatigue", "stock", "fatigue", "mean fatigue", "平均疲劳度", lambda v: v.member_mean(v.t.fatigue), True),
    _m("mean_ref_price", "stock", "share of list price", "mean reference price (share of list price)",
       "平均心理价位（占标价比例）", lambda v: v.member_mean(v.t.ref_price) / v.economics.order_value_cny),
    _m("repurchase_rate", "stock", "share", "repurchase rate", "复购率",
       lambda v: _mean(v.count(v.t.orders >= 2), v.count(v.t.orders >= 1)), True),
    _m("referrals", "flow", "customers", "referrals", "推荐人数", lambda v: v.count(v.out.via_referral), True),
    _m("care_contacts", "flow", "customers", "1:1 care contacts", "一对一关怀次数", lambda v: v.count(v.out.care)),
    _m("prospect_purchases", "flow", "orders", "orders by prospects", "潜在顾客订单数",
       lambda v: v.count(v.out.bought & v.out.was_prospect), True),
    _m("outside_gross_margin", "flow", "CNY", "gross margin outside the private domain (CNY)",
       "私域外毛利（元）", _outside_margin),
    _m("arrived_gross_margin", "flow", "CNY", "gross margin from customers new since day 0 (CNY)",
       "第 0 天之后新来顾客的毛利（元）", _arrived_margin),
    # the paid-ads alternative: new customers the same cash would buy in ads today (economics.AdsResponse)
    _m("alt_ads_customers", "flow", "customers", "new customers the same cash buys in paid ads",
       "同等现金投放付费广告买来的新顾客", lambda v: v.model.ledger.alt_ads_customers),
    # customers (members or not) who have stopped buying from the brand for good
    _m("lapsed", "stock", "customers", "customers who stopped buying", "已流失顾客数", lambda v: v.count(v.t.lapsed)),
    # funnel: acquired → engaged → bought → repeat → referred (cumulative, except engaged: active
    # members paying attention today)
    _m("ever_members", "stock", "customers", "ever joined", "累计入域人数",
       lambda v: v.count(v.ever_member), True),
    _m("engaged", "stock", "customers", "engaged members", "专注成员数",
       lambda v: v.count((v.t.status == Status.ACTIVE) & (v.t.activity >= ENGAGED_ACTIVITY))),
    _m("ever_buyers", "stock", "customers", "people who ever bought", "累计购买人数", lambda v: v.count(v.t.orders >= 1)),
    _m("repeat_buyers", "stock", "customers", "repeat buyers", "复购人数", lambda v: v.count(v.t.orders >= 2)),
    _m("referrers", "stock", "customers", "members who referred", "推荐过新成员的成员数", lambda v: v.count(v.t.referrals > 0)),
    # trust distribution of members: weighted counts in five bands
    *(_m(band, "stock", "customers", f"members with trust {i / 5:g}–{(i + 1) / 5:g}",
         f"信任度 {i / 5:g}–{(i + 1) / 5:g} 的成员数", lambda v, i=i: float(v.trust_bands[i]))
      for i, band in enumerate(TRUST_BANDS)),
    _m("realised_ltv", "stock", "CNY per customer", "realised LTV (gross margin per member ever, CNY)",
       "已实现 LTV（每位曾入群成员的毛利，元）", lambda v: _mean(v.total(v.t.margin), v.count(v.ever_member)),
       True),
    _m("lapsed_members", "stock", "customers", "members who stopped buying", "已流失成员数",
       lambda v: v.count(v.member & v.t.lapsed), True),
    _m("lapsed_prospects", "stock", "customers", "prospects who stopped buying", "已流失潜在顾客数",
       lambda v: v.count((v.t.status == Status.PROSPECT) & v.t.lapsed), True),
    _m("staff", "stock", "operators", "operators (staff)", "运营人员数", lambda v: v.model.team.staff),
    # the team's management (the execution lever's: none without one) and the costs that do not
    # grow with the pool (tools, and content: one push serves every group)
    _m("leads", "stock", "leads", "team leads", "主管人数", lambda v: float(v.model.team.leads)),
    # how well the day's work is carried out (quality × skill × control: the execution lever's;
    # 1 without one), what 1:1 care each member got, and how far Moments posts reach the member
    # friends (the team's accounts hold a bounded number of friends)
    _m("execution", "stock", "quality", "execution", "执行质量", lambda v: v.model.today.plan.execution),
    _m("care_per_member", "flow", "contacts per member", "1:1 care contacts per member", "人均一对一关怀次数",
       lambda v: _mean(v.count(v.out.care), v.members)),
    _m("moments_reach", "stock", "share", "share of member friends Moments posts reach",
       "朋友圈触达的成员好友占比", lambda v: v.model.today.plan.moments.reach),
    _m("management_layers", "stock", "layers", "layers of management", "管理层级数",
       lambda v: float(v.model.team.layers)),
    _m("lead_cost", "flow", "CNY", "team leads' cost (CNY)", "主管成本（元）", lambda v: v.model.ledger.management_today),
    _m("fixed_tool_cost", "flow", "CNY", "tools and content that do not grow with the pool (CNY)",
       "不随用户池增长的工具与内容成本（元）",
       lambda v: v.model.ledger.tool_today + v.economics.tool_cost_per_day_cny),
    *(_m(f"new_members_{s}", "flow", "customers", f"new members via {en}", f"{zh}新增成员数",
         lambda v, s=s: v.new_by_source.get(s, 0.0)) for s, (en, zh) in SOURCE_NAMES.items()),
)


def _declared() -> tuple[Metric, ...]:
    found = list(CORE)
    names = {m.name for m in CORE}
    for module in MODULES:
        for metric in module.metrics:
            if metric.name in names:
                raise ValueError(f"behaviour {module.name!r} declares metric {metric.name!r}, which is declared "
                                 f"already; rename it")
            names.add(metric.name)
            found.append(metric)
    for metric in found:
        if metric.kind not in ("flow", "stock"):
            raise ValueError(f"metric {metric.name!r}: kind must be 'flow' or 'stock', got {metric.kind!r}")
        if metric.unit not in UNIT_FORMATS:
            raise ValueError(f"metric {metric.name!r}: unit {metric.unit!r} is not one of {sorted(UNIT_FORMATS)}")
    return tuple(found)


#: Every daily metric: the core's, then each behaviour's.
METRICS: tuple[Metric, ...] = _declared()
DAILY_COLUMNS = ("day", *(m.name for m in METRICS))
SEGMENT_COLUMNS = ("day", "segment", *(m.name for m in METRICS if m.segments))


@dataclass(frozen=True)
class Derived:
    """A column computed from a run's whole daily table afterwards (and, for the profit a
    private domain adds, its no-private-domain baseline's: ``needs_baseline``), from the daily
    columns ``inputs``."""

    name: str
    kind: str
    unit: str
    label: dict[str, str]
    compute: Callable  # (daily, baseline or None) -> one value per day
    inputs: tuple[str, ...]
    needs_baseline: bool = False


def _incremental(daily: pd.DataFrame, baseline: pd.DataFrame) -> np.ndarray:
    if len(daily) != len(baseline) or not (daily["day"].to_numpy() == baseline["day"].to_numpy()).all():
        raise ValueError("the scenario and its counterfactual must cover the same days")
    own = daily["profit"].to_numpy() + daily["outside_gross_margin"].to_numpy()
    return own - (baseline["outside_gross_margin"].to_numpy() + baseline["profit"].to_numpy())


def ratio(numerator, denominator) -> np.ndarray:
    """numerator / denominator, 0 where the denominator is not positive (ROI while nothing is spent)."""
    num, den = np.asarray(numerator, dtype=float), np.asarray(denominator, dtype=float)
    return np.where(den > 0, num / np.where(den > 0, den, 1.0), 0.0)


_ADDED = ("day", "profit", "outside_gross_margin")
_MARGIN = ("day", "gross_margin", "discount_cost", "outside_gross_margin")


def _margin_before_discounts(daily: pd.DataFrame) -> np.ndarray:
    """The gross margin of every order the brand's customers place, members' and others', before
    the members' discounts (what the private domain's orders would have earned at list price)."""
    return (daily["gross_margin"].to_numpy() + daily["discount_cost"].to_numpy()
            + daily["outside_gross_margin"].to_numpy())


def _added_margin(daily: pd.DataFrame, baseline: pd.DataFrame) -> np.ndarray:
    if len(daily) != len(baseline) or not (daily["day"].to_numpy() == baseline["day"].to_numpy()).all():
        raise ValueError("the scenario and its counterfactual must cover the same days")
    return _margin_before_discounts(daily) - _margin_before_discounts(baseline)


def _cash(daily: pd.DataFrame) -> np.ndarray:
    """Money put in as cash, to date: staff, tools and content, acquisition (spend less the
    discounts, which are revenue forgone, not cash)."""
    return np.cumsum(daily["spend"].to_numpy() - daily["discount_cost"].to_numpy())


def _ads_bought(daily: pd.DataFrame, baseline: pd.DataFrame) -> np.ndarray:
    """Customers the same cash has bought in paid ads to date: no more than the market's potential
    customers the baseline still has (ads cannot buy people who are not there)."""
    if len(daily) != len(baseline) or not (daily["day"].to_numpy() == baseline["day"].to_numpy()).all():
        raise ValueError("the scenario and its counterfactual must cover the same days")
    return np.minimum(np.cumsum(daily["alt_ads_customers"].to_numpy()), baseline["potential"].to_numpy())


def _ads_return(daily: pd.DataFrame, baseline: pd.DataFrame) -> np.ndarray:
    """Gross margin, to date, of the customers the same cash buys in paid ads
    (``alt_ads_customers``), each worth what the baseline's new customers earn that day: the
    margin of the market's arrivals so far (``arrived_gross_margin``) per arrival (lapsed ones
    included; before the first arrival, per customer of the whole base). No more can be bought
    than the market's potential customers the baseline still has. docs/ODD.md 7.10."""
    bought = _ads_bought(daily, baseline)
    arrived = np.cumsum(baseline["arrivals"].to_numpy())
    base = baseline["customers"].to_numpy() + baseline["lapsed"].to_numpy()
    per_new = np.where(arrived > 0, ratio(baseline["arrived_gross_margin"], arrived),
                       ratio(baseline["outside_gross_margin"], base))
    return np.cumsum(bought * per_new)


_ADS = ("day", "alt_ads_customers", "spend", "discount_cost")


def _added_vs_ads(daily: pd.DataFrame, baseline: pd.DataFrame) -> np.ndarray:
    """What the private domain adds beyond the same cash in paid ads, to date: both are added
    profits over no private domain, so the difference is like for like."""
    return np.cumsum(_incremental(daily, baseline)) - (_ads_return(daily, baseline) - _cash(daily))


def _payback_day(daily: pd.DataFrame, baseline: pd.DataFrame) -> np.ndarray:
    """As of each day, the day (counted from the first, 0) from which the cumulative added profit
    has stayed at or above zero; NaN while it is below zero (``economics.payback_day`` on the run
    to that day, so the horizon's value is the run's payback day)."""
    cum = np.cumsum(_incremental(daily, baseline))
    idx = np.arange(len(cum))
    last_negative = np.maximum.accumulate(np.where(cum < 0, idx, -1))
    return np.where(cum >= 0, last_negative + 1, np.nan).astype(float)


def _per_customer(daily: pd.DataFrame, baseline: pd.DataFrame) -> np.ndarray:
    """Cumulative added profit per customer the brand had at the start (the baseline's first day:
    its customers and those lapsed that day), so brands of any size read alike."""
    start = float(baseline["customers"].to_numpy()[0] + baseline["lapsed"].to_numpy()[0])
    return np.cumsum(_incremental(daily, baseline)) / start if start > 0 else np.zeros(len(daily))

#: Columns derived from a whole run: ``derive`` adds them.
DERIVED: tuple[Derived, ...] = (
    Derived("cum_gmv", "stock", "CNY", {"en": "cumulative GMV (CNY)", "zh": "累计 GMV（元）"},
            lambda d, b: d["gmv"].cumsum().to_numpy(), ("gmv",)),
    # What the private domain adds over the same customers with none (siyu_sim.counterfactual):
    # its profit and the margin of orders outside it, less everyone's margin in the baseline.
    Derived("incremental_profit", "flow", "CNY",
            {"en": "profit added over no private domain (CNY)", "zh": "净增利润（元）"},
            _incremental, _ADDED, needs_baseline=True),
    Derived("cum_incremental_profit", "stock", "CNY",
            {"en": "profit added over no private domain, cumulative (CNY)", "zh": "累计净增利润（元）"},
            lambda d, b: np.cumsum(_incremental(d, b)), _ADDED, needs_baseline=True),
    # The first step of the profit bridge (compare.bridge): the gross margin the private domain
    # adds before its discounts; less the discounts and its costs, it is the profit added.
    Derived("added_margin", "flow", "CNY",
            {"en": "gross margin added over no private domain, before discounts (CNY)",
             "zh": "净增毛利（扣优惠前，元）"},
            _added_margin, _MARGIN, needs_baseline=True),
    Derived("incremental_roi", "stock", "CNY per CNY",
            {"en": "added ROI (profit added per CNY put in)", "zh": "净增 ROI（每投入 1 元的净增利润）"},
            lambda d, b: ratio(np.cumsum(_incremental(d, b)), d["cum_spend"]), (*_ADDED, "cum_spend"),
            needs_baseline=True),
    Derived("cum_cash_spend", "stock", "CNY",
            {"en": "cash put in, cumulative (CNY; staff, tools, acquisition: not discounts)",
             "zh": "现金投入累计（元；人力、工具、获客，不含优惠）"},
            lambda d, b: _cash(d), ("spend", "discount_cost")),
    # The paid-ads alternative, judged like the private domain on incremental profit: the margin
    # of the customers the same cash buys (valued by the baseline's new customers) less the cash.
    Derived("alt_ads_cum_customers", "stock", "customers",
            {"en": "new customers the same cash buys in paid ads, cumulative", "zh": "同等现金投放广告累计买来的新顾客"},
            _ads_bought, _ADS, needs_baseline=True),
    Derived("alt_ads_cum_return", "stock", "CNY",
            {"en": "gross margin of the customers the same cash buys in paid ads, cumulative (CNY)",
             "zh": "同等现金投放广告买来的顾客的累计毛利（元）"},
            _ads_return, _ADS, needs_baseline=True),
    Derived("alt_ads_cum_profit", "stock", "CNY",
            {"en": "profit the same cash adds in paid ads, cumulative (CNY)", "zh": "同等现金投放广告的累计净增利润（元）"},
            lambda d, b: _ads_return(d, b) - _cash(d), _ADS, needs_baseline=True),
    Derived("added_vs_ads", "stock", "CNY",
            {"en": "added profit beyond the same cash in paid ads, cumulative (CNY)",
             "zh": "比同等现金投放广告多出的净增利润，累计（元）"},
            _added_vs_ads, _ADS + _ADDED[1:], needs_baseline=True),
    Derived("incremental_payback_day", "stock", "day",
            {"en": "payback day of the added profit (from which it stays at or above 0)",
             "zh": "净增利润回本日（此后累计不再为负）"},
            _payback_day, _ADDED, needs_baseline=True),
    Derived("incremental_profit_per_customer", "stock", "CNY per customer",
            {"en": "added profit per customer of the brand at the start, cumulative (CNY)",
             "zh": "每位顾客的累计净增利润（按期初顾客数，元）"},
            _per_customer, (*_ADDED, "customers", "lapsed"), needs_baseline=True),
    # The pool's health: active and muted members as shares of everyone who ever joined (the
    # rest have left), so a pool that grew by burning people does not look healthy.
    Derived("active_share", "stock", "share",
            {"en": "active share of everyone who joined", "zh": "活跃成员占曾入群者比例"},
            lambda d, b: ratio(d["active"], d["ever_members"]), ("active", "ever_members")),
    Derived("muted_share", "stock", "share",
            {"en": "muted share of everyone who joined", "zh": "免打扰成员占曾入群者比例"},
            lambda d, b: ratio(d["muted"], d["ever_members"]), ("muted", "ever_members")),
)
DERIVED_COLUMNS = tuple(d.name for d in DERIVED)

#: Every column's declaration by name: the daily metrics and the derived columns.
DECLARED: dict[str, Metric | Derived] = {**{m.name: m for m in METRICS}, **{d.name: d for d in DERIVED}}


def kind(name: str) -> str:
    """"flow" or "stock" for a declared column (a ``KeyError`` names an undeclared one)."""
    return DECLARED[name].kind


def unit(name: str) -> str | None:
    """The declared unit of a column, or None if undeclared."""
    found = DECLARED.get(name)
    return found.unit if found is not None else None


def number_format(name: str) -> str | None:
    """How a declared column's values are written (``UNIT_FORMATS``: "money", "count",
    "percent", "ratio" or "score"), or None if undeclared."""
    found = DECLARED.get(name)
    return UNIT_FORMATS[found.unit] if found is not None else None


def label(name: str, lang: str) -> str | None:
    """The declared label of a column in ``lang`` ("en" or "zh"), or None if undeclared."""
    found = DECLARED.get(name)
    return found.label[lang] if found is not None else None


def daily_row(model: "PrivateDomainModel", out: "DayOutcome", money) -> dict:
    """The day's row: ``day`` and every metric the model keeps (``model.recorded``: all unless it
    was asked for some), computed from the day just simulated."""
    view = DayView(model, out, money)
    row = {"day": model.day}
    row.update((m.name, m.compute(view)) for m in model.recorded)
    return row


def recorded_metrics(names=None) -> tuple[Metric, ...]:
    """The declared metrics named (in their declared order), or every one; a ValueError naming an
    unknown name and what is allowed."""
    if names is None:
        return METRICS
    wanted = set(names)
    unknown = sorted(wanted - {m.name for m in METRICS})
    if unknown:
        raise ValueError(f"not a daily metric: {', '.join(unknown)}; allowed: {', '.join(m.name for m in METRICS)}")
    return tuple(m for m in METRICS if m.name in wanted)


def segment_rows(model: "PrivateDomainModel", out: "DayOutcome", money, new_rows: np.ndarray) -> list[dict]:
    """The day's per-segment rows: every metric declared ``segments``."""
    view = SegmentView(model, out, money, new_rows)
    values = {m.name: m.compute(view) for m in METRICS if m.segments}
    return [{"day": model.day, "segment": name, **{k: v[i] for k, v in values.items()}}
            for i, name in enumerate(model.segment_names)]


def derive(daily: pd.DataFrame, baseline: pd.DataFrame | None = None, by: tuple[str, ...] = ()) -> pd.DataFrame:
    """The daily table with the ``DERIVED`` columns appended (or recomputed) whose inputs it has,
    those that need the no-private-domain baseline only when it is given. ``by``: the columns
    that tell one run from another in a table of many (scenario, replication, …): each run is
    derived on its own (its days in order), against the baseline rows with the same ``by``
    values."""
    if not by:
        out = daily.copy()
        for d in DERIVED:
            if (baseline is not None or not d.needs_baseline) and all(c in daily.columns for c in d.inputs):
                out[d.name] = d.compute(daily, baseline)
        return out
    keys = list(by)
    base = dict(iter(baseline.groupby(keys, sort=False))) if baseline is not None else {}
    parts = []
    for key, run in daily.reset_index(drop=True).groupby(keys, sort=False):
        if baseline is not None and key not in base:
            raise ValueError(f"no baseline rows for {dict(zip(keys, key))}")
        b = base[key].reset_index(drop=True) if baseline is not None else None
        parts.append(derive(run.reset_index(drop=True), b).set_axis(run.index))
    out = pd.concat(parts).sort_index()
    out.index = daily.index
    return out


def aggregate(daily: pd.DataFrame, period: str, calendar: Calendar | None = None,
              by: tuple[str, ...] = ()) -> pd.DataFrame:
    """A tidy daily table by period ("month" of the calendar — the table's own, dated if it has a
    ``date`` column — or "week" of 7 days from day 0): flows
    summed over the period's days, stocks read on its last day (every declared column present;
    ``day`` becomes the period's last day), grouped also by the ``by`` columns (scenario,
    replication, …). Weeks past the last whole week are dropped. Columns that are not declared
    are dropped, undeclared ones in ``by`` kept."""
    calendar = calendar or Calendar.of(daily)
    p = np.asarray(calendar.period_of(daily["day"].to_numpy(), period))
    keep = p <= calendar.n_periods(period)
    frame = daily[keep].assign(**{period: p[keep]})
    columns = [c for c in frame.columns if c in DECLARED and c not in by]
    agg = {c: ("sum" if DECLARED[c].kind == "flow" else "last") for c in columns}
    agg["day"] = "last"
    keys = [*by, period]
    out = frame.sort_values([*by, "day"], kind="stable").groupby(keys, sort=False).agg(agg).reset_index()
    return out[[*keys, "day", *columns]]
