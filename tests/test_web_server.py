"""web/server.py without a browser: the page it fills in, its headers, what it refuses to serve."""
from __future__ import annotations

import http.client
import re
import threading
from collections.abc import Iterator
from pathlib import Path

import pytest

from knowledge.content import ContentError, lookup
from web import server as web_server
from web.server import ROOT, Settings, expiry_words, make_server, render_page

WEB_FILES = [ROOT / "web" / "index.html", *sorted((ROOT / "web" / "public").glob("*.*"))]


def test_web_files_type_no_emergency_or_helpline_number() -> None:
    numbers = [str(lookup("services.emergency.phone")), str(lookup("services.samaritans.phone"))]
    for path in WEB_FILES:
        text = path.read_text(encoding="utf-8")
        for number in numbers:
            assert not re.search(rf"(?<![\d#]){re.escape(number)}(?!\d)", text), f"{number} typed into {path.name}"


def test_the_page_gets_the_numbers_from_content() -> None:
    page = render_page(Settings()).decode()
    assert "{{" not in page and "[[" not in page
    assert f'Call <a href="tel:999">{lookup("services.emergency.phone")}</a>' in page
    assert f'Samaritans <a href="tel:116123">{lookup("services.samaritans.phone")}</a> (free, 24/7).' in page
    assert '"webhook": "http://localhost:5005/webhooks/rest/webhook"' in page
    assert 'href="https://www.bbc.co.uk/weather"' in page
    assert "After an hour without messages" in page


def test_a_content_reference_the_content_lacks_is_an_error(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    template = tmp_path / "index.html"
    template.write_text("<p>[[services.nonexistent.phone]]</p>", encoding="utf-8")
    monkeypatch.setattr(web_server, "TEMPLATE", template)
    with pytest.raises(ContentError):
        render_page(Settings())


def test_server_values_are_escaped_and_are_not_content(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    template = tmp_path / "index.html"
    template.write_text('<a href="{{SERVER_EXIT_URL}}">[[services.samaritans.phone]]</a>', encoding="utf-8")
    monkeypatch.setattr(web_server, "TEMPLATE", template)
    page = render_page(Settings(exit_url="https://example.org/?a=1&b=2")).decode()
    assert page == f'<a href="https://example.org/?a=1&amp;b=2">{lookup("services.samaritans.phone")}</a>'


def test_settings_come_from_the_environment() -> None:
    settings = Settings.from_env({"RASA_URL": "https://bot.example.org/", "WEB_PORT": "9000",
                                  "FRAME_ANCESTORS": "'self' https://www.example.org", "EXIT_URL": "https://www.example.com/"})
    assert settings.webhook == "https://bot.example.org/webhooks/rest/webhook"
    assert settings.web_origin == "http://localhost:9000"
    csp = settings.content_security_policy()
    assert "connect-src https://bot.example.org/webhooks/rest/webhook;" in csp
    assert "frame-ancestors 'self' https://www.example.org" in csp
    assert "script-src 'self';" in csp and "default-src 'none'" in csp and "unsafe" not in csp


@pytest.mark.parametrize("env", [{"FRAME_ANCESTORS": "*"}, {"FRAME_ANCESTORS": "https://a.org;script-src"},
                                 {"RASA_URL": "javascript:alert(1)"}, {"EXIT_URL": "ftp://example.org"}])
def test_bad_settings_are_refused(env: dict[str, str]) -> None:
    with pytest.raises(ValueError):
        Settings.from_env(env)


def test_expiry_in_words() -> None:
    assert expiry_words(60) == "an hour"
    assert expiry_words(120) == "2 hours"
    assert expiry_words(30) == "30 minutes"


@pytest.fixture(scope="module")
def server() -> Iterator[int]:
    settings = Settings(rasa_url="http://127.0.0.1:5005", web_origin="http://localhost:0", port=0)
    httpd = make_server(settings)
    port = httpd.server_port
    settings.web_origin = f"http://localhost:{port}"
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    yield port
    httpd.shutdown()
    httpd.server_close()


def get(port: int, path: str, host: str | None = None) -> http.client.HTTPResponse:
    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=10)
    connection.request("GET", path, headers={"Host": host or f"localhost:{port}"})
    response = connection.getresponse()
    response.read()
    return response


def test_the_page_has_strict_security_headers(server: int) -> None:
    response = get(server, "/")
    assert response.status == 200
    assert response.getheader("Content-Type") == "text/html; charset=utf-8"
    csp = response.getheader("Content-Security-Policy")
    assert "connect-src http://127.0.0.1:5005/webhooks/rest/webhook" in csp
    assert "frame-ancestors 'self'" in csp
    assert response.getheader("X-Content-Type-Options") == "nosniff"
    assert response.getheader("Referrer-Policy") == "no-referrer"
    assert response.getheader("Cache-Control") == "no-store"
    assert response.getheader("Set-Cookie") is None


def test_static_files_and_the_embed_script(server: int) -> None:
    assert get(server, "/app.js").getheader("Content-Type") == "text/javascript; charset=utf-8"
    assert get(server, "/style.css").status == 200
    embed = get(server, "/embed.js")
    assert embed.status == 200 and embed.getheader("Cross-Origin-Resource-Policy") == "cross-origin"
    assert get(server, "/app.js").getheader("Cross-Origin-Resource-Policy") == "same-origin"


def test_the_vendored_bundle_is_served_when_installed(server: int) -> None:
    bundle = ROOT / "web" / "node_modules" / "deep-chat" / "dist" / "deepChat.bundle.js"
    if not bundle.exists():
        pytest.skip("web/node_modules not installed (make web-install)")
    assert get(server, "/vendor/deepChat.bundle.js").status == 200


@pytest.mark.parametrize("path", ["/package.json", "/../web/server.py", "/server.py", "/%2e%2e/README.md",
                                  "/node_modules/deep-chat/package.json", "/index.html.bak", "/vendor/other.js"])
def test_nothing_else_is_served(server: int, path: str) -> None:
    assert get(server, path).status == 404


def test_loopback_address_is_sent_to_the_origin_rasa_allows(server: int) -> None:
    response = get(server, "/", host=f"127.0.0.1:{server}")
    assert response.status == 307
    assert response.getheader("Location") == f"http://localhost:{server}/"
    assert get(server, "/", host=f"localhost:{server}").status == 200


def test_web_files_exist() -> None:
    assert {Path(p).name for p in WEB_FILES} >= {"index.html", "app.js", "style.css", "embed.js"}


def test_the_page_is_rendered_once_not_for_each_request(server: int, monkeypatch: pytest.MonkeyPatch) -> None:
    # Rendering reads the whole domain (about a megabyte): per request, it made the page slower than
    # the test servers' two-second readiness check on a loaded machine.
    def fail(*_: object) -> bytes:
        raise AssertionError("the page was rendered again for a request")

    monkeypatch.setattr(web_server, "render_page", fail)
    monkeypatch.setattr(web_server, "session_minutes", fail)
    assert get(server, "/").status == 200
