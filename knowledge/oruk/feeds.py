"""Reading an Open Referral UK 3.0 feed file: its bytes, its JSON, and the services in it.
Plain functions, no database: knowledge.oruk.feeds_mapping turns each service into an entry,
knowledge.oruk.feeds_import compares the entries with the directory and saves them.

A feed is JSON, in UTF-8 (with or without a byte-order mark), in one of the shapes ORUK
publishers give out:

- a Page of services, as `GET /services` returns it (`contents`, in the list or the full
  shape; `flask oruk export` writes one);
- one service, fully nested, as `GET /services/{id}` returns it;
- a JSON array of services;
- and, since they hold services whole: a page or array of service-at-locations
  (`GET /service_at_locations`; the records of one service are read as one service with all
  their places), and an organisation with its `services` (`organization_full.json`).

Anything else refuses the whole file with one message that says what was expected: a file
that is not JSON, not UTF-8, empty or too big, or that holds taxonomies, taxonomy terms or
organisations without their services. A Page that says it is one of several is read, with a
note that the other pages were not in the file.
"""

import json
from dataclasses import dataclass

from knowledge.curation import importing
from knowledge.curation.importing import ImportRefused

MAX_BYTES = 10 * 1024 * 1024  # an upload
MAX_BYTES_COMMAND_LINE = 200 * 1024 * 1024  # `flask oruk import`, for a large directory's move
# As for the CSV import: a file of thousands of near-empty services would hold a web worker for
# minutes in its dry run.
MAX_SERVICES = 20_000

EXPECTED = (
    "The import takes services as Open Referral UK 3.0 publishes them, in a JSON file: a page "
    "of services (what /services returns), one service (what /services/{id} returns), or a "
    "list of services."
)

# Keys that only a service, a taxonomy, a taxonomy term or an organisation has (ORUK 3.0).
SERVICE_KEYS = frozenset(
    {
        "status",
        "organization",
        "service_at_locations",
        "schedules",
        "service_areas",
        "cost_options",
        "fees",
        "accreditations",
        "assured_date",
        "alert",
        "minimum_age",
        "maximum_age",
    }
)
TAXONOMY_KEYS = frozenset({"taxonomy_terms", "version"})
TERM_KEYS = frozenset({"term", "term_uri", "taxonomy", "taxonomy_id"})
ORGANISATION_KEYS = frozenset(
    {"website", "logo", "organization_identifiers", "parent_organization_id"}
)
NOT_SERVICES = {
    "taxonomy": "taxonomies",
    "taxonomy term": "taxonomy terms",
    "organisation": "organisations without their services",
}


@dataclass(frozen=True)
class FeedRecord:
    """One service of the file: `number` counts the file's services from 1; `where` is where
    it is in the file, as a JSON path ("contents[3]"; "" when the file is one service)."""

    number: int
    where: str
    document: object
    # Why this is not a service at all, when a file mixes services with other things.
    not_a_service: str | None = None


@dataclass(frozen=True)
class Feed:
    records: tuple[FeedRecord, ...]
    notes: tuple[str, ...]


def decode(data: bytes, max_bytes: int = MAX_BYTES) -> str:
    """The file's text, or ImportRefused saying why it is not a feed this can read. JSON is
    UTF-8: unlike a CSV, nothing else is guessed at."""
    importing.check_size(data, max_bytes)
    text = importing.utf8_text(data)
    if text is None:
        raise ImportRefused(f"This is not a JSON file (it is not UTF-8 text). {EXPECTED}")
    return text


def _refuse_constant(name: str):
    raise ValueError(f"{name} is not a JSON number")


