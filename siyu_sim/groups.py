"""Community groups (社群): filled in order up to capacity, each with a mood."""

from __future__ import annotations

import math

import numpy as np


class Groups:
    """Group state as arrays indexed by group id. New members fill the open group; when it
    holds ``capacity`` members (ever assigned) the next group opens. WeChat's cap is 500
    (DOMAIN 004)."""

    def __init__(self, max_members: int, capacity: int, initial_mood: float):
        self.capacity = capacity
        self.initial_mood = initial_mood
        self.capacity_count = max(1, math.ceil(max_members / capacity))
        self.mood = np.full(self.capacity_count, initial_mood)
        self.size = np.zeros(self.capacity_count, dtype=np.int64)  # rows ever assigned
        self.open_group = 0

    @property
    def opened(self) -> int:
        return self.open_group + (1 if self.size[self.open_group] > 0 else 0)

    def assign(self, n: int) -> np.ndarray:
        """Group ids for ``n`` new rows, in order, opening groups as they fill."""
        out = np.empty(n, dtype=np.int32)
        i = 0
        while i < n:
            if self.size[self.open_group] >= self.capacity:
                self.open_group += 1
            room = self.capacity - self.size[self.open_group]
            take = min(room, n - i)
            out[i:i + take] = self.open_group
            self.size[self.open_group] += take
            i += take
        return out

    def reset_mood(self, gids: np.ndarray) -> None:
        """A rebuilt group starts afresh (DOMAIN 001: dead groups are worth rebuilding)."""
        self.mood[gids] = self.initial_mood
