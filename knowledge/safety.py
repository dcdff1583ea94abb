"""High-recall patterns for crisis and danger, checked on every message.

The intent classifier learns these needs too; the patterns are a second net
that does not depend on it, so a message like "kms" or "I wrote a goodbye
note" always reaches crisis support. They only ever read the message: the
assistant never says anything about methods.
"""
from __future__ import annotations

import re
from collections.abc import Iterator

from knowledge.context import HELPERS, find_role

CRISIS = "crisis"
CRISIS_SOMEONE_ELSE = "crisis_someone_else"
DANGER = "danger"
# Both are a risk to life, and both answers give the crisis lines.
RISK_TO_LIFE = (CRISIS, CRISIS_SOMEONE_ELSE)

_SELF = r"(?:my\s*self|myself|meself|my\s*sel|mysef|myslef|mself)"
_OTHER_SELF = r"(?:him\s*self|her\s*self|them\s*selves|themself)"

_I = r"(?:i|i'?m|im|i\s+am|i\s+was|i\s+were|i'?d|i'?ll)"
# Tablets taken or at hand as the doctor meant them ("like normal", "for my anxiety").
_AS_USUAL = (r"(?![^.!?]{0,30}\b(?:like\s+(?:normal|usual|always)|as\s+(?:usual|normal|prescribed)"
             r"|for\s+(?:my|the|her|his)|in\s+case|from\s+(?:the\s+|my\s+)?(?:doctor|gp|pharmacy|chemist))\b)")
_NOT_FIGURATIVE = r"(?!\s+(?:of|from|laughing|inside)\b)"
# "My last message to him", "say goodbye to him": the scammer, not the world.
_NOT_TO_THEM = r"(?!\s+(?:to\s+(?:him|her|the\s+scammer|(?:that|the|my|this)\s+(?:account|app|profile|page))|tonight|for\s+(?:now|tonight|today))\b)"
# "Disappear off insta till it blows over" is a break from the internet, not a goodbye.
_NOT_A_BREAK = r"(?!\s+(?:off|from)\b)(?![^.!?]{0,40}\b(?:till|until|for\s+a\s+(?:bit|while|few)|blows?\s+over)\b)"

# Last words to family: "so he knows it wasn't his fault", "i just want mum to know it wasn't her fault" (not a
# parent's "how do I make sure my son knows it wasn't his fault").
_KNOWS_NOT_THEIR_FAULT = (r"\b(?:so\s+(?:\w+\s+){1,2}knows?|just\s+want\s+(?:\w+\s+){1,3}to\s+know)\s+"
                          r"it\s+(?:wasn'?t|wasnt|was\s+not|isn'?t|isnt)\s+(?:his|her|their|your)\s+fault\b(?!\s+(?:she|he|they|that)\b)")
# "i'll save them the trouble and report it myself" is not a goodbye.
_NOT_BY_REPORTING = r"(?![^.!?]{0,20}\b(?:and|by)\s+(?:report|tell))"

# Grouped by the warning signs in the Samaritans' and VERA-MH's lists: direct
# words, wishing to be dead, burden, finality and goodbyes, plans, self-harm,
# someone else at risk. Figurative uses ("dying of shame", "killing me",
# "social suicide") are left to the classifier.
# No two space quantifiers stand side by side with only optional parts between them (r"\s*(?:to)?\s+" is written
# r"(?:\s*to\s+|\s+)"): the regex engine tries every split of a run of spaces between the two, in time growing
# with the square of the run (a 100 KB message of spaces after "want": minutes).
# A quantity of tablets, anyone's: "a load of my mum's painkillers", "all the tablets".
_TABLETS = (r"(?:a\s+(?:load|lot|bunch|handful|whole\s+(?:box|packet|pack|bottle)|bottle)|loads|lots|all|too\s+many|[1-9]\d)\s+(?:of\s+)?"
            r"(?:(?:my|his|her|their)\s+(?:\w+['’]?s\s+)?|the\s+)?(?:pills|tablets|paracetamol|painkillers|meds|medication)\b")
# An overdose already taken, in the words people use (utter_crisis then opens with 999 or A&E now: see
# urgent_risk). "swallowed everything in the medicine cabinet", "i took something and i'm scared".
_OVERDOSE_TAKEN = (
    r"\b(?:took|taken|swallowed)\s+" + _TABLETS + r"(?!\s+(?:away|off\s+me|out\s+of))" + _AS_USUAL +
    r"|\b(?:took|taken|swallowed|drank)\s+(?:everything|all|whatever\s+(?:was|i\s+could\s+find))\s+(?:\w+\s+){0,2}"
    r"(?:medicine|bathroom|first\s+aid)\s+(?:cabinet|cupboard|drawer|box)\b"
    r"|\b(?:i'?ve\s+|i\s+have\s+|i\s+)?(?:took|taken|swallowed)\s+something\b[^.!?]{0,30}\b(?:scared|sick|dizzy|frightened|"
    r"panick\w*|stay\s+with\s+me|to\s+(?:end|sleep|stop))"
    r"|\b(?:stay|be)\s+with\s+me\b[^.!?]{0,10}[.!?]?\s*i\s+(?:took|taken|swallowed)\s+something\b"
    # "i od'd", "ive just od on paracetamol", "swallowed 2 boxes of paracetamol", "i think i took too many."
    r"|\bod(?:'d|ed|'ed)\b|\b(?:i|i'?ve|ive|i\s+have|just)\s+(?:just\s+)?od\b"
    r"|\b(?:took|taken|swallowed)\s+(?:a|one|two|three|\d)\s+(?:whole\s+)?(?:box(?:es)?|packets?|packs?|bottles?|strips?)\s+of\s+"
    r"(?:\w+\s+)?(?:pills|tablets|paracetamol|painkillers|meds|medication)\b"
    r"|\b(?:took|taken|swallowed)\s+(?:my|the)\s+whole\s+prescription\b"
    r"|\b(?:overdosed|(?:took|taken|had)\s+an\s+overdose)\b(?!\s+(?:before|once|twice|as\s+a))"
    r"|\bi\s+(?:think\s+)?(?:i\s+)?(?:took|swallowed|have\s+taken|'?ve\s+taken)\s+(?:way\s+)?too\s+(?:many|much)\s*(?:[.!?]|$)")
# Said after the crisis answer was already chosen, these can only mean tablets: "too late i already took them".
_OVERDOSE_TAKEN_IN_CRISIS = (
    r"\b(?:already|just)\s+(?:took|taken|swallowed)\s+(?:them|it|the\s+lot|all\s+of\s+them)\b(?!\s+(?:down|off|screenshots?))"
    r"|\bswallowed\s+(?:them\s+all|all\s+of\s+them|the\s+lot)\b"
    r"|\b(?:took|taken|swallowed)\s+(?:the|my)\s+whole\s+(?:box|packet|pack|bottle|strip)\b")
# An overdose planned, or tablets at hand, said as such ("i have pills here", "got all my tablets lined up").
_OVERDOSE_PLANNED_OR_AT_HAND = (
    r"\b(?:going|gonna|about|want|wanna)\s+(?:to\s+)?(?:take|swallow)\s+" + _TABLETS + _AS_USUAL +
    r"|\b(?:going|gonna|about)\s+(?:to\s+)?(?:take|swallow)\s+(?:the\s+|some\s+)?(?:pills|tablets|paracetamol|painkillers)"
    r"\s+(?:tonight|now|later|when)\b"
    r"|\b(?:i'?ve\s+got|i\s+have|i\s+got|got|there'?s)\s+(?:(?:a\s+(?:load|lot|bunch|handful|box|packet)\s+of|loads\s+of"
    r"|a\s+bottle\s+of|all\s+(?:my|the|these)|the|my|some|these|my\s+\w+'?s)\s+)?(?:pills|tablets|paracetamol|painkillers)\s+(?:right\s+)?"
    r"(?:here|ready|next\s+to\s+me|in\s+front\s+of\s+me|beside\s+me|lined\s+up|saved\s+up|counted\s+out)\b"
    + _AS_USUAL +
    r"|\b(?:pills|tablets)\s+(?:lined\s+up|saved\s+up|stockpiled|counted\s+out)\b"
    r"|\b(?:stockpil\w*|sav(?:ed|ing)\s+up|hoard\w*)\s+(?:my\s+|the\s+|some\s+)?(?:pills|tablets|paracetamol|painkillers|meds|"
    r"medication)\b"
    # "been holding the pills for an hour", "got the tablets out on the bed".
    r"|\b(?:holding|staring\s+at|looking\s+at)\s+(?:the|my|these|all\s+(?:the|my))\s+(?:pills|tablets|paracetamol|painkillers)\b"
    + _AS_USUAL +
    r"|\bgot\s+(?:the|my|all\s+(?:the|my))\s+(?:pills|tablets|paracetamol|painkillers)\s+out\b" + _AS_USUAL + r"(?![^.!?]{0,20}\bready\s+for\b)")
