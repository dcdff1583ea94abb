"""The website chat in a real browser, against the real Rasa and action servers."""
from __future__ import annotations

import json
import re
import sqlite3
import time

from playwright.sync_api import Browser, FrameLocator, Page, expect

from channels.privacy import hash_sender
from tests.web.conftest import EXIT_URL, Servers, Tab, axe_violations, open_tab
from tools.local_servers import SENDER_ID_KEY

UUID = re.compile(r'^"[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}"$')


def ask_about_paying(tab: Tab) -> str:
    """Opens the chat, types "should I pay them?" and waits for the answer; returns the conversation id."""
    tab.open()
    tab.say("should I pay them?")
    tab.wait_for_bot("Don't pay")
    return tab.storage()["helper.sender"]


def ask_for_the_checklist(tab: Tab) -> None:
    """Opens the chat and asks for the checklist with the greeting's button, then the offer's."""
    tab.open()
    tab.click_button("Someone is threatening to share my pictures")
    tab.wait_for_bot("not your fault")
    tab.click_button("Yes, make my checklist")


def open_embedding_site(tab: Tab, attributes: str) -> Page:
    """Opens the other site's page with the embed snippet (`attributes` are its data-* options)."""
    servers = tab.servers
    servers.host.write_page(f'<script src="{servers.web.url}/embed.js" {attributes} defer></script>')
    tab.page.goto(servers.host.url + "/")
    return tab.page


def embedded_greeting_shown(page: Page, title: str) -> FrameLocator:
    """The chat's frame on the embedding page, once the greeting is in it."""
    frame = page.frame_locator(f"iframe[title='{title}']")
    expect(frame.locator("deep-chat .ai-message").filter(has_text="automated helper")).to_be_visible()
    return frame


def test_the_greeting_comes_from_rasa_without_showing_the_hidden_first_message(tab: Tab) -> None:
    tab.open()
    greeting = tab.wait_for_bot("automated helper")
    expect(greeting.locator(".rasa-button")).to_have_count(3)
    expect(tab.user_messages()).to_have_count(0)  # "/greet" is sent, never shown
    expect(tab.page.locator("#announcer")).to_contain_text("automated helper")
    storage = tab.storage()
    assert UUID.match(storage["helper.sender"])
    assert tab.page.evaluate("localStorage.length") == 0
    assert tab.context.cookies() == []
    tab.assert_clean()


def test_a_typed_question_gets_its_answer(tab: Tab) -> None:
    ask_about_paying(tab)
    expect(tab.page.locator("#announcer")).to_contain_text("Don't pay")
    tab.assert_clean()


def test_a_button_sends_its_payload_and_shows_its_title(tab: Tab) -> None:
    tab.open()
    tab.click_button("Should I pay them?")
    expect(tab.user_messages().last).to_have_text("Should I pay them?")
    tab.wait_for_bot("Don't pay")
    expect(tab.user_messages()).to_have_count(1)
    expect(tab.bot_messages().filter(has_text="Don't pay")).to_have_count(1)
    # The conversation kept the payload; the person saw the title.
    assert "/ask_should_pay" not in tab.chat.inner_text()
    tab.assert_clean()


def test_the_checklist_is_a_numbered_list_with_a_print_control(tab: Tab) -> None:
    ask_for_the_checklist(tab)
    checklist = tab.chat.locator(".checklist").last
    expect(checklist).to_be_visible()
    expect(checklist.locator("h3")).to_have_text("Your checklist")
    steps = checklist.locator("ol.checklist-steps > li")
    assert steps.count() >= 5
    # Shown once, as the list: the same steps sent as plain text are not repeated.
    expect(tab.bot_messages().filter(has_text="Your checklist:")).to_have_count(0)
    # Links open in a new tab and tell the new page nothing about this one.
    link = checklist.locator("a[href^='https://']").first
    expect(link).to_have_attribute("target", "_blank")
    expect(link).to_have_attribute("rel", "noopener noreferrer")
    assert not link.get_attribute("href").endswith((".", ")"))

    printer = checklist.get_by_role("button", name="Print / save as PDF")
    expect(printer).to_be_visible()
    tab.page.evaluate("() => { window.print = () => { window.printed = (window.printed || 0) + 1; }; }")
    printer.click()
    assert tab.page.evaluate("window.printed") == 1
    expect(tab.page.locator("#print-area li")).to_have_count(steps.count())

    tab.page.emulate_media(media="print")
    expect(tab.page.locator("#print-area")).to_be_visible()
    expect(tab.page.locator("main")).to_be_hidden()
    expect(tab.page.locator("header")).to_be_hidden()
    tab.screenshot("print.png")
    tab.page.emulate_media(media="screen")
    tab.assert_clean()


