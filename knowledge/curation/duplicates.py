"""Finding entries that may describe the same service, and merging two that do.

The comparisons themselves are in knowledge.domain.duplicates; this module loads what they
compare. A merged-away entry is archived and points at the entry it was merged into, so its
versions stay readable and its old public address still leads somewhere.
"""

from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass
from itertools import combinations

from flask_login import current_user
from rapidfuzz import fuzz, process
from sqlalchemy import select
from sqlalchemy.orm import selectinload

from knowledge.audit.services import record
from knowledge.curation import services as curation
from knowledge.curation import update_requests, versions
from knowledge.domain.duplicates import (
    SIMILAR_NAME,
    EntryKeys,
    NameKeys,
    Resemblance,
    WordFrequencies,
    compare,
    keys_similarity,
    phone_key,
    resemblance,
)
from knowledge.extensions import db
from knowledge.models import (
    CostOption,
    DuplicateDismissal,
    Language,
    Organisation,
    Phone,
    PublicationState,
    Schedule,
    Service,
    ServiceArea,
    ServiceAtLocation,
    Suggestion,
)

MAX_MATCHES = 5
# How alike two whole names must be for the names to be similar (see DuplicateFinder); a hair
# lower, so that no rounding of the average can lose one.
WHOLE_NAME_AT_LEAST = 2 * SIMILAR_NAME - 100 - 0.001


@dataclass(frozen=True)
class Candidate:
    """An entry about to be created (or imported), as far as it is known."""

    name: str
    organisation_name: str = ""
    phones: tuple[str, ...] = ()
    postcodes: tuple[str, ...] = ()
    charity_number: str | None = None


@dataclass(frozen=True)
class Match:
    service: Service
    reasons: tuple[str, ...]


@dataclass(frozen=True)
class SuspectedPair:
    first: Service
    second: Service
    reasons: tuple[str, ...]


def _keys(service: Service) -> EntryKeys:
    return EntryKeys.of(
        service.name,
        phones=[p.number for p in service.phones],
        postcodes=[sal.location.postcode for sal in service.service_at_locations],
        charity_number=service.organisation.charity_number,
    )


class DuplicateFinder:
    """Every live entry's keys, loaded once: an import checks each of its rows against the same
    finder. Entries already merged into another are left out.

    A new entry is compared only with the entries that can be like it, found without comparing
    it with each: those sharing a phone number, postcode or charity number (an index of them),
    and those whose names, as a whole, are at least 60% alike (rapidfuzz scores every name at
    once, in C). Nothing worth showing is lost: a name is similar when the average of how alike
    the whole names are and how alike their distinctive words are reaches SIMILAR_NAME (80),
    and the second is at most 100, so the first is at least 2 × 80 − 100 = 60 (two names
    without distinctive words are scored on the whole alone, which must then reach 80). Every
    entry left is compared exactly as before. Comparing with each entry took 15 s for 1,000
    new entries against the demo's 239 (now 0.3 s), and 2.7 s for one against 50,000 (now
    under 0.1 s).

    Entries sharing a distinctive word would be fewer, but not a safe set: of 604 similar
    names found for 1,000 test names against the demo directory, 51 shared none, such as
    "Villages Befriending" and "Village Befriending" (95% alike)."""

    def __init__(self, services: list[Service] | None = None) -> None:
        if services is None:
            services = list(
                db.session.scalars(
                    select(Service)
                    .where(Service.merged_into_id.is_(None))
                    .options(
                        selectinload(Service.organisation),
                        selectinload(Service.phones),
                        selectinload(Service.service_at_locations).selectinload(
                            ServiceAtLocation.location
                        ),
                    )
                )
            )
        self.services = services
        self.keys = {s.id: _keys(s) for s in services}
        self.frequencies = WordFrequencies.of(s.name for s in services)
        self.names = {s.id: NameKeys.of(s.name, self.frequencies) for s in services}
        self._name_words = [self.names[s.id].words for s in services]
        self._sharing: dict[str, list[int]] = defaultdict(list)
        for position, service in enumerate(services):
            for detail in _details(self.keys[service.id]):
                self._sharing[detail].append(position)

    def similar(self, candidate: Candidate, exclude_ids: Iterable[str] = ()) -> list[Match]:
        """The entries most like `candidate`, best first: those with a similar name or the same
        phone, postcode or charity number."""
        keys = EntryKeys.of(
            candidate.name, candidate.phones, candidate.postcodes, candidate.charity_number
        )
        name = NameKeys.of(candidate.name, self.frequencies)
        excluded = set(exclude_ids)
        found: list[tuple[Resemblance, Service]] = []
        for position in sorted(self._could_be_like(keys, name)):
            service = self.services[position]
            if service.id in excluded:
                continue
            found_resemblance = resemblance(
                keys, self.keys[service.id], keys_similarity(name, self.names[service.id])
            )
            if found_resemblance.worth_showing:
                found.append((found_resemblance, service))
        found.sort(key=lambda pair: (-_strength(pair[0]), pair[1].name))
        return [Match(service, r.reasons()) for r, service in found][:MAX_MATCHES]

    def _could_be_like(self, keys: EntryKeys, name: NameKeys) -> set[int]:
        """The positions of the entries that share a detail, or whose names can be similar."""
        positions = {p for detail in _details(keys) for p in self._sharing.get(detail, ())}
        if name.words:
            alike = process.extract(
                name.words,
                self._name_words,
                scorer=fuzz.token_sort_ratio,
                processor=None,
                score_cutoff=WHOLE_NAME_AT_LEAST,
                limit=None,
            )
            positions.update(position for _, _, position in alike)
        return positions

    def suspected_pairs(self) -> list[SuspectedPair]:
        """Pairs of live (not archived) entries that look like duplicates and have not been
        dismissed. Only entries sharing a phone, postcode or charity number are compared, since
        a suspicion needs one: that keeps this fast on a large directory."""
        live = {s.id: s for s in self.services if s.publication is not PublicationState.ARCHIVED}
        groups: dict[str, set[str]] = defaultdict(set)
        for service_id in live:
            for detail in _details(self.keys[service_id]):
                groups[detail].add(service_id)
        pairs = {tuple(sorted(pair)) for ids in groups.values() for pair in combinations(ids, 2)}
        dismissed = set(
            db.session.execute(select(DuplicateDismissal.first_id, DuplicateDismissal.second_id))
            .tuples()
            .all()
        )
        suspected = []
        for first_id, second_id in sorted(pairs - dismissed):
            found = resemblance(
                self.keys[first_id],
                self.keys[second_id],
                keys_similarity(self.names[first_id], self.names[second_id]),
            )
            if found.suspected:
                suspected.append(SuspectedPair(live[first_id], live[second_id], found.reasons()))
        return sorted(suspected, key=lambda p: (p.first.name, p.second.name))


