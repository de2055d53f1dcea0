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
