"""What a behaviour declares: one ``Module`` at the end of its file in ``siyu_sim/rules/``.

A behaviour (trust, purchase, referral, …) is one file: its parameters (``param``), the
functions that say how customers react (pure numpy: the same code for one customer's scalars
or every customer's columns, compiled for one row by the day kernel), and ``MODULE``, which
declares everything the model needs to run it:

- ``params``: its parameter block (``behaviour.<name>`` in scenario files);
- ``columns``: the per-customer state it owns (``Column``: name, dtype, day-0 value, meaning);
- ``draws``: the random numbers it needs, one uniform per customer a day from a stream of its
  own (``Draw``); a step reads them as ``u.<name>``;
- ``constants``: what is the same for every customer today, worked out once a day from the plan
  and the parameters (``Constant``); read as ``c.<name>``;
- ``steps``: what it does in the customer day, and when (``Step``: a ``Day`` step, a function,
  the names of what it returns);
- ``contact_sums``: values it emits (at ``Day.EMIT``, from yesterday's state) to be summed over
  each customer's contacts, read as ``g.<name>``; ``group``: the community group's own update
  from its members' sums and its place among the groups (``GroupStep``, at most one module),
  giving the group's values, read as ``g.mood``, ``g.served``;
- ``events``: values of the day that the bookkeeping reads after it (``Event``: a customer
  bought, joined, got care…); ``metrics``: what it adds to the daily table (``Metric``).

**How a step is wired.** A step's arguments are found by name: ``s`` is the customer's state
as it was yesterday (``s.trust``), ``t`` today's plan (what the levers decided), ``c`` today's
constants, ``b`` the behaviour parameters (``b.trust.decay``), ``u`` today's draws, ``g`` the
gathers; any other argument is a value an earlier step returned (``member``, ``reads``, …). A
step returns a tuple of the names in its ``returns``; a returned name that is a state column is
that column's value tomorrow (the last step to return it wins: ``referral`` moves the trust
that ``trust`` updated). ``customer_day`` composes the steps in ``Day`` order into one
function and checks the wiring first: a step that reads a name nothing gives, or a column no
module declares, is a one-line error naming the module, the step and the fix.

Sources and rationale of every rule are in the rule's own docstring and in docs/ODD.md.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from enum import IntEnum
from typing import Any, Callable

import numpy as np


class Day(IntEnum):
    """The steps of one customer-day, in order (docs/ODD.md §3, stage 6). Steps of one ``Day``
    run in module order (``customer_day.MODULES``)."""

    EMIT = 0  # from yesterday's state: what each customer gives the day's gathers
    STANDING = 10  # where the customer stands this morning: member, muted, in a group, a friend
    REACH = 20  # the day's touches that reach the customer, and what they are worth
    FATIGUE = 30  # the touch load against tolerance
    RELATIONSHIP = 40  # trust and attention
    PURCHASE = 50  # the deal, the purchase
    PRICE = 60  # reference price and deal memory
    LAPSE = 70  # stopping buying from the brand for good
    REFERRAL = 80  # prospects join, by discovery or referral
    STATUS = 90  # mute, leave, un-mute


@dataclass(frozen=True)
class Column:
    """One per-customer state column. Whether the day's rules read it and whether they update
    it is not declared: it follows from the steps (``s.<name>`` read; ``<name>`` returned)."""

    name: str
    dtype: Any  # numpy dtype of the column
    initial: Any  # a constant, or a function InitialDraw -> one value per row
    meaning: str

    def initial_values(self, draw) -> np.ndarray:
        value = self.initial(draw) if callable(self.initial) else self.initial
        if np.ndim(value) == 0:
            return np.full(draw.n, value, dtype=self.dtype)
        return np.array(value, dtype=self.dtype)  # a copy: no two columns share memory


@dataclass(frozen=True)
class Draw:
    """One uniform on [0, 1) per customer row every day, from the named stream (``u.<name>``).
    Drawn whether or not a row needs it, so rows keep their numbers (common random numbers)."""

    name: str
    meaning: str


@dataclass(frozen=True)
class Constant:
    """A value the same for every customer today: ``fn(t, b)`` of today's plan and the
    parameters, worked out once a day (``c.<name>``)."""

    name: str
    fn: Callable
    meaning: str


@dataclass(frozen=True)
class Step:
    """``fn`` runs at ``day`` of the customer day; it returns the values named in ``returns``
    (a tuple in that order; one name: the value itself)."""

    day: Day
    fn: Callable
    returns: tuple[str, ...]

    @property
    def name(self) -> str:
        return self.fn.__name__


@dataclass(frozen=True)
class Event:
    """A value of the day the bookkeeping reads once every customer has stepped (the ledger,
    the metrics, the transaction log): the day's ``DayOutcome`` has one field per event."""

    name: str
    dtype: Any
    meaning: str
    of: str | None = None  # the value of the day it records (default: ``name``)

    @property
    def value(self) -> str:
        return self.of or self.name


