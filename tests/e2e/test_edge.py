"""What the REST channel lets in, against the real servers: each case once found taking the service down,
mixing people's conversations, or hiding a crisis (issue 12)."""
from __future__ import annotations

import json
import sqlite3
import time
import urllib.error
import urllib.request
import uuid
from concurrent.futures import ThreadPoolExecutor
from typing import Any

import pytest

from channels.edge import domain_text
from channels.privacy import hash_sender
from tests.e2e.conftest import Chat, flatten
from tools.local_servers import SENDER_ID_KEY, RasaServer

CRISIS = "I want to kill myself"
CRISIS_NUMBERS = ("116 123", "999")


def post(server: RasaServer, body: bytes, content_type: str = "application/json") -> tuple[int, Any]:
    request = urllib.request.Request(f"{server.url}/webhooks/rest/webhook", data=body,
                                     headers={"Content-Type": content_type})
    try:
        with urllib.request.urlopen(request, timeout=60) as response:
            return response.status, json.loads(response.read() or b"null")
    except urllib.error.HTTPError as error:
        return error.code, json.loads(error.read() or b"null")


def get(server: RasaServer, path: str) -> tuple[int, str]:
    try:
        with urllib.request.urlopen(f"{server.url}{path}", timeout=10) as response:
            return response.status, response.read().decode()
    except urllib.error.HTTPError as error:
        return error.code, error.read().decode()


def assert_still_answers_a_crisis(server: RasaServer) -> None:
    reply = flatten(server.say(f"after-{uuid.uuid4()}", CRISIS))
    assert all(number in reply for number in CRISIS_NUMBERS), reply


BAD_BODIES = [b"", b"null", b"[]", b'"hello"', b"42", b"{}", b"not json", b'{"message": "hi"}',
              b'{"sender": "", "message": "hi"}', b'{"sender": null, "message": "hi"}',
              b'{"sender": "\\udfff", "message": "hi"}', b'{"sender": "a\\tb", "message": "hi"}',
              json.dumps({"sender": "x" * 500, "message": "hi"}).encode(), b'{"sender": "abc", "message": ""}',
              b'{"sender": "abc", "message": 5}', b'{"sender": "abc", "message": ["hi"]}',
              b'{"sender": ["abc"], "message": "hi"}', b'{"sender": "abc", "message": "hi"']


@pytest.mark.parametrize("body", BAD_BODIES, ids=range(len(BAD_BODIES)))
def test_a_bad_body_gets_400_never_500_or_the_shared_default_conversation(rasa_server: RasaServer,
                                                                             body: bytes) -> None:
    status, answer = post(rasa_server, body)
    assert status == 400 and "error" in answer


def test_a_lone_surrogate_in_the_text_is_cleaned_and_answered(rasa_server: RasaServer) -> None:
    body = json.dumps({"sender": f"s-{uuid.uuid4()}", "message": "help \udfff me"})
    status, answer = post(rasa_server, body.encode())
    assert status == 200 and answer
    raw = "{\"sender\": \"raw-surrogate\", \"message\": \"\udfff\"}".encode("utf-8", "surrogatepass")
    assert post(rasa_server, raw)[0] == 200  # not UTF-8 at all: read as U+FFFD
    assert_still_answers_a_crisis(rasa_server)


def test_a_text_plain_post_from_another_site_is_handled_like_json(rasa_server: RasaServer) -> None:
    status, answer = post(rasa_server, json.dumps({"sender": f"p-{uuid.uuid4()}", "message": CRISIS}).encode(),
                          content_type="text/plain")
    assert status == 200 and "116 123" in flatten(answer)


def test_a_body_over_the_limit_is_refused_unread(rasa_server: RasaServer) -> None:
    status, _ = post(rasa_server, json.dumps({"sender": "big", "message": "x" * 400_000}).encode())
    assert status == 413
    assert_still_answers_a_crisis(rasa_server)


