"""Pages are templates: every report and the app's panes are drawn by Jinja2 templates with
autoescape, no HTML is written or escaped by hand in the Python of report/ and app/, and the
templates, style sheets and scripts ship as package files (a wheel built from pyproject.toml
holds them: checked here on the package-data globs; a non-editable install was checked by hand,
docs/architecture.md)."""

from __future__ import annotations

import ast
import fnmatch
import re
import tomllib
from pathlib import Path

import pytest

import siyu_sim
from siyu_sim import Scenario, presets
from siyu_sim.compare import compare
from siyu_sim.report import report_comparison

PACKAGE = Path(siyu_sim.__file__).parent
ROOT = PACKAGE.parent
#: Plotly's own text markup in a chart's hover template (not the page's HTML).
PLOTLY_MARKUP = {"br", "extra"}
HTML_TAGS = ("a b body br code details div em footer h1 h2 h3 h4 h5 h6 head header hr html i img li link main meta "
             "nav ol p pre progress script section small span strong style sub summary sup table tbody td th thead "
             "title tr u ul wbr").split()
TAG = re.compile(r"</?(" + "|".join(HTML_TAGS) + r")\b[^<>]*>", re.I)


def _small(name: str, **changes) -> Scenario:
    data = presets.load(name).to_dict()
    data.update(days=20, **changes)
    data["population"]["customers"] = 150
    return Scenario.from_dict(data)


def test_what_a_file_says_is_escaped_on_the_page(tmp_path):
    """A scenario's own words (its description, shown in the settings and in its file) reach the
    page as text: a script in them would run in the client's browser."""
    evil = "<script>alert('pwned')</script> & <b>bold</b>"
    result = compare([_small("nurture", description=evil), _small("harvest")], reps=1)
    page = report_comparison(result, tmp_path / "r.html", meta={"version": "t", "date": "2025-01-02"})
    html = page.read_text(encoding="utf-8")
    assert "<script>alert" not in html and "<b>bold</b>" not in html
    assert "&lt;script&gt;alert(&#39;pwned&#39;)&lt;/script&gt; &amp; &lt;b&gt;bold&lt;/b&gt;" in html


def test_the_app_panes_escape_what_they_show():
    from siyu_sim.app.answers import pane

    drawn = pane("refused", "Not run: <these> values.", ['levers.x = "<img src=x onerror=alert(1)>"'])
    assert "<img" not in drawn and "&lt;img src=x onerror=alert(1)&gt;" in drawn
    assert pane("status", "ready", "Up to date & <done>", 100) == \
        '<p class="ready">Up to date &amp; &lt;done&gt;</p><progress max="100" value="100"></progress>'


def _python(folder: str):
    for path in sorted((PACKAGE / folder).rglob("*.py")):
        yield path, ast.parse(path.read_text(encoding="utf-8"))


@pytest.mark.parametrize("folder", ["report", "app"])
def test_no_html_is_written_in_python(folder):
    """Markup is the templates' (``report/templates``, ``app/templates``): a string with an HTML
    tag in the Python of report/ or app/ fails, but for Plotly's hover markup (<br>, <extra>)
    and docstrings."""
    found = []
    for path, tree in _python(folder):
        for node in ast.walk(tree):
            if isinstance(node, ast.Constant) and isinstance(node.value, str):
                tags = {m.lower() for m in TAG.findall(node.value)} - PLOTLY_MARKUP
                if tags and not _docstring(tree, node):
                    found.append(f"{path.relative_to(ROOT)}:{node.lineno}: {sorted(tags)}")
    assert not found, "HTML written in Python:\n" + "\n".join(found)


def _docstring(tree: ast.Module, node: ast.Constant) -> bool:
    for owner in ast.walk(tree):
        if isinstance(owner, (ast.Module, ast.FunctionDef, ast.ClassDef, ast.AsyncFunctionDef)) and owner.body:
            first = owner.body[0]
            if isinstance(first, ast.Expr) and first.value is node:
                return True
    return False


@pytest.mark.parametrize("folder", ["report", "app", "words"])
def test_nothing_is_escaped_by_hand(folder):
    """Escaping is the templates' autoescape: no html.escape or markupsafe.escape of our own."""
    calls = []
    for path, tree in _python(folder):
        for node in ast.walk(tree):
            if isinstance(node, (ast.Import, ast.ImportFrom)):
                names = [a.name for a in node.names]
                if (getattr(node, "module", None) in ("html", "markupsafe") and "escape" in names) \
                        or "html" in names:
                    calls.append(f"{path.relative_to(ROOT)}:{node.lineno}")
            if isinstance(node, ast.Call):
                name = node.func.attr if isinstance(node.func, ast.Attribute) else getattr(node.func, "id", "")
                if name in ("escape", "esc"):
                    calls.append(f"{path.relative_to(ROOT)}:{node.lineno}")
    assert not calls, f"escaping by hand: {calls}"


def _package_data() -> dict[str, list[str]]:
    return tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["tool"]["setuptools"]["package-data"]


def test_every_template_style_sheet_and_script_is_package_data():
    """A file of the package that is not Python ships only if pyproject.toml's package-data
    names it: a template added in a new folder, or a glob narrowed, fails here."""
    globs = [(package.replace(".", "/"), pattern) for package, patterns in _package_data().items()
             for pattern in patterns]
    unshipped = []
    for path in PACKAGE.rglob("*"):
        if path.is_dir() or path.suffix in (".py", ".pyc") or "__pycache__" in path.parts:
            continue
        rel = path.relative_to(ROOT).as_posix()
        if not any(fnmatch.fnmatch(rel, f"{pkg}/{pattern}") and rel.count("/") == f"{pkg}/{pattern}".count("/")
                   for pkg, pattern in globs):
            unshipped.append(rel)
    assert not unshipped, f"files a wheel would not ship: {unshipped}"
    assert list((PACKAGE / "report" / "templates").glob("*.j2")) and list((PACKAGE / "app" / "templates").glob("*"))


def test_a_template_that_names_what_it_is_not_given_fails():
    """StrictUndefined: a misspelt variable in a template is an error, not an empty page part."""
    import jinja2

    from siyu_sim.report.html import ENV

    with pytest.raises(jinja2.UndefinedError):
        ENV.from_string("{{ nothing_given }}").render()
