"""Whether a message says the images are already out: posted, shared or leaked, not threatened.

"my pics r on a reddit account now ... i feel sick" is fear, and the classifier
hears the fear; what helps first is that the images can still be taken down
(utter_images_shared). A threat ("he'll post them", "if I don't pay they go on
insta") and a question ("what if they're posted?") are not this.
"""
from __future__ import annotations

import re

_IMAGES = r"(?:pics?|pictures?|photos?|nudes?|images?|videos?|vids?|snaps?|screenshots?)"
_OUT = re.compile(
    rf"\b(?:my|the|our)\s+(?:\w+\s+)?{_IMAGES}\s+(?:(?:are|r|is|have|has|were|was|got|went|now|already|been|just)\s+)+"
    r"(?:(?:now|already|all|just|been)\s+)*(?:on|in|up|posted|shared|leaked|uploaded|out|online|everywhere|"
    r"going\s+round|spread(?:ing)?)\b"
    # Where they are kept or were sent, not posted: "on my phone", "still in his dms".
    r"(?!\s+(?:\w+\s+)?(?:phone|laptop|computer|pc|camera|gallery|ipad|tablet|device|drive|folder|icloud|cloud|dms?|"
    r"chat|messages|inbox)\b)"
    rf"|\b(?:put|posted|shared|leaked|uploaded|spread|dropped)\s+(?:my|the|our)\s+(?:\w+\s+)?{_IMAGES}\s+"
    r"(?:on|in|to|into|onto|all\s+over|round|around|everywhere|online)\b",
    re.IGNORECASE)
# A threat, a fear of what may come, or a question about it: "he'll put my pics on insta", "what if my nudes are
# posted", "before my pics are out".
_NOT_YET = re.compile(
    r"\b(?:will|'ll|ll|going\s+to|gonna|gna|threat\w*|if|unless|could|might|may|would|before|what\s+if|scared|afraid|"
    r"worried|says?\s+(?:he|she|they)|want(?:s|ed)?\s+to|about\s+to|tomorrow|tonight)\b",
    re.IGNORECASE)
_CLAUSE = re.compile(r"[.!?;\n]+|,\s*(?:and|but|so)\b", re.IGNORECASE)


def says_images_are_out(message: str) -> bool:
    """A clause says the images are already posted or shared, with nothing in it that makes it a threat."""
    for clause in _CLAUSE.split(message):
        match = _OUT.search(clause)
        if match and not _NOT_YET.search(clause):
            return True
    return False
