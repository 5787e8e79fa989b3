"""Reading a directory CSV (the format is described in knowledge.curation.exchange): the file's
bytes, its header, and each row's cells, into entries checked against the same rules as the
edit form. Plain functions, no database: knowledge.curation.import_services compares the
entries with the directory and saves them.

A problem with the file as a whole (not a CSV, too big, columns missing) refuses it with one
message; a problem with a row rejects that row with every reason found, so the officer can fix
them all at once.
"""

import csv
import io
import re
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from datetime import datetime
from decimal import Decimal, InvalidOperation

from knowledge.curation.exchange import COLUMNS, LOCATION_FIELDS, split_entries, split_parts
from knowledge.curation.forms import TIME
from knowledge.domain.contact_details import (
    UK_LATITUDES,
    UK_LONGITUDES,
    is_charity_number,
    is_email,
    is_phone,
    is_postcode,
    is_web_address,
)
from knowledge.domain.opening_hours import check_rule
from knowledge.domain.spreadsheets import unsafe_cell
from knowledge.domain.text import blank_to_none, is_one_line, one_line
from knowledge.models import (
    Accessibility,
    Contact,
    CostOption,
    Language,
    Location,
    Organisation,
    Phone,
    PublicationState,
    ServiceStatus,
)

MAX_BYTES = 10 * 1024 * 1024
# Rows (one per service). An export averages ~1.5 KB a row, so MAX_BYTES of real entries is
# ~7,000 rows; this stops a file of near-empty rows, well within MAX_BYTES, from holding a web
# worker for minutes in its dry run.
MAX_ROWS = 20_000
# Without these a row cannot describe a service, nor a file be matched to the directory.
REQUIRED_COLUMNS = ("id", "name", "organisation", "summary", "description", "need_terms", "areas")
ID = re.compile(r"^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$")
SAVE_AS_CSV = (
    "In Excel choose File, then Save As (or Save a Copy), and the type "
    "“CSV UTF-8 (Comma delimited)”."
)


class ImportRefused(Exception):
    """The file as a whole cannot be imported; the message says why, in plain words."""

    @property
    def message(self) -> str:
        return str(self.args[0])


# The file ---------------------------------------------------------------------------------


@dataclass(frozen=True)
class DecodedFile:
    text: str
    encoding: str  # "utf-8" or "windows-1252"


WINDOWS_NOTE = (
    "The file was not saved as UTF-8, so it was read as Windows-1252 (Excel's plain “CSV” "
    "format). Check that letters such as é and signs such as £ look right below; if they do "
    f"not, save the file again as CSV UTF-8. {SAVE_AS_CSV}"
)


def check_size(data: bytes, max_bytes: int, advice: str = "") -> None:
    """Refuse a file too big or empty: any import's (a CSV; an Open Referral UK feed)."""
    if len(data) > max_bytes:
        raise ImportRefused(
            f"The file is {len(data) / 1024 / 1024:.1f} MB: an import can be at most "
            f"{max_bytes // 1024 // 1024} MB." + (f" {advice}" if advice else "")
        )
    if not data.strip():
        raise ImportRefused("The file is empty.")


def utf8_text(data: bytes) -> str | None:
    """The bytes as UTF-8 text (with or without a byte-order mark), or None if they are not."""
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError:
        return None


def decode(data: bytes) -> DecodedFile:
    """The file's text: UTF-8 (with or without Excel's byte-order mark), else Windows-1252,
    which is what Excel writes when it saves plain "CSV" on Windows."""
    check_size(data, MAX_BYTES, "Split it into smaller files and import each.")
    if data.startswith((b"PK\x03\x04", b"\xd0\xcf\x11\xe0")):
        raise ImportRefused(f"This is an Excel workbook, not a CSV file. {SAVE_AS_CSV}")
    if data.startswith((b"\xff\xfe", b"\xfe\xff")) or b"\x00" in data:
        raise ImportRefused(f"This is not a CSV file (it is not plain text). {SAVE_AS_CSV}")
    text = utf8_text(data)
    if text is not None:
        return DecodedFile(text, "utf-8")
    try:
        return DecodedFile(data.decode("cp1252"), "windows-1252")
    except UnicodeDecodeError:
        raise ImportRefused(f"The file's text could not be read. {SAVE_AS_CSV}") from None


