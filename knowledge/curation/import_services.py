"""Importing a directory CSV: the uploaded file waits as a `PendingImport`; the dry run says
what each row would do and changes nothing; the import re-checks the file against the
directory as it is then and saves every row in one transaction, or none.

Each created or updated service gets a version ("imported") and an audit row, as an edit does
(knowledge.curation.services); the search index follows the commit.

Rows without an id are new entries typed into a spreadsheet: they arrive as drafts whatever
the file says, so each is previewed before it goes public. Rows that keep an id from an export
(the directory moved to a new installation, or restored) keep the publication state in the
file, so a round trip loses nothing.
"""

import enum
import hashlib
import json
import logging
from collections import defaultdict
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date, timedelta
from functools import cached_property
from itertools import combinations
from pathlib import PurePosixPath

from sqlalchemy import func, or_, select
from sqlalchemy.orm import selectinload

from knowledge.audit.services import record
from knowledge.curation import exchange, importing, versions
from knowledge.curation import services as curation
from knowledge.curation.duplicates import Candidate, DuplicateFinder, Match
from knowledge.domain.duplicates import EntryKeys, WordFrequencies, compare
from knowledge.extensions import db
from knowledge.models import (
    Accessibility,
    ImportKind,
    Location,
    Organisation,
    PendingImport,
    Phone,
    PublicationState,
    Service,
    ServiceAtLocation,
    Taxonomy,
    TaxonomyTerm,
    User,
)
from knowledge.models.base import new_id, utc_now

log = logging.getLogger(__name__)

# An upload nobody applied or cancelled is deleted after this long (when someone next uploads).
PENDING_FOR = timedelta(days=1)


# The uploaded file ----------------------------------------------------------------------------


def store_upload(filename: str, data: bytes, uploader: User) -> PendingImport:
    """Keep the file for its dry run, or raise ImportRefused saying why it cannot be imported.
    The officer's earlier uploads, and anyone's left over from before yesterday, go."""
    decoded = importing.decode(data)
    importing.read_csv(decoded.text)
    return keep_upload(uploader, filename, "import.csv", decoded.text, data)


def keep_upload(
    uploader: User,
    filename: str,
    default_filename: str,
    text: str,
    data: bytes,
    kind: ImportKind = ImportKind.CSV,
    feed: str | None = None,
) -> PendingImport:
    """Keep a file already checked for its dry run, in place of the officer's earlier upload
    of the same kind; anyone's uploads left over from before yesterday go too."""
    _forget_old_uploads(uploader, kind)
    pending = PendingImport(
        uploaded_by_id=uploader.id,
        filename=PurePosixPath(filename.replace("\\", "/")).name[:255] or default_filename,
        content=text,
        # Of the bytes as uploaded, so the dry run can still tell how they were encoded.
        sha256=hashlib.sha256(data).hexdigest(),
        kind=kind,
        feed=feed,
    )
    db.session.add(pending)
    db.session.commit()
    return pending


def _forget_old_uploads(uploader: User, kind: ImportKind) -> None:
    old = db.session.scalars(
        select(PendingImport).where(
            or_(
                (PendingImport.uploaded_by_id == uploader.id) & (PendingImport.kind == kind),
                PendingImport.uploaded_at < utc_now() - PENDING_FOR,
            )
        )
    )
    for pending in old:
        db.session.delete(pending)


def pending_upload(
    import_id: str, user: User, kind: ImportKind = ImportKind.CSV
) -> PendingImport | None:
    """The upload, if it is this person's: nobody sees or applies another's file."""
    pending = db.session.get(PendingImport, import_id)
    if pending is None or pending.uploaded_by_id != user.id or pending.kind != kind:
        return None
    return pending


def latest_upload(user: User, kind: ImportKind = ImportKind.CSV) -> PendingImport | None:
    return db.session.scalar(
        select(PendingImport)
        .where(PendingImport.uploaded_by_id == user.id)
        .where(PendingImport.kind == kind)
        .where(PendingImport.uploaded_at >= utc_now() - PENDING_FOR)
        .order_by(PendingImport.uploaded_at.desc())
        .limit(1)
    )


