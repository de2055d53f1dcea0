"""The contact graph along which referrals travel."""

from __future__ import annotations

import numpy as np
import scipy.sparse as sp


def contact_graph(n: int, contacts_per_customer: float,
                  rng: np.random.Generator) -> tuple[sp.csr_array, np.ndarray]:
    """An Erdős–Rényi graph on ``n`` rows with the given mean degree, symmetric, unweighted,
    as a CSR matrix with sorted indices; and each row's degree."""
    edges = int(round(n * contacts_per_customer / 2))
    a = rng.integers(0, n, edges, dtype=np.int64)
    b = rng.integers(0, n, edges, dtype=np.int64)
    keep = a != b
    a, b = a[keep], b[keep]
    rows = np.concatenate([a, b]).astype(np.int32)
    cols = np.concatenate([b, a]).astype(np.int32)
    graph = sp.csr_array((np.ones(len(rows)), (rows, cols)), shape=(n, n))
    graph.sum_duplicates()
    graph.data[:] = 1.0  # duplicate edges are one contact
    graph.sort_indices()
    return graph, np.diff(graph.indptr).astype(float)