@dataclass(frozen=True)
class CsvRow:
    number: int  # as the spreadsheet numbers it: the header is row 1
    cells: dict[str, str]

    @property
    def name(self) -> str:
        return self.cells.get("name", "").strip()


@dataclass(frozen=True)
class CsvFile:
    columns: tuple[str, ...]
    rows: tuple[CsvRow, ...]
    ignored_columns: tuple[str, ...]


def _column_name(heading: str) -> str:
    return heading.strip().lstrip("\ufeff").lower().replace(" ", "_")


def read_csv(text: str) -> CsvFile:
    """The header and rows of the file, or ImportRefused if it is not one this can import.
    Entirely blank rows (spreadsheets often leave some at the end) are not rows."""
    reader = csv.reader(io.StringIO(text, newline=""))
    try:
        header = [_column_name(h) for h in next(reader, [])]
        if not any(header):
            raise ImportRefused("The file is empty.")
        _check_header(header)
        rows = []
        for index, cells in enumerate(reader):
            if not any(cell.strip() for cell in cells):
                continue
            if len(rows) == MAX_ROWS:
                raise ImportRefused(
                    f"The file has more than {MAX_ROWS:,} rows: an import can take at most "
                    f"{MAX_ROWS:,}. Split it into smaller files and import each."
                )
            rows.append(_row(index + 2, header, cells))
    except csv.Error as error:
        raise ImportRefused(
            f"Row {reader.line_num} could not be read as CSV ({error}). {SAVE_AS_CSV}"
        ) from None
    if not rows:
        raise ImportRefused("The file has column names but no rows of services under them.")
    known = tuple(c for c in header if c in COLUMNS)
    ignored = tuple(c for c in header if c and c not in COLUMNS)
    return CsvFile(known, tuple(rows), ignored)


def _check_header(header: list[str]) -> None:
    repeated = sorted({c for c in header if c and header.count(c) > 1})
    if repeated:
        raise ImportRefused(f"These columns appear more than once: {', '.join(repeated)}.")
    missing = [c for c in REQUIRED_COLUMNS if c not in header]
    if not missing:
        return
    if len(header) == 1 and ";" in header[0]:
        raise ImportRefused(f"The columns are separated by semicolons, not commas. {SAVE_AS_CSV}")
    if not set(header) & set(COLUMNS):
        raise ImportRefused(
            "The first row must hold the column names of the directory export (id, name, "
            "organisation …); this file's first row has none of them. Start from a "
            "download of the directory."
        )
    raise ImportRefused(
        f"The file is missing {'this column' if len(missing) == 1 else 'these columns'}: "
        f"{', '.join(missing)}. Start from a download of the directory: its first row has "
        "every column."
    )


def _row(number: int, header: list[str], cells: list[str]) -> CsvRow:
    if len(cells) != len(header):
        # A short row would blank every field it lacks: better to say so than to guess.
        return CsvRow(number, {"": f"It has {len(cells)} cells; the header has {len(header)}."})
    return CsvRow(
        number,
        {
            name: unsafe_cell(cell)
            for name, cell in zip(header, cells, strict=True)
            if name in COLUMNS
        },
    )


# One row ----------------------------------------------------------------------------------


class CellError(ValueError):
    pass


# A blank cell in a column that cannot be blank (yes/no, states, the review interval): the
# entry keeps what it has, and a new one takes the default.
NOT_GIVEN = object()