def cancel_upload(pending: PendingImport) -> None:
    db.session.delete(pending)
    db.session.commit()


def encoding_of(pending: PendingImport) -> str:
    """How the uploaded bytes were encoded, told from their hash: UTF-8 (with or without a
    byte-order mark) hashes the same as the stored text; anything else was Windows-1252."""
    for prefix in ("", "\ufeff"):
        if hashlib.sha256((prefix + pending.content).encode()).hexdigest() == pending.sha256:
            return "utf-8"
    return "windows-1252"


# The dry run -----------------------------------------------------------------------------------


class RowAction(enum.StrEnum):
    CREATE = "create"
    UPDATE = "update"
    UNCHANGED = "unchanged"
    REJECTED = "rejected"
    SKIPPED = "skipped"
    # A feed's record of one of the directory's own entries: never changed by it
    # (knowledge.oruk.feeds_import).
    OWN = "own entry"


@dataclass
class RowOutcome:
    number: int
    name: str
    action: RowAction
    reasons: list[str] = field(default_factory=list)  # why it is rejected
    notes: list[str] = field(default_factory=list)
    # A part of the entry left out (a feed's place without coordinates…): it is still imported.
    warnings: list[str] = field(default_factory=list)
    changes: list[versions.Change] = field(default_factory=list)
    duplicates: list[Match] = field(default_factory=list)
    service: Service | None = None
    data: dict | None = None

    @property
    def possible_duplicate(self) -> bool:
        return self.action is RowAction.CREATE and bool(self.duplicates)


@dataclass
class ImportPlan:
    rows: list[RowOutcome]
    notes: list[str]
    file_hash: str
    unit: str = "row"  # what one of `rows` is to the officer: a CSV's row, a feed's record

    def count(self, action: RowAction) -> int:
        return sum(1 for row in self.rows if row.action is action)

    @property
    def own_entries_said(self) -> str:
        """How many of the directory's own entries a feed holds, as a sentence after the counts
        (nothing when none)."""
        own = self.count(RowAction.OWN)
        return f" {own} of this directory's own entries, not changed by a feed." if own else ""

    @property
    def possible_duplicates(self) -> int:
        return sum(1 for row in self.rows if row.possible_duplicate)

    @property
    def new_drafts(self) -> int:
        return sum(
            1
            for row in self.rows
            if row.action is RowAction.CREATE
            and row.data["publication"] == PublicationState.DRAFT.value
        )

    @property
    def ready(self) -> int:
        """Rows the import button saves without asking: possible duplicates need a tick."""
        return sum(
            1
            for row in self.rows
            if row.action in (RowAction.CREATE, RowAction.UPDATE) and not row.possible_duplicate
        )

    @property
    def fingerprint(self) -> str:
        """What the officer was shown. The import goes ahead only if the file still does the
        same against the directory as it is then."""
        shown = [
            [
                row.number,
                row.action.value,
                row.reasons,
                row.warnings,
                [[c.label, c.before, c.after] for c in row.changes],
                [m.service.id for m in row.duplicates],
            ]
            for row in self.rows
        ]
        return hashlib.sha256(json.dumps([self.file_hash, shown]).encode()).hexdigest()


