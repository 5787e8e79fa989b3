"""The spelling vocabulary finds the words Whoosh's own `terms_within` finds, with the same
counts: Levenshtein in one segment, Damerau-Levenshtein (Whoosh's fallback) across several."""

import random

import pytest
from whoosh import index as whoosh_index

from knowledge.search.index import _fields, build_schema
from knowledge.search.spelling import SPELL_FIELD, Vocabulary
from tests.search.test_facts import WORDS, random_document

pytestmark = pytest.mark.no_database


def misspellings(rng: random.Random, word: str) -> list[str]:
    letters = "abcdefghijklmnopqrstuvwxyz"
    at = rng.randrange(1, len(word))
    swapped = word[: at - 1] + word[at] + word[at - 1] + word[at + 1 :]
    return [
        word,
        word[:at] + word[at + 1 :],
        word[:at] + rng.choice(letters) + word[at:],
        word[:at] + rng.choice(letters) + word[at + 1 :],
        swapped,
        swapped[:1] + rng.choice(letters) + swapped[2:],
    ]


@pytest.mark.parametrize("segments", [1, 3])
def test_words_within_an_edit_distance_are_whooshs(tmp_path, segments):
    rng = random.Random(segments)
    index = whoosh_index.create_in(tmp_path, build_schema())
    for segment in range(segments):
        writer = index.writer()
        for number in range(30):
            writer.add_document(**_fields(random_document(rng, segment * 100 + number)))
        writer.commit(merge=False)
    with index.searcher() as searcher:
        reader = searcher.reader()
        assert reader.is_atomic() == (segments == 1)
        vocabulary = Vocabulary(reader)
        for word in [*WORDS, "lonley", "bailifs", "walkng", "gruop", "cafe"]:
            if len(word) < 4:
                continue
            for typed in misspellings(rng, word):
                for distance in (1, 2):
                    expected = {
                        term: reader.doc_frequency(SPELL_FIELD, term)
                        for term in reader.terms_within(SPELL_FIELD, typed, distance, prefix=1)
                    }
                    assert vocabulary.within(typed, distance) == expected, (typed, distance)
