"""Scenario discovery: where, among the worlds a sweep ran, a condition holds (``siyu discover``).

``cases`` reads a results folder into one row per world (inputs: the uncertain assumptions'
values, and the levers when asked; outcomes: each scenario's metrics at the horizon) and
evaluates the condition; ``boxes`` finds the regions with PRIM and CART; ``words`` says them.
"""

from .boxes import Box, Discovery, Limit, discover
from .cases import Cases, DiscoveryError, condition, read_cases

__all__ = ["Box", "Cases", "Discovery", "DiscoveryError", "Limit", "condition", "discover", "read_cases"]
