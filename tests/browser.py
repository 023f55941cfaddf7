"""Headless Debian Chromium, driven by Playwright, against a site served on localhost."""

from __future__ import annotations

import contextlib
import functools
import shutil
import threading
from collections.abc import Iterator
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any

CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"
#: The closed network here refuses Chromium's background connections; keep it quiet.
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]


class _QuietHandler(SimpleHTTPRequestHandler):
    def log_message(self, format: str, *args: object) -> None:
        pass


@contextlib.contextmanager
def serve(root: Path) -> Iterator[str]:
    """Serve ``root`` on a free localhost port; yields the base URL."""
    handler = functools.partial(_QuietHandler, directory=str(root))
    server = ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}/"
    finally:
        server.shutdown()
        server.server_close()


@contextlib.contextmanager
def browser() -> Iterator[object]:
    """A Playwright browser running Debian's Chromium (never a downloaded build)."""
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        chromium = p.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        try:
            yield chromium
        finally:
            chromium.close()


#: True once a payload ran in the page or any of its frames (payloads set ``__pwned``).
HAS_RUN = "() => [window, ...Array.from(window.frames)].some(w => { try { return !!w.__pwned } catch (e) { return false } })"  # noqa: E501


def visit(page: Any, url: str, dialogs: list[str]) -> None:
    page.goto(url, wait_until="load")
    page.wait_for_timeout(50)
    for frame in page.frames:
        frame.wait_for_load_state("load")
    assert not page.evaluate(HAS_RUN), url
    assert not dialogs, (url, dialogs)


def local_only(route: Any, base: str) -> None:
    """Only the test server answers: no tile server, no stray network in the test."""
    if route.request.url.startswith(base):
        route.continue_()
    else:
        route.abort()
