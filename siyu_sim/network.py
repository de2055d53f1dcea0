"""The contact graph along which referrals travel.

Friends are alike: contacts share traits far more often than chance would have them
(homophily; McPherson, Smith-Lovin & Cook 2001). So a share of each edge's far ends is
drawn from the near end's own segment, the rest from anyone: advocates then tend to speak
to people who need what they need, one of the reasons referred customers fit the brand
better (Schmitt, Skiera & Van den Bulte 2011).
"""

from __future__ import annotations

import numpy as np
import scipy.sparse as sp


def contact_graph(n: int, contacts_per_customer: float, rng: np.random.Generator,
                  segment: np.ndarray | None = None, homophily: float = 0.0) -> tuple[sp.csr_array, np.ndarray]:
    """A random graph on ``n`` rows with the given mean degree, symmetric, unweighted, as a
    CSR matrix with sorted indices; and each row's degree.

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
    a, b = a[keep], b[keep]
    rows = np.concatenate([a, b]).astype(np.int32)
    cols = np.concatenate([b, a]).astype(np.int32)
    graph = sp.csr_array((np.ones(len(rows)), (rows, cols)), shape=(n, n))
    graph.sum_duplicates()
    graph.data[:] = 1.0  # duplicate edges are one contact
    graph.sort_indices()
    return graph, np.diff(graph.indptr).astype(float)
