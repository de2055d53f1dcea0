"""Debian's headless Chromium for the browser tests (and benchmarks/app_timing.py), driven by
playwright's Python package: never a downloaded browser. One path, one set of launch flags."""

from __future__ import annotations

import os
import tempfile
from pathlib import Path

CHROMIUM = Path("/usr/bin/chromium")
#: Where the browser tests leave screenshots for a person to look at: $SIYU_TEST_ARTIFACTS, else
#: a folder under the system's temporary folder (never the checkout: tests write nothing there).
ARTIFACTS = Path(os.environ.get("SIYU_TEST_ARTIFACTS") or Path(tempfile.gettempdir()) / "siyu_sim-test-artifacts")
MISSING = "no /usr/bin/chromium: apt-get install -y chromium fonts-wqy-microhei"
ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking"]


def launch(playwright):
    """A headless Chromium browser from a ``sync_playwright()`` context."""
    return playwright.chromium.launch(executable_path=str(CHROMIUM), args=ARGS)
