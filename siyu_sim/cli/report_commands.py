"""``siyu report``: one self-contained HTML report of a sweep's results folder.

Exit codes: 0 report written (also for a partial sweep, which the report marks); 1 the folder
cannot be reported (missing, empty, not a results folder, from an older layout, no finished
runs); 2 wrong usage.
"""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from ..words import t
from .app import app
from .core_commands import Lang
from .outputs import announce_replaced, checked, error, existing, writing


@app.command("report")
def report_command(
    results_dir: Annotated[Path, typer.Argument(
        metavar="RESULTS_DIR", help="Results folder written by `siyu sweep`.", show_default=False)],
    out: Annotated[Path, typer.Option(
        "--out", "-o", metavar="FILE", help="HTML file to write.")] = Path("sweep.html"),
    lang: Annotated[Lang, typer.Option(
        "--lang", help="Language of every word in the report: en or zh (中文).")] = Lang.en,
    quiet: Annotated[bool, typer.Option("--quiet", "-q", help="No status messages.")] = False,
) -> None:
    """Write a sweep's results as one offline HTML file. A lever sweep: the best setting,
    incremental profit against the pool's health with the trade-off front, the objective over
    two factors, each factor's effect (bands from replications only), a sortable table of every
    setting, and the assumptions. A Sobol or Morris design: what the answer depends on, ranked
    per output, with no best setting.

    A sweep that is still running or was interrupted is reported too, marked as partial.

    Exit codes: 0 written; 1 the folder cannot be reported; 2 wrong usage.

    [bold]Examples[/bold]

      siyu report results/frequency_vs_discount -o sweep.html

      siyu report results/frequency_vs_discount -o sweep_zh.html --lang zh
    """
    from ..config.output_paths import HTML_REPORT, check_output_file
    from ..report.sweep_report import SweepReportError, read_results, build_page

    with checked(lang.value):
        check_output_file(out, "--out", HTML_REPORT)
    try:
        res = read_results(results_dir)
    except SweepReportError as exc:
        raise error(exc, lang.value) from None
    for bad in res.damaged:  # a warning, shown even with --quiet: runs are missing
        typer.echo(t("status_part_skipped", lang.value, file=results_dir / bad.file, reason=bad.reason,
                     runs=bad.runs), err=True)
    before = existing([out])
    with writing(lang.value):
        path = build_page(res, lang.value).write(out)
    if not quiet:
        if res.partial:
            typer.echo(t("status_partial_sweep", lang.value, ok=res.n_ok, planned=res.n_planned), err=True)
        typer.echo(t("status_report_written", lang.value, path=path), err=True)
    announce_replaced(before, quiet, lang.value)