def _details(keys: EntryKeys) -> list[str]:
    """The phone numbers, postcodes and charity number an entry can share with another."""
    return [
        *(f"phone:{p}" for p in keys.phones),
        *(f"postcode:{p}" for p in keys.postcodes),
        *([f"charity:{keys.charity_number}"] if keys.charity_number else []),
    ]


def _strength(resemblance: Resemblance) -> float:
    return (
        resemblance.name_score
        + 40 * resemblance.same_charity
        + 30 * bool(resemblance.same_phones)
        + 20 * bool(resemblance.same_postcodes)
    )


def similar_services(candidate: Candidate, exclude_ids: Iterable[str] = ()) -> list[Match]:
    return DuplicateFinder().similar(candidate, exclude_ids)


def candidate_for(service: Service) -> Candidate:
    return Candidate(
        name=service.name,
        organisation_name=service.organisation.name if service.organisation else "",
        phones=tuple(p.number for p in service.phones),
        postcodes=tuple(sal.location.postcode for sal in service.service_at_locations),
        charity_number=service.organisation.charity_number if service.organisation else None,
    )


def dismiss(first: Service, second: Service) -> None:
    """The officer says the two are different services: they are not flagged again. The caller
    commits."""
    first_id, second_id = sorted((first.id, second.id))
    exists = db.session.scalar(
        select(DuplicateDismissal.id).where(
            DuplicateDismissal.first_id == first_id, DuplicateDismissal.second_id == second_id
        )
    )
    if exists is None:
        dismissal = DuplicateDismissal(
            first_id=first_id, second_id=second_id, dismissed_by_email=current_user.email
        )
        db.session.add(dismissal)
        db.session.flush()
        record(
            "duplicates.dismissed",
            target=dismissal,
            details={"first": first_id, "second": second_id},
        )


def organisations_like(name: str, charity_number: str | None, exclude_id: str | None = None):
    """Organisations that may be the one about to be saved: same charity number or a similar
    name (the officer decides)."""
    organisations = [
        o
        for o in db.session.scalars(select(Organisation).order_by(Organisation.name))
        if o.id != exclude_id
    ]
    frequencies = WordFrequencies.of(o.name for o in organisations)
    keys = EntryKeys.of(name, charity_number=charity_number)
    found = []
    for organisation in organisations:
        resemblance = compare(
            keys,
            EntryKeys.of(organisation.name, charity_number=organisation.charity_number),
            frequencies,
        )
        if resemblance.worth_showing:
            found.append((resemblance, organisation))
    found.sort(key=lambda pair: (-_strength(pair[0]), pair[1].name))
    return [(o, r.reasons()) for r, o in found][:MAX_MATCHES]


