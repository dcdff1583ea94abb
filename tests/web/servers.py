"""The web server (scripts/web_server.py) and a stand-in embedding site, on free local ports."""
from __future__ import annotations

import subprocess
import threading
import urllib.request
from functools import partial
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

from tests.e2e.servers import BIN, ROOT, free_port, server_env, wait_for

EXIT_URL = "https://www.bbc.co.uk/weather"


class WebServer:
    def __init__(self, log_dir: Path, frame_ancestors: str = "'self'") -> None:
        self.port = free_port()
        self.log_path = log_dir / "web.log"
        self.frame_ancestors = frame_ancestors
        self.rasa_url = "http://127.0.0.1:5005"
        self.process: subprocess.Popen | None = None

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    def start(self) -> None:
        env = {**server_env(), "WEB_HOST": "127.0.0.1", "WEB_PORT": str(self.port), "RASA_URL": self.rasa_url,
               "WEB_ORIGIN": self.url, "FRAME_ANCESTORS": self.frame_ancestors, "EXIT_URL": EXIT_URL}
        log = open(self.log_path, "ab")
        self.process = subprocess.Popen([str(BIN / "python"), "scripts/web_server.py"], cwd=ROOT, env=env,
                                        stdout=log, stderr=subprocess.STDOUT)
        wait_for(lambda: urllib.request.urlopen(f"{self.url}/", timeout=2).status == 200, 30, "web server")

    def stop(self) -> None:
        if self.process and self.process.poll() is None:
            self.process.terminate()
            self.process.wait(timeout=10)
        self.process = None


class QuietHandler(SimpleHTTPRequestHandler):
    def log_message(self, format: str, *args: object) -> None:  # noqa: A002
        pass


class HostSite:
    """Another site's page that pastes the embed snippet, served from its own origin (localhost, not 127.0.0.1)."""

    def __init__(self, directory: Path) -> None:
        self.directory = directory
        directory.mkdir(parents=True, exist_ok=True)
        self.port = free_port()
        self.server = ThreadingHTTPServer(("127.0.0.1", self.port), partial(QuietHandler, directory=str(directory)))
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
