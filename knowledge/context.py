"""Who is writing, who the blackmailer is, and whether and how money was paid.

These change the advice: a parent needs the parent's routes, an ex-partner's
threats are domestic abuse rather than an overseas gang, and someone who paid
by card needs their bank. They are read from any message, whatever else it
asks, by patterns rather than a model, so that one sentence is enough and a
correction ("no, it's me") takes effect at once.
"""
from __future__ import annotations

import re
from bisect import bisect_left

from knowledge.age import AgeMatch, find_age_group
from knowledge.situation import ADULT

SELF, PARENT, FRIEND, FAMILY, PROFESSIONAL = "self", "parent", "friend", "family", "professional"
ROLES = (SELF, PARENT, FRIEND, FAMILY, PROFESSIONAL)
# Writing for someone else: the person it happens to is not the writer.
HELPERS = frozenset({PARENT, FRIEND, FAMILY, PROFESSIONAL})
EX_PARTNER, PARTNER, PEER, KNOWN_ADULT, STRANGER = "ex_partner", "partner", "peer", "known_adult", "stranger"
BLACKMAILERS = (EX_PARTNER, PARTNER, PEER, KNOWN_ADULT, STRANGER)
PAYMENT_METHODS = ("bank", "card", "paypal", "gift_card", "crypto", "money_transfer")

_CHILD = r"(?:son|daughter|child|kid|boy|girl|stepson|stepdaughter|teenager|teen|lad)"
_RELATIVE = (r"(?:(?:step|half\s*-?\s*)?(?:brother|sister)|bro|sis|cousin|nephew|niece|grandson|granddaughter|"
             r"grandchild|godson|goddaughter|godchild)")
_PARTNER = r"(?:boyfriend|girlfriend|partner|husband|wife|bf|gf|fiance|fiancée|fiancee)"
# What is done to the person it happens to: "is being blackmailed", "has been scammed", "got threatened".
_TARGETED = r"(?:blackmail|scamm|threaten|extort|sextort|target+|catfish|hack|harass)ed\b"
_TARGETING = r"(?:blackmail|scamm|threaten|extort|sextort|target+|catfish|hack|harass)(?:ing|s)\b"
_IS_TARGETED = (r"(?:\s+\w+){0,2}?\s*(?:(?:is|was|are|were|'s|’s)\s+(?:being|getting)|(?:has|have|had|'s|’s)\s+been"
                rf"|got|gets|getting)\s+{_TARGETED}")
# An age before the person named: "my 15 year old brother", "my 16yo mate".
_AGED = r"(?:\d{1,2}\s*(?:(?:-\s*)?(?:year|yr)s?\s*(?:-\s*)?old|yo)\s+)?"
_FRIEND = r"(?:friend|mate|best\s*friend|bestie|bff|pal|flatmate|roommate|housemate)"
# What a helper does for the person it happens to: "on behalf of my boyfriend", "help me help my friend". Not a
# bare "help" ("help my boyfriend recorded me") or "worried about" ("worried about my girlfriend finding out").
_CARE = (r"(?:on\s+behalf\s+of|helping|help\s+me\s+help|(?:how\s+(?:do|can|should)\s+i|(?:want|trying|try)\s+to)\s+"
         r"(?:help|support)|supporting|look(?:ing)?\s+after|car(?:e|ing)\s+for)")
_CLOSE = r"(?:(?:little|lil|wee|baby|big|younger|older|twin|close|good|best)\s+)?"
# Blackmail done to someone named: "some scammer is blackmailing my older brother", "threatening my friend with
# nudes". Not "harassing my friends" or "threatening my family": the blackmailer reaching the writer's people.
_BLACKMAILING = r"(?:(?:blackmail|extort|sextort)(?:ing|s)|threaten(?:ing|s)(?=\s+my\s+\w+(?:\s+\w+)?\s+with\b))"
# Someone it is happening to: "my son is being...", "my friend has...", "my sister says...". Not what they told
# the writer about the law or about the writer: "my pal says in scotland ye get charged", "my mum said I should";
# nor what they did with a copy sent to them: "my friend said she deleted it"; nor advice to just pay or just
# ignore it: "my mate says just pay it". ("My friend said not to tell anyone, but someone is blackmailing her" and
# "told me to message you for her" are a helper's.)
_WHAT_THEY_SAY = (r"(?:says|said|told|thinks|reckons)\b(?!\s+(?:me\s+)?(?:that\s+)?(?:you|ye|u|ya|in|it'?s|its|"
                  r"it\s+(?:is|was|will|would)|there|the\s+police|police|cops?|i|i'?m|i'?ll|i'?d|i'?ve|im|just|pay|"
                  r"(?:she|he|they)\s+(?:deleted|removed|blocked|reported|saw|got\s+it|received|never|didn'?t))\b)")
