"""How sure the money is: uncertain assumptions declared, drawn, and weighed.

- ``siyu_sim.assumptions`` (the core, since a scenario declares them): :class:`Uncertain` (a
  setting's range or joint sets, with a source), the shipped :data:`DEFAULTS`, Latin-hypercube
  draws and how a draw applies to a scenario;
- ``weigh``: the strategies run across draws, with common random numbers within each draw
  (``weigh.weigh`` → ``weigh.Weighing``);
- ``analysis``: the verdict under uncertainty (probabilities, intervals, luck and not-knowing
  apart), the drivers and the value of knowing each assumption (EVPPI).

The workflow and analysis modules are imported by name (``siyu_sim.uncertainty.weigh``): they
run on the compare runner, which the package's import should not load.
"""

from ..assumptions import DEFAULTS, Uncertain

__all__ = ["DEFAULTS", "Uncertain"]