# A dangerous place, now or on the way: "im on the bridge", "sat on the top of the car park", "walking to the
# railway". Not a station, a club or a game.
_DANGEROUS_PLACE = (
    r"\b(?:i'?m|im|i\s+am|been|keep|standing|stood|sat|sitting|walking|walked|going|heading|gone|stopping|stopped|ending\s+up|"
    r"on\s+my\s+way|driving|climbed|climbing)\s+(?:\w+\s+){0,2}?(?:on|at|to|by|near|onto|over|up)\s+(?:the\s+|a\s+|this\s+)?"
    r"(?:top\s+(?:of|floor\s+of)\s+(?:the\s+|a\s+)?(?:car\s*park|multi-?stor(?:e?y)|building|tower|flats)|"
    r"(?:\w+\s+)?(?:bridge|roof|rooftop|ledge|cliffs?|cliff\s+edge|railway(?:\s+line)?|train\s+tracks?|rail\s+line|tracks|"
    r"overpass|flyover|viaduct))\b(?!\s+(?:station|club|game|level|terrace|garden|bar|party|in\s+minecraft|of\s+my\s+nose)\b)"
    # An ordinary trip: "over the bridge to the police station", "to the cliffs with my family tomorrow".
    r"(?![^.!?]{0,30}\b(?:to\s+(?:meet|see|school|work|college|uni|the\s+police|the\s+shops?)|with\s+(?:my\s+)?(?:family|mates|friends|mum|dad|parents)"
    r"|fixing|tomorrow|next\s+week)\b)")

