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
    }
