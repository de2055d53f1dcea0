"""Built-in strategy presets, read from the scenario files shipped with the package
(``siyu_sim/scenarios/*.toml``, also reachable as ``scenarios/`` in the repository), so that
the Python presets and the files a strategist runs can never drift apart."""

from __future__ import annotations

from importlib import resources
from pathlib import Path

from ..scenario import Scenario


def shipped_dir() -> Path:
    return Path(str(resources.files("siyu_sim") / "scenarios"))


def shipped_names() -> list[str]:
    return sorted(p.stem for p in shipped_dir().glob("*.toml"))


def load(name: str) -> Scenario:
    """A shipped scenario by name (``nurture``, ``harvest``, ...)."""
    from .scenario_files import load_scenario

    path = shipped_dir() / f"{name}.toml"
    if not path.exists():
        raise KeyError(f"no shipped scenario {name!r}; shipped: {', '.join(shipped_names())}")
    return load_scenario(path)


def nurture() -> Scenario:
    """Relationship building (养): moderate frequency, high content quality, 1:1 care, few
    and shallow discounts, store QR and referrals."""
    return load("nurture")


def harvest() -> Scenario:
    """Aggressive harvesting (收割): many promotional pushes a day, deep frequent coupons,
    mass adds."""
    return load("harvest")
