"""One home for every word and number format a reader sees, in English and Chinese.

Identifiers stay English (DOMAIN.md vocabulary); only user-facing text is translated. Words are
data: plain text with ``{fields}``, keyed by stable ids a search can find (no key is built from
pieces, no word carries markup: ``tests/test_words_keys.py``). ``t(key, lang, **fields)`` looks a
sentence up in the one catalogue and fills its fields; ``rich(key, lang, name=strong(...))`` gives
a ``Text`` whose parts keep what they are (a name in bold, a command as code), for a page's
template to draw (``text``). ``scenario_label`` and ``segment_label`` name the things in the
tidy tables, by the titles a scenario gives for as long as ``titled`` says (a metric is named by its
declaration, ``siyu_sim.metrics``; ``siyu_sim.report.labels`` looks it up); ``numbers`` formats amounts (Babel's K, M, 万, 亿; ¥, 元) and writes a value in its
format. ``Said`` is words that are English as a ``str`` and can be said in another language (a
file's problems). A key missing in one language is a bug: a test checks that every entry has both.

- ``calibrate``: ``siyu calibrate``'s terminal words and the observed-data template;
- ``calibration``: the calibration report's words and the observed columns' own names;
- ``app``: the live what-if app's words and its controls' short labels (``control_label``);
- ``problems``: what is wrong with a scenario file, and what a key allows;
- ``report``: the HTML reports' sentences (a printed report's appendix too); ``incremental``: the
  comparison report's words for added profit; ``console``: the terminal's; ``names``: scenario and
  segment names and the key assumptions; ``numbers``: number formats; ``sweep``: sweeps' and
  sensitivity analyses' words; ``settings`` and ``setting_descriptions``: every scenario
  setting's unit, and its description by the setting's id (its dotted path); ``uncertainty``: the
  verdict under uncertainty (``siyu compare --draws``); ``optimise``: the search for the best plan
  (``siyu optimise``); ``discovery``: scenario discovery (``siyu discover``); ``exports``: the CFO's charts (profit bridge, monthly added profit, costs by
  month), the Excel workbook's sheets and notes, the deck.
"""

from __future__ import annotations

from contextlib import contextmanager
from contextvars import ContextVar

from .app import APP, control_label
from .settings import setting_label
from .calibrate import CALIBRATE
from .calibration import CALIBRATION, OBSERVED_LABELS
from .console import CONSOLE
from .discovery import DISCOVERY
from .exports import EXPORTS
from .incremental import INCREMENTAL
from .problems import CHECK_WORDS, PROBLEMS
from .names import KEY_ASSUMPTIONS, SCENARIO_DESCRIPTIONS, SCENARIO_LABELS, SEGMENT_LABELS
from .numbers import FORMATS, count, money, number, percent, ratio, share
from .optimise import OPTIMISE
from .report import REPORT
from .sweep import EXPERIMENT_DESCRIPTIONS, SWEEP
from .text import Run, Text, code, fill, join, labelled_path, note, path, setting, spaced, strong
from .uncertainty import UNCERTAINTY

LANGS = ("en", "zh")


def _merge(*catalogues: dict[str, dict[str, str]]) -> dict[str, dict[str, str]]:
    out: dict[str, dict[str, str]] = {}
    for catalogue in catalogues:
        clash = set(out) & set(catalogue)
        if clash:  # one key, one sentence: a clash would silently hide one of them
            raise RuntimeError(f"word keys defined twice: {sorted(clash)}")
        out.update(catalogue)
    return out


TEXT: dict[str, dict[str, str]] = _merge(REPORT, CONSOLE, INCREMENTAL, SWEEP, APP, CALIBRATION, CALIBRATE,
                                        PROBLEMS, UNCERTAINTY, DISCOVERY, OPTIMISE, EXPORTS)


def check_lang(lang: str) -> str:
    """``lang`` if it is one of LANGS, else a ValueError that names them."""
    if lang not in LANGS:
        raise ValueError(f"lang must be one of {', '.join(LANGS)}, got {lang!r}")
    return lang


def t(key: str, lang: str, **fields) -> str:
    """The sentence ``key`` in ``lang`` with its fields filled in."""
    text = TEXT[key][lang]
    return text.format(**fields) if fields else text


def counted(n: int, one: str, many: str, lang: str) -> str:
    """``n`` things in ``lang``: the sentence ``one`` for 1, ``many`` for any other number ("1
    replication", "2 replications"; Chinese says both alike)."""
    return t(one if n == 1 else many, lang, n=f"{n:,}")


def rich(key: str, lang: str, **fields) -> Text:
    """The sentence ``key`` in ``lang`` as a ``Text`` whose fields keep what they are (a name in
    ``strong``, a command in ``code``: ``words.text``); a page's template draws them."""
    return fill(TEXT[key][lang], **fields)


