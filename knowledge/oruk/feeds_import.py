"""Importing an Open Referral UK feed (read by knowledge.oruk.feeds, each service mapped by
knowledge.oruk.feeds_mapping): the dry run says what each service would do and changes
nothing; the import checks the file again and saves every service in one transaction, or
none. The plan, the report and the writer are the CSV import's
(knowledge.curation.import_services), so both imports version, audit and index alike.

Each service, in the order of the file:
- rejected, with its reasons, when it breaks the schema (compiled/service.json), has no
  name or no organisation, or breaks a limit of the edit form (a name over 200 characters);
  or, with one reason and unchecked, when it is bigger than any service (a list of over 500,
  or over 5,000 objects and lists in all). The first 20 problems of a record are listed, and
  after the file's first 1,000, only the first of each record;
- created, as a draft, when the directory does not have it. `flask oruk import --publish`
  publishes those the edit form would take as they are (a summary, a description, a need
  domain, an area), for moving a directory from one installation of this software to another;
- updated, with each change listed, when it does; an entry already published stays published,
  and the officer applying the import is its approval, as for the CSV import. An assured date
  from the feed names the feed as who checked it ("<feed> (imported)");
- this directory's own entry (one that came from no feed: our export, read back or
  republished by an aggregator): never changed by a feed; what the feed says differently is
  listed, and an own entry the feed says nothing new about is simply unchanged;
- unchanged; and possibly a duplicate of an entry the directory has (only created if the
  officer says so). Warnings list what was left off (see feeds_mapping), the first 20.

Which record a feed's id means (services, organisations and places alike): the record an
earlier import of the same feed made from it (the `feed_source` table); else the directory's
own record with that id, if it came from no feed, used as it is (an own organisation or place
a feed's new service names is not changed either); else a new record keeping the feed's id,
or, if a record from another feed has it, an id of its own derived from the feed's name and
id, so importing that feed again finds it again. The records an entry is made of (phones,
opening times, costs, contacts, languages, areas, the links to its places, accessibility)
keep the feed's id where it is a UUID that no other record of the file or of another entry
has; otherwise they get ids of their own, derived the same way each time (feeds_ids). An
organisation the feed's id does not find is the directory's organisation of the same charity
number or name, if there is one, used as it is. A place several services are held at stays
one place.
"""

import hashlib
import re
from dataclasses import dataclass, field

from sqlalchemy import select

from knowledge.curation import exchange, importing, versions
from knowledge.curation import import_services as csv_import
from knowledge.curation.import_services import (
    Directory,
    ImportPlan,
    ImportResult,
    RowAction,
    RowOutcome,
    Writer,
)
from knowledge.domain.text import one_line
from knowledge.extensions import db
from knowledge.models import (
    Area,
    FeedRecordType,
    FeedSource,
    ImportKind,
    Location,
    Organisation,
    PendingImport,
    PublicationState,
    Service,
    TaxonomyTerm,
    User,
)
from knowledge.models.base import utc_now
from knowledge.models.curation import FEED_NAME_LENGTH
from knowledge.oruk import documents, feeds, schemas
from knowledge.oruk.feeds_ids import LocalIds, Resolution, kept_ids
from knowledge.oruk.feeds_mapping import FeedVocabulary, MappedService, map_service


def feed_name(text: str) -> str:
    """The feed's name as given, on one line; spelled as an earlier import spelled it, if it
    differs only in capitals (the same feed, not a new one)."""
    name = " ".join(one_line(text).split())
    for known in known_feeds():
        if known.casefold() == name.casefold():
            return known
    return name


def check_feed_name(text: str | None) -> str | None:
    """What is wrong with a feed's name as typed, or None."""
    name = " ".join((text or "").split())
    if not name:
        return "Give the feed a name, such as the publisher's and the directory's"
    if len(name) > FEED_NAME_LENGTH:
        return f"The feed's name can be at most {FEED_NAME_LENGTH} characters"
    return None


