"""Typed, validated parameters: who the customers are, how they behave, what things cost.

Every field carries a unit, bounds and the reason for its default (a DOMAIN.md article
number or a literature source). Rule parameters live beside their rule in ``rules/``;
this module groups them and adds the population and the economics.
"""

from __future__ import annotations

import math
from typing import ClassVar

import unicodedata
from typing import Annotated

from pydantic import AfterValidator, BaseModel, ConfigDict, Field, create_model, model_validator

from .rules import MODULES, param


#: What a scenario's checks across keys say, in English (``words.CHECK_WORDS`` says them in the
#: other languages under the same keys: config reports them in the file's language).
CHECK_TEXT = {
    "customers_a_row": "{customers} customers on {rows} rows is {weight} customers a row; keep it between {low} and "
                  "{high} (set population.rows)",
    "segment_names_repeat": "segment names must be unique, got {names}",
    "segment_shares_sum": "segment shares must sum to 1, they sum to {total}",
    "unit_cost_above_value": "the unit cost (¥{cost}) is above the order value (¥{value}): every order would lose money at "
                     "list price; set economics.unit_cost_cny below economics.order_value_cny",
    "scenario_name_unsafe": "a scenario name also names files and folders: use letters, digits, _ . - only (no spaces, "
                         "no / or \\, not only dots)",
    "lever_targets_unknown_segment": "lever {lever!r} targets unknown segment {segment!r}; segments are {segments}",
}


class CheckFailed(ValueError):
    """A check across a scenario's keys failed: ``key`` names what it says (``CHECK_TEXT``),
    ``fields`` fill it in; ``str()`` is the English."""

    def __init__(self, key: str, **fields):
        super().__init__(CHECK_TEXT[key].format(**fields))
        self.key, self.fields = key, fields

    def __reduce__(self):  # to a worker process and back, whole
        return _check_failed, (self.key, self.fields)


def _check_failed(key: str, fields: dict) -> CheckFailed:
    return CheckFailed(key, **fields)


class Params(BaseModel):
    """Base for parameter blocks: unknown names are errors."""

    model_config = ConfigDict(extra="forbid", validate_default=True)


#: How customers react: one parameter block per behaviour that declares one (``rules.MODULES``,
#: by name): ``behaviour.trust``, ``behaviour.purchase``, … (the model's behavioural
#: uncertainties). Composed from the behaviours, so a new behaviour's block needs no edit here.
Behaviour = create_model(
    "Behaviour", __base__=Params, __module__=__name__,
    __doc__="How customers react: one parameter block per behaviour (``rules.MODULES``).",
    **{m.name: (m.params, Field(default_factory=m.params)) for m in MODULES if m.params is not None})


def _one_line(value: str | None) -> str | None:
    if value is not None and (not value.strip() or any(unicodedata.category(c).startswith("C") for c in value)):
        raise ValueError("a title is one line of text, shown as given: not blank, and no line breaks, tabs "
                         "or other control characters")
    return value


#: A display name, as readers see it (a scenario's, a segment's): optional, one line of text.
Title = Annotated[str | None, Field(min_length=1, max_length=60), AfterValidator(_one_line)]


class Segment(Params):
    """A customer segment: its share of the population and its traits."""

    name: str = Field(..., min_length=1, pattern=r"^[a-z][a-z0-9_]*$",
                      description="Identifier (lower-case, digits, underscores).")
    title: Title = Field(None, description="What readers call this segment in English (reports, charts). None: "
                                           "its name (a shipped segment: its usual label).")
    title_zh: Title = Field(None, description="What readers call this segment in Chinese. None: its usual Chinese "
                                              "label if it has one; a report shows every segment in English when "
                                              "any has no Chinese name, never a mix.")
    share: float = param(0.0, 0.0, 1.0, "share of population", "Share of customers in this segment.")
    need_cycle_days: float = param(
        30.0, 1.0, 3650.0, "days",
        "Typical days between purchases for a customer of neutral trust at list price.",
    )
    price_sensitivity: float = param(
        2.0, 0.0, 20.0, "log-hazard per unit relative price gain",
        "How strongly the deal against the reference price moves buying (bargain hunters high).",
    )
    touch_tolerance_per_day: float = param(
        2.0, 0.1, 50.0, "touches per day",
        "Touches a day this customer takes before fatigue builds (DOMAIN 001/003).",
    )
    initial_trust: float = param(0.3, 0.0, 1.0, "trust", "Trust in the brand at the start.")
    initial_activity: float = param(0.5, 0.0, 1.0, "activity", "Attention at the start.")