_CRISIS_PATTERNS = [
    # Direct, and the words people use instead.
    rf"\b(?:kill(?:ing|ed)?|kil|hurt(?:ing)?|harm(?:ing)?|cut(?:ting)?|hang(?:ing)?|end(?:ing)?|off(?:ing)?|unalive|unaliving|top(?:ping)?)\s+(?:{_SELF}|{_OTHER_SELF})",
    r"(?<!social\s)(?<!career\s)\b(?:kms|kys|kill\s+yourself|killing\s+yourself|unalive|unalived|unaliving|sewer\s*slide|self[\s-]*harm\w*|suicid\w*|sucid\w*|suicd\w*|suiside\w*|overdos\w*|ctb)\b",
    r"\b(?:end|ending|endin|take|taking|took)\s+(?:my|his|her|their)\s+(?:own\s+)?l(?:ife|ives|fie|ief)\b",
    r"(?<!n't\s)(?<!not\s)\bend(?:ing|in)?\s+(?:it|it\s+all|everything|things)\b(?!\s+with\b)",
    r"\bmy\s+life\s+to\s+(?:be\s+over|end)\b",
    # Wanting to die or not to be alive, with the usual typos.
    rf"\b(?:want|wanna|wna|wnat|wants|wanted|wanting|ready|deserve|rather|prefer|better\s+off)(?:\s*(?:to|too|2)\s+|\s+)(?:just\s+)?(?:die+|di(?=\W*$)|be\s+dead|dead)\b{_NOT_FIGURATIVE}",
    rf"\b(?:i|im|i'm|i\s+am)\s+(?:going|gonna)\s+(?:to\s+)?(?:just\s+)?(?:die|be\s+dead){_NOT_FIGURATIVE}",
    r"\biwanttodie\b|\bfeel\s+like\s+dying\b|\bwaiting\s+to\s+die\b",
    r"\b(?:wish|wishes|wished|wishing|hope|hoping|pray|praying)\s+(?:that\s+)?(?:i|id|i'd|he|she|they)\s+(?:(?:was|were|had|could|would|just|won'?t|don'?t|never)\s*)?(?:dead|die|died|never\s+been\s+born|not\s+(?:be\s+)?here|disappear|stop)\b(?!\s+(?:off|from)\b)",
    r"\bhope\s+something\s+(?:bad\s+)?happens\s+to\s+me\b",
    # Vanishing tonight, holding on only for someone, hiding what was done to oneself.
    r"\b(?:if|when|once)\s+i\s+(?:just\s+)?dis+ap+ea?r\s+(?:tonight|tomorrow|for\s+good|forever)\b"
    r"|\b(?:holding|hanging)\s+on\s+(?:for|because\s+of)\s+(?:my\s+)?\w+[^.!?]{0,15}\bbut\s+i\s+(?:can'?t|cant|cannot)\s+"
    r"(?:any\s*more|do\s+(?:it|this)|keep\s+going|go\s+on|hold\s+on)\b"
    r"|\bonly\s+(?:holding|hanging)\s+on\s+(?:for|because)\b"
    r"|\bi\s+(?:just\s+|have\s+|'ve\s+)?relapsed\b|\brelaps\w*\s+(?:(?:on|with|into)\s+)?sh\b|\bsh\s+relaps\w*|\brelaps\w*\b[^.!?]{0,20}\b(?:cutting|cut\s+myself|hurting\s+myself)\b"
    r"|\blong\s+sleeves\s+(?:for\s+a\s+reason|to\s+hide\s+(?:my\s+|the\s+)?(?:arms|wrists|legs|cuts|scars|marks)"
    r"|so\s+(?:no\s*one|nobody|people\s+don'?t)\s+(?:sees?|can\s+see|notices?))\b",
    rf"\bi\s+(?:just\s+)?(?:wanna|want\s+to|want)\s+(?:just\s+)?(?:disappear|vanish|not\s+exist|stop\s+existing|not\s+be\s+here|be\s+gone|go\s+to\s+sleep\s+forever)\b{_NOT_A_BREAK}",
    r"\b(?:stop|not)\s+existing\b|\brather\s+not\s+exist\b",
    # "I can't face school tomorrow. Or any day. I'm not going to have to."; not "I'm not going to have to pay?".
    r"\b(?:i'?m\s+not|i\s+am\s+not|im\s+not)\s+(?:going\s+to|gonna)\s+have\s+to"
    r"(?:\s+(?:for\s+)?(?:much\s+longer|any\s*more))?\s*(?:[.!]|$)",
    # "i just want it to be over. all of it. me too."
    r"\b(?:it|everything|this|all\s+of\s+it)\s+(?:all\s+)?(?:to\s+)?(?:be\s+)?(?:over|end|stop)\b[^?]{0,30}?"
    r"\b(?:me\s+too|including\s+me|and\s+me\s+with\s+it)\s*(?:[.!]|$)",
    # "he said he'd rather not be around if it gets out"; not "rather not be here for the call".
    r"\b(?:rather|sooner)\s+not\s+(?:be\s+(?:here|around|alive)|wake\s+up|live)\b(?!\s+(?:in|with|at|near|for|during|while|on)\b)",
    r"\bwhat'?s\s+the\s+point\s+(?:anymore|any\s+more|of\s+(?:anything|it\s+all|me|life|being\s+here)|in\s+(?:anything|living))\b"
    r"|\bno\s+point\s+(?:in\s+)?(?:anything|living|being\s+here|me\s+being\s+here)\s+(?:anymore|any\s+more)\b",
    r"\b(?:don'?t|dont|do\s+not|doesn'?t|no\s+longer|idw|idwt)\s*(?:(?:want|wanna)\s*)?(?:to\s+)?(?:be\s+alive|live|living|b\s+here|be\s+here|be\s+around|wake\s+up|go\s+on|carry\s+on)\b(?!\s+(?:in|with|at|near)\b)",
    # Said by someone writing in a second language: "i want finish my life", "i no want live anymore".
    r"\b(?:finish|stop|terminate)\s+(?:with\s+)?my\s+(?:own\s+)?life\b(?!\s+(?:story|savings|work))"
    r"|\b(?:no|not)\s+(?:want|wanna)\s+(?:to\s+)?(?:live|be\s+alive)\b(?!\s+(?:in|with|at|near|there|here)\b)",
    # Not existing as a wish, or said of oneself; not "so they (the photos) don't exist any more".
    r"\b(?:don'?t|dont|do\s+not|doesn'?t|no\s+longer|idw|idwt)\s*(?:want|wanna)\s*(?:to\s+)?exist\b|\bidwt?\s*(?:to\s+)?exist\b"
    r"|\bi\s+(?:don'?t|dont|do\s+not|no\s+longer)\s+(?:really\s+)?exist\b",
    r"\b(?:never|not|n'?t|won'?t)\s+wak(?:e|ing)\s+up\b|\b(?:die|died|dying)\s+in\s+my\s+sleep\b|\bsleep\s+forever\b",
    r"\b(?:tired\s+of|cba|can'?t\s+be\s+arsed)\s+(?:being\s+alive|living|life|existing)\b",
    r"\b(?:idc|don'?t\s+care|stopped\s+caring)\s+(?:if|whether)\s+i\s+(?:live|die)\b",
    r"\b(?:why|reason|point)\b[^.!?]{0,30}\b(?:keep\s+living|stay\s+alive|still\s+alive|be\s+alive|being\s+alive|bother\s+living|living|go\s+on|going\s+on|carrying\s+on|to\s+live)\b",
    r"\bshould(?:n'?t|nt)?\s+(?:even\s+)?be\s+alive\b|\bdeserve\s+to\s+(?:live|be\s+alive|be\s+hurt|suffer|die)\b|\bwant\s+me\s+alive\b",
    r"\b(?:thinking|think|thinkin|thoughts?)\s+(?:about|bout|of)\s+(?:dying|death|suicide|killing\s+myself|ending|endin|not\s+being\s+here)\b",
    r"\b(?:death|dying|being\s+dead)\s+(?:seems|would\s+be|is|feels|sounds)\s+(?:easier|better|the\s+only|like\s+the\s+only)\b",
    r"\b(?:scared|afraid)\s+of\s+dying\s+any\s*more\b|\bdying\s+doesn'?t\s+scare\b|\b(?:peace|ok|okay)\s+with\s+dying\b",
    r"\bwhat\s+happens\s+when\s+you\s+die\b|\bmy\s+(?:own\s+)?funeral\b|\bin\s+a\s+coffin\b",
    # Burden, and being better off without them.
    r"\bbetter\s+off\s+(?:without\s+(?:me|him|her|them)|dead|w/o\s+me|gone|not\s+(?:here|around|alive))\b",
    rf"\b(?:burden|better|happier|easier|relieved|favou?r)\b[^.!?]{{0,40}}\b(?:without\s+me|by\s+dying|when\s+i'?m\s+gone|if\s+{_I}\s+(?:gone|dead|died|not\s+here|wasn'?t\s+(?:here|around|alive)|weren'?t\s+(?:here|around)))",
    r"\bi'?m\s+(?:just\s+)?a\s+burden\b|\bwaste\s+of\s+space\b",
    r"\b(?:no\s*one|no-one|nobody|anyone)\b[^.!?]{0,25}\b(?:care|miss|notice)\w*\b[^.!?]{0,25}\b(?:gone|died|dead|die)\b",
    r"\bworld\s+(?:would|will)\s+be\s+(?:a\s+)?better\b|\bbelong\s+in\s+this\s+world\b|\bnothing\s+(?:left\s+)?(?:to\s+live\s+for|for\s+me\s+here)\b",
    r"\b(?:life|living|lifes|life'?s)\s+(?:(?:is|isn'?t|is\s+not|aint|ain'?t)\s*)?(?:not\s+)?worth\b|\bworth\s+living\b",
    # Finality, goodbyes and plans.
    rf"\b(?:when|if|once|after)\s+{_I}\s+(?:gone|dead|die|died|not\s+here|not\s+around|wasn'?t\s+(?:here|around|alive)){_NOT_FIGURATIVE}",
    r"\b(?:(?:won'?t|wont|will\s+not)\s*|not\s+(?:going|gonna)\s+(?:to\s+)?)be\s+(?:here|around|alive|a\s+problem|anyone'?s\s+problem)\b",
    r"\b(?:can'?t|cannot|cant)\s+(?:go\s+on|carry\s+on|keep\s+going|live\s+(?:like\s+this|with\s+this)|do\s+life)\b"
    r"|\b(?:can'?t|cannot|cant|cnt)\s+(?:(?:do|take|handle|cope\s+with)\s+(?:this|it|any\s+of\s+(?:this|it))\s+"
    r"(?:any\s*(?:more|mre)|no\s+more)|take\s+(?:any\s*more|no\s+more))\b(?!\s+of\b)"
    r"|\b(?:can'?t|cannot|cant)\s+face\s+(?:tomorrow|another\s+day|(?:going|waking)\s+up|living|the\s+future)\b",
    r"\b(?:make\s+it|get)\s+through\s+(?:the\s+night|another\s+day|tonight)\b|\bwon'?t\s+make\s+it\s+to\b|\bwon'?t\s+hear\s+from\s+me\b",
    r"\bstill\s+(?:being\s+)?(?:here|alive)\s+(?:next|by|tomorrow)\b|\bnot\s+going\s+home\b",
    r"\b(?:goodbye|good\s+bye|suicide|farewell)\s+(?:note|letter|message|video|text)s?\b|\b(?:wrote|written|writing|left)\s+(?:a\s+)?(?:note|letters?)\b"
    r"(?![^.!?]{0,40}\b(?:explaining|about|to\s+(?:say|tell|explain))\s+(?:to\s+them\s+)?what\s+(?:happened|is\s+going\s+on)\b)",
    rf"\b(?:goodbye|bye+)\s+(?:forever|every\s*one|every1|all|guys)\b|\bthis\s+is\s+goodbye\b|\b(?:saying|say|said)\s+(?:my\s+)?(?:final\s+)?goodbyes?\b{_NOT_TO_THEM}|\b(?:a|my)\s+goodbye\b",
    rf"\bmy\s+last\s+(?:night|day|message|goodbye)\b{_NOT_TO_THEM}|\bthis\s+is\s+(?:the|my)\s+last\s+(?:message|night|day)\b{_NOT_TO_THEM}|\btoo\s+late\s+for\s+me\b",
    r"\b(?:before|time\s+for\s+me\s+to)\s+(?:i\s*)?go\b(?!\s+(?:to|out|back|home))|\bletting\s+go\b|\bdone\s+fighting\b",
    r"\btell\s+(?:my\s+)?\w+\s+(?:i'?m\s+sorry|i\s+lov(?:e|ed)\s+(?:her|him|them))\b",
    r"(?:^|[.!?]\s*|\bi'?m\s+|\bim\s+|\bi\s+am\s+)not\s+coming\s+(?:back|home)\b(?!\s+(?:to|from|on|for|till|until|online)\b)"
    r"|\bi\s+(?:can'?t|cant|cannot)\s+(?:keep\s+)?(?:exist|existing)\b(?!\s+online\b)"
    r"|\b(?:won'?t|wont|will\s+not)\s+matter\s+(?:in\s+a\s+(?:few|couple\s+of)\s+hours|by\s+(?:tomorrow|tonight|the\s+morning)|"
    r"after\s+tonight|soon)\s+anyway\b(?![^.!?]{0,10}\b(?:he|she|they)(?:'s|\s+is|\s+will|'ll)?\s+(?:post|send|shar))"
    r"|\b(?:left|leaving|leave)\s+(?:everything|it\s+all|my\s+room)\s+(?:tidy|sorted|clean|neat|in\s+order)\s+so\s+"
    r"(?:\w+\s+){0,2}(?:doesn'?t|don'?t|won'?t|wont|dont|doesnt)\s+have\s+to\b",
    r"\b(?:i|me|myself|i'?m|i'?ll|to|wanna|gonna|rather|(?<!\bit\s)(?<!\bpics\s)(?<!\bphotos\s)(?<!\bimages\s)(?<!\bvideo\s)(?<!\bthey\s)be)\s+(?:(?!(?:them|him|her|it|this|that|the|these|those|my|his|their)\b)\w+\s+){0,2}(?:out|end|stop|over|away|sleep|dis+ap+ea?r|gone|go)\w*[\s,]+(?:permanently|forever|for\s+good)\b|\ball\s+be\s+over\b|\bmake\s+(?:it\s+all|everything)\s+stop\s+(?:for\s+good|forever|permanently)\b",
    r"\bdone\s+with\s+(?:life|living|being\s+alive|it\s+all|everything)\b|\bim\s+done\s+living\b",
    r"\b(?:be|b)\s+here\s+(?:no\s+more|any\s*more)\b|\bby\s+not\s+being\s+here\b|\bno\s+(?:way\s+out|reason\s+to\s+stay)\b"
    # "there's only one way out of this and it's not paying"; not "the only way out is to report him".
    r"|\bonly\s+(?:one\s+|1\s+)?way\s+out\b(?!\s+(?:of\s+(?:this|it)\s+)?(?:(?:is|was)\s+)?(?:to\s+)?(?:pay|paying|report|reporting|tell"
    r"|telling|go|going|call|calling|talk|talking|block|blocking|get|getting)\b)",
    r"\b(?:if|when)\s+(?:i'?m|im|i\s+am)\s+dead\b|\bblackmail\s+a\s+dead\b|\bi'?ll\s+be\s+gone\b|\bbetter\s+if\s+i\s+(?:just\s+)?(?:died|was\s+dead|wasn'?t\s+here)\b",
    r"\bpicked\s+a\s+(?:day|date)\b|\b(?:i'?ve|i\s+have)\s+(?:made|got)\s+a\s+plan\s*(?:$|[.,!]|and\b)|\battempted\b(?!\s+to\b)",
    r"\b(?:giv(?:ing|en|e)|gave)\s+(?:away\s+)?(?:his|her|my|their|all\s+my)\s+(?:stuff|things)\s+away\b|\bwho\s+gets\s+my\s+things\b",
    r"\b(?:wanna|want\s+to|going\s+to|gonna)\s+jump\s+(?:off|in\s+front)\b|\b(?:want|wanna)\s+to\s+commit\s*$",
    _OVERDOSE_TAKEN,
    _OVERDOSE_PLANNED_OR_AT_HAND,
    _DANGEROUS_PLACE,
    # Oblique signs (the Samaritans' "putting affairs in order", "talking as if they won't be around"): giving
    # things away to the people left behind, a will, last words to family, a deadline of one's own, a future
    # that stops, and a figure of speech turned literal ("my parents will kill me. i'll save them the trouble").
    # Each is narrowed by the ordinary sentences a frightened person also writes (a reviewer's 228 near misses:
    # "I gave my dog to my nan while we're away", "I wrote my teacher a letter explaining what happened").
    r"\b(?:giv(?:e|ing|en)|gave|leav(?:e|ing)|left)\s+(?:away\s+)?(?:all\s+)?(?:of\s+)?(?:my|his|her)\s+(?:\w+\s+){0,2}"
    r"(?:savings|money|stuff|things|console|collection|games|clothes|pets?|dog|cat|hoodie)\s+(?:away\s+)?to\s+"
    r"(?:my|his|her)\s+(?:\w+\s+)?(?:sister|brother|sis|bro|cousin|friends?|mates?|mum|mom|dad|nan|gran|family)\b"
    r"(?![^.!?]{0,25}\b(?:so|while|to\s+(?:hold|look\s+after|keep)|for\s+(?:now|the|her|his|their)|in\s+a)\b)",
    r"\bgiving\s+away\s+(?:all\s+)?(?:of\s+)?(?:his|her|my|their)\s+(?:\w+\s+)?(?:stuff|things|belongings|possessions|clothes|"
    r"games|console|collection|pets?|dog|cat)\b|\baffairs\s+in\s+order\b"
    r"|\b(?:decided|sorted(?:\s+out)?|written\s+down|wrote\s+down|know)\s+who\s+gets\s+(?:what|my)\b"
    r"|\b(?:(?:help\s+me|how\s+(?:do|can)\s+i|i'?ve|i\s+have|i)\s+(?:write|make|wrote|made|written)\s+a|(?:write|writing|wrote|made|making)\s+my)\s+will\b",
    r"\b(?:ok|okay|fine|alright|all\s+right|cope|manage)\s+without\s+me\b(?!\s+(?:at|in|on|for)\b)",
    _KNOWS_NOT_THEIR_FAULT
    + r"|\bif\s+(?:you|u)\s+ever\s+(?:read|find)\s+this\b"
    r"|\bif\s+(?:you|u)\s+(?:ever\s+)?(?:read|go\s+through)\s+my\s+(?:phone|messages|diary)\b"
    r"(?=[^.!?]{0,20}\b(?:sorry|love\s+you|forgive)\b)"
    r"|\b(?:sorry|soz|forgive\s+me)\W+(?:mum|mummy|mom|mommy|mam|dad|daddy|mum\s+and\s+dad|mom\s+and\s+dad|every\s*one)\b"
    r"(?:\W*$|\s+for\s+everything)|\bone\s+day\s+(?:you|they)\s+(?:can|will|could)\s+forgive\s+me\b(?!\s+for\b)",
    r"\b(?:picture|picturing|imagine|imagining)\s+(?:my\s+)?(?:\w+\s+){0,2}finding\s+me\b(?!\s+out\b)",
    # A deadline of their own beside the blackmailer's: "when it hits zero so do i"; making someone's wish come
    # true: "he'd rather have no son than a gay one. guess ill make that easy for him".
    r"\bwhen\s+(?:it|the\s+(?:timer|countdown|clock))\s+(?:hits|reaches|gets\s+to|runs\s+out)(?:\s+(?:zero|0))?\s*,?\s*"
    r"so\s+(?:do|will)\s+i\b"
    r"|\b(?:i'?ll|ill|gonna|going\s+to)\s+make\s+(?:that|it)\s+easy\s+for\s+(?:him|her|them|every\s*one)\b(?!\s+to\b)",
    r"\b(?:gave|give|giving|given)\s+myself\s+(?:\d+|a|an|one|two|three|till|until|til)\b"
    r"(?![^.!?]{0,30}\b(?:to\s+\w+|off|break|rest|then)\b)",
    r"\b(?:don'?t|dont|do\s+not)\s+think\s+(?:i'?ll|ill|i\s+will|i'?d)\s+(?:make\s+it\s+to\b(?!\s+(?:school|the|class|work|college|uni)\b)"
    r"|see\s+(?:\d+\b(?!\s*(?:quid|pounds|again|%))|my\s+(?:\w+\s+)?birthday|my\s+\d+(?:st|nd|rd|th)|(?:next\s+)?christmas"
    r"|tomorrow|the\s+(?:morning|weekend|new\s+year)|next\s+(?:year|week|month))\b)",
    r"\b(?:there'?s|there\s+is|i\s+have|i'?ve\s+got|i\s+got)\s+no\s+(?:tomorrow|future)\b(?!\s+(?:in|at|with|on)\b)(?!\s+for\s+me\s+(?:in|at|with|on)\b)"
    r"|\bfeel\w*\s+like\s+(?:my|ur|your)\s+time(?:'?s|\s+is)\s+up\b",
    r"\bmight\s+as\s+well\s+(?:make\s+it\s+(?:official|real|perm\w*nent)|just\s+(?:die|end\s+it|disappear))\b(?!\s+(?:from|off)\b)"
    + _NOT_BY_REPORTING
    + r"|\bsave\s+(?:them|him|her|every\s*one)\s+(?:all\s+)?the\s+(?:trouble|bother|effort|hassle|stress)\b(?!\s+of\b)"
    + _NOT_BY_REPORTING
    + r"|\bkilling\s+me\b[^.!?]{0,25}\blet\s+it\b(?!\s+go\b)"
    r"|\b(?:die|dying|dead)\b[^?]{0,60}[.!,]\s*(?:and\s+)?(?:honestly\s+)?(?:i\s+think\s+)?i\s+(?:really\s+)?(?:want|wanna)(?:\s+to)?\W*$",
    r"\bdone\s+(?:with\s+all\s+of\s+it|trying\W+done\s+with\s+(?:all|it|everything|life))\b|\bgiv(?:e|ing)\s+up\W+(?:on\s+)?(?:ev\w*ything|life|living)\b"
    r"|\bi(?:'?m|\s+am)?\s+(?:just\s+)?giv(?:e|ing)\s+up\W+(?:on\s+)?myself\b",
    r"\bstop(?:ped|ping)?\s+everything\W+(?:for\s+good|forever|permanently)\b(?!\s+(?:with|on|in)\b)"
    r"|\b(?:good)?bye\W+(?:(?:for|4)\s+(?:real|good)|forever)\b"
    r"(?![^.!?]{0,25}\b(?:logging|log\s+off|snap\w*|insta\w*|tiktok|facebook|app|account|social)\b)",
    r"\b(?:about\s+to|going\s+to|gonna|might|want\s+to|wanna)\s+do\s+something\s+(?:i\s+)?(?:can'?t|cant|cannot|won'?t)\s+(?:take\s+back|undo)\b"
    r"(?!\W+(?:i'?m\s+)?(?:going\s+to|gonna)\s+(?:tell|report|delete)|\W+(?:deleting|telling|reporting)\b)",
    r"\b(?:considering|consider|contemplating)\s+(?:not\s+being\s+(?:here|around|alive)|ending(?!\s+(?:the|my|this|our|things|it\s+with)\b)|dying|suicide|killing\s+myself)\b"
    r"|\bnot\s+(?:be|being)\s+(?:here|around|alive)\s+(?:by|tomorrow|next|much\s+longer|for\s+much\s+longer|for\s+long)\b"
    r"|\bmade\s+peace\s+(?:with|w/?)\s+(?:not\s+being|dying|death|it\s+ending)\b"
    r"|\b(?:calm|peace\w*|relieved)\b[^.!?]{0,30}\b(?:now\s+(?:that\s+)?|since\s+)(?:i'?ve|ive|i\s+have)\s+decided\b(?![^.!?]{0,15}\bto\b)",
    r"\bjoin(?:ing)?\s+(?:my\s+)?(?:late\s+)?(?:grandad|grandpa|granddad|nan|nana|gran|grandma|granny)\b(?!'s)"
    r"(?!\s+(?:for|at|on|in|to|and|so|later|tomorrow|tonight|this|after)\b)",
    r"\b(?:the\s+)?(?:world|every\s*one|every1)\s+(?:doesn'?t|doesnt|does\s+not|don'?t|wouldn'?t|won'?t)\s+(?:need|miss)\s+me\b(?!\s+(?:to|at|in|on|for|\w+ing)\b)"
    r"|\b(?:nobody|no\s*(?:one|1)|no-one)\s+(?:needs|would\s+miss|wud\s+miss|will\s+miss)\s+(?:me|him|her|them)\b(?!\s+to\b)"
    r"|\b(?:nobody|no\s*one|no-one)(?:'s|\s+is|\s+will)?\s+(?:going\s+to\s+|gonna\s+)?(?:need|have)\s+to\s+(?:check\s+on|worry\s+about)\s+me\b",
    r"\b(?:wrote|written|writing|left)\s+my\s+(?:mum|mom|dad|sister|sis|brother|bro|nan|gran|parents|family|friends?|best\s+friend|girlfriend|boyfriend)"
    r"\s+a\s+(?:note|letter)\b(?![^.!?]{0,30}\b(?:explaining|about|to\s+(?:say|tell|explain)|saying\s+what)\b)"
    r"|\b(?:password|passcode|pin)\b[^.!?]{0,30}\bin\s+a\s+note\s+for\b"
    r"|\b(?:message|post|text)s?\s+(?:(?:is|are)\s+)?on\s+a\s+timer\s+for\s+(?:my|tomorrow|the\s+morning|after)\b",
    r"\b(?:nvm|never\s*mind|forget\s+it)\b[^.!?]{0,20}\b(?:doesn'?t|doesnt|does\s+not)\s+matter\s+any\s*more\b(?!\W+(?:i\s+found|he\s+blocked|i\s+sorted|it'?s\s+sorted))"
    r"|\beverything\s+(?:feels|is|seems)\s+(?:so\s+)?pointless\b"
    r"|\bnothing\s+(?:really\s+)?matters\s+any\s*more\b(?!\s+(?:except|but|apart|other|more|than))",
    r"\bwhen\s+(?:you|i)\s+die\b(?!\s+(?:of|from|laughing|inside)\b)"
    r"|\bif\s+(?:someone|somebody|the\s+victim|a\s+victim|the\s+person)\s+(?:dies|died|is\s+dead|was\s+dead)\b(?!\W+(?:are|is|do|does)\s+(?:their|his|her))",
    # Self-harm, and not feeling safe with oneself.
    r"\bfeel(?:ing)?\s+like\s+(?:cutting|hurting\s+myself|harming\s+myself|burning\s+myself)\b"
    r"(?!\s+(?:him|her|them|it|contact|ties|people|every\s*one|off|out|down|back|my\s+(?:hair|losses))\b)"
    r"|\b(?:wish|wishing|hope|hoping|pray|praying)\s+(?:that\s+)?(?:a|the|some)\s+(?:car|bus|lorry|truck|train|van)\s+"
    r"(?:would\s+|will\s+|might\s+|just\s+)?(?:hit|hits|run\s+me\s+over|runs\s+me\s+over)\b",
    r"\bsh'?d\b|\bsh\s+again\b|\bcut(?:ting)?\s+(?:again|tonight)\b|\b(?:started|been|keep)\s+cutting\b(?!\s+(?:\w+\s+){0,2}(?:off|out)\b)|\bwant\s+to\s+cut\b",
    # Not the act they were tricked into: "I did something stupid on a video call with a woman".
    r"\b(?:did|do|doing)\s+something\s+(?:to\s+(?:myself|himself|herself|themselves)|stupid(?!\s+(?:on|over|with|online|"
    r"in\s+(?:a|the|front)|and\s+(?:sent|send|showed)|by\s+send\w*)\b))\b|\bpunish\s+myself\b|\bmy\s+si\b|\bsi\s+is\b",
    r"\b(?:not|don'?t)\s+(?:feel\s+)?safe\s+(?:with|around|by)\s+myself\b|\bdon'?t\s+feel\s+safe\b|\bwhat\s+(?:i|i'?m|im)\s+(?:might|could|would|going\s+to|gonna)\s+do\s+to\s+myself\b|\b(?:want|wish|wanna)\s+(?:\w+\s+){0,5}(?:and|with)\s+me\s+gone\b|\bdon'?t\s+trust\s+myself\b",
]

