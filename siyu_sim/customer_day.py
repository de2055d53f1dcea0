"""One customer-day: every behaviour's steps composed, in ``Day`` order, into one function.

Each behaviour declares its steps (``rules.module``); this module wires them by name into
``day_rules(s, t, c, b, u, g)`` — yesterday's state, today's plan, today's constants, the
parameters, today's draws and the gathers — which returns tomorrow's value of every updated
column and the day's events; ``emit_rules(s, t, c, b)`` gives what each customer adds to the
day's gathers, and ``day_constants(t, b)`` what is the same for everyone today. They are
written out as Python source (``SOURCE``; print it to read the day as the model runs it) and
run on numpy columns or compiled by numba for one row (``siyu_sim.kernel``), by either
executor: one source, two engines, two executors (docs/performance.md).

The wiring is checked when this module is imported, before anything runs or compiles: a step
that reads a value no earlier step returns, a state column, draw, constant, gather, plan field
or parameter block nobody declares, is a ``WiringError`` naming the behaviour, the step and the
fix — on either engine, in one line.
"""

from __future__ import annotations

import dataclasses
import inspect
import linecache
from collections import namedtuple
from dataclasses import dataclass, field, fields
from typing import TYPE_CHECKING, Any

import numpy as np

from .params import Behaviour
from .plan import DayPlan
from .rules import MODULES, Day, Module, Step
from .rules.module import attributes_read
from .state import COLUMNS, UPDATED_COLUMNS

if TYPE_CHECKING:  # pragma: no cover
    from .rng import Streams

__all__ = [
    "CONSTANTS", "DRAWS", "DayConstants", "DayOutcome", "DayValues", "Draws", "EMITTED", "EVENT_NAMES", "Emitted",
    "GATHERED", "Gathered", "NextState", "SOURCE", "WiringError", "customer_day", "day_constants", "day_rules",
    "emit_rules", "draw_today",
]


class WiringError(ValueError):
    """The behaviours' steps do not fit together; the message names the step and the fix."""


#: A step's arguments with a fixed meaning; any other argument is a value an earlier step returned.
RESERVED = {"s": "yesterday's state", "t": "today's plan", "c": "today's constants",
            "b": "the behaviour parameters", "u": "today's draws", "g": "the gathers"}


def _where(module: Module, step: Step) -> str:
    return f"behaviour {module.name!r}, step {step.name} ({inspect.getsourcefile(step.fn)})"


def _plan_fields() -> set[str]:
    names = {f.name for f in dataclasses.fields(DayPlan) if not f.name.startswith("_")}
    return names | {n for n, v in vars(DayPlan).items() if isinstance(v, property)}


@dataclass(frozen=True)
class Wiring:
    """The behaviours composed: what each part of the day reads and gives."""

    emit_steps: tuple[tuple[Module, Step], ...]
    day_steps: tuple[tuple[Module, Step], ...]
    draws: tuple[str, ...]
    constants: tuple[tuple[Module, Any], ...]  # (module, Constant)
    contact_sums: tuple[str, ...]
    group: tuple[Module, Any] | None  # (module, GroupStep)
    events: tuple[Any, ...]  # Event declarations, in module order

    @property
    def emitted(self) -> tuple[str, ...]:
        """Emitted values the gathers need: the contact sums', then the group's."""
        group = self.group[1].sums if self.group else ()
        return self.contact_sums + tuple(n for n in group if n not in self.contact_sums)

    @property
    def gathered(self) -> tuple[str, ...]:
        """What a step reads as ``g.<name>``: the group's values, the contact sums, the degree."""
        return (self.group[1].values if self.group else ()) + self.contact_sums + ("degree",)

    @property
    def group_arguments(self) -> tuple[str, ...]:
        """The group step's arguments, in order (each found by name: ``GroupStep``)."""
        return tuple(inspect.signature(self.group[1].fn).parameters) if self.group else ()


