"""A reply fitted to what the person has told us: their age group, and whether they know the blackmailer.

Many replies list both age routes ("- Under 18: Report Remove ...", "- 18 or
over: StopNCII ..."), because before the person says their age both may fit.
Once they have said it, the other group's route is noise at best, and at
worst sends a 30-year-old to CEOP or a 14-year-old to an adults' helpline.
Likewise, "these criminals are usually overseas" is wrong, and tells them
they were not heard, when the blackmailer is an ex or someone at school.

The domain keeps one text for everyone; this module drops what does not fit:
for the age, what opens with the other group's marker (a line that opens with
one, "- Under 18: ...", up to the next marker; inside a paragraph, that one
sentence); for a known blackmailer, the sentences about strangers abroad.
What is not known changes nothing, and a reply that would lose everything is
sent whole. Used by the Rasa server's reply generator (nlg/no_repeat.py) and
by the action server's renderer (actions/replies.py), so every reply goes
through it.
"""
from __future__ import annotations

import re
from collections.abc import Callable, Mapping
from typing import Any

from knowledge.context import HELPERS, RELATIONS, STRANGER
from knowledge.platforms import privacy_steps
from knowledge.situation import ADULT, UNDER_18

_WHO = r"(?:you're|you are|they're|they are|your child is|your son or daughter is|your brother or sister is)"
# What opens a sentence meant for under-18s only. "Under 18 in the image" is about when a picture was
# taken (Take It Down takes those from adults too), so it is kept for everyone.
# A helper's "Under 19 (you or them)" and "An adult worried about a child" are the young person's routes too.
_FOR_UNDER_18 = (rf"(?:under[ -]18\b(?!\s*\(?in the image)|if {_WHO} under 18\b|because {_WHO} under 18\b"
                 r"|under 19 \(you or them\)|an adult worried about a child\b)")
_FOR_ADULTS = rf"(?:18 or over\b|over 18\b|if {_WHO} (?:18 or over|an adult)\b|as they're an adult\b)"
_BULLET = r"(?:[-•]\s*|\d+\.\s*)?"
# A sentence (or a bullet) that opens with the marker of each age group.
_OPENS_FOR = {group: re.compile(rf"\s*{_BULLET}{marker}", re.IGNORECASE)
              for group, marker in ((UNDER_18, _FOR_UNDER_18), (ADULT, _FOR_ADULTS))}
# "Under 19: Childline" fits an 18-year-old, so it is dropped only for someone known to be 19 or over.
_OPENS_FOR_UNDER_19 = re.compile(rf"\s*{_BULLET}(?:{_FOR_UNDER_18}|under[ -]19\b)", re.IGNORECASE)
_SENTENCE_END = re.compile(r"(?<=[.!?])\s+")
# Sentences and the clauses after a semicolon: "... helps adults get it removed; under 18, use Report Remove".
_CLAUSE_END = re.compile(r"(?<=[.!?;])\s+")


# What keeps someone alive is for every age: a sentence about danger or a crisis line is kept inside the other
# group's lines ("Under 18? CEOP takes reports. In danger right now? Call 999."), unless it opens with their marker.
_FOR_EVERYONE = re.compile(r"\b999\b|\bin danger\b|\bemergency\b|\bsamaritans\b", re.IGNORECASE)


def _line_for(line: str, age_group: str, over_19: bool = False) -> str:
    """A line that opens with the other group's marker is theirs up to the next marker; elsewhere one sentence is."""
    other = UNDER_18 if age_group == ADULT else ADULT
    opens_for_other = _OPENS_FOR_UNDER_19 if other == UNDER_18 and over_19 else _OPENS_FOR[other]
    sentences = _CLAUSE_END.split(line)
    dropping = opens_for_other.match(sentences[0]) is not None
    kept: list[str] = []
    for number, sentence in enumerate(sentences):
        theirs = opens_for_other.match(sentence) is not None
        if number and (theirs or _OPENS_FOR[age_group].match(sentence)):
            dropping = False
        if (dropping and not theirs and _FOR_EVERYONE.search(sentence)) or not (dropping or theirs):
            kept.append(sentence)
        elif kept and kept[-1].endswith(";"):  # the clause before it ends the sentence now
            kept[-1] = kept[-1][:-1] + "."
    return " ".join(kept)


def _by_line(text: str, fit_line: Callable[[str], str]) -> str:
    lines = []
    for line in text.split("\n"):
        fitted = fit_line(line) if line.strip() else line
        if fitted or not line.strip():
            lines.append(fitted)
    fitted_text = re.sub(r"\n{3,}", "\n\n", "\n".join(lines)).strip()
    return fitted_text or text


