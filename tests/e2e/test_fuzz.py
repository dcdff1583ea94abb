"""A property-based fuzz test of the REST channel against the real servers (the hardening issue).

About 2000 generated bodies go to /webhooks/rest/webhook: arbitrary bytes, arbitrary JSON values,
objects with "sender" and "message" drawn from nasty strings and commands, extra keys and other
content types. Whatever the body, the answer is 200, 400, 413 or 429 (never a 500 or a dropped
connection), and a 200 is a list of messages to that sender. Afterwards the same server still
answers a crisis. Most bodies are invalid (fast 400s); the messages that reach the model are kept
short, but for a few up to ~50 KB. The fixed cases are in test_edge.py.
"""
from __future__ import annotations

import json
import urllib.error
import urllib.request
import uuid
from dataclasses import dataclass
from typing import Any

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from channels.edge import MAX_SENDER_CHARS, button_commands, entity_values
from channels.privacy import hash_sender
from tests.e2e.conftest import flatten
from tests.e2e.test_edge import CRISIS, CRISIS_NUMBERS, assert_still_answers_a_crisis
from tools.local_servers import SENDER_ID_KEY, RasaServer

EXAMPLES = 2000
FUZZ = settings(max_examples=EXAMPLES, deadline=None, derandomize=True, database=None,
                suppress_health_check=list(HealthCheck))
ALLOWED = {200, 400, 413, 429}
MESSAGE_FIELDS = ("text", "buttons", "custom")

# Strings that have broken text handling somewhere: control characters, lone surrogates,
# direction marks, joiners, combining marks, emoji, line separators.
NASTY = ["\x00", "\x07", "\x1b[31m", "\x7f", "\x85", "\r\n", "\t", "\u2028", "\u2029", "\u200b", "\u200d",
         "\u200e", "\u200f", "\u202a", "\u202e", "\u2066", "\ufeff", "\ufffd", "\ufffe", "\ud800", "\udbff",
         "\udc00", "\udfff", "\U0001f198", "\U0001f469\u200d\U0001f469\u200d\U0001f467", "\U0001f1ec\U0001f1e7",
         "e\u0301\u0301\u0301", "\u0627\u0644\u0633\u0644\u0627\u0645", "\u4f60\u597d", "%s%n", "{name}",
         "[[forces.x]]", "<script>alert(1)</script>", "' OR 1=1 --", "../../etc/passwd", "null", "/", "//",
         "{", "}", "\\", '"', CRISIS, "he has my pics", "should I pay", "help"]
COMMANDS = sorted(button_commands() | {"restart", "session_start", "forget_conversation", "nlu_fallback",
                                      "out_of_scope", "stop", "back", "deny", "affirm", "x", "_", "A_b"})
ENTITY_KEYS = sorted(entity_values()) + ["location", "age", "requested_slot", "session_started_metadata", ""]


def weighted(*choices: tuple[int, st.SearchStrategy[Any]]) -> st.SearchStrategy[Any]:
    """One of the strategies, each as often as its weight (st.one_of treats a repeated strategy as one)."""
    return st.sampled_from([strategy for weight, strategy in choices for _ in range(weight)]).flatmap(lambda s: s)


def strings(characters: st.SearchStrategy[str], max_size: int) -> st.SearchStrategy[str]:
    """st.text drops lone surrogates from its alphabet; a list of characters keeps them."""
    return st.lists(characters, max_size=max_size).map("".join)


characters = st.one_of(st.characters(), st.characters(categories=["Cs"]),
                       st.sampled_from([char for char in NASTY if len(char) == 1]))
nasty_text = st.lists(st.one_of(strings(characters, 12), st.sampled_from(NASTY)), max_size=12).map("".join)
json_scalars = st.one_of(st.none(), st.booleans(), st.integers(), st.floats(), strings(characters, 40))
json_values = st.recursive(json_scalars, lambda inner: st.one_of(
    st.lists(inner, max_size=4), st.dictionaries(strings(characters, 10), inner, max_size=4)),
    max_leaves=12)


