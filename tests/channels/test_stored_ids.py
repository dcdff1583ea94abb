"""Only keyed hashes reach the tracker store and the logs: no phone number, chat id or account id."""
from __future__ import annotations

import re
from pathlib import Path

from tests.channels.conftest import Channels
from tests.channels.platforms import (
    messenger_text,
    post_facebook,
    post_telegram,
    post_twilio,
    telegram_update,
    twilio_fields,
)

HASHED = re.compile(r"(telegram|twilio|facebook|rest)-[0-9a-f]{64}")


def test_the_tracker_store_and_the_logs_hold_hashes_only(channels: Channels) -> None:
    chat, phone, psid = channels.new_chat_id(), channels.new_phone(), channels.new_psid()
    assert post_telegram(channels.url, telegram_update(chat, "should I pay")) == 200
    assert post_twilio(channels.url, twilio_fields(phone, "should I pay")) == 204
    assert post_facebook(channels.url, [messenger_text(psid, "should I pay")]) == 200
    assert channels.platforms.telegram(chat) and channels.platforms.twilio(phone)
    assert channels.platforms.messenger(psid)

    senders = channels.sender_ids()
    assert len(senders) >= 3 and all(HASHED.fullmatch(sender) for sender in senders)
    db = Path(channels.rasa.db).read_bytes()
    logs = {path.name: path.read_text(errors="replace") for path in Path(channels.rasa.log_path).parent.glob("*.log")}
    for raw in [*channels.raw_ids, "Sam Example"]:  # every id used in this session, and a WhatsApp name
        assert raw.encode() not in db, f"{raw} is in the tracker store"
        for name, text in logs.items():
            assert raw not in text, f"{raw} is in {name}"
