"""A damaged kernel cache is detected before numba reads it, set aside and rebuilt.

Before, a cut-short index gave ``UnpicklingError`` on every command, and object code damaged in
place crashed the process in LLVM (``Aborted.`` or a segmentation fault) where nothing can catch
it. So these run ``siyu run`` in a subprocess on a copy of a sound cache, damaged in several
ways: it must succeed, say so in one line naming the cache, write the same daily table as the
run that filled the cache, and leave a sound cache that the next run loads."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pandas as pd
import pytest

from siyu_sim.kernel.cache import damage, sealed, source_hash

RUN = ["run", "nurture", "--customers", "200", "--days", "20", "--quiet"]


def _siyu() -> list[str]:
    exe = Path(sys.executable).with_name("siyu")
    return [str(exe)] if exe.exists() else [sys.executable, "-c", "from siyu_sim.cli import main; main()"]


def _run(cache: Path, out: Path) -> subprocess.CompletedProcess:
    env = {**os.environ, "SIYU_CACHE_DIR": str(cache)}
    env.pop("NUMBA_CACHE_DIR", None)
    return subprocess.run(_siyu() + RUN + ["--out", str(out)], capture_output=True, text=True, env=env,
                          timeout=600)


@pytest.fixture(scope="module")
def sound(tmp_path_factory):
    """A cache filled by one run, and that run's daily table."""
    root = tmp_path_factory.mktemp("kernel_cache")
    done = _run(root / "cache", root / "first")
    assert done.returncode == 0, done.stderr
    assert "kernel cache" not in done.stderr
    assert list((root / "cache").rglob("*.nbc")), "the run left no cache to damage"
    return root / "cache", pd.read_parquet(root / "first" / "daily.parquet")


def _file(cache: Path, function: str, suffix: str) -> Path:
    return next(cache.rglob(f"{function}-*{suffix}"))


def _index_cut_and_object_code_zeroed(cache):
    """One kind of damage per compiled function (a damaged index would hide its data file)."""
    index = _file(cache, "network._csr", ".nbi")
    index.write_bytes(index.read_bytes()[:10])
    # zeros in the kernel's object code: before the checksum, a crash inside LLVM (exit -11)
    code = _file(cache, "compiled.day_rows", ".nbc")
    data = bytearray(code.read_bytes())
    data[-3000:-2900] = bytes(100)
    code.write_bytes(bytes(data))


def _data_garbage_and_empty(cache):
    _file(cache, "compiled.day_rows", ".nbc").write_bytes(os.urandom(5000))
    _file(cache, "network._csr", ".nbc").write_bytes(b"")


@pytest.mark.slow
@pytest.mark.parametrize("harm", [_index_cut_and_object_code_zeroed, _data_garbage_and_empty],
                         ids=lambda f: f.__name__.strip("_"))
def test_a_damaged_cache_is_named_set_aside_and_rebuilt(sound, tmp_path, harm):
    cache, daily = sound
    shutil.copytree(cache, tmp_path / "cache")
    harm(tmp_path / "cache")
    done = _run(tmp_path / "cache", tmp_path / "out")
    assert done.returncode == 0, done.stderr
    where = tmp_path / "cache" / source_hash()
    lines = [line for line in done.stderr.splitlines() if "kernel cache" in line]
    assert lines == [lines[0]] and f"the kernel cache {where} is damaged" in lines[0], done.stderr
    assert "Traceback" not in done.stderr
    pd.testing.assert_frame_equal(pd.read_parquet(tmp_path / "out" / "daily.parquet"), daily, check_exact=True)
    assert list(where.rglob("*.damaged"))  # kept aside, not deleted
    # the rebuilt cache is sound: the next run loads it without a word
    again = _run(tmp_path / "cache", tmp_path / "again")
    assert again.returncode == 0 and "kernel cache" not in again.stderr, again.stderr
    assert all(damage(p) is None for p in where.rglob("*.nb[ic]"))


def test_the_checksum_finds_each_kind_of_damage(tmp_path):
    path = tmp_path / "f.nbc"
    payload = os.urandom(4000)
    path.write_bytes(sealed(payload))
    assert damage(path) is None and damage(tmp_path / "absent.nbc") is None
    flipped = bytearray(sealed(payload))
    flipped[100] ^= 1
    path.write_bytes(bytes(flipped))
    assert damage(path) == "its checksum does not match its contents"
    path.write_bytes(sealed(payload)[:-10])
    assert "cut short" in damage(path)
    path.write_bytes(payload)  # numba's own format: no trailer
    assert "cut short" in damage(path)
    path.write_bytes(b"")
    assert damage(path) == "empty"
