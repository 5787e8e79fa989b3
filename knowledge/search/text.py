"""Turning what a person typed into words the index understands.

Nothing a person types is parsed as query syntax: `AND`, `*`, quotes and brackets are just
characters, so no input can make a search fail.
"""

import re
import unicodedata

from whoosh.analysis import StemmingAnalyzer
from whoosh.lang.porter import stem

MAX_QUERY_LENGTH = 200

# Words that carry no meaning in a plain-English search for help ("I'm feeling lonely").
FILLER_WORDS = frozenset(
    (
        "i im i'm ive i've me my myself am feel feeling feelings felt need needs needing want "
        "wanting looking look find finding get getting someone somebody something anyone "
        "anybody help helps please really very so just about near nearby around local what "
        "where who how can could would should there any some our too much many lot lots bit "
        "little problem problems issue issues with all always anymore dont don't do does "
        "doing going got"
    ).split()
)

_WORD = re.compile(r"[a-z0-9]+(?:'[a-z]+)?")

ANALYZER = StemmingAnalyzer()


def normalise(text: str) -> str:
    """Lower-case, strip accents (café → cafe), keep letters, digits and apostrophes."""
    text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode("ascii")
    return text.lower().replace("\u2019", "'")


def words(text: str) -> list[str]:
    return _WORD.findall(normalise(text[:MAX_QUERY_LENGTH]))


def stem_word(word: str) -> str:
    return stem(word.replace("'", ""))


def index_terms(word: str) -> list[str]:
    """The terms a word becomes in the stemmed text fields (empty for stop words)."""
    return [token.text for token in ANALYZER(word)]
