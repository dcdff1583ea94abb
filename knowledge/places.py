"""Find a UK place or postcode in a message, and the police force that covers it.

The data is content/places.yml, built by tools/build_places.py (see
docs/places.md). This module only reads it: stdlib and PyYAML, no Rasa.

What counts as a place, best first:

1. A full postcode ("BD7 1AB", "bd71ab"). Only its district (outcode, "BD7")
   is kept as the label, never the full postcode.
2. A district on its own ("LS6", "ls6", "s10") that is a real outcode. A
   two-character one in lower case ("m8" = mate, "b4" = before) needs a
   location cue ("I'm in m8") or the word postcode, as do look-alikes such
   as "HS2" (the railway).
3. A town, city, county, council area or region, by whole words (token
   n-grams, longest first): "stoke on trent", "Newcastle upon Tyne",
   "st albans", "West Yorkshire". Names that are also ordinary words ("bath",
   "reading", "sale") count only after a location cue ("in", "from", "near",
   "live in", "I'm in", "based in", "around") or when typed with a capital
   letter in mid-sentence. First names and "march" need a location cue.
4. Postcode area letters alone ("LS") only next to the word postcode ("my
   postcode starts with LS", "LS postcode").

Several force ids in a match mean the bot must ask which one (the name is
used in more than one force area, or the district straddles a boundary).
No force ids means the place is outside the UK forces (Crown dependencies):
``postcode_areas`` then says which island (content/countries.yml has who
polices it).
"""
from __future__ import annotations

import re
import unicodedata
from bisect import bisect_left, bisect_right
from dataclasses import dataclass
from functools import cached_property, lru_cache
from pathlib import Path
from typing import Any

from knowledge.content import load_yaml_file

PLACES_FILE = Path(__file__).resolve().parent.parent / "content" / "places.yml"


@dataclass(frozen=True)
class PlaceMatch:
    text: str  # the words of the message that named the place, as typed
    start: int
    end: int
    label: str  # canonical name, e.g. "Keighley", or the outcode "BD7" (never a full postcode)
    force_ids: tuple[str, ...]  # one = settled; several = ask which; none = outside UK forces
    kind: str = "place"  # place | postcode | outcode | area | outside
    postcode_areas: tuple[str, ...] = ()  # for "outside": the island's postcode areas (JE, GY, IM)


# --- location cues ------------------------------------------------------------
# Token sequences (normalised: lower case, apostrophes dropped) that can come
# right before a place name, with how strongly they say "this is where I am".
_CUES: dict[tuple[str, ...], int] = {}
for _cue in ("live in", "living in", "lives in", "lived in", "based in", "im in", "i am in", "am in",
             "staying in", "stay in", "moved to", "currently in", "live near", "living near",
             "live just outside", "live outside", "town of", "city of", "village of", "area of"):
    _CUES[tuple(_cue.split())] = 3
for _cue in ("from", "im from", "i am from", "am from"):
    _CUES[tuple(_cue.split())] = 2
for _cue in ("in", "near", "nr", "around", "outside", "round"):
    _CUES[tuple(_cue.split())] = 1
_MAX_CUE = max(len(c) for c in _CUES)

# Cues strong enough for a month name ("I live in March", not "in March").
_STRONG = 3

# Phrases that look like a cue but are idioms.
_IDIOMS: dict[str, set[tuple[str, ...]]] = {
    "hope": {("live", "in"), ("living", "in"), ("lives", "in"), ("lived", "in")},
}
# Words after a name that make it the ordinary word ("in hope of", "in hope that").
_IDIOMS_AFTER: dict[str, set[str]] = {"hope": {"of", "that", "you", "it", "this", "so", "not", "to"}}