@dataclass
class Directory:
    """What the rows are checked against, loaded once."""

    vocabulary: importing.Vocabulary
    services: dict[str, Service]
    organisations: dict[str, Organisation]
    places: dict[str, Location]
    place_users: dict[str, int]
    other_ids: dict[str, str]  # ids of organisations and places, for a row that confuses them
    finder: DuplicateFinder | None = None

    @classmethod
    def load(cls, rows: tuple[importing.CsvRow, ...]) -> "Directory":
        ids = {row.cells.get("id", "").strip().lower() for row in rows} - {""}
        place_ids = {
            code
            for row in rows
            for code in importing.split_codes(
                row.cells.get("other_location_ids", "") + "\n" + row.cells.get("location_id", "")
            )
        }
        # A row's id may be a place's by mistake: loaded, so the row can say so.
        return cls.for_ids(ids, place_ids | ids)

    @classmethod
    def for_ids(cls, ids: set[str], place_ids: set[str]) -> "Directory":
        """The services with these ids, their places and those named, every organisation."""
        services = {
            s.id: s
            for s in db.session.scalars(
                select(Service).where(Service.id.in_(ids)).options(*exchange.EXPORT_LOADS)
            )
        }
        for service in services.values():
            place_ids.update(place.id for place in service.locations)
        places = {
            p.id: p for p in db.session.scalars(select(Location).where(Location.id.in_(place_ids)))
        }
        organisations = {
            o.id: o
            for o in db.session.scalars(
                select(Organisation).options(selectinload(Organisation.phones))
            )
        }
        users = db.session.execute(
            select(ServiceAtLocation.location_id, func.count())
            .where(ServiceAtLocation.location_id.in_(places))
            .group_by(ServiceAtLocation.location_id)
        ).all()
        return cls(
            vocabulary=vocabulary(),
            services=services,
            organisations=organisations,
            places=places,
            place_users=dict(users),
            other_ids={
                **{i: "an organisation" for i in organisations},
                **{i: "a place" for i in places},
            },
        )

    @cached_property
    def place_entries(self) -> dict[str, dict]:
        return {i: exchange.location_entry(p) for i, p in self.places.items()}

    def similar(self, candidate: Candidate) -> list[Match]:
        if self.finder is None:
            self.finder = DuplicateFinder()
        return self.finder.similar(candidate)


def vocabulary() -> importing.Vocabulary:
    codes = db.session.execute(select(Taxonomy.code, TaxonomyTerm.code).join(TaxonomyTerm.taxonomy))
    by_taxonomy: dict[str, set[str]] = {"need-domain": set(), "service-type": set()}
    for taxonomy, code in codes:
        by_taxonomy.setdefault(taxonomy, set()).add(code)
    return importing.Vocabulary(
        need_codes=frozenset(by_taxonomy["need-domain"]),
        type_codes=frozenset(by_taxonomy["service-type"]),
        area_codes=frozenset(curation.all_areas()),
    )


@dataclass
class _Seen:
    """What earlier rows of the file said, for the rows after them."""

    service_ids: dict[str, int] = field(default_factory=dict)
    # Organisation id → (its name and details as the first row naming it said, that row).
    organisations: dict[str, tuple[dict, int]] = field(default_factory=dict)
    new_organisations: dict[str, str] = field(default_factory=dict)  # folded name → key
    places: dict[str, tuple[dict, int]] = field(default_factory=dict)


def dry_run(pending: PendingImport) -> ImportPlan:
    """What importing the file would do, row by row. Writes nothing."""
    csv_file = importing.read_csv(pending.content)
    notes = []
    if encoding_of(pending) != "utf-8":
        notes.append(importing.WINDOWS_NOTE)
    if csv_file.ignored_columns:
        notes.append(
            "These columns are not part of the directory's format and were ignored: "
            + ", ".join(csv_file.ignored_columns)
            + "."
        )
    missing = [c for c in exchange.COLUMNS if c not in csv_file.columns]
    if missing:
        notes.append(
            f"The file has no {', '.join(missing)} "
            + ("column" if len(missing) == 1 else "columns")
            + ": entries keep what they have there, and new ones start empty."
        )
    directory = Directory.load(csv_file.rows)
    seen = _Seen()
    rows = [_plan_row(row, directory, seen) for row in csv_file.rows]
    _check_other_places(rows, directory)
    note_lookalikes_in_file(rows)
    return ImportPlan(rows, notes, pending.sha256)


