"""Serves the website chat (web/) and the vendored deep-chat bundle, with strict security headers.

Run it from the project root: `python -m web.server`. Standard library only,
plus the project's knowledge package for the content references.

web/index.html is a template with two kinds of marker, filled once when the server starts:

  [[services.emergency.phone]]  content reference: the project's one syntax for a fact from content/
                                (as in domain.yml), resolved by knowledge.content, so no number is
                                typed into a web file. Right after `tel:` it is written as the digits
                                to dial: `tel:[[services.samaritans.phone]]` gives `tel:116123`.
  {{SERVER_EXIT_URL}}           server value: not a content reference but what this server is set to,
                                from the environment (below) and Rasa's session expiry in domain.yml.
                                There are three: SERVER_EXIT_URL, SERVER_SESSION_EXPIRY (in words) and
                                SERVER_PAGE_CONFIG (the JSON the page's script reads: the webhook, the
                                exit URL, the session length, and the two phone numbers, looked up in
                                content/ as above).

Each is escaped for where it stands. An unknown reference or server value stops the server at start.

Settings (environment variables):
  WEB_HOST         interface to listen on (default 127.0.0.1)
  WEB_PORT         port (default 8080)
  RASA_URL         the Rasa server the page talks to (default http://localhost:5005);
                   the Content-Security-Policy allows connections to its REST webhook only
  WEB_ORIGIN       the origin people open the page at (default http://localhost:WEB_PORT);
                   start Rasa with `--cors $WEB_ORIGIN`
  FRAME_ANCESTORS  sites allowed to embed the chat in a frame, space-separated origins
                   (default 'self'; e.g. "https://www.example.org https://help.example.org")
  EXIT_URL         the neutral site "Leave this site quickly" goes to (default https://www.bbc.co.uk/weather)
"""
from __future__ import annotations

import html
import json
import os
import re
import sys
from dataclasses import dataclass, field
from http import HTTPStatus
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from urllib.parse import urlsplit

from knowledge.content import REFERENCE, load_yaml_file, lookup, resolve_references

WEB = Path(__file__).resolve().parent
ROOT = WEB.parent
PUBLIC = WEB / "public"
TEMPLATE = WEB / "index.html"
VENDOR = {"/vendor/deepChat.bundle.js": WEB / "node_modules" / "deep-chat" / "dist" / "deepChat.bundle.js"}
REST_PATH = "/webhooks/rest/webhook"
DEFAULT_EXIT_URL = "https://www.bbc.co.uk/weather"
TYPES = {
    ".js": "text/javascript; charset=utf-8",
    ".css": "text/css; charset=utf-8",
    ".svg": "image/svg+xml",
    ".png": "image/png",
    ".ico": "image/x-icon",
    ".txt": "text/plain; charset=utf-8",
}
# Scripts that other sites load with a <script> tag.
CROSS_ORIGIN_FILES = {"/embed.js"}
LOOPBACK = {"localhost", "127.0.0.1", "[::1]", "::1"}
ORIGIN = re.compile(r"^https?://[A-Za-z0-9.\-\[\]:]+$")
# In web/index.html: [[content.reference]] (optionally right after tel:), or {{SERVER_VALUE}}.
MARKER = re.compile(rf"(?P<tel>tel:)?(?P<reference>{REFERENCE.pattern})|\{{\{{(?P<server>SERVER_[A-Z_]+)\}}\}}")


def http_url(value: str, what: str) -> str:
    parts = urlsplit(value)
    if parts.scheme not in ("http", "https") or not parts.netloc or any(c in value for c in " ;,'\""):
        raise ValueError(f"{what} must be an http(s) URL, not {value!r}")
    return value


def expiry_words(minutes: int) -> str:
    """How the privacy note says the session expiry: 60 -> 'an hour'."""
    if minutes % 60 == 0:
        hours = minutes // 60
        return "an hour" if hours == 1 else f"{hours} hours"
    return f"{minutes} minutes"


def session_minutes() -> int:
    """Rasa's session_expiration_time from domain.yml, so the page and the server agree."""
    domain = load_yaml_file(ROOT / "domain.yml")
    return int(domain["session_config"]["session_expiration_time"])


