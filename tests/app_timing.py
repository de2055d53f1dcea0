"""How long the live app takes to answer, end to end (docs/app.md): `siyu app` at 10,000 customers
× 365 days, broadcasts per day changed in headless Chromium, until the headline changes.
Run: python tests/app_timing.py (not a test: timings depend on the machine)."""
import subprocess, sys, time
from pathlib import Path
sys.path.insert(0, str(Path(__file__).parent))
from test_app_browser import SIYU, free_port, wait_for_url, set_control, headline, wait_ready, sync_api, CHROMIUM
port = free_port()
proc = subprocess.Popen([SIYU, "app", "--port", str(port), "--no-browser"], stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
url = f"http://127.0.0.1:{port}/"
try:
    wait_for_url(url, proc)
    with sync_api.sync_playwright() as p:
        b = p.chromium.launch(executable_path=str(CHROMIUM), args=["--no-sandbox","--disable-gpu","--disable-background-networking"])
        page = b.new_page(viewport={"width": 1500, "height": 1000})
        t = time.perf_counter(); page.goto(url); wait_ready(page); print(f"first screen: {time.perf_counter()-t:.2f} s")
        for f in (2, 3, 0.5, 6):
            before = headline(page)
            t = time.perf_counter(); set_control(page, "levers.broadcast.frequency_per_day", f)
            wait_ready(page, not_added=before); print(f"frequency {f}: headline updated after {time.perf_counter()-t:.2f} s (incl. 0.3 s debounce)")
            print("  status:", page.locator(".status .ready").inner_text())
        b.close()
finally:
    proc.terminate(); proc.wait()
