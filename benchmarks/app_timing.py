"""How long the live app takes to answer, end to end (docs/app.md): `siyu app` at 10,000 customers
× 365 days, broadcasts per day changed in headless Chromium, until the headline changes; then
the screenshot of docs/app.png (nurture at two broadcasts a day against harvest).

    python -m benchmarks.app_timing [--screenshot docs/app.png]

Timings depend on the machine and its load: read them beside the load average it prints.
"""

from __future__ import annotations

import argparse
import os
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "tests"))

from chromium import launch  # noqa: E402  (the browser tests' own helpers: one way to drive the app)
from test_app_browser import (  # noqa: E402
    SIYU, free_port, headline, set_control, sync_api, wait_for_url, wait_ready,
)


def main(argv: list[str] | None = None) -> None:
    ap = argparse.ArgumentParser(prog="python -m benchmarks.app_timing", description=__doc__,
                                 formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--screenshot", type=Path, default=None, help="where to save the screenshot (none by default)")
    a = ap.parse_args(argv)
    print(f"load average before: {os.getloadavg()[0]:.2f}")
    port = free_port()
    proc = subprocess.Popen([SIYU, "app", "--port", str(port), "--no-browser"], stdout=subprocess.PIPE,
                            stderr=subprocess.STDOUT, text=True)
    url = f"http://127.0.0.1:{port}/"
    try:
        wait_for_url(url, proc)
        with sync_api.sync_playwright() as p:
            b = launch(p)
            page = b.new_page(viewport={"width": 1500, "height": 1000})
            t = time.perf_counter()
            page.goto(url)
            wait_ready(page)
            print(f"first screen: {time.perf_counter() - t:.2f} s")
            for f in (3, 0.5, 6, 2):
                before = headline(page)
                t = time.perf_counter()
                set_control(page, "levers.broadcast.frequency_per_day", f)
                wait_ready(page, not_added=before)
                print(f"frequency {f}: headline updated after {time.perf_counter() - t:.2f} s (incl. 0.3 s debounce)")
                print("  status:", page.locator(".status .ready").inner_text())
            if a.screenshot is not None:
                page.screenshot(path=str(a.screenshot), full_page=False)
                print(f"screenshot: {a.screenshot}")
            b.close()
    finally:
        proc.terminate()
        proc.wait()


if __name__ == "__main__":
    main()
