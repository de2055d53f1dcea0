"""The machine a benchmark ran on: CPU, cores, memory, library versions, date."""

from __future__ import annotations

import datetime as _dt
import os
import platform


def _cpu_model() -> str:
    try:
        with open("/proc/cpuinfo", encoding="utf-8") as fh:
            for line in fh:
                if line.lower().startswith("model name"):
                    return line.split(":", 1)[1].strip()
    except OSError:
        pass
    return platform.processor() or platform.machine()


def _memory_gib() -> float | None:
    try:
        with open("/proc/meminfo", encoding="utf-8") as fh:
            for line in fh:
                if line.startswith("MemTotal:"):
                    return int(line.split()[1]) / 1024 / 1024
    except OSError:
        pass
    try:
        import psutil

        return psutil.virtual_memory().total / 1024 ** 3
    except Exception:  # pragma: no cover - best effort only
        return None


def _version(module: str) -> str:
    try:
        mod = __import__(module)
        return getattr(mod, "__version__", "?")
    except Exception:
        return "not installed"


def _git_commit() -> str:
    import subprocess
    from pathlib import Path

    root = Path(__file__).resolve().parent.parent
    try:
        head = subprocess.run(["git", "rev-parse", "--short", "HEAD"], cwd=root, capture_output=True,
                              text=True, timeout=10).stdout.strip()
        dirty = subprocess.run(["git", "status", "--porcelain", "--", "siyu_sim"], cwd=root,
                               capture_output=True, text=True, timeout=10).stdout.strip()
    except Exception:
        return "?"
    return (head or "?") + (" (+ uncommitted changes in siyu_sim/)" if dirty else "")


def describe() -> dict[str, str]:
    """A flat description of this machine and the libraries the model runs on."""
    import numpy as np

    simd = ""
    try:
        from numpy._core._multiarray_umath import __cpu_features__ as feats

        simd = ", ".join(k for k in ("AVX2", "FMA3", "AVX512F") if feats.get(k))
    except Exception:  # pragma: no cover
        pass
    mem = _memory_gib()
    return {
        "date": _dt.datetime.now().astimezone().isoformat(timespec="seconds"),
        "cpu": _cpu_model(),
        "cores (os.cpu_count)": str(os.cpu_count()),
        "usable cores (affinity)": str(len(os.sched_getaffinity(0))) if hasattr(os, "sched_getaffinity") else "?",
        "memory": f"{mem:.1f} GiB" if mem is not None else "?",
        "simd": simd or "?",
        "os": f"{platform.system()} {platform.release()}",
        "python": platform.python_version(),
        "numpy": np.__version__,
        "scipy": _version("scipy"),
        "pandas": _version("pandas"),
        "mesa": _version("mesa"),
        "dask": _version("dask"),
        "distributed": _version("distributed"),
        "siyu_sim": _version("siyu_sim"),
        "git commit": _git_commit(),
        "BLAS threads (env)": ", ".join(f"{k}={os.environ[k]}" for k in
                                        ("OPENBLAS_NUM_THREADS", "OMP_NUM_THREADS", "MKL_NUM_THREADS")
                                        if k in os.environ) or "not set (OpenBLAS uses every core)",
    }


class CpuMeter:
    """Average number of cores kept busy by *other* processes while a block of code runs.

    Linux only (``/proc/stat``); elsewhere ``other_cores`` is None. Own CPU time counts this
    process and the children it has waited for (pools, probes), so the figure is approximate.
    """

    def __enter__(self) -> "CpuMeter":
        self._start = (_proc_stat(), _own_cpu_s())
        self.other_cores = None
        return self

    def __exit__(self, *exc) -> None:
        stat0, own0 = self._start
        stat1, own1 = _proc_stat(), _own_cpu_s()
        if stat0 is None or stat1 is None:
            return
        busy = (stat1[0] - stat0[0]) / _HZ
        wall = (stat1[1] - stat0[1]) / _HZ / max(1, os.cpu_count() or 1)
        if wall > 0:
            self.other_cores = max(0.0, busy - (own1 - own0)) / wall


_HZ = os.sysconf("SC_CLK_TCK") if hasattr(os, "sysconf") else 100


def _proc_stat() -> tuple[float, float] | None:
    try:
        with open("/proc/stat", encoding="ascii") as fh:
            fields = [int(x) for x in fh.readline().split()[1:]]
    except (OSError, ValueError):
        return None
    idle = fields[3] + (fields[4] if len(fields) > 4 else 0)
    total = sum(fields[:8])
    return total - idle, total


def _own_cpu_s() -> float:
    t = os.times()
    return t.user + t.system + t.children_user + t.children_system