@dataclass(frozen=True)
class Vocabulary:
    """The codes a row may use."""

    need_codes: frozenset[str]
    type_codes: frozenset[str]
    area_codes: frozenset[str]


@dataclass
class ParsedRow:
    """A row's cells as entry values (see exchange.entry), for the columns the file has."""

    number: int
    name: str
    values: dict = field(default_factory=dict)
    errors: list[str] = field(default_factory=list)
    malformed: bool = False  # not a row of cells at all: nothing more is said about it


def looks_like_id(text: str) -> bool:
    return bool(ID.match(text))


def _text(cell: str) -> str | None:
    return blank_to_none(cell)


ONE_LINE = "is on more than one line: this column takes one line (no Alt+Enter)"


def _line(cell: str) -> str | None:
    """Text for a column the edit form shows in a one-line box, such as a name."""
    if not is_one_line(cell):
        raise CellError(f"“{one_line(cell)[:60]}” {ONE_LINE}")
    return blank_to_none(cell)


def _yes_no(cell: str) -> bool | object:
    answer = cell.strip().lower()
    if not answer:
        return NOT_GIVEN
    if answer in ("yes", "y", "true"):
        return True
    if answer in ("no", "n", "false"):
        return False
    raise CellError(f"“{cell}” should be yes or no")


def _whole_number(cell: str) -> int | None:
    if not cell.strip():
        return None
    try:
        return int(cell.strip())
    except ValueError:
        raise CellError(f"“{cell}” is not a whole number") from None


def _months(cell: str) -> int | object:
    number = _whole_number(cell)
    return NOT_GIVEN if number is None else number


def _date(cell: str) -> str | None:
    """ISO dates as exported, or the day/month/year Excel writes after it has opened one."""
    text = cell.strip()
    if not text:
        return None
    for pattern in ("%Y-%m-%d", "%d/%m/%Y"):
        try:
            return datetime.strptime(text, pattern).date().isoformat()
        except ValueError:
            continue
    raise CellError(f"“{cell}” is not a date like 2026-09-23")


def _choice(values: tuple[str, ...]) -> Callable[[str], str | object]:
    def parse(cell: str) -> str | object:
        text = cell.strip().lower()
        if not text:
            return NOT_GIVEN
        if text not in values:
            raise CellError(f"“{cell}” should be one of {', '.join(values)}")
        return text

    return parse


def _id(cell: str) -> str | None:
    text = cell.strip().lower()
    if text and not looks_like_id(text):
        raise CellError(f"“{cell}” is not an id from a directory export (leave it blank instead)")
    return text or None


def split_codes(cell: str) -> list[str]:
    return [code.strip().lower() for code in re.split(r"[\n\r;,]+", cell) if code.strip()]


def _coordinate(what: str, limits: tuple[float, float], example: str):
    """A latitude or longitude, within the same UK limits as the place form's."""

    def parse(cell: str) -> float | None:
        if not cell.strip():
            return None
        try:
            value = float(cell.strip())
        except ValueError:
            raise CellError(f"“{cell}” is not a number like {example}") from None
        if not limits[0] <= value <= limits[1]:
            raise CellError(f"{value} is not a {what} in the UK (like {example})")
        return value

    return parse


def _parts(
    entry: str,
    names: tuple[str, ...],
    required: str,
    repeating: int = 0,
    several_lines: tuple[str, ...] = (),
) -> list:
    """The parts of one entry of a list cell, named by `names`; the last `repeating` of them
    may come again any number of times. Only parts named in `several_lines` may hold a line
    break (written \\n): the others are one-line boxes in the edit form."""
    parts = split_parts(entry)
    if len(parts) > len(names) and not repeating:
        raise CellError(
            f"“{entry}” has {len(parts)} parts separated by |; it can have at most {len(names)}"
        )
    parts += [""] * (len(names) - len(parts))
    if not parts[names.index(required)]:
        raise CellError(f"“{entry}” has no {required}")
    first_repeated = len(names) - repeating
    for position, part in enumerate(parts):
        if position < len(names):
            name = names[position]
        else:
            name = names[first_repeated + (position - first_repeated) % repeating]
        if name not in several_lines and not is_one_line(part):
            raise CellError(f"“{entry}”: its {name} is on more than one line")
    return [part or None for part in parts]


