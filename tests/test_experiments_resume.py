"""One seed, one result, interrupted or not, for sweeps: a sweep stopped by Ctrl-C after a given
number of batches (a condition, not a time) and resumed, even in batches of another size,
stores the same rows as one that ran straight through, bit for bit."""

from __future__ import annotations

import pandas as pd

from _experiment_helpers import write_experiment
from siyu_sim.experiments.backends import SerialBackend
from siyu_sim.experiments.store import ResultStore
from siyu_sim.experiments.sweep import sweep
from siyu_sim.experiments.worker import execute_batch

GRID = ('[factors."levers.broadcast.frequency_per_day"]\nvalues = [0.5, 2.0, 4.0]\n'
        '[factors."levers.coupon.depth"]\nvalues = [0.0, 0.2]\n')


class StopAfter(SerialBackend):
    """Serial, with Ctrl-C once ``after`` batches have been delivered."""

    def __init__(self, after: int):
        self.after = after

    def run(self, batches, on_result, fn=execute_batch, note=None):
        for done, batch in enumerate(batches):
            if done == self.after:
                raise KeyboardInterrupt
            on_result(fn(batch))


def _rows(folder) -> pd.DataFrame:
    return ResultStore(folder).read().sort_values(["run_id", "day"]).reset_index(drop=True)


def test_a_sweep_interrupted_twice_and_resumed_equals_one_run_straight_through(tmp_path):
    path = write_experiment(tmp_path, GRID, metrics="monthly", days=40, replications=2)  # 12 runs
    clean = sweep(path, out=tmp_path / "clean", backend=SerialBackend(), batch_size=4)
    assert clean.complete and clean.ok == 12
    first = sweep(path, out=tmp_path / "out", backend=StopAfter(1), batch_size=4)
    assert first.interrupted and first.ok == 4
    second = sweep(path, out=tmp_path / "out", backend=StopAfter(2), batch_size=3)  # other batches
    assert second.interrupted and second.skipped == 4 and second.ok == 6
    last = sweep(path, out=tmp_path / "out", backend=SerialBackend(), batch_size=5)
    assert last.complete and last.skipped == 10 and last.ok == 2
    pd.testing.assert_frame_equal(_rows(tmp_path / "out"), _rows(tmp_path / "clean"), check_exact=True)
    assert pd.read_parquet(tmp_path / "out").run_id.nunique() == 12