def _ordered(steps: list[tuple[Module, Step]]) -> list[tuple[Module, Step]]:
    """Steps in ``Day`` order; within a ``Day``, a step that reads what another step of that Day
    returns runs after it (``referral.join`` moves the trust ``trust`` returns; a behaviour that
    adjusts the purchase reads what ``purchase`` returns), otherwise in module order."""
    out = []
    for day in sorted({s.day for _, s in steps}):
        todo = [ms for ms in steps if ms[1].day == day]  # module order

        def needs(ms, other) -> bool:
            reads = set(inspect.signature(ms[1].fn).parameters) - set(RESERVED)
            return other is not ms and bool(reads & set(other[1].returns))

        while todo:
            ready = [ms for ms in todo if not any(needs(ms, o) for o in todo)]
            if not ready:
                names = ", ".join(f"{m.name}.{s.name}" for m, s in todo)
                raise WiringError(f"steps {names} at Day.{day.name} each read what another returns: their order "
                                  f"is ambiguous; move one of them to another Day")
            out.append(ready[0])
            todo.remove(ready[0])
    return out


def wire(modules: tuple[Module, ...] = MODULES) -> Wiring:
    """Check that the behaviours' steps fit together and put them in order (``WiringError`` if not)."""
    steps = _ordered([(m, s) for m in modules for s in m.steps])
    draws = [d.name for m in modules for d in m.draws]
    constants = [(m, c) for m in modules for c in m.constants]
    sums = [n for m in modules for n in m.contact_sums]
    groups = [(m, m.group) for m in modules if m.group is not None]
    events = [e for m in modules for e in m.events]
    for kind, names in (("draw", draws), ("constant", [c.name for _, c in constants]), ("contact sum", sums),
                        ("event", [e.name for e in events])):
        twice = sorted({n for n in names if names.count(n) > 1})
        if twice:
            raise WiringError(f"{kind} {twice[0]!r} is declared by two behaviours; give one another name")
    if len(groups) > 1:
        raise WiringError(f"behaviours {[m.name for m, _ in groups]} both declare the group's update; one may")
    wiring = Wiring(tuple(ms for ms in steps if ms[1].day == Day.EMIT),
                    tuple(ms for ms in steps if ms[1].day != Day.EMIT), tuple(draws), tuple(constants),
                    tuple(sums), groups[0] if groups else None, tuple(events))
    _check(wiring, modules)
    return wiring


def _check(w: Wiring, modules: tuple[Module, ...]) -> None:
    known = {"s": set(COLUMNS), "t": _plan_fields(), "c": {c.name for _, c in w.constants},
             "b": set(Behaviour.model_fields), "u": set(w.draws), "g": set(w.gathered)}
    what = {"s": "state column", "t": "field of today's plan (plan.DayPlan)", "c": "day constant",
            "b": "parameter block", "u": "draw", "g": "gather"}
    fix = {"s": "declare it: Column(...) in the MODULE's columns", "t": "a lever writes it into plan.DayPlan",
           "c": "declare it: Constant(...) in the MODULE's constants", "b": "declare the MODULE's params",
           "u": "declare it: Draw(...) in the MODULE's draws",
           "g": "declare it in a MODULE's contact_sums (or its group step)"}
    for phase, allowed in (("emit", {"s", "t", "c", "b"}), ("day", set(RESERVED))):
        given: dict[str, str] = {}
        for module, step in (w.emit_steps if phase == "emit" else w.day_steps):
            where = _where(module, step)
            for name in inspect.signature(step.fn).parameters:
                if name in RESERVED:
                    if name not in allowed:
                        raise WiringError(f"{where}: an emit step (Day.EMIT) reads yesterday's state only; it "
                                          f"cannot read {name!r} ({RESERVED[name]})")
                    try:
                        read = attributes_read(step.fn, name)
                    except ValueError as error:
                        raise WiringError(f"{where}: {error}") from None
                    for attr in sorted(read - known[name]):
                        raise WiringError(f"{where} reads {name}.{attr}, but no {what[name]} is named {attr!r}: "
                                          f"{fix[name]}")
                elif name not in given:
                    later = [m.name for m, s in (w.emit_steps + w.day_steps) if name in s.returns]
                    hint = (f"it is returned by {later[0]!r}, which runs later: move one of the steps to "
                            f"another Day" if later else "return it from an earlier step, or read a state "
                            "column as s.<name>")
                    raise WiringError(f"{where} reads {name!r}, which no earlier step returns; {hint}")
            for name in step.returns:
                if not name.isidentifier() or name in RESERVED:
                    raise WiringError(f"{where} returns {name!r}: returned names must be identifiers other than "
                                      f"{', '.join(RESERVED)}")
                if phase == "emit" and name in COLUMNS:
                    raise WiringError(f"{where} returns the column {name!r} at Day.EMIT; tomorrow's state is "
                                      f"returned by a later step")
                given[name] = module.name
        if phase == "emit":
            for name in w.emitted:
                if name not in given:
                    raise WiringError(f"{name!r} is summed by a gather, but no emit step (Day.EMIT) returns it")
        else:
            for event in w.events:
                if event.value not in given:
                    raise WiringError(f"event {event.name!r} records {event.value!r}, which no step returns")
    if w.group is not None:
        _check_group(w, known, what, fix)


