"""The benchmark code runs end to end at tiny sizes (seconds), so it cannot rot.

No timings are asserted: only that every part runs, writes its table, and that the
docking and backend-equality checks it reports come out true.
"""

from __future__ import annotations

import importlib.util
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from benchmarks.__main__ import main, parse_args, render, run  # noqa: E402

TINY = ["--quick", "--presets", "nurture", "--sizes", "500", "--days", "3", "--agent-customers", "150",
        "--agent-days", "3", "--memory-customers", "2000", "--memory-days", "2", "--sweep-runs", "2",
        "--sweep-customers", "200", "--sweep-days", "2", "--calibration-trials", "3", "--uncertainty-draws", "4"]


def test_single_process_parts_run_and_render():
    result = run(parse_args(TINY + ["--skip", "sweep"]), log=lambda _: None)
    titles = [s[0] for s in result["sections"]]
    assert any(t.startswith("Vector") for t in titles)
    assert any(t.startswith("Agent") for t in titles)
    assert any(t.startswith("Peak memory") for t in titles)
    assert any(t.startswith("Calibration (") for t in titles)
    assert any(t.startswith("Calibration fits") for t in titles)
    assert any(t.startswith("Verdict under uncertainty") for t in titles)
    checks = {name: value for name, value, *_ in result["targets"]}
    assert checks["agent and vector tables identical"] == "yes"
    text = render(result, "python -m benchmarks --quick")
    assert "## Machine" in text and "numpy" in text and "mesa" in text


def test_local_pool_sweep_and_results_file(tmp_path):
    out = tmp_path / "results.md"
    only_the_pool = "vector,numpy,floor,compile,agent,memory,dask,calibration,fits,uncertainty"
    assert main(TINY + ["--skip", only_the_pool, "--out", str(out)]) == 0
    text = out.read_text(encoding="utf-8")
    assert "local pool, 2 workers" in text
    assert "| sweep results identical on every backend | yes |" in text


@pytest.mark.skipif(importlib.util.find_spec("distributed") is None, reason="dask.distributed not installed")
def test_dask_sweep_runs():
    from benchmarks import sweep

    s = sweep.sweep_benchmark(2, 200, 2, dask=True, rounds=2)
    assert s["identical"], s
    assert "dask_overhead" in s
    assert [len(r) for r in s["rounds_s"]] == [2, 2, 2, 2]  # 1 and 2 workers, 2 with numpy, Dask
    assert "speedup_vs_numpy" in s
    assert [t.wall_s for t in s["timings"]] == [min(r) for r in s["rounds_s"]]
