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
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Any

import yaml

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
_AREA_AFTER = re.compile(
    rf"\b{_POSTCODE_WORD}s?(?:\s+area)?(?:\s+(?:is|was|starts?|begins?|starting|beginning|of))?"
    r"(?:\s+with)?\s*[:\-]?\s*([A-Za-z]{1,2})(?![A-Za-z0-9])",
    re.IGNORECASE,
)
_AREA_BEFORE = re.compile(rf"(?<![A-Za-z0-9])([A-Za-z]{{1,2}})\s+{_POSTCODE_WORD}", re.IGNORECASE)
_STARTS_WITH = re.compile(r"\b(?:starts?|begins?|starting|beginning)\s+with\s*$", re.IGNORECASE)
# Words before or after a code that make it a road, a vitamin or a year.
_NOT_POSTCODE_BEFORE = re.compile(r"\b(?:the|vitamin|junction|jct|j|year|yr|form|set|room|flat|gate|bus|route)\s*$",
                                  re.IGNORECASE)
_NOT_POSTCODE_AFTER = re.compile(r"^\s*(?:motorway|toll|junction|jct|j\d|road|northbound|southbound|eastbound|"
                                 r"westbound|link|relief|bus|tablets?)\b", re.IGNORECASE)

# Real districts that are better known as something else (High Speed 2,
# IPv4/IPv6, TV channels): they need a location cue or the word postcode.
_LOOKALIKE_CODES = {"HS1", "HS2", "IP4", "IP6", "CH4", "E4", "S4", "M25", "B12", "N1"}

# --- words ----------------------------------------------------------------------
_TOKEN = re.compile(r"[^\W_]+(?:['’][^\W_]+)*|&")


def normalise(word: str) -> str:
    """A token as the index stores it: no accents or apostrophes, lower case, 'saint' = 'st'."""
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
        self.max_len = max(len(k) for k in self.names)
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
    with open(PLACES_FILE, encoding="utf-8") as handle:
        loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
        return _Index(yaml.load(handle, Loader=loader))  # noqa: S506 - a safe loader


# --- matching -------------------------------------------------------------------

def _cue_before(tokens: list[_Token], i: int) -> int:
    """How strongly the words right before token i say 'this is a place'."""
    best = 0
    for n in range(1, _MAX_CUE + 1):
        if i - n < 0:
            break
        seq = tuple(t.norm for t in tokens[i - n:i])
        best = max(best, _CUES.get(seq, 0))
    return best


def _idiom(tokens: list[_Token], i: int, n: int, key: str) -> bool:
    if i + n < len(tokens) and tokens[i + n].norm in _IDIOMS_AFTER.get(key, ()):
        return True
    for seq in _IDIOMS.get(key, ()):
        n = len(seq)
        if i - n >= 0 and tuple(t.norm for t in tokens[i - n:i]) == seq:
            return True
    return False


def _sentence_start(message: str, pos: int) -> bool:
    before = message[:pos].rstrip(" \t\"'“‘(")
    return not before or before[-1] in ".!?\n:;"


def _shouting(message: str) -> bool:
    letters = [c for c in message if c.isalpha()]
    return len(letters) >= 4 and sum(c.isupper() for c in letters) >= 0.8 * len(letters)


