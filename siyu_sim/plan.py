"""Today's plan: what the levers decided, aggregated into the inputs the rules read.

One typed flow: levers write into the plan, the model allocates today's care capacity, and
``customer_day`` reads the plan itself (tables are indexed [segment, status]). Group pushes
and Moments posts are two channels of one kind (``Touches``): a count, a quality and a
promotional share, which several levers of the channel add to."""

from __future__ import annotations

from dataclasses import dataclass, field

import numpy as np

from .rules.status import N_STATUS


@dataclass
class Touches:
    """One touch channel's day (group pushes, Moments posts): how many touches go out, and
    their count-weighted mean quality, promotional share and reach (the share of the channel's
    audience they get to: Moments posts reach the friends the team's accounts hold)."""

    count: float = 0.0
    _quality: float = 0.0  # count-weighted sums
    _promo: float = 0.0
    _reach: float = 0.0

    def add(self, count: float, quality: float, promo_share: float, reach: float = 1.0) -> None:
        self.count += count
        self._quality += count * quality
        self._promo += count * promo_share
        self._reach += count * reach

    @property
    def quality(self) -> float:
        return self._quality / self.count if self.count > 0 else 0.0

    @property
    def promo(self) -> float:
        """Promotional share of the channel's touches."""
        return self._promo / self.count if self.count > 0 else 0.0

    @property
    def reach(self) -> float:
        """Share of the channel's audience its touches reach, in [0, 1]."""
        return self._reach / self.count if self.count > 0 else 0.0

    @property
    def promotional(self) -> float:
        """Promotional touches today: count × promotional share."""
        return self.count * self.promo


@dataclass
class DayPlan:
    """Accumulates lever decisions for one day. Several levers of one kind add up."""

    n_segments: int
    #: Today: its number, its day of the year (1–366) and weekday (0 Monday … 6 Sunday); an
    #: undated run counts as if it began on a Monday, 1 January (``calendar``).
    day: float = 0.0
    day_of_year: float = 1.0
    weekday: float = 0.0
    #: Today's buying relative to an ordinary day, from the environment (seasons, festivals,
    #: shocks: ``environment``); 1 in a flat world.
    demand: float = 1.0
    list_price: float = 0.0  # CNY of an average order at list price
    reward_elasticity: float = 0.0  # referral.reward_elasticity: word-of-mouth lift per relative reward
    execution: float = 1.0
    broadcast: Touches = field(default_factory=Touches)  # group pushes
    #: Groups the community operators can run today (``Broadcast``: staff × groups per operator);
    #: the groups behaviour says which (``rules.mood``).
    groups_run: float = 0.0
    moments: Touches = field(default_factory=Touches)  # Moments posts
    care_capacity: float = 0.0  # 1:1 contacts available today
    _care_quality: float = 0.0
    staff: float = 0.0
    referral_reward_cny: float = 0.0
    #: 1 while the private domain takes new members today; 0 closes it to discovery and
    #: referral joins (a pilot cap that is full: ``PrivateDomainModel._cap_joiners``).
    open_to_joiners: float = 1.0
    coupon_depth: np.ndarray = field(init=False)
    coupon_push: np.ndarray = field(init=False)
    care_target: np.ndarray = field(init=False)
    #: Chance that a friend in each cell gets 1:1 care today (``allocate_care``).
    care_probability: np.ndarray = field(init=False)

    def __post_init__(self) -> None:
        shape = (self.n_segments, N_STATUS)
        self.coupon_depth = np.zeros(shape)
        self.coupon_push = np.zeros(shape)
        self.care_target = np.zeros(shape, dtype=bool)
        self.care_probability = np.zeros(shape)

    def add_care(self, capacity: float, quality: float, target: np.ndarray) -> None:
        self.care_capacity += capacity
        self._care_quality += capacity * quality
        self.care_target |= target

    def offer_coupon(self, depth: float, target: np.ndarray, push: bool) -> None:
        """Targeted cells get the deepest live discount; a push is a promotional message."""
        self.coupon_depth = np.where(target, np.maximum(self.coupon_depth, depth), self.coupon_depth)
        if push:
            self.coupon_push = np.where(target, 1.0, self.coupon_push)

    def allocate_care(self, eligible_weight: float) -> None:
        """Share today's care capacity over the ``eligible_weight`` real customers targeted."""
        if eligible_weight > 0.0:
            self.care_probability = np.where(self.care_target,
                                             min(1.0, self.care_capacity / eligible_weight), 0.0)

    @property
    def wom_multiplier(self) -> float:
        """Referral reward lift on word of mouth."""
        return 1.0 + self.reward_elasticity * self.referral_reward_cny / self.list_price

    @property
    def care_quality(self) -> float:
        return self._care_quality / self.care_capacity if self.care_capacity > 0 else 0.0
