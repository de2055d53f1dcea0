"""Dotted keys of scenario settings: ``population.segments.1.share`` (``--set``, experiment
factors, calibration parameters and uncertain assumptions all name settings this way)."""

from __future__ import annotations

import re


def normalise_path(path: str) -> str:
    """``population.segments[1].share`` → ``population.segments.1.share`` (both are accepted)."""
    return re.sub(r"\[(-?\d+)\]", r".\1", path.strip())