def known_feeds() -> list[str]:
    return list(db.session.scalars(select(FeedSource.feed).distinct().order_by(FeedSource.feed)))


# The dry run ---------------------------------------------------------------------------------


@dataclass
class FeedOutcome(RowOutcome):
    """A service of the feed: a row of the plan, with what the import needs to save it."""

    where: str = ""
    mapped: MappedService | None = None
    # (kind, the feed's id, ours) of every record saving this service makes the feed's.
    sources: list[tuple[FeedRecordType, str, str]] = field(default_factory=list)
    places: list[dict] = field(default_factory=list)
    # By place id: the feed's id of the organisation it belongs to, then ours; its link's id;
    # its accessibility's ids.
    place_owners_given: dict[str, str | None] = field(default_factory=dict)
    place_owners: dict[str, str] = field(default_factory=dict)
    link_ids: dict[str, str | None] = field(default_factory=dict)
    accessibility_ids: dict[str, list] = field(default_factory=dict)
    # What the feed says differently about this directory's own records (never changed).
    differences: list[str] = field(default_factory=list)


@dataclass
class _Seen:
    """An organisation or place as the first service naming it in the file gave it."""

    local_id: str
    details: dict | None
    given: dict | None
    number: int
    # (kind, the feed's id, ours), if the record is the feed's: every service saved with it
    # records where it came from, whichever of them is imported.
    source: tuple[FeedRecordType, str, str] | None = None


@dataclass
class _Context:
    feed: str
    vocabulary: FeedVocabulary
    ids: LocalIds
    directory: Directory
    publish: bool
    services: dict[str, int] = field(default_factory=dict)
    organisations: dict[str, _Seen] = field(default_factory=dict)
    places: dict[str, _Seen] = field(default_factory=dict)


def feed_vocabulary() -> FeedVocabulary:
    terms = db.session.execute(select(TaxonomyTerm.id, TaxonomyTerm.code)).all()
    areas = db.session.execute(select(Area.name, Area.code)).all()
    return FeedVocabulary(
        codes=csv_import.vocabulary(),
        term_ids=dict(terms),
        area_names={name.casefold(): code for name, code in areas},
    )


def dry_run(feed: feeds.Feed, name: str, file_hash: str, *, publish: bool = False) -> ImportPlan:
    """What importing the feed's services would do, each of them. Writes nothing."""
    vocabulary = feed_vocabulary()
    checker = schemas.validator("compiled/service.json")
    rows: list[FeedOutcome] = []
    notes = list(feed.notes)
    listed = 0
    for record in feed.records:
        every = listed <= MOST_IN_A_FILE
        if not every and ONLY_THE_FIRST not in notes:
            notes.append(ONLY_THE_FIRST)
        rows.append(_checked(record, checker, vocabulary, every))
        listed += len(rows[-1].reasons)
    mapped = [row.mapped for row in rows if row.mapped is not None]
    originals = _originals(mapped)
    ids = LocalIds(name, originals)
    existing = {
        kind: {
            resolution.local_id
            for original in wanted
            if (resolution := ids.resolve(kind, original)).exists
        }
        for kind, wanted in originals.items()
    }
    directory = Directory.for_ids(
        existing[FeedRecordType.SERVICE], set(existing[FeedRecordType.LOCATION])
    )
    context = _Context(name, vocabulary, ids, directory, publish)
    for row in rows:
        if row.mapped is not None:
            _plan(row, context)
    _find_place_owners(rows, context)
    csv_import.note_lookalikes_in_file(rows, unit="record")
    return ImportPlan(rows, [*notes, *_not_kept_note(mapped)], file_hash, unit="record")