#: What a group step may read besides its values and sums: its place in line, the plan, the parameters.
GROUP_RESERVED = {"ahead": "the groups with members opened before it", "t": RESERVED["t"], "b": RESERVED["b"]}


def _check_group(w: Wiring, known: dict, what: dict, fix: dict) -> None:
    module, group = w.group
    where = f"behaviour {module.name!r}, group step {group.fn.__name__} ({inspect.getsourcefile(group.fn)})"
    allowed = set(group.values) | set(group.sums) | set(GROUP_RESERVED)
    for name in inspect.signature(group.fn).parameters:
        if name not in allowed:
            raise WiringError(f"{where} reads {name!r}, which is none of the group's values {group.values}, its "
                              f"sums {group.sums} or {', '.join(GROUP_RESERVED)}")
        if name in ("t", "b"):
            try:
                read = attributes_read(group.fn, name)
            except ValueError as error:
                raise WiringError(f"{where}: {error}") from None
            for attr in sorted(read - known[name]):
                raise WiringError(f"{where} reads {name}.{attr}, but no {what[name]} is named {attr!r}: {fix[name]}")


WIRING = wire()

#: Tomorrow's value of every updated column (a named tuple: a missing or unknown column is a TypeError).
NextState = namedtuple("NextState", UPDATED_COLUMNS)
EVENT_NAMES = tuple(e.name for e in WIRING.events)
#: What ``day_rules`` returns: tomorrow's state and the day's events, in ``DayOutcome``'s order.
DayValues = namedtuple("DayValues", ("next", *EVENT_NAMES))
DRAWS = WIRING.draws
#: One uniform per row from each declared stream (``u.<name>``).
Draws = namedtuple("Draws", DRAWS)
CONSTANTS = tuple(c.name for _, c in WIRING.constants)
#: What is the same for every customer today (``c.<name>``), worked out once a day.
DayConstants = namedtuple("DayConstants", CONSTANTS)
EMITTED = WIRING.emitted
#: What each customer gives the day's gathers, from yesterday's state.
Emitted = namedtuple("Emitted", EMITTED)
GATHERED = WIRING.gathered
#: What each customer gathers today (``g.<name>``): its group's value, its contacts' sums, its degree.
Gathered = namedtuple("Gathered", GATHERED)
for _type in (NextState, DayValues, Draws, DayConstants, Emitted, Gathered):
    _type.__module__ = __name__  # importable by name: numba's cache pickles the types


def _call(module: Module, step: Step, scope: dict) -> str:
    fn_name = f"{module.name}__{step.name}"
    scope[fn_name] = step.fn
    call = f"{fn_name}({', '.join(inspect.signature(step.fn).parameters)})"
    return f"    {', '.join(step.returns)} = {call}"


def _source(w: Wiring) -> tuple[str, dict]:
    scope: dict[str, Any] = {"DayValues": DayValues, "NextState": NextState, "DayConstants": DayConstants,
                             "Emitted": Emitted}
    lines = ['"""The customer day, composed from the behaviours by siyu_sim.customer_day (generated)."""', "",
             "", "def day_constants(t, b):"]
    args = []
    for module, constant in w.constants:
        scope[f"{module.name}__{constant.name}"] = constant.fn
        args.append(f"{module.name}__{constant.name}(t, b)")
    lines += [f"    return DayConstants({', '.join(args)})", "", "", "def emit_rules(s, t, c, b):"]
    lines += [_call(m, s, scope) for m, s in w.emit_steps]
    lines += [f"    return Emitted({', '.join(EMITTED)})", "", "", "def day_rules(s, t, c, b, u, g):"]
    lines += [_call(m, s, scope) for m, s in w.day_steps]
    next_state = ", ".join(f"{name}={name}" for name in UPDATED_COLUMNS)
    events = ", ".join(e.value for e in w.events)
    lines += [f"    return DayValues(NextState({next_state}), {events})", ""]
    return "\n".join(lines), scope