def text_for_age_group(text: str, age_group: str | None, over_19: bool = False) -> str:
    """The text without the other age group's sentences; the whole text if nothing would be left.

    over_19: the person is known to be 19 or over, so the under-19 routes (Childline) go too.
    """
    if age_group not in _OPENS_FOR:
        return text
    return _by_line(text, lambda line: _line_for(line, age_group, over_19 and age_group == ADULT))


# Sentences that describe the usual stranger gangs abroad, wrong about an ex, a partner or a classmate.
_ABOUT_STRANGERS = re.compile(
    r"overseas|\babroad\b|another country|across borders|organi[sz]ed (?:criminal )?gangs?|criminal gangs?"
    r"|the same gang|tend to lose interest", re.IGNORECASE)


# "This is not your fault: you were tricked by criminals who do this to lots of people." keeps its first half.
_STRANGERS_AS_REASON = re.compile(
    r":\s+(?:you were|they were|you've been|they've been) tricked by criminals(?: who do this to lots of people)?\.$",
    re.IGNORECASE)


def _sentence_for_known_blackmailer(sentence: str) -> str:
    if _ABOUT_STRANGERS.search(sentence):
        return ""
    return _STRANGERS_AS_REASON.sub(".", sentence)


def text_for_blackmailer(text: str, blackmailer: str | None) -> str:
    """The text without what describes stranger gangs when the person knows who is doing it."""
    if not blackmailer or blackmailer == STRANGER:
        return text
    return _by_line(text, lambda line: " ".join(
        kept for s in _SENTENCE_END.split(line) if (kept := _sentence_for_known_blackmailer(s))))


# Report Fraud takes reports from England, Wales and Northern Ireland; in Scotland the police take them. Replies
# give each in a sentence (or bullet) of its own, the Scottish one opening "In Scotland".
SCOTLAND_FORCE = "police_scotland"
# A service's own card, asked for by name, says who it covers: it is sent whole.
_SERVICE_CARDS = frozenset({"utter_service_contact"})
_REPORT_FRAUD = re.compile(r"\bReport Fraud\b|reportfraud\.", re.IGNORECASE)
_IN_SCOTLAND = re.compile(r"In Scotland\b", re.IGNORECASE)
_LINE_BULLET = re.compile(rf"\s*{_BULLET}")


def _for_nation(sentence: str, in_scotland: bool) -> bool:
    return not _REPORT_FRAUD.search(sentence) if in_scotland else not _IN_SCOTLAND.match(sentence.lstrip())


def text_for_nation(text: str, police_force: str | None) -> str:
    """The text with only the fraud route of the person's nation, once their police force is known."""
    if not police_force:
        return text
    in_scotland = police_force == SCOTLAND_FORCE

    def fit_line(line: str) -> str:
        bullet = _LINE_BULLET.match(line).group()
        kept = " ".join(s for s in _SENTENCE_END.split(line[len(bullet):]) if _for_nation(s, in_scotland))
        return f"{bullet}{kept}" if kept else ""

    return _by_line(text, fit_line)


# The gentle crisis signpost at the end of a comfort reply ("If it ever feels like too much, Samaritans ...").
_CRISIS_SIGNPOST = re.compile(r"(?:\n[-•][ \t]*|[ \t]*)If it (?:ever )?feels like too much\b[^.\n]*\.", re.IGNORECASE)


def without_crisis_signpost(text: str) -> str:
    """The text without its conditional crisis signpost: for a message that jokes or uses a figure of speech
    ("I'm dead embarrassed lol"), a crisis line reads as not being listened to."""
    return _CRISIS_SIGNPOST.sub("", text).strip()


# The first place a helper's reply speaks of the person it happens to: "helping them", "happening to them",
# "if they're under 18". "them" after other words may be the blackmailers ("don't pay them").
_FIRST_MENTION = re.compile(
    r"\b(?P<verb>help|helping|tell|to|for|with|beside|judge|support|encourage|protect|against)\s+them\b"
    r"|\b(?P<cue>if|because|as)\s+they(?:'re|\s+are)\s+(?P<what>under\s+18|18\s+or\s+over|an\s+adult|in\s+danger)\b",
    re.IGNORECASE)


def text_for_relation(text: str, role: str | None, relation: str | None) -> str:
    """A helper's reply naming the person as the helper did ("your son"), where it first speaks of them.

    The replies say "them" so that they fit everyone; someone who wrote about
    their son reads "your son" once, and "they" after it.
    """
    if role not in HELPERS or relation not in RELATIONS:  # only our own words, never a typed-in slot value
        return text

    def name(match: re.Match[str]) -> str:
        if match.group("verb"):
            return f"{match.group('verb')} your {relation}"
        return f"{match.group('cue')} your {relation} is {match.group('what')}"

    return _FIRST_MENTION.sub(name, text, count=1)