def test_the_conversation_survives_a_reload_of_the_tab(tab: Tab) -> None:
    sender = ask_about_paying(tab)
    tab.page.reload()
    tab.wait_for_bot("Don't pay")
    expect(tab.user_messages().filter(has_text="should I pay them?")).to_have_count(1)
    assert tab.storage()["helper.sender"] == sender
    tab.assert_clean()


def stored_events(servers: Servers, sender: str) -> int:
    """Rows in the store for the page's conversation id (as the page stores it: JSON)."""
    hashed = hash_sender("rest", json.loads(sender), SENDER_ID_KEY.encode())
    with sqlite3.connect(servers.rasa.db) as db:
        return db.execute("SELECT COUNT(*) FROM events WHERE sender_id = ?", (hashed,)).fetchone()[0]


def deleted_from_the_store(tab: Tab, sender: str) -> bool:
    """The page asks for the deletion without waiting for it: give it a few seconds.

    The wait is Playwright's, not `time.sleep`: the sync API runs the tab's route handler (which
    lets every local request through) only inside its own calls, so a sleep would hold the
    deletion request back until the deadline had passed.
    """
    deadline = time.monotonic() + 20
    while stored_events(tab.servers, sender) and time.monotonic() < deadline:
        tab.page.wait_for_timeout(200)
    return stored_events(tab.servers, sender) == 0


def test_clear_conversation_starts_again_with_a_new_id_and_deletes_the_old_one(tab: Tab) -> None:
    sender = ask_about_paying(tab)
    assert stored_events(tab.servers, sender) > 0
    tab.page.get_by_role("button", name="Clear conversation").click()
    assert deleted_from_the_store(tab, sender)
    expect(tab.user_messages()).to_have_count(0)
    tab.wait_for_bot("automated helper")
    expect(tab.bot_messages().filter(has_text="Don't pay")).to_have_count(0)
    assert UUID.match(tab.storage()["helper.sender"]) and tab.storage()["helper.sender"] != sender
    tab.assert_clean()


def leaves_for_good(tab: Tab, sender: str) -> None:
    """On the neutral site, Back does not return, and the conversation is gone from the tab."""
    expect(tab.page).to_have_url(EXIT_URL)
    tab.page.go_back()
    assert not tab.page.url.startswith(tab.servers.web.url)
    tab.page.goto(tab.servers.web.url + "/")
    tab.wait_for_bot("automated helper")
    expect(tab.user_messages()).to_have_count(0)
    assert tab.storage()["helper.sender"] != sender


def test_quick_exit_button_leaves_and_wipes_the_conversation_here_and_on_the_server(tab: Tab) -> None:
    sender = ask_about_paying(tab)
    assert stored_events(tab.servers, sender) > 0
    tab.page.get_by_role("link", name="Leave this site quickly").click()
    leaves_for_good(tab, sender)
    assert deleted_from_the_store(tab, sender)
    tab.assert_clean()


def test_escape_leaves_and_wipes_the_conversation(tab: Tab) -> None:
    sender = ask_about_paying(tab)
    tab.chat.locator("#text-input").click()
    tab.page.keyboard.press("Escape")
    leaves_for_good(tab, sender)
    tab.assert_clean()