def _checked(
    record: feeds.FeedRecord, checker, vocabulary: FeedVocabulary, every: bool = True
) -> FeedOutcome:
    """The record checked against the schema, and mapped if it passes. Its problems are listed
    (the first few), or only the first when `every` is false."""
    document = record.document
    name = document.get("name") if isinstance(document, dict) else None
    row = FeedOutcome(
        record.number, one_line(name)[:200] if isinstance(name, str) else "", RowAction.CREATE
    )
    row.where = record.where
    if record.not_a_service:
        row.action = RowAction.REJECTED
        row.reasons.append(f"This is a {record.not_a_service}, not a service.")
        return row
    too_big = _too_big(document)
    if too_big:
        row.action = RowAction.REJECTED
        row.reasons.append(too_big)
        return row
    errors = schemas.errors(document, checker, limit=MOST_COUNTED if every else 1)
    if errors:
        row.action = RowAction.REJECTED
        row.reasons += _first_few([plain_schema_error(e) for e in errors], "problems", counted=True)
        return row
    row.mapped = map_service(document, vocabulary)
    row.warnings = _first_few(row.mapped.warnings, "warnings")
    return row


# A real service has a handful of opening times, phones and places. These bound what one record
# of the file costs to check (an 800 KB service of 200,000 empty schedules took 15 seconds, and
# gave as many reasons), and what the report shows of it; and, since 10 MB holds thousands of
# broken services, what the whole file does (a file of 4,000 services of 500 empty schedules
# took 187 seconds even so, listing 88,000 problems).
MOST_IN_A_LIST = 500
MOST_PARTS = 5000
MOST_SHOWN = 20
MOST_COUNTED = 1000
MOST_IN_A_FILE = 1000
ONLY_THE_FIRST = (
    f"The file has more than {MOST_IN_A_FILE:,} problems: after those, only the first problem "
    "of each record is listed."
)


def _too_big(document: dict) -> str | None:
    """Why the service is too big to check, if it is: a list longer, or more objects and lists
    in all, than any service has."""
    parts, waiting = 0, [("", document)]
    while waiting:
        where, value = waiting.pop()
        parts += 1
        if parts > MOST_PARTS:
            return (
                f"the service has more than {MOST_PARTS:,} parts (schedules, phones, places and "
                "the like); it was not checked further"
            )
        if isinstance(value, list) and len(value) > MOST_IN_A_LIST:
            return (
                f"{where}: {len(value):,} items, more than the {MOST_IN_A_LIST} a service can "
                "have in one list; the service was not checked further"
            )
        items = enumerate(value) if isinstance(value, list) else (value.items())
        waiting += [
            (f"{where}[{key}]" if isinstance(key, int) else f"{where}.{key}".lstrip("."), item)
            for key, item in items
            if isinstance(item, dict | list)
        ]
    return None


def _first_few(found: list[str], what: str, counted: bool = False) -> list[str]:
    """The first MOST_SHOWN, and how many more (at least, if only MOST_COUNTED were counted)."""
    if len(found) <= MOST_SHOWN:
        return found
    more = len(found) - MOST_SHOWN
    at_least = "at least " if counted and len(found) >= MOST_COUNTED else ""
    return [*found[:MOST_SHOWN], f"… and {at_least}{more:,} more {what} like these"]


PLAIN_SCHEMA_ERRORS = (
    (r"^'(.+)' is a required property$", r"\1 is missing (the standard requires it)"),
    (r"^(.+) is not of type '(\w+)'$", r"\1 should be a \2"),
    (r"^(.+) is not a '(\w[\w-]*)'$", r"\1 is not a valid \2"),
    (r"^(.+) is not one of \[(.+)\]$", r"\1 should be one of \2"),
)


def plain_schema_error(error: schemas.SchemaError) -> str:
    """The validator's words, a little plainer, after where in the service it is."""
    message = error.message
    for pattern, plain in PLAIN_SCHEMA_ERRORS:
        if re.match(pattern, message):
            message = re.sub(pattern, plain, message)
            break
    return f"{error.where or 'the service'}: {message}"


