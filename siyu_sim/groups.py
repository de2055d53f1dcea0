"""Community groups (社群): filled in order up to capacity, each with the values the group's
behaviour declares (``rules.GroupStep``: the mood)."""

from __future__ import annotations

import numpy as np


class Groups:
    """Group state as arrays indexed by group id.

    New members fill the open group until it holds ``capacity`` real customers (rows count
    by their weight; WeChat's cap is 500, DOMAIN 004), then the next group opens. A row is
    never split, so a row heavier than a whole group gets a group of its own. ``values`` holds
    each declared group value (name → one number per group), a new group's at ``initial``.
    """

    def __init__(self, capacity: int, initial: dict[str, float], expected_groups: int = 1):
        self.capacity = float(capacity)
        self.initial = dict(initial)
        n = max(1, expected_groups)
        self.values = {name: np.full(n, value) for name, value in self.initial.items()}
        self.size = np.zeros(n)  # real customers ever assigned
        self.open_group = 0

    @property
    def mood(self) -> np.ndarray:
        """Each group's mood (the groups behaviour's value), in [0, 1]."""
        return self.values["mood"]

    @property
    def count(self) -> int:
        """Length of the group arrays (groups that exist or may open soon)."""
        return len(self.size)

    @property
    def opened(self) -> int:
        return self.open_group + (1 if self.size[self.open_group] > 0 else 0)

    def _grow(self) -> None:
        extra = max(1, len(self.size))
        for name, value in self.initial.items():
            self.values[name] = np.concatenate([self.values[name], np.full(extra, value)])
        self.size = np.concatenate([self.size, np.zeros(extra)])

    def assign(self, weights: np.ndarray) -> np.ndarray:
        """Group ids for new rows with these ``weights``, in order, opening groups as they fill."""
        n = len(weights)
        out = np.empty(n, dtype=np.int32)
        cum = np.cumsum(weights)
        start, before = 0, 0.0  # before = weight of rows[:start]
        while start < n:
            g = self.open_group
            room = self.capacity - self.size[g]
            if weights[start] > room and self.size[g] > 0:  # the next row does not fit
                self.open_group += 1
                if self.open_group >= len(self.size):
                    self._grow()
                continue
            end = max(start + 1, int(np.searchsorted(cum, before + room, side="right")))
            out[start:end] = g
            self.size[g] += cum[end - 1] - before
            before = cum[end - 1]
            start = end
        return out

    def reset(self, gids: np.ndarray) -> None:
        """Rebuilt groups start afresh (DOMAIN 001: dead groups are worth rebuilding)."""
        for name, value in self.initial.items():
            self.values[name][gids] = value
