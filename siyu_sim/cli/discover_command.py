"""``siyu discover``: where, among the worlds a sweep ran, a condition holds (scenario discovery:
PRIM and CART boxes of the uncertain assumptions, and of the levers when asked).

Exit codes: 0 done; 1 the folder or the condition cannot be used; 2 wrong usage.
"""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from ..words import t
from .app import app
from .core_commands import Lang
from .outputs import checked, error, writing
from .terminal import _status


@app.command("discover")
def discover_command(
    results_dir: Annotated[Path, typer.Argument(
        metavar="RESULTS_DIR", help="Results folder written by `siyu sweep`.", show_default=False)],
    where: Annotated[str, typer.Option(
        "--where", help="The condition, over the outcomes at the horizon: a scenario's as "
        "scenario.metric (nurture.cum_incremental_profit), with one scenario the metric alone; "
        "payback_month is the month the added profit pays back (inf: never).", show_default=False)],
    levers: Annotated[bool, typer.Option(
        "--levers", help="Let the boxes restrict the levers too, not only the uncertain assumptions.")] = False,
    min_density: Annotated[float, typer.Option(
        "--min-density", min=0.05, max=1.0, help="The PRIM box reported: the greatest coverage with at least "
        "this density.")] = 0.8,
    report: Annotated[Path | None, typer.Option(
        "--report", metavar="FILE", help="Also write an HTML report (the trajectory, the box, the leaves).")] = None,
    csv: Annotated[bool, typer.Option(
        "--csv", help="Write the cases (with the condition), the trajectory and the boxes as CSV under "
        "RESULTS_DIR/_export/.")] = False,
    lang: Annotated[Lang, typer.Option("--lang", help="en or zh (中文).")] = Lang.en,
    quiet: Annotated[bool, typer.Option("--quiet", "-q", help="No status messages.")] = False,
) -> None:
    """Where does it hold? Find the boxes of the uncertain assumptions (and, with --levers, the
    levers) in which a condition on a sweep's outcomes holds, with PRIM (peeling: coverage
    against density, each limit with its quasi-p) and CART (a shallow decision tree), and say them
    in words a strategist can repeat.

    [bold]Examples[/bold]

      siyu discover results/strategist --where "nurture.cum_incremental_profit < harvest.cum_incremental_profit"

      siyu discover results/strategist --where "nurture.cum_incremental_profit < 0" --levers --report where.html

      siyu discover results/strategist --where "nurture.payback_month > 18"
    """
    from ..discovery import DiscoveryError, condition, discover, read_cases
    from ..discovery.text import lines

    if report is not None:
        from ..config.output_paths import HTML_REPORT, check_output_file

        with checked(lang.value):
            check_output_file(report, "--report", HTML_REPORT)
    try:
        cases = read_cases(results_dir, levers=levers)
        holds = condition(cases, where)
        found = discover(cases, holds, where, min_density=min_density)
    except DiscoveryError as exc:
        raise error(exc, lang.value) from None
    typer.echo("\n".join(lines(found, cases, lang.value)))
    if csv:
        _export(results_dir, cases, holds, found)
        _status(quiet, t("dc_wrote", lang.value, paths=f"{results_dir}/_export/discovery_cases.csv, "
                                                         "discovery_boxes.csv, discovery_trajectory.csv"))
    if report is not None:
        from ..report.discovery_report import discovery_report

        with writing(lang.value):
            path = discovery_report(found, cases, report, name=results_dir.name, lang=lang.value)
        _status(quiet, t("status_report_written", lang.value, path=path))


def _export(folder: Path, cases, holds, found) -> None:
    import pandas as pd

    from ..experiments.store import ResultStore

    store = ResultStore(folder)
    store.export_csv("discovery_cases", cases.frame.assign(holds=holds))
    boxes = [{"method": b.method, "box": i, "coverage": b.coverage, "density": b.density, "cases": b.cases,
              "input": lim.name, "low": lim.low, "high": lim.high, "quasi_p": lim.qp}
             for i, b in enumerate(([found.prim] if found.prim else []) + found.cart) for lim in b.limits]
    store.export_csv("discovery_boxes", pd.DataFrame(boxes, columns=["method", "box", "coverage", "density", "cases",
                                                                     "input", "low", "high", "quasi_p"]))
    if len(found.trajectory):
        store.export_csv("discovery_trajectory", found.trajectory)