def _originals(mapped: list[MappedService]) -> dict[FeedRecordType, set[str]]:
    return {
        FeedRecordType.SERVICE: {m.original_id for m in mapped},
        FeedRecordType.ORGANIZATION: {m.organisation.original_id for m in mapped if m.organisation}
        | {p.organisation_id for m in mapped for p in m.places or [] if p.organisation_id},
        FeedRecordType.LOCATION: {p.original_id for m in mapped for p in m.places or []},
    }


def _not_kept_note(mapped: list[MappedService]) -> list[str]:
    fields = sorted({name for m in mapped for name in m.not_kept})
    if not fields:
        return []
    return [
        "The directory has no place for these Open Referral UK fields, so they were not "
        f"imported: {', '.join(fields)}."
    ]


def _plan(row: FeedOutcome, context: _Context) -> None:
    mapped = row.mapped
    if not mapped.name:
        row.reasons.append("name: the service has no name")
    earlier = context.services.get(mapped.original_id)
    if earlier is not None:
        row.reasons.append(f"id: record {earlier} is the same service (the same id)")
    context.services.setdefault(mapped.original_id, row.number)
    resolution = context.ids.resolve(FeedRecordType.SERVICE, mapped.original_id)
    row.service = context.directory.services.get(resolution.local_id)
    current = exchange.entry(row.service) if row.service else None
    values = mapped.values
    if not _is_own(resolution):
        values = values | _assurer(values, current, context.feed)
    data = importing.merge(current, values, context.vocabulary.codes, {})
    data["id"] = resolution.local_id
    organisation = _organisation(row, context)
    if organisation is not None:
        data |= organisation
    places = _places(row, context, data.get("organisation_id"))
    if places is not None:
        data["location"] = places[0] if places else None
        data["other_location_ids"] = [place["id"] for place in places[1:]]
    if resolution.tracked:
        row.sources.append((FeedRecordType.SERVICE, mapped.original_id, resolution.local_id))
    row.data = data
    if current is not None:
        as_ours = _without_published_form(current, data, "url", "organisation_url")
        place_changes = _further_place_changes(row, context.directory)
        if _is_own(resolution):
            row.data = as_ours
            _own_entry(row, current, place_changes, context.directory)
            return
        # Before the edit form's rules, as for the CSV: an entry the feed does not change
        # is not refused for what it already holds.
        if as_ours == current and not place_changes and not row.reasons:
            row.data, row.action = as_ours, RowAction.UNCHANGED
            return
    row.notes += row.differences
    row.reasons += importing.broken_rules(data)
    for place in row.places[1:]:
        row.reasons += [
            f"{place['name']}: {problem}" for problem in importing.check_location(place)
        ]
    if row.reasons:
        row.action, row.notes = RowAction.REJECTED, []
        return
    if current is not None:
        row.action = RowAction.UPDATE
        row.changes = csv_import.changes(current, data, context.directory) + place_changes
        if row.service.publication is PublicationState.PUBLISHED:
            row.notes.append("It is published: these changes are public as soon as you import.")
        return
    _new_entry(row, data, resolution, context)


def _is_own(resolution: Resolution) -> bool:
    """The directory's own record (from no feed): a feed republishing it is never its source."""
    return resolution.exists and not resolution.tracked


OWN_ENTRY = "This directory's own entry — not changed by a feed."


def _own_entry(
    row: FeedOutcome, current: dict, place_changes: list[versions.Change], directory: Directory
) -> None:
    """A feed's record of one of the directory's own entries (an aggregator republishing it):
    never saved. What the feed says differently is listed, for the officer to judge."""
    changes = csv_import.changes(current, row.data, directory) + place_changes
    differences = [
        f"The feed has {change.label} “{_shortened(change.after)}”; this directory has "
        f"“{_shortened(change.before)}”"
        for change in changes
    ] + row.differences
    row.reasons, row.warnings, row.sources = [], [], []
    if differences:
        row.action, row.notes = RowAction.OWN, [OWN_ENTRY, *differences]
    else:
        row.action, row.notes = RowAction.UNCHANGED, []


