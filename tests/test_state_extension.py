"""docs/extending.md's promise, checked on a copy of the package: a new behaviour — here one
that counts the 1:1 care each customer receives, with a state column of its own — is one new
module file in siyu_sim/rules/ and nothing else; the table, the agents, both executors, both
engines and the write-back follow. A module that forgets a declaration stops every command
with one line naming what is missing and how to declare it."""

import shutil
import subprocess
import sys
from pathlib import Path

import pytest

PACKAGE = Path(__file__).resolve().parents[1] / "siyu_sim"

MODULE = '''
import numpy as np

from .module import Column, Day, Module, Step
from .ops import where


def count_care(s, cared):
    """Care contacts received so far: one more on a day of 1:1 care."""
    return where(cared, s.cares_received + 1, s.cares_received)


MODULE = Module(
    name="cares",
    columns=({column}),
    steps=(Step(Day.STATUS, count_care, ("cares_received",)),),
)
'''
COLUMN = 'Column("cares_received", np.int32, 0, "1:1 care contacts received so far"),'

CHECK = """
import sys
import pandas as pd
from siyu_sim import Customer, PrivateDomainModel, presets

engine = sys.argv[1]
vector = PrivateDomainModel(presets.nurture(), customers=300, seed=3, engine=engine)
agent = PrivateDomainModel(presets.nurture(), customers=300, seed=3, executor="agent", engine=engine)
daily = vector.run(30)
agent.run(30)
table = vector.customers.to_frame()
pd.testing.assert_frame_equal(table, agent.customers.to_frame(), check_exact=True)
assert table.cares_received.dtype == "int32"
assert (table.cares_received * table.weight).sum() == daily.care_contacts.sum() > 0
one = agent.agents_by_type[Customer][5]
assert one.cares_received == table.cares_received[one.row]
print("ok")
"""


def _package_with(tmp_path: Path, module_source: str) -> Path:
    copy = tmp_path / "siyu_sim"
    shutil.copytree(PACKAGE, copy, ignore=shutil.ignore_patterns("__pycache__"))
    (copy / "rules" / "cares.py").write_text(module_source, encoding="utf-8")
    return tmp_path


def _run(root: Path, engine: str) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-c", CHECK, engine], cwd=root, capture_output=True, text=True,
                          env={"PYTHONPATH": str(root), "PATH": "", "SIYU_CACHE_DIR": str(root / "cache")},
                          timeout=600)


@pytest.mark.parametrize("engine", ["compiled", "numpy"])
def test_a_new_behaviour_is_one_module_file(tmp_path, engine):
    root = _package_with(tmp_path, MODULE.replace("{column}", COLUMN))
    copied = {p.relative_to(root / "siyu_sim") for p in (root / "siyu_sim").rglob("*.py")}
    new = sorted(str(p) for p in copied if not (PACKAGE / p).exists())
    edited = [p for p in copied if (PACKAGE / p).exists() and (root / "siyu_sim" / p).read_bytes() != (PACKAGE / p).read_bytes()]
    assert new == ["rules/cares.py"] and edited == []  # one new file, nothing of the package edited
    run = _run(root, engine)
    assert run.returncode == 0, run.stderr[-3000:]
    assert run.stdout.strip() == "ok"


@pytest.mark.parametrize("engine", ["compiled", "numpy"])
def test_a_forgotten_column_is_one_line_naming_it_and_the_fix(tmp_path, engine):
    root = _package_with(tmp_path, MODULE.replace("{column}", ""))
    run = _run(root, engine)
    assert run.returncode != 0
    last = run.stderr.strip().splitlines()[-1]
    assert last.startswith("siyu_sim.customer_day.WiringError: ")
    for word in ("'cares'", "count_care", "s.cares_received", "Column("):
        assert word in last, last
