"""The words as data, checked on the source: every key the package uses is in the catalogue
(in English and Chinese), every catalogue key is used (an orphan fails), no key is built at run
time (``"inc_pays_" + call`` defeats both checks, so it fails too), and no word carries markup
(the page's templates say what a name in bold or a command looks like).

A key is *used* when it appears as a string literal in the package outside the catalogues (a
``t("key", ...)`` call, or a mapping such as ``{"active": "status_active"}`` a call reads); a
literal in a key's namespace (``sec_``, ``kpi_``, …) that is no key is a key the catalogue lacks.
"""

from __future__ import annotations

import ast
import re
from pathlib import Path

import pytest

import siyu_sim
from siyu_sim import words

PACKAGE = Path(siyu_sim.__file__).parent
#: The catalogues (their keys are defined there, not used).
WORDS = PACKAGE / "words"
#: Prefixes only word keys have: a literal that starts with one and has a key's shape is a key.
NAMESPACES = ("app_", "asm_", "axis_", "backend_", "cal_", "calib_", "cfo_", "col_", "dask_", "err_", "funnel_", "inc_",
              "kpi_", "opt_", "panel_", "paired_", "progress_", "q_", "sec_", "sw_", "verdict_", "why_", "xl_")
KEY_SHAPE = re.compile(r"^[a-z][a-z0-9]*(_[a-z0-9]+)+$")
#: The functions that look a key up.
LOOKUPS = {"t", "rich"}


def _sources() -> dict[Path, ast.Module]:
    return {p: ast.parse(p.read_text(encoding="utf-8"), str(p)) for p in sorted(PACKAGE.rglob("*.py"))
            if WORDS not in p.parents}


def _literals(trees) -> set[str]:
    return {n.value for tree in trees for n in ast.walk(tree)
            if isinstance(n, ast.Constant) and isinstance(n.value, str)}


def _lookup_calls(trees):
    for path, tree in trees.items():
        for node in ast.walk(tree):
            if isinstance(node, ast.Call) and node.args:
                name = node.func.attr if isinstance(node.func, ast.Attribute) else getattr(node.func, "id", None)
                if name in LOOKUPS:
                    yield path, node


def _built(node: ast.AST) -> bool:
    """Whether an expression builds a string at run time (an f-string or a concatenation)."""
    if isinstance(node, ast.IfExp):
        return _built(node.body) or _built(node.orelse)
    return isinstance(node, ast.JoinedStr) or (isinstance(node, ast.BinOp) and isinstance(node.op, ast.Add))


def _literal_keys(node: ast.AST) -> list[str]:
    if isinstance(node, ast.IfExp):
        return _literal_keys(node.body) + _literal_keys(node.orelse)
    return [node.value] if isinstance(node, ast.Constant) and isinstance(node.value, str) else []


def _where(path: Path, node: ast.AST) -> str:
    return f"{path.relative_to(PACKAGE.parent)}:{node.lineno}"


@pytest.fixture(scope="module")
def trees():
    return _sources()


def test_every_key_in_a_lookup_is_in_the_catalogue(trees):
    missing = [f"{_where(p, n)}: {k}" for p, n in _lookup_calls(trees) for k in _literal_keys(n.args[0])
               if k not in words.TEXT]
    assert not missing, "keys the catalogue lacks:\n" + "\n".join(missing)


def test_no_key_is_built_at_run_time(trees):
    """A lookup of a computed key, or a key's prefix or suffix glued on, hides the key from
    these checks: use the key itself, or a mapping of keys."""
    built = [_where(p, n) for p, n in _lookup_calls(trees) if _built(n.args[0])]
    for path, tree in trees.items():
        for node in ast.walk(tree):
            if isinstance(node, ast.JoinedStr) and node.values and isinstance(node.values[0], ast.Constant) \
                    and str(node.values[0].value).startswith(NAMESPACES):
                built.append(_where(path, node))
            elif isinstance(node, ast.BinOp) and isinstance(node.op, ast.Add) \
                    and isinstance(node.left, ast.Constant) and str(node.left.value).startswith(NAMESPACES):
                built.append(_where(path, node))
            elif isinstance(node, ast.AugAssign) and isinstance(node.op, ast.Add) \
                    and isinstance(node.value, ast.Constant) and re.fullmatch(r"_[a-z0-9_]+", str(node.value.value)):
                built.append(_where(path, node))  # key += "_loses"
    assert not built, "keys built at run time:\n" + "\n".join(built)


