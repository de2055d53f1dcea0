"""What is wrong with a scenario or experiment file, said the same way for both.

A ``Problem`` names the key path, the value given, what is allowed and, when we can guess,
what was meant; a ``ConfigError`` carries every problem found in one file so that one try
shows them all. ``ScenarioError`` and ``ExperimentError`` are the two kinds of file: they
differ only in the words they use for the file (the rendering is one). ``str()`` is English;
``render(lang)`` says it in the reader's language: a message or an allowed phrase given as
``words.Said`` (the commonest problems of a scenario file) is said in it, any other is English.
"""

from __future__ import annotations

import dataclasses
import difflib
from dataclasses import dataclass
from typing import Any, Iterable

from ..words import Said, in_lang, t

#: A Problem's value when there is none to show (``None`` is a value a file can hold).
UNSET: Any = object()

#: Problems listed in one message; the rest are counted ("… and 99,976 more").
MAX_SHOWN = 20


@dataclass(frozen=True)
class Problem:
    """One thing wrong, with what a person needs to fix it."""

    where: str  # key path, e.g. "levers.coupon.depth"; "" for the file as a whole
    message: str
    value: Any = UNSET
    allowed: str | None = None
    suggestion: str | None = None
    origin: str | None = None  # "--set" when the value came from the command line
    line: int | None = None
    column: int | None = None
    source: str | None = None  # the file; filled in by the ConfigError that carries it

    def render(self, source: str | None = None, lang: str = "en") -> str:
        """``file:line:col: key = value (from --set): message; allowed: …; did you mean `…`?``"""
        source = self.source if source is None else source
        parts = []
        if source:
            head = source
            if self.line is not None:
                head += f":{self.line}" + (f":{self.column}" if self.column is not None else "")
            parts.append(head)
        if self.where:
            key = f"{self.where} = {show_value(self.value)}" if _worth_showing(self.value) else self.where
            parts.append(t("err_from", lang, where=key, origin=self.origin) if self.origin else key)
        text = in_lang(self.message, lang)
        for part in reversed(parts):
            text = t("err_sep", lang, a=part, b=text)
        if self.allowed:
            text = t("err_allowed", lang, message=text, allowed=in_lang(self.allowed, lang))
        if self.suggestion:
            text = t("err_did_you_mean", lang, message=text, suggestion=self.suggestion)
        return text

    def __str__(self) -> str:
        return self.render()


class ConfigError(ValueError):
    """Every problem found in one file (or its data), reported together."""

    #: how the first line ends: what did not happen because of the problems (its words' key)
    consequence = "err_nothing_run"

    def __init__(self, source: str, problems: Iterable[Problem]):
        self.source = source
        self.problems = [p if p.source is not None else dataclasses.replace(p, source=source)
                         for p in problems]
        super().__init__(str(self))

    def __str__(self) -> str:
        return self.render("en")

    def render(self, lang: str = "en") -> str:
        """Every problem, one a line under a head line, in ``lang``."""
        n = len(self.problems)
        consequence = t(self.consequence, lang)
        head = (t("err_head_one", lang, source=self.source, consequence=consequence) if n == 1 else
                t("err_head_many", lang, source=self.source, n=f"{n:,}", consequence=consequence))
        shown = ["  " + p.render(lang=lang) for p in self.problems[:MAX_SHOWN]]
        if n > MAX_SHOWN:  # every problem counted, the first shown
            shown.append("  " + t("err_more", lang, n=f"{n - MAX_SHOWN:,}"))
        return "\n".join([head, *shown])


class ScenarioError(ConfigError):
    """A scenario file (or scenario data, or a shipped name) that cannot be run."""

    consequence = "err_scenario_not_run"


class ExperimentError(ConfigError):
    """An experiment file that cannot be run."""


def listed(items, limit: int = 10) -> str:
    """The first ``limit`` items, and how many more: ``3, 7, 9 and 99,976 more``."""
    items = [str(i) for i in items]
    more = len(items) - limit
    return ", ".join(items[:limit]) + (f" and {more:,} more" if more > 0 else "")


def _worth_showing(value: Any) -> bool:
    """Show scalars and short lists beside their key; a whole table would drown the message,
    and ``None`` (no value: a file cannot write it) says nothing."""
    if value is UNSET or value is None or isinstance(value, dict):
        return False
    return not isinstance(value, list) or len(show_value(value)) <= 60


def show_value(value: Any) -> str:
    """A value as it would be written in TOML, cut short if long."""
    if isinstance(value, bool):
        text = "true" if value else "false"
    elif isinstance(value, str):
        text = '"' + value.replace('"', '\\"') + '"'
    elif isinstance(value, dict):
        text = "a table"
    elif value is None:
        text = "nothing"
    else:
        text = repr(value)
    return text if len(text) <= 60 else text[:57] + "..."


def closest(word: Any, choices: Iterable[str]) -> str | None:
    """The did-you-mean: the choice nearest ``word``, or None.

    A dotted path is also matched on its last part among the paths with the same head, so
    ``levers.broadcast.freq_per_day`` finds ``levers.broadcast.frequency_per_day``."""
    word, choices = str(word), [str(c) for c in choices]
    best = difflib.get_close_matches(word, choices, n=1, cutoff=0.6)
    if best:
        return best[0]
    if "." not in word:
        return None
    head, tail = word.rsplit(".", 1)
    tails = [c.rsplit(".", 1)[1] for c in choices if "." in c and c.rsplit(".", 1)[0] == head]
    best = difflib.get_close_matches(tail, tails, n=1, cutoff=0.5)
    return f"{head}.{best[0]}" if best else None
