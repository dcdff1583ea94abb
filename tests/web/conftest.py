"""Browser tests of the website chat: real action server, Rasa (CORS limited to the page) and web server.

Headless Chromium from Debian's `chromium` package, driven by Playwright for
Python (Playwright cannot download its own browsers here). Every request the
browser makes is recorded; anything not on this machine is blocked and fails
the test, and the neutral "quick exit" site is answered locally.
"""
from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import urlsplit

import pytest
from playwright.sync_api import Browser, BrowserContext, Locator, Page, Playwright, Route, expect, sync_playwright

from tests.web.host_site import HostSite
from tools.local_servers import MODEL, ROOT, ActionServer, RasaServer, WebServer, running

CHROMIUM = Path("/usr/bin/chromium")
BUNDLE = ROOT / "web" / "node_modules" / "deep-chat" / "dist" / "deepChat.bundle.js"
AXE = ROOT / "web" / "node_modules" / "axe-core" / "axe.min.js"
SCREENSHOTS = ROOT / "build" / "screenshots"
CHROMIUM_ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                 "--disable-background-networking", "--disable-component-update", "--disable-sync"]
LOCAL_HOSTS = {"127.0.0.1", "localhost"}
EXIT_URL = "https://www.bbc.co.uk/weather"  # the quick exit's neutral site, answered by the browser's route below
REPLY_TIMEOUT = 60_000

expect.set_options(timeout=REPLY_TIMEOUT)


@dataclass
class Servers:
    web: WebServer
    rasa: RasaServer
    host: HostSite


@pytest.fixture(scope="session")
def servers(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Servers]:
    if not MODEL.exists():
        pytest.fail("no trained model: run `make train`")
    if not BUNDLE.exists() or not AXE.exists():
        pytest.fail("web/node_modules is missing: run `make web-install` (npm ci --prefix web)")
    logs = tmp_path_factory.mktemp("web-servers")
    host = HostSite(logs / "host-site")
    web = WebServer(logs, frame_ancestors=f"'self' {host.url}", exit_url=EXIT_URL)
    actions = ActionServer(logs)
    rasa = RasaServer(logs, actions.url, cors=[web.url])
    web.rasa_url = rasa.url
    with running(actions, rasa, web, host):
        yield Servers(web=web, rasa=rasa, host=host)


@pytest.fixture(scope="session")
def playwright() -> Iterator[Playwright]:
    with sync_playwright() as driver:
        yield driver


@pytest.fixture(scope="session")
def browser(playwright: Playwright) -> Iterator[Browser]:
    if not CHROMIUM.exists():
        pytest.fail("Chromium is missing: run `make web-install` (apt-get install chromium)")
    browser = playwright.chromium.launch(executable_path=str(CHROMIUM), headless=True, args=CHROMIUM_ARGS)
    yield browser
    browser.close()


@dataclass
class Tab:
    """One browser tab on the chat page, with every request and console error it caused."""

    context: BrowserContext
    page: Page
    servers: Servers
    requests: list[str] = field(default_factory=list)
    external: list[str] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)

    @property
    def chat(self) -> Locator:
        return self.page.locator("deep-chat")

    def open(self) -> None:
        self.page.goto(self.servers.web.url + "/")
        self.wait_for_bot("automated helper")

    def bot_messages(self) -> Locator:
        return self.chat.locator(".ai-message")

    def user_messages(self) -> Locator:
        return self.chat.locator(".user-message")

    def wait_for_bot(self, text: str) -> Locator:
        message = self.bot_messages().filter(has_text=text).last
        expect(message).to_be_visible()
        return message

    def say(self, text: str) -> None:
        box = self.chat.locator("#text-input")
        box.click()
        box.fill(text)
        self.page.keyboard.press("Enter")
        expect(self.user_messages().filter(has_text=text).last).to_be_visible()

    def click_button(self, title: str) -> None:
        self.chat.locator(".rasa-button", has_text=title).last.click()

    def storage(self) -> dict[str, str]:
        return self.page.evaluate("() => ({...sessionStorage})")

    def screenshot(self, name: str) -> Path:
        SCREENSHOTS.mkdir(parents=True, exist_ok=True)
        path = SCREENSHOTS / name
        self.page.screenshot(path=str(path))
        return path

    def assert_clean(self) -> None:
        assert not self.errors, f"console errors: {self.errors}"
        assert not self.external, f"requests that would leave this machine: {self.external}"
        for url in self.requests:
            parts = urlsplit(url)
            assert parts.scheme in ("data", "blob") or parts.hostname in LOCAL_HOSTS or url.startswith(EXIT_URL), url


def open_tab(browser: Browser, servers: Servers, width: int = 1280, height: int = 800) -> Tab:
    context = browser.new_context(viewport={"width": width, "height": height}, reduced_motion="reduce")
    page = context.new_page()
    tab = Tab(context=context, page=page, servers=servers)

    def route(route: Route) -> None:
        url = route.request.url
        if url.startswith(EXIT_URL):
            route.fulfill(status=200, content_type="text/html",
                          body="<!doctype html><title>Weather</title><h1>Weather</h1>")
        elif urlsplit(url).hostname in LOCAL_HOSTS:
            route.continue_()
        else:
            tab.external.append(url)
            route.abort()

    context.route("**/*", route)
    context.on("request", lambda request: tab.requests.append(request.url))
    page.on("console", lambda message: tab.errors.append(message.text) if message.type == "error" else None)
    page.on("pageerror", lambda error: tab.errors.append(str(error)))
    return tab


@pytest.fixture
def tab(browser: Browser, servers: Servers) -> Iterator[Tab]:
    tab = open_tab(browser, servers)
    yield tab
    tab.context.close()


@pytest.fixture
def mobile_tab(browser: Browser, servers: Servers) -> Iterator[Tab]:
    tab = open_tab(browser, servers, width=375, height=740)
    yield tab
    tab.context.close()


def axe_violations(page: Page) -> list[dict]:
    """axe-core's serious and critical violations on the page (shadow DOM included)."""
    page.evaluate(AXE.read_text(encoding="utf-8"))
    violations = page.evaluate(
        """async () => (await axe.run(document, {resultTypes: ['violations']})).violations.map(v => ({
             id: v.id, impact: v.impact, help: v.help,
             nodes: v.nodes.map(n => n.target.join(' ') + ': ' + n.failureSummary)}))"""
    )
    return [v for v in violations if v["impact"] in ("serious", "critical")]