def _plan_row(row: importing.CsvRow, directory: Directory, seen: _Seen) -> RowOutcome:
    parsed = importing.parse_row(row, directory.vocabulary)
    outcome = RowOutcome(row.number, row.name, RowAction.CREATE, reasons=list(parsed.errors))
    if parsed.malformed:
        outcome.action = RowAction.REJECTED
        return outcome
    service_id = parsed.values.get("id")
    current = None
    if service_id in seen.service_ids:
        outcome.reasons.append(f"id: row {seen.service_ids[service_id]} has the same id")
    elif service_id in directory.services:
        outcome.service = directory.services[service_id]
        current = exchange.entry(outcome.service)
    elif service_id in directory.other_ids:
        outcome.reasons.append(f"id: that is the id of {directory.other_ids[service_id]}")
    data = importing.merge(current, parsed.values, directory.vocabulary, directory.place_entries)
    if current is None:
        _new_entry(outcome, data, service_id)
    _resolve_organisation(outcome, data, parsed.values, directory, seen)
    _check_place(outcome, data, directory, seen)
    outcome.data = data
    if current is not None and data == current and not outcome.reasons:
        outcome.action = RowAction.UNCHANGED
        _remember(outcome, seen)
        return outcome
    outcome.reasons += [
        problem
        for problem in importing.check_entry(data, directory.vocabulary)
        if problem not in outcome.reasons
    ]
    if outcome.reasons:
        outcome.action = RowAction.REJECTED
        outcome.notes = []
        return outcome
    if current is not None:
        outcome.action = RowAction.UPDATE
        outcome.changes = changes(current, data, directory)
    else:
        outcome.duplicates = directory.similar(candidate(data, directory))
    _remember(outcome, seen)
    return outcome


def _new_entry(outcome: RowOutcome, data: dict, service_id: str | None) -> None:
    if service_id is None:
        if data["publication"] != PublicationState.DRAFT.value:
            outcome.notes.append(
                f"New entry: it arrives as a draft, not {data['publication']}. Preview it, "
                "then publish it."
            )
        data["publication"] = PublicationState.DRAFT.value
    else:
        outcome.notes.append(
            f"New entry, keeping the id in the file (it is {data['publication']})."
        )


# An organisation's details as a note names them.
DETAIL_NAMES = {
    "organisation_description": "description",
    "organisation_email": "email",
    "organisation_url": "website",
    "organisation_phones": "phones",
    "organisation_charity_number": "charity number",
}


def _resolve_organisation(
    outcome: RowOutcome, data: dict, values: dict, directory: Directory, seen: _Seen
) -> None:
    """Which organisation the row means: by its id, else by its name; one the directory does
    not have is added. A row may rename an organisation, but two rows may not disagree."""
    given_id, name = values.get("organisation_id"), values.get("organisation_name")
    current_id = outcome.service.organisation_id if outcome.service else None
    if given_id is None:
        if name is None:
            if current_id is None:
                return  # check_entry says the organisation is missing
            given_id = current_id
        elif current_id and name.casefold() == outcome.service.organisation.name.casefold():
            given_id = current_id
        else:
            given_id = _organisation_by_name(outcome, name, directory, seen)
            if given_id is None:
                return
    if given_id in directory.other_ids and given_id not in directory.organisations:
        outcome.reasons.append(
            f"organisation_id: that is the id of {directory.other_ids[given_id]}"
        )
        return
    known = directory.organisations.get(given_id)
    earlier = seen.organisations.get(given_id)
    name = name or (known.name if known else earlier[0]["organisation_name"] if earlier else None)
    if name is None:
        outcome.reasons.append("organisation: give the name of the organisation to add")
        return
    details = _organisation_details(values, known, earlier)
    if earlier is not None and earlier[0]["organisation_name"] != name:
        outcome.reasons.append(
            f"organisation: row {earlier[1]} calls this organisation "
            f"“{earlier[0]['organisation_name']}”: use one name"
        )
    elif earlier is not None and any(earlier[0][key] != details[key] for key in details):
        outcome.reasons.append(
            f"organisation: row {earlier[1]} describes this organisation differently: make "
            "its columns the same on every row"
        )
    elif known is None and earlier is None:
        outcome.notes.append(f"New organisation “{name}”: it is added with this import.")
    elif known is not None and earlier is None:
        outcome.notes += organisation_notes(known, name, details)
    data["organisation_id"], data["organisation_name"] = given_id, name
    data.update(details)


def organisation_notes(known: Organisation, name: str, details: dict) -> list[str]:
    """What a row changes about an organisation the directory has, for all its services."""
    notes = []
    if known.name != name:
        notes.append(f"Renames the organisation “{known.name}” to “{name}”, for all its services.")
    before = exchange.organisation_entry(known)
    changed = [DETAIL_NAMES[key] for key in details if details[key] != before[key]]
    if changed:
        notes.append(f"Changes the organisation's {', '.join(changed)}, for all its services.")
    return notes


