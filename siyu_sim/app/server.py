"""Serving the app: on 127.0.0.1 only, with every script, style sheet and plotly.js served by
the app itself (client rooms are often behind firewalls; a projector laptop may be offline).

Bokeh's resources are set to ``server`` (its own ``/static``) and Panel's bundled copies of
its extensions (plotly.js among them) are served from ``/static/extensions``: no request
leaves localhost (tests/test_app_browser.py records every request the browser makes).
"""

from __future__ import annotations

import errno
import socket

from ..words import check_lang, t
from .whatif import WhatIf

HOST = "127.0.0.1"


class AppError(ValueError):
    """The app cannot start (a taken port); the message says what and what is allowed."""


def check_port(port: int, lang: str = "en") -> int:
    """``port`` if the app can listen on it, else an AppError naming it and what is allowed."""
    if not 1024 <= port <= 65535:
        raise AppError(f"--port {port}: allowed: a number from 1024 to 65535")
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as probe:
        try:
            probe.bind((HOST, port))
        except OSError as exc:
            if exc.errno in (errno.EADDRINUSE, errno.EACCES):
                raise AppError(t("app_port_taken", lang, port=port)) from None
            raise
    return port


def offline_resources() -> None:
    """Bokeh and Panel serve their JavaScript and CSS from this server, never from a CDN."""
    from bokeh.settings import settings
    import panel as pn

    settings.resources = "server"
    pn.config.inline = False


def serve(whatif: WhatIf, *, port: int, lang: str = "en", open_browser: bool = True,
          announce=print) -> None:
    """Serve the app for ``whatif`` until interrupted (each browser tab gets its own page)."""
    check_lang(lang)
    check_port(port, lang)
    offline_resources()
    import panel as pn

    from .page import AppPage

    def page():
        pn.extension("plotly")
        return AppPage(whatif, lang).view()

    url = f"http://{HOST}:{port}/"
    announce(t("app_serving", lang, url=url))
    pn.serve({"/": page}, port=port, address=HOST, show=open_browser, title=t("app_title", lang),
             websocket_origin=[f"{HOST}:{port}", f"localhost:{port}"], threaded=False,
             print_url=False, start=True)