_IS_HAPPENING = (
    r"(?:(?:\s+(?!(?:says|said|told|thinks|reckons)\b)\w+){0,3}?\s+(?:is|was|has|had|'s|’s|got|gets|getting|keeps|"
    rf"{_WHAT_THEY_SAY}|sent|being|been|"
    # "my friend wants to help": a helper of the writer, not the one it happens to.
    r"came|come|comes|can'?t|won'?t|needs?|wants?(?!\s+to\s+(?:help|support|be\s+there|stand\s+by))|might|may|"
    r"confessed|admitted)\b"
    # "my brother's 22 and...", "my sister's being..."
    r"|['’]s\s+(?:\d{1,2}\b|being|getting|been))"
)
# ... but not someone the blackmailer contacts: "they messaged my brother", "sent it to my mum". Matched
# backwards, on the reversed message from where "my brother" starts, so that it reads only the words right
# before it, not the whole message before each match. Forwards it reads
# r"\b(?:to|messag\w*|contact\w*|text\w*|dm'?d|dm'?ing|send|sent|show\w*|tell|told|add\w*|follow\w*)\s+(?:all\s+)?$".
_RECIPIENT_BEFORE = re.compile(
    r"\s+(?:lla\s+)?(?:ot|\w*gassem|\w*tcatnoc|\w*txet|d'?md|gni'?md|dnes|tnes|\w*wohs|llet|dlot|\w*dda|\w*wollof)\b",
    re.IGNORECASE,
)

# The images are the writer's own, or the threats are made to the writer: a relative or friend named in the same
# message is not the one it happens to.
_ABOUT_THE_WRITER = re.compile(
    r"\b(?:pics?|pictures?|photos?|nudes?|images?|videos?|vids?|snaps?)\s+of\s+(?:me|us)\b"
    r"|\bmy\s+(?:own\s+)?(?:nudes?|pics?|pictures?|photos?|images?|videos?|vids?|snaps?)\b"
    # ... or it is done to the writer: "someone is blackmailing me", "I'm being threatened".
    rf"|\b{_TARGETING}\s+(?:me|us)\b|\b(?:i'?m|i\s+am|im|i\s+was|i'?ve\s+been|i\s+have\s+been|i\s+got)\s+(?:being\s+|getting\s+)?"
    rf"{_TARGETED}"
    # ... or of the writer and a partner: "our sex tape", "someone recorded us".
    r"|\bour\s+(?:sex\s+tape|video|vid|pics?|pictures?|photos?|nudes?|images?)\b|\b(?:recorded|filmed)\s+us\b",
    re.IGNORECASE)

