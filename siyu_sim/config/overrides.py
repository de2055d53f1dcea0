"""Dotted-path overrides of scenario data: ``levers.broadcast.frequency_per_day=3``.

Used by ``--set`` on the command line and by experiment factors. Values given as text are
parsed as TOML values (``3``, ``0.2``, ``true``, ``"text"``, ``["a", "b"]``); bare words
that are not TOML stay strings. Paths are checked against the scenario's schema when the
result is validated, so a misspelt path is an error before any run starts.
"""

from __future__ import annotations

import copy
import tomllib
from typing import Any

from ..assumptions import DRAWS_KEY, apply, declared, is_draws
from ..keys import normalise_path


class OverrideError(ValueError):
    """A --set / factor path or value that cannot be applied. ``path`` names the key (when
    known) and ``reason`` says what is wrong, for callers that report it beside other errors."""

    def __init__(self, message: str, path: str | None = None, reason: str | None = None):
        super().__init__(message)
        self.path = path
        self.reason = reason or message


def parse_value(text: str) -> Any:
    try:
        return tomllib.loads(f"v = {text}")["v"]
    except tomllib.TOMLDecodeError:
        return text


def parse_assignment(text: str) -> tuple[str, Any]:
    """``"a.b=3"`` → ``("a.b", 3)``."""
    if "=" not in text:
        raise OverrideError(f"expected PATH=VALUE (e.g. levers.broadcast.frequency_per_day=3), got {text!r}")
    path, _, value = text.partition("=")
    path = path.strip()
    if not path or any(not part for part in normalise_path(path).split(".")):
        raise OverrideError(f"empty key in path {path!r}")
    return path, parse_value(value.strip())


class Overrides(dict):
    """Overrides ``{dotted path: value}`` that remember where each came from (``--set``, or an
    option such as ``--customers``), so an error about the value names its real source."""

    def __init__(self):
        super().__init__()
        self.origins: dict[str, str] = {}
        self._given: dict[str, str] = {}

    def add(self, path: str, value: Any, origin: str = "--set", given: str | None = None) -> None:
        """Set ``path`` to ``value``; a path given twice (``--set a=1 --set a=2``, or ``--set``
        and an option for one key) is an OverrideError naming both."""
        key = normalise_path(path)
        shown = given if given is not None else f"{origin} {path}={value!r}"
        if key in self._given:
            raise OverrideError(f"{key} is given twice: {self._given[key]} and {shown}; give it once",
                                key, "given twice")
        self._given[key] = shown
        self.origins[key] = origin
        self[path] = value

    def origin(self, path: str) -> str:
        return self.origins.get(normalise_path(path), "--set")


def parse_assignments(texts, origin: str = "--set") -> Overrides:
    """``["a.b=3", "c=x"]`` → Overrides; a malformed one or a key given twice is an OverrideError."""
    out = Overrides()
    for text in texts or []:
        path, value = parse_assignment(text)
        out.add(path, value, origin, given=f"{origin} {text.strip()}")
    return out


#: The command-line options that each set one scenario key: (key, option).
OPTION_KEYS = (("days", "--days"), ("population.customers", "--customers"), ("seed", "--seed"),
               ("population.rows", "--rows"))


def command_overrides(sets, days: int | None = None, customers: int | None = None,
                      seed: int | None = None, rows: int | None = None) -> Overrides:
    """``--set`` texts and the options that set one key (``--days``, ``--customers``, ``--seed``,
    ``--rows``), each remembering its source, as the command line and the live app give them;
    a key given twice is an OverrideError naming both values."""
    out = parse_assignments(sets)
    for (path, option), value in zip(OPTION_KEYS, (days, customers, seed, rows)):
        if value is not None:
            out.add(path, value, option, given=f"{option} {value}")
    return out


def apply_overrides(data: dict[str, Any], overrides: dict[str, Any]) -> dict[str, Any]:
    """A deep copy of ``data`` with each dotted path set to its value.

    Under ``assumptions.DRAWS_KEY`` a list of numbers draws the scenario's own uncertain
    assumptions at those points first (``assumptions.apply``: an experiment's uncertain factors).
    Intermediate tables are created where missing (``levers.coupon.depth`` on a scenario
    without a coupon lever adds one); list items are addressed by index
    (``population.segments.0.share`` or ``population.segments[0].share``).
    """
    draws = overrides.get(DRAWS_KEY)
    if is_draws(draws):  # a point of the scenario's uncertain assumptions (an experiment's draw)
        declared_here = declared(data)
        if len(draws) != len(declared_here):
            raise OverrideError(f"{len(draws)} draws for {len(declared_here)} uncertain assumptions", DRAWS_KEY)
        data, _ = apply(declared_here, data, draws)
        overrides = {k: v for k, v in overrides.items() if k != DRAWS_KEY}
    out = copy.deepcopy(data)
    for path, value in overrides.items():
        node: Any = out
        parts = normalise_path(path).split(".")
        for i, part in enumerate(parts[:-1]):
            here = ".".join(parts[: i + 1])
            if isinstance(node, list):
                node = _list_item(node, part, here)
            elif isinstance(node, dict):
                nxt = node.get(part)
                if nxt is None:
                    nxt = node[part] = {}
                elif not isinstance(nxt, (dict, list)):
                    raise OverrideError(f"{here} is a value ({nxt!r}), not a table: cannot set {path}",
                                        path, f"{here} is a value ({nxt!r}), not a table")
                node = nxt
            else:  # pragma: no cover - guarded above
                raise OverrideError(f"cannot descend into {here}")
        last = parts[-1]
        if isinstance(node, list):
            idx = _index(node, last, path)
            node[idx] = value
        else:
            node[last] = value
    return out


def _index(items: list, part: str, path: str) -> int:
    try:
        idx = int(part)
    except ValueError:
        raise OverrideError(f"{path}: {part!r} is not a list index", path,
                            f"{part!r} is not a list index") from None
    if not -len(items) <= idx < len(items):
        raise OverrideError(f"{path}: index {idx} out of range (list has {len(items)} items)", path,
                            f"index {idx} out of range (the list has {len(items)} items)")
    return idx


def _list_item(items: list, part: str, path: str) -> Any:
    return items[_index(items, part, path)]
