"""The layers of docs/architecture.md, checked on the source: which way imports run, no
import cycles.

Imports are read with ``ast`` from every module of the package: function-level imports count,
imports under ``if TYPE_CHECKING:`` are type-only and do not. Importing ``a.b.c`` runs
``a/b/__init__`` first, so it counts as importing the package ``a.b`` too.
"""

from __future__ import annotations

import ast
import sys
from pathlib import Path

import pytest

PACKAGE = Path(__file__).resolve().parents[1] / "siyu_sim"

#: Layer of each part of the package, lowest first: a module may import its own layer and
#: those below it, never one above. Modules at the package root are the model core.
LAYERS = {
    "rules": 0,  # pure behavioural rules
    "core": 1,  # the model: package-root modules and levers/
    "levers": 1,
    "kernel": 1,  # the compiled day kernel (numba): part of the core
    "config": 2,  # scenario and experiment files
    "words": 2,  # every user-facing word and number format
    "runs": 3,  # the one run pipeline: simulate, its result, provenance and folder, the run cache
    "experiments": 3,  # run lists, backends, the results store
    "compare": 4,  # the compare workflow and its tables
    "calibration": 4,  # fitting scenarios to observed data
    "uncertainty": 4,  # the verdict under uncertainty: strategies weighed across uncertain assumptions
    "discovery": 4,  # scenario discovery: where, among a sweep's worlds, a condition holds
    "optimise": 4,  # the search for the best plan: levers searched with Optuna on the sweeps' backends
    "report": 5,  # HTML reports
    "app": 6,  # the live what-if app (a web page on localhost)
    "cli": 7,  # the terminal: nothing imports it
}


def _module(path: Path) -> str:
    parts = path.relative_to(PACKAGE.parent).with_suffix("").parts
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def _is_type_checking(node: ast.If) -> bool:
    test = node.test
    return (isinstance(test, ast.Name) and test.id == "TYPE_CHECKING") or (
        isinstance(test, ast.Attribute) and test.attr == "TYPE_CHECKING")


def _imports(path: Path, modules: set[str]) -> set[str]:
    """The package's modules that ``path`` imports at run time."""
    name = _module(path)
    package = name if path.name == "__init__.py" else name.rsplit(".", 1)[0]
    found: set[str] = set()

    def visit(node: ast.AST) -> None:
        if isinstance(node, ast.If) and _is_type_checking(node):
            for child in node.orelse:
                visit(child)
            return
        if isinstance(node, ast.ImportFrom):
            base = node.module or ""
            if node.level:
                anchor = package.split(".")[: len(package.split(".")) - node.level + 1]
                base = ".".join(anchor + ([base] if base else []))
            for alias in node.names:  # `from . import presets` imports a module
                target = f"{base}.{alias.name}"
                found.add(target if target in modules else base)
        elif isinstance(node, ast.Import):
            found.update(alias.name for alias in node.names)
        for child in ast.iter_child_nodes(node):
            visit(child)

    visit(ast.parse(path.read_text(encoding="utf-8")))
    parents = {".".join(m.split(".")[:i]) for m in found for i in range(1, m.count(".") + 1)}
    found |= {p for p in parents if not name.startswith(p + ".")}  # our own packages run already
    return {m for m in found if m in modules and m != name}


def _graph() -> dict[str, set[str]]:
    files = {_module(p): p for p in PACKAGE.rglob("*.py")}
    return {name: _imports(path, set(files)) for name, path in files.items()}


def _layer(module: str) -> int | None:
    """None for the package itself, whose public face imports whatever it exports."""
    parts = module.split(".")
    if len(parts) == 1:
        return None
    return LAYERS.get(parts[1], LAYERS["core"]) if (PACKAGE / parts[1]).is_dir() else LAYERS["core"]


def _cycle_through(graph: dict[str, set[str]], start: str) -> list[str] | None:
    """A path start → … → start, or None. A package's __init__ importing its own modules is
    not a cycle by itself: an edge from a module into its own package is left out."""
    stack, seen = [(start, [start])], set()
    while stack:
        node, path = stack.pop()
        for nxt in graph.get(node, ()):
            if node.startswith(nxt + "."):
                continue
            if nxt == start:
                return path + [nxt]
            if nxt not in seen:
                seen.add(nxt)
                stack.append((nxt, path + [nxt]))
    return None


def test_every_folder_has_a_layer():
    folders = {p.name for p in PACKAGE.iterdir() if (p / "__init__.py").exists()}
    assert folders <= set(LAYERS), f"give {sorted(folders - set(LAYERS))} a layer (docs/architecture.md)"


def test_imports_run_downwards():
    wrong = []
    for module, imported in _graph().items():
        here = _layer(module)
        for other in imported:
            there = _layer(other)
            if here is not None and (there is None or there > here):
                wrong.append(f"{module} imports {other}")
    assert not wrong, "imports against the layers:\n" + "\n".join(sorted(wrong))


def _absolute_import_roots(path):
    """The top-level names each absolute import in ``path`` reaches, one set per import."""
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            yield {a.name.split(".")[0] for a in node.names}
        elif isinstance(node, ast.ImportFrom) and not node.level:
            yield {(node.module or "").split(".")[0]}


def test_rules_are_pure():
    """Rules import numpy, pydantic (their parameter types) and the standard library, nothing of
    ours outside rules/ (DESIGN: pure element-wise functions)."""
    for path in (PACKAGE / "rules").glob("*.py"):
        for roots in _absolute_import_roots(path):
            assert roots <= {"numpy", "pydantic"} | set(sys.stdlib_module_names), \
                f"rules/{path.name} imports {sorted(roots)}"


def test_words_import_nothing_of_the_model():
    """Words are data: the catalogues and number formats import nothing of ours outside words/
    (a horizon in months, a column's label: report/labels.py, which may read the model)."""
    wrong = [f"{module} imports {other}" for module, imported in _graph().items()
             if module.startswith("siyu_sim.words") for other in imported
             if not other.startswith("siyu_sim.words") and other != "siyu_sim"]
    assert not wrong, "\n".join(sorted(wrong))


def test_the_package_needs_nothing_beside_it():
    """The code beside the package (the CDNOW validation, benchmarks, tests, docs' figures) is
    not installed: nothing in the package may import it."""
    beside = {p.name for p in PACKAGE.parent.iterdir() if p.is_dir() and p.name != PACKAGE.name}
    assert "validation" in beside and "benchmarks" in beside
    for path in PACKAGE.rglob("*.py"):
        for roots in _absolute_import_roots(path):
            assert not roots & beside, f"{path.relative_to(PACKAGE.parent)} imports {sorted(roots & beside)}"


def test_no_import_cycle_anywhere():
    graph = _graph()
    for name in graph:
        cycle = _cycle_through(graph, name)
        assert cycle is None, " → ".join(cycle)


def test_the_checks_find_what_they_look_for():
    graph = {"a": {"b"}, "b": {"c"}, "c": {"a"}, "d": {"a"}}
    assert _cycle_through(graph, "a") == ["a", "b", "c", "a"]
    assert _cycle_through(graph, "d") is None
    assert _layer("siyu_sim.cli.core_commands") > _layer("siyu_sim.report.html") > _layer("siyu_sim.model")