_ROLE_PATTERNS: tuple[tuple[str, re.Pattern[str]], ...] = (
    (SELF, re.compile(
        r"\b(?:no|nah|actually)?,?\s*(?:it'?s|it is|its|it was)\s+(?:actually\s+|really\s+|just\s+)?"
        r"(?:me|about me|happening to me|myself)\b"
        r"|\bit'?s\s+happening\s+to\s+me\b|\bi'?m\s+the\s+one\s+(?:being|who)\b(?!\s+(?:can'?t|cant|cannot|is\s+struggling|struggles|needs?|feels?|keeps?))|\bnot\s+my\s+(?:friend|son|daughter)\b"
        # A helper who was the person all along: "there's no mate, it's me", "the friend is me".
        r"|\bthere(?:'?s|\s+is|\s+was|\s+isn'?t)\s+(?:no|any)\s+(?:\w+\s+)?(?:friend|mate|boyfriend|girlfriend|brother|sister|son|"
        r"daughter|cousin|pal)\b"
        r"|\b(?:the|my)\s+(?:friend|mate|boyfriend|girlfriend|brother|sister|cousin|pal)\s+(?:is|was)\s+(?:actually\s+|really\s+)?me\b"
        r"|\b(?:talking|asking|writing)\s+about\s+(?:myself|me)\b"
        # "me and my friend are being blackmailed": the writer is one of them.
        r"|\bme\s+and\s+my\s+\w+\s+(?:are|were|both|have|got)\b|\bmy\s+\w+\s+and\s+(?:me|i)\s+(?:are|were|both|have|got)\b",
        re.IGNORECASE)),
    (PROFESSIONAL, re.compile(
        r"\b(?:i'?m|i am|im|as|i\s+work\s+as)\s+(?:an?|the|his|her|their)\s+(?:\w+\s+){0,2}?(?:teacher|youth\s+worker|"
        r"social\s+worker|school\s+nurse|counsellor|counselor|safeguarding\s+(?:lead|officer)|dsl|form\s+tutor|"
        r"head\s*teacher|head\s+of\s+year|support\s+worker|police\s+officer|mentor|teaching\s+assistant|care\s+worker|"
        r"key\s*worker|youth\s+leader|scout\s+leader)\b"
        # "one of my players", "one of my year 6 boys", "a young lad I mentor". Not a job alone ("I'm a nurse and
        # he'll send it to the hospital"): victims name theirs, fearing for it.
        r"|\bone\s+of\s+my\s+(?:\w+\s+){0,2}?(?:players|pupils|students|mentees|young\s+people)\b"
        r"|\bone\s+of\s+my\s+year\s*\d{1,2}s?\b"
        # "I run a youth club. One of our lads, 16, ...".
        r"|\bone\s+of\s+our\s+(?:\w+\s+)?(?:lads|boys|girls|young\s+people|pupils|students|players|members|"
        r"young\s+men|young\s+women)\b"
        r"|\bi\s+(?:run|lead|manage|volunteer\s+(?:at|with|for))\s+(?:a|the|our)\s+(?:\w+\s+)?(?:youth\s+(?:club|group|"
        r"centre|center)|scout\s+(?:group|troop)|cadets)\b"
        # "Youth worker here", "one of the young people I work with", "a child on my caseload".
        r"|^\W*(?:(?:a|an)\s+)?(?:teacher|youth\s+worker|social\s+worker|school\s+nurse|safeguarding\s+lead|dsl|"
        r"head\s*teacher|head\s+of\s+year|support\s+worker|care\s+worker|key\s*worker|youth\s+leader)\s+here\b"
        # Only as the one it happens to: "he's threatening to show the young people I work with" is a victim's fear.
        r"|\b(?:one\s+of\s+(?:the\s+)?|an?\s+)(?:young\s+(?:people|person)|kids?|child(?:ren)?|teenagers?|teens?)\s+"
        r"(?:i|we)\s+work\s+with\b"
        r"|\bon\s+(?:my|our)\s+caseload\b"
        r"|\b(?:lad|boy|girl|kid|young\s+(?:person|man|woman)|teenager|teen)\s+i\s+(?:mentor|coach|teach|look\s+after|"
        r"care\s+for)\b"
        # Not "I work in a school": a victim says it fearing for their job.
        r"|\bi\s+work\s+in\s+(?:safeguarding|pastoral\s+care|child\s+protection)\b"
        r"|\bmy\s+(?:pupil|student)s?\b",
        re.IGNORECASE)),
    (PARENT, re.compile(
        # (?:-\s*)? rather than -?\s*, the same: \s*-?\s* took time growing with the square of a run of spaces.
        rf"\b(?:my|our)\s+(?:\d{{1,2}}\s*(?:(?:-\s*)?year\s*(?:-\s*)?old|yo)\s+)?{_CHILD}\b"
        # "my 14 year old has been...", "Mum here."
        rf"|\b(?:my|our)\s+\d{{1,2}}\s*(?:(?:-\s*)?(?:year|yr)s?\s*(?:-\s*)?old|yo)\b(?!\s*(?:{_RELATIVE}|{_FRIEND}|{_PARTNER}))"
        r"|(?:^|[.!?]\s*)(?:mum|mom|mam|mother|dad|father|parent)\s+here\b"
        r"|\b(?:i'?m|i am|im|as)\s+(?:a|his|her|their|the)\s+"
        r"(?:mum|mom|mother|dad|father|parent|carer|foster\s+carer|guardian|step-?(?:mum|mom|mother|dad|father))\b",
        re.IGNORECASE)),
    (FAMILY, re.compile(
        # "my girlfriend's little brother" too.
        rf"\b(?:my|our)\s+(?:\w+['’]s\s+)?{_AGED}(?:(?:little|lil|wee|baby|big|younger|older|twin|kid)\s+)?"
        rf"{_RELATIVE}{_IS_HAPPENING}"
        # "My girlfriend is 19. Someone got into her iCloud and is threatening to leak her nudes": her images.
        rf"|\bmy\s+{_PARTNER}\b[^\n]{{0,160}}?\b(?:her|his)\s+(?:nudes?|pics?|pictures?|photos?|images?|videos?|vids?)\b"
        # "My girlfriend is 25 and someone she met in a game has been blackmailing her with photos".
        rf"|\bmy\s+{_PARTNER}\b[^\n]{{0,160}}?\b(?:someone|somebody|they|people|scammers?|a\s+(?:\w+\s+)?(?:man|guy|woman|"
        rf"girl|person|scammer|account|stranger))\b[^\n]{{0,80}}?\b{_BLACKMAILING}\s+(?:her|him)\b"
        rf"|\b(?:happening\s+to|it'?s|its|asking\s+for|about)\s+my\s+{_CLOSE}{_RELATIVE}\b"
        rf"|^\W*(?:no\W+)?not\s+(?:for\s+)?me\W+my\s+{_CLOSE}{_RELATIVE}\b"
        rf"|\b(?:{_CARE}|{_BLACKMAILING})\s+my\s+{_CLOSE}(?:{_RELATIVE}|{_PARTNER})\b"
        # A partner it is happening to ("my husband is being blackmailed"), not a partner who threatens.
        rf"|\bmy\s+{_PARTNER}{_IS_TARGETED}"
        r"|\bmy\s+(?:boyfriend|girlfriend|partner|husband|wife|bf|gf|fiance|fiancée|fiancee)\s+(?:just\s+|finally\s+)?"
        r"(?:told|showed|confessed|admitted)(?:\s+to)?\s+(?:me\s+)?(?:that\s+)?(?:someone|somebody|a\s+(?:\w+\s+)?"
        r"(?:scammer|woman|man|girl|guy|person))\b"
        r"|\b(?:i'?m|i am|im|as)\s+(?:a|his|her|their|the)\s+(?:big\s+|older\s+)?"
        r"(?:nan|nana|nanna|gran|granny|grandma|grandmother|grandad|granddad|grandpa|grandfather|aunt|auntie|aunty|"
        r"uncle|godmother|godfather|brother|sister|cousin)\b", re.IGNORECASE)),
    (FRIEND, re.compile(
        rf"\b(?:my|a)\s+{_AGED}(?:close\s+|good\s+|best\s+)?{_FRIEND}(?:\s+of\s+mine)?{_IS_HAPPENING}"
        rf"|\b(?:asking|here|writing|messaging)\s+for\s+(?:a|my)\s+(?:close\s+|good\s+|best\s+)?{_FRIEND}\b"
        rf"|\b(?:happening\s+to|it'?s|its)\s+my\s+(?:close\s+|good\s+|best\s+)?{_FRIEND}\b"
        rf"|^\W*(?:no\W+)?not\s+(?:for\s+)?me\W+my\s+(?:close\s+|good\s+|best\s+)?{_FRIEND}\b"
        rf"|\b(?:{_CARE}|{_BLACKMAILING})\s+(?:my|a)\s+{_CLOSE}{_FRIEND}\b"
        rf"|\bmy\s+(?:classmate|class\s+mate|teammate|team\s+mate){_IS_TARGETED}"
        r"|\bhelp\s+(?:someone|somebody|a\s+(?:young\s+)?person)\s+(?:who'?s|who\s+is|that'?s|that\s+is|being|getting)\b"
        # "A colleague of mine told me at lunch that someone is blackmailing him".
        r"|\b(?:a|my)\s+(?:colleague|co-?worker|workmate|work\s+colleague)(?:\s+of\s+mine)?\b"
        r"(?=[^.!?]{0,80}?\b(?:blackmailing|threatening|extorting|sextorting)\s+(?:him|her|them)\b)"
        # Someone at school it is happening to ("a lad in my class is being blackmailed", "one of the girls in my
        # friendship group"), not one who tells the writer something: often the blackmailer.
        r"|\b(?:(?:a|one)\s+(?:of\s+the\s+)?(?:boy|girl|lad|guy|kid|student|pupil)s?|someone|somebody)\s+(?:at|in|from)\s+"
        rf"my\s+(?:\w+\s+)?(?:school|year|class|college|form|team|club|squad|group|uni)\b{_IS_TARGETED}",
        re.IGNORECASE)),
)

