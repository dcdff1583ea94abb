"""channels.rest at the edge: status codes, the body limit, the rates, no banner (a Sanic server, no model)."""
from __future__ import annotations

import json
import os
import subprocess
import sys
import urllib.error
import urllib.request
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from channels.edge import domain_text
from tools.local_servers import ROOT, answers_200, free_port, wait_for


@pytest.fixture(scope="module")
def server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    port = free_port()
    log = tmp_path_factory.mktemp("rest") / "rest.log"
    env = {**os.environ, "SENDER_ID_KEY": "k" * 64, "SENDER_RATE_PER_MINUTE": "6", "ADDRESS_RATE_PER_MINUTE": "60"}
    with open(log, "wb") as out:
        process = subprocess.Popen([sys.executable, "-m", "tests.rest_echo_server", str(port)], cwd=ROOT,
                                   env=env, stdout=out, stderr=subprocess.STDOUT)
    url = f"http://127.0.0.1:{port}"
    try:
        wait_for(lambda: answers_200(f"{url}/webhooks/rest/"), 60, "the REST echo server")
        yield url
    finally:
        process.terminate()
        process.wait(timeout=20)


def post(url: str, body: bytes) -> tuple[int, Any]:
    request = urllib.request.Request(f"{url}/webhooks/rest/webhook", data=body,
                                     headers={"Content-Type": "application/json"})
    try:
        with urllib.request.urlopen(request, timeout=30) as response:
            return response.status, json.loads(response.read() or b"null")
    except urllib.error.HTTPError as error:
        return error.code, json.loads(error.read() or b"null") if error.code != 413 else None


def say(url: str, sender: str, text: str) -> tuple[int, Any]:
    return post(url, json.dumps({"sender": sender, "message": text}).encode())


def test_a_message_reaches_rasa_under_a_hashed_id(server: str) -> None:
    status, replies = say(server, "person-1", "hello")
    assert status == 200 and replies[0]["text"] == "echo: hello"
    assert replies[0]["recipient_id"].startswith("rest-") and "person-1" not in replies[0]["recipient_id"]


def test_a_body_over_the_limit_gets_413(server: str) -> None:
    assert post(server, json.dumps({"sender": "big", "message": "x" * 300_000}).encode())[0] == 413


def test_a_sender_who_floods_gets_the_kind_reply_not_a_queue(server: str) -> None:
    answers = [say(server, "flood-1", f"message {n}") for n in range(14)]
    assert all(status == 200 for status, _ in answers)
    slowed = [replies for _, replies in answers if replies[0]["text"] == domain_text("utter_slow_down")]
    assert 1 <= len(slowed) <= 5  # a burst of 10 goes through first
    assert say(server, "flood-2", "someone else")[1][0]["text"] == "echo: someone else"


def test_an_address_that_floods_gets_429_with_the_kind_reply(server: str) -> None:
    statuses = [say(server, f"address-{n}", "hi") for n in range(90)]
    limited = [replies for status, replies in statuses if status == 429]
    assert limited and limited[0][0]["text"] == domain_text("utter_slow_down")


def test_no_version_banner(server: str) -> None:
    with urllib.request.urlopen(f"{server}/", timeout=10) as response:
        text = response.read().decode()
    assert "Rasa" not in text and "Sanic" not in text


def test_the_sender_key_comes_from_var_when_not_set(tmp_path: Path) -> None:
    from channels.rest import local_key

    key_file = tmp_path / "var" / "sender-id.key"
    key = local_key(key_file)
    assert len(key) == 64 and local_key(key_file) == key
    assert key_file.stat().st_mode & 0o777 == 0o600