def _phone(entry: str) -> list:
    return _parts(entry, ("number", "description"), "number")


def _contact(entry: str) -> list:
    """name | job title | email | phone | what it is for | another phone | what it is for …"""
    name, title, email, *phones = _parts(
        entry, ("name", "title", "email", "phone", "phone's description"), "name", repeating=2
    )
    phones += [None] * (len(phones) % 2)
    pairs = [phones[start : start + 2] for start in range(0, len(phones), 2)]
    described_only = [d for number, d in pairs if number is None and d is not None]
    if described_only:
        raise CellError(f"“{entry}”: “{described_only[0]}” has no phone number before it")
    return [name, title, email, [pair for pair in pairs if pair[0] is not None]]


def _feature(entry: str) -> list:
    return _parts(entry, ("feature", "details"), "feature", several_lines=("details",))


def _language(entry: str) -> list:
    return _parts(entry, ("name", "code", "note"), "name", several_lines=("note",))


def _amount(text: str | None) -> str | None:
    if text is None:
        return None
    try:
        amount = Decimal(text.replace("£", "").replace(",", "").strip())
    except InvalidOperation:
        raise CellError(f"“{text}” is not an amount in pounds like 2.50") from None
    if not amount.is_finite() or amount != amount.quantize(Decimal("0.01")):
        raise CellError(f"“{text}” is not an amount in pounds and pence like 2.50")
    if not 0 <= amount <= 10000:
        raise CellError(f"“{text}” is not an amount from 0 to 10,000")
    return str(amount.quantize(Decimal("0.01")))


def _cost(entry: str) -> list:
    option, amount, description = _parts(
        entry, ("option", "amount", "description"), "option", several_lines=("description",)
    )
    return [option, _amount(amount), description]


SCHEDULE = re.compile(
    r"^(?P<freq>weekly|monthly)\s+(?P<byday>[0-9a-z+-]+(?:\s*,\s*[0-9a-z+-]+)*)\s+"
    r"(?P<opens>\d{1,2}:\d{2})\s*-\s*(?P<closes>\d{1,2}:\d{2})"
    r"(?:\s+from\s+(?P<valid_from>\S+))?(?:\s+until\s+(?P<valid_to>\S+))?$",
    re.IGNORECASE,
)


def _schedule(entry: str) -> list:
    rule, description = _parts(
        entry, ("times", "description"), "times", several_lines=("description",)
    )
    found = SCHEDULE.match(rule)
    if found is None:
        raise CellError(f"“{rule}” is not opening times like WEEKLY MO,WE 18:00-23:00")
    freq, byday = found["freq"].upper(), re.sub(r"\s", "", found["byday"]).upper()
    try:
        check_rule(freq, byday)
    except ValueError:
        raise CellError(f"“{rule}” has days that are not like MO,WE or 1SA") from None
    times = []
    for text in (found["opens"], found["closes"]):
        if not re.match(TIME, text):
            raise CellError(f"“{rule}”: {text} is not a time like 09:30 or 18:00")
        times.append(text.zfill(5))
    valid_from, valid_to = (_date(found[k] or "") for k in ("valid_from", "valid_to"))
    if valid_from and valid_to and valid_to < valid_from:
        raise CellError(f"“{rule}” ends before it starts")
    return [freq, byday, *times, valid_from, valid_to, description]