# --- postcodes ------------------------------------------------------------------
_FULL_POSTCODE = re.compile(r"(?<![A-Za-z0-9])([A-Za-z]{1,2}[0-9][A-Za-z0-9]?)[ \t]*([0-9][A-Za-z]{2})(?![A-Za-z0-9])")
_OUTCODE = re.compile(r"(?<![A-Za-z0-9])([A-Za-z]{1,2}[0-9][A-Za-z0-9]?)(?![A-Za-z0-9])")
_POSTCODE_WORD = r"(?:post\s?code|postal\s+code|post\s+code)"
# r"\s*(?:[:\-]\s*)?" rather than r"\s*[:\-]?\s*", the same: two space quantifiers side by side tried every
# split of a run of spaces between them (time growing with the square of the run).
_AREA_AFTER = re.compile(
    rf"\b{_POSTCODE_WORD}s?(?:\s+area)?(?:\s+(?:is|was|starts?|begins?|starting|beginning|of))?"
    r"(?:\s+with)?\s*(?:[:\-]\s*)?([A-Za-z]{1,2})(?![A-Za-z0-9])",
    re.IGNORECASE,
)
_AREA_BEFORE = re.compile(rf"(?<![A-Za-z0-9])([A-Za-z]{{1,2}})\s+{_POSTCODE_WORD}", re.IGNORECASE)
# What comes right before a position is matched backwards, on the reversed message, from that position: a
# forward search of message[:position] would read the whole message again for every code and name.
# "... starts with" right before an area: r"\b(?:starts?|begins?|starting|beginning)\s+with\s*$", backwards.
_STARTS_WITH_BEFORE = re.compile(r"\s*htiw\s+(?:s?trats|s?nigeb|gnitrats|gninnigeb)\b", re.IGNORECASE)
# The word postcode at most three words before a code: rf"{_POSTCODE_WORD}\W*(?:\w+\W+){{0,3}}$", backwards.
_POSTCODE_WORD_BEFORE = re.compile(r"(?:\W+\w+){0,3}\W*(?:edoc\s?tsop|edoc\s+latsop|edoc\s+tsop)", re.IGNORECASE)
# Words before or after a code that make it a road, a vitamin or a year. Before, backwards:
# r"\b(?:the|vitamin|junction|jct|j|year|yr|form|set|room|flat|gate|bus|route)\s*$".
_NOT_POSTCODE_BEFORE = re.compile(r"\s*(?:eht|nimativ|noitcnuj|tcj|j|raey|ry|mrof|tes|moor|talf|etag|sub|etuor)\b",
                                  re.IGNORECASE)
# After, matched from the end of the code (so no "^": it would not match there).
_NOT_POSTCODE_AFTER = re.compile(r"\s*(?:motorway|toll|junction|jct|j\d|road|northbound|southbound|eastbound|"
                                 r"westbound|link|relief|bus|tablets?)\b", re.IGNORECASE)

# Real districts that are better known as something else (High Speed 2,
# IPv4/IPv6, TV channels): they need a location cue or the word postcode.
_LOOKALIKE_CODES = {"HS1", "HS2", "IP4", "IP6", "CH4", "E4", "S4", "M25", "B12", "N1"}

# --- words ----------------------------------------------------------------------
_TOKEN = re.compile(r"[^\W_]+(?:['’][^\W_]+)*|&")


@lru_cache(maxsize=8192)
def normalise(word: str) -> str:
    """A token as the index stores it: no accents or apostrophes, lower case, 'saint' = 'st'.

    Cached: a long message repeats its words, and this is most of the time a message takes.
    """
    word = unicodedata.normalize("NFKD", word)
    word = "".join(c for c in word if not unicodedata.combining(c))
    word = word.lower().replace("’", "").replace("'", "")
    if word == "&":
        return "and"
    return "st" if word == "saint" else word


@dataclass(frozen=True)
class _Token:
    norm: str
    raw: str
    start: int
    end: int


def _tokens(message: str) -> list[_Token]:
    return [_Token(normalise(m.group(0)), m.group(0), m.start(), m.end()) for m in _TOKEN.finditer(message)]


