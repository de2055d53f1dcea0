"""Comparing strategies: the compare workflow and what it is made of.

- ``workflow``: ``compare(...)`` → :class:`Comparison` (the one way to compare, used by the
  command line, the reports and Python users); ``runner`` runs its runs (each through
  ``siyu_sim.runs.simulate``, with its baseline);
- ``monthly``: the monthly table; ``verdict``: who leads, in words (the terminal's tables:
  ``siyu_sim.cli.printout``);
- ``incremental``: the profit added over the same customers with no private domain (the
  counterfactual itself is model core: ``siyu_sim.counterfactual``, so sweeps run it too);
- ``paired``: paired statistics under common random numbers.
"""

from .runner import ComparisonError, ComparisonInterrupted
from .workflow import Comparison, compare, unique_names

__all__ = ["Comparison", "ComparisonError", "ComparisonInterrupted", "compare", "unique_names"]