def default_segments() -> list[Segment]:
    """Three segments that practitioners describe (DOMAIN 000/002/004): loyal-prone
    customers who respond to care, regulars, and bargain hunters who came for coupons."""
    return [
        Segment(name="loyal_prone", share=0.2, need_cycle_days=20, price_sensitivity=1.0,
                touch_tolerance_per_day=3.0, initial_trust=0.4, initial_activity=0.6),
        Segment(name="regular", share=0.5, need_cycle_days=30, price_sensitivity=2.0,
                touch_tolerance_per_day=2.0, initial_trust=0.3, initial_activity=0.5),
        Segment(name="bargain_hunter", share=0.3, need_cycle_days=40, price_sensitivity=5.0,
                touch_tolerance_per_day=4.0, initial_trust=0.2, initial_activity=0.4),
    ]


#: Rows simulated for a brand with more customers than this, when population.rows is not given:
#: enough that added profit moves by less than its own seed-to-seed interval at fewer rows
#: (measured in docs/performance.md, "How many rows a question needs").
DEFAULT_ROWS = 10_000
MAX_ROWS = 50_000_000  # the table's rows: memory (~400 B a row) and time
MAX_CUSTOMERS = 2_000_000_000  # a brand's real customers
MIN_WEIGHT, MAX_WEIGHT = 1e-3, 1e6  # real customers a row


def simulated_rows(customers: int, rows: int | None) -> int:
    """Rows simulated for ``customers`` real customers: ``rows`` if given, else as many as the
    customers, at most ``DEFAULT_ROWS`` (a brand no bigger is simulated one row a customer)."""
    return int(rows) if rows is not None else min(int(customers), DEFAULT_ROWS)


