"""How long the live app takes to answer, end to end (docs/app.md): `siyu app` at 10,000 customers
× 365 days, broadcasts per day changed in headless Chromium, until the headline changes; then
"How sure?" pressed (40 draws, the meeting's default) until its answer is drawn, with a lever
changed while it weighs; then the screenshot of docs/app.png (nurture at two broadcasts a day
against harvest).

    python -m benchmarks.app_timing [--screenshot docs/app.png] [--draws 40] [--no-how-sure]

Timings depend on the machine and its load: read them beside the load average it prints.
"""

from __future__ import annotations

import argparse
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "tests"))

from app_process import SIYU, free_port, wait_for_url  # noqa: E402  (the tests' own way to start the app)
from chromium import launch  # noqa: E402
from test_app_browser import headline, set_control, sync_api, wait_ready  # noqa: E402

WEIGH_TIMEOUT_MS = 1_800_000


def main(argv: list[str] | None = None) -> None:
    ap = argparse.ArgumentParser(prog="python -m benchmarks.app_timing", description=__doc__,
                                 formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--screenshot", type=Path, default=None, help="where to save the screenshot (none by default)")
    ap.add_argument("--draws", type=int, default=40, help="draws How sure? weighs (default: the app's, 40)")
    ap.add_argument("--no-how-sure", action="store_true", help="skip timing How sure?")
    a = ap.parse_args(argv)
    print(f"load average before: {os.getloadavg()[0]:.2f}")
    port = free_port()
    with tempfile.TemporaryDirectory() as folder:
        log = Path(folder) / "app.log"
        with open(log, "w", encoding="utf-8") as out:
            proc = subprocess.Popen([SIYU, "app", "--port", str(port), "--no-browser", "--draws", str(a.draws),
                                     "--save-dir", folder], stdout=out, stderr=subprocess.STDOUT, text=True)
        url = f"http://127.0.0.1:{port}/"
        try:
            wait_for_url(url + "favicon.ico", proc, log)  # served without starting a page's runs
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
                    print(f"frequency {f}: headline updated after {time.perf_counter() - t:.2f} s "
                          "(incl. 0.3 s debounce)")
                    print("  status:", page.locator(".status .ready").inner_text())
                if not a.no_how_sure:
                    t = time.perf_counter()
                    page.locator(".how-sure-button button").click()
                    sync_api.expect(page.locator(".how-sure-status")).to_contain_text("Weighing")
                    before, lever = headline(page), time.perf_counter()
                    set_control(page, "levers.broadcast.content_quality", 0.7)  # while it weighs
                    wait_ready(page, not_added=before)
                    print(f"a lever while weighing: headline updated after {time.perf_counter() - lever:.2f} s")
                    set_control(page, "levers.broadcast.content_quality", 0.8)  # back to the values weighed
                    sync_api.expect(page.locator(".how-sure-chart .js-plotly-plot")).to_be_visible(
                        timeout=WEIGH_TIMEOUT_MS)
                    print(f"How sure? ({a.draws} draws): answer drawn after {time.perf_counter() - t:.1f} s")
                if a.screenshot is not None:
                    page.screenshot(path=str(a.screenshot), full_page=False)
                    print(f"screenshot: {a.screenshot}")
                b.close()
        finally:
            proc.terminate()
            proc.wait()


if __name__ == "__main__":
    main()