class Said(str):
    """Words that are English as a ``str`` (what ``str()``, logs and ``==`` see) and can be said
    in another language: ``Said.words(key, **fields)`` is a catalogue sentence (a field may be
    ``Said`` too), ``Said.by(say)`` words a function of the language composes. ``in_lang(lang)``
    says them. Pickled (to another process), they are their English."""

    _say = None

    @classmethod
    def words(cls, key: str, **fields) -> "Said":
        return cls.by(lambda lang: t(key, lang, **{k: in_lang(v, lang) for k, v in fields.items()}))

    @classmethod
    def by(cls, say) -> "Said":
        said = cls(say("en"))
        said._say = say
        return said

    def in_lang(self, lang: str) -> str:
        return self._say(lang) if self._say is not None and lang != "en" else str(self)

    def __reduce__(self):
        return str, (str(self),)


def in_lang(value, lang: str):
    """``value`` in ``lang`` if it is ``Said``, else as it is."""
    return value.in_lang(lang) if isinstance(value, Said) else value


def _lookup(table: dict[str, dict[str, str]], name: str, lang: str) -> str:
    entry = table.get(name)
    return entry[lang] if entry else name


def column_label(name: str, lang: str) -> str:
    """A table column that is not a declared metric (an observed CSV column), by its own name
    if it has no words."""
    return _lookup(OBSERVED_LABELS, name, lang)


#: What the scenarios at hand are called, by name and language (their ``title``/``title_zh``, and
#: their segments'), for as long as ``titled`` says: one command, report, deck or workbook.
_TITLES: ContextVar[dict] = ContextVar("titles", default={"scenario": {}, "segment": {}, "orders": set()})


@contextmanager
def titled(scenarios):
    """Within this block, ``scenario_label`` and ``segment_labels`` call each of ``scenarios`` and
    its segments by the titles it gives (``title``, ``title_zh``)."""
    known = _TITLES.get()
    named = {"scenario": dict(known["scenario"]), "segment": dict(known["segment"]), "orders": set(known["orders"])}
    for sc in scenarios:
        named["scenario"][sc.name] = {"en": sc.title, "zh": sc.title_zh}
        named["orders"].add(tuple(seg.name for seg in sc.population.segments))
        for seg in sc.population.segments:
            if seg.title or seg.title_zh:
                named["segment"][seg.name] = {"en": seg.title, "zh": seg.title_zh}
    token = _TITLES.set(named)
    try:
        yield
    finally:
        _TITLES.reset(token)


def titled_segments() -> list[str]:
    """The segment names, in order, of the scenarios ``titled`` names, when they all have the same
    (a path that gives a segment by its index names it then); else none."""
    orders = _TITLES.get()["orders"]
    return list(next(iter(orders))) if len(orders) == 1 else []


def _titled(kind: str, name: str, lang: str) -> str | None:
    """What ``name`` is called in ``lang`` by its titles: in Chinese, ``title_zh``, else ``title``
    (a name given in one language is shown as given); in English, ``title``."""
    given = _TITLES.get()[kind].get(name) or {}
    return given.get("zh") or given.get("en") if lang == "zh" else given.get("en")


def scenario_label(name: str, lang: str) -> str:
    """A scenario as readers call it: its title in ``lang`` (``titled``), else a shipped
    scenario's label, else its name."""
    return _titled("scenario", name, lang) or _lookup(SCENARIO_LABELS, name, lang)


def segment_label(name: str, lang: str) -> str:
    return segment_labels([name], lang)[name]


def segment_labels(names, lang: str) -> dict[str, str]:
    """Segments as readers call them, all in one language: each by its title or shipped label in
    ``lang`` when every one has one, else every one in English (its ``title``, shipped label or
    name): a user's segment with no Chinese name never sits among translated ones."""
    def called(name: str, lang: str) -> str | None:
        given = _TITLES.get()["segment"].get(name) or {}
        entry = SEGMENT_LABELS.get(name)
        return given.get(lang) or (entry[lang] if entry else None)

    names = list(dict.fromkeys(names))
    if all(called(n, lang) for n in names):
        return {n: called(n, lang) for n in names}
    return {n: called(n, "en") or n for n in names}


def experiment_description(name: str, description: str, lang: str) -> str:
    """A shipped experiment's description in ``lang`` (while the file's description is the
    shipped one); any other description in its own words."""
    entry = EXPERIMENT_DESCRIPTIONS.get(name)
    return entry[lang] if entry and entry["en"] == description else description


def scenario_description(name: str, description: str, lang: str) -> str:
    """A shipped scenario's description in ``lang`` (while the file's description is the
    shipped one); any other description in its own words."""
    entry = SCENARIO_DESCRIPTIONS.get(name)
    return entry[lang] if entry and entry["en"] == description else description


__all__ = ["labelled_path", "setting", "setting_label", "titled_segments", "CHECK_WORDS", "FORMATS", "KEY_ASSUMPTIONS", "LANGS", "OBSERVED_LABELS", "control_label", "SCENARIO_LABELS",
           "SEGMENT_LABELS", "Said", "TEXT", "Run", "Text", "check_lang", "code", "column_label", "count",
           "experiment_description", "in_lang", "join", "money", "note", "number", "path", "percent", "ratio", "rich",
           "scenario_description", "scenario_label", "segment_label", "segment_labels", "share", "spaced", "strong",
           "t", "titled"]