# Also a professional: "a pupil" or "one of my students", then later on the same line what they did ("told me",
# "has been"). Found apart and joined by position: in one pattern, a lookahead (?=.*\b(?:told|...)) after each
# pupil read the rest of the line again for every pupil in it.
_PUPIL = re.compile(r"\b(?:one\s+of\s+my|a)\s+(?:pupils?|students?|young\s+people\s+i\s+work\s+with)\b",
                    re.IGNORECASE)
_PUPIL_TOLD = re.compile(r"\b(?:told|disclosed|came|is|has)", re.IGNORECASE)

_BLACKMAILER_PATTERNS: tuple[tuple[str, re.Pattern[str]], ...] = (
    (EX_PARTNER, re.compile(
        r"\b(?:my|his|her|their|our)\s+ex\b|\bex[- ]?(?:boyfriend|girlfriend|partner|husband|wife|bf|gf)\b",
        re.IGNORECASE)),
    (PEER, re.compile(
        r"\b(?:someone|somebody|a\s+(?:boy|girl|lad|guy|kid)|people|kids|boys|girls|lads)\s+(?:\w+\s+)?"
        r"(?:at|in|from)\s+(?:my|our)\s+(?:school|year|class|college|form|sixth\s*form)\b"
        rf"(?!{_IS_TARGETED})"
        r"|\b(?:classmate|class\s+mate|year\s*mate)s?\b",
        re.IGNORECASE)),
    # "my husband filmed me without me knowing and says if i ever leave him he'll send it to my family".
    (PARTNER, re.compile(
        r"\bmy\s+(?:boyfriend|girlfriend|partner|husband|wife|bf|gf|fiance|fiancée|fiancee)\s+(?:\w+\s+){0,3}?"
        r"(?:is\s+threatening|threaten(?:s|ing)\b|(?<!being\s)(?<!been\s)threatened\s+(?:to|me|that)\b"
        r"|says?\s+(?:he|she|they)'?(?:ll|\s+will)|will\s+(?:post|share|send|leak)"
        r"|(?:secretly\s+)?(?:filmed|recorded)\s+me\b)"
        r"|\bmy\s+(?:boyfriend|girlfriend|partner|husband|wife|bf|gf|fiance|fiancée|fiancee)\b"
        r"(?:(?!\b(?:scammer|blackmailer|someone|somebody|account|guy|man|woman|they)\b)[^.!?]){0,60}?"
        r"\b(?:he|she)(?:'ll|\s+will|\s+would|'d)\s+(?:post|share|send|leak|show|upload)\b",
        re.IGNORECASE)),
    (KNOWN_ADULT, re.compile(
        r"\bmy\s+(?:coach|tutor|uncle|step-?dad|stepfather|family\s+friend|boss|manager|neighbour|neighbor)\s+"
        r"(?:\w+\s+){0,3}?(?:has|is\s+threatening|threaten\w*|says?\s+he'?(?:ll|\s+will))"
        # Not the colleague it is happening to: "a colleague of mine told me someone is blackmailing him".
        r"|\b(?:a|my)\s+(?:colleague|co-?worker|workmate|work\s+colleague)\b"
        r"(?![^.!?]{0,80}?\b(?:blackmailing|threatening|extorting|sextorting)\s+(?:him|her|them)\b)"
        r"|\b(?:someone|somebody|a\s+(?:guy|man|woman|bloke))\s+(?:i\s+work\s+with|from\s+(?:my\s+)?work)\b",
        re.IGNORECASE)),
)
# Someone the person knows, of no stated kind: "this lad i know thru a mate", "a girl i know from college".
# A peer for someone under 18, another adult for an adult (knowledge.age reads the age in the same message).
_SOMEONE_KNOWN = re.compile(
    r"\b(?:someone|somebody|a|this|some)\s+(?:\w+\s+)?(?:lad|guy|girl|boy|bloke|man|woman|person|kid)?\s*"
    r"(?:that\s+|who\s+)?i\s+(?:know|knew|met\s+(?:at|through|thru))\b"
    r"|\ba\s+(?:friend|mate)\s+of\s+a\s+(?:friend|mate)\b",
    re.IGNORECASE)