class _Index:
    """content/places.yml, arranged for lookup by token n-grams."""

    def __init__(self, data: dict[str, Any]) -> None:
        self.names: dict[tuple[str, ...], dict[str, Any]] = {}
        for key, entry in data["places"].items():
            self.names[tuple(key.split())] = entry
        outside = data.get("outside") or {}
        self.outside_areas: dict[str, str] = dict(outside.get("postcode_areas") or {})
        for key, entry in (outside.get("places") or {}).items():
            areas = entry.get("postcode_areas") or []
            self.names[tuple(key.split())] = {"name": entry["name"], "forces": [], "guard": entry.get("guard"),
                                              "kind": "outside", "areas": tuple(areas)}
        # The longest name that starts with each word: most words start none, so one lookup is enough for them.
        self.longest: dict[str, int] = {}
        for key in self.names:
            self.longest[key[0]] = max(self.longest.get(key[0], 0), len(key))
        self.areas: dict[str, list[str]] = data["postcode_areas"]
        self.districts: dict[str, list[str]] = data.get("postcode_districts") or {}
        self.outcodes: set[str] = {oc for ocs in (data.get("outcodes") or {}).values() for oc in ocs}

    def forces_for_outcode(self, outcode: str) -> tuple[str, ...] | None:
        area = re.match(r"[A-Z]+", outcode).group(0)
        if outcode in self.districts:
            return tuple(self.districts[outcode])
        if area in self.areas:
            return tuple(self.areas[area])
        return None


@lru_cache(maxsize=1)
def _index() -> _Index:
    return _Index(load_yaml_file(PLACES_FILE))


# --- matching -------------------------------------------------------------------
# A call takes time linear in the message: what a name or a code needs from the
# rest of the message (the tokens, what comes right before it, its clause) is
# read once per message, never again per candidate. Reading message[:start]
# for each candidate took 80 s for a 100 KB message.

# What may stand between a name and the start of its sentence, and what ends a sentence.
_OPENING = " \t\"'“‘("
_SENTENCE_END = ".!?\n:;"


class _Message:
    """One message, read once: its tokens, and what comes right before any position in it."""

    def __init__(self, text: str) -> None:
        self.text = text
        self.tokens = _tokens(text)
        self.norms = [t.norm for t in self.tokens]

    @cached_property
    def token_at(self) -> dict[int, int]:
        """The index of the token that starts at each offset."""
        return {t.start: i for i, t in enumerate(self.tokens)}

    @cached_property
    def _reversed(self) -> str:
        return self.text[::-1]

    def ends_with(self, backwards: re.Pattern[str], end: int) -> bool:
        """Whether text[:end] ends with what `backwards` (a pattern written right to left) matches.

        It reads only as far back as the pattern goes, where a forward search
        for "...$" in text[:end] reads all of it.
        """
        return backwards.match(self._reversed, len(self.text) - end) is not None

    def sentence_start(self, pos: int) -> bool:
        """Whether only spaces, quotes or a bracket stand between pos and the start of its sentence.

        It steps back over those alone: the stretches before two names never
        overlap, so all names together cost one pass.
        """
        k = pos
        while k > 0 and self.text[k - 1] in _OPENING:
            k -= 1
        return k == 0 or self.text[k - 1] in _SENTENCE_END


def _cue_before(norms: list[str], i: int) -> int:
    """How strongly the words right before token i say 'this is a place'."""
    best = 0
    for n in range(1, _MAX_CUE + 1):
        if i - n < 0:
            break
        best = max(best, _CUES.get(tuple(norms[i - n:i]), 0))
    return best


def _idiom(norms: list[str], i: int, n: int, key: str) -> bool:
    if i + n < len(norms) and norms[i + n] in _IDIOMS_AFTER.get(key, ()):
        return True
    for seq in _IDIOMS.get(key, ()):
        n = len(seq)
        if i - n >= 0 and tuple(norms[i - n:i]) == seq:
            return True
    return False


def _shouting(message: str) -> bool:
    letters = [c for c in message if c.isalpha()]
    return len(letters) >= 4 and sum(c.isupper() for c in letters) >= 0.8 * len(letters)


def _names(norms: list[str]) -> list[tuple[int, int, dict[str, Any], str]]:
    """(token index, length, entry, key) of the longest name starting at each token, in order."""
    index = _index()
    found = []
    for i in range(len(norms)):
        for n in range(min(index.longest.get(norms[i], 0), len(norms) - i), 0, -1):
            key = tuple(norms[i:i + n])
            entry = index.names.get(key)
            if entry is not None:
                found.append((i, n, entry, " ".join(key)))
                break  # the longest name starting here
    return found