def _listing(parse: Callable[[str], list]) -> Callable[[str], list]:
    """A list cell, one entry per line; every bad entry is reported, not only the first."""

    def parse_all(cell: str) -> list:
        entries, problems = [], []
        for line in split_entries(cell):
            try:
                entries.append(parse(line))
            except CellError as error:
                problems.append(str(error))
        if problems:
            raise CellError("; ".join(problems))
        return entries

    return parse_all


# Column → (entry key, how its cell is read).
PARSERS: dict[str, tuple[str, Callable[[str], object]]] = {
    "id": ("id", _id),
    "name": ("name", _line),
    "organisation_id": ("organisation_id", _id),
    "organisation": ("organisation_name", _line),
    "organisation_description": ("organisation_description", _text),
    "organisation_email": ("organisation_email", _line),
    "organisation_url": ("organisation_url", _line),
    "organisation_phones": ("organisation_phones", _listing(_phone)),
    "organisation_charity_number": ("organisation_charity_number", _line),
    "summary": ("summary", _line),
    "description": ("description", _text),
    "publication": ("publication", _choice(tuple(p.value for p in PublicationState))),
    "status": ("status", _choice(tuple(s.value for s in ServiceStatus))),
    "status_note": ("status_note", _text),
    "need_terms": ("need_terms", split_codes),
    "service_types": ("service_types", split_codes),
    "areas": ("areas", split_codes),
    "minimum_age": ("minimum_age", _whole_number),
    "maximum_age": ("maximum_age", _whole_number),
    "eligibility_description": ("eligibility_description", _text),
    "self_referral": ("self_referral", _yes_no),
    "professional_referral": ("professional_referral", _yes_no),
    "drop_in": ("drop_in", _yes_no),
    "referral_description": ("referral_description", _text),
    "email": ("email", _line),
    "url": ("url", _line),
    "phones": ("phones", _listing(_phone)),
    "contacts": ("contacts", _listing(_contact)),
    "location_id": ("location.id", _id),
    "location_name": ("location.name", _line),
    "location_description": ("location.description", _text),
    "address_1": ("location.address_1", _line),
    "address_2": ("location.address_2", _line),
    "city": ("location.city", _line),
    "postcode": ("location.postcode", _line),
    "latitude": ("location.latitude", _coordinate("latitude", UK_LATITUDES, "52.63593")),
    "longitude": ("location.longitude", _coordinate("longitude", UK_LONGITUDES, "-1.13381")),
    "accessibility": ("location.accessibility", _listing(_feature)),
    "transport_note": ("location.transport_note", _text),
    "other_location_ids": ("other_location_ids", lambda cell: [_id(c) for c in split_codes(cell)]),
    "opening_times": ("schedules", _listing(_schedule)),
    "schedule_notes": ("schedule_notes", _text),
    "costs": ("cost_options", _listing(_cost)),
    "languages": ("languages", _listing(_language)),
    "assured_date": ("assured_date", _date),
    "assurer": ("assurer", _line),
    "review_interval_months": ("review_interval_months", _months),
    "staff_notes": ("staff_notes", _text),
    "do_not_refer": ("do_not_refer", _yes_no),
    "do_not_refer_reason": ("do_not_refer_reason", _text),
}


def parse_row(row: CsvRow, vocabulary: Vocabulary) -> ParsedRow:
    """Every cell of the row read as a value, and every problem found on the way."""
    parsed = ParsedRow(row.number, row.name)
    if "" in row.cells:
        parsed.errors.append(row.cells[""])
        parsed.malformed = True
        return parsed
    location: dict = {}
    for column, cell in row.cells.items():
        key, parse = PARSERS[column]
        try:
            value = parse(cell)
        except CellError as error:
            parsed.errors.append(f"{column}: {error}")
            continue
        if value is NOT_GIVEN:
            continue
        if key.startswith("location."):
            location[key.removeprefix("location.")] = value
        else:
            parsed.values[key] = value
    if location:
        parsed.values["location"] = location
    parsed.errors += _unknown_codes(parsed.values, vocabulary)
    return parsed


