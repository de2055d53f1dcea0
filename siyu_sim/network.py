"""The contact graph along which referrals travel.

Friends are alike: contacts share traits far more often than chance would have them
(homophily; McPherson, Smith-Lovin & Cook 2001). So a share of each edge's far ends is
drawn from the near end's own segment, the rest from anyone: advocates then tend to speak
to people who need what they need, one of the reasons referred customers fit the brand
better (Schmitt, Skiera & Van den Bulte 2011).
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cached_property

import numpy as np
import scipy.sparse as sp

from .kernel.cache import compiled_on_first_call


@dataclass
class Contacts:
    """The contact graph in CSR form: row ``i``'s contacts are ``indices[indptr[i]:indptr[i + 1]]``,
    sorted and unique; symmetric (``i`` is among ``j``'s contacts if ``j`` is among ``i``'s)."""

    indptr: np.ndarray
    indices: np.ndarray

    @property
    def rows(self) -> int:
        return len(self.indptr) - 1

    @property
    def nbytes(self) -> int:
        return self.indptr.nbytes + self.indices.nbytes

    @cached_property
    def matrix(self) -> sp.csr_array:
        """The unweighted adjacency matrix, for scipy products (inspection and tests; the model
        sums over contacts with ``sums``). Built on first use."""
        return sp.csr_array((np.ones(len(self.indices)), self.indices, self.indptr), shape=(self.rows, self.rows))

    def sums(self, values: tuple[np.ndarray, ...]) -> tuple[np.ndarray, ...]:
        """Each row's sum of ``values`` (one or more columns) over its contacts, in CSR order:
        the numbers of ``matrix @ column`` for each column. The day's contact gather, for every
        executor and engine (``gathers``)."""
        if not values:
            return ()
        stacked = np.ascontiguousarray(np.column_stack(values), dtype=float)
        out = _scatter(self.indptr, self.indices, stacked)
        return tuple(np.ascontiguousarray(out[:, k]) for k in range(out.shape[1]))

    def sums_over(self, rows: np.ndarray, values: np.ndarray) -> np.ndarray:
        """Σ ``values`` over each of ``rows``' contacts, in CSR order: the numbers of
        ``matrix[rows] @ values`` without building the matrix."""
        return _row_sums(self.indptr, self.indices, rows, values)


@compiled_on_first_call
def _scatter(indptr, indices, values):
    """Σ over each row's contacts of every column of ``values`` (rows × columns), scattered from
    the rows that give anything: the graph is symmetric with sorted rows, so visiting the givers
    in row order adds to each row's sums in its CSR order; a row whose values are all 0.0 would
    add exactly 0.0 and is skipped (most rows: only active members advocate)."""
    n, k = values.shape
    out = np.zeros((n, k))
    for j in range(n):
        gives = False
        for q in range(k):
            if values[j, q] != 0.0:
                gives = True
        if not gives:
            continue
        for e in range(np.int64(indptr[j]), np.int64(indptr[j + 1])):
            i = np.uintp(indices[e])  # unsigned: no negative-index branch
            for q in range(k):
                out[i, q] += values[j, q]
    return out


@compiled_on_first_call
def _row_sums(indptr, indices, rows, values):
    out = np.zeros(len(rows))
    for r in range(len(rows)):
        total = 0.0
        for k in range(indptr[rows[r]], indptr[rows[r] + 1]):
            total += values[indices[k]]
        out[r] = total
    return out


@compiled_on_first_call
def _csr(a, b, n):
    """Sorted, duplicate-free CSR rows of the undirected edges (a[e], b[e]): what scipy's
    coo-to-csr, ``sum_duplicates`` and ``sort_indices`` give, in about a third of their memory."""
    indptr = np.zeros(n + 1, dtype=np.int64)
    for e in range(len(a)):
        indptr[a[e] + 1] += 1
        indptr[b[e] + 1] += 1
    for i in range(n):
        indptr[i + 1] += indptr[i]
    indices = np.empty(indptr[n], dtype=np.int32)
    fill = indptr[:-1].copy()
    for e in range(len(a)):
        indices[fill[a[e]]] = b[e]
        fill[a[e]] += 1
        indices[fill[b[e]]] = a[e]
        fill[b[e]] += 1
    # Sort each row and drop repeated contacts, compacting in place.
    out = 0
    start = indptr[0]
    for i in range(n):
        stop = indptr[i + 1]
        row = indices[start:stop]
        row.sort()
        indptr[i] = out
        for k in range(len(row)):
            if k == 0 or row[k] != row[k - 1]:
                indices[out] = row[k]
                out += 1
        start = stop
    indptr[n] = out
    return indptr, indices[:out].copy()


def contact_graph(n: int, contacts_per_customer: float, rng: np.random.Generator,
                  segment: np.ndarray | None = None, homophily: float = 0.0) -> tuple[Contacts, np.ndarray]:
    """A random graph on ``n`` rows with the given mean degree, symmetric, unweighted, in CSR
    form with sorted indices; and each row's degree.

    Each edge joins a uniformly drawn row to, with probability ``homophily``, a uniformly
    drawn row of the same ``segment``, else to any row (``homophily`` 0: Erdős–Rényi).
    """
    edges = int(round(n * contacts_per_customer / 2))
    a = rng.integers(0, n, edges, dtype=np.int64)
    b = rng.integers(0, n, edges, dtype=np.int64)
    if segment is not None and homophily > 0.0 and edges:
        same = rng.random(edges) < homophily
        order = np.argsort(segment, kind="stable")  # rows grouped by segment
        counts = np.bincount(segment, minlength=int(segment.max()) + 1)
        starts = np.concatenate([[0], np.cumsum(counts)[:-1]])
        seg_a = segment[a]
        pick = starts[seg_a] + np.minimum((rng.random(edges) * counts[seg_a]).astype(np.int64),
                                          counts[seg_a] - 1)
        b = np.where(same, order[pick], b)
    keep = a != b
    a, b = a[keep].astype(np.int32), b[keep].astype(np.int32)
    indptr, indices = _csr(a, b, n)
    del a, b
    # scipy's index dtype: int32 while it holds every offset (the numpy engine's products).
    if indptr[-1] <= np.iinfo(np.int32).max:
        indptr = indptr.astype(np.int32)
    return Contacts(indptr, indices), np.diff(indptr).astype(float)
