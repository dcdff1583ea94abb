"""Session fixtures: the fake platforms, the action server and one Rasa server with every messaging channel on.

The credentials come from `python -m channels.credentials` with the same variables a
deployment sets, with the API bases pointed at the fake.
"""
from __future__ import annotations

import random
import re
import sqlite3
import time
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

import pytest

from channels.credentials import main as write_credentials
from channels.privacy import hash_sender
from tests.channels.platforms import SENDER_ID_KEY, FakePlatforms
from tools.local_servers import MODEL, ActionServer, RasaServer, running

MODEL_WAIT = 1800  # seconds: a model being trained elsewhere is waited for, never trained here
NO_PAY = re.compile(r"don't pay|do not pay", re.IGNORECASE)


@dataclass
class Channels:
    """The running servers, and every raw id the tests used (none may be stored or logged)."""

    rasa: RasaServer
    platforms: FakePlatforms
    raw_ids: set[str] = field(default_factory=set)

    @property
    def url(self) -> str:
        return self.rasa.url

    def new_chat_id(self) -> int:
        chat_id = random.randint(7_000_000_000, 7_999_999_999)
        self.raw_ids.add(str(chat_id))
        return chat_id

    def new_phone(self) -> str:
        phone = f"whatsapp:+4477009{random.randint(0, 99999):05d}"
        self.raw_ids.add(phone.removeprefix("whatsapp:+"))
        return phone

    def new_psid(self) -> str:
        psid = str(random.randint(2_000_000_000_000_000, 2_999_999_999_999_999))
        self.raw_ids.add(psid)
        return psid

    @staticmethod
    def hashed(channel: str, raw_id: str | int) -> str:
        """The sender id Rasa gets for a raw id: its keyed hash, with the fake deployment's SENDER_ID_KEY."""
        return hash_sender(channel, str(raw_id), SENDER_ID_KEY.encode())

    def sender_ids(self) -> set[str]:
        with sqlite3.connect(self.rasa.db) as db:
            return {row[0] for row in db.execute("SELECT DISTINCT sender_id FROM events")}

    def events_of(self, hashed_id: str) -> list[tuple[str, str]]:
        with sqlite3.connect(self.rasa.db) as db:
            return list(db.execute("SELECT type_name, data FROM events WHERE sender_id = ?", (hashed_id,)))


def wait_for_model() -> None:
    deadline = time.monotonic() + MODEL_WAIT
    while not MODEL.exists():
        if time.monotonic() > deadline:
            pytest.fail(f"no trained model at {MODEL}: run `make train`")
        time.sleep(10)


@pytest.fixture(scope="session")
def platforms() -> Iterator[FakePlatforms]:
    fake = FakePlatforms()
    fake.start()
    yield fake
    fake.stop()


@pytest.fixture(scope="session")
def channels(platforms: FakePlatforms, tmp_path_factory: pytest.TempPathFactory) -> Iterator[Channels]:
    wait_for_model()
    log_dir = tmp_path_factory.mktemp("channels")
    credentials = log_dir / "credentials.yml"
    assert write_credentials(["--out", str(credentials)], platforms.env()) == 0
    actions = ActionServer(log_dir)
    rasa = RasaServer(log_dir, actions.url, credentials, platforms.env())
    with running(actions, rasa):
        yield Channels(rasa, platforms)


def rasa_log(channels: Channels) -> str:
    return Path(channels.rasa.log_path).read_text(errors="replace")
