"""Regenerate "Real customers: CDNOW" in docs/validation.md: fit the model to the cohort's
weeks 1–39, pin the fit, print the tables, draw the figure.

    OPENBLAS_NUM_THREADS=1 python docs/figures/cdnow.py --trials 150     # fit (about 10 min), pin, draw
    OPENBLAS_NUM_THREADS=1 python docs/figures/cdnow.py --pinned         # re-simulate the pinned fit, draw

Writes tests/data/cdnow_fit.toml (the fitted parameters and the errors they give, which
tests/test_cdnow.py re-simulates) and docs/figures/cdnow.png (a plotly figure rendered by
headless Chromium: Debian's ``chromium`` driven by playwright, no browser download).
One BLAS thread: the model's daily bookkeeping does many small dot products, which
multi-threaded BLAS slows down on a busy machine (docs/performance.md).
"""

from __future__ import annotations

import argparse
import os
import shutil
import sys
import tempfile
import time
import tomllib
from pathlib import Path

os.environ.setdefault("OPENBLAS_NUM_THREADS", "1")
ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))  # the validation code beside the package (validation/)

import tomli_w  # noqa: E402

from validation import cohort_compare, cohort_model  # noqa: E402
from validation.cohort import read_cohort  # noqa: E402

DATA = ROOT / "tests" / "data" / "cdnow.csv.gz"
PINNED = ROOT / "tests" / "data" / "cdnow_fit.toml"
PNG = ROOT / "docs" / "figures" / "cdnow.png"
FIT_WEEKS, WEEKS = 39, 78


def figure(c: cohort_compare.CohortComparison):
    import plotly.graph_objects as go
    from plotly.subplots import make_subplots

    fig = make_subplots(rows=1, cols=3, subplot_titles=(
        "Weekly repeat transactions", "Cumulative repeat transactions",
        f"Repeat purchases per customer, weeks 1–{c.fit_weeks}"), horizontal_spacing=0.07)
    styles = {"actual": ("actual (CDNOW)", "black", "solid"), "model": ("siyu_sim model", "#d62728", "solid"),
              "bgnbd": ("BG/NBD", "#1f77b4", "dash")}
    cum = c.cumulative
    for name, (label, colour, dash) in styles.items():
        for col, frame in ((1, c.weekly), (2, cum)):
            fig.add_trace(go.Scatter(x=frame["week"], y=frame[name], name=label, legendgroup=name,
                                     showlegend=col == 1, line={"color": colour, "dash": dash}), row=1, col=col)
        fig.add_trace(go.Bar(x=c.histogram["repeats"], y=c.histogram[name], name=label, legendgroup=name,
                             showlegend=False, marker_color=colour), row=1, col=3)
    for col in (1, 2):
        fig.add_vline(x=c.fit_weeks + 0.5, line_dash="dot", line_color="grey", row=1, col=col)
        fig.update_xaxes(title_text="week (1 = first week of January 1997)", row=1, col=col)
    fig.update_xaxes(title_text="repeat purchases", row=1, col=3)
    fig.update_layout(width=1500, height=480, barmode="group", template="plotly_white",
                      title="CDNOW cohort (23,570 customers): fitted on weeks 1–39, forecast weeks 40–78",
                      legend={"orientation": "h", "y": -0.18})
    return fig


def render_png(fig, path: Path) -> None:
    from playwright.sync_api import sync_playwright

    with tempfile.TemporaryDirectory() as tmp:
        html = Path(tmp) / "figure.html"
        fig.write_html(html, include_plotlyjs=True, full_html=True)
        with sync_playwright() as p:
            browser = p.chromium.launch(executable_path=shutil.which("chromium"),
                                        args=["--no-sandbox", "--disable-gpu"])
            page = browser.new_page(viewport={"width": 1520, "height": 500})
            page.goto(html.as_uri())
            page.wait_for_selector(".main-svg")
            page.locator(".plotly-graph-div").screenshot(path=str(path))
            browser.close()


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--trials", type=int, default=150)
    ap.add_argument("--seed", type=int, default=0)
    ap.add_argument("--pinned", action="store_true", help="use tests/data/cdnow_fit.toml, no fit")
    ap.add_argument("--sample", action="store_true", help="the paper's 1/10 sample instead of the full cohort")
    ap.add_argument("--segments", type=int, default=2, help="segments fitted (2 to 4)")
    ap.add_argument("--toml", type=Path, default=PINNED, help="where the fit is pinned (and read by --pinned)")
    ap.add_argument("--png", type=Path, default=PNG, help="where the figure goes")
    ap.add_argument("--start", type=Path, default=None,
                    help="a pinned TOML whose parameters are the first trial (a warm start; keys missing "
                         "from it start at their range's middle)")
    args = ap.parse_args()
    cohort = read_cohort(DATA, sample_only=args.sample)
    if args.pinned:
        pinned = tomllib.loads(args.toml.read_text(encoding="utf-8"))
        params, seed, header = pinned["params"], pinned["seed"], None
    else:
        started = time.monotonic()
        space = cohort_model.space(args.segments)
        start = None
        if args.start is not None:
            given = tomllib.loads(args.start.read_text(encoding="utf-8"))["params"]
            start = {k: given.get(k, cohort_model.middle(lo, hi, log)) for k, (lo, hi, log) in space.items()}
        result = cohort_model.fit(cohort, fit_weeks=FIT_WEEKS, days=WEEKS * 7, trials=args.trials, seed=args.seed,
                                  space=space, start=start,
                                  progress=lambda i, v: print(f"trial {i}: loss {v:.4f}", file=sys.stderr))
        params, seed = result.params, args.seed
        header = {"segments": args.segments, "trials": args.trials, "loss": result.loss, "minutes": (time.monotonic() - started) / 60}
    comparison = cohort_compare.compare_on_cohort(cohort, params, fit_weeks=FIT_WEEKS, weeks=WEEKS, seeds=(seed,))
    print(cohort_compare.comparison_markdown(comparison))
    print(comparison.bgnbd)
    if header is not None and not args.sample:
        errors = comparison.errors()
        args.toml.write_text(
            "# The model fitted to the CDNOW cohort's weeks 1-39 (23,570 customers), pinned for\n"
            "# tests/test_cdnow.py. Regenerate: OPENBLAS_NUM_THREADS=1 python docs/figures/cdnow.py "
            f"--trials {args.trials}" + (f" --segments {args.segments}" if args.segments != 2 else "") + "\n" + tomli_w.dumps({
                "cohort": "full", "fit_weeks": FIT_WEEKS, "weeks": WEEKS, "seed": seed, **header,
                "params": params,
                "errors": {name: {k: float(v) for k, v in row.items()} for name, row in errors.iterrows()}}),
            encoding="utf-8")
    if not args.sample:
        render_png(figure(comparison), args.png)
        print(f"wrote {args.toml if header else ''} {args.png}", file=sys.stderr)


if __name__ == "__main__":
    main()