def _organisation_details(
    values: dict, known: Organisation | None, earlier: tuple[dict, int] | None
) -> dict:
    """The organisation's details as the row leaves them: as the directory (or an earlier row
    of the file) has them, with the row's columns laid over."""
    if known is not None:
        base = exchange.organisation_entry(known)
    elif earlier is not None:
        base = {key: earlier[0][key] for key in exchange.ORGANISATION_FIELDS}
    else:
        base = {key: importing.NEW_ENTRY[key] for key in exchange.ORGANISATION_FIELDS}
    given = {key: values[key] for key in exchange.ORGANISATION_FIELDS if key in values}
    return importing.merge_organisation(base, given)


def _organisation_by_name(
    outcome: RowOutcome, name: str, directory: Directory, seen: _Seen
) -> str | None:
    folded = name.casefold()
    found = [o for o in directory.organisations.values() if o.name.casefold() == folded]
    if len(found) > 1:
        outcome.reasons.append(
            f"organisation: several organisations are called “{name}”: put the id of the one "
            "you mean in organisation_id"
        )
        return None
    if found:
        return found[0].id
    return seen.new_organisations.setdefault(folded, new_id())


def _check_place(outcome: RowOutcome, data: dict, directory: Directory, seen: _Seen) -> None:
    place = data["location"]
    if place is None or place["id"] is None:
        return
    if place["id"] in directory.other_ids and place["id"] not in directory.places:
        outcome.reasons.append(f"location_id: that is the id of {directory.other_ids[place['id']]}")
        return
    earlier = seen.places.get(place["id"])
    if earlier is not None:
        if earlier[0] != place:
            outcome.reasons.append(
                f"location_id: row {earlier[1]} describes this place differently: make them "
                "the same"
            )
        return
    known = directory.places.get(place["id"])
    if known is None:
        outcome.notes.append(f"New place “{place['name']}”, keeping the id in the file.")
        return
    note_shared_place(outcome, known, place, directory)


def note_shared_place(
    outcome: RowOutcome, known: Location, place: dict, directory: Directory
) -> None:
    """A change to a place other entries are held at too shows on them: said."""
    here = outcome.service is not None and known in outcome.service.locations
    others = directory.place_users.get(known.id, 0) - here
    if others > 0 and exchange.location_entry(known) != place:
        outcome.notes.append(
            f"The place “{known.name}” is shared with {others} other "
            f"{'entry' if others == 1 else 'entries'}: they will show the new details too."
        )


def _remember(outcome: RowOutcome, seen: _Seen) -> None:
    data = outcome.data
    if data["id"]:
        seen.service_ids[data["id"]] = outcome.number
    organisation = {key: data[key] for key in ("organisation_name", *exchange.ORGANISATION_FIELDS)}
    seen.organisations.setdefault(data["organisation_id"], (organisation, outcome.number))
    if data["location"] is not None and data["location"]["id"]:
        seen.places.setdefault(data["location"]["id"], (data["location"], outcome.number))


def _check_other_places(rows: list[RowOutcome], directory: Directory) -> None:
    """A further place is named by its id alone: it must be in the directory, or be the first
    place of a row that is imported. A row rejected here takes its own place with it, which
    another row may name: so look again, until a pass rejects nothing more."""
    while True:
        described = {
            row.data["location"]["id"]
            for row in rows
            if row.action is not RowAction.REJECTED and row.data and row.data["location"]
        }
        rejected_any = False
        for row in rows:
            if row.action is RowAction.REJECTED or not row.data:
                continue
            unknown = [
                place_id
                for place_id in row.data["other_location_ids"]
                if place_id not in directory.places and place_id not in described
            ]
            if unknown:
                row.action, row.notes, rejected_any = RowAction.REJECTED, [], True
                row.reasons.append(
                    "other_location_ids: "
                    + ", ".join(unknown)
                    + " is neither in the directory nor the location_id of another row that "
                    "is imported"
                )
        if not rejected_any:
            return


