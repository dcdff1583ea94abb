"""Prints where Rasa's time goes per message: each NLU component and policy, the store, the replies, the actions.

Usage, from the project root: .venv/bin/python -m bench.profile_message [ROUNDS]
Loads the trained model in this process with the project's endpoints (its own
action server and gateway on free ports, a temporary SQLite store), plays
bench.load's conversations ROUNDS times (default 3) after one warm-up round,
and prints the mean milliseconds per message for every graph node and for the
tracker store, the reply generator and the action calls (issue 13: measure
before removing). Timing wraps Rasa's own functions; nothing else changes.
"""
from __future__ import annotations

import asyncio
import logging
import os
import sys
import tempfile
import time
import uuid
from collections import defaultdict
from collections.abc import Callable
from pathlib import Path
from typing import Any

import yaml

from bench.load import CONVERSATIONS
from tools.local_servers import ACTION_SERVER_TOKEN, MODEL, ROOT, UNLIMITED_RATES, ActionGateway, ActionServer

SPENT: dict[str, float] = defaultdict(float)
CALLS: dict[str, int] = defaultdict(int)


def timed(owner: Any, name: str, label: Callable[..., str]) -> None:
    """Replaces owner.name (sync or async) with a version that adds its wall time to SPENT[label(*args)]."""
    original = getattr(owner, name)
    if asyncio.iscoroutinefunction(original):
        async def wrapper(*args: Any, **kwargs: Any) -> Any:
            started = time.perf_counter()
            try:
                return await original(*args, **kwargs)
            finally:
                SPENT[label(*args)] += time.perf_counter() - started
                CALLS[label(*args)] += 1
    else:
        def wrapper(*args: Any, **kwargs: Any) -> Any:  # type: ignore[misc]
            started = time.perf_counter()
            try:
                return original(*args, **kwargs)
            finally:
                SPENT[label(*args)] += time.perf_counter() - started
                CALLS[label(*args)] += 1
    setattr(owner, name, wrapper)


def instrument() -> None:
    from rasa.core.actions.action import RemoteAction
    from rasa.core.processor import MessageProcessor
    from rasa.engine.graph import GraphNode

    from stores.redacting import RedactingSQLTrackerStore

    timed(GraphNode, "__call__", lambda node, *_: f"node {node._node_name}")
    timed(RedactingSQLTrackerStore, "save", lambda *_: "store save")
    timed(RedactingSQLTrackerStore, "retrieve", lambda *_: "store retrieve")
    timed(RemoteAction, "run", lambda action, *_: f"action {action.name()} (HTTP)")
    timed(MessageProcessor, "handle_message", lambda *_: "TOTAL handle_message")


async def play(agent: Any, rounds: int) -> int:
    from rasa.core.channels.channel import CollectingOutputChannel, UserMessage

    sent = 0
    for _ in range(rounds):
        for conversation in CONVERSATIONS:
            sender = uuid.uuid4().hex
            for text in conversation:
                await agent.handle_message(UserMessage(text, CollectingOutputChannel(), sender))
                sent += 1
    return sent


def report(sent: int) -> None:
    print(f"{sent} messages; milliseconds per message, calls per message, milliseconds per call:")
    for name, seconds in sorted(SPENT.items(), key=lambda item: -item[1]):
        print(f"{1000 * seconds / sent:8.2f} {CALLS[name] / sent:6.2f} {1000 * seconds / CALLS[name]:8.2f}  {name}")


def endpoints_file(directory: Path, gateway_url: str) -> Path:
    """The project's endpoints.yml with this run's gateway and a new SQLite store."""
    endpoints = yaml.safe_load((ROOT / "endpoints.yml").read_text(encoding="utf-8"))
    endpoints["action_endpoint"]["url"] = f"{gateway_url}/webhook"
    endpoints["tracker_store"]["db"] = str(directory / "conversations.db")
    path = directory / "endpoints.yml"
    path.write_text(yaml.safe_dump(endpoints), encoding="utf-8")
    return path


def main(rounds: int) -> None:
    from rasa.core.agent import load_agent
    from rasa.core.utils import AvailableEndpoints
    from rasa.utils.common import configure_logging_and_warnings
    from rasa.utils.log_utils import configure_structlog

    configure_logging_and_warnings(logging.WARNING)
    configure_structlog(logging.WARNING)
    os.environ.update({**UNLIMITED_RATES, "ACTION_SERVER_TOKEN": ACTION_SERVER_TOKEN})
    with tempfile.TemporaryDirectory() as tmp, ActionServer(Path(tmp)) as actions, \
            ActionGateway(Path(tmp), actions.url) as gateway:
        endpoints = AvailableEndpoints.read_endpoints(str(endpoints_file(Path(tmp), gateway.url)))

        async def run() -> None:
            agent = await load_agent(model_path=str(MODEL), endpoints=endpoints)
            instrument()
            await play(agent, 1)  # warm-up, not counted
            SPENT.clear()
            CALLS.clear()
            report(await play(agent, rounds))

        asyncio.run(run())


if __name__ == "__main__":
    main(int(sys.argv[1]) if len(sys.argv) > 1 else 3)