def _outermost(found: list[tuple[int, int, dict[str, Any], str]]) -> list[tuple[int, int, dict[str, Any], str]]:
    """Drop names inside a longer name ("tyne" in "newcastle upon tyne").

    A name is inside a longer one exactly when a name starting before it ends
    at or after its end, so the furthest end so far decides, in one pass.
    """
    kept = []
    furthest = -1
    for i, n, entry, key in found:
        if furthest < i + n:
            kept.append((i, n, entry, key))
        furthest = max(furthest, i + n)
    return kept


def _place_candidates(msg: _Message, expecting_place: bool) -> list[tuple[tuple, PlaceMatch]]:
    tokens, norms, message = msg.tokens, msg.norms, msg.text
    if not tokens:
        return []
    whole = len(tokens)
    shouting = _shouting(message)
    out = []
    for i, n, entry, key in _outermost(_names(norms)):
        first = tokens[i]
        start, end = first.start, tokens[i + n - 1].end
        cue = _cue_before(norms, i)
        if cue and _idiom(norms, i, n, key):
            cue = 0
        is_whole = n == whole
        capitalised = first.raw[:1].isupper() and not shouting
        guard = entry.get("guard")
        if guard == "word":
            ok = cue > 0 or (capitalised and (is_whole or not msg.sentence_start(start))) or (
                is_whole and expecting_place)
        elif guard == "cue":
            ok = cue > 0 or (is_whole and (capitalised or expecting_place))
        elif guard == "month":
            ok = cue >= _STRONG or (is_whole and expecting_place)
        else:
            ok = True
        if not ok:
            continue
        outside = entry.get("kind") == "outside"
        match = PlaceMatch(text=message[start:end], start=start, end=end, label=entry["name"],
                           force_ids=tuple(entry["forces"]), kind="outside" if outside else "place",
                           postcode_areas=entry.get("areas", ()))
        out.append(((2, cue, n, -start), match))
    return out


def _postcode_candidates(msg: _Message) -> list[tuple[tuple, PlaceMatch]]:
    out, taken = _full_postcodes(msg.text)
    return out + _outcodes(msg, taken) + _areas(msg)


def _full_postcodes(message: str) -> tuple[list[tuple[tuple, PlaceMatch]], list[tuple[int, int]]]:
    """The full postcodes, and the spans they take (in order, not overlapping)."""
    index = _index()
    out = []
    taken: list[tuple[int, int]] = []
    for m in _FULL_POSTCODE.finditer(message):
        outcode = m.group(1).upper()
        area = re.match(r"[A-Z]+", outcode).group(0)
        match = _outcode_match(index, message, m.start(), m.end(), outcode, area, kind="postcode")
        if match is not None:
            out.append(((5, 0, 0, -m.start()), match))
            taken.append((m.start(), m.end()))
    return out, taken


def _outcodes(msg: _Message, taken: list[tuple[int, int]]) -> list[tuple[tuple, PlaceMatch]]:
    """Districts on their own, outside the full postcodes."""
    index = _index()
    message = msg.text
    taken_starts = [s for s, _ in taken]
    out = []
    for m in _OUTCODE.finditer(message):
        k = bisect_right(taken_starts, m.start()) - 1
        if k >= 0 and m.start() < taken[k][1]:
            continue  # inside a full postcode
        raw = m.group(1)
        outcode = raw.upper()
        if outcode not in index.outcodes:
            continue
        if msg.ends_with(_NOT_POSTCODE_BEFORE, m.start()) or _NOT_POSTCODE_AFTER.match(message, m.end()):
            continue
        area = re.match(r"[A-Z]+", outcode).group(0)
        if outcode in _LOOKALIKE_CODES or (len(outcode) == 2 and not raw[0].isupper()):
            # "m8", "b4", "w8" are chat words, "HS2" a railway: only with a cue or the word postcode.
            if not _said_as_postcode(msg, m.start()):
                continue
        match = _outcode_match(index, message, m.start(), m.end(), outcode, area, kind="outcode")
        if match is not None:
            out.append(((4, 0, 0, -m.start()), match))
    return out