class Population(Params):
    """Who the brand can reach: its customers (real people: the brand's size) and their contacts,
    simulated on ``rows`` rows (the run's precision)."""

    #: Keys that were settings once, and the words saying what to write instead (config.pydantic_errors).
    RETIRED_KEYS: ClassVar[dict[str, tuple[str, dict]]] = {"weight": ("err_retired_weight", {"table": "population."})}

    customers: int = Field(10_000, ge=10, le=MAX_CUSTOMERS,
                           description="The brand's customers on day 0, real people: prospects and members (the "
                                       "potential customers of potential_share come on top). The brand's size: "
                                       "every count and money figure is in real customers, whatever the rows.",
                           json_schema_extra={"unit": "customers"})
    rows: int | None = Field(None, ge=10, le=MAX_ROWS, json_schema_extra={"unit": "rows"},
                             description="Rows simulated for those customers: the run's precision, not the brand's "
                                         "size. Each row stands for customers / rows real customers (the weight, "
                                         "derived, never set); fewer rows are faster and noisier, with the same "
                                         f"scale. None: as many as the customers, at most {DEFAULT_ROWS:,} "
                                         "(docs/performance.md, how many rows a question needs). More rows than "
                                         "customers give each row a fraction of a customer.")
    potential_share: float = param(
        0.5, 0.0, 20.0, "× customers",
        "People in the brand's market who do not buy from it yet, as a multiple of its customers on day 0: "
        "where new customers come from, by themselves (arrivals), through paid ads or a friend's referral. "
        "An assumption: a brand's buyers are a minority of its category's buyers (Ehrenberg-Bass: penetration "
        "is what brands grow on; Sharp 2010); set it from the brand's market share. They are simulated on rows in "
        "the same proportion as the customers (each row stands for as many people); there are always at least "
        "enough for the horizon's arrivals (and a fifth more).")
    arrivals_per_year: float | None = Field(
        None, ge=0.0, le=5.0, json_schema_extra={"unit": "share of customers a year"},
        description="New customers who start buying from the brand each year through public channels (not "
                    "the private domain's doing: the no-private-domain baseline has them too), as a share of "
                    "the customers on day 0. None: as many as keep the base as large in five years as today, "
                    "given how customers lapse (behaviour.purchase.lapse_per_year and "
                    "lapse_propensity_shape): a brand in steady state.")
    market_growth_per_year: float = param(
        0.0, -0.5, 1.0, "per year",
        "How fast the flow of new customers grows (or shrinks) a year: the category's growth.")
    initial_member_share: float = param(
        0.1, 0.0, 1.0, "share", "Share of customers already in the private domain on day 0."
    )
    store_shopper_share: float = param(
        0.6, 0.0, 1.0, "share",
        "Share of customers who shop in physical stores (where a checkout QR can reach them); "
        "the rest buy online and receive packages.",
    )
    on_wecom_share: float = param(
        1.0, 0.0, 1.0, "share",
        "Share of initial members held on WeCom rather than personal WeChat accounts "
        "(personal accounts can be banned; DOMAIN 000/001).",
    )
    contacts_per_customer: float = param(
        8.0, 0.0, 200.0, "contacts",
        "Mean number of contacts in the referral graph (a random graph with homophily).",
    )
    homophily: float = param(
        0.5, 0.0, 1.0, "share of contacts",
        "Share of contacts drawn from a customer's own segment, the rest from anyone: friends "
        "are alike (McPherson, Smith-Lovin & Cook 2001). With the default segments half of "
        "all contacts are chosen within the segment, so about 70% share it, against 38% at "
        "random. 0 gives an Erdős–Rényi graph.",
    )
    trait_spread: float = param(
        0.3, 0.0, 2.0, "log-normal sigma",
        "Spread of need cycle and touch tolerance within a segment (customers differ).",
    )
    lapse_propensity_shape: float = param(
        0.6, 0.05, 100.0, "Gamma shape",
        "Customers differ in how prone they are to stop buying: each has a lapse propensity drawn "
        "from a Gamma distribution with mean 1 and this shape, multiplying the lapse hazard. Small: "
        "a few lapse fast while most stay, so the survivors are loyal and the base's lapse rate falls "
        "with tenure; large: all alike (Schmittlein, Morrison & Colombo 1987, Pareto/NBD; on the "
        "CDNOW cohort s = 0.61, Fader, Hardie & Lee 2005).",
    )
    segments: list[Segment] = Field(default_factory=default_segments, min_length=1,
                                    description="Customer segments; shares must sum to 1.")

    @property
    def n_rows(self) -> int:
        """Rows simulated for the customers on day 0: ``rows``, else as many as the customers, at
        most ``DEFAULT_ROWS``."""
        return simulated_rows(self.customers, self.rows)

    @property
    def weight(self) -> float:
        """Real customers per row: customers / rows (derived, never set). Potential customers,
        arrivals and every row added later stand for as many."""
        return self.customers / self.n_rows

    @model_validator(mode="after")
    def _check_weight(self) -> "Population":
        if not MIN_WEIGHT <= self.weight <= MAX_WEIGHT:
            raise CheckFailed("customers_a_row", customers=f"{self.customers:,}", rows=f"{self.n_rows:,}",
                                        weight=f"{self.weight:.3g}", low=f"{MIN_WEIGHT:g}", high=f"{MAX_WEIGHT:,.0f}")
        return self

    @model_validator(mode="after")
    def _check_segments(self) -> "Population":
        names = [s.name for s in self.segments]
        if len(set(names)) != len(names):
            raise CheckFailed("segment_names_repeat", names=", ".join(names))
        total = sum(s.share for s in self.segments)
        if not math.isclose(total, 1.0, abs_tol=1e-6):
            raise CheckFailed("segment_shares_sum", total=f"{total:.6g}")
        return self