def _shortened(text: str, most: int = 200) -> str:
    return text if len(text) <= most else text[: most - 1] + "…"


def _without_published_form(ours: dict, theirs: dict, *keys: str) -> dict:
    """`theirs`, but with our web addresses where theirs is ours as knowledge.oruk.documents
    publishes it (with the https:// it adds to one saved without): that alone is no change.
    A record saved for another change is saved with the feed's, which the edit form takes."""
    return theirs | {
        key: ours[key]
        for key in keys
        if theirs[key] != ours[key] and theirs[key] == documents.public_url(ours[key])
    }


def _assurer(values: dict, current: dict | None, feed: str) -> dict:
    """An assured date from the feed was a check by its publisher, not by anyone here: the entry
    says so. The same date as the entry's leaves who checked it as it is."""
    date = values.get("assured_date")
    if date is None or (current is not None and current["assured_date"] == date):
        return {}
    return {"assurer": f"{feed} (imported)"}


def _further_place_changes(row: FeedOutcome, directory: Directory) -> list[versions.Change]:
    """A feed describes each of a service's places, not only its first (as the CSV does)."""
    found = []
    for place in row.places[1:]:
        known = directory.places.get(place["id"])
        if known is not None and (before := exchange.location_entry(known)) != place:
            found.append(
                versions.Change(
                    "Place",
                    exchange.describe_location(before),
                    exchange.describe_location(place),
                )
            )
    return found


INCOMPLETE = "It arrives as a draft. Before it can be published, give it {}."


def _new_entry(row: FeedOutcome, data: dict, resolution: Resolution, context: _Context) -> None:
    lacks = [
        label
        for key, label in (("summary", "a summary"), ("description", "a description"))
        if not data[key]
    ]
    if not any(code in context.vocabulary.codes.need_codes for code in data["terms"]):
        lacks.append("a need domain")
    if not data["areas"]:
        lacks.append("an area")
    publish = context.publish and not lacks
    data["publication"] = (PublicationState.PUBLISHED if publish else PublicationState.DRAFT).value
    if lacks:
        row.warnings.append(INCOMPLETE.format(", ".join(lacks)))
    elif publish:
        row.notes.append("It is published with this import.")
    if resolution.renamed:
        row.notes.append(
            "An entry from another feed has this service's id, so it gets an id of its own."
        )
    row.duplicates = context.directory.similar(csv_import.candidate(data, context.directory))


def _organisation(row: FeedOutcome, context: _Context) -> dict | None:
    """The organisation's id and details as the entry holds them, or None (rejected)."""
    given = row.mapped.organisation
    if given is None:
        row.reasons.append(
            "organization: the service names no organisation, and the directory needs the one "
            "that runs it"
        )
        return None
    seen = context.organisations.get(given.original_id)
    if seen is not None:
        _use_seen(row, seen, given.values, "organization: this organisation")
        return {"organisation_id": seen.local_id} | seen.details
    resolution = context.ids.resolve(FeedRecordType.ORGANIZATION, given.original_id)
    known = context.directory.organisations.get(resolution.local_id)
    tracked = resolution.tracked
    if known is None and given.values is None:
        row.reasons.append(
            f"organization_id: the organisation {given.original_id} is neither in the file nor "
            "in the directory"
        )
        return None
    if known is None:
        known = _same_organisation(given.values, context.directory)
        tracked = False if known is not None else tracked
        if known is not None:
            row.notes.append(
                f"The directory's organisation “{known.name}” has this one's "
                f"{'charity number' if known.charity_number else 'name'}: the service is "
                "added to it, and its details are kept as they are."
            )
    if known is not None:
        base = {"organisation_name": known.name} | exchange.organisation_entry(known)
        described = importing.merge_organisation(base, given.values or {})
        if _is_own(resolution):
            if _without_published_form(base, described, "organisation_url") != base:
                row.differences.append(
                    f"The feed describes this directory's own organisation “{known.name}” "
                    "differently: it is kept as it is."
                )
            details = base
        else:
            details = described if resolution.local_id == known.id else base
            row.notes += csv_import.organisation_notes(
                known,
                details["organisation_name"],
                {k: details[k] for k in exchange.ORGANISATION_FIELDS},
            )
        local_id = known.id
    else:
        details = dict.fromkeys(exchange.ORGANISATION_FIELDS) | given.values
        local_id = resolution.local_id
        row.notes.append(f"New organisation “{details['organisation_name']}”: it is added too.")
    source = (FeedRecordType.ORGANIZATION, given.original_id, local_id) if tracked else None
    seen = _Seen(local_id, details, given.values, row.number, source)
    context.organisations[given.original_id] = seen
    _use_seen(row, seen)
    return {"organisation_id": local_id} | details


