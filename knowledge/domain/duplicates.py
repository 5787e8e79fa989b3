"""Do two directory entries describe the same thing? Pure functions, no database.

Names are compared on their *distinctive* words. Directory names share a lot of furniture
("Social Prescribing Link Workers, Blaby" and "…, Rutland"; "Night Owls Crisis Café" and
"Soar Lights Crisis Café"): plain string similarity calls those near-identical, and an officer
who is shown twenty false alarms stops reading the list. So a word that many entries use counts
for little, and two names are similar only when both their whole text and the words that make
them different agree.

Phone numbers, postcodes and charity numbers are compared exactly once normalised.
"""

import re
import unicodedata
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass

from rapidfuzz import fuzz

# Shown to the officer before a new entry is saved: they decide, so err towards showing.
SIMILAR_NAME = 80
# Counted as a suspected duplicate: a name this alike *and* a shared phone, postcode or charity
# number. (Name alone cannot tell "Link Workers, East Leicester" from "…, West Leicester".)
SUSPECT_NAME = 90

_STOP_WORDS = frozenset(
    "a an and the of for in at on to with by ltd limited cic inc plc co uk".split()
)
_WORD = re.compile(r"[^\W_]+")


def name_words(name: str) -> list[str]:
    """Lower-case, accent-free words of a name, without "the", "and", "Ltd" and the like."""
    decomposed = unicodedata.normalize("NFKD", name.replace("&", " and "))
    folded = "".join(ch for ch in decomposed if not unicodedata.combining(ch)).casefold()
    return [w for w in _WORD.findall(folded) if w not in _STOP_WORDS]


@dataclass(frozen=True)
class WordFrequencies:
    """How many names in the directory use each word: the commoner a word, the less it says."""

    counts: Counter
    names: int

    @classmethod
    def of(cls, names: Iterable[str]) -> "WordFrequencies":
        counts: Counter = Counter()
        total = 0
        for name in names:
            counts.update(set(name_words(name)))
            total += 1
        return cls(counts, total)

    def is_common(self, word: str) -> bool:
        # Used by more than 2% of entries, and by at least three: "crisis", "café", "carers".
        return self.counts[word] >= max(3, self.names * 0.02)


@dataclass(frozen=True)
class NameKeys:
    """A name as name_similarity compares it, worked out once (a directory's names are compared
    with every new entry): its words, and those of them that are not common."""

    words: str
    rare: str

    @classmethod
    def of(cls, name: str, frequencies: WordFrequencies) -> "NameKeys":
        words = name_words(name)
        rare = [w for w in words if not frequencies.is_common(w)]
        return cls(" ".join(words), " ".join(rare))


def name_similarity(first: str, second: str, frequencies: WordFrequencies) -> float:
    """0–100: the average of how alike the whole names are and how far the distinctive words
    of one are found in the other. "Big Sing Choir" is like "Big Sing Community Choir" (87);
    "Night Owls Crisis Café" is not like "Soar Lights Crisis Café" (58)."""
    return keys_similarity(NameKeys.of(first, frequencies), NameKeys.of(second, frequencies))


def keys_similarity(first: NameKeys, second: NameKeys) -> float:
    """name_similarity, of names already worked out."""
    if not first.words or not second.words:
        return 0.0
    whole = fuzz.token_sort_ratio(first.words, second.words)
    if not first.rare and not second.rare:
        return whole
    distinctive = fuzz.token_set_ratio(first.rare, second.rare)
    return (whole + distinctive) / 2


def phone_key(number: str) -> str:
    """The digits of a UK number in national form: "+44 (0)116 496 0283" → "01164960283"."""
    digits = re.sub(r"\D", "", number)
    if digits.startswith("440"):
        digits = digits[2:]
    elif digits.startswith("44"):
        digits = "0" + digits[2:]
    return digits if len(digits) >= 6 else ""


def phone_display(key: str) -> str:
    """A national-form number spaced the way it is written: 0116 496 0283, 020 7946 0000,
    07700 900123, 01632 960706."""
    if len(key) != 11:
        return key
    if key.startswith("02"):
        return f"{key[:3]} {key[3:7]} {key[7:]}"
    if key.startswith(("011", "03", "08")) or key[3] == "1":
        return f"{key[:4]} {key[4:7]} {key[7:]}"
    return f"{key[:5]} {key[5:]}"


def postcode_key(postcode: str) -> str:
    """ "le1 3zq" and "LE13ZQ" are the same postcode."""
    return re.sub(r"\s", "", postcode or "").upper()


def charity_number_key(number: str | None) -> str:
    """Registered charity numbers, ignoring spaces and a "no." or "charity" prefix; a
    subsidiary's "-1" suffix is kept (it is a different registration)."""
    text = re.sub(r"(?i)\b(registered|charity|number|no)\b\.?", "", number or "")
    return re.sub(r"[\s:]", "", text).upper()


@dataclass(frozen=True)
class EntryKeys:
    """What is compared, for one entry."""

    name: str
    phones: frozenset[str] = frozenset()
    postcodes: frozenset[str] = frozenset()
    charity_number: str = ""

    @classmethod
    def of(
        cls,
        name: str,
        phones: Iterable[str] = (),
        postcodes: Iterable[str] = (),
        charity_number: str | None = None,
    ) -> "EntryKeys":
        return cls(
            name=name,
            phones=frozenset(k for k in map(phone_key, phones) if k),
            postcodes=frozenset(k for k in map(postcode_key, postcodes) if k),
            charity_number=charity_number_key(charity_number),
        )


@dataclass(frozen=True)
class Resemblance:
    name_score: float
    same_phones: tuple[str, ...]
    same_postcodes: tuple[str, ...]
    same_charity: bool

    @property
    def shares_details(self) -> bool:
        return bool(self.same_phones or self.same_postcodes or self.same_charity)

    @property
    def worth_showing(self) -> bool:
        """Before a new entry is saved: anything the officer would want to have seen."""
        return self.name_score >= SIMILAR_NAME or self.shares_details

    @property
    def suspected(self) -> bool:
        """For the list of suspected duplicates: a very similar name backed by a shared detail.
        (Two services of one organisation share its office number; that alone is not a
        duplicate, and neither is a name alone.)"""
        return self.shares_details and self.name_score >= SUSPECT_NAME

    def reasons(self) -> tuple[str, ...]:
        found = []
        if self.name_score >= SIMILAR_NAME:
            found.append(f"Similar name ({self.name_score:.0f}% alike)")
        found += [f"Same phone number {phone_display(p)}" for p in self.same_phones]
        found += [f"Same postcode {p[:-3]} {p[-3:]}" for p in self.same_postcodes]
        if self.same_charity:
            found.append("Same charity number")
        return tuple(found)


def compare(first: EntryKeys, second: EntryKeys, frequencies: WordFrequencies) -> Resemblance:
    return resemblance(first, second, name_similarity(first.name, second.name, frequencies))


def resemblance(first: EntryKeys, second: EntryKeys, name_score: float) -> Resemblance:
    """compare, with the names' similarity already worked out."""
    return Resemblance(
        name_score=name_score,
        same_phones=tuple(sorted(first.phones & second.phones)),
        same_postcodes=tuple(sorted(first.postcodes & second.postcodes)),
        same_charity=bool(first.charity_number) and first.charity_number == second.charity_number,
    )
