"""Dask workers' MALLOC_TRIM_THRESHOLD_ is undone in-process (counted in page faults, not time)."""

import subprocess
import sys
import textwrap

import pytest

pytestmark = pytest.mark.skipif(not sys.platform.startswith("linux"), reason="glibc only")

PROBE = textwrap.dedent("""
    import resource, sys
    from siyu_sim.experiments.allocator import restore_malloc_thresholds
    applied = restore_malloc_thresholds() if sys.argv[1] == "restore" else False
    from siyu_sim import PrivateDomainModel, presets
    model = PrivateDomainModel(presets.nurture(), customers=70_000, rows=70_000, seed=1)
    before = resource.getrusage(resource.RUSAGE_SELF).ru_minflt
    model.run(8)
    print(applied, resource.getrusage(resource.RUSAGE_SELF).ru_minflt - before)
""")


def _faults(mode: str, env_value: str | None) -> tuple[bool, int]:
    import os
    env = {k: v for k, v in os.environ.items() if k != "MALLOC_TRIM_THRESHOLD_"}
    if env_value is not None:
        env["MALLOC_TRIM_THRESHOLD_"] = env_value
    out = subprocess.run([sys.executable, "-c", PROBE, mode], env=env, capture_output=True,
                         text=True, check=True).stdout.split()
    return out[0] == "True", int(out[1])


def test_restoring_thresholds_removes_the_page_fault_storm():
    _, dask_default = _faults("leave", "65536")
    applied, restored = _faults("restore", "65536")
    assert applied
    assert restored * 3 < dask_default


def test_nothing_is_done_without_the_dask_setting():
    applied, _ = _faults("restore", None)
    assert not applied
