"""Golden baselines: the daily tables of every shipped scenario, pinned bit for bit.

A refactor must leave every number exactly as it was; a deliberate change of behaviour
updates the baselines in the same commit and says why in its message (starsim keeps its
baselines the same way, tests/test_baselines.py). To regenerate after such a change:

    python -m tests.test_baselines

Each shipped scenario runs small (the vector executor for its whole horizon, the agent
executor for its first days), with per-segment tables, plus its no-private-domain
counterfactual; the final customer table of the vector run is pinned too.
"""

from __future__ import annotations

import sys
from pathlib import Path

import numpy as np
import pandas as pd
import pytest

from siyu_sim import PrivateDomainModel, presets
from siyu_sim.counterfactual import without_private_domain

BASELINES = Path(__file__).parent / "baselines"
SEED = 20261123
VECTOR = dict(customers=1_500, days=None)  # the scenario's own horizon
AGENT = dict(customers=250, days=75)


def _runs():
    """(file stem, executor, scenario, customers, days) of every pinned run."""
    for name in presets.shipped_names():
        scenario = presets.load(name)
        yield f"{name}.vector", "vector", scenario, VECTOR["customers"], VECTOR["days"]
        yield f"{name}.agent", "agent", scenario, AGENT["customers"], AGENT["days"]
        yield (f"{name}.without_private_domain", "vector", without_private_domain(scenario),
               VECTOR["customers"], VECTOR["days"])


def _tables(executor, scenario, customers, days) -> dict[str, pd.DataFrame]:
    model = PrivateDomainModel(scenario, customers=customers, seed=SEED, executor=executor,
                               segment_metrics=True)
    model.run(days=days)
    tables = {"daily": model.daily, "segments": model.segment_daily}
    if executor == "vector":
        tables["customers"] = model.customers.to_frame()
    return tables


RUNS = list(_runs())


@pytest.mark.parametrize("stem, executor, scenario, customers, days", RUNS, ids=[r[0] for r in RUNS])
def test_run_matches_its_golden_baseline(stem, executor, scenario, customers, days):
    tables = _tables(executor, scenario, customers, days)
    for kind, frame in tables.items():
        path = BASELINES / f"{stem}.{kind}.parquet"
        assert path.exists(), f"no baseline {path.name}: run `python -m tests.test_baselines`"
        expected = pd.read_parquet(path)
        # Columns added later are new outputs, not changed ones: compare the pinned columns.
        missing = [c for c in expected.columns if c not in frame.columns]
        assert not missing, f"{path.name}: columns gone: {missing}"
        got = frame[list(expected.columns)].reset_index(drop=True)
        assert len(got) == len(expected), f"{path.name}: {len(got)} rows, baseline has {len(expected)}"
        for col in expected.columns:
            a, b = got[col].to_numpy(), expected[col].to_numpy()
            same = (np.array_equal(a, b, equal_nan=True) if a.dtype.kind == "f"
                    else np.array_equal(a, b))
            if not same:
                bad = np.flatnonzero(a != b)
                first = int(bad[0]) if len(bad) else 0
                pytest.fail(f"{path.name}: column {col!r} differs first at row {first}: "
                            f"{a[first]!r} != baseline {b[first]!r}")


def regenerate() -> None:
    BASELINES.mkdir(exist_ok=True)
    for old in BASELINES.glob("*.parquet"):
        old.unlink()
    for stem, executor, scenario, customers, days in RUNS:
        for kind, frame in _tables(executor, scenario, customers, days).items():
            frame.to_parquet(BASELINES / f"{stem}.{kind}.parquet", compression="zstd", index=False)
        print("wrote", stem, file=sys.stderr)


if __name__ == "__main__":
    regenerate()
