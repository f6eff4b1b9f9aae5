"""Paths, sizes and modes a hostile client may try, against the very server `kb serve` runs.

The server is the one `kb serve` builds (waitress, its options, the app in its mode), run in a
thread over the test corpus; requests go over a real socket with raw paths, so neither a test
client nor an HTTP library normalises `..` or percent escapes before the server sees them.
"""

from __future__ import annotations

import http.client
import inspect
import re
import shutil
import socket
import threading
from urllib.parse import urlsplit

import pytest
import waitress.server

from indexer.corpus.corpus import load_corpus
from indexer.engine.index import IndexManager
from tests.conftest import DATA, ROOT

SECRETS = ("[metadata]", "root:x:0:0", "install_requires", "[options]")  # setup.cfg, /etc/passwd


def kb_serve(runner, **env):
    """The waitress server `kb serve` would run, bound to a free port and not yet running."""
    started = []
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(waitress.server.BaseWSGIServer, "run", lambda server: started.append(server))
        patch.setattr(waitress.server.BaseWSGIServer, "print_listen", lambda server, fmt: None)
        result = runner.invoke(args=["serve", "--host", "127.0.0.1", "--port", "0"], env=env)
    assert result.exit_code == 0, result.output
    assert len(started) == 1
    return started[0]


@pytest.fixture(scope="module")
def site_app(tmp_path_factory):
    from kb import create_app

    root = tmp_path_factory.mktemp("limits")
    shutil.copytree(DATA / "corpus", root / "corpus")
    IndexManager(root / "index").build(load_corpus(root / "corpus").documents)
    return create_app({"CORPUS_DIR": str(root / "corpus"), "INDEX_DIR": str(root / "index")})


@pytest.fixture(scope="module")
def live(site_app):
    """host, port of a running `kb serve` server."""
    server = kb_serve(site_app.test_cli_runner())
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    yield "127.0.0.1", server.effective_port
    server.close()
    server.task_dispatcher.shutdown()
    thread.join(timeout=5)


def raw_get(live, path: str, method="GET", body: bytes = b"", headers=None):
    """(status, headers, body) for `path` sent byte for byte as given."""
    conn = http.client.HTTPConnection(*live, timeout=10)
    try:
        conn.putrequest(method, path, skip_accept_encoding=True)
        for name, value in {"Content-Length": str(len(body)), **(headers or {})}.items():
            conn.putheader(name, value)
        conn.endheaders(body or None)
        response = conn.getresponse()
        return response.status, response.headers, response.read().decode("utf-8", "replace")
    finally:
        conn.close()


TRAVERSALS = [
    "/en/..%2f..%2fetc/passwd",
    "/en/../../etc/passwd",
    "/en/%2e%2e/%2e%2e/etc/passwd",
    "/en/%2e%2e%2f%2e%2e%2fsetup.cfg",
    "/en/..%5c..%5csetup.cfg",
    "/en/..\\..\\setup.cfg",
    "/static/../setup.cfg",
    "/static/../../setup.cfg",
    "/static/..%2f..%2fsetup.cfg",
    "/static/%2e%2e/setup.cfg",
    "/static/%2e%2e%2fsetup.cfg",
    "/static/..%5csetup.cfg",
    "/static/..%5c..%5csetup.cfg",
    "/static/..\\setup.cfg",
    "/static/%252e%252e/setup.cfg",
    "/static/%c0%ae%c0%ae/setup.cfg",
    "/static/....//setup.cfg",
    "/static//etc/passwd",
    "/static/%2fetc%2fpasswd",
    "/static/..;/setup.cfg",
    "/static/%00../setup.cfg",
    "/api/documents/en/..%2f..%2fsetup.cfg",
    "/en/rohs/chart.svg/../../../setup.cfg",
    "//etc/passwd",
    "/en/products/..%2f..%2fsetup.cfg",
    "/celex/..%2f..%2fsetup.cfg",
]


@pytest.mark.parametrize("path", TRAVERSALS)
def test_path_traversal_never_serves_a_file(live, path):
    status, headers, body = raw_get(live, path)
    for _ in range(3):  # werkzeug merges doubled slashes with a redirect: follow it to its end
        if status not in (301, 302, 308):
            break
        location = urlsplit(headers["Location"])
        assert location.netloc in ("", f"{live[0]}:{live[1]}"), headers["Location"]
        status, headers, body = raw_get(live, location.path + (f"?{location.query}" if location.query else ""))
    assert status in (400, 404), (status, body[:200])
    assert not any(secret in body for secret in SECRETS)


@pytest.mark.parametrize(
    "path",
    [
        "/en/search?q=%ff%fe",
        "/api/search?q=%c0%ae&lang=en",
        "/en/%ff",
        "/zh/%ed%a0%80",
        "/api/documents/en/%ff",
        "/api/suggest?q=%ed%a0%80",
        "/en/search?q=%00",
        "/api/search?q=lead&lang=%ff",
        "/en/search?q=lead&type=%ff&in=%ff&page=%ff",
        "/api/products?q=%ff&lang=en",
        "/celex/%ff",
        "/en/products/%ff",
        "/%ff/",
        "/en/search?q=%",
        "/en/search?q=%zz",
        "/en/%",
    ],
)
def test_malformed_percent_encoding_is_never_a_server_error(live, path):
    status, _, _ = raw_get(live, path)
    assert status < 500