def candidate(data: dict, directory: Directory) -> Candidate:
    organisation = directory.organisations.get(data["organisation_id"])
    return Candidate(
        name=data["name"],
        organisation_name=data["organisation_name"],
        phones=tuple(number for number, _ in data["phones"]),
        postcodes=(data["location"]["postcode"],) if data["location"] else (),
        charity_number=organisation.charity_number if organisation else None,
    )


def note_lookalikes_in_file(rows: list[RowOutcome], unit: str = "row") -> None:
    """Two new entries in one file that look like the same service: said, not prevented (the
    officer may mean both). As for the directory's suspected duplicates, only entries that
    share a phone number or postcode are compared."""
    new = [row for row in rows if row.action is RowAction.CREATE]
    frequencies = WordFrequencies.of(row.data["name"] for row in new)
    keys = {
        row.number: EntryKeys.of(
            row.data["name"],
            phones=[number for number, _ in row.data["phones"]],
            postcodes=[row.data["location"]["postcode"]] if row.data["location"] else [],
        )
        for row in new
    }
    sharing: dict[str, list[int]] = defaultdict(list)
    for number, row_keys in keys.items():
        for key in (*row_keys.phones, *row_keys.postcodes):
            sharing[key].append(number)
    pairs = {pair for group in sharing.values() for pair in combinations(group, 2)}
    by_number = {row.number: row for row in new}
    for earlier, later in sorted(pairs, key=lambda pair: (pair[1], pair[0])):
        resemblance = compare(keys[earlier], keys[later], frequencies)
        if resemblance.suspected:
            by_number[later].notes.append(
                f"Looks like {unit} {earlier} of this file: " + "; ".join(resemblance.reasons())
            )


def changes(current: dict, data: dict, directory: Directory) -> list[versions.Change]:
    changes = versions.differences(current, data)
    compared = {key for key, _ in (*versions.SCALARS, *versions.LISTS)}
    for key, label in exchange.EXTRAS:
        if key in compared or current.get(key) == data.get(key):
            continue
        if key == "location":
            before, after = (exchange.describe_location(d[key]) for d in (current, data))
        else:
            before, after = versions.describe(current[key]), versions.describe(data[key])
        changes.append(versions.Change(label, before, after))
    return [_named_organisation(change, current, data) for change in changes]


def _named_organisation(change: versions.Change, current: dict, data: dict) -> versions.Change:
    if change.label != "Organisation":
        return change
    return versions.Change(change.label, current["organisation_name"], data["organisation_name"])


# The import ----------------------------------------------------------------------------------


@dataclass
class ImportResult:
    plan: ImportPlan
    imported: bool
    problem: str | None = None

    @property
    def skipped(self) -> list[int]:
        return [row.number for row in self.plan.rows if row.action is RowAction.SKIPPED]


CHANGED_SINCE = (
    "The directory has changed since you checked this file, so nothing was imported. Check "
    "what the file would do now, then import it again."
)


def apply_import(pending: PendingImport, fingerprint: str, create_anyway: set[int]) -> ImportResult:
    """Check the file again and save what it does, all in one transaction. Nothing is saved if
    the result would differ from what the officer was shown, or if any row fails."""
    plan = dry_run(pending)
    if plan.fingerprint != fingerprint:
        return ImportResult(plan, imported=False, problem=CHANGED_SINCE)
    return save_plan(
        plan,
        Writer(plan.rows),
        create_anyway,
        {"file": pending.filename},
        pending=pending,
        again=lambda: dry_run(pending),
    )


