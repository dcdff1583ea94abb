"""Splitting, numbered options and the options memory (no server)."""
from __future__ import annotations

import pytest

from channels.rendering import chosen_number, plain_links, split_message, with_numbered_options

BUTTONS = [{"title": "Yes, make my checklist", "payload": "/request_checklist"},
           {"title": "I'm under 18", "payload": '/inform{"age_group": "under_18"}'}]


def test_short_text_is_one_message() -> None:
    assert split_message("  Don't pay.  ", 1600) == ["Don't pay."]
    assert split_message("   ", 1600) == []


def test_paragraphs_are_packed_and_never_cut_when_they_fit() -> None:
    paragraphs = [f"Paragraph {n}. " + "word " * 60 for n in range(10)]
    text = "\n\n".join(p.strip() for p in paragraphs)
    parts = split_message(text, 1000)
    assert all(len(part) <= 1000 for part in parts) and len(parts) > 1
    assert "\n\n".join(parts) == text  # nothing lost, every cut at a paragraph break


def test_a_long_paragraph_is_cut_at_sentence_ends() -> None:
    sentence = "Save the messages as evidence before you block them."
    text = " ".join([sentence] * 100)
    parts = split_message(text, 300)
    assert all(len(part) <= 300 and part.endswith(".") for part in parts)
    assert " ".join(parts) == text


def test_lines_are_kept_whole_before_sentences() -> None:
    text = "\n".join(f"- step {n}: screenshot it" for n in range(200))
    parts = split_message(text, 500)
    assert all(len(part) <= 500 for part in parts)
    assert all(line.startswith("- step") for part in parts for line in part.split("\n"))


@pytest.mark.parametrize("limit", [10, 37])
def test_words_then_characters_as_a_last_resort(limit: int) -> None:
    text = "supercalifragilistic " * 20 + "x" * 95
    parts = split_message(text, limit)
    assert all(0 < len(part) <= limit for part in parts)
    assert "".join(parts).replace(" ", "") == text.replace(" ", "")


def test_markdown_links_become_plain_urls() -> None:
    text = "Call [Samaritans](https://www.samaritans.org) or see https://ceop.police.uk"
    assert plain_links(text) == "Call Samaritans: https://www.samaritans.org or see https://ceop.police.uk"


def test_numbered_options_continue_from_the_given_number() -> None:
    text = with_numbered_options("What next?", BUTTONS, first=3)
    assert text == "What next?\n\nReply with a number:\n3. Yes, make my checklist\n4. I'm under 18"


@pytest.mark.parametrize("reply,number", [("1", 1), (" 2. ", 2), ("2)", 2), ("12", 12),
                                          ("one", None), ("1 more thing", None), ("£300", None), ("", None)])
def test_chosen_number(reply: str, number: int | None) -> None:
    assert chosen_number(reply) == number
