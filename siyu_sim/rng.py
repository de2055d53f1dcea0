"""Named random streams spawned from one ``numpy.random.SeedSequence``.

Every purpose (population, purchase, churn, one per acquisition lever, ...) draws from its
own stream, keyed by a stable hash of its name. Turning a lever on therefore never shifts
the numbers an unrelated purpose sees: who is born, who buys and who leaves stay the same
across scenarios run with the same seed. That is what makes common-random-number
comparisons between strategies sharp (Law 2015, *Simulation Modeling and Analysis*, §11.2).
"""

from __future__ import annotations

import zlib

import numpy as np

SeedLike = int | np.random.SeedSequence | None

#: The largest root seed a file or option may give: 64 bits, what every tool that records or
#: passes a seed on (numpy, Parquet, JSON readers, spreadsheets) holds as an integer.
MAX_SEED = 2**64 - 1


def as_seed_sequence(seed: SeedLike) -> np.random.SeedSequence:
    """An int becomes ``SeedSequence(int)``; a SeedSequence passes through (spawned children keep their key)."""
    if isinstance(seed, np.random.SeedSequence):
        return seed
    if seed is not None and (not isinstance(seed, (int, np.integer)) or seed < 0):
        raise ValueError(f"seed must be a non-negative integer or a numpy SeedSequence, got {seed!r}")
    return np.random.SeedSequence(seed)


def stream_key(name: str) -> int:
    """A stable 32-bit key for a stream name (crc32: identical on every platform and Python)."""
    return zlib.crc32(name.encode("utf-8"))


class Streams:
    """Lazily created, named ``numpy.random.Generator`` streams under one root seed."""

    def __init__(self, seed: SeedLike):
        self.root = as_seed_sequence(seed)
        self._streams: dict[str, np.random.Generator] = {}
        self._fixed: dict[tuple[str, int], np.ndarray] = {}

    def _child(self, name: str) -> np.random.SeedSequence:
        return np.random.SeedSequence(self.root.entropy, spawn_key=(*self.root.spawn_key, stream_key(name)))

    def get(self, name: str) -> np.random.Generator:
        gen = self._streams.get(name)
        if gen is None:
            gen = np.random.Generator(np.random.PCG64(self._child(name)))
            self._streams[name] = gen
        return gen

    def uniform(self, name: str, n: int) -> np.ndarray:
        """``n`` uniforms on [0, 1) from the named stream: one per customer row, every day,
        whether or not the purpose needs them all, so that rows keep their numbers."""
        return self.get(name).random(n)

    def fixed_uniform(self, name: str, n: int) -> np.ndarray:
        """``n`` uniforms on [0, 1) that are the same on every call: the first ``n`` numbers of
        the stream ``fixed:<name>``, a fixed trait of each row (e.g. whether an ad platform can
        reach it). They depend on the seed and the name only, never on when they are first asked
        for or on the state of the run. Read-only."""
        key = (name, n)
        u = self._fixed.get(key)
        if u is None:
            u = np.random.Generator(np.random.PCG64(self._child(f"fixed:{name}"))).random(n)
            u.flags.writeable = False
            self._fixed[key] = u
        return u

    @property
    def names(self) -> list[str]:
        return sorted(self._streams)
