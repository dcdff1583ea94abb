"""A stand-in for another site that embeds the chat: a static page on its own origin, served in the test process."""
from __future__ import annotations

import threading
from functools import partial
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

from tools.local_servers import HOST, free_port


class QuietHandler(SimpleHTTPRequestHandler):
    def log_message(self, format: str, *args: object) -> None:  # noqa: A002
        pass


class HostSite:
    """Another site's page that pastes the embed snippet, served from its own origin (localhost, not 127.0.0.1)."""

    def __init__(self, directory: Path) -> None:
        self.directory = directory
        directory.mkdir(parents=True, exist_ok=True)
        self.port = free_port()
        self.server = ThreadingHTTPServer((HOST, self.port), partial(QuietHandler, directory=str(directory)))
        self.thread = threading.Thread(target=self.server.serve_forever, daemon=True)

    @property
    def url(self) -> str:
        return f"http://localhost:{self.port}"

    def write_page(self, snippet: str) -> None:
        (self.directory / "index.html").write_text(
            "<!doctype html><html lang='en'><head><meta charset='utf-8'>"
            "<meta name='viewport' content='width=device-width, initial-scale=1'><title>A school's website</title>"
            "</head><body><main><h1>Year 9 news</h1><p>An ordinary page that embeds the helper.</p></main>"
            f"{snippet}</body></html>", encoding="utf-8")

    def start(self) -> None:
        self.thread.start()

    def stop(self) -> None:
        self.server.shutdown()
        self.server.server_close()