def _place_candidates(message: str, expecting_place: bool) -> list[tuple[tuple, PlaceMatch]]:
    index = _index()
    tokens = _tokens(message)
    if not tokens:
        return []
    whole = len(tokens)
    shouting = _shouting(message)
    found: list[tuple[int, int, dict[str, Any], str]] = []
    for i in range(len(tokens)):
        for n in range(min(index.max_len, len(tokens) - i), 0, -1):
            key = tuple(t.norm for t in tokens[i:i + n])
            entry = index.names.get(key)
            if entry is not None:
                found.append((i, n, entry, " ".join(key)))
                break  # the longest name starting here
    # Drop names inside a longer name ("tyne" in "newcastle upon tyne").
    spans = [(i, i + n) for i, n, _, _ in found]
    kept = [f for f in found
            if not any(s <= f[0] and f[0] + f[1] <= e and (e - s) > f[1] for s, e in spans)]
    out = []
    for i, n, entry, key in kept:
        first = tokens[i]
        start, end = first.start, tokens[i + n - 1].end
        cue = _cue_before(tokens, i)
        if cue and _idiom(tokens, i, n, key):
            cue = 0
        is_whole = n == whole
        capitalised = first.raw[:1].isupper() and not shouting
        guard = entry.get("guard")
        if guard == "word":
            ok = cue > 0 or (capitalised and (is_whole or not _sentence_start(message, start))) or (
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


def _postcode_candidates(message: str) -> list[tuple[tuple, PlaceMatch]]:
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
    tokens = _tokens(message)
    for m in _OUTCODE.finditer(message):
        if any(s <= m.start() < e for s, e in taken):
            continue
        raw = m.group(1)
        outcode = raw.upper()
        if outcode not in index.outcodes:
            continue
        if _NOT_POSTCODE_BEFORE.search(message[:m.start()]) or _NOT_POSTCODE_AFTER.search(message[m.end():]):
            continue
        area = re.match(r"[A-Z]+", outcode).group(0)
        if outcode in _LOOKALIKE_CODES or (len(outcode) == 2 and not raw[0].isupper()):
            # "m8", "b4", "w8" are chat words, "HS2" a railway: only with a cue or the word postcode.
            i = next((k for k, t in enumerate(tokens) if t.start == m.start()), None)
            near_postcode = re.search(rf"{_POSTCODE_WORD}\W*(?:\w+\W+){{0,3}}$", message[:m.start()], re.I)
            if not ((i is not None and _cue_before(tokens, i) > 0) or near_postcode):
                continue
        match = _outcode_match(index, message, m.start(), m.end(), outcode, area, kind="outcode")
        if match is not None:
            out.append(((4, 0, 0, -m.start()), match))
    for pattern in (_AREA_AFTER, _AREA_BEFORE):
        for m in pattern.finditer(message):
            raw = m.group(1)
            area = raw.upper()
            if area not in index.areas and area not in index.outside_areas:
                continue
            starts_with = pattern is _AREA_AFTER and _STARTS_WITH.search(message[:m.start(1)])
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
    candidates = [
        c for c in _postcode_candidates(message) + _place_candidates(message, expecting_place)
        if not is_someone_elses_origin(message, c[1].start)
    ]
    if not candidates:
        return None
    return max(candidates, key=lambda c: c[0])[1]


_CLAUSE_BREAK = re.compile(r"[.!?;,]|\b(?:but|and|though|although)\b", re.IGNORECASE)
_THIRD_PERSON_FROM = re.compile(
    r"\b(?:he|she|they|he's|she's|they're|his|her|their|scammer|blackmailer|account|profile|guy|girl|man|woman)\b"
    r".*\b(?:from|(?:is|was|'s|lives?|living|based)\s+in)\s+(?:the\s+)?$",
    re.IGNORECASE,
)
_FIRST_PERSON = re.compile(r"\b(?:i|i'm|im|i've|me|my|we|we're|us|our)\b", re.IGNORECASE)


def is_someone_elses_origin(message: str, start: int) -> bool:
    """True for "he said he was from London": where the scammer claims to be from is not where the person is."""
    clause = _CLAUSE_BREAK.split(message[:start].replace("\u2019", "'"))[-1]
    return bool(_THIRD_PERSON_FROM.search(clause)) and not _FIRST_PERSON.search(clause)


def forces_for_outcode(outcode: str) -> tuple[str, ...]:
    """The forces of a district such as "S40" (empty if unknown or outside the UK forces)."""
    outcode = re.sub(r"\s+", "", outcode).upper()
    if not re.fullmatch(r"[A-Z]{1,2}[0-9][A-Z0-9]?", outcode):
        return ()
    return _index().forces_for_outcode(outcode) or ()