_DANGER_PATTERNS = [
    r"\b(?:is|are|'s|'re|waiting|standing|parked|sitting|someone|somebody)\s+(?:\w+\s+)?at\s+my\s+(?:house|home|door|flat|window)\b",
    r"\bknows?\s+where\s+i\s+am\s+(?:right\s+)?now\b",
    r"\b(?:following|stalking|watching)\s+me\b",
    r"\bi'?m\s+(?:in\s+danger|not\s+safe)\b|(?<!not\s)\b(?:in|im|i'm)\s+danger\b|\bnot\s+safe\s+(?:here|at\s+home|right\s+now)\b",
]

# Someone arriving, and threats of harm, are danger now only when they are: "he's coming round", "they said
# they'll hurt me tonight". Not a question about the police visiting ("will the police come to my house?"), a
# worry ("could they turn up at my house?") or a threat with no time to it ("he said he'll beat me up"): those
# get the answer about threats (faq/threaten_violence, with 999 in it), not "press 55" and "go somewhere safe".
_ARRIVAL = re.compile(
    r"\b(?:com(?:e|ing)|turn(?:ed|ing)?\s+up|show(?:ed|ing)?\s+up)\s+(?:round\s+|over\s+)?(?:to\s+|at\s+)?"
    r"(?:my\s+(?:house|home|flat|school|work|place)|here|round)\b"
    r"|\bon\s+(?:his|her|their)\s+way\s+(?:here|over|round|to\s+(?:me|my))\b", re.IGNORECASE)