# Who the relation words are, where they say: "your son" is he, "your sister" she; "your friend" is not known.
_HE = frozenset({"son", "stepson", "brother", "nephew", "grandson", "godson", "boyfriend", "husband"})
_SHE = frozenset({"daughter", "stepdaughter", "sister", "niece", "granddaughter", "goddaughter", "girlfriend", "wife"})
_PRONOUNS = {  # (he, she) for each form of "they" the rewrites below produce
    "them": ("him", "her"), "their": ("his", "her"), "themselves": ("himself", "herself"),
    "they're": ("he's", "she's"), "they are": ("he is", "she is"), "they were": ("he was", "she was"),
    "they have": ("he has", "she has"), "they haven't": ("he hasn't", "she hasn't"),
    "they don't": ("he doesn't", "she doesn't"),
    "they": ("he", "she"),
}
# Only where "they" is the young person in a helper's reply, never the blackmailers: "tell them it isn't their
# fault", "help them", "if they're under 18", "they won't be in trouble". A verb after "they" is given as it
# reads with he or she ("they talk" -> "he talks").
_ABOUT_THE_PERSON = re.compile(
    r"\b(?:(?P<verb>tell|telling|help|helping|reminding|support|supporting|reassure|encourage|remind|comfort|"
    r"believe|thank|stay with|sit with|stay close to|be with|go with|check in with|happening to|listen to|beside|for|"
    r"let) (?P<them>them)\b"
    r"|(?P<their>their) (?:fault|phone|parents?|own (?:device|phone|words|pace)|side|thoughts|name)\b"
    r"|(?P<live>where they live)\b"
    r"|\b(?P<they>they)(?P<rest>'re|(?: are| were| have| haven't| don't)?)"
    r"(?= (?:under 18|18 or over|an adult|in danger|the victim|not (?:to blame|in trouble|alone|the one)|tricked|"
    r"deceived|targeted|ready|safe|okay|thinking|talking|scared|worried|embarrassed|ashamed|upset|did nothing wrong|"
    r"done nothing wrong|done anything wrong|won't be in trouble|will not be in trouble|"
    r"(?:are|were|is) (?:the victim|not)|can (?:report|call|talk|use|ask|get|also))\b)"
    r"|\b(?P<they2>they) (?P<verb3>talk|trust|need|feel|face|call|fill|choose|use|seem)\b"
    r"|\b(?P<ortalk>or talk) (?=about harming themselves)"
    r"|\b(?P<harm>harming themselves)\b)",
    re.IGNORECASE)


def _gendered(word: str, he: bool) -> str:
    replaced = _PRONOUNS[word.lower()][0 if he else 1]
    return replaced[0].upper() + replaced[1:] if word[0].isupper() else replaced


# The replies to a crisis or a danger (domain.in/safety.yml).
LIFE_SAVING = frozenset({"utter_crisis", "utter_crisis_someone_else", "utter_danger", "utter_still_here",
                         "utter_still_here_for_them", "utter_still_there_for_them", "utter_stay_with_me"})
# Replies in which every "they" is the person helped (someone else at risk): every form is changed, so that
# "If she is in danger, call 999 with them" cannot be half-changed.
WHOLLY_ABOUT_THE_PERSON = frozenset({"utter_crisis_someone_else", "utter_still_there_for_them"})
_EVERY_FORM = re.compile(
    r"\b(?:they(?:'re| are| were| have| haven't| don't)|them|their|themselves)\b", re.IGNORECASE)


def text_for_pronoun(text: str, role: str | None, relation: str | None, wholly: bool = False) -> str:
    """A helper's reply saying "him" or "her" where it said "them" of their son or sister.

    Only the phrases that can mean nothing but the young person are changed; the
    rest keeps "they", which fits everyone (and the blackmailers). In a reply
    wholly about the person (WHOLLY_ABOUT_THE_PERSON), every form is.
    """
    if role not in HELPERS or relation not in _HE | _SHE:
        return text
    he = relation in _HE
    if wholly:
        text = _EVERY_FORM.sub(lambda match: _gendered(match.group(0), he), text)

    def swap(match: re.Match[str]) -> str:
        if match.group("them"):
            return f"{match.group('verb')} {_gendered('them', he)}"
        if match.group("their"):
            return _gendered("their", he) + match.group(0)[len("their"):]
        if match.group("they"):
            rest = match.group("rest")
            return _gendered(match.group("they") + rest, he)
        if match.group("they2"):
            return f"{_gendered(match.group('they2'), he)} {match.group('verb3')}s"
        if match.group("ortalk"):
            return "or talks "
        if match.group("live"):
            return "where he lives" if he else "where she lives"
        return "harming " + _gendered("themselves", he)

    return _ABOUT_THE_PERSON.sub(swap, text)


