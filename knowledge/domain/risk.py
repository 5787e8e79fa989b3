"""Searches that say a person may be at risk of suicide or self-harm.

Such a search is answered with urgent help first, is never "corrected" into other words, and
is never written to the log of searches that found nothing. Matching leans towards catching:
showing the urgent-help box to someone who did not need it costs little.
"""

import re
import unicodedata

_PHRASES = (
    r"suicid\w*",
    r"kill(ing)? my ?self",
    r"end(ing)? (it|it all|my life|things)",
    r"take my (own )?life",
    r"(want|wanna|going|ready) to die",
    r"better off dead",
    r"don'?t want to (live|be alive|be here)",
    r"no (reason|point) (to|in) (live|living|go on|going on)",
    r"can'?t go on",
    r"over ?dos(e|ed|ing)",
    r"self[- ]?harm\w*",
    r"(hurt|hurting|harm|harming|cut|cutting) my ?self",
    r"jump(ing)? off",
    r"hang(ing)? my ?self",
)
_RISK = re.compile(r"\b(" + "|".join(_PHRASES) + r")\b", re.IGNORECASE)


def signals_risk(text: str) -> bool:
    folded = unicodedata.normalize("NFKC", text).replace("\u2019", "'")
    return bool(_RISK.search(" ".join(folded.split())))
