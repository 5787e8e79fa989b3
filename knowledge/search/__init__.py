"""Full-text search of the directory. The only package that imports Whoosh.

Callers hand in `ServiceDocument`s and get back `SearchResult`s: ids and facet counts.
"""

from knowledge.search.documents import (
    FACETS,
    SORTS,
    Hit,
    Period,
    SearchQuery,
    SearchResult,
    ServiceDocument,
)
from knowledge.search.facts import WEEKDAY_CODES
from knowledge.search.index import SearchIndex
from knowledge.search.synonyms import SHIPPED_SYNONYMS, SynonymFileError, Synonyms
from knowledge.search.text import MAX_QUERY_LENGTH
from knowledge.search.text import words as query_words

__all__ = [
    "FACETS",
    "MAX_QUERY_LENGTH",
    "SHIPPED_SYNONYMS",
    "SORTS",
    "WEEKDAY_CODES",
    "Hit",
    "Period",
    "SearchIndex",
    "SearchQuery",
    "SearchResult",
    "ServiceDocument",
    "SynonymFileError",
    "Synonyms",
    "query_words",
]