def _unknown_codes(values: dict, vocabulary: Vocabulary) -> list[str]:
    problems = []
    for key, known, what in (
        ("need_terms", vocabulary.need_codes, "need domain"),
        ("service_types", vocabulary.type_codes, "kind of service"),
        ("areas", vocabulary.area_codes, "area"),
    ):
        unknown = [code for code in values.get(key, []) if code not in known]
        if unknown:
            problems.append(f"{key}: unknown {what} {', '.join(unknown)}")
    return problems


# The whole entry ----------------------------------------------------------------------------


# A new service's values where the file does not say (the model's defaults).
NEW_ENTRY: dict = {
    "id": None,
    "name": "",
    "organisation_id": None,
    "organisation_name": "",
    "organisation_description": "",
    "organisation_email": None,
    "organisation_url": None,
    "organisation_phones": [],
    "organisation_charity_number": None,
    "summary": "",
    "description": "",
    "publication": PublicationState.DRAFT.value,
    "status": ServiceStatus.ACTIVE.value,
    "status_note": None,
    "minimum_age": None,
    "maximum_age": None,
    "eligibility_description": None,
    "self_referral": True,
    "professional_referral": False,
    "drop_in": False,
    "referral_description": None,
    "email": None,
    "url": None,
    "schedule_notes": None,
    "assured_date": None,
    "assurer": None,
    "review_interval_months": 6,
    "staff_notes": None,
    "do_not_refer": False,
    "do_not_refer_reason": None,
    "terms": [],
    "areas": [],
    "phones": [],
    "schedules": [],
    "cost_options": [],
    "languages": [],
    "contacts": [],
    "location": None,
    "other_location_ids": [],
}
NOT_NULL_TEXT = frozenset(
    {"name", "summary", "description", "organisation_name", "organisation_description"}
)
BLANK_LOCATION: dict = dict.fromkeys(LOCATION_FIELDS) | {
    "name": "",
    "address_1": "",
    "city": "",
    "postcode": "",
    "accessibility": [],
}


def _same_text(first, second) -> bool:
    """Equal but for line endings and surrounding space: a spreadsheet's changes, not the
    officer's."""

    def normal(value) -> str:
        return (value or "").replace("\r\n", "\n").replace("\r", "\n").strip()

    return (
        isinstance(first, str | None)
        and isinstance(second, str | None)
        and (normal(first) == normal(second))
    )


def _overlay(base: dict, values: dict, not_null: frozenset[str]) -> dict:
    merged = dict(base)
    for key, value in values.items():
        if key in not_null and value is None:
            value = ""
        merged[key] = base.get(key) if _same_text(base.get(key), value) else value
    return merged


def merge_organisation(base: dict, values: dict) -> dict:
    """An organisation's details (exchange.ORGANISATION_FIELDS): `base`, as the directory or an
    earlier row has them, with the row's columns laid over."""
    return _overlay(base, values, NOT_NULL_TEXT)


def merge(
    current: dict | None,
    values: dict,
    vocabulary: Vocabulary,
    places: Mapping[str, dict],
) -> dict:
    """The entry the row asks for: the current one (or a new one's defaults) with every column
    the file has laid over it. A column the file lacks leaves that part as it is. `places`
    holds the directory's places by id, for a row that names one by its id."""
    base = current or NEW_ENTRY
    scalars = {
        k: v
        for k, v in values.items()
        if k not in ("need_terms", "service_types", "location", "other_location_ids")
    }
    merged = _overlay(base, scalars, NOT_NULL_TEXT)
    needs = [c for c in base["terms"] if c in vocabulary.need_codes]
    kinds = [c for c in base["terms"] if c not in vocabulary.need_codes]
    needs = values.get("need_terms", needs)
    kinds = values.get("service_types", kinds)
    merged["terms"] = sorted(dict.fromkeys([*needs, *kinds]))
    merged["areas"] = sorted(dict.fromkeys(merged["areas"]))
    merged["location"] = _merge_location(base["location"], values.get("location"), places)
    merged["other_location_ids"] = values.get("other_location_ids", base["other_location_ids"])
    return merged