# "Yes, stop replying." answers a question. After a statement ("he says if I block him he'll post them") the
# answer word reads as if the bot misheard; the rest of the sentence stands alone. "No one" is no answer word, and
# a rest that leans on it stays ("Yes, if you can.", "Yes, but not alone.", "Yes, they are.").
_ANSWER_WORD = re.compile(r"^(?:Yes|No)[,.!:]\s+(?=\S)")
_LEANS_ON_IT = re.compile(r"(?:if|but|and|or|so|only|not|unless|though|although|sometimes|usually|partly|"
                          r"probably|maybe|always|never)\b", re.IGNORECASE)
# "They are.", "It can.": a short sentence of a pronoun and a verb only answers the question.
_SHORT_ANSWER = re.compile(r"(?:they|it|he|she|you|we|i|that|there)\b(?:\W+\w+){0,2}\W*(?:[.!?]|$)", re.IGNORECASE)


def without_answer_word(text: str) -> str:
    """The reply without a leading "Yes," or "No.", its next word capitalised, when the rest stands alone."""
    match = _ANSWER_WORD.match(text)
    if not match:
        return text
    rest = text[match.end():]
    if _LEANS_ON_IT.match(rest) or _SHORT_ANSWER.match(rest):
        return text
    return rest[:1].upper() + rest[1:]


def fit_reply(response: dict[str, Any], slots: Mapping[str, Any], name: str | None = None) -> dict[str, Any]:
    """The response (text and buttons) fitted to the age group, the blackmailer and the person helped.

    A button that tells the age ("I'm under 18") is left out once the age is known. The response's name says
    whether every "they" in it is the person helped (WHOLLY_ABOUT_THE_PERSON).
    """
    age_group, blackmailer = slots.get("age_group"), slots.get("blackmailer")
    # A crisis reply keeps every line it has: one line too many costs nothing there.
    over_19 = _is_true(slots.get("over_19")) and name not in LIFE_SAVING
    fitted = dict(response)
    if fitted.get("text") and name == "utter_faq/private_account":
        fitted["text"] = with_privacy_steps(fitted["text"], slots.get("platform"), slots.get("role"))
    if fitted.get("text"):
        role, relation = slots.get("role"), slots.get("relation")
        police_force = None if name in _SERVICE_CARDS else slots.get("police_force")
        fitted["text"] = text_for_pronoun(text_for_relation(
            text_for_blackmailer(text_for_nation(text_for_age_group(fitted["text"], age_group, over_19),
                                                 police_force), blackmailer), role, relation),
            role, relation, wholly=name in WHOLLY_ABOUT_THE_PERSON)
    if fitted.get("buttons") and age_group in _OPENS_FOR:
        fitted["buttons"] = [b for b in fitted["buttons"] if '"age_group"' not in str(b.get("payload", ""))]
    return fitted


def _is_true(value: Any) -> bool:
    """A bool slot set from an entity holds the entity's text: "false" is not true."""
    return value is True or str(value).lower() == "true"


def with_privacy_steps(text: str, platform_id: str | None, role: str | None) -> str:
    """"Should I make my accounts private?" answered for the app they named, where its help page says how."""
    steps = privacy_steps(platform_id)
    if not steps:
        return text
    return f"{text}\n\n{'Steps to pass on: ' if role in HELPERS else ''}{steps}"


# "Can I get my money back?" from someone who said how they paid: the answer for that way of paying.
_MONEY_BACK_BY_METHOD = {
    "gift_card": "utter_faq/gift_cards", "crypto": "utter_faq/crypto_paid", "paypal": "utter_faq/paypal_refund",
    "bank": "utter_faq/bank_card_refund", "card": "utter_faq/bank_card_refund",
}


def answer_for(response: str, slots: Mapping[str, Any]) -> str:
    """The response that answers best what was asked, given what the person has told us."""
    if response == "utter_faq/money_back":
        return _MONEY_BACK_BY_METHOD.get(str(slots.get("payment_method")), response)
    # "An adult doing this to a child" is wrong for a helper whose daughter is 19: the helper's answer, for her age.
    helping_an_adult = slots.get("age_group") == ADULT and slots.get("role") in HELPERS
    if response == "utter_faq/someone_older_i_know" and helping_an_adult:
        return "utter_helping_someone"
    # "He's already paid them twice", from his friend: what to help him do, not "tell your bank".
    if response == "utter_already_paid" and slots.get("role") in HELPERS:
        return "utter_already_paid_helper"
    # "I paid him on my mum's card, am I in trouble?" is about the writer, not a parent asking about their child.
    # With a blackmailer they know, "will she get in trouble?" may be about the blackmailer: left as it is.
    if (response == "utter_faq/parent_child_in_trouble" and slots.get("role") not in HELPERS
            and slots.get("blackmailer") in (None, STRANGER)):
        return "utter_in_trouble"
    return response

