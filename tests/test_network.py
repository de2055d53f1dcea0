"""The contact graph's own CSR builder against scipy's, and the sums over contacts."""

import numpy as np
import pytest
import scipy.sparse as sp

from siyu_sim.network import contact_graph


def scipy_graph(a, b, n):
    """What the builder replaced: coo to csr, duplicates merged, indices sorted."""
    keep = a != b
    a, b = a[keep], b[keep]
    rows, cols = np.concatenate([a, b]), np.concatenate([b, a])
    g = sp.csr_array((np.ones(len(rows)), (rows, cols)), shape=(n, n))
    g.sum_duplicates()
    g.sort_indices()
    return g


@pytest.mark.parametrize("n, degree, homophily", [(50, 12.0, 0.0), (2_000, 8.0, 0.5), (1, 3.0, 0.0)])
def test_csr_is_scipy_s_with_repeats_merged_and_rows_sorted(n, degree, homophily):
    segment = np.random.default_rng(3).integers(0, 3, n).astype(np.int8)
    graph, deg = contact_graph(n, degree, np.random.default_rng(7), segment, homophily)
    # The same draws, rebuilt the old way (a small n repeats edges: the merge is exercised).
    rng = np.random.default_rng(7)
    edges = int(round(n * degree / 2))
    a, b = rng.integers(0, n, edges, dtype=np.int64), rng.integers(0, n, edges, dtype=np.int64)
    if homophily > 0.0:
        same = rng.random(edges) < homophily
        order = np.argsort(segment, kind="stable")
        counts = np.bincount(segment, minlength=int(segment.max()) + 1)
        starts = np.concatenate([[0], np.cumsum(counts)[:-1]])
        pick = starts[segment[a]] + np.minimum((rng.random(edges) * counts[segment[a]]).astype(np.int64),
                                               counts[segment[a]] - 1)
        b = np.where(same, order[pick], b)
    expected = scipy_graph(a, b, n)
    assert np.array_equal(graph.indptr, expected.indptr)
    assert np.array_equal(graph.indices, expected.indices)
    assert np.array_equal(deg, np.diff(expected.indptr).astype(float))
    m = graph.matrix
    assert (m != m.T).nnz == 0  # symmetric
    assert np.all(m.data == 1.0)


def test_sums_over_rows_are_the_matrix_products():
    graph, _ = contact_graph(3_000, 8.0, np.random.default_rng(1))
    values = np.random.default_rng(2).random(3_000)
    rows = np.array([5, 0, 2_999, 17, 17])
    assert np.array_equal(graph.sums_over(rows, values), graph.matrix[rows] @ values)