def save_plan(
    plan: ImportPlan,
    writer: "Writer",
    create_anyway: set[int],
    details: dict,
    *,
    pending: PendingImport | None = None,
    again: Callable[[], ImportPlan] | None = None,
) -> ImportResult:
    """Save every row the plan creates or updates, and the audit row of the whole import, in
    one transaction; a possible duplicate only if its number is in `create_anyway`. If any row
    fails, nothing is saved, and the result holds `again()`: the plan as it now stands."""
    row = None
    try:
        for row in plan.rows:
            if row.possible_duplicate and row.number not in create_anyway:
                row.action = RowAction.SKIPPED
            elif row.action in (RowAction.CREATE, RowAction.UPDATE):
                writer.write(row)
        writer.finish()
        record(
            "directory.imported",
            details=details | {action.value: plan.count(action) for action in RowAction},
        )
        if pending is not None:
            db.session.delete(pending)
        db.session.commit()
    except Exception as error:
        # Whatever went wrong, and however unexpected: the officer is told that nothing was
        # written, and it is true, since the rollback undoes every row; a server error page
        # would leave them wondering which rows went in.
        db.session.rollback()
        log.exception("import of %s failed at %s %s", details, plan.unit, row and row.number)
        return ImportResult(
            again() if again else plan,
            imported=False,
            problem=f"Nothing was imported: {plan.unit} {row.number if row else '?'} could not "
            f"be saved ({type(error).__name__}). Nothing in the directory has changed.",
        )
    return ImportResult(plan, imported=True)


PLACE_FIELDS = (
    "name",
    "description",
    "address_1",
    "address_2",
    "city",
    "postcode",
    "latitude",
    "longitude",
    "transport_note",
)


@dataclass
class KeptIds:
    """The ids a file gives the records an import creates, so they keep them (an Open Referral
    UK feed keeps its publisher's). A record the file gives no id gets a new one."""

    services: dict[str, versions.RecordIds] = field(default_factory=dict)  # by service id
    # Service id → {place id: the id of the link between them}.
    links: dict[str, dict[str, str]] = field(default_factory=dict)
    organisation_phones: dict[str, list[str]] = field(default_factory=dict)
    accessibility: dict[str, list[str]] = field(default_factory=dict)  # by place id


