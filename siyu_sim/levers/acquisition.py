"""Acquisition levers (引流): store checkout QR, package cards, paid ads, referral rewards.

Add rates follow ``rate_at_full_execution × execution ^ execution_elasticity``: execution
decides most of the result (DOMAIN 003/004). With the defaults a store QR at execution 0.9
adds about 64% of store buyers (DOMAIN 001: 60–70%), and a package card moves from about 3%
at execution 0.2 to about 35% at 0.95 (DOMAIN 004: copycats <5%, the original team >30%).
"""

from __future__ import annotations

import numpy as np
from pydantic import Field

from ..customers import Status
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


def bought_yesterday(brand) -> np.ndarray:
    t = brand.customers
    return (t.status == Status.PROSPECT) & (t.days_since_purchase == 0.0)


@register_lever("store_qr")
class StoreQR(_Channel):
    """'Add the group, 5 CNY off' at checkout: store buyers are offered the QR code."""

    rate_at_full_execution: float = param(
        0.75, 0.0, 1.0, "share of store buyers",
        "Add rate with perfect execution (DOMAIN 001: 60–70% with good execution).")
    incentive_cny: float = param(5.0, 0.0, 1e4, "CNY per add", "The checkout incentive (DOMAIN 001: 5 CNY off).")

    def fire(self, day, brand, strength):
        rate = self.add_rate(self.rate_at_full_execution, brand.execution, strength)
        eligible = bought_yesterday(brand) & brand.customers.store_shopper
        self._acquire(brand, np.where(eligible, rate, 0.0), "store_qr", self.incentive_cny)


@register_lever("package_card")
class PackageCard(_Channel):
    """A card in every delivered package inviting the buyer to add the brand (DOMAIN 004)."""

    rate_at_full_execution: float = param(
        0.38, 0.0, 1.0, "share of online buyers",
        "Add rate with perfect execution (DOMAIN 004: >30% for the team that designed it well).")
    cost_per_card_cny: float = param(0.5, 0.0, 1e3, "CNY per package", "Printing and insert cost.")

    def fire(self, day, brand, strength):
        t = brand.customers
        buyers = bought_yesterday(brand) & ~t.store_shopper
        brand.charge_acquisition(float(t.weight[buyers].sum()) * self.cost_per_card_cny * strength)
        rate = self.add_rate(self.rate_at_full_execution, brand.execution, strength)
        self._acquire(brand, np.where(buyers, rate, 0.0), "package_card", 0.0)


@register_lever("paid_ads")
class PaidAds(_Channel):
    """Bought adds from paid platforms (公域): a daily target at a cost per add (DOMAIN 001/002:
    platform CAC 200–900 CNY per buyer; an add is cheaper than a buyer)."""

    adds_per_day: float = param(50.0, 0.0, 1e7, "real customers per day", "Target adds per day.")
    cost_per_add_cny: float = param(30.0, 0.0, 1e4, "CNY per add", "Paid cost of one add.")
    execution_elasticity: float = param(0.0, 0.0, 10.0, "exponent",
                                        "Bought adds depend little on the brand's own execution.")

    def fire(self, day, brand, strength):
        t = brand.customers
        prospects = t.status == Status.PROSPECT
        pool = float(t.weight[prospects].sum())
        if pool <= 0.0:
            return
        target = self.adds_per_day * strength * brand.execution ** self.execution_elasticity
        p = min(1.0, target / pool)
        self._acquire(brand, np.where(prospects, p, 0.0), "paid_ads", self.cost_per_add_cny)


@register_lever("referral_reward")
class ReferralReward(Lever):
    """A reward for each new member a customer brings (以老带新, DOMAIN 002): raises word of
    mouth by ``referral.reward_elasticity × reward / order value``; paid per referral."""

    stage = Stage.ACQUISITION
    reward_cny: float = param(10.0, 0.0, 1e4, "CNY per referral", "Reward paid per referred member.")

    def fire(self, day, brand, strength):
        brand.plan.referral_reward_cny += self.reward_cny * strength
