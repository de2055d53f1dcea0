"""Finished runs kept by what their numbers depend on, so that a run made once is not made again.

A run's numbers depend on its resolved scenario (population, behaviour, economics, environment,
start date, days, customers, levers), the root seed, the replication, the executor and the
engine — not on the scenario's name, titles or description, nor on the ``seed`` key when a root seed
is given. A no-private-domain baseline has no levers (``counterfactual.baseline_data``), so the
settings of a sweep that differ only in levers, and compared strategies with the same
customers, share one baseline run per replication under any names. The live app keeps its
pinned strategy and the baseline here while the consultant moves a lever.
"""

from __future__ import annotations

import json
import threading
from collections import OrderedDict
from dataclasses import dataclass
from typing import Any

import pandas as pd

#: Scenario keys that do not change a run's numbers (the root seed is keyed on its own; the
#: uncertain assumptions only say what a weighing draws).
UNKEYED = ("name", "title", "title_zh", "description", "seed", "uncertain")


@dataclass(frozen=True)
class Run:
    """A finished run's own tables, as the model gave them (no derived columns)."""

    daily: pd.DataFrame
    segment_daily: pd.DataFrame | None = None


class RunCache:
    """The newest ``size`` runs by key (``key``); safe to share between threads (the app's
    browser tabs). ``misses`` counts the runs that had to be made, ``hits`` those taken from it.
    ``baselines_only``: keep only no-private-domain baselines (a sweep's worker: its settings'
    own runs never repeat, and would push the baselines out)."""

    def __init__(self, size: int = 64, *, baselines_only: bool = False):
        self.size = size
        self.baselines_only = baselines_only
        self._runs: OrderedDict[tuple, Run] = OrderedDict()
        self._lock = threading.Lock()
        self.hits = self.misses = 0

    @staticmethod
    def key(data: dict[str, Any], root_seed: int, replication: int, *, executor: str, engine: str,
            segments: bool) -> tuple:
        """What a run of the scenario ``data`` (``Scenario.to_dict``) depends on; ``segments``:
        whether it keeps its per-segment table."""
        kept = {k: v for k, v in data.items() if k not in UNKEYED}
        return (json.dumps(kept, sort_keys=True, default=str), root_seed, replication, executor, engine, segments)

    def keeps(self, baseline: bool) -> bool:
        """Whether runs of this kind (a no-private-domain baseline or not) are kept here."""
        return baseline or not self.baselines_only

    def get(self, key: tuple) -> Run | None:
        with self._lock:
            found = self._runs.get(key)
            if found is not None:
                self.hits += 1
                self._runs.move_to_end(key)
            return found

    def put(self, key: tuple, run: Run) -> None:
        with self._lock:
            self.misses += key not in self._runs
            self._runs[key] = run
            self._runs.move_to_end(key)
            while len(self._runs) > self.size:
                self._runs.popitem(last=False)

    def __len__(self) -> int:
        return len(self._runs)
