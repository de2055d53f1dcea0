"""PrivateDomainModel: a brand's private domain, day by day, customer by customer."""

from __future__ import annotations

import copy
import warnings
from typing import Callable, Collection

import mesa
import numpy as np
import pandas as pd

from .brand import BrandContext
from .calendar import Calendar
from .credit import credit_referrals
from .customer_day import WIRING, DayOutcome, draw_today
from .customers import BASE_SOURCES, CustomerTable, Status
from .economics import Ledger
from .executors import make_executor
from .gathers import Gathering, for_rows, gather
from .groups import Groups
from .kernel import DEFAULT_ENGINE, check_engine
from .initial import draw_initial
from .market import Arrivals
from .levers import BrandAction, Stage
from .metrics import SEGMENT_COLUMNS, daily_row, recorded_metrics, segment_rows
from .network import contact_graph
from .plan import DayPlan
from .rules.status import N_STATUS
from .rng import SeedLike, Streams
from .scenario import Scenario
from .state import UPDATED_COLUMNS
from .sums import dot
from .team import Cohorts
from .today import Today
from .transactions import TransactionLog


class PrivateDomainModel(mesa.Model):
    """A Mesa model of one brand's private domain (私域).

    One simulated day (``step``) is this sequence of stages (docs/ODD.md §3):

    1. **Open the day**: ``model.today`` holds today's inputs, starting with an empty plan.
    2. **Levers fire**, stage by stage (``levers.Stage``): execution quality; events (pilot
       cap, migration, account ban); acquisition (store QR, package cards, paid ads: new
       members join today); touches (broadcasts, Moments, coupons, 1:1 care) are written into
       today's plan (``model.today.plan``).
    3. **Care is allocated**: today's care capacity is shared over the friends it targets.
    4. **Draws**: the day's uniforms per row, one stream per draw a behaviour declares
       (``model.today.draws``).
    5. **Gather** (social effects, from yesterday's state; ``gathers``): what each customer
       gives (advocacy, activity) is summed over its contacts and over its group; the
       community operators run the oldest groups they can, and each group's mood moves toward
       its members' activity, damped by promotional spam and by nobody running it.
    6. **Customers update** (``customer_day``: every behaviour's steps in ``rules.Day`` order,
       all from yesterday's state — synchronous): who the touches reach and what is read,
       fatigue, trust and activity, the deal and the purchase, reference price and deal
       memory, lapse, referral joins, mute and leave. Under a pilot cap, joiners beyond the
       room left have the day they would have had with membership closed.
    7. **Bookkeeping**: tomorrow's state is written back; new members are onboarded into
       groups; referrals are credited to the advocates who made them; the ledger closes the
       day; one metrics row is kept (and collected by ``model.datacollector``). ``running``
       turns False at the horizon.

    Parameters
    ----------
    scenario : Scenario, optional
        Population, behaviour, levers, economics, horizon and seed. Defaults to ``Scenario()``
        (no levers: a pool left alone).
    customers : int, optional
        The brand's real customers on day 0 (its size); overrides ``scenario.population.customers``.
    rows : int, optional
        Rows simulated for them (the precision); overrides ``scenario.population.rows``. Each row
        stands for customers / rows real customers; every count and money figure is in real
        customers whatever the rows.
    seed : int or numpy.random.SeedSequence, optional
        Root of every named random stream; overrides ``scenario.seed``.
    executor : "vector" or "agent"
        Whole-column updates (fast, default) or one Mesa agent per customer (the readable
        reference). Same seed, same results.
    segment_metrics : bool
        Also keep a per-segment daily table (``model.segment_daily``).
    engine : "compiled" or "numpy"
        How the rules run: compiled from their own source by numba (default; compiled once,
        then loaded from a disk cache: see ``siyu_sim.kernel``) or with numpy on columns (the
        reference). Both executors follow it; the engines agree within floating-point
        tolerance (numpy's ``exp`` is not libm's), each executor pair exactly.
    transactions : bool
        Also keep every order, one row each (``model.transactions``; ``transactions.py``). Off
        by default: no cost.
    record : collection of str, optional
        The daily metrics to compute and keep (``metrics.METRICS`` names; default: every one).
        The metrics row is about 15% of a day's cost: a caller that reads a few columns of many
        runs (a calibration's trials) asks for those. They are the same numbers as in a full
        run; ``summary`` needs every column.
    """

    def __init__(self, scenario: Scenario | None = None, *, customers: int | None = None,
                 rows: int | None = None, seed: SeedLike = None, executor: str = "vector",
                 segment_metrics: bool = False, transactions: bool = False, engine: str = DEFAULT_ENGINE,
                 record: Collection[str] | None = None):
        """Build day 0 of the scenario: the customer table (drawn from the population stream),
        the contact graph, the groups of the members on day 0, the levers by stage and the
        executor (the class doc gives every parameter)."""
        scenario = scenario if scenario is not None else Scenario()
        size = {k: v for k, v in (("customers", customers), ("rows", rows)) if v is not None}
        if size:
            scenario = scenario.model_copy(update={
                "population": scenario.population.model_validate({**scenario.population.model_dump(), **size})})
        self.scenario = scenario
        self.engine = check_engine(engine)
        self.streams = Streams(scenario.seed if seed is None else seed)
        super().__init__(rng=self.streams.get("mesa"))
        self.population = scenario.population
        self.behaviour = scenario.behaviour
        self.economics = scenario.economics
        self.horizon = scenario.days
        #: Which date each day is, and its month (``calendar``; undated unless the scenario has a start_date).
        self.calendar = Calendar(scenario.days, scenario.start_date)
        self.segment_names = [s.name for s in self.population.segments]
        self.sources = list(BASE_SOURCES)
        self.member_cap: float | None = None
        self.ledger = Ledger(self.economics, self.population.customers * self.population.potential_share)
        #: New customers from the market each day (not the brand's doing: the baseline has them too).
        self.arrivals = Arrivals(self.population, self.behaviour.purchase)
        self._arrived_weight = 0.0
        #: The operating team by the day each operator joined (levers' staff; ODD §7.11).
        self.team = Cohorts()
        self.customers = CustomerTable.initial(
            draw_initial(self.population, self.economics, self.streams.get("population"),
                         self.streams.get("potential"), Arrivals(self.population, self.behaviour.purchase)
                         .rows_over(scenario.days)))
        self.contacts, self.degree = contact_graph(len(self.customers), self.population.contacts_per_customer,
                                                   self.streams.get("network"), self.customers.segment,
                                                   self.population.homophily)
        capacity = self.behaviour.groups.capacity
        initial = {} if WIRING.group is None else WIRING.group[1].initial_values(self.behaviour)
        self.groups = Groups(capacity, initial,
                             expected_groups=int(np.ceil(self.customers.weight.sum() / capacity)) + 1)
        #: Levers and events by the stage of the day they fire in, each in scenario order.
        self.levers_by_stage: dict[Stage, list[tuple[str, BrandAction, BrandContext]]] = {
            stage: [(name, lever, BrandContext(self, name)) for name, lever in scenario.levers.items()
                    if lever.stage == stage] for stage in Stage}
        unstaged = [name for name, lever in scenario.levers.items() if not isinstance(lever.stage, Stage)]
        if unstaged:  # register_lever checks this for registered types
            raise ValueError(f"levers {unstaged} have no levers.Stage")
        self.day = 0
        #: Today's inputs, as every customer reads them: the plan and the draws.
        self.today = Today(day=0, plan=self._new_plan())
        #: Today's gathers (``gathers.Gathering``), made before the customers step.
        self.gathering: Gathering | None = None
        #: What the latest day produced (``customer_day.DayOutcome``: tomorrow's state, events).
        self.outcome: DayOutcome | None = None
        self._new_weight = 0.0
        self._rejoined_weight = 0.0
        self._new_rows: list[np.ndarray] = []
        self._rows: list[dict] = []
        self.recorded = recorded_metrics(record)
        self._segment_rows: list[dict] | None = [] if segment_metrics else None
        self._transactions: TransactionLog | None = TransactionLog() if transactions else None
        initial = np.flatnonzero(self.customers.status == Status.ACTIVE)
        self._onboard(initial, self._source_code("initial"), into_group=True)
        self.executor = make_executor(executor, self)
        #: Mesa's collector: one model reporter per daily column kept, read from the day's row.
        self.datacollector = mesa.DataCollector(model_reporters={
            name: (lambda model, name=name: model.last_row[name]) for name in self.daily_columns})

    # --- helpers for levers (through BrandContext) --------------------------------------------
    def _source_code(self, name: str) -> int:
        if name not in self.sources:
            self.sources.append(name)
        return self.sources.index(name)

    def target_table(self, segments: list[str] | None, statuses: list[str]) -> np.ndarray:
        table = np.zeros((len(self.segment_names), N_STATUS), dtype=bool)
        seg_idx = (range(len(self.segment_names)) if segments is None
                   else [self.segment_names.index(s) for s in segments])
        for i in seg_idx:
            for s in statuses:
                table[i, Status.from_label(s)] = True
        return table

    def member_weight(self) -> float:
        t = self.customers
        return t.weight_of((t.status == Status.ACTIVE) | (t.status == Status.MUTED))

    def add_members(self, rows: np.ndarray, source: str, *, into_group: bool = True,
                    add_friend: bool = True, on_wecom: bool = True) -> np.ndarray:
        """Make prospects, customers who left, or potential customers (who start buying from the
        brand) in ``rows`` active members today (respecting a pilot cap); returns the rows added.
        Those who left come back to a new group, if any; they count as new members and, apart, as
        re-joined."""
        t = self.customers
        if self.member_cap is not None and len(rows):
            room = self.member_cap - self.member_weight()
            rows = rows[np.cumsum(t.weight[rows]) <= room]
        if not len(rows):
            return rows
        back = t.status[rows] == Status.CHURNED
        self._rejoined_weight += float(t.weight[rows[back]].sum())
        t.group[rows[back]] = -1  # the old group is not theirs any more
        t.status[rows] = Status.ACTIVE
        t.referred[rows] = False  # a channel's join, not a friend's recommendation
        t.friend[rows] = add_friend
        t.on_wecom[rows] = on_wecom
        self._onboard(rows, self._source_code(source), into_group=into_group)
        self._new_weight += float(t.weight[rows].sum())
        self._new_rows.append(rows)
        return rows

    def _onboard(self, rows: np.ndarray, source_code: int | np.ndarray, *, into_group: bool) -> None:
        t = self.customers
        t.source[rows] = source_code
        t.join_day[rows] = self.day
        if into_group:
            t.group[rows] = self.groups.assign(t.weight[rows])
            if hasattr(self, "executor"):
                self.executor.on_joined(rows)

    def lose_members(self, rows: np.ndarray) -> float:
        t = self.customers
        rows = rows[(t.status[rows] == Status.ACTIVE) | (t.status[rows] == Status.MUTED)]
        t.status[rows] = Status.CHURNED
        return float(t.weight[rows].sum())

    # --- the day, stage by stage ------------------------------------------------------------
    def step(self) -> None:
        """Simulate one day: the stages of docs/ODD.md §3, in order."""
        today = self._open_day()  # 1. open the day: a fresh plan
        for stage in Stage:  # 2. levers fire: execution, events, acquisition, touches
            self._fire(stage)
        self._allocate_care()  # 3. care capacity shared over the friends it targets
        today.draws = draw_today(self.streams, len(self.customers))  # 4. the day's draws
        self.gathering = gather(self, today)  # 5. gather: contacts' and groups' sums
        self.executor.move_groups(today, self.gathering)  # group moods move
        gathered = for_rows(self, self.gathering)
        outcome = self.executor.step(today, gathered)  # 6. customers update (customer_day)
        self._cap_joiners(outcome, gathered)  # a pilot cap holds for discovery and referral joins too
        self.outcome = outcome
        if self._transactions is not None:  # the orders, read before tomorrow's state is written
            self._transactions.record(self.day, self.customers, outcome, self.today.plan.list_price)
        self._write_back(outcome)  # 7. bookkeeping: tomorrow's state, joiners, referrals, money
        self._onboard_joiners(outcome)
        credit_referrals(self, outcome, self.gathering)
        self._book_and_record(outcome)
        self.running = self.steps < self.horizon

    def _new_plan(self, day: int = 0) -> DayPlan:
        """Today's empty plan: the day, its date's facts and the environment's demand (not the
        brand's doing: the no-private-domain baseline has them too), before any lever fires."""
        c = self.calendar
        return DayPlan(len(self.segment_names), day=float(day), day_of_year=float(c.day_of_year(day)),
                       weekday=float(c.weekday(day)), demand=self.scenario.environment.demand(day, c.date(day)),
                       list_price=self.economics.order_value_cny,
                       reward_elasticity=self.behaviour.referral.reward_elasticity)

    def _open_day(self) -> Today:
        self.day = self.steps - 1  # Mesa counts steps from 1; days from 0
        self.today = Today(day=self.day, plan=self._new_plan(self.day))
        self.customers.refresh_weight_unit()
        self.ledger.open_day()
        self.team.update(self.day, sum(lever.staff_on(self.day) for lever in self.scenario.levers.values()))
        arrived = self.arrivals.today(self.day, self.customers.status)  # the market's new customers
        self.customers.status[arrived] = Status.PROSPECT
        self._arrived_weight = float(self.customers.weight[arrived].sum())
        self._new_weight = 0.0
        self._rejoined_weight = 0.0
        self._new_rows = []
        return self.today

    def _fire(self, stage: Stage) -> None:
        for _, lever, brand in self.levers_by_stage[stage]:
            lever.act(self.day, brand)

    def _allocate_care(self) -> None:
        """Share today's 1:1 care capacity over the friends it targets."""
        plan, t = self.today.plan, self.customers
        if plan.care_capacity > 0.0:
            plan.allocate_care(t.weight_of(t.friend & plan.care_target[t.segment, t.status]))

    def _cap_joiners(self, out: DayOutcome, gathered) -> None:
        """Under a pilot cap, today's discovery and referral joiners beyond the room left (in
        row order, as the levers' adds are capped) have the day they would have had with the
        private domain closed to joiners (``DayPlan.open_to_joiners`` 0): the same rules, run
        again for those rows."""
        if self.member_cap is None or not out.joined.any():
            return
        t = self.customers
        joined = np.flatnonzero(out.joined)
        room = self.member_cap - self.member_weight()
        refused = joined[np.cumsum(t.weight[joined]) > room]
        if len(refused):
            closed = copy.copy(self.today.plan)
            closed.open_to_joiners = 0.0
            today = Today(self.today.day, closed, self.today.draws)
            out.put(refused, self.executor.redo(refused, today, today.draws, gathered))

    def _write_back(self, out: DayOutcome) -> None:
        """Tomorrow's state becomes the table's (every column declared ``updated``)."""
        t = self.customers
        for name in UPDATED_COLUMNS:
            getattr(t, name)[:] = getattr(out.next, name)

    def _onboard_joiners(self, out: DayOutcome) -> None:
        t = self.customers
        joined = np.flatnonzero(out.joined)
        if len(joined):
            codes = np.where(out.via_referral[joined], self._source_code("referral"),
                             self._source_code("organic"))
            t.friend[joined] = True
            self._onboard(joined, codes, into_group=True)
            self._new_weight += float(t.weight[joined].sum())
            self._new_rows.append(joined)

    def _book_and_record(self, out: DayOutcome) -> None:
        """Members' orders into their totals and the ledger; the day's metrics row."""
        t = self.customers
        e = self.economics
        plan = self.today.plan
        bought = out.bought & out.was_member
        paid = out.paid
        units = bought * out.units
        t.spend += bought * paid
        t.margin += bought * paid - units * e.unit_cost_cny
        t.orders += bought
        t.last_order_day[bought] = self.day
        w = t.weight
        orders = t.weight_dot(bought)
        units_total = dot(w, units)
        discount = dot(w, units * e.order_value_cny - bought * paid)
        referrals = t.weight_dot(out.via_referral)
        self.ledger.acquisition_today += referrals * plan.referral_reward_cny
        money = self.ledger.close_day(orders, units_total, discount, plan.staff, self.member_weight())
        self._rows.append(daily_row(self, out, money))
        self.datacollector.collect(self)
        if self._segment_rows is not None:
            new_rows = np.concatenate(self._new_rows) if self._new_rows else np.zeros(0, dtype=np.int64)
            self._segment_rows.extend(segment_rows(self, out, money, new_rows))

    # --- running and results --------------------------------------------------------------------
    def run(self, days: int | None = None, progress: Callable[[int, int], None] | None = None) -> pd.DataFrame:
        """Step ``days`` days (default: the scenario's horizon) and return the daily table.

        ``progress(done, total)`` is called after each day, for progress bars.
        """
        days = self.horizon if days is None else days
        if days < 0:
            raise ValueError(f"days must be >= 0, got {days}")
        sized_for = self.calendar.days
        if self.steps + days > sized_for and (self.customers.status == Status.POTENTIAL).any():
            # the potential customers were drawn for the scenario's arrivals over its own days
            warnings.warn(f"running to day {self.steps + days}, past the scenario's {sized_for} days: the "
                          f"potential customers were drawn for {sized_for} days of arrivals and may run out; "
                          f"give the scenario the horizon instead (days = {self.steps + days} in the file, "
                          f"--days, or Scenario(days=...))", RuntimeWarning, stacklevel=2)
        self.horizon = max(self.horizon, self.steps + days)
        for i in range(days):
            self.step()
            if progress is not None:
                progress(i + 1, days)
        return self.daily

    def run_model(self) -> None:
        """Step until the horizon, where ``running`` turns False (Mesa's convention); ``run``
        does the same and returns the daily table."""
        while self.running:
            self.step()

    @property
    def daily_columns(self) -> tuple[str, ...]:
        """``day`` and the metrics kept (``metrics.DAILY_COLUMNS`` unless ``record`` chose some)."""
        return ("day", *(metric.name for metric in self.recorded))

    @property
    def last_row(self) -> dict:
        """The latest day's metrics row (``daily_columns``)."""
        if not self._rows:
            raise RuntimeError("no day has been simulated yet")
        return self._rows[-1]

    @property
    def daily(self) -> pd.DataFrame:
        """One tidy row per simulated day (``daily_columns``); a dated run's table has
        each day's ``date`` beside its number."""
        frame = pd.DataFrame(self._rows, columns=list(self.daily_columns))
        if self.calendar.start is not None:
            frame.insert(1, "date", self.calendar.dates(frame["day"].to_numpy()))
        return frame

    def summary(self) -> dict:
        """Totals, ROI and payback day for the days run so far (the paid-ads comparison needs the
        no-private-domain baseline: ``economics.run_summary(daily, baseline)``)."""
        from .economics import run_summary

        if not self._rows:
            raise RuntimeError("run the model first: there is no day to summarise")
        return run_summary(self.daily)

    @property
    def transactions(self) -> pd.DataFrame:
        """Every order so far, one row each (``transactions.TRANSACTION_COLUMNS``)."""
        if self._transactions is None:
            raise RuntimeError("construct the model with transactions=True to keep the transaction log")
        return self._transactions.frame(self.sources, self.segment_names)

    @property
    def segment_daily(self) -> pd.DataFrame:
        """One tidy row per day and segment (see ``metrics.SEGMENT_COLUMNS``)."""
        if self._segment_rows is None:
            raise RuntimeError("construct the model with segment_metrics=True to keep per-segment rows")
        return pd.DataFrame(self._segment_rows, columns=list(SEGMENT_COLUMNS))