def _said_as_postcode(msg: _Message, start: int) -> bool:
    """A location cue right before the code, or the word postcode at most three words before it."""
    i = msg.token_at.get(start)
    return (i is not None and _cue_before(msg.norms, i) > 0) or msg.ends_with(_POSTCODE_WORD_BEFORE, start)


def _areas(msg: _Message) -> list[tuple[tuple, PlaceMatch]]:
    """Postcode area letters next to the word postcode ("my postcode starts with LS")."""
    index = _index()
    out = []
    for pattern in (_AREA_AFTER, _AREA_BEFORE):
        for m in pattern.finditer(msg.text):
            raw = m.group(1)
            area = raw.upper()
            if area not in index.areas and area not in index.outside_areas:
                continue
            starts_with = pattern is _AREA_AFTER and msg.ends_with(_STARTS_WITH_BEFORE, m.start(1))
            if not (raw.isupper() or starts_with):
                continue  # "my postcode is so..." is not SO
            if area in index.outside_areas:
                match = PlaceMatch(raw, m.start(1), m.end(1), area, (), "outside", (area,))
            else:
                match = PlaceMatch(raw, m.start(1), m.end(1), area, tuple(index.areas[area]), "area")
            out.append(((1, 0, 0, -m.start(1)), match))
    return out


def _outcode_match(index: _Index, message: str, start: int, end: int, outcode: str, area: str,
                   kind: str) -> PlaceMatch | None:
    if area in index.outside_areas:
        return PlaceMatch(message[start:end], start, end, outcode, (), "outside", (area,))
    forces = index.forces_for_outcode(outcode)
    if forces is None:
        return None
    return PlaceMatch(message[start:end], start, end, outcode, forces, kind)


def find_place(message: str, *, expecting_place: bool = False) -> PlaceMatch | None:
    """The place, postcode or district the message names, or None.

    ``expecting_place``: the bot has just asked where the person is, so a
    message that is only a name that is also an ordinary word ("bath",
    "reading") is taken as that place.
    """
    if not message or not message.strip():
        return None
    msg = _Message(message)
    candidates = _postcode_candidates(msg) + _place_candidates(msg, expecting_place)
    origins = Origins(message)
    candidates = [c for c in candidates if not origins.is_someone_elses(c[1].start)]
    if not candidates:
        return None
    return max(candidates, key=lambda c: c[0])[1]


# --- someone else's origin --------------------------------------------------------
# "he said he was from London": the clause before the place (from the last
# break) has a third person in it, ends "from" or "is in" (and maybe "the"),
# and has no first person. As one pattern on the clause:
#   r"\b(?:he|she|...)\b.*\b(?:from|(?:is|was|'s|lives?|living|based)\s+in)\s+(?:the\s+)?$"
# Origins reads its two halves apart, so that many places in one message do not
# each read their clause again: the third persons once for the whole message,
# the ending backwards from the place.
_CLAUSE_BREAK = re.compile(r"[.!?;,]|\b(?:but|and|though|although)\b", re.IGNORECASE)
_LONGEST_BREAK = len("although")
_THIRD_PERSON = re.compile(
    r"\b(?:he|she|they|he's|she's|they're|his|her|their|scammer|blackmailer|account|profile|guy|girl|man|woman)\b",
    re.IGNORECASE,
)
# The ending, backwards: r"\b(?:from|(?:is|was|'s|lives?|living|based)\s+in)\s+(?:the\s+)?$" reversed.
_FROM_BEFORE = re.compile(r"\s+(?:eht\s+)?(?:morf|ni\s+(?:si|saw|s'|s?evil|gnivil|desab))\b", re.IGNORECASE)
# "52-year-old man from Darlington": someone giving their own age and sex, as people do when they start; with an
# article before it ("a 40 year old man from Leeds") it describes someone else.
_FIRST_PERSON = re.compile(
    r"\b(?:i|i'm|im|i've|me|my|we|we're|us|our)\b"
    r"|(?<!\ba\s)(?<!\ban\s)(?<!\bsome\s)(?<!\bthis\s)(?<!\bthe\s)(?<!\bthat\s)"
    r"\b\d{1,2}\s*-?\s*(?:years?\s*-?\s*old|yrs?\s*old|yo|y/o)?\s*(?:man|woman|guy|girl|lad|bloke|male|female)\b",
    re.IGNORECASE,
)
_LONGEST_FIRST_PERSON = len("we're")