def test_every_key_named_anywhere_is_in_the_catalogue(trees):
    """A key kept in a mapping (``FUNNEL_STEPS``, ``MONTHLY_COLUMNS``) and read by a lookup later."""
    unknown = sorted(s for s in _literals(trees.values())
                     if s.startswith(NAMESPACES) and KEY_SHAPE.match(s) and s not in words.TEXT)
    assert not unknown, f"keys the catalogue lacks: {unknown}"


def test_every_catalogue_key_is_used(trees):
    orphans = sorted(set(words.TEXT) - _literals(trees.values()))
    assert not orphans, f"words no code uses (remove them, or use them): {orphans}"


def test_every_key_has_both_languages():
    for key, entry in words.TEXT.items():
        assert set(entry) == set(words.LANGS), key
        assert all(entry[lang].strip() for lang in words.LANGS), f"{key}: an empty sentence"


def _catalogue_words():
    for name in ("TEXT", "SCENARIO_LABELS", "SCENARIO_DESCRIPTIONS", "SEGMENT_LABELS", "OBSERVED_LABELS",
                 "EXPERIMENT_DESCRIPTIONS"):
        for key, entry in getattr(words, name).items():
            for lang, text in entry.items():
                yield f"{name}[{key!r}][{lang}]", text
    from siyu_sim.words.settings import SETTING_LABELS
    from siyu_sim.words.setting_descriptions import SETTING_DESCRIPTIONS
    from siyu_sim.words.settings import SETTING_UNITS

    for name, table in (("SETTING_LABELS", SETTING_LABELS), ("SETTING_DESCRIPTIONS", SETTING_DESCRIPTIONS),
                        ("SETTING_UNITS", SETTING_UNITS)):
        for key, entry in table.items():
            for lang, text in entry.items():
                yield f"{name}[{key!r}][{lang}]", text
    for i, entry in enumerate(words.KEY_ASSUMPTIONS):
        for lang, text in entry.items():
            yield f"KEY_ASSUMPTIONS[{i}][{lang}]", text


def test_no_word_carries_markup():
    """Words are plain text: a tag or an entity in a catalogue would be escaped on the page (or,
    unescaped, would be HTML written by a translator)."""
    marked = [where for where, text in _catalogue_words() if re.search(r"</?[a-zA-Z][^>]*>|&[a-z]+;|&#", text)]
    assert not marked, f"markup in words: {marked}"


def test_the_checks_see_what_they_are_meant_to_see():
    """The checks on source that this module makes find a built key, an unknown key and an
    orphan when there is one (so a pass above means something)."""
    bad = ast.parse('t("sec_" + part, lang)\nt(f"kpi_{x}", lang)\nkey += "_loses"\n'
                    'WORDS = {"a": "sec_no_such_section"}\nt("nope_key", lang)\n')
    trees = {PACKAGE / "fake.py": bad}
    assert len([1 for _, n in _lookup_calls(trees) if _built(n.args[0])]) == 2
    assert [k for _, n in _lookup_calls(trees) for k in _literal_keys(n.args[0])] == ["nope_key"]
    assert "sec_no_such_section" in _literals(trees.values())
    assert "sec_summary" not in _literals(trees.values())  # an orphan, had this been the package


def test_every_check_across_keys_is_said_in_every_language_with_the_same_fields():
    """A scenario's checks across keys (params.CHECK_TEXT, English beside the checks) have their
    words in every other language (words.CHECK_WORDS), filled by the same fields."""
    import string

    from siyu_sim.params import CHECK_TEXT

    def fields(text: str) -> set[str]:
        return {name for _, name, _, _ in string.Formatter().parse(text) if name}

    assert set(words.CHECK_WORDS) == set(CHECK_TEXT)
    for key, english in CHECK_TEXT.items():
        assert set(words.CHECK_WORDS[key]) == set(words.LANGS) - {"en"}, key
        for text in words.CHECK_WORDS[key].values():
            assert fields(text) == fields(english), key
