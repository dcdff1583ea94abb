"""Finds what people wrote in a log: the check behind "no message text in any log".

The end-to-end test sends messages, then hands the servers' logs and those
messages to `leaks`. A message has leaked when it, or any run of its words of
12 or more characters, is in the log, compared without case or spacing, as
written and after undoing the escapes that JSON and Python's repr add
(\\u00e9, \\', \\n), up to three times over.
Shorter runs ("help me") turn up in logs by chance, so a message needs 12
characters to be checked at all: the test should send distinctive ones.
"""
from __future__ import annotations

import re
from collections.abc import Iterable

MIN_FRAGMENT = 12
ESCAPE = re.compile(r"\\(u[0-9a-fA-F]{4}|x[0-9a-fA-F]{2}|[nrt]|.)")


def unescape(text: str) -> str:
    """The text as it was before a JSON or repr() writer escaped it; escaped newlines become spaces."""
    def plain(match: re.Match[str]) -> str:
        escape = match.group(1)
        if escape[0] in "ux" and len(escape) > 1:
            return chr(int(escape[1:], 16))
        return " " if escape in "nrt" else escape

    return ESCAPE.sub(plain, text)


def readings(text: str, depth: int = 3) -> str:
    """The text as written and unescaped up to `depth` times (a JSON body inside a JSON log line is escaped twice)."""
    variants = [text]
    while len(variants) <= depth and unescape(variants[-1]) != variants[-1]:
        variants.append(unescape(variants[-1]))
    return "\n".join(variants)


def normalise(text: str) -> str:
    return " ".join(text.casefold().split())


def longest_leak(log: str, message: str) -> str | None:
    """The longest run of the message's words (12+ characters) in the normalised log, as the message spells it."""
    words, best = message.split(), None
    for start in range(len(words)):
        end = start + 1
        while end <= len(words) and len(" ".join(words[start:end])) < MIN_FRAGMENT:
            end += 1
        # Every longer run from here contains the shortest one: if that is absent, so are they.
        while end <= len(words) and normalise(" ".join(words[start:end])) in log:
            if best is None or end - start > len(best.split()):
                best = " ".join(words[start:end])
            end += 1
    if best is not None and len(best.split()) == len(words):
        return message
    return best


def leaks(log_text: str, sent: Iterable[str]) -> list[str]:
    """The sent messages found in the log, or their longest fragment found, in the order sent, each once."""
    log = normalise(readings(log_text))
    found: list[str] = []
    for message in sent:
        leak = longest_leak(log, message)
        if leak is not None and leak not in found:
            found.append(leak)
    return found
