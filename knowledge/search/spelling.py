"""The words a misspelling can be corrected to, read once per index generation.

Whoosh finds the index's words within an edit distance by walking its term dictionary with an
automaton, in Python, on every search: at 50,000 services most of the time a misspelt search
takes. Here the `spell` field's words and how many services use each are read once, grouped by
first letter (corrections keep the first letter), and compared with a plain edit distance.

The same words come back as Whoosh's `reader.terms_within(field, word, distance, prefix=1)`:
Levenshtein distance for an index of one segment (Whoosh's automaton), Damerau-Levenshtein
(a swap of two letters is one edit) for several segments (Whoosh's fallback for those), so
"lonley" finds "lonely" at distance 1 only after an edit has added a segment, as it did
before. tests/search/test_spelling.py compares the two.
"""

from whoosh.reading import IndexReader
from whoosh.support.levenshtein import damerau_levenshtein, levenshtein

SPELL_FIELD = "spell"


class Vocabulary:
    def __init__(self, reader: IndexReader):
        field = reader.schema[SPELL_FIELD]
        frequencies: dict[str, int] = {}
        for as_bytes, info in reader.iter_field(SPELL_FIELD):
            word = field.from_bytes(as_bytes)
            frequencies[word] = frequencies.get(word, 0) + info.doc_frequency()
        self._by_letter: dict[str, list[tuple[str, int]]] = {}
        for word, frequency in frequencies.items():
            self._by_letter.setdefault(word[:1], []).append((word, frequency))
        self._distance = levenshtein if reader.is_atomic() else damerau_levenshtein

    def within(self, word: str, distance: int) -> dict[str, int]:
        """Words starting with the same letter at most `distance` edits away, with the number
        of services each appears in."""
        measure = self._distance
        return {
            known: frequency
            for known, frequency in self._by_letter.get(word[:1], ())
            if abs(len(known) - len(word)) <= distance
            and measure(known, word, limit=distance) <= distance
        }