_THREAT = re.compile(
    r"\bthreaten\w*\s+(?:me\s+)?(?:to\s+)?(?:hurt|attack|beat|stab|kill|find|come\s+(?:for|after|to))\b"
    r"|\b(?:going\s+to|gonna|coming\s+to|come\s+and|said\s+(?:they|he|she)(?:'ll|\s+will|\s+would))\s+"
    r"(?:hurt|attack|beat|stab|find|get)\s+(?:me|my)\b", re.IGNORECASE)
_OUTSIDE = re.compile(r"\boutside\s+my\s+(?:house|home|door|flat|school|work|window)\b", re.IGNORECASE)
# What someone has been doing, again and again ("he's been turning up outside my work"): stalking, answered with
# the police and the abuse helplines (with 999 in them), not "press 55", unless it is happening now.
_HABITUAL = re.compile(r"\b(?:been|keeps?|kept|always|started|sometimes)\s+(?:\w+\s+)?"
                       r"(?:turning|showing|coming|hanging|waiting|parking|sitting|standing)\b", re.IGNORECASE)
_RIGHT_NOW = re.compile(r"\b(?:right\s+now|now|rn|tonight|at\s+the\s+moment|as\s+we\s+speak)\b", re.IGNORECASE)
_OFFICIAL_VISIT = re.compile(r"\b(?:police|officers?|cops?|detectives?|social\s+workers?)\b", re.IGNORECASE)
_WONDERING = re.compile(r"\?|^\W*(?:will|would|could|can|might|do|does|is\s+it|are\s+they)\b|\bwhat\s+if\b",
                        re.IGNORECASE)
