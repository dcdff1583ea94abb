"""tools/log_audit.py: finds a sent message in a log however the log wrote it, and nothing that was not sent."""
from __future__ import annotations

import json

from tools.log_audit import leaks

SENT = ["someone is blackmailing me with my pics", "I'm 15 and he wants £500 by tonight", "help me"]
CLEAN_LOG = """\
2026-11-30 10:00:01 INFO     rasa.core.run  - Rasa server is up and running.
2026-11-30 10:00:05 WARNING  rasa.core.processor  - [withheld] rasa/core/processor.py:868
2026-11-30 10:00:06 ERROR    rasa.core.channels.rest  - {"text": "[withheld]", "event": "rest.message.received.timeout"}
"""


def test_a_clean_log_has_no_leaks() -> None:
    assert leaks(CLEAN_LOG, SENT) == []


def test_a_whole_message_is_found_in_a_plain_line() -> None:
    log = CLEAN_LOG + "DEBUG rasa.core.processor - Received user message 'someone is blackmailing me with my pics'\n"
    assert leaks(log, SENT) == ["someone is blackmailing me with my pics"]


def test_a_message_is_found_through_json_and_repr_escapes() -> None:
    as_json = json.dumps({"text": SENT[1]})  # \u00a3 for the pound sign
    as_repr = repr({"text": SENT[1]})  # "I'm" in double quotes, or \' in single ones
    assert "\\u00a3" in as_json
    for written in (as_json, as_repr, json.dumps(json.dumps({"body": SENT[1]}))):
        assert leaks(CLEAN_LOG + written, SENT) == [SENT[1]]


def test_case_and_spacing_do_not_hide_a_message() -> None:
    log = "Tracker: SOMEONE is   blackmailing\n me WITH my pics"
    assert leaks(log, SENT) == ["someone is blackmailing me with my pics"]


def test_the_longest_fragment_is_reported_when_the_message_was_cut() -> None:
    log = CLEAN_LOG + "WARNING Failed to parse 'someone is blackmailing me' (truncated)"
    assert leaks(log, SENT) == ["someone is blackmailing me"]


def test_fragments_under_twelve_characters_say_nothing() -> None:
    log = "INFO help me with the setup; someone is here; pics"
    assert leaks(log, SENT) == []
    assert leaks("help me", ["help me"]) == []


def test_each_leak_is_reported_once_in_the_order_sent() -> None:
    log = SENT[1] + SENT[0] + SENT[0]
    assert leaks(log, [SENT[0], SENT[1], SENT[0]]) == [SENT[0], SENT[1]]