def test_the_danger_line_and_privacy_note_are_shown(tab: Tab) -> None:
    tab.open()
    line = tab.page.locator(".danger-line")
    expect(line).to_have_text("In danger now? Call 999. Samaritans 116 123 (free, 24/7).")
    expect(line.get_by_role("link", name="999")).to_have_attribute("href", "tel:999")
    expect(line.get_by_role("link", name="116 123")).to_have_attribute("href", "tel:116123")
    note = tab.page.locator(".privacy")
    expect(note).to_contain_text("an hour without messages")
    expect(note).to_contain_text("don't send pictures")
    tab.assert_clean()


def test_no_serious_accessibility_violations(tab: Tab) -> None:
    ask_for_the_checklist(tab)
    expect(tab.chat.locator(".checklist")).to_be_visible()
    violations = axe_violations(tab.page)
    assert violations == [], violations
    tab.assert_clean()


def test_keyboard_alone_reaches_the_exit_the_chat_and_its_buttons(tab: Tab) -> None:
    tab.open()
    page = tab.page
    page.keyboard.press("Tab")
    expect(page.locator(".skip-link")).to_be_focused()
    page.keyboard.press("Tab")
    expect(page.locator("#quick-exit")).to_be_focused()
    # Tab on into the chat: the suggested reply buttons come before the message box.
    focused = []
    for _ in range(25):
        page.keyboard.press("Tab")
        focused.append(page.evaluate(
            "() => { let e = document.activeElement; while (e && e.shadowRoot && e.shadowRoot.activeElement)"
            " e = e.shadowRoot.activeElement; return e ? (e.id || e.className || e.tagName) : ''; }"))
        if focused[-1] == "text-input":
            break
    assert focused[-1] == "text-input" and "rasa-button" in focused, focused
    page.keyboard.type("should I pay them?")
    page.keyboard.press("Enter")
    tab.wait_for_bot("Don't pay")
    tab.assert_clean()


def test_works_at_320_px(browser: Browser, servers: Servers) -> None:
    tab = open_tab(browser, servers, width=320, height=640)
    try:
        tab.open()
        assert tab.page.evaluate("document.documentElement.scrollWidth") <= 320
        expect(tab.page.locator("#quick-exit")).to_be_in_viewport()
        tab.say("should I pay them?")
        tab.wait_for_bot("Don't pay")
        tab.page.mouse.wheel(0, 2000)
        expect(tab.page.locator("#quick-exit")).to_be_in_viewport()  # the bar stays on screen
        assert tab.page.evaluate("document.documentElement.scrollWidth") <= 320
        tab.screenshot("mobile-320.png")
        tab.assert_clean()
    finally:
        tab.context.close()


def test_screenshots_desktop_and_mobile(tab: Tab, mobile_tab: Tab) -> None:
    for current, name in ((tab, "desktop.png"), (mobile_tab, "mobile.png")):
        current.open()
        current.say("someone has my pictures and wants money")
        current.wait_for_bot("not your fault")
        assert current.screenshot(name).exists()
        current.assert_clean()


def test_the_embed_snippet_gives_the_same_chat_on_another_site(tab: Tab) -> None:
    page = open_embedding_site(tab, 'data-title="Get help" data-button-text="Worried? Talk to us"')
    page.get_by_role("button", name="Worried? Talk to us").click()
    frame = embedded_greeting_shown(page, "Get help")
    expect(frame.locator(".site-name")).to_have_text("Get help")
    box = frame.locator("deep-chat #text-input")
    box.click()
    box.fill("should I pay them?")
    page.keyboard.press("Enter")
    expect(frame.locator("deep-chat .ai-message").filter(has_text="Don't pay")).to_be_visible()
    tab.screenshot("embed.png")
    # The quick exit in the frame takes the whole page away.
    frame.get_by_role("link", name="Leave this site quickly").click()
    expect(page).to_have_url(EXIT_URL)
    page.go_back()
    assert not page.url.startswith(tab.servers.host.url)
    tab.assert_clean()


def test_escape_on_the_embedding_page_leaves_too(tab: Tab) -> None:
    page = open_embedding_site(tab, 'data-open="true"')
    embedded_greeting_shown(page, "Helper")
    page.locator("h1").click()  # focus on the embedding page, not in the frame
    page.keyboard.press("Escape")
    expect(page).to_have_url(EXIT_URL)
    tab.assert_clean()