_NOW = re.compile(r"\b(?:now|rn|tonight|today|on\s+(?:his|her|their|the|my)\s+way|outside|downstairs|here)\b",
                  re.IGNORECASE)


def _in_danger_now(text: str) -> bool:
    if any(p.search(text) for p in _DANGER):
        return True
    habitual = _HABITUAL.search(text) is not None and not _RIGHT_NOW.search(text)
    if _OUTSIDE.search(text) and not habitual:
        return True
    now = _NOW.search(text) is not None and not habitual
    if _THREAT.search(text) and now:
        return True
    arriving = bool(_ARRIVAL.search(text)) and not _OFFICIAL_VISIT.search(text)
    return arriving and not habitual and (now or not _WONDERING.search(text))

# Figures of speech about death that, alone, are not a crisis ("this is killing
# me", "my dad will kill me", "I'd die if she saw"). Used only to stop the
# classifier from answering them as a crisis when no crisis pattern fired.
_FIGURATIVE_PATTERNS = [
    r"\b(?:is|it'?s|this|that|stress|thing|they'?re|they\s+are)\s+(?:\w+\s+)?(?:killing|murdering)\s+(?:me|my)\b",
    r"\b(?:kill|killing|killed|murder)\s+(?:my|the|his|her)\s+(?:reputation|grades|chances|career|vibe|chat|sleep|life\s+at\s+school)\b",
    r"\b(?:mum|mom|dad|parents?|nan|gran|brother|sister|coach|boss|teacher|girlfriend|boyfriend|wife|husband|he|she|they)(?:'s|'ll|\s+is|\s+will|\s+would|\s+'d|\s+are|\s+gonna|\s+going\s+to)?\s+(?:\w+\s+){0,2}(?:kill|murder|die|end\s+me)\b",
    r"\b(?:get|be|getting|gonna\s+get)\s+killed\s+by\b|\bthought\s+i\s+was\s+going\s+to\s+die\b",
    r"\bkill(?:ed|ing)?\s+(?:the|his|her|their|my|this\s+\w+'s)\s+(?:account|app|chat|profile|streaks?|savings)\b",
    r"\bdead\s+(?:tired|end|beat|serious|quiet|embarrass\w*|awkward|nervous|scared|worried|stressed|cringe)\b"
    r"|\bdead\s*(?:💀|😂|🤣)|\b(?:streaks?|phone|battery)\s+(?:is|are)\s+(?:\w+\s+)?dead\b",
    r"\bdying\s+(?:for|to|inside|here)\b|\bend\s+of\s+the\s+world\b|\bend\s+(?:this|the)\s+(?:conversation|chat)\b",
    r"\b(?:die|dying|died|dead)\s+(?:of|from)\s+(?:shame|embarrassment|cringe|fright|laughing)\b",
    r"\b(?:i'?d|i\s+would|i\s+could|i'?ll|i\s+will|gonna|going\s+to)\s+(?:literally\s+)?die\s+if\b|\bdie\s+if\s+(?:she|he|they|anyone|my)\b",
    r"\b(?:i'?m|im|i\s+am)\s+(?:literally\s+|so\s+)?dead\b(?:\s+(?:lol|lmao|haha|meat|if|when))|\bdead\s+(?:lol|lmao|embarrassing)\b",
    r"\b(?:social|career)\s+suicide\b|\bkill\s+me\s+now\b|\bkilling\s+myself\s+laughing\b",
    # A message that only apologises for its English ("sorry my english not so good"): "not so good" is the English.
    r"^\W*(?:(?:hi|hello|hey)\W+)?(?:sorry|excuse|pardon)?\W*(?:for\s+)?(?:my|me)?\s*(?:bad\s+|poor\s+)?english"
    r"(?:\s+(?:is|are))?(?:\s+(?:not|no|isn't))?\s*(?:so\s+|very\s+|too\s+)?(?:good|great|well|perfect|strong|bad|poor|weak)?"
    r"\W*(?:sorry)?\W*$",
]
# A plain denial, or self-harm left in the past, is not a risk now: "I'm not suicidal, just stressed", "i used to
# self harm but i've been clean for 3 years". Not a hedge ("not suicidal... yet", "not suicidal i don't think") and
# not a past that is coming back ("clean for a year but the urge is back"): the rest of the message is read as usual.
_DENIAL = re.compile(
    r"\b(?:i'?m|im|i\s+am)\s+(?:definitely\s+|honestly\s+)?not\s+suicidal\b"
    r"(?!\W{0,6}(?:yet|i\s+(?:don'?t\s+)?think|i\s+guess|probably|exactly|really|just\s+yet)\b)"
    r"|\bused\s+to\s+(?:self[\s-]*harm|sh|cut(?:\s+myself)?)\b"
    r"(?=[^.!?]{0,40}\b(?:clean|stopped|quit|haven'?t\s+(?:done|in)|years?\s+ago)\b)"
    r"(?![^.!?]{0,60}\b(?:again|relaps\w*|urges?|want\s+to|wanna|tempted|started)\b)"
    # Past and recovered: "tried to end things years ago, but I got support and I'm in a much better place now".
    r"|\b(?:i\s+was\s+suicidal|tried\s+to\s+(?:end\s+(?:it|things|my\s+life)|kill\s+myself)|attempted(?:\s+suicide)?)\b"
    r"(?=[^!?]{0,80}\b(?:got\s+(?:help|support|better)|(?:much\s+)?better\s+place|(?:i'?m|im)\s+(?:honestly\s+)?"
    r"(?:fine|ok|okay|good|better)\s+now|doing\s+(?:much\s+)?better)\b)"
    r"(?![^!?]{0,120}\b(?:again|relaps\w*|urges?|tempted|want\s+to\s+die|back\s+there)\b)",
    re.IGNORECASE)
_CRISIS = [re.compile(p, re.IGNORECASE) for p in _CRISIS_PATTERNS]
_FIGURATIVE = [re.compile(p, re.IGNORECASE) for p in _FIGURATIVE_PATTERNS] + [_DENIAL]
_DANGER = [re.compile(p, re.IGNORECASE) for p in _DANGER_PATTERNS]


def _normalise(message: str) -> str:
    return message.replace("’", "'").replace("‘", "'")


