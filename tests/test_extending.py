"""The worked examples in docs/extending.md run as written."""

import re
from pathlib import Path

from siyu_sim.levers import LEVER_TYPES

DOC = Path(__file__).resolve().parents[1] / "docs" / "extending.md"


def python_blocks():
    return re.findall(r"```python\n(.*?)```", DOC.read_text(encoding="utf-8"), flags=re.S)


def test_extending_examples_run():
    blocks = python_blocks()
    assert len(blocks) >= 4
    before = dict(LEVER_TYPES)
    try:
        namespace: dict = {}
        for block in blocks:
            exec(compile(block, str(DOC), "exec"), namespace)  # noqa: S102 - our own docs
        assert "surprise_gift" in LEVER_TYPES
    finally:  # the example's lever must not leak into other tests (schema docs, registries)
        LEVER_TYPES.clear()
        LEVER_TYPES.update(before)