class Writer:
    """Saves the rows of one import, sharing the organisations and places they add, and
    auditing those as the organisation and place pages do (knowledge.curation.records).
    `places` describes further places by id, beyond each row's first place."""

    def __init__(
        self,
        rows: list[RowOutcome],
        places: dict[str, tuple[dict, dict]] | None = None,
        ids: KeptIds | None = None,
    ) -> None:
        # A row's first place, with the row, for another row naming it as a further place.
        self.described = {
            row.data["location"]["id"]: (row.data["location"], row.data)
            for row in rows
            if row.action in (RowAction.CREATE, RowAction.UPDATE, RowAction.UNCHANGED)
            and row.data["location"]
            and row.data["location"]["id"]
        }
        self.described |= places or {}
        self.ids = ids or KeptIds()
        self.terms = curation.all_terms()
        self.areas = curation.all_areas()
        self.organisations: dict[str, Organisation] = {}
        self.places: dict[str, Location] = {}
        self.written: set[str] = set()
        # Entries held at a place the import changes, as they were before it.
        self.sharing: dict[str, tuple[Service, dict]] = {}

    def write(self, row: RowOutcome) -> Service:
        data = dict(row.data)
        organisation = self._organisation(data)
        data["organisation_id"] = organisation.id
        service = row.service
        if service is None:
            service = Service(**({"id": data["id"]} if data["id"] else {}))
        else:
            curation.keep_baseline(service)
        # Nothing half-set is flushed while the entry is filled in.
        with db.session.no_autoflush:
            self._apply(service, data, organisation)
        db.session.add(service)
        curation.save_version(service, "imported", commit=False)
        self.written.add(service.id)
        return service

    def finish(self) -> None:
        """A place belongs to every entry held there: those the file does not list get a
        version too when it changes, as when the place is edited on its own page."""
        for service, before in self.sharing.values():
            if service.id not in self.written and versions.snapshot(service) != before:
                curation.save_version(service, "place edited", commit=False)

    def _organisation(self, data: dict) -> Organisation:
        """The row's organisation, added or brought up to date with the row's details."""
        key = data["organisation_id"]
        if key in self.organisations:
            return self.organisations[key]
        organisation = db.session.get(Organisation, key)
        if organisation is None:
            organisation = Organisation(id=key, name=data["organisation_name"])
            _set_organisation(organisation, data, self.ids.organisation_phones.get(key, ()))
            db.session.add(organisation)
            # Places name their organisation by id only: it must exist before they do.
            db.session.flush()
            record("organisation.created", target=organisation, details={"name": organisation.name})
        else:
            before = {"organisation_name": organisation.name} | exchange.organisation_entry(
                organisation
            )
            changes = {
                key.removeprefix("organisation_"): [before[key], data[key]]
                for key in before
                if before[key] != data[key]
            }
            if changes:
                organisation.name = data["organisation_name"]
                _set_organisation(organisation, data, self.ids.organisation_phones.get(key, ()))
                record("organisation.edited", target=organisation, details={"changes": changes})
        self.organisations[key] = organisation
        return organisation

    def _apply(self, service: Service, data: dict, organisation: Organisation) -> None:
        # `restore` leaves places and contacts to us whichever version of it is installed.
        snapshot = {k: v for k, v in data.items() if k not in ("locations", "contacts")}
        ids = self.ids.services.get(data["id"] or "", {})
        versions.restore(service, snapshot, self.terms, self.areas, ids)
        service.organisation = organisation
        service.publication = PublicationState(data["publication"])
        service.assured_date = (
            date.fromisoformat(data["assured_date"]) if data["assured_date"] else None
        )
        service.assurer = data["assurer"]
        if versions.contact_entries(service.contacts) != data["contacts"]:
            service.contacts = versions.build_contacts(data["contacts"], ids)
        places = [self._place(data["location"], organisation)] if data["location"] else []
        places += [self._place_by_id(place_id) for place_id in data["other_location_ids"]]
        if [p.id for p in places] != [p.id for p in service.locations]:
            kept = {sal.location_id: sal for sal in service.service_at_locations}
            link_ids = self.ids.links.get(service.id, {})
            service.service_at_locations = [
                kept.get(place.id)
                or versions.with_ids([ServiceAtLocation(location=place)], [link_ids.get(place.id)])[
                    0
                ]
                for place in places
            ]

    def _place(self, data: dict, organisation: Organisation) -> Location:
        if data["id"] in self.places:
            return self.places[data["id"]]
        place = db.session.get(Location, data["id"]) if data["id"] else None
        if place is None:
            place = Location(id=data["id"] or new_id(), organisation_id=organisation.id)
            db.session.add(place)
            before, action = dict.fromkeys(PLACE_FIELDS) | {"accessibility": []}, "created"
        else:
            before, action = exchange.location_entry(place), "edited"
        changes = {
            key: [before[key], data[key]]
            for key in (*PLACE_FIELDS, "accessibility")
            if before[key] != data[key]
        }
        if changes:
            if action == "edited":
                self._note_sharing(place)
            for key in PLACE_FIELDS:
                setattr(place, key, data[key])
            place.accessibility = versions.with_ids(
                [Accessibility(description=d, details=x) for d, x in data["accessibility"]],
                self.ids.accessibility.get(place.id, ()),
            )
            record(f"location.{action}", target=place, details={"changes": changes})
        self.places[place.id] = place
        return place

    def _note_sharing(self, place: Location) -> None:
        held_there = db.session.scalars(
            select(Service).join(ServiceAtLocation).where(ServiceAtLocation.location_id == place.id)
        )
        for service in held_there:
            if service.id not in self.sharing:
                curation.keep_baseline(service)
                self.sharing[service.id] = (service, versions.snapshot(service))

    def _place_by_id(self, place_id: str) -> Location:
        """A further place: in the directory, or the first place of another row of the file."""
        if place_id in self.places:
            return self.places[place_id]
        place = db.session.get(Location, place_id)
        if place is not None:
            return place
        place, row_data = self.described[place_id]
        return self._place(place, self._organisation(row_data))


def _set_organisation(organisation: Organisation, data: dict, phone_ids=()) -> None:
    organisation.description = data["organisation_description"]
    organisation.email = data["organisation_email"]
    organisation.url = data["organisation_url"]
    organisation.charity_number = data["organisation_charity_number"]
    phones = data["organisation_phones"]
    if exchange.organisation_entry(organisation)["organisation_phones"] != phones:
        organisation.phones = versions.with_ids(
            [Phone(number=n, description=d) for n, d in phones], phone_ids
        )
