"""The ``siyu`` Typer application. Command modules in this package add commands to ``app``."""

from __future__ import annotations

import typer

app = typer.Typer(
    name="siyu",
    help="siyu_sim: simulate a brand's private domain (私域) and compare strategies in money.",
    no_args_is_help=True,
    add_completion=False,
    rich_markup_mode="rich",
)
