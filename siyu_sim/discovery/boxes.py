"""Scenario discovery (Bryant & Lempert 2010): the regions of the inputs where a condition holds,
as boxes a strategist can repeat ("harvest wins only when trust barely moves buying and ads are
cheap").

- PRIM (Friedman & Fisher 1999), through the ``prim`` package (EMA Workbench's implementation):
  it peels away thin slices of the inputs, a few per cent of the cases at a time, keeping the
  slice whose loss raises the share of cases of interest inside the box the most. Each step of the
  peeling trajectory trades coverage (the share of all cases of interest inside the box) for
  density (the share of the box's cases that are of interest). The box reported is the one of
  greatest coverage whose density reaches ``min_density`` (else the densest); each restricted
  limit comes with its quasi-p value (how likely a limit that tight is by chance).
- CART (Breiman et al. 1984), through scikit-learn's decision tree: shallow splits; every leaf
  where the condition holds for most cases is a box too, with its own coverage and density.

Both see the cases only (the sweep's worlds): a box is as good as the design's spread of the
inputs, and with few cases a limit can fall where there is simply no case beyond it.
"""

from __future__ import annotations

from dataclasses import dataclass, field

import numpy as np
import pandas as pd

from .cases import Cases, DiscoveryError

MIN_DENSITY = 0.8   # the box reported: the greatest coverage at this density or more
MIN_CASES = 10      # fewer cases than this find no box worth saying
QP_MAX = 0.1        # a limit whose quasi-p is above this is dropped (Bryant & Lempert 2010)
PEEL_ALPHA = 0.05   # the share of the cases a peel removes
SMALL = 200         # fewer cases than this peel twice as thick
DENSITY_SLACK = 0.05  # a limit the cases do not support is dropped if the box loses no more density
CART_DEPTH = 3


@dataclass(frozen=True)
class Limit:
    """One restricted input of a box: ``low`` and/or ``high`` (None where it is not restricted)."""

    name: str
    low: float | None
    high: float | None
    qp: float | None = None  # PRIM's quasi-p value of the tighter limit


@dataclass
class Box:
    method: str                 # "prim" | "cart"
    limits: list[Limit]
    coverage: float             # of all cases where the condition holds, the share inside the box
    density: float              # of the cases inside the box, the share where it holds
    cases: int                  # cases inside the box


@dataclass
class Discovery:
    where: str
    cases: int
    holds: int
    prim: Box | None = None
    trajectory: pd.DataFrame = field(default_factory=pd.DataFrame)  # coverage, density, mass, res_dim, chosen
    cart: list[Box] = field(default_factory=list)

    @property
    def share(self) -> float:
        return self.holds / self.cases if self.cases else float("nan")


def discover(cases: Cases, holds: np.ndarray, where: str, *, min_density: float = MIN_DENSITY,
             methods: tuple[str, ...] = ("prim", "cart")) -> Discovery:
    """Boxes of ``cases.inputs`` where ``holds`` (a boolean per case) is true."""
    y = np.asarray(holds, dtype=bool)
    out = Discovery(where, len(y), int(y.sum()))
    if len(y) < MIN_CASES:
        raise DiscoveryError(f"{len(y)} cases are too few to find where {where!r} holds (at least {MIN_CASES}: "
                             "more markets or settings)")
    if out.holds in (0, len(y)):
        return out  # it holds everywhere or nowhere: no box to find, and the words say so
    x = cases.frame[cases.inputs]
    if "prim" in methods:
        out.prim, out.trajectory = _prim(x, y, min_density)
    if "cart" in methods:
        out.cart = _cart(x, y)
    return out


