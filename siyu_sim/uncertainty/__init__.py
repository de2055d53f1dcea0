"""How sure the money is: uncertain assumptions declared, drawn, and weighed.

- ``assumptions``: :class:`Uncertain` (a setting's range or joint sets, with a source), the
  shipped :data:`DEFAULTS`, Latin-hypercube draws;
- ``weigh``: the strategies run across draws, with common random numbers within each draw
  (``weigh.weigh`` → ``weigh.Weighing``);
- ``analysis``: the verdict under uncertainty (probabilities, intervals, luck and not-knowing
  apart), the drivers and the value of knowing each assumption (EVPPI).

Only ``assumptions`` is imported here: the scenario schema uses it, and the workflow imports the
scenario.
"""

from .assumptions import DEFAULTS, Uncertain

__all__ = ["DEFAULTS", "Uncertain"]