@st.composite
def entity_objects(draw: st.DrawFn) -> dict[str, Any]:
    """Entities as a button's, nearly (known values), or anything."""
    keys = draw(st.lists(st.one_of(st.sampled_from(ENTITY_KEYS), strings(characters, 10)), max_size=3))
    known = sorted(value for values in entity_values().values() for value in values)
    values = st.one_of(st.sampled_from(known), nasty_text, json_values)
    return {key: draw(values) for key in keys}


@st.composite
def commands(draw: st.DrawFn) -> str:
    """`/intent`, `/intent{...}`, with or without words (or another command) after it."""
    intent = draw(st.one_of(st.sampled_from(COMMANDS), st.from_regex(r"[A-Za-z_]{1,20}", fullmatch=True)))
    entities = draw(st.one_of(st.just(""), st.just("{}"), entity_objects().map(json.dumps),
                              st.sampled_from(['{"police_force": ', '{"a": 1}}', "{]", "{}{}", "[]"])))
    after = draw(st.one_of(st.just(""), st.just(" " + CRISIS), nasty_text.map(" ".__add__),
                           st.deferred(lambda: commands()).map(" ".__add__)))
    return draw(st.sampled_from(["", " ", "\n", "\u200f"])) + f"/{intent}{entities}{after}"


huge_text = st.builds(lambda unit, times: (unit * times)[:50_000],
                      st.one_of(st.sampled_from(["he keeps messaging me. ", "x", "\ud83d", "\U0001f198 ", "\x00"]),
                                nasty_text.filter(bool)), st.integers(1000, 50_000))
# What can reach the model: short mostly, huge now and then.
short_text = nasty_text.map(lambda text: text[:300])
fixed_messages = st.sampled_from(["", " ", "\x00", "\u200f", "\ud800", "\U0001f198", "/greet{} hi", "/restart"])
messages = weighted((30, short_text), (15, commands()), (4, fixed_messages), (1, huge_text))
valid_senders = st.from_regex(rf"[A-Za-z0-9._:@+=-]{{1,{MAX_SENDER_CHARS}}}", fullmatch=True)
senders = weighted((6, valid_senders), (1, nasty_text), (1, json_values),
                   (1, st.sampled_from(["x" * (MAX_SENDER_CHARS + 1), "default", ""])))
extra_keys = st.dictionaries(st.sampled_from(["metadata", "input_channel", "customData", "message_id", "sender_id",
                                              "text", "__proto__"]), st.one_of(json_values, nasty_text), max_size=3)

JSON_TYPES = ["application/json", "application/json; charset=utf-8"]
OTHER_TYPES = ["text/plain", "text/plain; charset=utf-16", "application/x-www-form-urlencoded",
               "multipart/form-data; boundary=----fuzz", "application/octet-stream", "application/xml",
               "text/html", "application/json; charset=latin-1", "*/*", "image/jpeg", "application/ld+json", "x/y"]
content_types = weighted((2, st.sampled_from(JSON_TYPES)), (1, st.sampled_from(OTHER_TYPES)))


@dataclass
class Post:
    body: bytes
    content_type: str
    sender: str | None = None  # the sender id of a well-formed body, to check whom a reply is addressed to


def encode(value: Any, how: str) -> bytes:
    """JSON as a client might send it: escaped, raw UTF-8 (lone surrogates as invalid bytes), or UTF-16."""
    if how == "ascii":
        return json.dumps(value).encode()
    if how == "utf-16":
        return json.dumps(value, ensure_ascii=False).encode("utf-16", "surrogatepass")
    return json.dumps(value, ensure_ascii=False).encode("utf-8", "surrogatepass")


encodings = st.sampled_from(["ascii", "ascii", "raw", "utf-16"])


