"""Today's plan: what the levers decided, aggregated into the inputs the rules read.

One typed flow: levers write into the plan, the model allocates today's care capacity, and
``customer_day`` reads the plan itself (tables are indexed [segment, status])."""

from __future__ import annotations

from dataclasses import dataclass, field

import numpy as np

from .rules.status import N_STATUS


@dataclass
class DayPlan:
    """Accumulates lever decisions for one day. Several levers of one kind add up."""

    n_segments: int
    list_price: float = 0.0  # CNY of an average order at list price
    reward_elasticity: float = 0.0  # referral.reward_elasticity: word-of-mouth lift per relative reward
    execution: float = 1.0
    broadcasts: float = 0.0
    _broadcast_quality: float = 0.0  # count-weighted sums
    _broadcast_promo: float = 0.0
    moments: float = 0.0
    _moments_quality: float = 0.0
    _moments_promo: float = 0.0
    care_capacity: float = 0.0  # 1:1 contacts available today
    _care_quality: float = 0.0
    staff: float = 0.0
    referral_reward_cny: float = 0.0
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

    def add_broadcasts(self, count: float, quality: float, promo_share: float) -> None:
        self.broadcasts += count
        self._broadcast_quality += count * quality
        self._broadcast_promo += count * promo_share

    def add_moments(self, count: float, quality: float, promo_share: float) -> None:
        self.moments += count
        self._moments_quality += count * quality
        self._moments_promo += count * promo_share

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

    @staticmethod
    def _mean(total: float, count: float) -> float:
        return total / count if count > 0 else 0.0

    @property
    def broadcast_quality(self) -> float:
        return self._mean(self._broadcast_quality, self.broadcasts)

    @property
    def broadcast_promo(self) -> float:
        return self._mean(self._broadcast_promo, self.broadcasts)

    @property
    def moments_quality(self) -> float:
        return self._mean(self._moments_quality, self.moments)

    @property
    def moments_promo(self) -> float:
        return self._mean(self._moments_promo, self.moments)

    @property
    def care_quality(self) -> float:
        return self._mean(self._care_quality, self.care_capacity)
