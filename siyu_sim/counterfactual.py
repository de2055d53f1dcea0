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
"""

from __future__ import annotations

from .scenario import Scenario


def without_private_domain(scenario: Scenario) -> Scenario:
    """The scenario's customers, prices and behaviour, with no private domain."""
    data = scenario.to_dict()
    data["name"] = f"{scenario.name}_without_private_domain"
    data["description"] = f"{scenario.name}'s customers with no private domain (counterfactual)."
    data["levers"] = {}
    data.setdefault("population", {})["initial_member_share"] = 0.0
    behaviour = data.setdefault("behaviour", {})
    behaviour.setdefault("referral", {})["organic_per_year"] = 0.0
    economics = data.setdefault("economics", {})
    economics["tool_cost_per_day_cny"] = 0.0
    economics["tool_cost_per_member_day_cny"] = 0.0
    return Scenario.from_dict(data)