def read_feed(text: str) -> Feed:
    """The services in the file, or ImportRefused (see the module's docstring)."""
    try:
        document = json.loads(text, parse_constant=_refuse_constant)
    except json.JSONDecodeError as error:
        raise ImportRefused(
            f"This is not a JSON file (line {error.lineno}, column {error.colno}: "
            f"{error.msg}). {EXPECTED}"
        ) from None
    except (ValueError, RecursionError):
        raise ImportRefused(f"This is not a JSON file this can read. {EXPECTED}") from None
    notes = []
    if isinstance(document, dict) and "contents" in document:
        items = document["contents"]
        if not isinstance(items, list):
            raise ImportRefused(f"The page's contents are not a list. {EXPECTED}")
        items = [(f"contents[{i}]", item) for i, item in enumerate(items)]
        notes += _page_notes(document)
    elif isinstance(document, list):
        items = [(f"[{i}]", item) for i, item in enumerate(document)]
    elif isinstance(document, dict):
        items = [("", document)]
    else:
        raise ImportRefused(f"The file holds a single JSON value, not services. {EXPECTED}")
    records = _records(items)
    if not records:
        raise ImportRefused(f"The file holds no services. {EXPECTED}")
    services = [r for r in records if r.not_a_service is None]
    if not services:
        kinds = sorted({r.not_a_service for r in records})
        held = " and ".join(NOT_SERVICES[k] for k in kinds)
        raise ImportRefused(f"The file holds {held}, not services. {EXPECTED}")
    if len(services) > MAX_SERVICES:
        raise ImportRefused(
            f"The file holds more than {MAX_SERVICES:,} services: an import can take at most "
            f"{MAX_SERVICES:,}. Import it a page at a time."
        )
    return Feed(tuple(records), tuple(notes))


def _page_notes(page: dict) -> list[str]:
    total_pages, number = page.get("total_pages"), page.get("page_number")
    if not isinstance(total_pages, int) or total_pages <= 1:
        return []
    of = f"page {number} of {total_pages}" if isinstance(number, int) else "one page"
    return [
        f"This file is {of} of its feed: only the services on it were read. The other "
        "pages were not in the file; import each of them too."
    ]


def _kind(item: object) -> str:
    if not isinstance(item, dict):
        return "service"  # the schema says what is wrong with it
    keys = item.keys()
    if isinstance(item.get("service"), dict):
        return "service at location"
    if isinstance(item.get("services"), list):
        return "organisation with services"
    if keys & SERVICE_KEYS:
        return "service"
    if keys & TAXONOMY_KEYS:
        return "taxonomy"
    if keys & TERM_KEYS:
        return "taxonomy term"
    if keys & ORGANISATION_KEYS:
        return "organisation"
    return "service"


def _records(items: list[tuple[str, object]]) -> list[FeedRecord]:
    """Every service in the items, each whole: a service-at-location's service with its
    places (the records of one service gathered), an organisation's services with it."""
    found: list[tuple[str, object, str | None]] = []
    at_locations: dict[str, dict] = {}
    for where, item in items:
        kind = _kind(item)
        if kind == "service":
            found.append((where, item, None))
        elif kind == "service at location":
            link = {key: value for key, value in item.items() if key != "service"}
            service_id = item["service"].get("id")
            if isinstance(service_id, str) and service_id in at_locations:
                at_locations[service_id]["service_at_locations"].append(link)
                continue
            service = dict(item["service"])
            service["service_at_locations"] = [*service.get("service_at_locations", []), link]
            if isinstance(service_id, str):
                at_locations[service_id] = service
            found.append((f"{where}.service" if where else "service", service, None))
        elif kind == "organisation with services":
            organisation = {key: value for key, value in item.items() if key != "services"}
            for index, service in enumerate(item["services"]):
                if isinstance(service, dict) and "organization" not in service:
                    service = {**service, "organization": organisation}
                prefix = f"{where}." if where else ""
                found.append((f"{prefix}services[{index}]", service, None))
        else:
            found.append((where, item, kind))
    return [
        FeedRecord(number, where, document, kind)
        for number, (where, document, kind) in enumerate(found, start=1)
    ]