_PAYMENT_PATTERNS: tuple[tuple[str, re.Pattern[str]], ...] = (
    ("gift_card", re.compile(r"\b(?:gift\s*cards?|steam\s+cards?|itunes\s+cards?|(?:google\s+play|amazon|apple)\s+"
                             r"(?:cards?|vouchers?|codes?)|vouchers?)\b", re.IGNORECASE)),
    ("crypto", re.compile(r"\b(?:bitcoin|btc|crypto\w*|usdt|ethereum|eth)\b", re.IGNORECASE)),
    ("paypal", re.compile(r"\b(?:pay\s?pal|cash\s?app|venmo|revolut|monzo\s+link|zelle)\b", re.IGNORECASE)),
    ("money_transfer", re.compile(r"\b(?:western\s+union|moneygram|remitly|wise\s+transfer)\b", re.IGNORECASE)),
    ("card", re.compile(r"\b(?:debit|credit)\s+card\b|\bby\s+card\b|\bmy\s+card\b", re.IGNORECASE)),
    ("bank", re.compile(r"\bbank\s+transfer\b|\btransferred\b|\bsort\s+code\b|\bbank\s+account\b", re.IGNORECASE)),
)
# They paid: "I paid", "I've transferred it", "I sent him £80", "I already gave them the money".
_PAID = re.compile(
    r"\b(?:i|i'?ve|ive|i\s+have|i\s+already|already)\s+(?:already\s+|just\s+)?"
    r"(?:(?:paid|payed|transferred)\b"
    r"|(?:sent|send|gave|given|bought)\b(?:\s+\w+){0,3}?\s*"
    r"(?:£|\$|€|\d|money|cash|quid|pounds|dollars|euros|the\s+(?:money|cash|card)|gift|bitcoin|crypto))",
    re.IGNORECASE,
)
# ... or a clause that opens with the payment: "i'm 45, sent him £250 in gift cards", "38. paid £150 on paypal".
_PAID_CLAUSE = re.compile(
    r"(?:^|[,.;:!]\s*|\band\s+|\bthen\s+)(?:already\s+|just\s+)?(?:sent|paid|payed|transferred|gave)\b(?:\s+\w+){0,3}?\s*"
    # (?<!\d): the amount starts where its digits do (a word before it may end in digits, "sent him 250" read as
    # "him 2" + "50" or "him" + "250" is the same match); otherwise a long number was read again from each digit.
    r"(?:£|\$|€|(?<!\d)\d+\s*(?:quid|pounds|dollars|euros)|money|cash|gift\s*cards?|bitcoin|crypto)",
    re.IGNORECASE,
)
_NOT_PAID = re.compile(r"\b(?:haven'?t|have\s+not|didn'?t|did\s+not|not)\s+(?:paid|payed|sent\s+(?:any\s+)?money)\b",
                       re.IGNORECASE)