class Origins:
    """is_someone_elses_origin for any number of places in one message, in time linear in the message.

    It reads the message on the first question, once: the clause breaks, the
    first and third persons and the line ends, each as a sorted list of offsets.
    """

    def __init__(self, message: str) -> None:
        self._message = message

    @cached_property
    def _text(self) -> str:
        return self._message.replace("\u2019", "'")

    @cached_property
    def _reversed(self) -> str:
        return self._text[::-1]

    @cached_property
    def _breaks(self) -> list[int]:
        return [m.end() for m in _CLAUSE_BREAK.finditer(self._text)]

    @cached_property
    def _firsts(self) -> tuple[list[int], list[int]]:
        """(starts, ends) of the first persons, in order."""
        found = list(_FIRST_PERSON.finditer(self._text))
        return [m.start() for m in found], [m.end() for m in found]

    @cached_property
    def _thirds(self) -> tuple[list[int], list[int]]:
        """(starts, ends) of the third persons, in order."""
        found = list(_THIRD_PERSON.finditer(self._text))
        return [m.start() for m in found], [m.end() for m in found]

    @cached_property
    def _newlines(self) -> list[int]:
        return [m.start() for m in re.finditer("\n", self._text)]

    def is_someone_elses(self, start: int) -> bool:
        """Whether the place that starts at `start` is where someone else says they are from."""
        clause = self._clause_start(start)
        return self._third_person_from(clause, start) and not self._first_person(clause, start)

    def _clause_start(self, end: int) -> int:
        """Where the clause of text[:end] starts: after its last break.

        The breaks of the whole message that end by `end` are breaks of
        text[:end] too; a break word cut off by `end` ("but" of "butter") is
        one only there, so the last few characters are searched as text[:end].
        """
        k = bisect_right(self._breaks, end)
        start = self._breaks[k - 1] if k else 0
        for m in _CLAUSE_BREAK.finditer(self._text, max(start, end - _LONGEST_BREAK), end):
            start = max(start, m.end())
        return start

    def _first_person(self, start: int, end: int) -> bool:
        """Whether text[start:end] (a clause) has a first person in it."""
        starts, ends = self._firsts
        k = bisect_left(starts, start)
        if k < len(starts) and ends[k] <= end:
            return True
        return _FIRST_PERSON.search(self._text, max(start, end - _LONGEST_FIRST_PERSON), end) is not None

    def _third_person_from(self, start: int, end: int) -> bool:
        """Whether text[start:end] (a clause) has a third person, then on the same line the ending "from"."""
        size = len(self._text)
        ending = _FROM_BEFORE.match(self._reversed, size - end, size - start)
        if ending is None:
            return False
        ending_start = size - ending.end()
        starts, ends = self._thirds
        k = bisect_right(ends, ending_start) - 1  # the last third person before the ending
        if k < 0 or starts[k] < start:
            return False
        line = bisect_left(self._newlines, ends[k])
        return line == len(self._newlines) or self._newlines[line] >= ending_start


def is_someone_elses_origin(message: str, start: int) -> bool:
    """True for "he said he was from London": where the scammer claims to be from is not where the person is.

    For several places in one message, build one Origins instead.
    """
    return Origins(message).is_someone_elses(start)


def forces_for_outcode(outcode: str) -> tuple[str, ...]:
    """The forces of a district such as "S40" (empty if unknown or outside the UK forces)."""
    outcode = re.sub(r"\s+", "", outcode).upper()
    if not re.fullmatch(r"[A-Z]{1,2}[0-9][A-Z0-9]?", outcode):
        return ()
    return _index().forces_for_outcode(outcode) or ()