#: The composed day, as Python source: ``print(siyu_sim.customer_day.SOURCE)``.
SOURCE, _SCOPE = _source(WIRING)
_FILENAME = "<siyu_sim.customer_day: the composed day>"
linecache.cache[_FILENAME] = (len(SOURCE), None, SOURCE.splitlines(True), _FILENAME)
exec(compile(SOURCE, _FILENAME, "exec"), _SCOPE)
day_constants = _SCOPE["day_constants"]
emit_rules = _SCOPE["emit_rules"]
day_rules = _SCOPE["day_rules"]
for _fn in (day_constants, emit_rules, day_rules):
    _fn.__module__ = __name__
#: The functions the composed day calls (every step's and constant's), for the kernel to compile.
COMPOSED_FUNCTIONS = tuple(v for k, v in _SCOPE.items() if "__" in k and callable(v))


def _event(dtype: Any, meaning: str) -> Any:
    return field(metadata={"dtype": dtype, "meaning": meaning})


class _Outcome:
    """What one customer-day produced (scalars for one customer, arrays for many):
    ``next``, tomorrow's state (the updated columns), and one field per declared event."""

    @classmethod
    def empty(cls, n: int) -> "DayOutcome":
        """Uninitialised columns for ``n`` rows, in each column's declared dtype."""
        state = NextState(**{name: np.empty(n, dtype=COLUMNS[name].dtype) for name in UPDATED_COLUMNS})
        return cls(state, **{f.name: np.empty(n, dtype=f.metadata["dtype"]) for f in _EVENT_FIELDS})

    def put(self, rows: slice | int, part: "DayOutcome") -> None:
        """Write another outcome (a block of rows, or one row) into these columns at ``rows``."""
        for name in UPDATED_COLUMNS:
            getattr(self.next, name)[rows] = getattr(part.next, name)
        for f in _EVENT_FIELDS:
            getattr(self, f.name)[rows] = getattr(part, f.name)


DayOutcome = dataclasses.make_dataclass(
    "DayOutcome", [("next", Any)] + [(e.name, Any, _event(e.dtype, e.meaning)) for e in WIRING.events],
    bases=(_Outcome,))
DayOutcome.__module__ = __name__
_EVENT_FIELDS = tuple(f for f in fields(DayOutcome) if f.name != "next")


def draw_today(streams: "Streams", n: int) -> Draws:
    """Today's draws: ``n`` uniforms from each declared stream (each stream is its own, so the
    order they are drawn in does not matter)."""
    return Draws(*(streams.uniform(name, n) for name in DRAWS))


def row_of(values: tuple, row: int) -> tuple:
    """One row of a named tuple of columns (``Draws``, ``Gathered``), as the same named tuple."""
    return type(values)(*(column[row] for column in values))


def customer_day(s: Any, t: "DayPlan", b: Behaviour, u: Draws, g: Gathered) -> DayOutcome:
    """The day of one customer (scalars) or of a block of rows (columns): ``s`` has the
    ``state.READ_COLUMNS`` as attributes (a block of table rows, or a ``Customer`` agent), ``t``
    is today's plan (levers have fired), ``u`` today's draws and ``g`` the gathers for the same
    rows. The numpy engine's entry point; the compiled kernel runs the same ``day_rules``."""
    try:
        values = day_rules(s, t, day_constants(t, b), b, u, g)
    except TypeError as error:
        raise wrong_next_state(error) from error
    return DayOutcome(*values)


def wrong_next_state(error: Exception) -> Exception:
    """A NextState built without (or with more than) the updated columns: say so plainly."""
    if "NextState" not in str(error):
        return error
    return TypeError(f"customer_day must give the next value of exactly the updated columns "
                     f"{UPDATED_COLUMNS}; {str(error).strip().splitlines()[-1]}")
