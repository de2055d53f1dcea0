"""Sums that do not depend on threads: one seed gives bit-identical tables whatever the BLAS
thread count (siyu_sim/sums.py; docs/performance.md)."""

from __future__ import annotations

import math
import os
import subprocess
import sys
from pathlib import Path

import numpy as np
import pandas as pd
import pytest

from siyu_sim.sums import dot

ROOT = Path(__file__).resolve().parent.parent

RUN = """
import sys
from siyu_sim import PrivateDomainModel, presets
m = PrivateDomainModel(presets.nurture(), customers=4_000, rows=40_000, seed=9, segment_metrics=True)
assert m.population.weight == 0.1
m.run(6).to_parquet(sys.argv[1])
"""


def test_dot_is_the_sum_of_products():
    """Against sums computed another way: exactly, where every partial sum is an integer a
    float holds exactly (weights × counts), and within a few rounding errors of the correctly
    rounded sum (``math.fsum``) for any floats; a boolean mask picks the rows it counts."""
    rng = np.random.default_rng(0)
    counts, weights = rng.integers(0, 50, 100_001), rng.integers(1, 1000, 100_001).astype(float)
    assert dot(weights, counts) == float(sum(int(a) * int(b) for a, b in zip(weights, counts)))
    x, mask = rng.random(100_001), rng.random(100_001) < 0.5
    assert dot(x, mask) == pytest.approx(math.fsum(x[mask]), rel=1e-13, abs=0)
    assert dot(x, ~mask) == pytest.approx(math.fsum(x[~mask]), rel=1e-13, abs=0)
    assert dot(x[:0], mask[:0]) == 0.0


def test_tables_are_bit_identical_on_one_and_two_blas_threads(tmp_path):
    """Long enough (40,000 rows) for OpenBLAS to split a dot product over two threads; a weight
    of 0.1 takes the summing path (not count × weight)."""
    frames = []
    for threads in ("1", "2"):
        env = dict(os.environ, OPENBLAS_NUM_THREADS=threads, OMP_NUM_THREADS=threads, MKL_NUM_THREADS=threads)
        out = tmp_path / f"threads{threads}.parquet"
        subprocess.run([sys.executable, "-c", RUN, str(out)], check=True, cwd=ROOT, env=env, timeout=600)
        frames.append(pd.read_parquet(out))
    assert frames[0]["purchases"].sum() > 0
    assert frames[0].equals(frames[1])
