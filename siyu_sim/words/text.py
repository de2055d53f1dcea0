"""Sentences with parts a page shows differently (a name in bold, a command in code type), as
data rather than markup: the catalogues hold plain words with ``{fields}``, and the caller says
which field is what (``strong(name)``, ``code(command)``). ``fill(sentence, **fields)`` gives a
``Text``, a tuple of ``Run(kind, text)``; the page's template decides what each kind looks like
(``report/templates/blocks.html.j2``), and ``str(text)`` is the plain sentence (the terminal).
"""

from __future__ import annotations

import re
import string
from dataclasses import dataclass
from typing import Iterable

#: What a run can be: plain words, emphasised, code (a command, a file), a setting's dotted path,
#: a note in smaller type on its own line, a setting by its words with its path to hover over
#: (``tip``), a setting's path on a line of its own under its words, and words starting a new line.
KINDS = ("", "strong", "code", "path", "note", "setting", "path_below", "line")


@dataclass(frozen=True)
class Run:
    kind: str
    text: str
    tip: str = ""  # shown on hover (a setting's path under its words)

    def __post_init__(self):
        if self.kind not in KINDS:
            raise ValueError(f"a run's kind is one of {KINDS}, got {self.kind!r}")

    def __add__(self, other) -> "Text":
        return Text([self]) + other

    def __radd__(self, other) -> "Text":
        return as_text(other) + Text([self])


class Text(tuple):
    """Runs in reading order; ``str()`` is the plain text."""

    def __new__(cls, runs: Iterable[Run] = ()):
        merged: list[Run] = []
        for run in runs:
            if not run.text:
                continue
            if merged and run.kind == "" and merged[-1].kind == "":
                merged[-1] = Run("", merged[-1].text + run.text)
            else:
                merged.append(run)
        return super().__new__(cls, merged)

    def __str__(self) -> str:
        return "".join(r.text for r in self)

    def __add__(self, other) -> "Text":
        return Text([*self, *as_text(other)])

    def __radd__(self, other) -> "Text":
        return Text([*as_text(other), *self])


def as_text(value) -> Text:
    """A value as a ``Text``: a Text or Run as it is, anything else as plain words."""
    if isinstance(value, Text):
        return value
    if isinstance(value, Run):
        return Text([value])
    return Text([Run("", str(value))])


def strong(value) -> Run:
    return Run("strong", str(value))


def code(value) -> Run:
    return Run("code", str(value))


def path(value) -> Run:
    return Run("path", str(value))


def note(value) -> Run:
    return Run("note", str(value))


def lines(texts) -> Text:
    """Several sentences, each on a line of its own (one banner for several warnings)."""
    return Text([Run("line" if i else "", str(x)) for i, x in enumerate(texts)])


def setting(label: str, key: str) -> Run:
    """A setting by its words (``label``), its dotted path ``key`` shown on hover; a setting with
    no words (its label is its path) as a path."""
    return Run("path", key) if label == key else Run("setting", label, tip=key)


def labelled_path(label: str, key: str) -> Text:
    """A setting's words with its path on a line of its own below (where a reader may type the
    path: the appendix); a setting with no words, its path alone."""
    return Text([Run("path", key)]) if label == key else Text([Run("", label), Run("path_below", key)])


def fill(sentence: str, **fields) -> Text:
    """``sentence`` (a catalogue entry) with its fields filled in: a field given as a Run or a
    Text keeps its kinds, any other value is formatted as ``str.format`` would."""
    runs: list[Run] = []
    for literal, name, spec, conversion in string.Formatter().parse(sentence):
        runs.append(Run("", literal))
        if name is None:
            continue
        value = fields[name]
        if isinstance(value, (Run, Text)):
            runs.extend(as_text(value))
        else:
            value = repr(value) if conversion == "r" else str(value) if conversion == "s" else value
            runs.append(Run("", format(value, spec or "")))
    return Text(runs)


def join(separator: str, items: Iterable) -> Text:
    """``items`` (Texts, Runs or plain values) with ``separator`` between them."""
    runs: list[Run] = []
    for i, item in enumerate(items):
        if i:
            runs.append(Run("", separator))
        runs.extend(as_text(item))
    return Text(runs)


#: A Latin word (a name such as ``today`` or ``plan_2``: letters, maybe digits, _ . -) and a
#: Chinese character: the catalogues' Chinese puts a space between them (``于 6 个月内``,
#: ``siyu_sim 默认``), as between a number and a character; a name filled in as a field gets one
#: here. Digits alone are left as they are (``4.5万元``), and so is punctuation (``）``).
_LATIN = r"[A-Za-z0-9_.\-]*[A-Za-z][A-Za-z0-9_.\-]*"
_HAN = r"[\u3400-\u4dbf\u4e00-\u9fff]"
_HAN_LATIN = re.compile(rf"({_HAN})({_LATIN})")
_LATIN_HAN = re.compile(rf"({_LATIN})({_HAN})")


def spaced(text: str, lang: str) -> str:
    """``text`` with a space between each Latin word and a Chinese character beside it, in
    Chinese (``today在 12 个月内`` → ``today 在 12 个月内``); any other language as it is."""
    if lang != "zh":
        return text
    return _LATIN_HAN.sub(r"\1 \2", _HAN_LATIN.sub(r"\1 \2", text))
