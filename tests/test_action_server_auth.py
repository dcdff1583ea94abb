"""The action server (actions/server.py), run for real: only Rasa's token runs an action; a failure says nothing."""
from __future__ import annotations

import json
import os
import subprocess
import urllib.error
import urllib.request
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from tests.conftest import rendered_domain
from tools.local_servers import ACTION_SERVER_TOKEN, BIN, ROOT, ActionServer, free_port

# Words a person might have written: they must never come back in an error, nor reach the log.
PRIVATE = "my stepdad has my photos"
PRIVATE_SLOT = "a-force-named-after-my-school"


@pytest.fixture(scope="module")
def server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[ActionServer]:
    with ActionServer(tmp_path_factory.mktemp("actions")) as running:
        yield running


def action_call(slots: dict[str, Any], domain: dict[str, Any] | None = None) -> dict[str, Any]:
    """What Rasa posts to run action_build_checklist, the tracker in the shape rasa_sdk reads."""
    return {
        "next_action": "action_build_checklist",
        "version": "3.6.21",
        "tracker": {"sender_id": "auth-test", "slots": slots, "events": [], "paused": False,
                    "latest_message": {"text": PRIVATE, "intent": {"name": "inform"}, "entities": []},
                    "followup_action": None, "active_loop": {}, "latest_action_name": "action_listen"},
        "domain": domain if domain is not None else rendered_domain(),
    }


def post(server: ActionServer, body: dict[str, Any], authorization: str | None) -> tuple[int, str]:
    headers = {"Content-Type": "application/json", **({"Authorization": authorization} if authorization else {})}
    request = urllib.request.Request(f"{server.url}/webhook", data=json.dumps(body).encode(), headers=headers)
    try:
        with urllib.request.urlopen(request, timeout=30) as response:
            return response.status, response.read().decode()
    except urllib.error.HTTPError as error:
        return error.code, error.read().decode()


ADULT_IN_WEST_YORKSHIRE = {"age_group": "adult", "police_force": "west_yorkshire", "platform": "snapchat"}


@pytest.mark.parametrize("authorization", [
    None,
    "Bearer " + "0" * len(ACTION_SERVER_TOKEN),
    ACTION_SERVER_TOKEN,
    f"Bearer {ACTION_SERVER_TOKEN}x",
    f"Basic {ACTION_SERVER_TOKEN}",
])
def test_without_the_token_nothing_runs(server: ActionServer, authorization: str | None) -> None:
    status, body = post(server, action_call(ADULT_IN_WEST_YORKSHIRE), authorization)
    assert (status, json.loads(body)) == (401, {"error": "unauthorized"})


def test_the_health_check_needs_no_token(server: ActionServer) -> None:
    with urllib.request.urlopen(f"{server.url}/health", timeout=10) as response:
        assert response.status == 200


def test_with_the_token_the_action_runs(server: ActionServer) -> None:
    status, body = post(server, action_call(ADULT_IN_WEST_YORKSHIRE), f"Bearer {ACTION_SERVER_TOKEN}")
    assert status == 200
    result = json.loads(body)
    assert result["responses"][0]["text"].startswith("Your checklist:\n1. ")
    assert {"name": "advice_given", "value": True}.items() <= result["events"][-1].items()


def test_a_failing_action_gets_a_generic_500_and_a_log_line_without_the_conversation(server: ActionServer) -> None:
    # An unknown force id makes the checklist's lookup raise a KeyError that quotes it.
    slots = {"age_group": "adult", "police_force": PRIVATE_SLOT}
    status, body = post(server, action_call(slots), f"Bearer {ACTION_SERVER_TOKEN}")
    assert status == 500
    assert PRIVATE not in body and PRIVATE_SLOT not in body and "auth-test" not in body
    assert json.loads(body) == {"error": "internal server error"}
    log = server.log_path.read_text(encoding="utf-8")
    assert "Action action_build_checklist failed: KeyError" in log
    assert PRIVATE not in log and PRIVATE_SLOT not in log


@pytest.mark.parametrize("token", [None, "", "x" * 31])
def test_it_will_not_start_without_a_long_enough_token(token: str | None, tmp_path: Path) -> None:
    env = {key: value for key, value in os.environ.items() if key != "ACTION_SERVER_TOKEN"}
    if token is not None:
        env["ACTION_SERVER_TOKEN"] = token
    finished = subprocess.run([str(BIN / "python"), "-m", "actions.server", "--port", str(free_port())],
                              cwd=ROOT, env=env, capture_output=True, text=True, timeout=120)
    assert finished.returncode == 1
    assert "needs ACTION_SERVER_TOKEN: a secret of at least 32 characters" in finished.stderr
