"""docs/extending.md's promise, checked on a copy of the package: a new state column is one
declaration in state.STATE plus its rule in customer_day; the table, the agents, both
executors and the write-back follow."""

import shutil
import subprocess
import sys
from pathlib import Path

PACKAGE = Path(__file__).resolve().parents[1] / "siyu_sim"

DECLARATION = '    Column("cares_received", np.int32, 0, "1:1 care contacts received so far", updated=True),\n'
RULE = "    cares_received = where(care > 0.0, s.cares_received + 1, s.cares_received)\n"

CHECK = """
import pandas as pd
from siyu_sim import Customer, PrivateDomainModel, presets

vector = PrivateDomainModel(presets.nurture(), customers=300, seed=3)
agent = PrivateDomainModel(presets.nurture(), customers=300, seed=3, executor="agent")
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


def _insert_before(path: Path, anchor: str, text: str) -> None:
    source = path.read_text(encoding="utf-8")
    assert source.count(anchor) == 1, f"{path.name}: anchor {anchor!r} not found once"
    path.write_text(source.replace(anchor, text + anchor), encoding="utf-8")


def test_a_new_column_is_one_declaration_plus_its_rule(tmp_path):
    copy = tmp_path / "siyu_sim"
    shutil.copytree(PACKAGE, copy, ignore=shutil.ignore_patterns("__pycache__"))
    _insert_before(copy / "state.py", '    Column("spend",', DECLARATION)
    _insert_before(copy / "customer_day.py", "    # 8. Mute and leave", RULE + "\n")
    _insert_before(copy / "customer_day.py", "),\n        was_member=", ",\n                  cares_received=cares_received")
    run = subprocess.run([sys.executable, "-c", CHECK], cwd=tmp_path, capture_output=True, text=True,
                         env={"PYTHONPATH": str(tmp_path), "PATH": ""}, timeout=300)
    assert run.returncode == 0, run.stderr[-3000:]
    assert run.stdout.strip() == "ok"


def test_without_its_rule_a_new_updated_column_fails_loudly(tmp_path):
    copy = tmp_path / "siyu_sim"
    shutil.copytree(PACKAGE, copy, ignore=shutil.ignore_patterns("__pycache__"))
    _insert_before(copy / "state.py", '    Column("spend",', DECLARATION)
    run = subprocess.run([sys.executable, "-c", CHECK], cwd=tmp_path, capture_output=True, text=True,
                         env={"PYTHONPATH": str(tmp_path), "PATH": ""}, timeout=300)
    assert run.returncode != 0
    assert "customer_day must give the next value" in run.stderr and "cares_received" in run.stderr
