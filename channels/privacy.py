"""Keeps phone numbers and account ids out of the tracker store and the logs.

On messaging apps the sender id is a phone number (WhatsApp) or a platform
account id: enough to identify a frightened teenager. Rasa stores and logs the
sender id of every event, so the connectors hand Rasa a keyed hash instead and
keep the real id in memory only for the request that carries it.
"""
from __future__ import annotations

import hashlib
import hmac

# The one reply to an image, voice note or file, on every channel.
MEDIA_NOTICE = (
    "Please don't send images or files here. I don't need them to help you, "
    "and it's safest not to share them. You can tell me in words what's happening."
)

# 32 characters: what `secrets.token_hex(16)` gives; shorter keys are guessable
# enough to make the hashes of known phone numbers easy to confirm.
MIN_KEY_LENGTH = 32


class MissingSenderKey(ValueError):
    """The channel cannot start without a key: it would have to store raw ids."""


def sender_key(value: str | None) -> bytes:
    """Checks SENDER_ID_KEY and returns it as the HMAC key."""
    if not value or len(value) < MIN_KEY_LENGTH:
        raise MissingSenderKey(
            f"SENDER_ID_KEY must be set to a random string of at least {MIN_KEY_LENGTH} characters "
            '(python3 -c "import secrets; print(secrets.token_hex(32))"). Keep it: changing it '
            "starts every conversation afresh."
        )
    return value.encode()


def hash_sender(channel: str, raw_id: str, key: bytes) -> str:
    """The conversation id Rasa sees: stable for one person, useless without the key."""
    # surrogatepass: an id is whatever the platform's JSON held, lone surrogates included.
    digest = hmac.new(key, str(raw_id).encode("utf-8", "surrogatepass"), hashlib.sha256).hexdigest()
    return f"{channel}-{digest}"
