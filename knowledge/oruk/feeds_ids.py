"""Which of the directory's records an Open Referral UK feed's ids mean, and the ids the
records an import creates are given (the rules are in knowledge.oruk.feeds_import's
docstring). Loaded in a few queries for the whole file, however many services it holds."""

import uuid
from typing import NamedTuple

from sqlalchemy import func, select

from knowledge.curation import importing
from knowledge.curation.import_services import KeptIds
from knowledge.extensions import db
from knowledge.models import (
    Accessibility,
    Contact,
    CostOption,
    FeedRecordType,
    FeedSource,
    Language,
    Location,
    Organisation,
    Phone,
    Schedule,
    Service,
    ServiceArea,
    ServiceAtLocation,
)
from knowledge.models.base import chunks

MODELS = {
    FeedRecordType.SERVICE: Service,
    FeedRecordType.ORGANIZATION: Organisation,
    FeedRecordType.LOCATION: Location,
}


def substitute_id(*parts: str) -> str:
    """An id of our own for a record whose feed id cannot be kept here, the same every time the
    feed is imported (so the record is found again), made from what it belongs to."""
    return str(uuid.uuid5(uuid.NAMESPACE_URL, "feed/" + "/".join(parts)))


# Which record a feed's id means --------------------------------------------------------------


class Resolution(NamedTuple):
    local_id: str
    exists: bool
    tracked: bool  # the record is the feed's (its source is kept), not the directory's own
    renamed: bool = False  # its id was taken by another feed's record


class LocalIds:
    """The feed's ids, found here (see the module's docstring). Loaded once for the file."""

    def __init__(self, feed: str, originals: dict[FeedRecordType, set[str]]) -> None:
        self.feed = feed
        self.sources: dict[tuple[FeedRecordType, str], str] = {}
        self.existing: dict[FeedRecordType, set[str]] = {}
        self.others: dict[FeedRecordType, set[str]] = {}
        for kind, ids in originals.items():
            for chunk in chunks(ids):
                rows = db.session.execute(
                    select(FeedSource.feed, FeedSource.original_id, FeedSource.local_id)
                    .where(FeedSource.record_type == kind)
                    .where(FeedSource.original_id.in_(chunk) | FeedSource.local_id.in_(chunk))
                )
                for source_feed, original, local in rows:
                    if source_feed == feed and original in ids:
                        self.sources[kind, original] = local
                    elif source_feed != feed:
                        self.others.setdefault(kind, set()).add(local)
            wanted = ids | {local for (k, _), local in self.sources.items() if k is kind}
            model = MODELS[kind]
            self.existing[kind] = {
                found
                for chunk in chunks(wanted)
                for found in db.session.scalars(select(model.id).where(model.id.in_(chunk)))
            }

    def resolve(self, kind: FeedRecordType, original: str) -> Resolution:
        existing = self.existing.get(kind, set())
        local = self.sources.get((kind, original))
        if local is not None:
            return Resolution(local, local in existing, tracked=True)
        if original not in existing:
            return Resolution(original, False, tracked=True)
        if original in self.others.get(kind, set()):
            return Resolution(substitute_id(self.feed, kind.value, original), False, True, True)
        return Resolution(original, True, tracked=False)


# Ids of the records an entry is made of ---------------------------------------------------------

# Part → what its records belong to: the service, but a place's accessibility is the place's
# and a phone is its service's, its contact's service's or its organisation's.
PARTS = {
    "phones": select(
        Phone.id, func.coalesce(Phone.service_id, Contact.service_id, Phone.organisation_id)
    ).outerjoin(Contact, Phone.contact_id == Contact.id),
    "schedules": select(Schedule.id, Schedule.service_id),
    "cost_options": select(CostOption.id, CostOption.service_id),
    "languages": select(Language.id, Language.service_id),
    "contacts": select(Contact.id, Contact.service_id),
    "areas": select(ServiceArea.id, ServiceArea.service_id),
    "links": select(ServiceAtLocation.id, ServiceAtLocation.service_id),
    "accessibility": select(Accessibility.id, Accessibility.location_id),
}


class _IdKeeper:
    """Gives each record the feed's id where it can keep it: a UUID (the schema checks only some
    of a feed's ids; phones' it does not), not yet given to a record of this import, and not
    held by a record of another owner here. Otherwise an id of its own, from its owner's, the
    feed's and how many times before in the file that id came, so that importing the same file
    again gives the same records the same ids and updates them."""

    def __init__(self, wanted: dict[str, set[str]]) -> None:
        # (part, id) → what owns the record with that id here.
        self.owners: dict[tuple[str, str], str | None] = {}
        for part, ids in wanted.items():
            query = PARTS[part]
            record_id = query.selected_columns[0]
            for chunk in chunks(ids - {None}):
                rows = db.session.execute(query.where(record_id.in_(chunk)))
                self.owners |= {(part, found): owner for found, owner in rows}
        self.given: set[tuple[str, str]] = set()

    def keep(self, part: str, original: str | None, owner: str) -> str | None:
        if original is None:
            return None
        local, repeat = original, 0
        while not self._free(part, local, owner):
            local = substitute_id(owner, part, original, *([str(repeat)] if repeat else []))
            repeat += 1
        self.given.add((part, local))
        return local

    def _free(self, part: str, local: str, owner: str) -> bool:
        return (
            importing.looks_like_id(local)
            and (part, local) not in self.given
            and self.owners.get((part, local), owner) == owner
        )


def kept_ids(rows: list) -> KeptIds:
    """The ids of every record the rows to save are made of (rows of feeds_import's plan)."""
    wanted: dict[str, set] = {part: set() for part in PARTS}
    for row in rows:
        for part in ("phones", "schedules", "cost_options", "languages", "contacts"):
            wanted[part] |= set(row.mapped.ids.get(part, []))
        wanted["areas"] |= set(row.mapped.ids.get("areas", {}).values())
        wanted["links"] |= set(row.link_ids.values())
        wanted["phones"] |= {i for ids in row.mapped.ids.get("contact_phones", []) for i in ids}
        if row.mapped.organisation:
            wanted["phones"] |= set(row.mapped.organisation.phone_ids)
        wanted["accessibility"] |= {i for ids in row.accessibility_ids.values() for i in ids}
    keeper = _IdKeeper({part: ids for part, ids in wanted.items() if ids})
    kept = KeptIds()
    for row in rows:
        service_id, ids = row.data["id"], row.mapped.ids
        kept.services[service_id] = {
            part: [keeper.keep(part, i, service_id) for i in ids.get(part, [])]
            for part in ("phones", "schedules", "cost_options", "languages", "contacts")
        }
        kept.services[service_id]["contact_phones"] = [
            [keeper.keep("phones", i, service_id) for i in phone_ids]
            for phone_ids in ids.get("contact_phones", [])
        ]
        kept.services[service_id]["areas"] = {
            code: keeper.keep("areas", i, service_id) for code, i in ids.get("areas", {}).items()
        }
        kept.links[service_id] = {
            place: keeper.keep("links", i, service_id) for place, i in row.link_ids.items()
        }
        organisation = row.mapped.organisation
        if organisation and row.data["organisation_id"] not in kept.organisation_phones:
            owner = row.data["organisation_id"]
            kept.organisation_phones[owner] = [
                keeper.keep("phones", i, owner) for i in organisation.phone_ids
            ]
        for place_id, access_ids in row.accessibility_ids.items():
            kept.accessibility.setdefault(
                place_id, [keeper.keep("accessibility", i, place_id) for i in access_ids]
            )
    return kept
