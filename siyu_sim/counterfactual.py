"""The same customers with no private domain: what the brand would earn anyway.

The ledger counts every order members place, including those they would have placed as
ordinary customers (ODD 7.10). The increment a private domain adds is its ledger profit plus
what non-members (prospects, and customers who left) still buy, minus what *everyone* would
have bought had there been no private domain at all. ``without_private_domain`` builds that world from a scenario: the
same population, prices and behaviour, no levers, nobody in the private domain on day 0 and
no organic joining (there is nothing to join), no tool subscriptions. Run under the same
seed, its customers are the same people with the same luck (the named streams do not depend
on levers), so the difference is the private domain's doing: a common-random-numbers
counterfactual (Law 2015, §11.2).
"""

from __future__ import annotations

import pandas as pd

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


def incremental_profit(daily: pd.DataFrame, baseline: pd.DataFrame) -> pd.DataFrame:
    """Day by day: what the private domain added over the counterfactual, in CNY.

    ``incremental_profit = profit + outside_gross_margin − baseline outside_gross_margin``
    (in the counterfactual every customer stays a prospect and nothing else costs or earns),
    with its cumulative sum. Both tables must cover the same days.
    """
    if len(daily) != len(baseline) or not (daily["day"].to_numpy() == baseline["day"].to_numpy()).all():
        raise ValueError("the scenario and its counterfactual must cover the same days")
    own = daily["profit"].to_numpy() + daily["outside_gross_margin"].to_numpy()
    anyway = baseline["outside_gross_margin"].to_numpy() + baseline["profit"].to_numpy()
    out = pd.DataFrame({"day": daily["day"].to_numpy(), "incremental_profit": own - anyway})
    out["cum_incremental_profit"] = out["incremental_profit"].cumsum()
    return out