def _prim(x: pd.DataFrame, y: np.ndarray, min_density: float) -> tuple[Box, pd.DataFrame]:
    import prim  # GPL-3.0, EMA Workbench's PRIM as a package

    # 5% slices (Friedman & Fisher's usual alpha) stall on a few dozen cases, where a slice is a
    # case or two and no single one raises the density: a tenth then
    alpha = PEEL_ALPHA if len(y) >= SMALL else 2 * PEEL_ALPHA
    p = prim.Prim(x.astype(float), y.astype(float), threshold=0.5, threshold_type=">", peel_alpha=alpha)
    box = p.find_box()
    traj = box.peeling_trajectory.reset_index(drop=True).astype(float)
    ok = traj.index[traj["density"] >= min_density]
    i = int(traj.loc[ok, "coverage"].idxmax()) if len(ok) else int(traj["density"].idxmax())
    box.select(i)
    while _drop_one(box):  # keep the limits the cases support, while the box stays as dense
        pass
    final = box.peeling_trajectory.iloc[box._cur_box].astype(float)
    limits = []
    full_lo, full_hi = x.min(), x.max()
    for name, row in box.limits.iterrows():
        lo = float(row["min"]) if row["min"] > full_lo[name] else None
        hi = float(row["max"]) if row["max"] < full_hi[name] else None
        if lo is None and hi is None:
            continue
        qp = row["qp values"]
        qp = float(max(qp)) if isinstance(qp, (list, tuple, np.ndarray)) else float(qp)
        limits.append(Limit(name, lo, hi, qp))
    inside = int(round(final["mass"] * len(y)))
    trajectory = traj.rename(columns={"res dim": "res_dim"})[["coverage", "density", "mass", "res_dim"]]
    trajectory["kind"] = "peel"
    box_row = {"coverage": final["coverage"], "density": final["density"], "mass": final["mass"],
               "res_dim": float(len(limits)), "kind": "box"}
    trajectory = pd.concat([trajectory, pd.DataFrame([box_row])], ignore_index=True)
    trajectory["chosen"] = trajectory["kind"] == "box"
    return Box("prim", limits, float(final["coverage"]), float(final["density"]), inside), trajectory


def _drop_one(box) -> bool:
    """Drop the restriction of highest quasi-p above ``QP_MAX`` whose loss costs the box at most
    ``DENSITY_SLACK`` of density (the next one if that one costs more); whether one was dropped."""
    qp = box.limits["qp values"].map(lambda v: float(max(v)) if isinstance(v, (list, tuple, np.ndarray)) else float(v))
    density = float(box.peeling_trajectory.iloc[box._cur_box]["density"])
    for name in qp[qp > QP_MAX].sort_values(ascending=False).index:
        before = box._cur_box
        box.drop_restriction(name)
        if float(box.peeling_trajectory.iloc[box._cur_box]["density"]) >= density - DENSITY_SLACK:
            return True
        box.select(before)
    return False


def _cart(x: pd.DataFrame, y: np.ndarray) -> list[Box]:
    from sklearn.tree import DecisionTreeClassifier

    leaf_min = max(3, int(0.05 * len(y)))
    tree = DecisionTreeClassifier(max_depth=CART_DEPTH, min_samples_leaf=leaf_min, random_state=0)
    tree.fit(x.to_numpy(dtype=float), y)
    t = tree.tree_
    names = list(x.columns)
    leaf_of = tree.apply(x.to_numpy(dtype=float))
    boxes = []

    def walk(node: int, bounds: dict[str, list]) -> None:
        if t.children_left[node] == -1:  # a leaf
            inside = leaf_of == node
            density = float(y[inside].mean()) if inside.any() else 0.0
            if density > 0.5:
                limits = [Limit(n, lo, hi) for n, (lo, hi) in bounds.items() if lo is not None or hi is not None]
                boxes.append(Box("cart", limits, float(y[inside].sum() / y.sum()), density, int(inside.sum())))
            return
        name, cut = names[t.feature[node]], float(t.threshold[node])
        lo, hi = bounds.get(name, [None, None])
        walk(t.children_left[node], {**bounds, name: [lo, cut if hi is None else min(hi, cut)]})   # x <= cut
        walk(t.children_right[node], {**bounds, name: [cut if lo is None else max(lo, cut), hi]})  # x > cut

    walk(0, {})
    return sorted(boxes, key=lambda b: (-b.coverage, -b.density))


__all__ = ["Box", "Discovery", "Limit", "MIN_DENSITY", "discover"]
