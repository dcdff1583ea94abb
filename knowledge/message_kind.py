"""Messages the classifier cannot read as words: emoji alone, a single word of distress, another language.

None of these should ever get "sorry, I didn't follow". Emoji or one word of
distress gets a gentle reply; a message in another language gets the
emergency and support numbers until the assistant speaks that language.
"""
from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

from knowledge.content import read_yaml

DISTRESS = "distress"
OTHER_LANGUAGE = "other_language"

# One or two words that, alone, say "I'm struggling" rather than ask something.
_DISTRESS_WORDS = re.compile(
    r"^\W*(?:help+(?:\s+me)?|pls\s+help|please\s+help|sos|scared|terrified|panicking|panic|freaking\s+out|"
    r"i'?m\s+scared|so\s+scared|idk|i\s+don'?t\s+know|what\s+do\s+i\s+do|wtf|omg|please|pls|plz|"
    r"hello\?+|anyone\??|crying|shaking|ugh+|f+u+c+k+|shit|im\s+done|i\s+can'?t)\W*$",
    re.IGNORECASE,
)

ENGLISH = "en"

# A question, however it starts ("ok so can i delete it now", "and the website?"); news is not ("did it, reported him").
ASKS = re.compile(
    r"\?|^\W*(?:(?:ok|okay|so|and|but|right|also|alright|then|well|oh|hmm)\W+)*"
    r"(?:(?:should|can|could|would|how|what|do|does|is|are|am|why|when|where|who|which)\b(?!['’])"
    r"|(?:did|will)\b(?!['’]|\s+(?:it|do)\b))"
    r"|\b(?:can|could|should|shall|will|would|am)\s+(?:i|we)\b", re.IGNORECASE)
# A question asked as a statement or without its mark: "i wanna know if i can still report it", "if i block him
# will he post them", "he cant do that can he", "tell me if paying helps", "shud i pay", "helplines are free right".
_ASKS_INDIRECTLY = re.compile(
    r"\b(?:wonder(?:ing)?|want\s+to\s+know|wanna\s+know|need\s+to\s+know|not\s+sure|unsure|no\s+idea)\b"
    r"|\b(?:if|whether)\s+(?:i|we|he|she|they|it)\s+(?:can|could|should|will|would|have\s+to|need\s+to)\b"
    r"|\b(?:tell\s+me|let\s+me\s+know|explain)\s+(?:if|whether|how|what|why)\b"
    r"|\b(?:will|would|can|could|should|do|does|did|is|are|was|were|won'?t|can'?t|isn'?t|aren'?t|doesn'?t|don'?t|cn|"
    r"shud|shld|wud|cud)\s+(?:he|she|they|it|i|we|you|that|this|there)\b(?!\s+(?:said|says|told|was|is)\b)"
    r"|\bright\W*$|^\W*(?:wat|wot|wht|wen|y)\b",
    re.IGNORECASE)


def asks(message: str) -> bool:
    """Whether a message asks something: a "Yes," or "No." before an answer reads wrong after a statement.

    A button's payload ("/ask_block") stands for the question on the button.
    """
    text = message.strip()
    return text.startswith("/") or bool(ASKS.search(text) or _ASKS_INDIRECTLY.search(text))


@lru_cache(maxsize=1)
def _common_words() -> tuple[frozenset[str], frozenset[str]]:
    """(common English words, common words of the other languages), from content/languages.yml."""
    languages = read_yaml("languages.yml")["languages"]
    words = {code: frozenset(w.lower() for w in entry["common_words"]) for code, entry in languages.items()}
    return words.pop(ENGLISH), frozenset().union(*words.values())

_WORD = re.compile(r"[^\W\d_]+(?:'[^\W\d_]+)?")


def _letters(text: str) -> list[str]:
    return [c for c in text if unicodedata.category(c).startswith("L")]


def _is_latin(char: str) -> bool:
    return "LATIN" in unicodedata.name(char, "")


def classify(message: str) -> str | None:
    """DISTRESS, OTHER_LANGUAGE, or None for an ordinary message in English."""
    text = message.strip()
    if not text:
        return None
    letters = _letters(text)
    if not letters:
        # Emoji, "...", "??": something, but no words. Numbers alone are an age or an answer, not distress.
        return None if re.search(r"\d", text) else DISTRESS
    if _DISTRESS_WORDS.match(text):
        return DISTRESS
    if sum(not _is_latin(c) for c in letters) > len(letters) / 2:
        return OTHER_LANGUAGE
    words = [w.lower() for w in _WORD.findall(text)]
    # Words with letters English does not use (ą, ñ, ş, ç...) count too; one alone ("café") is not enough.
    english_words, foreign_words = _common_words()
    foreign = sum(w in foreign_words or not w.isascii() for w in words)
    english = sum(w in english_words for w in words)
    if foreign >= 2 and foreign > english:
        return OTHER_LANGUAGE
    return None
