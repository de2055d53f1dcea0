"""``siyu app``: the live what-if app in the browser. Parses, checks everything that can be
wrong before anything starts (the scenario files, --set, the port), then calls the library.

Exit codes: 0 stopped by the user; 1 invalid scenario or a port that is taken; 2 wrong usage.
"""

from __future__ import annotations

from pathlib import Path
from typing import Annotated, Optional

import typer

from ..app.whatif import MEETING_DRAWS
from ..config.problems import ScenarioError
from ..words import t
from .app import app
from .core_commands import CustomersOpt, DaysOpt, Lang, RowsOpt, SetOpt, _fail, _overrides
from .outputs import error


@app.command("app")
def app_command(
    scenario: Annotated[Optional[str], typer.Argument(
        help="The strategy to explore: a scenario file or a shipped name (default: nurture, "
             "against harvest).", show_default=False)] = None,
    baseline: Annotated[Optional[str], typer.Argument(
        help="The pinned baseline: a second scenario (default: no private domain).",
        show_default=False)] = None,
    port: Annotated[int, typer.Option("--port", help="Port on 127.0.0.1 (1024–65535).")] = 8765,
    lang: Annotated[Lang, typer.Option("--lang", help="Language of the page: en or zh (中文).")] = Lang.en,
    no_browser: Annotated[bool, typer.Option("--no-browser", help="Do not open a browser tab.")] = False,
    save_dir: Annotated[Path, typer.Option(
        "--save-dir", metavar="DIR", help="The folder \"Save as scenario\" writes NAME.toml into (an existing "
                                          "folder; default: the current one).")] = Path("."),
    draws: Annotated[int, typer.Option(
        "--draws", min=2, max=10_000, metavar="N",
        help="Draws of the uncertain assumptions the \"How sure?\" button weighs (minutes at 40: "
             "docs/app.md; siyu compare --draws 200 for a report).")] = MEETING_DRAWS,
    set_: SetOpt = None, days: DaysOpt = None, customers: CustomersOpt = None, rows: RowsOpt = None,
) -> None:
    """Answer "what if…?" live in the browser: levers on the left, answers on the right.

    Every change re-runs the strategy in the background and redraws the profit it adds over no private domain (and how far it moved since the start), the three questions, members by status, cumulative added profit, monthly GMV against profit and the trust distribution. The brand's money (order value, unit cost, staff cost, the paid-ads curve) is in a folded group; a change there applies to the pinned baseline too, as --set (and --set given here) does in siyu compare. "How sure?" weighs the strategy on screen against the start across --draws draws of the uncertain assumptions, as siyu compare --draws does. Works offline: every asset is served from 127.0.0.1. "Save as scenario" asks for a name and writes NAME.toml into --save-dir (a file `siyu validate` accepts, named NAME); "Write report" downloads the report `siyu compare --report` writes.

    Exit codes: 0 stopped (Ctrl+C); 1 invalid scenario or the port is taken; 2 wrong usage.

    [bold]Examples[/bold]

      siyu app                                   # nurture against harvest

      siyu app calibrated.toml nurture --port 8765 --lang zh --no-browser

      siyu app harvest --customers 5000 --days 180    # against no private domain

      siyu app calibrated.toml nurture --rows 2500     # a quicker, rougher answer for the same brand

      siyu app client.toml harvest --save-dir meeting/  # Save as scenario writes meeting/NAME.toml
    """
    from ..app.server import AppError, check_port, serve
    from ..app.whatif import WhatIf

    if scenario is None:
        scenario, baseline = "nurture", "harvest"
    _overrides(set_, days, customers, None, rows)  # a malformed or repeated --set is a usage error, at once
    if not save_dir.is_dir():
        raise _fail(t("app_save_dir", lang.value, path=save_dir))
    try:
        whatif = WhatIf(scenario, baseline, sets=set_, days=days, customers=customers, rows=rows)
        check_port(port, lang.value)
    except ScenarioError as exc:
        raise _fail(exc.render(lang.value)) from None
    except AppError as exc:
        raise error(exc, lang.value) from None
    try:
        serve(whatif, port=port, lang=lang.value, open_browser=not no_browser,
              announce=lambda text: typer.echo(text, err=True), save_dir=save_dir, draws=draws)
    except KeyboardInterrupt:
        pass
