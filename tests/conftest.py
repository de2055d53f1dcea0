"""Fixtures shared by several test modules, and where test runs keep their caches: outside
the checkout, so that `git status --ignored` is clean after the suite (pytest's own cache:
pyproject.toml; screenshots: chromium.ARTIFACTS; everything else a test writes: tmp_path)."""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis.configuration import set_hypothesis_home_dir

from chromium import launch

set_hypothesis_home_dir(Path.home() / ".cache" / "siyu_sim" / "hypothesis")  # its examples and caches


@pytest.fixture(autouse=True)
def _kept_runs(tmp_path, monkeypatch):
    """Each test's kept runs (``siyu compare`` keeps every finished run) in its own folder: not in the
    user's cache, and never read by another test."""
    monkeypatch.setenv("SIYU_RUNS_DIR", str(tmp_path / "kept_runs"))


@pytest.fixture(scope="module")
def browser():
    """One headless Chromium per test module (skips without playwright's Python package)."""
    sync_api = pytest.importorskip("playwright.sync_api", reason="pip install playwright (no browser download)")
    with sync_api.sync_playwright() as p:
        b = launch(p)
        yield b
        b.close()