def _use_seen(row: FeedOutcome, seen: _Seen, given: dict | None = None, what: str = "") -> None:
    """The row holds an organisation or place as the first service naming it gave it."""
    if seen.source is not None:
        row.sources.append(seen.source)
    if given is not None and seen.given is not None and given != seen.given:
        row.warnings.append(
            f"{what}: record {seen.number} describes it differently; its details there are used"
        )


def _same_organisation(values: dict, directory: Directory) -> Organisation | None:
    """The directory's organisation with the same charity number, else the same name."""
    number = values["organisation_charity_number"]
    name = values["organisation_name"].casefold()
    organisations = list(directory.organisations.values())
    for organisation in organisations:
        if number and organisation.charity_number == number:
            return organisation
    named = [o for o in organisations if o.name.casefold() == name]
    return named[0] if len(named) == 1 else None


def _places(row: FeedOutcome, context: _Context, organisation_id: str | None) -> list | None:
    if row.mapped.places is None:
        return None
    for given in row.mapped.places:
        seen = context.places.get(given.original_id)
        if seen is not None:
            _use_seen(row, seen, given.place, f"The place “{seen.details['name']}”")
            place = seen.details
        else:
            place = _place(row, given, context)
            if place is None:
                continue
        if place["id"] in row.link_ids:
            continue
        row.places.append(place)
        row.link_ids[place["id"]] = given.link_id
        row.place_owners_given[place["id"]] = given.organisation_id
        row.place_owners[place["id"]] = organisation_id
        if given.place is not None:
            row.accessibility_ids.setdefault(place["id"], given.accessibility_ids)
    return row.places


def _find_place_owners(rows: list[FeedOutcome], context: _Context) -> None:
    """A place belongs to its own organisation in the feed, wherever in the file that comes,
    if it is here; else to the organisation of the service held there."""
    for row in rows:
        for place_id, given in row.place_owners_given.items():
            if given is None:
                continue
            seen = context.organisations.get(given)
            resolution = context.ids.resolve(FeedRecordType.ORGANIZATION, given)
            if seen is not None:
                row.place_owners[place_id] = seen.local_id
            elif resolution.exists:
                row.place_owners[place_id] = resolution.local_id


def _place(row: FeedOutcome, given, context: _Context) -> dict | None:
    resolution = context.ids.resolve(FeedRecordType.LOCATION, given.original_id)
    known = context.directory.places.get(resolution.local_id)
    if given.place is None:
        if known is None:
            row.warnings.append(
                f"service_at_locations: the place {given.original_id} is named by its id only, "
                "and is neither in the file nor in the directory; left off"
            )
            return None
        place = exchange.location_entry(known)
    elif _is_own(resolution):
        place = exchange.location_entry(known)
        if dict(given.place, id=known.id) != place:
            row.differences.append(
                f"The feed describes this directory's own place “{known.name}” differently: "
                "it is kept as it is."
            )
    else:
        place = dict(given.place, id=resolution.local_id)
        if known is not None:
            csv_import.note_shared_place(row, known, place, context.directory)
    source = None
    if given.place is not None and resolution.tracked:
        source = (FeedRecordType.LOCATION, given.original_id, resolution.local_id)
    seen = _Seen(place["id"], place, given.place, row.number, source)
    context.places[given.original_id] = seen
    _use_seen(row, seen)
    return place


