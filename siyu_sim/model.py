"""PrivateDomainModel: a brand's private domain, day by day, customer by customer."""

from __future__ import annotations

from typing import Callable

import mesa
import numpy as np
import pandas as pd
import scipy.sparse as sp

from .brand import BrandContext
from .customer_day import Touches
from .customers import BASE_SOURCES, CustomerTable, Status
from .economics import Ledger
from .executors import make_executor
from .groups import Groups
from .metrics import daily_row, segment_rows
from .plan import DayPlan
from .rng import SeedLike, Streams
from .scenario import Scenario

STATUS_BY_NAME = {"prospect": Status.PROSPECT, "active": Status.ACTIVE,
                  "muted": Status.MUTED, "churned": Status.CHURNED}
DRAWN_EACH_DAY = ("purchase", "referral", "churn", "care")


class PrivateDomainModel(mesa.Model):
    """A Mesa model of one brand's private domain (私域).

    One simulated day (``step``), in this order:

    1. **Levers fire**, in phase order: execution quality; events (pilot cap, migration,
       account ban); acquisition (store QR, package cards, paid ads: new members join today);
       touches (broadcasts, Moments, coupons, 1:1 care) are written into today's plan.
    2. **Gather** (social effects, from yesterday's state): each community group's mood
       moves toward its members' activity, damped by promotional spam; each prospect's
       referral pressure is the mean advocacy of its contacts.
    3. **Customers update** (``customer_day``, all from yesterday's state — synchronous):
       attention (who reads), fatigue, trust and activity, the deal against the reference
       price, purchase, reference price and deal memory, referral joins, mute and leave.
    4. **Bookkeeping**: new members are onboarded into groups; referrals are credited to
       the advocates who made them; the ledger closes the day; one metrics row is kept.

    Parameters
    ----------
    scenario : Scenario, optional
        Population, behaviour, levers, economics, horizon and seed. Defaults to ``Scenario()``
        (no levers: a pool left alone).
    customers : int, optional
        Rows in the customer table; overrides ``scenario.population.customers``.
    seed : int or numpy.random.SeedSequence, optional
        Root of every named random stream; overrides ``scenario.seed``.
    executor : "vector" or "agent"
        Whole-column updates (fast, default) or one Mesa agent per customer (the readable
        reference). Same seed, same results.
    segment_metrics : bool
        Also keep a per-segment daily table (``model.segment_daily``).
    """

    def __init__(self, scenario: Scenario | None = None, *, customers: int | None = None,
                 seed: SeedLike = None, executor: str = "vector", segment_metrics: bool = False):
        scenario = scenario if scenario is not None else Scenario()
        if customers is not None:
            scenario = scenario.model_copy(update={
                "population": scenario.population.model_validate(
                    {**scenario.population.model_dump(), "customers": customers})})
        self.scenario = scenario
        self.streams = Streams(scenario.seed if seed is None else seed)
        super().__init__(rng=self.streams.get("mesa"))
        self.population = scenario.population
        self.behaviour = scenario.behaviour
        self.economics = scenario.economics
        self.horizon = scenario.days
        self.segment_names = [s.name for s in self.population.segments]
        self.sources = list(BASE_SOURCES)
        self.member_cap: float | None = None
        self.ledger = Ledger(self.economics)
        self.customers = self._make_customers()
        self.contacts, self.degree = self._make_contacts()
        capacity = self.behaviour.groups.capacity
        self.groups = Groups(capacity, self.behaviour.groups.initial_mood,
                             expected_groups=int(np.ceil(self.customers.weight.sum() / capacity)) + 1)
        self._levers = sorted(
            ((name, lever, BrandContext(self, name)) for name, lever in scenario.levers.items()),
            key=lambda item: (item[1].phase, list(scenario.levers).index(item[0])))
        self.plan = DayPlan(len(self.segment_names))
        self.day = 0
        self._new_weight = 0.0
        self._new_rows: list[np.ndarray] = []
        self._rows: list[dict] = []
        self._segment_rows: list[dict] | None = [] if segment_metrics else None
        initial = np.flatnonzero(self.customers.status == Status.ACTIVE)
        self._onboard(initial, self._source_code("initial"), into_group=True)
        self.executor = make_executor(executor, self)

    # --- construction -----------------------------------------------------------------------
    def _make_customers(self) -> CustomerTable:
        pop = self.population
        n = pop.customers
        rng = self.streams.get("population")
        shares = np.array([s.share for s in pop.segments])
        segment = np.minimum(np.searchsorted(np.cumsum(shares), rng.random(n), side="right"),
                             len(shares) - 1).astype(np.int8)

        def trait(attr: str) -> np.ndarray:
            return np.array([getattr(s, attr) for s in pop.segments], dtype=float)[segment]

        spread = pop.trait_spread
        need_cycle = trait("need_cycle_days") * rng.lognormal(-spread * spread / 2, spread, n)
        tolerance = trait("touch_tolerance_per_day") * rng.lognormal(-spread * spread / 2, spread, n)
        member = rng.random(n) < pop.initial_member_share
        on_wecom = rng.random(n) < pop.on_wecom_share
        store = rng.random(n) < pop.store_shopper_share
        days_since = np.floor(rng.random(n) * need_cycle) + 1.0
        list_price = self.economics.order_value_cny
        return CustomerTable(
            segment=segment,
            status=np.where(member, Status.ACTIVE, Status.PROSPECT).astype(np.int8),
            group=np.full(n, -1, dtype=np.int32),
            friend=member.copy(),
            on_wecom=np.where(member, on_wecom, True),
            official_account=member.copy(),
            store_shopper=store,
            trust=trait("initial_trust"),
            activity=trait("initial_activity"),
            fatigue=np.zeros(n),
            ref_price=np.full(n, list_price),
            deal_memory=np.zeros(n),
            days_since_purchase=days_since,
            need_cycle=need_cycle,
            price_sensitivity=trait("price_sensitivity"),
            tolerance=tolerance,
            spend=np.zeros(n), margin=np.zeros(n),
            orders=np.zeros(n, dtype=np.int32), referrals=np.zeros(n),
            source=np.zeros(n, dtype=np.int8),
            join_day=np.full(n, -1, dtype=np.int32),
            weight=np.full(n, pop.weight),
        )

    def _make_contacts(self) -> tuple[sp.csr_array, np.ndarray]:
        """An Erdős–Rényi contact graph with the configured mean degree, symmetric, unweighted."""
        n = len(self.customers)
        rng = self.streams.get("network")
        edges = int(round(n * self.population.contacts_per_customer / 2))
        a = rng.integers(0, n, edges, dtype=np.int64)
        b = rng.integers(0, n, edges, dtype=np.int64)
        keep = a != b
        a, b = a[keep], b[keep]
        rows = np.concatenate([a, b]).astype(np.int32)
        cols = np.concatenate([b, a]).astype(np.int32)
        graph = sp.csr_array((np.ones(len(rows)), (rows, cols)), shape=(n, n))
        graph.sum_duplicates()
        graph.data[:] = 1.0  # duplicate edges are one contact
        graph.sort_indices()
        return graph, np.diff(graph.indptr).astype(float)

    # --- helpers for levers (through BrandContext) --------------------------------------------
    def _source_code(self, name: str) -> int:
        if name not in self.sources:
            self.sources.append(name)
        return self.sources.index(name)

    def target_table(self, segments: list[str] | None, statuses: list[str]) -> np.ndarray:
        table = np.zeros((len(self.segment_names), 4), dtype=bool)
        seg_idx = (range(len(self.segment_names)) if segments is None
                   else [self.segment_names.index(s) for s in segments])
        for i in seg_idx:
            for s in statuses:
                table[i, STATUS_BY_NAME[s]] = True
        return table

    def member_weight(self) -> float:
        t = self.customers
        return t.weight_of((t.status == Status.ACTIVE) | (t.status == Status.MUTED))

    def add_members(self, rows: np.ndarray, source: str, *, into_group: bool = True,
                    add_friend: bool = True, on_wecom: bool = True) -> float:
        """Make prospects in ``rows`` active members today (respecting a pilot cap)."""
        t = self.customers
        if self.member_cap is not None and len(rows):
            room = self.member_cap - self.member_weight()
            rows = rows[np.cumsum(t.weight[rows]) <= room]
        if not len(rows):
            return 0.0
        t.status[rows] = Status.ACTIVE
        t.friend[rows] = add_friend
        t.on_wecom[rows] = on_wecom
        self._onboard(rows, self._source_code(source), into_group=into_group)
        added = float(t.weight[rows].sum())
        self._new_weight += added
        self._new_rows.append(rows)
        return added

    def _onboard(self, rows: np.ndarray, source_code: int | np.ndarray, *, into_group: bool) -> None:
        t = self.customers
        t.source[rows] = source_code
        t.join_day[rows] = self.day
        t.official_account[rows] = True
        if into_group:
            t.group[rows] = self.groups.assign(t.weight[rows])
            if hasattr(self, "executor"):
                self.executor.on_joined(rows)

    def lose_members(self, rows: np.ndarray) -> float:
        t = self.customers
        rows = rows[(t.status[rows] == Status.ACTIVE) | (t.status[rows] == Status.MUTED)]
        t.status[rows] = Status.CHURNED
        return float(t.weight[rows].sum())

    # --- the day ----------------------------------------------------------------------------------
    def _touches(self) -> Touches:
        plan, t = self.plan, self.customers
        care_probability = np.zeros_like(plan.coupon_depth)
        if plan.care_capacity > 0.0:
            eligible = t.friend & plan.care_target[t.segment, t.status]
            pool = t.weight_of(eligible)
            if pool > 0.0:
                care_probability = np.where(plan.care_target, min(1.0, plan.care_capacity / pool), 0.0)
        wom = 1.0 + (self.behaviour.referral.reward_elasticity * plan.referral_reward_cny
                     / self.economics.order_value_cny)
        return Touches(
            broadcasts=plan.broadcasts, broadcast_quality=plan.broadcast_quality,
            broadcast_promo=plan.broadcast_promo, moments=plan.moments,
            moments_quality=plan.moments_quality, moments_promo=plan.moments_promo,
            coupon_depth=plan.coupon_depth, coupon_push=plan.coupon_push,
            care_probability=care_probability, care_quality=plan.care_quality,
            wom_multiplier=wom, list_price=self.economics.order_value_cny)

    def step(self) -> None:
        self.day = self.steps - 1  # Mesa counts steps from 1; days from 0
        self.plan = DayPlan(len(self.segment_names))
        self.customers.refresh_weight_unit()
        self.ledger.open_day()
        self._new_weight = 0.0
        self._new_rows = []
        for _, lever, brand in self._levers:
            lever.act(self.day, brand)
        touches = self._touches()
        n = len(self.customers)
        draws = {name: self.streams.uniform(name, n) for name in DRAWN_EACH_DAY}
        self.executor.update_moods(self.plan.broadcasts * self.plan.broadcast_promo)
        out = self.executor.step(touches, draws)
        self._close_day(out)
        self.running = self.steps < self.horizon

    def _close_day(self, out: dict) -> None:
        t = self.customers
        e = self.economics
        was_member = (t.status == Status.ACTIVE) | (t.status == Status.MUTED)
        out["_was_member"] = was_member
        out["_was_prospect"] = t.status == Status.PROSPECT
        for name in ("trust", "activity", "fatigue", "ref_price", "deal_memory", "days_since_purchase"):
            getattr(t, name)[:] = out[name]
        t.status[:] = out["status"]
        joined = np.flatnonzero(out["joined"])
        if len(joined):
            codes = np.where(out["via_referral"][joined], self._source_code("referral"),
                             self._source_code("organic"))
            t.friend[joined] = True
            self._onboard(joined, codes, into_group=True)
            self._new_weight += float(t.weight[joined].sum())
            self._new_rows.append(joined)
        self.executor.credit_referrals(out)
        bought = out["bought"] & was_member
        paid = out["paid"]
        units = bought * out["units"]
        t.spend += bought * paid
        t.margin += bought * paid - units * e.unit_cost_cny
        t.orders += bought
        w = t.weight
        orders = float(w @ bought) if t._weight_unit is None else t.weight_of(bought)
        units_total = float(w @ units)
        discount = float(w @ (units * e.order_value_cny - bought * paid))
        referrals = (float(w @ out["via_referral"]) if t._weight_unit is None
                     else t.weight_of(out["via_referral"]))
        self.ledger.acquisition_today += referrals * self.plan.referral_reward_cny
        money = self.ledger.close_day(orders, units_total, discount, self.plan.staff, self.member_weight())
        self._rows.append(daily_row(self.day, t, out, money, self.ledger, self._new_weight,
                                    e.order_value_cny, e.unit_cost_cny))
        if self._segment_rows is not None:
            new_rows = np.concatenate(self._new_rows) if self._new_rows else np.zeros(0, dtype=np.int64)
            self._segment_rows.extend(segment_rows(self.day, t, out, self.segment_names, new_rows,
                                                   e.order_value_cny, e.unit_cost_cny))

    # --- running and results --------------------------------------------------------------------
    def run(self, days: int | None = None, progress: Callable[[int, int], None] | None = None) -> pd.DataFrame:
        """Step ``days`` days (default: the scenario's horizon) and return the daily table.

        ``progress(done, total)`` is called after each day, for progress bars.
        """
        days = self.horizon if days is None else days
        if days < 0:
            raise ValueError(f"days must be >= 0, got {days}")
        self.horizon = max(self.horizon, self.steps + days)
        for i in range(days):
            self.step()
            if progress is not None:
                progress(i + 1, days)
        return self.daily

    @property
    def daily(self) -> pd.DataFrame:
        """One tidy row per simulated day (see ``metrics.DAILY_COLUMNS``)."""
        from .metrics import DAILY_COLUMNS

        return pd.DataFrame(self._rows, columns=list(DAILY_COLUMNS))

    def summary(self) -> dict:
        """Totals, ROI, payback day and the paid-ads comparison for the days run so far."""
        from .economics import run_summary

        if not self._rows:
            raise RuntimeError("run the model first: there is no day to summarise")
        return run_summary(self.daily)

    @property
    def segment_daily(self) -> pd.DataFrame:
        from .metrics import SEGMENT_COLUMNS

        if self._segment_rows is None:
            raise RuntimeError("construct the model with segment_metrics=True to keep per-segment rows")
        return pd.DataFrame(self._segment_rows, columns=list(SEGMENT_COLUMNS))