@dataclass
class Settings:
    rasa_url: str = "http://localhost:5005"
    web_origin: str = "http://localhost:8080"
    frame_ancestors: list[str] = field(default_factory=lambda: ["'self'"])
    exit_url: str = DEFAULT_EXIT_URL
    host: str = "127.0.0.1"
    port: int = 8080

    @classmethod
    def from_env(cls, env: dict[str, str] | None = None) -> Settings:
        env = dict(os.environ if env is None else env)
        port = int(env.get("WEB_PORT") or 8080)
        ancestors = (env.get("FRAME_ANCESTORS") or "'self'").split()
        for origin in ancestors:
            if origin not in ("'self'", "'none'") and not ORIGIN.match(origin):
                raise ValueError(f"FRAME_ANCESTORS entries must be origins such as https://www.example.org, "
                                 f"'self' or 'none', not {origin!r}")
        return cls(
            rasa_url=http_url((env.get("RASA_URL") or "http://localhost:5005").rstrip("/"), "RASA_URL"),
            web_origin=http_url((env.get("WEB_ORIGIN") or f"http://localhost:{port}").rstrip("/"), "WEB_ORIGIN"),
            frame_ancestors=ancestors,
            exit_url=http_url(env.get("EXIT_URL") or DEFAULT_EXIT_URL, "EXIT_URL"),
            host=env.get("WEB_HOST") or "127.0.0.1",
            port=port,
        )

    @property
    def webhook(self) -> str:
        return self.rasa_url + REST_PATH

    def page_config(self) -> dict[str, object]:
        """What the page's script needs, written into the page as JSON."""
        minutes = session_minutes()
        return {
            "webhook": self.webhook,
            "exitUrl": self.exit_url,
            "emergencyPhone": str(lookup("services.emergency.phone")),
            "samaritansPhone": str(lookup("services.samaritans.phone")),
            "sessionMinutes": minutes,
        }

    def content_security_policy(self) -> str:
        return "; ".join([
            "default-src 'none'",
            "script-src 'self'",
            "style-src 'self'",
            "img-src 'self' data:",
            f"connect-src {self.webhook}",
            "base-uri 'none'",
            "form-action 'none'",
            "object-src 'none'",
            "frame-ancestors " + " ".join(self.frame_ancestors),
        ])


def tel(number: str) -> str:
    return "tel:" + re.sub(r"[^0-9+]", "", number)


def server_values(settings: Settings) -> dict[str, str]:
    """The {{SERVER_...}} values, ready to stand where index.html has them: from settings, not content/."""
    config = settings.page_config()
    return {
        "SERVER_EXIT_URL": html.escape(settings.exit_url),
        "SERVER_SESSION_EXPIRY": html.escape(expiry_words(config["sessionMinutes"])),
        # JSON in a data block: '<' escaped so no text can close the script element.
        "SERVER_PAGE_CONFIG": json.dumps(config).replace("<", "\\u003c"),
    }


def render_page(settings: Settings) -> bytes:
    """web/index.html with its [[content references]] and {{SERVER_VALUES}} filled in."""
    values = server_values(settings)

    def fill(marker: re.Match[str]) -> str:
        if marker["server"]:
            return values[marker["server"]]
        content = resolve_references(marker["reference"])
        return html.escape(tel(content) if marker["tel"] else content)

    return MARKER.sub(fill, TEMPLATE.read_text(encoding="utf-8")).encode("utf-8")


