"""The brand as levers see it: today's plan, and the few actions that change the pool.

Levers act only through this narrow interface, so a researcher's new lever needs nothing
from the model's internals.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

import numpy as np

from .rules.status import Status

if TYPE_CHECKING:  # pragma: no cover
    from .model import PrivateDomainModel
    from .plan import DayPlan


class BrandContext:
    """What one lever (named ``lever_name``) can see and do."""

    def __init__(self, model: "PrivateDomainModel", lever_name: str):
        self._model = model
        self.lever_name = lever_name

    # --- what the lever can read --------------------------------------------------------
    @property
    def day(self) -> int:
        return self._model.today.day

    @property
    def plan(self) -> "DayPlan":
        return self._model.today.plan

    @property
    def execution(self) -> float:
        return self._model.today.plan.execution

    @property
    def customers(self):
        """The customer table (read it; change it only through the methods below)."""
        return self._model.customers

    @property
    def economics(self):
        return self._model.economics

    @property
    def behaviour(self):
        """How customers react (``Behaviour``): e.g. how willingly those who left come back."""
        return self._model.behaviour

    @property
    def population(self):
        return self._model.population

    @property
    def open_groups(self) -> int:
        """Community groups opened so far."""
        return self._model.groups.opened

    @property
    def member_friends(self) -> float:
        """Real members who are WeCom / personal friends (reachable by Moments and 1:1)."""
        t = self._model.customers
        return t.weight_of(t.friend & ((t.status == Status.ACTIVE) | (t.status == Status.MUTED)))

    @property
    def team(self):
        """The operating team today (``team.Cohorts``: operators by the day they joined)."""
        return self._model.team

    def segment_status_mask(self, segments: list[str] | None, statuses: list[str]) -> np.ndarray:
        """Boolean [segment, status] table: True where the lever targets."""
        return self._model.target_table(segments, statuses)

    def uniform(self, purpose: str) -> np.ndarray:
        """One uniform per row from this lever's own named stream."""
        return self._model.streams.uniform(f"{self.lever_name}.{purpose}", len(self._model.customers))

    def fixed_uniform(self, purpose: str) -> np.ndarray:
        """One uniform per row from this lever's own named stream, the same every day: a fixed
        trait of each row for this lever (e.g. whether its ad platform can reach the customer)."""
        return self._model.streams.fixed_uniform(f"{self.lever_name}.{purpose}", len(self._model.customers))

    def generator(self, purpose: str) -> np.random.Generator:
        """This lever's own named random stream, for draws that are not one per row."""
        return self._model.streams.get(f"{self.lever_name}.{purpose}")

    # --- what the lever can do ----------------------------------------------------------
    def acquire(self, probability: np.ndarray, source: str, cost_per_add_cny: float | np.ndarray = 0.0, *,
                into_group: bool = True, add_friend: bool = True, on_wecom: bool = True) -> float:
        """Each person outside the private domain (a prospect, one who left, or someone in the
        market not yet buying from the brand) joins with its ``probability`` today, at its cost
        per add (one for all, or one per row); returns real customers added (re-joiners included)."""
        u = self.uniform("acquire")
        t = self._model.customers
        chosen = t.outside() & (u < probability)
        rows = self._model.add_members(np.flatnonzero(chosen), source, into_group=into_group,
                                       add_friend=add_friend, on_wecom=on_wecom)
        added = float(t.weight[rows].sum())
        if np.ndim(cost_per_add_cny) == 0:
            self.charge_acquisition(added * cost_per_add_cny)
        elif len(rows):
            self.charge_acquisition(float(np.dot(t.weight[rows], np.asarray(cost_per_add_cny)[rows])))
        return added

    def charge_acquisition(self, cny: float) -> None:
        self._model.ledger.acquisition_today += cny

    def charge_tools(self, cny: float) -> None:
        self._model.ledger.tool_today += cny

    def charge_management(self, cny: float) -> None:
        """Team leads' pay today (counted in the day's staff cost)."""
        self._model.ledger.management_today += cny

    def add_staff(self, staff: float) -> None:
        self.plan.staff += staff

    def set_member_cap(self, cap: float | None) -> None:
        """Limit the pool to ``cap`` real members (pilot before scale); None lifts the cap."""
        self._model.member_cap = cap

    def lose_members(self, rows: np.ndarray) -> float:
        """Members in ``rows`` become churned at once (account ban, migration loss)."""
        return self._model.lose_members(rows)

    def move_to_wecom(self, rows: np.ndarray) -> None:
        t = self._model.customers
        t.on_wecom[rows] = True
        gids = np.unique(t.group[rows])
        self._model.groups.reset(gids[gids >= 0])
