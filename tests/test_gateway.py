"""gateway.actions against fake action servers that answer, fail, hang or are gone (local aiohttp servers)."""
from __future__ import annotations

import asyncio
import json
import time
from collections.abc import Awaitable, Callable
from typing import Any

import pytest
from aiohttp import web
from aiohttp.test_utils import TestClient, TestServer

from gateway.actions import Gateway, from_environment, plain_answer
from knowledge.content import platform

TOKEN = "t" * 40
CALL = {"next_action": "action_build_checklist", "sender_id": "rest-abc",
        "tracker": {"slots": {"platform": "instagram", "region": "uk"}, "events": []},
        "domain": {"responses": {}}}
GOOD = {"events": [{"event": "slot", "name": "advice_given", "value": True}],
        "responses": [{"text": "Your checklist"}]}
Behaviour = Callable[[web.Request], Awaitable[web.StreamResponse]]


async def answers(_: web.Request) -> web.Response:
    return web.json_response(GOOD)


async def fails(_: web.Request) -> web.Response:
    return web.json_response({"error": "boom"}, status=500)


async def hangs(_: web.Request) -> web.Response:
    await asyncio.sleep(30)
    return web.json_response(GOOD)


async def rejects(_: web.Request) -> web.Response:
    return web.json_response({"action_name": "action_build_checklist", "error": "no"}, status=400)


def call_through(*behaviours: Behaviour | None, timeout: float = 0.5,
                 auth: str | None = f"Bearer {TOKEN}") -> tuple[int, Any, float, list[str]]:
    """Status, JSON body and seconds of one call through a gateway to upstreams behaving so (None: gone)."""

    async def scenario() -> tuple[int, Any, float, list[str]]:
        seen: list[str] = []
        servers, urls = [], []
        for behaviour in behaviours:
            if behaviour is None:
                urls.append("http://127.0.0.1:9/webhook")  # nothing listens on port 9
                continue

            async def upstream(request: web.Request, behaviour: Behaviour = behaviour) -> web.StreamResponse:
                seen.append(request.headers.get("Authorization", ""))
                return await behaviour(request)

            app = web.Application()
            app.router.add_post("/webhook", upstream)
            server = TestServer(app)
            await server.start_server()
            servers.append(server)
            urls.append(str(server.make_url("/webhook")))
        gateway = Gateway(urls, TOKEN, timeout)
        async with TestClient(TestServer(gateway.app())) as client:
            start = time.monotonic()
            headers = {"Authorization": auth} if auth else {}
            reply = await client.post("/webhook", data=json.dumps(CALL), headers=headers)
            body = await reply.json()
            elapsed = time.monotonic() - start
        for server in servers:
            await server.close()
        return reply.status, body, elapsed, seen

    return asyncio.run(scenario())


def test_a_good_answer_is_passed_on_with_the_secret() -> None:
    status, body, _, seen = call_through(answers)
    assert (status, body) == (200, GOOD)
    assert seen == [f"Bearer {TOKEN}"]


def test_a_rejection_is_passed_on_for_rasa_to_handle() -> None:
    status, body, _, _ = call_through(rejects)
    assert status == 400 and body["action_name"] == "action_build_checklist"


@pytest.mark.parametrize("behaviour", [fails, hangs, None], ids=["fails", "hangs", "gone"])
def test_a_failed_slow_or_missing_action_server_gets_the_plain_answer_in_time(behaviour: Behaviour | None) -> None:
    status, body, elapsed, _ = call_through(behaviour)
    assert status == 200 and body == plain_answer(CALL)
    assert elapsed < 2.0


def test_the_plain_answer_is_the_core_steps_and_the_apps_report_button() -> None:
    answer = plain_answer(CALL)
    assert answer["events"] == []
    assert answer["responses"] == [
        {"response": "utter_core_steps"},
        {"response": "utter_platform_unknown", "platform_in_app": platform("instagram")["in_app"]}]
    assert plain_answer({"tracker": {"slots": {"platform": None}}})["responses"] == [{"response": "utter_core_steps"}]


def test_without_the_slot_the_last_app_named_is_used() -> None:
    said = {"event": "user", "parse_data": {"entities": [{"entity": "platform", "value": "snapchat"}]}}
    answer = plain_answer({"tracker": {"slots": {}, "events": [said, {"event": "bot", "text": "..."}]}})
    assert answer["responses"][1]["platform_in_app"] == platform("snapchat")["in_app"]


def test_an_unreachable_upstream_is_skipped_for_the_next() -> None:
    status, body, _, seen = call_through(None, answers)
    assert (status, body) == (200, GOOD) and len(seen) == 1


@pytest.mark.parametrize("auth", [None, "Bearer wrong", f"Basic {TOKEN}"])
def test_calls_without_the_secret_are_refused(auth: str | None) -> None:
    status, _, _, seen = call_through(answers, auth=auth)
    assert status == 401 and seen == []


def test_it_will_not_start_without_a_long_secret() -> None:
    with pytest.raises(SystemExit, match="ACTION_SERVER_TOKEN"):
        from_environment({"ACTION_SERVER_TOKEN": "short"})
    gateway = from_environment({"ACTION_SERVER_TOKEN": TOKEN, "ACTION_UPSTREAM_URLS": "http://a/webhook, http://b/webhook"})
    assert gateway.upstreams == ["http://a/webhook", "http://b/webhook"]
