"""The same customers with no private domain: what the brand would earn anyway.

The ledger counts every order members place, including those they would have placed as
ordinary customers (ODD 7.10). The increment a private domain adds is its ledger profit plus
what non-members (prospects, and customers who left) still buy, minus what *everyone* would
have bought had there been no private domain at all. ``without_private_domain`` builds that world from a scenario: the
same population, prices and behaviour, no levers, nobody in the private domain on day 0 and
no organic joining (there is nothing to join), no tool subscriptions. Run under the same
seed, its customers are the same people with the same luck (the named streams do not depend
on levers), so the difference is the private domain's doing: a common-random-numbers
counterfactual (Law 2015, §11.2). The profit added day by day is a derived column
(``metrics.derive(daily, baseline)``: ``incremental_profit`` and its cumulative sum).

``baseline_data`` is the same change on a scenario's plain data, so that what the baseline
depends on is known before anything is validated or run (``runs.RunCache`` keys it).
"""

from __future__ import annotations

import copy
from typing import Any

from .scenario import Scenario


def baseline_data(data: dict[str, Any]) -> dict[str, Any]:
    """A scenario's plain data (``Scenario.to_dict``) with no private domain: its levers
    dropped, the environment, population, behaviour and economics kept (a new dict)."""
    name = data.get("name", "scenario")
    out = copy.deepcopy({k: v for k, v in data.items() if k != "levers"})
    out["name"] = f"{name}_without_private_domain"
    out["description"] = f"{name}'s customers with no private domain (counterfactual)."
    out["levers"] = {}
    out.setdefault("population", {})["initial_member_share"] = 0.0
    behaviour = out.setdefault("behaviour", {})
    behaviour.setdefault("referral", {})["organic_per_year"] = 0.0
    economics = out.setdefault("economics", {})
    economics["tool_cost_per_day_cny"] = 0.0
    economics["tool_cost_per_member_day_cny"] = 0.0
    for key in [k for k in economics if k.startswith("ads_")]:
        # the paid-ads alternative prices the scenario's cash, and the baseline has none: its
        # runs are the same whatever the curve (one baseline for a sweep over it)
        del economics[key]
    return out


def without_private_domain(scenario: Scenario) -> Scenario:
    """The scenario's customers, prices and behaviour, with no private domain."""
    return Scenario.from_dict(baseline_data(scenario.to_dict()))
