"""Everyday words mapped to need and service-type codes ("lonely" → loneliness-and-isolation)."""

from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

from knowledge.search.text import stem_word, words

SHIPPED_SYNONYMS = Path(__file__).with_name("synonyms.txt")


class SynonymFileError(ValueError):
    pass


@dataclass(frozen=True)
class WordGroup:
    """One or more consecutive words of a query, with the codes they stand for (if any)."""

    words: tuple[str, ...]
    codes: tuple[str, ...] = ()


class Synonyms:
    def __init__(self, rules: Iterable[tuple[str, Iterable[str]]] = ()):
        self._codes: dict[tuple[str, ...], tuple[str, ...]] = {}
        self.vocabulary: set[str] = set()
        for phrase, codes in rules:
            key = tuple(stem_word(w) for w in words(phrase))
            if key:
                merged = dict.fromkeys((*self._codes.get(key, ()), *codes))
                self._codes[key] = tuple(merged)
                self.vocabulary.update(words(phrase))
        self._longest = max((len(k) for k in self._codes), default=0)

    @classmethod
    def from_files(cls, *paths: Path) -> "Synonyms":
        rules: list[tuple[str, list[str]]] = []
        for path in paths:
            rules.extend(parse_rules(path.read_text(encoding="utf-8"), source=str(path)))
        return cls(rules)

    def group(self, query_words: list[str]) -> list[WordGroup]:
        """Split words into groups, longest known phrase first ("universal credit" is one)."""
        stems = [stem_word(w) for w in query_words]
        groups: list[WordGroup] = []
        i = 0
        while i < len(query_words):
            for size in range(min(self._longest, len(query_words) - i), 0, -1):
                codes = self._codes.get(tuple(stems[i : i + size]))
                if codes:
                    groups.append(WordGroup(tuple(query_words[i : i + size]), codes))
                    i += size
                    break
            else:
                groups.append(WordGroup((query_words[i],)))
                i += 1
        return groups


def parse_rules(text: str, source: str = "synonyms") -> list[tuple[str, list[str]]]:
    rules: list[tuple[str, list[str]]] = []
    for number, raw in enumerate(text.splitlines(), start=1):
        line = raw.strip()
        if not line or line.startswith("#"):
            continue
        if line.count("=>") != 1:
            raise SynonymFileError(f"{source} line {number}: expected 'words => codes'")
        left, right = line.split("=>")
        codes = [c.strip() for c in right.split(",") if c.strip()]
        phrases = [p.strip() for p in left.split(",") if p.strip()]
        if not codes or not phrases:
            raise SynonymFileError(f"{source} line {number}: words and codes are both needed")
        rules.extend((phrase, codes) for phrase in phrases)
    return rules
