"""Fixtures shared by several test modules."""

from __future__ import annotations

import pytest

from chromium import launch


@pytest.fixture(scope="module")
def browser():
    """One headless Chromium per test module (skips without playwright's Python package)."""
    sync_api = pytest.importorskip("playwright.sync_api", reason="pip install playwright (no browser download)")
    with sync_api.sync_playwright() as p:
        b = launch(p)
        yield b
        b.close()