def _merge_location(current: dict | None, values: dict | None, places: Mapping[str, dict]):
    if values is None:
        return current
    if "id" in values:
        if values["id"] is None:
            # A blank id with a place described: a new place (whatever the row had before).
            base = BLANK_LOCATION
        elif current is not None and values["id"] == current["id"]:
            base = current
        else:
            base = places.get(values["id"], BLANK_LOCATION)
    else:
        base = current or BLANK_LOCATION
    place = _overlay(base, values, frozenset({"name", "address_1", "city", "postcode"}))
    place["id"] = values.get("id", base["id"])
    if place == BLANK_LOCATION:
        return None
    return place


# Rules an entry must keep (the edit form's, so an imported entry can be saved there as it is).

LIMITS = {
    "name": 200,
    "summary": 300,
    "description": 5000,
    "status_note": 1000,
    "eligibility_description": 2000,
    "referral_description": 2000,
    "email": 200,
    "url": 500,
    "schedule_notes": 1000,
    "assurer": 200,
    "staff_notes": 2000,
    "do_not_refer_reason": 1000,
    "organisation_name": Organisation.__table__.c.name.type.length,
    "organisation_description": 3000,
    "organisation_email": Organisation.__table__.c.email.type.length,
    "organisation_url": Organisation.__table__.c.url.type.length,
    "organisation_charity_number": Organisation.__table__.c.charity_number.type.length,
}


def _limit(model, column: str) -> int:
    return model.__table__.c[column].type.length


# Parts of list entries with a database limit: entry key → (label, [(position, column)], model).
PART_LIMITS: tuple[tuple[str, str, tuple[tuple[int, str], ...], type], ...] = (
    ("phones", "Phone", ((0, "number"), (1, "description")), Phone),
    ("organisation_phones", "Phone", ((0, "number"), (1, "description")), Phone),
    ("contacts", "Contact", ((0, "name"), (1, "title"), (2, "email")), Contact),
    ("cost_options", "Cost", ((0, "option"),), CostOption),
    ("languages", "Language", ((0, "name"), (1, "code")), Language),
)
LOCATION_LIMITS = ("name", "address_1", "address_2", "city", "postcode")
COST_DESCRIPTION_LIMIT = 300


def check_entry(data: dict, vocabulary: Vocabulary) -> list[str]:
    """Every rule the entry breaks, in plain words."""
    return missing_parts(data, vocabulary) + broken_rules(data)


def missing_parts(data: dict, vocabulary: Vocabulary) -> list[str]:
    """What the entry lacks that the edit form requires. (An Open Referral UK feed's service
    may lack a summary, a need domain or an area and still arrive, as a draft to finish.)"""
    problems = [
        f"{label} is missing"
        for key, label in (
            ("name", "name"),
            ("summary", "summary"),
            ("description", "description"),
        )
        if not data[key]
    ]
    if not data["organisation_id"] and not data["organisation_name"]:
        problems.append("organisation is missing")
    if not any(code in vocabulary.need_codes for code in data["terms"]):
        problems.append("need_terms is blank: give at least one need domain")
    if not data["areas"]:
        problems.append("areas is blank: give at least one area")
    return problems


def broken_rules(data: dict) -> list[str]:
    """The limits and shapes the entry's values break."""
    problems = []
    for key, limit in LIMITS.items():
        if data[key] and len(data[key]) > limit:
            problems.append(f"{key} is {len(data[key])} characters: the most is {limit}")
    problems += _check_contact_details(data)
    problems += _check_numbers(data)
    problems += _check_parts(data)
    if data["location"] is not None:
        problems += check_location(data["location"])
    if data["do_not_refer"] and not data["do_not_refer_reason"]:
        problems.append("do_not_refer is yes but do_not_refer_reason is blank")
    return problems


