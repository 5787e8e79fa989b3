"""Turning what a person typed into words the index understands.

Nothing a person types is parsed as query syntax: `AND`, `*`, quotes and brackets are just
characters, so no input can make a search fail.
"""

import re
import unicodedata

from whoosh.analysis import CharsetFilter, StemmingAnalyzer
from whoosh.lang.porter import stem
from whoosh.support.charset import accent_map

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

# Words in any script (a search in Gujarati or Arabic is still a search, and worth logging).
_WORD = re.compile(r"[^\W_]+(?:'[^\W_]+)?")

# Accents folded in the index as in queries: "cafe" finds "café" and the other way round.
ANALYZER = StemmingAnalyzer() | CharsetFilter(accent_map)


def normalise(text: str) -> str:
    """Fold case, full-width forms and accents (café → cafe); keep every script's letters."""
    decomposed = unicodedata.normalize("NFKD", text.replace("\u2019", "'"))
    return "".join(ch for ch in decomposed if not unicodedata.combining(ch)).casefold()


def words(text: str) -> list[str]:
    return _WORD.findall(normalise(text[:MAX_QUERY_LENGTH]))


def stem_word(word: str) -> str:
    return stem(word.replace("'", ""))


def index_terms(word: str) -> list[str]:
    """The terms a word becomes in the stemmed text fields (empty for stop words)."""
    return [token.text for token in ANALYZER(word)]
