"""Emoji, one word of distress, another language: recognised, and English never mistaken for them."""
from __future__ import annotations

import re
from pathlib import Path

import pytest
import yaml

from knowledge.message_kind import DISTRESS, OTHER_LANGUAGE, classify

ROOT = Path(__file__).resolve().parent.parent


@pytest.mark.parametrize("message", ["😭😭😭", "💔", "...", "??", "help", "pls help", "scared", "i'm scared", "sos"])
def test_wordless_or_one_word_distress(message: str) -> None:
    assert classify(message) == DISTRESS


@pytest.mark.parametrize("message", [
    "alguien me está chantajeando con fotos, qué hago",
    "ktoś mnie szantażuje, mam zdjęcia i chce pieniądze, co robić",
    "quelqu'un me fait du chantage avec des photos, je suis perdu",
    "jemand erpresst mich mit bildern und ich weiß nicht was ich machen soll",
    "شخص يبتزني بصوري",
    "кто-то шантажирует меня фотографиями",
    "कोई मुझे ब्लैकमेल कर रहा है",
    "mae rhywun yn fy mlacmelio gyda lluniau",
    "dw i ddim eisiau byw",
])
def test_another_language(message: str) -> None:
    assert classify(message) == OTHER_LANGUAGE


@pytest.mark.parametrize("message", ["15", "LS6", "ok", "yes", "no", "thanks", "Leeds", "I want to die"])
def test_ordinary_short_answers_are_not_flagged(message: str) -> None:
    assert classify(message) is None


def test_no_english_training_example_is_taken_for_another_language() -> None:
    flagged = []
    for path in (ROOT / "data" / "nlu").glob("*.yml"):
        for block in yaml.safe_load(path.read_text(encoding="utf-8")).get("nlu") or []:
            if block.get("intent") in (None, "other_language"):
                continue
            for line in (block.get("examples") or "").splitlines():
                text = re.sub(r"\[([^\]]+)\]\([^)]+\)", r"\1", line.lstrip("- ").strip())
                if text and classify(text) == OTHER_LANGUAGE:
                    flagged.append(text)
    assert not flagged, flagged[:10]
