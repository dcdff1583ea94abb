"""Nothing the assistant can say blames, moralises, or talks about methods of self-harm."""
from __future__ import annotations

import re

import pytest

from tests.language import action_texts, domain_texts

FORBIDDEN = {
    "asks why they sent it": r"why (did|would|were) you (send|share|take)",
    "says they should not have": r"you should(n'?t| not) have",
    "calls it their fault": r"(?<!not )(?<!n't )(?<!never )\byour (own )?fault\b",
    "moralises about sending": r"\bnever (send|share|take) (nudes|pics|pictures|images|photos)",
    "insults them": r"\byou (were|are|'re) (so |really |very )?(stupid|naive|careless|foolish|silly)",
    "says to just pay or ignore": r"\bjust (pay|ignore)\b",
    "unsafe suicide language": r"committed suicide|do anything stupid|attention[- ]seeking",
    "mentions a method": r"\b(overdos\w*|pills?|tablets|hang\w*|noose|ligature|bridge|razor|blade|jump(ing)? off)\b",
    "threatens punishment": r"\byou (will|could|might) (be|get) (arrested|prosecuted|punished|charged)",
    "leaves a placeholder": r"\{\w+\}|\[\[|\]\]",
}


@pytest.fixture(scope="module")
def texts() -> list[str]:
    return domain_texts() + action_texts()


@pytest.mark.parametrize("reason", FORBIDDEN)
def test_no_reply_contains_forbidden_phrasing(reason: str, texts: list[str]) -> None:
    pattern = re.compile(FORBIDDEN[reason], re.IGNORECASE)
    hits = [text for text in texts if pattern.search(text)]
    assert not hits, f"{reason}: {hits[:3]}"


def test_the_forbidden_patterns_do_catch_blame() -> None:
    samples = {
        "asks why they sent it": "Why did you send them that?",
        "says they should not have": "You shouldn't have shared it.",
        "calls it their fault": "Honestly it's your own fault.",
        "moralises about sending": "Never send nudes to strangers.",
        "unsafe suicide language": "He committed suicide.",
        "leaves a placeholder": "Report to {force_name}.",
    }
    for reason, sample in samples.items():
        assert re.search(FORBIDDEN[reason], sample, re.IGNORECASE), reason
    assert not re.search(FORBIDDEN["calls it their fault"], "This is not your fault.", re.IGNORECASE)


def test_the_reassurance_is_said(texts: list[str]) -> None:
    joined = "\n".join(texts)
    assert "not your fault" in joined
    assert "not alone" in joined


def test_sentences_stay_short() -> None:
    # Plain words and short sentences for someone frightened: flag any sentence over 45 words.
    long = [
        sentence
        for text in domain_texts() + action_texts()
        for sentence in re.split(r"(?<=[.!?])\s+|\n", text)
        if len(sentence.split()) > 45
    ]
    assert not long, long[:3]