# An age in brackets or commas after the person named: "my boyfriend (25) is being...", "my son, 15, has...".
# "my best mate (he's 23, same as me) is being..." too.
_AGE_ASIDE = re.compile(r"\s*\(\s*(?:(?:he|she|they)(?:'s|’s|'re|’re|\s+is|\s+are)\s+|aged?\s+)?"
                        r"(?:about\s+|around\s+|nearly\s+)?\d{1,2}\b[^()]{0,25}\)"
                        r"|\s*,\s*\d{1,2}\s*(?:[mf]|yo)?\s*,", re.IGNORECASE)


def find_role(message: str) -> str | None:
    """Who is writing, relative to the person it is happening to; None when the message does not say."""
    message = _AGE_ASIDE.sub("", message)
    backwards = ""  # the message reversed, made once when a relative or a friend is named
    about_the_writer: bool | None = None  # read once too: searching the message for each relative took n * n
    for role, pattern in _ROLE_PATTERNS:
        if role == PROFESSIONAL and _pupil_told(message) and not _ABOUT_THE_WRITER.search(message):
            return role  # "a pupil told me...", not "a student has my pics"
        for match in pattern.finditer(message):
            # "I'm a teacher and someone has my nudes": a professional, writing about their own images.
            if role in (FAMILY, FRIEND, PROFESSIONAL):
                if about_the_writer is None:
                    about_the_writer = bool(_ABOUT_THE_WRITER.search(message))
                if about_the_writer:
                    break  # "he's messaging my little brother saying he has nudes of me": the writer is the victim
                backwards = backwards or message[::-1]
                if _RECIPIENT_BEFORE.match(backwards, len(message) - match.start()):
                    continue
            return role
    return None


def _pupil_told(message: str) -> bool:
    """Whether a pupil is named and, later on the same line, what they did: "a pupil of mine has told me"."""
    pupils = [m.end() for m in _PUPIL.finditer(message)]
    if not pupils:
        return False
    told = [m.start() for m in _PUPIL_TOLD.finditer(message)]
    newlines = [m.start() for m in re.finditer("\n", message)]
    for end in pupils:
        k = bisect_left(told, end)
        if k < len(told) and bisect_left(newlines, end) == bisect_left(newlines, told[k]):
            return True
    return False


def find_blackmailer(message: str) -> str | None:
    """Who the blackmailer is, when the person knows them; None when the message does not say."""
    kind = next((kind for kind, pattern in _BLACKMAILER_PATTERNS if pattern.search(message)), None)
    if kind is None and _SOMEONE_KNOWN.search(message):
        age = find_age_group(message)
        kind = KNOWN_ADULT if age and age.age_group == ADULT else PEER
    return kind


# "if i send him money will he delete them", "suppose i paid him": money that might be paid, the supposition right
# before it. Not "idk if this matters i paid him 50", "whether it was smart or not i sent £80".
_SUPPOSED = re.compile(r"\b(?:if|suppose|supposing|unless|whether|what\s+if)\s+(?:(?:i|we)\s+)?(?:just\s+|ever\s+)?$",
                       re.IGNORECASE)


def _said_as_done(message: str, match: re.Match[str]) -> bool:
    if "already" in message[match.start():match.end() + 12].lower():  # "what happens if i (already) paid (already)"
        return True
    return not _SUPPOSED.search(message[max(0, match.start() - 30):match.start()])