class Economics(Params):
    """Prices and costs, and the paid-ads alternative (DOMAIN 000: three questions)."""

    #: Keys that were settings once, and the words saying what to write instead (config.pydantic_errors).
    RETIRED_KEYS: ClassVar[dict[str, tuple[str, dict]]] = {
        "paid_ads_return_per_cny": ("err_retired_paid_ads_return", {})}

    order_value_cny: float = param(
        60.0, 0.01, 1e6, "CNY per order",
        "List-price value of an average order (a fruit or coffee basket; DOMAIN 000/001).",
    )
    unit_cost_cny: float = param(
        33.0, 0.0, 1e6, "CNY per order",
        "Cost of goods of an average order (45% gross margin at list price by default).",
    )
    staff_cost_per_day_cny: float = param(
        400.0, 0.0, 1e6, "CNY per staff per day",
        "Fully loaded cost of one operator (about 12,000 CNY a month).",
    )
    tool_cost_per_day_cny: float = param(
        30.0, 0.0, 1e7, "CNY per day",
        "SCRM / WeCom tool subscriptions (DOMAIN 004: reach costs tools). Levers add materials and gifts to tool cost.",
    )
    tool_cost_per_member_day_cny: float = param(
        0.002, 0.0, 100.0, "CNY per member per day",
        "Per-seat and per-message tool cost that grows with the pool.",
    )
    lead_cost_per_day_cny: float = param(
        600.0, 0.0, 1e6, "CNY per lead per day",
        "Fully loaded cost of one team lead (about 18,000 CNY a month, 1.5 operators; an assumption). "
        "The execution lever employs one lead per span of operators (Urwick 1956).",
    )
    # The paid-ads alternative (docs/ODD.md 7.10): the same cash in ads buys new customers through
    # a response curve in the form media-mix models fit (Meridian, PyMC-Marketing, Robyn), so a
    # brand can copy its own MMM's figures here.
    ads_cac_cny: float = param(
        367.0, 1.0, 1e6, "CNY per customer",
        "Paid ads: what an incremental new customer costs at low spend (the response curve's slope at "
        "zero; with hill_shape 1 the average cost grows to twice this at the half-saturation spend). "
        "DOMAIN 001/002: platform CAC 200+ (Alibaba 2018) to 900+ (2020) CNY a person, Pinduoduo 367 "
        "per active buyer (2021): the latest figure, inside that range. From an MMM: half-saturation "
        "spend / the effect at saturation (customers a day).")
    ads_half_saturation_cny_per_day: float | None = Field(
        None, ge=0.0, le=1e10, json_schema_extra={"unit": "CNY per day"},
        description="Paid ads: the carried-over spend a day at which ads buy half the most they can "
                    "(the Hill function's half-saturation point, Meridian's ec in CNY). An MMM's weekly "
                    "figure / 7; 0: ads buy no one. None: as much as buys, at ads_cac_cny, every reachable potential customer "
                    "of the market in a year (ads_reach_share × population.potential_share × customers / 365).")
    ads_reach_share: float = param(
        0.7, 0.0, 1.0, "share of the market",
        "Paid ads: the share of the market's potential customers ads could ever reach, used only when "
        "ads_half_saturation_cny_per_day is left out (Nielsen: an 8-week TV campaign reached 69% of its "
        "target adults; the same figure as levers.paid_ads.reach_share).")
    ads_hill_shape: float = param(
        1.0, 0.1, 10.0, "exponent",
        "Paid ads: the Hill function's shape (Meridian's slope): 1 or less concave, each CNY buying "
        "fewer customers than the one before; above 1 S-shaped. 1: the concave case (Jin et al. 2017; "
        "the paid_ads lever's own curve).")
    ads_adstock_decay_per_day: float = param(
        0.906, 0.0, 1.0, "per day",
        "Paid ads: how much of a day's spend still works the next day (geometric adstock, Meridian's "
        "alpha). 0.906 a day is 0.5 a week, the mean of Meridian's default prior (Uniform(0, 1) a "
        "period); a weekly MMM's alpha a day is alpha^(1/7).")
    ads_adstock_max_lag_days: int = Field(
        56, ge=0, le=3650, json_schema_extra={"unit": "days"},
        description="Paid ads: days a day's spend keeps working (Meridian's max_lag: 8 periods by default, "
                    "here 8 weeks). 0: no carry-over.")

    @model_validator(mode="after")
    def _check_margin(self) -> "Economics":
        if self.unit_cost_cny > self.order_value_cny:
            raise CheckFailed("unit_cost_above_value", cost=f"{self.unit_cost_cny:g}",
                                        value=f"{self.order_value_cny:g}")
        return self

    @property
    def gross_margin_rate(self) -> float:
        return 1.0 - self.unit_cost_cny / self.order_value_cny
