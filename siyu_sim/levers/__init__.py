"""What the brand does. ``LEVER_TYPES`` maps a scenario's ``type`` name to a lever (scheduled)
or event class; ``@register_lever("name")`` on a new class in any imported module adds one.
``Stage`` names when in the day each fires."""

from . import acquisition, events, touches  # noqa: F401  (registers the built-in levers)
from .acquisition import PackageCard, PaidAds, ReferralReward, StoreQR
from .base import LEVER_TYPES, BrandAction, Event, Lever, Stage, lever_from_dict, register_lever
from .events import AccountBan, Migration, PilotThenScale
from .touches import Broadcast, Care, Coupon, Execution, Moments


def load_plugins() -> list[str]:
    """Import lever modules that installed packages advertise under the entry-point group
    ``siyu_sim.levers`` (see docs/extending.md); returns their names."""
    from importlib.metadata import entry_points

    loaded = []
    for ep in entry_points(group="siyu_sim.levers"):
        ep.load()
        loaded.append(ep.name)
    return loaded


load_plugins()

__all__ = [
    "LEVER_TYPES", "AccountBan", "BrandAction", "Broadcast", "Care", "Coupon", "Event", "Execution", "Lever",
    "Migration", "Moments", "PackageCard", "PaidAds", "PilotThenScale", "ReferralReward",
    "Stage", "StoreQR", "lever_from_dict", "load_plugins", "register_lever",
]