@dataclass(frozen=True)
class GroupStep:
    """A community group's own update, once a day before the customers step, applied to every
    group. ``fn``'s arguments are found by name, as a step's are: each of the group's ``values``
    as it was yesterday, its members' sum of each emitted value in ``sums`` (row order),
    ``ahead`` (the groups with members opened before it: its place in line when something is
    shared out group by group, oldest first — the operators' time), ``t`` and ``b``. It returns
    the group's ``values`` today (a tuple in that order; one value: the value itself), which its
    members read as ``g.<value>``. A new group starts at ``initial(b)`` (likewise a tuple, or
    the one value)."""

    values: tuple[str, ...]  # the group's values, read by its members as g.<value>
    sums: tuple[str, ...]  # emitted values summed over each group's rows
    fn: Callable
    initial: Callable  # b -> a new group's values

    def __post_init__(self) -> None:
        if isinstance(self.values, str):  # one value, named on its own
            object.__setattr__(self, "values", (self.values,))

    def initial_values(self, b) -> dict[str, float]:
        """A new group's values by name."""
        return dict(zip(self.values, _as_tuple(self.initial(b), len(self.values))))

    def results(self, out) -> tuple:
        """What ``fn`` returned, as one array per value in ``values`` order."""
        return _as_tuple(out, len(self.values))


def _as_tuple(out, n: int) -> tuple:
    return (out,) if n == 1 else tuple(out)


@dataclass(frozen=True)
class Metric:
    """A daily metric a module adds: ``compute(view)`` of the day's ``metrics.DayView``."""

    name: str
    kind: str  # "flow" (a day's amount: summed over a period) or "stock" (a level on the day)
    unit: str  # "customers", "CNY", "share", "orders", "trust", …
    label: dict[str, str]  # {"en": …, "zh": …}
    compute: Callable
    segments: bool = False  # also per segment (``segment_metrics=True``)


@dataclass(frozen=True)
class Module:
    """Everything one behaviour declares (see the module doc)."""

    name: str
    params: type | None = None
    columns: tuple[Column, ...] = ()
    draws: tuple[Draw, ...] = ()
    constants: tuple[Constant, ...] = ()
    steps: tuple[Step, ...] = ()
    contact_sums: tuple[str, ...] = ()
    group: GroupStep | None = None
    events: tuple[Event, ...] = ()
    metrics: tuple[Metric, ...] = ()
    #: words a reader sees, by key: {"key": {"en": …, "zh": …}}
    words: dict[str, dict[str, str]] = field(default_factory=dict)


def attributes_read(fn: Callable, arg: str) -> set[str]:
    """The attributes a function reads of its argument ``arg`` (``s.trust`` → "trust"), found in
    its source (or, for a function without a source file, its bytecode). A step that passes
    ``arg`` itself on (``helper(s)``) hides what it reads: a ``ValueError`` says so."""
    import ast
    import inspect
    import textwrap

    try:
        tree = ast.parse(textwrap.dedent(inspect.getsource(fn)))
        if not any(isinstance(n, (ast.FunctionDef, ast.Lambda)) for n in ast.walk(tree)):
            raise SyntaxError("not the function's source")
    except (OSError, TypeError, SyntaxError):
        return _attributes_in_bytecode(fn, arg)
    found: set[str] = set()
    attribute_bases = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Attribute) and isinstance(node.value, ast.Name) and node.value.id == arg:
            found.add(node.attr)
            attribute_bases.add(id(node.value))
    for node in ast.walk(tree):
        if isinstance(node, ast.Name) and node.id == arg and isinstance(node.ctx, ast.Load) \
                and id(node) not in attribute_bases:
            raise ValueError(_whole(fn, arg))
    return found


def _attributes_in_bytecode(fn: Callable, arg: str) -> set[str]:
    import dis

    found: set[str] = set()
    instructions = list(dis.get_instructions(fn))
    for here, after in zip(instructions, instructions[1:] + [None]):
        if here.opname.startswith("LOAD_FAST") and here.argval == arg:
            if after is None or after.opname not in ("LOAD_ATTR", "LOAD_METHOD"):
                raise ValueError(_whole(fn, arg))
            found.add(after.argval)
    return found


def _whole(fn: Callable, arg: str) -> str:
    return (f"{fn.__module__}.{fn.__name__} passes {arg!r} on whole: read the values it needs "
            f"({arg}.<name>) and pass those, so that what it reads can be seen")