def find_payment(message: str) -> tuple[bool, str | None]:
    """(whether the message says money was paid, how), e.g. (True, "gift_card")."""
    if _NOT_PAID.search(message):
        return False, None
    paid = any(_said_as_done(message, match)
               for pattern in (_PAID, _PAID_CLAUSE) for match in pattern.finditer(message))
    method = next((m for m, pattern in _PAYMENT_PATTERNS if pattern.search(message)), None)
    return paid, method if paid else None


# A countdown or a deadline: "by midnight", "I've got an hour", "24 hours", "by tomorrow morning".
_DEADLINE = re.compile(
    r"\b(?:deadline|countdown|count\s*down|timer|ultimatum)\b"
    r"|\b(?:by|before|until|till)\s+(?:midnight|tonight|tomorrow|the\s+morning|morning|\d{1,2}\s*(?:am|pm|o'?clock)|\d{1,2}[:.]\d{2})\b"
    r"|\b(?:an?|one|\d{1,2}|two|three|few)\s+(?:more\s+)?(?:hours?|hrs?|minutes?|mins?)\s+(?:left|to\s+(?:pay|send|decide|reply))\b"
    r"|\b(?:got|given|gave|giving|have|has)\s+(?:me\s+)?(?:an?|one|\d{1,2}|two|three|till|until)\s*(?:hours?|hrs?|minutes?|mins?|days?)\b"
    r"|\b(?:in|within)\s+(?:the\s+next\s+)?(?:an?|one|\d{1,2}|two|three)\s*(?:hours?|hrs?|minutes?|mins?)\b",
    re.IGNORECASE,
)


def mentions_deadline(message: str) -> bool:
    """Whether the message says the blackmailer set a time limit."""
    return bool(_DEADLINE.search(message))


# "the video is from when I was 16", "I was 15 in the pics": an image from under 18, whatever the age now.
# An age alone ("when I was 15 my dad died") is not enough: the message must be about an image too.
_UNDER_18_THEN = re.compile(
    r"\b(?:when|back\s+when)\s+i\s+was\s+(?:only\s+|just\s+|like\s+)?"
    r"(?:1[0-7]|[89]|sixteen|seventeen|fifteen|fourteen|thirteen|a\s+(?:kid|child|minor)|underage|under\s*(?:18|age))\b"
    r"(?!\s*(?:minutes?|mins?|hours?|days?|weeks?|months?|years?)\b)"
    r"|\bi\s+was\s+(?:only\s+|just\s+)?(?:1[0-7]|underage|under\s*18|a\s+minor)\s+(?:in\s+(?:it|them|the)|at\s+the\s+time|then|when)\b"
    r"|\baged\s+1[0-7]\b",
    re.IGNORECASE,
)
_IMAGE = re.compile(
    r"\b(?:pics?|photos?|pictures?|videos?|vids?|clips?|nudes?|images?|selfies?|snaps|recorded|filmed)\b",
    re.IGNORECASE)


def mentions_image_from_under_18(message: str) -> bool:
    """Whether the writer says an image of them is from before they were 18 (Take It Down still applies)."""
    return bool(_UNDER_18_THEN.search(message)) and bool(_IMAGE.search(message))


# Sexuality or gender identity used as a threat: "he'll tell my dad I'm gay", "I'm 33 and bi", "out me at work".
_IDENTITY = (r"(?:gay|bisexual|lesbian|queer|trans|transgender|pan|pansexual|non[- ]?binary"
             r"|bi(?=\s*(?:[.,!?;)&]|$|and\b|but\b)))")
_BEING_OUTED = re.compile(
    rf"\b(?:i'?m|im|i\s+am)\s+(?:\d{{1,2}}\s*(?:,|and|&)\s*)?(?:a\s+)?{_IDENTITY}(?![-\w]|\s+(?:rights|ally|allies|friendly))"
    # "I'm a 28 year old trans woman", "35, gay man": the writer, not a stranger they describe ("a gay man on ...").
    rf"|(?:\b(?:i'?m|im|i\s+am)\s+a\s+(?:\d{{1,2}}[- ]?(?:years?[- ]old|yo)\s+)?|^\s*\d{{1,2}}\s*,\s*)"
    rf"{_IDENTITY}\s+(?:man|guy|lad|boy|woman|girl|person)\b"
    r"|\b(?:to|'ll|will|gonna|going\s+to|threaten\w*\s+to)\s+out\s+(?:me|him|her|them)\b|\bouted\b"
    r"|\b(?:i'?m|im|i\s+am|he'?s|she'?s|they'?re)\s+not\s+out\b(?!\s+(?:of|there|yet))"
    r"|\b(?:in\s+the\s+closet|closeted)\b",
    re.IGNORECASE,
)
# "I'm straight but he says he'll tell everyone I'm gay": the lie is the threat, not a coming out.
_SAYS_STRAIGHT = re.compile(r"\b(?:i'?m|im|i\s+am)\s+(?:straight|not\s+(?:gay|bi|trans))\b", re.IGNORECASE)