# Text the kept entry takes from the duplicate only where it has none of its own.
_FILLED_IF_EMPTY = (
    "summary",
    "description",
    "status_note",
    "eligibility_description",
    "referral_description",
    "email",
    "url",
    "schedule_notes",
)


def merge(keep: Service, duplicate: Service) -> None:
    """Merge `duplicate` into `keep`, in one transaction.

    `keep` keeps everything it says and gains what only the duplicate had: empty text and
    costs filled, and its need terms, areas, phone numbers, places, languages and contacts
    added; a "do not refer" warning on either stays on `keep`, with both reasons. The duplicate
    is archived and points at `keep`; both keep their versions, so either history can be read
    and any version restored. Reports about the duplicate move to `keep`; its open update
    requests are closed, since their links would change an archived entry."""
    curation.keep_baseline(keep)
    curation.keep_baseline(duplicate)
    _absorb(keep, duplicate)
    for suggestion in db.session.scalars(
        select(Suggestion).where(Suggestion.service_id == duplicate.id)
    ):
        suggestion.service_id = keep.id
    update_requests.close_open_requests(
        duplicate, f"Merged into “{keep.name}”", merged_into=keep.id
    )
    curation.save_version(keep, "merged with a duplicate", commit=False, duplicate=duplicate.id)
    duplicate.publication = PublicationState.ARCHIVED
    duplicate.merged_into_id = keep.id
    curation.save_version(duplicate, "archived as a duplicate", merged_into=keep.id)


def _absorb(keep: Service, duplicate: Service) -> None:
    for field in _FILLED_IF_EMPTY:
        if not getattr(keep, field) and getattr(duplicate, field):
            setattr(keep, field, getattr(duplicate, field))
    if duplicate.staff_notes and duplicate.staff_notes not in (keep.staff_notes or ""):
        merged_note = f"From the merged entry “{duplicate.name}”: {duplicate.staff_notes}"
        keep.staff_notes = "\n\n".join(filter(None, (keep.staff_notes, merged_note)))
    _keep_warning(keep, duplicate)
    if not keep.cost_options:
        keep.cost_options = [
            CostOption(
                option=c.option,
                amount=c.amount,
                currency=c.currency,
                amount_description=c.amount_description,
            )
            for c in duplicate.cost_options
        ]
    keep.taxonomy_terms += [t for t in duplicate.taxonomy_terms if t not in keep.taxonomy_terms]
    areas = {sa.area_id for sa in keep.service_areas}
    keep.service_areas += [
        ServiceArea(area=sa.area) for sa in duplicate.service_areas if sa.area_id not in areas
    ]
    numbers = {phone_key(p.number) for p in keep.phones}
    keep.phones += [
        Phone(number=p.number, description=p.description)
        for p in duplicate.phones
        if phone_key(p.number) not in numbers
    ]
    places = {sal.location_id for sal in keep.service_at_locations}
    keep.service_at_locations += [
        ServiceAtLocation(location=sal.location, description=sal.description)
        for sal in duplicate.service_at_locations
        if sal.location_id not in places
    ]
    spoken = {lang.name.casefold() for lang in keep.languages}
    keep.languages += [
        Language(name=lang.name, code=lang.code, note=lang.note)
        for lang in duplicate.languages
        if lang.name.casefold() not in spoken
    ]
    known = {(c.email or c.name or "").casefold() for c in keep.contacts}
    keep.contacts += versions.build_contacts(
        versions.contact_entries(
            [c for c in duplicate.contacts if (c.email or c.name or "").casefold() not in known]
        )
    )
    if not keep.schedules and duplicate.schedules:
        keep.schedules = [
            Schedule(
                freq=s.freq,
                byday=s.byday,
                opens_at=s.opens_at,
                closes_at=s.closes_at,
                valid_from=s.valid_from,
                valid_to=s.valid_to,
                description=s.description,
            )
            for s in duplicate.schedules
        ]


def _keep_warning(keep: Service, duplicate: Service) -> None:
    """Staff were told not to refer people to the duplicate: a safety warning, so it is never
    lost in a merge. Both entries' reasons are kept."""
    if not duplicate.do_not_refer:
        return
    reason = duplicate.do_not_refer_reason
    if keep.do_not_refer and keep.do_not_refer_reason:
        if reason and reason not in keep.do_not_refer_reason:
            reason = (
                f"{keep.do_not_refer_reason}\n\nFrom the merged entry “{duplicate.name}”: {reason}"
            )
        else:
            reason = keep.do_not_refer_reason
    keep.do_not_refer, keep.do_not_refer_reason = True, reason
