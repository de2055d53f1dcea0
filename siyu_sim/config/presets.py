"""Built-in strategy presets, and the one resolver of shipped scenario names.

The presets are read from the scenario files shipped with the package
(``siyu_sim/scenarios/*.toml``, also reachable as ``scenarios/`` in the repository), so that
the Python presets and the files a strategist runs can never drift apart. Wherever a
scenario may be named (the command line, an experiment's ``scenarios``), ``resolve`` turns
the name into a file: a path, or the name of a shipped scenario.
"""

from __future__ import annotations

from importlib import resources
from pathlib import Path

from ..scenario import Scenario
from ..words import Said
from .problems import Problem, ScenarioError, closest
from .scenario_files import load_scenario


def shipped_dir() -> Path:
    return Path(str(resources.files("siyu_sim") / "scenarios"))


def shipped_names() -> list[str]:
    return sorted(p.stem for p in shipped_dir().glob("*.toml"))


def resolve(ref: str, base_dir: str | Path | None = None, relative_to: str = "") -> Path:
    """The scenario file ``ref`` names: a path (relative to ``base_dir``, default the working
    directory; ``relative_to`` says what that folder is, e.g. "the experiment file") or a
    shipped scenario's name (``nurture``). A ScenarioError, with the shipped names and a
    did-you-mean, when it names neither."""
    path = Path(base_dir or ".") / ref
    path_like = ref.endswith(".toml") or "/" in ref or "\\" in ref
    if path.is_file() or (path_like and path.exists()):  # a folder gets its own message from the reader
        return path
    names = shipped_names()
    if ref in names:
        return shipped_dir() / f"{ref}.toml"
    allowed = (f"a .toml path relative to {relative_to}, or one of: {', '.join(names)}" if relative_to
               else Said.words("err_scenario_ref", names=", ".join(names)))
    if path_like:
        message = (Said.words("err_no_scenario_file_at", path=path) if str(path) != ref
                   else Said.words("err_no_scenario_file"))
        raise ScenarioError(ref, [Problem("", message, allowed=allowed)])
    raise ScenarioError(ref, [Problem("", Said.words("err_no_shipped_scenario"), allowed=allowed,
                                      suggestion=closest(ref, names))])


def load(name: str) -> Scenario:
    """A shipped scenario by name (``nurture``, ``harvest``, ...), or a scenario file by path."""
    return load_scenario(resolve(name))


def nurture() -> Scenario:
    """Relationship building (养): moderate frequency, high content quality, 1:1 care, few
    and shallow discounts, store QR and referrals."""
    return load("nurture")


def harvest() -> Scenario:
    """Aggressive harvesting (收割): many promotional pushes a day, deep frequent coupons,
    mass adds."""
    return load("harvest")
