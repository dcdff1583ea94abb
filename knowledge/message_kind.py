"""Messages the classifier cannot read as words: emoji alone, a single word of distress, another language.

None of these should ever get "sorry, I didn't follow". Emoji or one word of
distress gets a gentle reply; a message in another language gets the
emergency and support numbers until the assistant speaks that language.
"""
from __future__ import annotations

import re
import unicodedata

DISTRESS = "distress"
OTHER_LANGUAGE = "other_language"

# One or two words that, alone, say "I'm struggling" rather than ask something.
_DISTRESS_WORDS = re.compile(
    r"^\W*(?:help+(?:\s+me)?|pls\s+help|please\s+help|sos|scared|terrified|panicking|panic|freaking\s+out|"
    r"i'?m\s+scared|so\s+scared|idk|i\s+don'?t\s+know|what\s+do\s+i\s+do|wtf|omg|please|pls|plz|"
    r"hello\?+|anyone\??|crying|shaking|ugh+|f+u+c+k+|shit|im\s+done|i\s+can'?t)\W*$",
    re.IGNORECASE,
)

# Common words of languages people in the UK often write in, as whole words; none that is also an
# English word or name ("die", "will", "pour", "mi"), so English is never taken for another language.
_FOREIGN_WORDS = {
    "es": "que el los las por para una unas unos del está están estoy tengo pero como qué ayuda dinero quiere hacer "
          "quieren amenaza miedo muy",
    "fr": "je suis les des une est pas que qui avec mes il elle vous aide veut faire",
    "pt": "eu estou não uma para meu minha você ajuda dinheiro quer fazer está são",
    "it": "sono non una il che mio aiuto soldi vuole sta stanno delle cosa faccio",
    "de": "ich nicht und das der ein eine mein meine hilfe geld bilder machen ist",
    "pl": "jestem nie się mnie mój moja pomocy pieniądze zdjęcia zdjęciami chce jak co że",
    "ro": "sunt nu și cu pentru meu mea ajutor bani poze vrea este",
    "nl": "ik niet een mijn mij iemand hulp wil maken",
    "tr": "bir biri beni ve için benim yardım para fotoğraf istiyor",
}
_FOREIGN = {word for words in _FOREIGN_WORDS.values() for word in words.split()}
_ENGLISH = set(
    "i me my you he she they it is am are was the a an and to of in on for with what do does should can will "
    "pics photos help money pay want me im i'm dont don't this that have has not".split()
)
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
    foreign = sum(w in _FOREIGN or not w.isascii() for w in words)
    english = sum(w in _ENGLISH for w in words)
    if foreign >= 2 and foreign > english:
        return OTHER_LANGUAGE
    return None
