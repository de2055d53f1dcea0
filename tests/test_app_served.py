"""What ``siyu app`` answers to requests a web page in the same browser, or DNS rebinding, could
send: real HTTP requests to the app started as a user starts it. Only its own page, its
websocket and Panel's and Bokeh's files, and only to 127.0.0.1 or localhost on its own port;
nothing imported through a URL; no traceback for a malformed path."""

from __future__ import annotations

import base64
import http.client
import os
import re
import socket

import pytest

from app_process import SMALL_RUN, siyu_app

# What a malformed or traversing path looks like: encoded, double-encoded, NUL, bad UTF-8.
MALFORMED = [
    "/static/..%2f..%2fetc/passwd",
    "/static/../../etc/passwd",
    "/%2e%2e/%2e%2e/etc/passwd",
    "/static/%252e%252e/%252e%252e/etc/passwd",
    "/static/%25252e%25252e/etc/passwd",
    "/static/extensions/..%2f..%2f..%2fetc/passwd",
    "/static/extensions/panel/%2e%2e/%2e%2e/%2e%2e/etc/passwd",
    "/static/..%5c..%5cetc%5cpasswd",
    "/components/..%2f..%2fetc/passwd",
    "/static/%00",
    "/static/extensions/panel/%00",
    "/static/%ff%fe",
]


@pytest.fixture(scope="module")
def served(tmp_path_factory):
    """(host:port, the app's log) of one running app."""
    log = tmp_path_factory.mktemp("app") / "app.log"
    with siyu_app(log, "nurture", "harvest", *SMALL_RUN) as url:
        yield url.removeprefix("http://").rstrip("/"), log


def get(served, path: str, **headers) -> int:
    """The status of ``GET path`` sent as is (no normalising) to the app, with ``headers``."""
    address, _ = served
    conn = http.client.HTTPConnection(address, timeout=60)
    try:
        conn.putrequest("GET", path, skip_host="Host" in headers)
        for name, value in headers.items():
            conn.putheader(name, value)
        conn.endheaders()
        response = conn.getresponse()
        response.read()
        return response.status
    finally:
        conn.close()


def session_token(served) -> str:
    """A token for a websocket session, from a page the app served."""
    address, _ = served
    conn = http.client.HTTPConnection(address, timeout=60)
    try:
        conn.request("GET", "/")
        return re.search(r'"token":"([^"]+)"', conn.getresponse().read().decode()).group(1)
    finally:
        conn.close()


def websocket(served, token: str, **headers) -> int:
    """The status of the page's websocket handshake on /ws with ``headers`` (101: accepted)."""
    address, _ = served
    host, port = address.split(":")
    lines = ["GET /ws HTTP/1.1", f"Host: {headers.pop('Host', address)}", "Upgrade: websocket",
             "Connection: Upgrade", "Sec-WebSocket-Version: 13",
             f"Sec-WebSocket-Key: {base64.b64encode(os.urandom(16)).decode()}",
             f"Sec-WebSocket-Protocol: bokeh, {token}"]
    lines += [f"{name}: {value}" for name, value in headers.items()]
    with socket.create_connection((host, int(port)), timeout=60) as s:
        s.sendall(("\r\n".join(lines) + "\r\n\r\n").encode())
        status_line = s.makefile("rb").readline().decode()
    return int(status_line.split()[1])


def test_only_its_own_host_and_port_get_the_page(served):
    address, _ = served
    port = address.split(":")[1]
    assert get(served, "/") == 200
    assert get(served, "/", Host=f"localhost:{port}") == 200
    for foreign in ["evil.example", f"evil.example:{port}", "127.0.0.1:1", f"[::1]:{port}",
                    f"127.0.0.1.evil.example:{port}", f"localhost.:{port}"]:
        assert get(served, "/", Host=foreign) == 403, foreign
        assert get(served, "/static/js/bokeh.min.js", Host=foreign) == 403, foreign
    assert get(served, "/", Origin="http://evil.example") == 403
    assert get(served, "/", Origin="null") == 403
    assert get(served, "/favicon.ico", Origin=f"http://localhost:{port}") == 200


def test_the_websocket_refuses_a_foreign_origin_or_host(served):
    address, _ = served
    port = address.split(":")[1]
    token = session_token(served)
    assert websocket(served, token, Origin="http://evil.example") == 403
    assert websocket(served, token, Origin=f"http://evil.example:{port}") == 403
    assert websocket(served, token, Host=f"evil.example:{port}", Origin=f"http://evil.example:{port}") == 403
    assert websocket(served, token, Host=f"evil.example:{port}", Origin=f"http://{address}") == 403  # rebinding
    assert websocket(served, token, Origin=f"http://{address}") == 101  # the page's own: accepted


def test_no_module_is_imported_through_a_url(served):
    _, log = served
    for path in ["/components/this/Foo/__css__/x.css", "/components/os/path/__css__/x.css",
                 "/components/panel/pane/HTML/__css__/x.css"]:
        assert get(served, path) == 404, path
    # `import this` prints the Zen of Python: the app's output would show it
    assert get(served, "/favicon.ico") == 200  # a request after them, so their log lines are out
    assert "The Zen of Python" not in log.read_text(encoding="utf-8")


def test_only_its_page_and_static_files_are_served(served):
    assert get(served, "/static/extensions/panel/panel.min.js") == 200
    for path in ["/metadata", "/autoload.js", "/rest/session_info", "/nosuch", "/admin"]:
        assert get(served, path) == 404, path


@pytest.mark.parametrize("path", MALFORMED)
def test_a_malformed_path_gets_a_clean_refusal(served, path):
    _, log = served
    before = log.read_text(encoding="utf-8")
    assert get(served, path) in (400, 404), path
    assert get(served, "/favicon.ico") == 200  # the app lives on
    after = log.read_text(encoding="utf-8")[len(before):]
    assert "Traceback" not in after and " 500 " not in after, after
