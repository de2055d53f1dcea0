"""The no-private-domain counterfactual runs a sweep derives its added profit from
(``metrics.derive``), cached: the counterfactual (``siyu_sim.counterfactual``) has no levers, so
settings that differ only in levers share it, run once under the same seed (common random
numbers). It is cached by its scenario data, seed and replication.
"""

from __future__ import annotations

import json
from collections import OrderedDict
from typing import Callable

import pandas as pd

from ..counterfactual import without_private_domain
from ..scenario import Scenario

Runner = Callable[[Scenario], pd.DataFrame]


class CounterfactualCache:
    """Counterfactual daily tables by (scenario data, seed entropy, replication), newest kept."""

    def __init__(self, size: int = 64):
        self.size = size
        self._tables: OrderedDict[tuple, pd.DataFrame] = OrderedDict()
        self.hits = self.misses = 0

    def get(self, scenario: Scenario, seed_entropy: int, replication: int, run: Runner) -> pd.DataFrame:
        base = without_private_domain(scenario)
        key = (json.dumps(base.to_dict(), sort_keys=True, default=str), seed_entropy, replication)
        if key in self._tables:
            self.hits += 1
            self._tables.move_to_end(key)
            return self._tables[key]
        self.misses += 1
        table = run(base)
        self._tables[key] = table
        if len(self._tables) > self.size:
            self._tables.popitem(last=False)
        return table
