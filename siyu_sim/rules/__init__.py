"""Behaviours: how customers react, one module each (docs/extending.md).

Each module of this package is one behaviour: its parameters (``param``, bounded and sourced),
its pure, element-wise rule functions (numpy: the same code serves one customer's scalars or
every customer's columns, and the day kernel compiles it for one row), and ``MODULE``, the
declaration of what it owns and does (``module.Module``: state columns, draws, steps of the
customer day, gathers, events, metrics, words). ``MODULES`` are every behaviour found: the
modules of this package and of the ``siyu_sim.rules`` entry-point group (a researcher's own
package), ordered by name; ``customer_day`` composes their steps into one day.

Rules import numpy and their own declarations, nothing else of ours. ``param`` and
``RuleParams`` live here, public, for rules, levers and extensions alike; ``Status`` is the
one status vocabulary.
"""

from __future__ import annotations

import importlib
import pkgutil
from importlib.metadata import entry_points

from .base import RuleParams, param
from .module import Column, Constant, Day, Draw, Event, GroupStep, Metric, Module, Step
from .status import N_STATUS, Status
from .attention import AttentionParams, activity_update, attended, read_probability
from .churn import ChurnParams, reason_to_stay, status_transition
from .fatigue import FatigueParams, effective_touches, fatigue_update
from .mood import GroupParams, group_mood_update
from .price import ReferencePriceParams, deal_memory_update, reference_price_update
from .purchase import PurchaseParams, basket_size, daily_lapse_hazard, lapse_probability, purchase_probability
from .referral import ReferralParams, advocacy, join_probability, referral_share, referred_trust
from .trust import TrustParams, trust_update

#: The entry-point group through which another package adds behaviours.
ENTRY_POINTS = "siyu_sim.rules"


def _discover() -> tuple[Module, ...]:
    found: dict[str, Module] = {}
    sources: dict[str, str] = {}
    imported = [importlib.import_module(f"{__name__}.{info.name}") for info in pkgutil.iter_modules(__path__)]
    imported += [importlib.import_module(ep.module) for ep in entry_points(group=ENTRY_POINTS)]
    for python_module in imported:
        declared = getattr(python_module, "MODULE", None)
        if not isinstance(declared, Module):
            continue
        if declared.name in found and sources[declared.name] != python_module.__name__:
            raise ValueError(f"two behaviours are named {declared.name!r}: {sources[declared.name]} and "
                             f"{python_module.__name__}; rename one")
        found[declared.name] = declared
        sources[declared.name] = python_module.__name__
    return tuple(found[name] for name in sorted(found))


#: Every behaviour, by name (see the module doc).
MODULES: tuple[Module, ...] = _discover()

__all__ = [
    "AttentionParams", "ChurnParams", "Column", "Constant", "Day", "Draw", "ENTRY_POINTS", "Event",
    "FatigueParams", "GroupParams", "GroupStep", "MODULES", "Metric", "Module", "N_STATUS", "PurchaseParams",
    "ReferencePriceParams", "ReferralParams", "RuleParams", "Status", "Step", "TrustParams",
    "activity_update", "advocacy", "basket_size", "deal_memory_update", "effective_touches",
    "daily_lapse_hazard", "fatigue_update", "group_mood_update", "join_probability", "lapse_probability", "param",
    "purchase_probability",
    "attended", "read_probability", "reason_to_stay", "reference_price_update", "referral_share", "referred_trust",
    "status_transition", "trust_update",
]
