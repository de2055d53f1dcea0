"""Debian's headless Chromium for the browser tests (and benchmarks/app_timing.py), driven by
playwright's Python package: never a downloaded browser. One path, one set of launch flags."""

from __future__ import annotations

from pathlib import Path

CHROMIUM = Path("/usr/bin/chromium")
MISSING = "no /usr/bin/chromium: apt-get install -y chromium fonts-wqy-microhei"
ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking"]


def launch(playwright):
    """A headless Chromium browser from a ``sync_playwright()`` context."""
    return playwright.chromium.launch(executable_path=str(CHROMIUM), args=ARGS)
