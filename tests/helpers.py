"""Small scenario builders shared by the core tests."""

from __future__ import annotations

from siyu_sim import Scenario, presets
from siyu_sim.config.overrides import apply_overrides


def scenario(base: str | None = None, drop_levers: tuple[str, ...] = (), **overrides) -> Scenario:
    """A shipped preset (or the empty default) with dotted-path overrides (``a__b`` = ``a.b``)."""
    data = presets.load(base).to_dict() if base else Scenario().to_dict()
    data["levers"] = {k: v for k, v in data.get("levers", {}).items() if k not in drop_levers}
    data = apply_overrides(data, {k.replace("__", "."): v for k, v in overrides.items()})
    return Scenario.from_dict(data)


def ads_alternative_by_hand(own, none):
    """The paid-ads alternative's added profit to date, restated from a run's and its baseline's
    own daily columns (docs/ODD.md 7.10), not through ``siyu_sim.metrics``: the customers the
    cash bought (no more than the baseline's potential customers left), each earning what the
    baseline's arrivals so far earn that day (before any has arrived: what the base earns a
    customer), less the cash (staff, tools, acquisition: never discounts)."""
    import numpy as np

    cash = np.cumsum((own.staff_cost + own.tool_cost + own.acquisition_cost).to_numpy())
    bought = np.minimum(np.cumsum(own.alt_ads_customers.to_numpy()), none.potential.to_numpy())
    arrived = np.cumsum(none.arrivals.to_numpy())
    per_new = np.where(arrived > 0, none.arrived_gross_margin.to_numpy() / np.maximum(arrived, 1e-300),
                       none.outside_gross_margin.to_numpy() / (none.customers + none.lapsed).to_numpy())
    return np.cumsum(bought * per_new) - cash