# The import -----------------------------------------------------------------------------------


def apply_plan(plan: ImportPlan, feed: str, filename: str, create_anyway: set[int], **kwargs):
    """Save what the plan does (see import_services.save_plan), and where it came from."""
    return csv_import.save_plan(
        plan,
        FeedWriter(plan.rows, feed),
        create_anyway,
        {"feed": feed, "file": filename},
        **kwargs,
    )


class FeedWriter(Writer):
    """The CSV import's writer, keeping the feed's ids and recording where records came from."""

    def __init__(self, rows: list[FeedOutcome], feed: str) -> None:
        saved = [row for row in rows if row.action in (RowAction.CREATE, RowAction.UPDATE)]
        self.feed = feed
        self.place_owners = {k: v for row in saved for k, v in row.place_owners.items()}
        self.organisation_rows = {row.data["organisation_id"]: row.data for row in saved}
        places = {place["id"]: (place, row.data) for row in saved for place in row.places}
        super().__init__(rows, places=places, ids=kept_ids(saved))
        self.known_sources = {
            (s.record_type, s.original_id): s
            for s in db.session.scalars(select(FeedSource).where(FeedSource.feed == feed))
        }

    def write(self, row: FeedOutcome) -> Service:
        service = super().write(row)
        now = utc_now()
        for kind, original, local in row.sources:
            source = self.known_sources.get((kind, original))
            if source is None:
                source = FeedSource(
                    feed=self.feed, record_type=kind, original_id=original, local_id=local
                )
                db.session.add(source)
                self.known_sources[kind, original] = source
            source.local_id, source.last_imported_at = local, now
        return service

    def _place(self, data: dict, organisation: Organisation) -> Location:
        """A new place belongs to its own organisation in the feed, when that is here too."""
        owner = self.place_owners.get(data["id"])
        if owner and owner != organisation.id and data["id"] not in self.places:
            if owner in self.organisation_rows:
                organisation = self._organisation(self.organisation_rows[owner])
            else:
                organisation = db.session.get(Organisation, owner) or organisation
        return super()._place(data, organisation)

    def _place_by_id(self, place_id: str) -> Location:
        """Every place of a feed's service is described in the file: brought up to date."""
        if place_id in self.places:
            return self.places[place_id]
        place, row_data = self.described[place_id]
        return self._place(place, self._organisation(row_data))


# Uploads: the web page's dry run and import -----------------------------------------------------


def store_upload(filename: str, data: bytes, feed: str, uploader: User) -> PendingImport:
    """Keep the file for its dry run, or raise ImportRefused saying why it cannot be imported."""
    text = feeds.decode(data)
    feeds.read_feed(text)
    return csv_import.keep_upload(
        uploader, filename, "feed.json", text, data, ImportKind.ORUK, feed_name(feed)
    )


def _file_hash(pending: PendingImport) -> str:
    return hashlib.sha256(f"{pending.sha256}/{pending.feed}".encode()).hexdigest()


def dry_run_upload(pending: PendingImport) -> ImportPlan:
    return dry_run(feeds.read_feed(pending.content), pending.feed, _file_hash(pending))


def apply_upload(pending: PendingImport, fingerprint: str, create_anyway: set[int]) -> ImportResult:
    """As import_services.apply_import: nothing is saved if the result would differ from what
    the officer was shown, or if any service fails."""
    plan = dry_run_upload(pending)
    if plan.fingerprint != fingerprint:
        return ImportResult(plan, imported=False, problem=csv_import.CHANGED_SINCE)
    return apply_plan(
        plan,
        pending.feed,
        pending.filename,
        create_anyway,
        pending=pending,
        again=lambda: dry_run_upload(pending),
    )
