"""What every channel checks before a message reaches Rasa.

Rasa trusts its channels: it stores any sender id, reads a message of any
length, and obeys a message that starts with "/" as if a button had sent it
(`/inform{"police_force": "x"}` sets a slot; `/greet{} I want to die` is only a
greeting, because Rasa drops the words after a command). So each channel hands
its messages through `guarded()`, which:

- cleans the text (lone surrogates, control characters), and cuts a message
  longer than MAX_MESSAGE_CHARS at a sentence, with a kind note;
- keeps a command only when it is one of the bot's own buttons
  (`button_commands`), with every entity value one the content knows; words
  after a command are what is understood, so a crisis cannot hide behind one;
- answers a sender who sends too fast with a kind reply instead of a queue;
- deletes the conversation when the person asks (channels.forget).

The notes come from the domain (`utter_message_too_long`, `utter_slow_down`):
they are sent here, without the tracker, so they cannot say the person's
country's number; they name 999 as the UK's and point to the local one.
"""
from __future__ import annotations

import json
import logging
import os
import re
import time
from collections import OrderedDict
from collections.abc import Awaitable, Callable
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Any

from rasa.core.channels.channel import UserMessage

from channels.forget import COMMAND as FORGET_COMMAND
from channels.forget import forget
from knowledge.content import load_content, load_yaml_file

logger = logging.getLogger(__name__)

ROOT = Path(__file__).resolve().parents[1]
MAX_MESSAGE_CHARS = 4000
MAX_SENDER_CHARS = 128
_COMMAND = re.compile(r"/(?P<intent>[A-Za-z_]+)")
# In a Python string every surrogate is a lone one (JSON's escaped pairs are already joined).
_SURROGATE = re.compile("[\ud800-\udfff]")
_CONTROL = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f]")
_SENTENCE_END = re.compile(r"[.!?\n]\s")

Handler = Callable[[UserMessage], Awaitable[Any]]


def valid_sender(sender: object) -> bool:
    """A conversation id a client may choose: short and printable (no control characters, no lone
    surrogates, which the stores cannot encode), without surrounding spaces."""
    return (isinstance(sender, str) and 0 < len(sender) <= MAX_SENDER_CHARS and sender.isprintable()
            and sender.strip() == sender)


def clean_text(text: str) -> str:
    """Text the stores and readers can take: lone surrogates become U+FFFD, control characters go."""
    return _CONTROL.sub("", _SURROGATE.sub("\ufffd", text))


def shorten(text: str, limit: int = MAX_MESSAGE_CHARS) -> tuple[str, bool]:
    """The first `limit` characters, cut at the last sentence end (or space) in them; and whether it was cut."""
    if len(text) <= limit:
        return text, False
    head = text[:limit]
    ends = [m.end() for m in _SENTENCE_END.finditer(head)]
    cut = ends[-1] if ends and ends[-1] > limit // 2 else (head.rfind(" ") if head.rfind(" ") > limit // 2 else limit)
    return head[:cut].strip(), True


_SENTENCE_SPLIT = re.compile(r"(?<=[.!?])\s+")


def without_repeats(text: str) -> str:
    """The text with a sentence said again straight after itself read once: a pasted or repeated sentence
    says nothing new, and sixty copies of "he keeps messaging me" drowned what the message was about."""
    sentences = _SENTENCE_SPLIT.split(text)
    kept = [s for i, s in enumerate(sentences) if i == 0 or " ".join(s.lower().split()) != " ".join(
        sentences[i - 1].lower().split())]
    return text if len(kept) == len(sentences) else " ".join(kept)


@lru_cache(maxsize=1)
def _domain() -> dict[str, Any]:
    return load_yaml_file(ROOT / "domain.yml")


def preload() -> None:
    """Reads the domain now, as a channel is set up: read on the first typed command or slow-down note,
    it would hold every conversation in this process while it is read."""
    button_commands()
    entity_values()


def domain_text(response: str) -> str:
    """The response's variation without a condition: these notes are sent before any slot is read."""
    variations = _domain()["responses"][response]
    return next(v["text"] for v in variations if not v.get("condition"))


@lru_cache(maxsize=1)
def button_commands() -> frozenset[str]:
    """The intents the bot's own buttons send: every button payload in the domain, and `inform`
    (the buttons the actions build: actions/slots.inform_button)."""
    intents = {"inform", "greet"}  # greet: Telegram's Start button (channels/telegram.py)
    for variations in _domain()["responses"].values():
        for variation in variations:
            for button in variation.get("buttons") or []:
                match = _COMMAND.match(str(button.get("payload", "")))
                if match:
                    intents.add(match["intent"])
    return frozenset(intents)


