"""Events: pilot then scale, migration from personal WeChat to WeCom, account bans."""

from __future__ import annotations

import numpy as np
from pydantic import Field

from ..calendar import MAX_DAYS
from ..customers import Status
from ..rules import param
from .base import Event, register_lever


@register_lever("pilot_then_scale")
class PilotThenScale(Event):
    """Run the conversion model on a small pool first, then scale acquisition (DOMAIN 003:
    an MVP, not thousands added on day one and spammed). Until ``scale_day`` the pool is
    capped at ``pilot_members``. An event: it has no ``schedule``."""

    pilot_members: float = param(2000.0, 0.0, 1e9, "real members", "Pool size during the pilot.")
    scale_day: int = Field(90, ge=1, le=MAX_DAYS, description="Day the cap is lifted.", json_schema_extra={"unit": "day"})

    def act(self, day, brand):
        brand.set_member_cap(self.pilot_members if day < self.scale_day else None)


@register_lever("migration")
class Migration(Event):
    """Move members held on personal WeChat accounts to WeCom on ``day`` (Starbucks, DOMAIN
    001): some are lost ("no operation gets 0% churn"), the rest are safe from bans and their
    groups restart with a fresh mood. An event: it has no ``schedule``."""

    day: int = Field(60, ge=0, le=MAX_DAYS - 1, description="Day of the migration.", json_schema_extra={"unit": "day"})
    loss_share: float = param(0.15, 0.0, 1.0, "share", "Share of migrated members lost on the way.")

    def act(self, day, brand):
        if day != self.day:
            return
        t = brand.customers
        member = (t.status == Status.ACTIVE) | (t.status == Status.MUTED)
        personal = member & ~t.on_wecom
        lost = personal & (brand.uniform("loss") < self.loss_share)
        brand.lose_members(np.flatnonzero(lost))
        brand.move_to_wecom(np.flatnonzero(personal & ~lost))


@register_lever("account_ban")
class AccountBan(Event):
    """A personal WeChat account driven by grey-market tools is banned, losing a whole group
    and its friends at once (DOMAIN 000/001). Bans strike on ``day`` if given, else at random
    with ``daily_probability``; only members held on personal accounts are exposed. An
    event: it has no ``schedule``."""

    day: int | None = Field(None, ge=0, le=MAX_DAYS - 1, description="Day of a certain ban; none = random bans.",
                            json_schema_extra={"unit": "day"})
    daily_probability: float = param(0.0, 0.0, 1.0, "per day", "Chance of a ban on any day.")
    groups_lost: int = Field(1, ge=1, le=10_000, description="Groups lost per ban.")

    def act(self, day, brand):
        rng = brand.generator("ban")
        roll = rng.random()  # drawn every day so the stream's position never depends on state
        strikes = day == self.day if self.day is not None else roll < self.daily_probability
        if not strikes:
            return
        t = brand.customers
        member = (t.status == Status.ACTIVE) | (t.status == Status.MUTED)
        exposed = member & ~t.on_wecom
        groups = np.unique(t.group[exposed & (t.group >= 0)])
        if len(groups) == 0:
            return
        lost_groups = groups[rng.permutation(len(groups))[: self.groups_lost]]
        brand.lose_members(np.flatnonzero(exposed & np.isin(t.group, lost_groups)))
