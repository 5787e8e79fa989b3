"""What the search index is told about a service, and what a search gives back.

Plain data: the directory builds `ServiceDocument`s from its models, views receive
`SearchResult`s. Neither side sees Whoosh.
"""

from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import date, time

# Facet names, in the order the results page shows them.
FACETS: tuple[str, ...] = ("need", "type", "area", "age", "cost", "route", "open")
SORTS: tuple[str, ...] = ("relevance", "distance", "name")


@dataclass(frozen=True)
class Period:
    """An opening period (see knowledge.domain.opening_hours)."""

    freq: str
    byday: str
    opens_at: time
    closes_at: time
    valid_from: date | None = None
    valid_to: date | None = None

    def to_json(self) -> list:
        return [
            self.freq,
            self.byday,
            self.opens_at.strftime("%H:%M"),
            self.closes_at.strftime("%H:%M"),
            self.valid_from.isoformat() if self.valid_from else None,
            self.valid_to.isoformat() if self.valid_to else None,
        ]

    @classmethod
    def from_json(cls, data: list) -> "Period":
        freq, byday, opens, closes, valid_from, valid_to = data
        return cls(
            freq,
            byday,
            time.fromisoformat(opens),
            time.fromisoformat(closes),
            date.fromisoformat(valid_from) if valid_from else None,
            date.fromisoformat(valid_to) if valid_to else None,
        )


@dataclass(frozen=True)
class ServiceDocument:
    id: str
    name: str
    organisation: str = ""
    summary: str = ""
    description: str = ""
    term_names: tuple[str, ...] = ()  # need and service-type names, matched as text
    places: tuple[str, ...] = ()  # towns and area names, so "loughborough" finds local groups
    need_terms: tuple[
        str, ...
    ] = ()  # every need code, top-level and sub-term (synonyms target these)
    need_domains: tuple[str, ...] = ()  # top-level need codes (the facet)
    service_types: tuple[str, ...] = ()
    districts: tuple[str, ...] = ()
    age_groups: tuple[str, ...] = ()
    free: bool = False
    referral_routes: tuple[str, ...] = ()
    temporarily_closed: bool = False
    periods: tuple[Period, ...] = ()
    points: tuple[tuple[float, float], ...] = ()

    def facet_values(self) -> dict[str, tuple[str, ...]]:
        """Static facet values; "open" is added at search time from `periods`."""
        return {
            "need": self.need_domains,
            "type": self.service_types,
            "area": self.districts,
            "age": self.age_groups,
            "cost": ("free",) if self.free else (),
            "route": self.referral_routes,
        }


@dataclass(frozen=True)
class SearchQuery:
    text: str = ""
    filters: Mapping[str, frozenset[str]] = field(default_factory=dict)
    sort: str = "relevance"
    origin: tuple[float, float] | None = None
    page: int = 1
    per_page: int = 20
    # Off for searches that signal risk: "kill myself" must never become "kids".
    correct_spelling: bool = True


@dataclass(frozen=True)
class Hit:
    id: str
    distance_km: float | None = None


@dataclass
class SearchResult:
    hits: list[Hit]
    total: int
    page: int
    per_page: int
    facets: dict[str, dict[str, int]]
    # The words actually searched for, after spelling correction if one was applied.
    searched_for: str = ""
    # Set when nothing matched what was typed and a corrected spelling did: the typed words.
    corrected_from: str | None = None
    # A better spelling to offer as a link ("Did you mean …?") when results were found anyway.
    suggestion: str | None = None
    # False when no service matched every word, so the results match some of them.
    matched_all_words: bool = True
    # True when the text held only filler or stop words ("help", "the", "AND", "!!!").
    no_search_words: bool = False

    @property
    def pages(self) -> int:
        return max(1, -(-self.total // self.per_page))