def mentions_being_outed(message: str) -> bool:
    """Whether the message says the threat is also to reveal someone's sexuality or gender identity (Galop)."""
    return bool(_BEING_OUTED.search(message)) and not _SAYS_STRAIGHT.search(message)


# The person it is happening to, as the helper names them: "my son", "my little sister", "I'm his mum".
_RELATION_WORDS = {
    "son": "son", "daughter": "daughter", "child": "child", "kid": "child", "boy": "son", "girl": "daughter",
    "lad": "son", "stepson": "stepson", "stepdaughter": "stepdaughter", "teenager": "teenager", "teen": "teenager",
    "brother": "brother", "bro": "brother", "sister": "sister", "sis": "sister", "cousin": "cousin",
    "nephew": "nephew", "niece": "niece", "grandson": "grandson", "granddaughter": "granddaughter",
    "godson": "godson", "goddaughter": "goddaughter", "friend": "friend", "mate": "mate", "bestie": "friend",
    "bff": "friend", "pal": "friend", "boyfriend": "boyfriend", "girlfriend": "girlfriend", "bf": "boyfriend",
    "gf": "girlfriend", "partner": "partner", "husband": "husband", "wife": "wife", "pupil": "pupil",
    "student": "student", "flatmate": "flatmate", "housemate": "housemate", "roommate": "roommate",
}
PARTNERS = frozenset({"boyfriend", "girlfriend", "partner", "husband", "wife"})
RELATIONS = frozenset(_RELATION_WORDS.values()) | {"nephew", "niece", "grandson", "granddaughter"}
_NAMED_RELATION = re.compile(
    r"\bmy\s+(?:\d{1,2}\s*(?:(?:-\s*)?(?:year|yr)s?\s*(?:-\s*)?old|yo)\s+)?(?:(?:little|lil|wee|baby|kid|big|younger|older|"
    r"twin|best|close|good)\s+)?(" + "|".join(sorted(_RELATION_WORDS, key=len, reverse=True)) + r")\b", re.IGNORECASE)
# "I'm his mum" names the young person by the writer's relation to them.
_BY_WRITERS_RELATION = re.compile(
    r"\b(?:i'?m|i\s+am|im)\s+(his|her)\s+(?:(mum|mom|mother|dad|father|parent|step-?(?:mum|mom|mother|dad|father))"
    r"|(aunt|auntie|aunty|uncle)|(nan|nana|nanna|gran|granny|grandma|grandmother|grandad|granddad|grandpa|grandfather)"
    r"|(brother|sister))\b", re.IGNORECASE)
_OF = {  # (his, her) for the writer's relation
    "parent": ("son", "daughter"), "aunt": ("nephew", "niece"), "grandparent": ("grandson", "granddaughter"),
    "sibling": ("brother", "sister"),
}


def age_group_of(message: str) -> AgeMatch | None:
    """The age group of the one it is happening to, reading who the writer is (knowledge/age.py)."""
    return find_age_group(message, helping_partner=helps_partner(message))


# "my wife's little brother": the partner's relative, not the partner.
_PARTNERS_RELATIVE = re.compile(rf"\bmy\s+{_PARTNER}['’]s\s+(?:\w+\s+)?\w", re.IGNORECASE)


def helps_partner(message: str) -> bool:
    """Whether the writer helps a partner it is happening to ("my girlfriend is 19 ... her nudes").

    Not when another relative is named too: in "my boyfriend is 19 and he is blackmailing my sister" the partner
    is the blackmailer.
    """
    named = {_RELATION_WORDS[m.group(1).lower()] for m in _NAMED_RELATION.finditer(message)}
    if not named or not named <= PARTNERS or _PARTNERS_RELATIVE.search(message):
        return False
    return find_role(message) == FAMILY


def find_relation(message: str) -> str | None:
    """Who the helper is writing about, in a word ("son", "sister", "friend"), when the message says."""
    written = _BY_WRITERS_RELATION.search(message)
    if written:
        his = written.group(1).lower() == "his"
        kind = next(k for k, g in zip(("parent", "aunt", "grandparent", "sibling"), written.groups()[1:], strict=True)
                    if g)
        return _OF[kind][0 if his else 1]
    named = _NAMED_RELATION.search(message)
    return _RELATION_WORDS[named.group(1).lower()] if named else None