# Someone else at risk: "my friend says he's better off gone", "my son wants to kill himself".
_THIRD_PARTY = re.compile(
    r"\b(?:my|our|a)\s+(?:\w+\s+)?(?:friend|mate|bestie|son|daughter|child|kid|boy|girl|brother|bro|sister|sis|cousin|"
    r"nephew|niece|boyfriend|girlfriend|partner|husband|wife|pupil|student|dad|mum|mom)s?\b"
    r"|\b(?:he|she|they|he'?s|she'?s|they'?re|he'?d|she'd|his|her|him|himself|herself|themselves)\b",
    re.IGNORECASE,
)
_FIRST_PERSON = re.compile(r"\b(?:i|i'?m|im|i'?ve|ive|i'?d|i'?ll|me|myself|meself)\b", re.IGNORECASE)
# "he posted my pics so wanna kms", "took a load of my mum's tablets", "left everything tidy so mum doesn't have
# to": the "I" left out, where a clause opens ("he says he wanna die", "my son took tablets" are theirs).
_IMPLIED_I = re.compile(
    r"(?:^|[,;:.!?]|\b(?:so|and|just|now|tbh|ngl|honestly|literally|really)\s)\s*(?:wanna|wna|idwt?|took|swallowed|"
    r"left|wrote|gave|cleaned|tidied|sat|stood|walked|walking|heading|holding|saving)\b", re.IGNORECASE)
# ... unless the clause is someone else's: "gave away her things and wrote goodbye letters", "took all his pills".
_THEIRS = re.compile(r"\b(?:himself|herself|themselves|his|her|their)\b", re.IGNORECASE)
# The writer's worry about them is not a risk to the writer: "I think my son is suicidal".
_WRITERS_CONCERN = re.compile(
    # "I've just seen on the family iPad that...", not "i saw his post and want to die".
    r"\b(?:i'?ve|ive|i\s+have|i)\s+(?:just\s+)?(?:seen|saw|read|found|noticed|heard)\b(?=(?:\s+[\w-]+){0,5}?\s+that\b)"
    r"|\b(?:i|i'?m|im)\s+(?:think|thought|am\s+worried|'m\s+worried|worried|worry|fear|found|know|believe|reckon|"
    r"am\s+scared|scared|am\s+messaging|messaging|don'?t\s+know\s+(?:if|whether)|feel\s+like)\b"
    r"|\b(?:to|(?<!future\s)(?<!tomorrow\s)for|sent|messaged|texted|told|tells|telling|asked|rang|called|snapped|snapchatted"
    r"|dm'?d|dmed|pm'?d|whatsapped|facetimed|phoned)\s+me\b",
    re.IGNORECASE,
)
# The writer as the one trying to reach someone they named, or saying where they are: "my sister isn't answering
# me", "I can't get hold of her", "I'm at work across town". Read only when the message names who they are to the
# writer ("he won't reply to me" alone is as often the blackmailer gone quiet), and only when every other clause
# has that person (or he, she, they) as its subject: in "my boyfriend won't answer me. can't cope without him" the
# clause without a subject is the writer's. Not an age either: "I'm 16" is as often the writer at risk.
_RELATION = (r"(?:my|our)\s+(?:\w+\s+)?(?:friend|mate|bestie|son|daughter|child|kid|brother|bro|sister|sis|cousin|"
             r"nephew|niece|boyfriend|girlfriend|partner|husband|wife|pupil|student)s?")
_RELATION_NAMED = re.compile(rf"\b{_RELATION}\b", re.IGNORECASE)
_WRITER_OBSERVING = re.compile(
    r"\b(?:answer(?:ing)?|reply(?:ing)?|respond(?:ing)?)\s+(?:to\s+)?me\b"
    r"|\b(?:i|i\s+just)\s+(?:can'?t|cannot|cant|couldn'?t)\s+(?:reach|get\s+hold\s+of|get\s+through\s+to)\s+(?:him|her|them)\b"
    r"|^\W*(?:i'?m|im|i\s+am)\s+at\s+(?:work|home|school|college|uni)\b(?:\s+(?:across|in|on|the\s+other\s+side\s+of)"
    r"\s+(?:town|the\s+city|the\s+country))?\W*$",
    re.IGNORECASE,
)
_THEIR_CLAUSE = re.compile(
    rf"^\W*(?:(?:and|but|so|now|then|just|also)\s+)?(?:he|she|they|he'?s|she'?s|they'?re|{_RELATION})\b", re.IGNORECASE)
# A clause ends at a full stop or the like, at ", and" and the like, or at " but " and the like: as one pattern,
# r"[.!?;\n]+|,\s*(?:and|but|so)\b|\s+(?:but|and\s+now|because|cos|coz)\s+". _clauses splits as re.split with
# it does, but finds the last kind from its word: the pattern tried it at every space of a run of spaces and read
# the rest of the run each time, in time growing with the square of the run.
_CLAUSE_MARK = re.compile(r"[.!?;\n]+|,\s*(?:and|but|so)\b", re.IGNORECASE)
# "after he sent the screenshots" is when, not who: "relapsed on sh last night after he sent..." is the writer's.
# "after" starts a clause and stays in it ("tell my mum sorry after i'm gone" is read whole by its pattern).
_CLAUSE_WORD = re.compile(r"(?<=\s)(?:(?:but|and\s+now|because|cos|coz)\s+|(?=after\s))", re.IGNORECASE)


def _space_before(text: str, end: int) -> int:
    """Where the run of spaces that ends at `end` starts (str.isspace is re's \\s)."""
    start = end
    while start > 0 and text[start - 1].isspace():
        start -= 1
    return start


def _clause_ends(text: str) -> Iterator[tuple[int, int]]:
    """(start, end) of each end of a clause, in the order and the extent the one pattern finds them.

    The leftmost first; a mark before a word at the same place; a word's end
    starts where its run of spaces does, or where the last end stopped.
    """
    words = [(_space_before(text, m.start()), m.start(), m.end()) for m in _CLAUSE_WORD.finditer(text)]
    pos = k = 0
    mark = _CLAUSE_MARK.search(text)
    while True:
        if mark is not None and mark.start() < pos:
            mark = _CLAUSE_MARK.search(text, pos)
        while k < len(words) and words[k][1] <= pos:
            k += 1
        word = max(words[k][0], pos) if k < len(words) else None
        if mark is not None and (word is None or mark.start() <= word):
            yield mark.span()
            pos = mark.end()
        elif word is not None:
            yield word, words[k][2]
            pos = words[k][2]
        else:
            return


def _clauses(text: str) -> list[str]:
    """The text between the ends of clauses (with empty pieces, as re.split gives them)."""
    pieces, start = [], 0
    for end_start, end_end in _clause_ends(text):
        pieces.append(text[start:end_start])
        start = end_end
    pieces.append(text[start:])
    return pieces


def _is_crisis(text: str) -> bool:
    return any(p.search(text) for p in _CRISIS)


def _speaks_of_the_writer(clause: str) -> bool:
    """The writer is in the clause, beyond their worry for someone ("he said I should..." is about the writer)."""
    return bool(_FIRST_PERSON.search(_THIRD_PARTY.sub(" ", _WRITERS_CONCERN.sub(" ", clause)))
                or (_IMPLIED_I.search(clause) and not _THEIRS.search(clause)))


def _only_watching(clause: str) -> bool:
    """The clause is the writer trying to reach them, or is about them as its subject, and about no one else."""
    rest = _WRITER_OBSERVING.sub(" ", clause)
    if not re.search(r"\w", rest):
        return True
    return _THEIR_CLAUSE.match(rest) is not None and not _speaks_of_the_writer(rest)


# Signs that are the writer's own even with the "I" left out and a relative named: "gonna give all my stuff to
# my sis", "mum will kill me. save her the bother", "just want mum to know it wasnt her fault".
_WRITERS_OWN = re.compile(
    r"^\W*(?:(?:gonna|going\s+to|about\s+to|just)\s+)?(?:giv(?:e|ing|en)|gave|leav(?:e|ing)|left|wrote|written|writing)\s+"
    r"(?:away\s+)?(?:all\s+)?(?:of\s+)?my\b"
    r"|\bsave\s+(?:them|him|her|every\s*one|you)\s+(?:all\s+)?the\s+(?:trouble|bother|effort|hassle|stress)\b"
    r"|" + _KNOWS_NOT_THEIR_FAULT,
    re.IGNORECASE,
)


def _about_someone_else(clause: str) -> bool:
    return bool(_THIRD_PARTY.search(clause)) and not _speaks_of_the_writer(clause) and not _WRITERS_OWN.search(clause)