def test_a_static_file_is_still_served(live):
    status, _, body = raw_get(live, "/static/style.css")
    assert status == 200 and body.strip()


@pytest.mark.parametrize(
    "content_type",
    [
        "application/json",
        "text/plain",
        "application/x-www-form-urlencoded",
        "multipart/form-data; boundary=x",
        "application/octet-stream",
    ],
)
def test_a_body_over_the_limit_is_refused_as_json_whatever_its_type(live, site_app, content_type):
    body = b"{" + b" " * site_app.config["MAX_CONTENT_LENGTH"] + b"}"
    status, headers, answer = raw_get(live, "/api/linkify", "POST", body, {"Content-Type": content_type})
    assert status == 413 and headers["Content-Type"].startswith("application/json"), answer[:200]


def test_a_huge_announced_body_is_refused_before_it_is_sent(live):
    """waitress reads a whole body before the app sees it (by default up to 1 GB, spooled to disk):
    a 500 MB Content-Length must be cut off at once."""
    with socket.create_connection(live, timeout=10) as sock:
        sock.sendall(
            b"POST /api/linkify HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\n"
            b"Content-Length: 500000000\r\n\r\n{"
        )
        status_line = sock.recv(200).split(b"\r\n", 1)[0]
    assert b" 413 " in status_line, status_line


def test_create_app_is_not_in_debug_mode(monkeypatch):
    from kb import create_app

    monkeypatch.delenv("FLASK_DEBUG", raising=False)
    assert create_app().debug is False


def test_kb_serve_runs_waitress_with_debug_off_even_when_asked(site_app):
    server = kb_serve(site_app.test_cli_runner(), FLASK_DEBUG="1")
    try:
        assert isinstance(server, waitress.server.BaseWSGIServer)
        assert site_app.debug is False
    finally:
        server.close()


def test_kb_serve_never_uses_flasks_development_server():
    from kb import commands

    source = inspect.getsource(inspect.unwrap(commands.serve_command.callback))
    assert "waitress" in source and not re.search(r"\.run\(|run_simple", source)


def test_make_serve_does_not_ask_for_debug():
    makefile = (ROOT / "Makefile").read_text()
    recipe = re.search(r"^serve:.*\n((?:\t.*\n)+)", makefile, re.M).group(1)
    assert "kb serve" in recipe
    assert not re.search(r"--debug|FLASK_DEBUG|FLASK_ENV|\bflask run\b", recipe)


@pytest.mark.parametrize(
    "path, method",
    [
        ("/en/", "GET"),
        ("/zh/search?q=%E9%93%85", "GET"),
        ("/api/search?q=lead", "GET"),
        ("/api/suggest?q=ro", "GET"),
        ("/static/style.css", "GET"),
        ("/static/site.js", "GET"),
        ("/en/no-such-page", "GET"),
        ("/api/documents/en/no-such-page", "GET"),
        ("/api/search?lang=fr", "GET"),
        ("/api/linkify", "GET"),
        ("/api/search", "POST"),
        ("/", "GET"),
        ("/static/../setup.cfg", "GET"),
        ("/sitemap.xml", "GET"),
        ("/opensearch.xml", "GET"),
    ],
)
def test_security_headers_on_every_kind_of_response(live, path, method):
    status, headers, _ = raw_get(live, path, method)
    assert "script-src 'self'" in headers.get("Content-Security-Policy", ""), (status, path)
    assert headers.get("X-Content-Type-Options") == "nosniff"
    assert headers.get("Referrer-Policy")


def test_security_headers_on_an_oversized_body(live, site_app):
    body = b"x" * (site_app.config["MAX_CONTENT_LENGTH"] + 1)
    status, headers, _ = raw_get(live, "/api/linkify", "POST", body, {"Content-Type": "application/json"})
    assert status == 413 and headers.get("X-Content-Type-Options") == "nosniff"
    assert "script-src 'self'" in headers.get("Content-Security-Policy", "")


@pytest.mark.parametrize("path, json_expected", [("/api/fails", True), ("/fails", False)])
def test_an_unexpected_error_is_a_500_with_security_headers(corpus_dir, index_dir, manager, path, json_expected):
    from kb import create_app

    app = create_app({"CORPUS_DIR": str(corpus_dir), "INDEX_DIR": str(index_dir)})  # not TESTING: errors are caught
    app.add_url_rule(path, "fails", lambda: 1 / 0)
    response = app.test_client().get(path)
    assert response.status_code == 500 and response.is_json == json_expected
    assert "script-src 'self'" in response.headers["Content-Security-Policy"]
    assert response.headers["X-Content-Type-Options"] == "nosniff"
