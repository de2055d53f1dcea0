"""Acquisition levers (引流): store checkout QR, package cards, paid ads, referral rewards.

Add rates follow ``rate_at_full_execution × execution ^ execution_elasticity``: execution
decides most of the result (DOMAIN 003/004). With the defaults a store QR at execution 0.9
adds about 64% of store buyers (DOMAIN 001: 60–70%), and a package card moves from about 3%
at execution 0.2 to about 35% at 0.95 (DOMAIN 004: copycats <5%, the original team >30%).
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
from pydantic import Field

from ..customers import Status
from ..economics import hill
from ..rules import param
from .base import Lever, Stage, register_lever


class _Channel(Lever):
    stage = Stage.ACQUISITION
    into_group: bool = Field(True, description="New members join a community group.")
    add_friend: bool = Field(True, description="New members become WeCom / personal friends.")
    on_wecom: bool = Field(True, description="Held on WeCom (True) or a personal WeChat account.")
    execution_elasticity: float = param(
        1.5, 0.0, 10.0, "exponent",
        "How steeply the add rate falls with poorer execution (DOMAIN 004: >30% vs <5%).")

    def add_rate(self, rate: float, execution: float, strength: float) -> float:
        return rate * execution ** self.execution_elasticity * strength

    def _acquire(self, brand, probability, source, cost_per_add):
        return brand.acquire(probability, source, cost_per_add, into_group=self.into_group,
                             add_friend=self.add_friend, on_wecom=self.on_wecom)


def bought_outside_yesterday(brand) -> np.ndarray:
    """Customers outside the private domain who placed an order yesterday: a checkout or a
    parcel is where the store QR and the package card reach them."""
    t = brand.customers
    return t.outside() & (t.days_since_purchase == 0.0)


def invited(brand, where: np.ndarray, rate: float) -> np.ndarray:
    """Each customer outside the private domain who bought yesterday (in ``where``) is invited
    and joins with ``rate``; one who left before comes back less willingly (second chances,
    ``behaviour.churn.rejoin_willingness``)."""
    t = brand.customers
    eligible = bought_outside_yesterday(brand) & where
    willing = np.where(t.status == Status.CHURNED, brand.behaviour.churn.rejoin_willingness, 1.0)
    return np.where(eligible, rate * willing, 0.0)


@register_lever("store_qr")
class StoreQR(_Channel):
    """'Add the group, 5 CNY off' at checkout: store buyers are offered the QR code."""

    rate_at_full_execution: float = param(
        0.75, 0.0, 1.0, "share of store buyers",
        "Add rate with perfect execution (DOMAIN 001: 60–70% with good execution).")
    incentive_cny: float = param(5.0, 0.0, 1e4, "CNY per add", "The checkout incentive (DOMAIN 001: 5 CNY off).")

    def fire(self, day, brand, strength):
        rate = self.add_rate(self.rate_at_full_execution, brand.execution, strength)
        self._acquire(brand, invited(brand, brand.customers.store_shopper, rate), "store_qr", self.incentive_cny)


@register_lever("package_card")
class PackageCard(_Channel):
    """A card in every delivered package inviting the buyer to add the brand (DOMAIN 004)."""

    rate_at_full_execution: float = param(
        0.38, 0.0, 1.0, "share of online buyers",
        "Add rate with perfect execution (DOMAIN 004: >30% for the team that designed it well).")
    cost_per_card_cny: float = param(0.5, 0.0, 1e3, "CNY per package", "Printing and insert cost.")

    def fire(self, day, brand, strength):
        t = brand.customers
        packages = bought_outside_yesterday(brand) & ~t.store_shopper
        brand.charge_acquisition(float(t.weight[packages].sum()) * self.cost_per_card_cny * strength)
        rate = self.add_rate(self.rate_at_full_execution, brand.execution, strength)
        self._acquire(brand, invited(brand, ~t.store_shopper, rate), "package_card", 0.0)


@dataclass(frozen=True)
class AdsDay:
    """One day of paid ads: what the budget buys from what is left of the reachable audience.

    The budget is ``x = N · c0`` (N the adds it would buy at the first-add cost c0); each of the
    R reachable prospects left is bought with the chance ``Hill(x; K = c0 · A, 1) = N / (N + A)``
    (A the whole reachable audience), so the day buys ``R · N / (N + A)`` adds at
    ``x / adds = c0 · (A + N) / R`` each."""

    audience: float  # A: real customers the platform can reach with this targeting (any status)
    left: float  # R: of them, prospects still to buy
    adds_at_first_cost: float  # N: today's adds_per_day (× ramp, × execution term)
    first_add_cny: float  # c0: marginal cost of the first add on a fresh audience

    @property
    def budget_cny(self) -> float:
        return self.adds_at_first_cost * self.first_add_cny

    @property
    def share(self) -> float:
        """Chance that each reachable prospect left is bought today."""
        if self.left <= 0.0 or self.audience <= 0.0:
            return 0.0
        return hill(self.adds_at_first_cost, self.audience)  # = Hill(c0 N; c0 A, 1)

    @property
    def expected_adds(self) -> float:
        return self.left * self.share

    @property
    def cost_per_add_cny(self) -> float:
        """Price of one add today, ``c0 (A + N) / R``: the budget over the adds it buys; about c0
        on a fresh audience, growing as 1 / R as the audience is used up."""
        if self.left <= 0.0:
            return float("inf")
        return self.first_add_cny * (self.audience + self.adds_at_first_cost) / self.left


@register_lever("paid_ads")
class PaidAds(_Channel):
    """Bought adds from paid platforms (公域) with diminishing returns (docs/ODD.md §7.1).

    The platform reaches a fixed share of the simulated people (``reach_share``, drawn once per
    row). The day's budget ``adds_per_day × cost_per_add_cny`` is split between two audiences: the
    brand's own customers outside the private domain (retargeting) and people in its market who
    do not buy from it yet (prospecting, 拉新: ``new_customer_share`` of the budget). In each, the
    budget buys every reachable person left with the chance ``Hill(budget; c0 · A, 1)``
    (``AdsDay``), at the price ``c0 (A + N) / R`` per add (A the audience, R who is left of it,
    N the adds the budget would buy on a fresh audience): about ``adds_per_day`` adds at about
    ``cost_per_add_cny`` while the audiences are fresh, fewer and dearer as they are used up, none
    once they are (DOMAIN 001/002: platform CAC 200–900 CNY per buyer, rising year on year; an
    add is cheaper than a buyer). A new customer an ad brings starts buying from the brand: what
    the baseline, which has no ads, never gets."""

    adds_per_day: float = param(
        50.0, 0.0, 1e7, "real customers per day",
        "Adds a day the budget buys on a fresh audience: the daily budget is adds_per_day × "
        "cost_per_add_cny; fewer as the reachable audience is used up.")
    cost_per_add_cny: float = param(
        30.0, 0.0, 1e4, "CNY per add",
        "Cost of the first adds on a fresh audience; each add costs more as the reachable audience "
        "is used up (Hill saturation, Jin et al. 2017).")
    reach_share: float = param(
        0.7, 0.0, 1.0, "share of population",
        "Share of the simulated customers the platform can reach with this brand's targeting; only "
        "they can be bought. Campaign reach plateaus short of the whole target (Nielsen: an 8-week "
        "TV campaign reached 69% of its target adults).")
    new_customer_share: float = param(
        0.5, 0.0, 1.0, "share of the budget",
        "Share of the budget spent on people who do not buy from the brand yet (prospecting), the rest "
        "on its own customers (retargeting). An assumption: practitioners track the 'new customer rate' "
        "of paid media and it varies widely with targeting; take it from the platforms' reports.")
    max_cost_per_add_cny: float | None = Field(
        None, ge=0.0, le=1e5, json_schema_extra={"unit": "CNY per add"},
        description="Bid cap: nothing is bought (or spent) on a day an add would cost more; none = no cap.")
    execution_elasticity: float = param(0.0, 0.0, 10.0, "exponent",
                                        "Bought adds depend little on the brand's own execution.")

    def day(self, brand, strength) -> list[tuple[AdsDay, np.ndarray]]:
        """Today's ads in each audience (the brand's customers, then new people): its ``AdsDay``
        and the rows it can buy."""
        t = brand.customers
        reachable = brand.fixed_uniform("reach") < self.reach_share
        new_block = np.arange(len(t)) >= brand.population.n_rows  # the market beyond day 0's customers' rows
        target = self.adds_per_day * strength * brand.execution ** self.execution_elasticity
        out = []
        for block, left_status, share in ((~new_block, Status.PROSPECT, 1.0 - self.new_customer_share),
                                          (new_block, Status.POTENTIAL, self.new_customer_share)):
            audience = reachable & block
            left = reachable & (t.status == left_status)
            out.append((AdsDay(float(t.weight[audience].sum()), float(t.weight[left].sum()), target * share,
                               self.cost_per_add_cny), left))
        return out

    def fire(self, day, brand, strength):
        probability = np.zeros(len(brand.customers))
        cost = np.zeros(len(brand.customers))
        for ads, left in self.day(brand, strength):
            share = ads.share
            if share <= 0.0 or (self.max_cost_per_add_cny is not None
                                and ads.cost_per_add_cny > self.max_cost_per_add_cny):
                continue
            probability[left] = share
            cost[left] = ads.cost_per_add_cny
        if probability.any():
            self._acquire(brand, probability, "paid_ads", cost)


@register_lever("referral_reward")
class ReferralReward(Lever):
    """A reward for each new member a customer brings (以老带新, DOMAIN 002): raises word of
    mouth by ``referral.reward_elasticity × reward / order value``; paid per referral."""

    stage = Stage.ACQUISITION
    reward_cny: float = param(10.0, 0.0, 1e4, "CNY per referral", "Reward paid per referred member.")

    def fire(self, day, brand, strength):
        brand.plan.referral_reward_cny += self.reward_cny * strength
