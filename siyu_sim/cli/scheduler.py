"""The ``--scheduler`` option's check: a Dask scheduler address, refused at the command line
before anything starts (a bad one used to reach Dask and end in a ``ValueError`` traceback)."""

from __future__ import annotations

import os
from typing import Annotated, Optional

import typer

#: Dask's comm schemes a command line can use (not ``inproc``: one process; nor ``ucx``: an extra).
SCHEMES = ("tcp", "tls", "ws", "wss")
ALLOWED = "tcp://HOST:PORT (e.g. tcp://10.0.0.5:8786; HOST:PORT alone means tcp), or tls://, ws://, wss:// HOST:PORT"


def scheduler_problem(address: str) -> str | None:
    """Why ``address`` is not a Dask scheduler address this command can use, or None."""
    from distributed.comm.addressing import parse_address, parse_host_port

    scheme, location = parse_address(address.strip())
    if scheme not in SCHEMES:
        return f"unknown scheme {scheme + '://'!r}"
    try:
        host, port = parse_host_port(location)
    except ValueError as exc:
        text = str(exc)
        return "no port number" if text.startswith("missing port") else \
            ("the port is not a number" if "invalid literal" in text else text.split(";")[0])
    if not host:
        return "no host"
    if not 1 <= port <= 65535:
        return f"port {port} is outside 1-65535"
    if scheme in ("tls", "wss"):
        from distributed import Security

        if Security().get_connection_args("client")["ssl_context"] is None:
            return (f"{scheme}:// needs Dask's TLS settings (distributed.comm.tls.ca-file and "
                    "distributed.comm.tls.client.cert in Dask's configuration)")
    return None


def check_scheduler(value: str | None) -> str | None:
    """Typer callback of ``--scheduler``: a usage error naming the option (exit 2)."""
    if value is not None:
        why = scheduler_problem(value)
        if why:
            raise typer.BadParameter(f"{value!r} is not a Dask scheduler address ({why}); allowed: {ALLOWED}")
    return value


def environment_problem(*, serial: bool, scheduler: str | None, dask_local: int | None) -> str | None:
    """What is wrong with $DASK_SCHEDULER_ADDRESS when the command would use it (no --serial,
    --scheduler or --dask-local), or None."""
    env = os.environ.get("DASK_SCHEDULER_ADDRESS")
    if serial or scheduler or dask_local or not env:
        return None
    why = scheduler_problem(env)
    if why:
        return (f"$DASK_SCHEDULER_ADDRESS is {env!r}, not a Dask scheduler address ({why}); allowed: "
                f"{ALLOWED}; or unset it to run on local processes (or give --serial)")
    return None


SchedulerOpt = Annotated[Optional[str], typer.Option(
    "--scheduler", metavar="ADDRESS", callback=check_scheduler, help="Dask scheduler, e.g. tcp://host:8786 "
    "(default: $DASK_SCHEDULER_ADDRESS if set, else local processes).")]