class Handler(BaseHTTPRequestHandler):
    server_version = "helper-web"
    sys_version = ""
    settings: Settings = Settings()
    # Rendered once, when the server is made: nothing it is made from changes while the server runs.
    page: bytes = b""

    def do_GET(self) -> None:  # noqa: N802 (the stdlib's name)
        self.respond(with_body=True)

    def do_HEAD(self) -> None:  # noqa: N802
        self.respond(with_body=False)

    def respond(self, with_body: bool) -> None:
        path = urlsplit(self.path).path
        if path in ("/", "/index.html"):
            if self.redirect_to_origin():
                return
            self.send(HTTPStatus.OK, self.page, "text/html; charset=utf-8", with_body, page=True)
            return
        file = self.static_file(path)
        if file is None:
            self.send(HTTPStatus.NOT_FOUND, b"Not found\n", "text/plain; charset=utf-8", with_body)
            return
        self.send(HTTPStatus.OK, file.read_bytes(), TYPES[file.suffix], with_body,
                  cross_origin=path in CROSS_ORIGIN_FILES)

    def redirect_to_origin(self) -> bool:
        """Opened at http://127.0.0.1:8080 while Rasa only allows http://localhost:8080: go there instead."""
        origin = urlsplit(self.settings.web_origin)
        host = self.headers.get("Host", "")
        wanted = origin.netloc
        hostname = urlsplit(f"//{host}").hostname or ""
        if (host and host != wanted and origin.scheme == "http" and origin.hostname in LOOPBACK
                and hostname in LOOPBACK and urlsplit(f"//{host}").port == origin.port):
            self.send_response(HTTPStatus.TEMPORARY_REDIRECT)
            self.send_header("Location", self.settings.web_origin + self.path)
            self.send_header("Content-Length", "0")
            self.security_headers(page=False)
            self.end_headers()
            return True
        return False

    @staticmethod
    def static_file(path: str) -> Path | None:
        if path in VENDOR:
            return VENDOR[path] if VENDOR[path].is_file() else None
        if not re.fullmatch(r"/[A-Za-z0-9_\-]+(\.[A-Za-z0-9_\-]+)*\.[a-z]+", path):
            return None
        file = (PUBLIC / path.lstrip("/")).resolve()
        if PUBLIC.resolve() not in file.parents or file.suffix not in TYPES or not file.is_file():
            return None
        return file

    def send(self, status: HTTPStatus, body: bytes, content_type: str, with_body: bool,
             page: bool = False, cross_origin: bool = False) -> None:
        self.send_response(status)
        self.send_header("Content-Type", content_type)
        self.send_header("Content-Length", str(len(body)))
        # The page holds a conversation: never keep it in a cache. Scripts may be cached briefly.
        self.send_header("Cache-Control", "no-store" if page or status != HTTPStatus.OK else "max-age=300")
        self.security_headers(page=page, cross_origin=cross_origin)
        self.end_headers()
        if with_body:
            self.wfile.write(body)

    def security_headers(self, page: bool, cross_origin: bool = False) -> None:
        self.send_header("Content-Security-Policy", self.settings.content_security_policy())
        self.send_header("X-Content-Type-Options", "nosniff")
        self.send_header("Referrer-Policy", "no-referrer")
        self.send_header("Permissions-Policy", "camera=(), microphone=(), geolocation=(), payment=(), usb=()")
        self.send_header("Cross-Origin-Resource-Policy", "cross-origin" if cross_origin else "same-origin")
        if page:
            self.send_header("Cross-Origin-Opener-Policy", "same-origin")

    def log_message(self, format: str, *args: object) -> None:  # noqa: A002
        # Request lines only (no conversation passes through this server).
        sys.stderr.write(f"web: {format % args}\n")


def make_server(settings: Settings) -> ThreadingHTTPServer:
    """Fails here, at start, not on the first request, if the page, content or domain is broken."""
    handler = type("ConfiguredHandler", (Handler,), {"settings": settings, "page": render_page(settings)})
    return ThreadingHTTPServer((settings.host, settings.port), handler)


def main() -> None:
    settings = Settings.from_env()
    if not VENDOR["/vendor/deepChat.bundle.js"].is_file():
        sys.exit("web/node_modules is missing: run `npm ci --prefix web` (make web-install).")
    server = make_server(settings)
    print(f"Web chat at {settings.web_origin}/ (listening on {settings.host}:{server.server_port}), "
          f"talking to Rasa at {settings.rasa_url}", flush=True)
    try:
        server.serve_forever()
    except KeyboardInterrupt:
        pass
    finally:
        server.server_close()


if __name__ == "__main__":
    main()