@st.composite
def message_posts(draw: st.DrawFn) -> Post:
    """An object with "sender" and "message" (or not quite), maybe more keys."""
    body: dict[str, Any] = draw(extra_keys)
    sender, message = draw(senders), draw(weighted((4, messages), (1, json_values)))
    if draw(st.integers(0, 9)):
        body["sender"] = sender
    if draw(st.integers(0, 9)):
        body["message"] = message
    items = list(body.items())
    if draw(st.booleans()):
        items.reverse()
    how = draw(st.sampled_from(["ascii", "ascii", "ascii", "raw"]))
    return Post(encode(dict(items), how), draw(content_types), sender if isinstance(sender, str) else None)


posts = weighted(
    (15, st.builds(Post, st.binary(max_size=300), content_types)),  # (a) any bytes
    (15, st.builds(lambda value, how, kind: Post(encode(value, how), kind), json_values, encodings,
                   content_types)),  # (b) any JSON
    (55, message_posts()),  # (c) a sender and a message, or nearly
    (12, st.builds(lambda post, kind: Post(post.body, kind, post.sender), message_posts(),
                   st.sampled_from(OTHER_TYPES))),  # (d) the same as another content type
    (3, st.builds(lambda size: Post(b'{"sender": "big", "message": "' + b"x" * size + b'"}', "application/json"),
                  st.integers(256 * 1024 - 40, 300 * 1024))),  # about the body limit
)


def send(server: RasaServer, post: Post) -> tuple[int, bytes]:
    """The status and body; a dropped connection or a time-out raises, and fails the test."""
    request = urllib.request.Request(f"{server.url}/webhooks/rest/webhook", data=post.body, method="POST",
                                     headers={"Content-Type": post.content_type})
    try:
        with urllib.request.urlopen(request, timeout=60) as response:
            return response.status, response.read()
    except urllib.error.HTTPError as error:
        return error.code, error.read()


def test_thousands_of_fuzzed_bodies_never_take_the_rest_channel_down(rasa_server: RasaServer) -> None:
    answered: dict[int, int] = {}

    @FUZZ
    @given(post=posts)
    def fuzz(post: Post) -> None:
        status, body = send(rasa_server, post)
        answered[status] = answered.get(status, 0) + 1
        assert status in ALLOWED, f"{status}: {body[:500]!r}"
        if status == 400:
            assert "error" in json.loads(body)
        if status == 200:
            replies = json.loads(body)
            assert isinstance(replies, list)
            assert all(isinstance(reply, dict) and "recipient_id" in reply
                       and any(field in reply for field in MESSAGE_FIELDS) for reply in replies), replies
            if post.sender is not None:
                hashed = hash_sender("rest", post.sender, SENDER_ID_KEY.encode())
                assert {reply["recipient_id"] for reply in replies} <= {hashed}, "a reply to another conversation"

    fuzz()
    print(f"REST fuzz: statuses {dict(sorted(answered.items()))}")
    assert answered.get(200, 0) > EXAMPLES // 20, f"too few bodies reached the model: {answered}"
    assert_still_answers_a_crisis(rasa_server)


# channels/edge.py: "words after a command are what is understood, so a crisis cannot hide behind one".
# Nor behind several, typed or pasted: each command, with or without entities, is dropped in turn.
crisis_after_commands = st.lists(
    st.builds("/{}{}".format, st.sampled_from(COMMANDS), st.sampled_from(["", "{}", '{"age_group": "adult"}'])),
    min_size=1, max_size=3).map(lambda typed: " ".join([*typed, CRISIS]))


def test_a_crisis_after_any_commands_is_still_answered_as_one(rasa_server: RasaServer) -> None:
    @settings(FUZZ, max_examples=60)
    @given(text=crisis_after_commands)
    def fuzz(text: str) -> None:
        reply = flatten(rasa_server.say(f"commands-{uuid.uuid4()}", text))
        assert all(number in reply for number in CRISIS_NUMBERS), reply

    fuzz()