def about_someone_else(message: str) -> bool:
    """The whole message speaks of another person and never of the writer ("my mate's gone quiet, I'm scared
    he's done something"): a risk the classifier heard in it is theirs."""
    text = quoted_as_theirs(message)
    clauses = [clause for clause in _clauses(text) if clause.strip()]
    if not any(_THIRD_PARTY.search(c) for c in clauses):
        return False
    if not any(_speaks_of_the_writer(c) for c in clauses):
        # Someone else's only if every clause names someone else. In "my friends won't talk to me anymore. whats
        # the point" the clause that names no one is the writer's ("to me" is read as concern, not the writer).
        return all(_THIRD_PARTY.search(c) for c in clauses)
    return _RELATION_NAMED.search(text) is not None and all(_only_watching(c) for c in clauses)


# The writer's own distress, in a piece of a clause that is only about the writer: "my boyfriend won't answer me
# and i can't stop crying". Where the classifier heard someone else's risk, this makes it the writer's too.
_WRITERS_DISTRESS = re.compile(
    r"\b(?:can'?t|cannot|cant)\s+(?:stop\s+crying|cope|breathe|go\s+on|take\s+(?:it|this|any\s*more)|do\s+(?:it|this)\s+any\s*more)"
    r"|\bcrying\b|\bin\s+tears\b|\bfalling\s+apart\b|\bbreaking\s+down\b|\bhate\s+(?:my\s*self|myself|my\s+life)\b"
    r"|\b(?:what'?s|whats)\s+(?:even\s+)?the\s+point\b|\bno\s+point\b|\bgiv(?:e|ing)\s+up\b|\bover\s+for\s+me\b"
    r"|\bnothing\s+left\b|\bwant\s+(?:it\s+)?(?:all\s+)?to\s+(?:end|stop)\b",
    re.IGNORECASE,
)
_PIECE_BREAK = re.compile(r",|\b(?:and|but|so)\b", re.IGNORECASE)


# Someone else's words, quoted: "my nephew messaged me 'nobody would care if i was gone'". Their "I" is theirs.
# Also their last message ("his last message to them says 'fine I'll end it'"), and a young person a professional
# names ("a 13-year-old girl just said to me in the corridor '...'").
_QUOTED_BY_THEM = re.compile(
    rf"(\b{_RELATION}\b(?:\s*\([^)]{{0,20}}\))?|\b(?:he|she|they)\b"
    r"|\b(?:his|her|their)\s+(?:last\s+|latest\s+|final\s+)?(?:message|text|post|note|snap|status|story|reply)\b"
    r"|\b(?:a|an|the|this|one\s+of\s+(?:my|our|the))\s+(?:[\w-]+\s+){0,2}?(?:girl|boy|lad|lass|pupil|student|kid|child"
    r"|young\s+(?:person|man|woman)|teenager|teen)s?\b)"
    r"([^.!?'\"]{0,40}?\b(?:said|says|saying|messaged|texted|wrote|writes|posted|put|sent\s+me|told\s+(?:me|us))\b"
    r"(?:\s+to\s+(?:me|us)\b[^.!?'\"\n]{0,30}?)?[^'\"\w]{0,6}(?:me\s+)?(?:saying\s+)?)'((?:[^'\n]|\w'\w){1,200})'(?!\w)",
    re.IGNORECASE)
# ... and their "you" is the writer: "he texted me 'you should kill yourself'" is said to the writer.
_THEIR_I = {"i": "they", "i'm": "they're", "im": "they're", "i've": "they've", "ive": "they've", "i'd": "they'd",
            "i'll": "they'll", "me": "them", "my": "their", "myself": "themselves",
            "you": "i", "you're": "i'm", "youre": "i'm", "your": "my", "yourself": "myself", "u": "i", "ur": "my"}
_WRITERS_WORDS = re.compile(r"\b(?:i'm|i've|i'd|i'll|im|ive|i|me|my|myself|you're|youre|you|your|yourself|u|ur)\b",
                            re.IGNORECASE)


def _as_theirs(text: str) -> str:
    """Quoted words of someone the writer names: their "I" made "they", and their "you" the writer's "I"."""
    return _QUOTED_BY_THEM.sub(
        lambda m: m.group(1) + m.group(2) + "'" + _WRITERS_WORDS.sub(lambda w: _THEIR_I[w.group(0).lower()], m.group(3))
        + "'", text)


def quoted_as_theirs(message: str) -> str:
    """The message with the words it quotes from someone else made theirs (see _as_theirs)."""
    return _as_theirs(_normalise(message))


def writer_in_distress(message: str) -> bool:
    """A piece of the message speaks of distress and of no one else: the writer's (when in doubt, the writer)."""
    text = _normalise(message)
    for clause in _clauses(text):
        for piece in _PIECE_BREAK.split(clause):
            if _WRITERS_DISTRESS.search(piece) and not _THIRD_PARTY.search(piece):
                return True
    return False


def _pieces(text: str) -> list[str]:
    """Clauses cut at commas too: a person named beside the risk is not its subject."""
    return [piece for clause in _clauses(text) for piece in clause.split(",")]


def heard_risk_is_someone_elses(message: str) -> bool:
    """A risk the classifier heard, where no pattern fired, is the person the writer helps.

    Either the message speaks only of them, or the writer says who they are to them ("I'm a form tutor", "my
    brother is 24") and says nothing of their own distress: a helper speaks of themselves ("I'm in Cardiff", "I
    don't know what to do") while the risk is the other person's. Distress of their own keeps it the writer's.
    """
    if about_someone_else(message):
        return True
    return find_role(quoted_as_theirs(message)) in HELPERS and not writer_in_distress(message)


def detect_risk(message: str) -> str | None:
    """CRISIS, CRISIS_SOMEONE_ELSE, DANGER or None.

    A risk to life wins over danger (its answer includes 999 as well). It is
    someone else's only when every clause that sounds a risk is about another
    person: when in doubt, the writer is answered as the one at risk.
    """
    text = _as_theirs(_DENIAL.sub(" ", _normalise(message)))
    if _is_crisis(text):
        # Cut at commas too: a person named beside the risk is not its subject ("they sent it 2 my mum,
        # wanna unalive" is the writer's). A risk phrase that spans a comma leaves no clause: the writer's.
        at_risk = [piece for piece in _pieces(text) if piece and _is_crisis(piece)]
        if at_risk and all(_about_someone_else(piece) for piece in at_risk):
            return CRISIS_SOMEONE_ELSE
        return CRISIS
    if _in_danger_now(text):
        return DANGER
    return None


# What to do first, before anything else in the crisis answer (nlg/no_repeat.py adds utter_crisis_<kind>).
_URGENT = (("taken", re.compile(_OVERDOSE_TAKEN + "|" + _OVERDOSE_TAKEN_IN_CRISIS, re.IGNORECASE)), ("place", re.compile(_DANGEROUS_PLACE, re.IGNORECASE)))


_PAST = re.compile(r"\b(?:(?:years?|months?)\s+ago|last\s+(?:year|month|summer|winter|time)|in\s+20\d\d|when\s+i\s+was|used\s+to|years?\s+back)\b",
                   re.IGNORECASE)


def urgent_risk(message: str) -> str | None:
    """"taken" (an overdose already taken) or "place" (at a dangerous place), when the writer says so of now.

    Not someone else's ("my friend took too many pills": the subject before the verb) and not the past ("i took a
    load of pills years ago").
    """
    for piece in _pieces(_normalise(message)):
        if _PAST.search(piece):
            continue
        for kind, pattern in _URGENT:
            match = pattern.search(piece)
            if match and not _THIRD_PARTY.search(piece[:match.start()]):
                return kind
    return None


def is_figurative(message: str) -> bool:
    """True when the message talks about death only as a figure of speech."""
    text = _normalise(message)
    return detect_risk(text) is None and any(p.search(text) for p in _FIGURATIVE)


_LAUGHING = re.compile(r"\b(?:lol|lmao|lmfao|haha\w*|rofl)\b|[😂🤣💀]", re.IGNORECASE)


def is_light(message: str) -> bool:
    """True when the message speaks of death only as a figure of speech, or laughs, and shows no risk.

    "honestly im dead embarrassed", "im shaking lol": comfort, not a crisis line. A
    risk said with a laugh ("i wanna die lol") is still a risk.
    """
    text = _normalise(message)
    return detect_risk(text) is None and (_LAUGHING.search(text) is not None
                                          or any(p.search(text) for p in _FIGURATIVE))