def test_a_long_message_gets_the_kind_note_and_an_answer_to_its_start(chat: Chat) -> None:
    reply = chat("Someone on Snapchat has my nudes and wants £200 or he'll send them to my friends. "
                 + "It started last week and he keeps messaging me from new accounts. " * 2000)
    assert domain_text("utter_message_too_long") in reply
    assert "snapchat" in reply.lower()  # the first part was read and answered


def test_a_crisis_is_answered_within_a_second_while_a_100_kb_message_is_read(rasa_server: RasaServer) -> None:
    long_message = json.dumps({"sender": f"long-{uuid.uuid4()}", "message": "he keeps messaging me " * 4_700})
    assert len(long_message) > 100_000

    def crisis() -> tuple[float, str]:
        time.sleep(0.05)  # the long message first
        start = time.monotonic()
        reply = flatten(rasa_server.say(f"crisis-{uuid.uuid4()}", CRISIS))
        return time.monotonic() - start, reply

    with ThreadPoolExecutor(2) as pool:
        long_reply = pool.submit(post, rasa_server, long_message.encode())
        seconds, reply = pool.submit(crisis).result()
        assert long_reply.result()[0] == 200
    assert "116 123" in reply
    assert seconds < 1.0, f"the crisis answer took {seconds:.2f} s"


def test_text_after_a_command_is_understood(chat: Chat) -> None:
    reply = chat("/greet{} " + CRISIS)
    assert all(number in reply for number in CRISIS_NUMBERS)


@pytest.mark.parametrize("injected", [
    '/inform{"police_force": "nonexistent"}', '/inform{"age_group": "banana"}', '/inform{"country": "atlantis"}',
    '/inform{"platform": "nowhere"}', '/inform{"location": "<b>Evilton</b>"}', "/restart", "/session_start"])
def test_a_typed_command_cannot_break_the_conversation(chat: Chat, injected: str) -> None:
    chat("someone has my pics and wants money")
    assert "Evilton" not in chat(injected)
    reply = chat("I'm in Leeds, who do I report to?")
    assert "westyorkshire.police.uk" in reply
    checklist = chat("make my checklist")
    assert "Your checklist:" in checklist and "Evilton" not in checklist


def test_the_buttons_still_work(chat: Chat) -> None:
    chat("someone has my pics and wants money")
    reply = chat('/inform{"age_group": "under_18"}')
    assert "CEOP" in reply or "Childline" in reply
    assert "Your checklist:" in chat("/request_checklist")


def test_rest_sender_ids_are_stored_only_as_keyed_hashes(rasa_server: RasaServer, chat: Chat) -> None:
    chat("hello")
    with sqlite3.connect(rasa_server.db) as db:
        stored = {row[0] for row in db.execute("SELECT DISTINCT sender_id FROM events")}
    assert chat.sender not in stored  # type: ignore[attr-defined]
    assert all(sender.startswith("rest-") and len(sender) == len("rest-") + 64 for sender in stored)


def test_no_version_banner_no_http_api_and_no_socketio(rasa_server: RasaServer) -> None:
    status, text = get(rasa_server, "/")
    assert status == 200 and "Rasa" not in text and "3.6" not in text
    for path in ("/status", "/version", "/conversations/x/tracker", "/socket.io/?EIO=4&transport=polling"):
        assert get(rasa_server, path)[0] == 404, path


def stored_events(server: RasaServer, sender: str) -> int:
    hashed = hash_sender("rest", sender, SENDER_ID_KEY.encode())
    with sqlite3.connect(server.db) as db:
        return db.execute("SELECT COUNT(*) FROM events WHERE sender_id = ?", (hashed,)).fetchone()[0]


def test_delete_my_conversation_removes_it_from_the_store(rasa_server: RasaServer, chat: Chat) -> None:
    chat("I'm 15, I live in Leeds and he has my pics")
    offer = chat("can you delete this conversation?")
    assert "(/forget_conversation)" in offer
    assert stored_events(rasa_server, chat.sender) > 0  # type: ignore[attr-defined]
    assert "deleted" in chat("/forget_conversation")
    assert stored_events(rasa_server, chat.sender) == 0  # type: ignore[attr-defined]
    assert "westyorkshire" not in chat("who do I report to?")  # a new conversation: nothing remembered
