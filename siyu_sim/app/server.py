"""Serving the app: on 127.0.0.1 only, with every script, style sheet and plotly.js served by
the app itself (client rooms are often behind firewalls; a projector laptop may be offline).

Bokeh's resources are set to ``server`` (its own ``/static``) and Panel's bundled copies of
its extensions (plotly.js among them) are served from ``/static/extensions``: no request
leaves localhost (tests/test_app_browser.py records every request the browser makes).

Listening on 127.0.0.1 keeps other machines out, not other web pages: any page open in the
meeting room's browser can send requests to 127.0.0.1, or reach it under its own name by DNS
rebinding. So a gate in front of every route (``refusal``) serves only a request addressed to
the app by its own host and port (Host header; Origin too, when the browser sends one),
for the page, its websocket and the static files; anything else gets a 403, 404 or 400
before any handler runs. That also closes Panel's ``/components/<module>/...`` route, which
imports whatever module the URL names, and answers a malformed or traversing path with a 400
instead of a handler's traceback.
"""

from __future__ import annotations

import errno
import re
import socket
from pathlib import Path
from urllib.parse import unquote

from ..words import check_lang, t
from .whatif import MEETING_DRAWS, WhatIf

HOST = "127.0.0.1"
NAMES = (HOST, "localhost")  # what a browser on this machine calls it ([::1]: not listened on)
#: What the app serves (the path decoded): its page, the page's websocket, Bokeh's and Panel's
#: static files, the icon. Not Panel's /components/ route, nor /autoload.js, /metadata, ...
SERVED = re.compile(r"/(ws|favicon\.ico|static/.+)?")


class AppError(ValueError):
    """The app cannot start (a taken port); the message says what and what is allowed."""


def check_port(port: int, lang: str = "en") -> int:
    """``port`` if the app can listen on it, else an AppError naming it and what is allowed."""
    if not 1024 <= port <= 65535:
        raise AppError(t("app_port_range", lang, port=port))
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


def own_hosts(port: int) -> list[str]:
    """The Host headers the app answers: its names with its port."""
    return [f"{name}:{port}" for name in NAMES]


def decoded_path(raw: str) -> str | None:
    """``raw`` percent-decoded until it stops changing (double encoding too); None if it is
    not valid UTF-8, holds a control character or a backslash, or climbs with ``..``."""
    path = raw
    for _ in range(4):
        try:
            once = unquote(path, errors="strict")
        except UnicodeDecodeError:
            return None
        if re.search(r"[\x00-\x1f\x7f\\]", once) or any(part in (".", "..") for part in once.split("/")):
            return None
        if once == path:
            return path
        path = once
    return None  # still encoded after four rounds: no URL of ours is


def refusal(request, port: int) -> tuple[int, str] | None:
    """Why the app refuses ``request`` (a tornado HTTPServerRequest): an HTTP status and the
    reason, or None to serve it."""
    hosts = own_hosts(port)
    if request.host.lower() not in hosts:
        return 403, f"Host {request.host!r} is not this app's (allowed: {', '.join(hosts)})"
    origin = request.headers.get("Origin")
    if origin is not None and origin.lower() not in [f"http://{h}" for h in hosts]:
        return 403, f"Origin {origin!r} is not this app's page"
    path = decoded_path(request.path)
    if path is None:
        return 400, "malformed path"
    if not SERVED.fullmatch(path):
        return 404, "not served by siyu app"
    return None


def gate(tornado_app, port: int) -> None:
    """Put ``refusal`` in front of every route of ``tornado_app`` (a tornado Application)."""
    from tornado.routing import Matcher, Rule
    from tornado.web import HTTPError, RequestHandler

    class Refused(Matcher):
        def match(self, request):
            why = refusal(request, port)
            return None if why is None else {"target_kwargs": {"status": why[0], "reason": why[1]}}

    class Refuse(RequestHandler):
        """Answers with the status: one log line, no traceback, no handler of Panel's run."""

        def initialize(self, status: int, reason: str) -> None:
            self.status, self.reason = status, reason

        def prepare(self) -> None:
            raise HTTPError(self.status, "%s", self.reason)

        def check_xsrf_cookie(self) -> None:  # refused before any cookie matters
            pass

    tornado_app.default_router.rules.insert(0, Rule(Refused(), Refuse))


def serve(whatif: WhatIf, *, port: int, lang: str = "en", open_browser: bool = True, announce=print,
          save_dir: Path | str = ".", draws: int = MEETING_DRAWS) -> None:
    """Serve the app for ``whatif`` until interrupted (each browser tab gets its own page).
    ``save_dir``: where "Save as scenario" writes; ``draws``: what the uncertainty button weighs."""
    check_lang(lang)
    check_port(port, lang)
    offline_resources()
    import panel as pn

    from .page import AppPage

    def page():
        pn.extension("plotly")
        return AppPage(whatif, lang, save_dir=save_dir, draws=draws).view()

    url = f"http://{HOST}:{port}/"
    announce(t("app_serving", lang, url=url))
    server = pn.serve({"/": page}, port=port, address=HOST, show=open_browser, title=t("app_title", lang),
                      websocket_origin=own_hosts(port), threaded=False, print_url=False, start=False)
    gate(server._tornado, port)  # Bokeh's Server keeps its tornado Application there (Panel uses it too)
    server.start()
    server.io_loop.start()  # until Ctrl+C (Panel's SIGINT handler stops the loop)