def _check_contact_details(data: dict) -> list[str]:
    """The edit forms' rules (knowledge.domain.contact_details), so an imported entry can be
    saved on its page as it is."""
    problems = []
    for key in ("email", "organisation_email"):
        if data[key] and not is_email(data[key]):
            problems.append(f"{key}: “{data[key]}” is not an email address")
    for key in ("url", "organisation_url"):
        if data[key] and not is_web_address(data[key]):
            problems.append(f"{key}: “{data[key]}” is not a web address starting https://")
    charity_number = data["organisation_charity_number"]
    if charity_number and not is_charity_number(charity_number):
        problems.append(
            f"organisation_charity_number: “{charity_number}” is not a charity number like 1123456"
        )
    numbers = [p[0] for p in (*data["phones"], *data["organisation_phones"])]
    numbers += [p[0] for c in data["contacts"] for p in c[3]]
    problems += [
        f"“{number}” is not a phone number like 0116 496 0123"
        for number in numbers
        if not is_phone(number)
    ]
    problems += [
        f"contacts: “{c[2]}” is not an email address"
        for c in data["contacts"]
        if c[2] and not is_email(c[2])
    ]
    return problems


def _check_numbers(data: dict) -> list[str]:
    problems = []
    for key in ("minimum_age", "maximum_age"):
        if data[key] is not None and not 0 <= data[key] <= 120:
            problems.append(f"{key}: {data[key]} is not an age from 0 to 120")
    low, high = data["minimum_age"], data["maximum_age"]
    if low is not None and high is not None and high < low:
        problems.append("maximum_age is less than minimum_age")
    interval = data["review_interval_months"]
    if interval is None or not 1 <= interval <= 24:
        problems.append("review_interval_months should be a number of months from 1 to 24")
    return problems


def _check_parts(data: dict) -> list[str]:
    problems = []
    for key, label, positions, model in PART_LIMITS:
        for item in data[key]:
            for position, column in positions:
                limit = _limit(model, column)
                if item[position] and len(item[position]) > limit:
                    problems.append(
                        f"{key}: {label.lower()} {column} is {len(item[position])} characters: "
                        f"the most is {limit}"
                    )
    contact_phones = [phone for contact in data["contacts"] for phone in contact[3]]
    for position, column in ((0, "number"), (1, "description")):
        limit = _limit(Phone, column)
        problems += [
            f"contacts: phone {column} is {len(phone[position])} characters: the most is {limit}"
            for phone in contact_phones
            if phone[position] and len(phone[position]) > limit
        ]
    problems += [
        f"costs: about the cost is {len(c[2])} characters: the most is {COST_DESCRIPTION_LIMIT}"
        for c in data["cost_options"]
        if c[2] and len(c[2]) > COST_DESCRIPTION_LIMIT
    ]
    return problems


def check_location(place: dict) -> list[str]:
    problems = []
    if not place["name"]:
        problems.append("location_name is missing (the place's name, such as the building)")
    for column in LOCATION_LIMITS:
        limit = _limit(Location, column)
        if place[column] and len(place[column]) > limit:
            problems.append(
                f"{'location_name' if column == 'name' else column} is "
                f"{len(place[column])} characters: the most is {limit}"
            )
    limit = _limit(Accessibility, "description")
    problems += [
        f"accessibility: “{feature[:40]}…” is {len(feature)} characters: the most is {limit}"
        for feature, _ in place["accessibility"]
        if len(feature) > limit
    ]
    if (place["latitude"] is None) != (place["longitude"] is None):
        problems.append("give both latitude and longitude, or neither")
    if place["postcode"] and not is_postcode(place["postcode"]):
        problems.append(f"postcode: “{place['postcode']}” is not a full UK postcode like LE1 3ZQ")
    return problems