@lru_cache(maxsize=1)
def entity_values() -> dict[str, frozenset[str]]:
    """The values a button may set, from content/: the only ones a command may carry."""
    content = load_content()
    return {
        "age_group": frozenset({"under_18", "adult"}),
        "platform": frozenset(content["platforms"]),
        "police_force": frozenset(content["forces"]),
        "country": frozenset(content["countries"]),
    }


def screen_command(text: str) -> str:
    """The text Rasa should see: a button's command as it is, anything else as words.

    Rasa obeys a leading `/intent{...}` and ignores what follows it. A command
    is kept only when the intent is a button's, every entity is one the
    content knows, and nothing follows; otherwise the words after it (or,
    with none, the command's own name as a word) are what Rasa reads, screened
    again, since they may start with another command.
    """
    while True:
        stripped = text.strip()
        match = _COMMAND.match(stripped)
        if not match:
            return text
        rest = stripped[match.end():]
        entities: Any = {}
        if rest.startswith("{"):
            try:
                entities, end = json.JSONDecoder().raw_decode(rest)
                rest = rest[end:]
            except ValueError:
                entities = None
        if not rest.strip():
            break
        text = rest.strip()
    allowed = entity_values()
    valid = (match["intent"] in button_commands() and isinstance(entities, dict)
             and all(isinstance(v, str) and v in allowed.get(k, ()) for k, v in entities.items())
             and (entities or match["intent"] != "inform"))
    if not valid:
        return match["intent"].replace("_", " ")
    return f"/{match['intent']}" + (json.dumps(entities) if entities else "")


@dataclass
class RateLimit:
    """A token bucket per key: `burst` messages at once, then one every 60/`per_minute` seconds.

    In this process's memory, bounded to `max_keys` (the oldest forgotten
    first): a limit against floods, not an account of anyone.
    """

    per_minute: float
    burst: int
    max_keys: int = 50_000
    clock: Callable[[], float] = time.monotonic

    def __post_init__(self) -> None:
        self._buckets: OrderedDict[str, tuple[float, float]] = OrderedDict()

    def allow(self, key: str) -> bool:
        now = self.clock()
        tokens, since = self._buckets.pop(key, (float(self.burst), now))
        tokens = min(float(self.burst), tokens + (now - since) * self.per_minute / 60)
        allowed = tokens >= 1
        self._buckets[key] = (tokens - 1 if allowed else tokens, now)
        while len(self._buckets) > self.max_keys:
            self._buckets.popitem(last=False)
        return allowed


# A person typing fast sends a few messages a minute; a script sends hundreds.
# SENDER_RATE_PER_MINUTE raises it for load tests (bench/).
PER_SENDER = RateLimit(per_minute=float(os.environ.get("SENDER_RATE_PER_MINUTE") or 20), burst=10)


def guarded(on_new_message: Handler, limit: RateLimit = PER_SENDER,
            forget_conversation: Callable[[str], Awaitable[bool]] = forget) -> Handler:
    """`on_new_message` behind the checks above; what it drops is logged without its text.

    `/forget_conversation` never reaches Rasa: the conversation is deleted here (channels.forget).
    """
    preload()

    async def handle(message: UserMessage) -> None:
        if not valid_sender(message.sender_id):
            logger.warning("Dropped a %s message with an invalid sender id.", message.input_channel)
            return
        output = message.output_channel
        if not limit.allow(message.sender_id):
            logger.warning("A %s sender was sent the slow-down reply.", message.input_channel)
            await output.send_response(message.sender_id, {"text": domain_text("utter_slow_down")})
            return
        raw = message.text or ""
        # Only the part that can be read is cleaned and screened: a megabyte costs no more than the limit.
        text, cut = shorten(screen_command(clean_text(raw[:MAX_MESSAGE_CHARS + 1])))
        if cut or len(raw) > MAX_MESSAGE_CHARS:
            await output.send_response(message.sender_id, {"text": domain_text("utter_message_too_long")})
        text = without_repeats(text)
        if not text.strip():
            return
        if text == FORGET_COMMAND:
            done = await forget_conversation(message.sender_id)
            reply = "utter_conversation_forgotten" if done else "utter_conversation_not_forgotten"
            await output.send_response(message.sender_id, {"text": domain_text(reply)})
            return
        message.text = text
        await on_new_message(message)

    return handle
