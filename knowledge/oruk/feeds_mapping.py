"""One Open Referral UK service, already checked against the schema, as the values of an
entry (knowledge.curation.exchange.entry): the reverse of knowledge.oruk.documents, and the
best reading of other publishers' services. Plain functions, no database.

What the feed says replaces what the entry has; what it does not say leaves the entry as it
is (and a new entry takes the defaults). A service's arrays (schedules, phones …) are said
when they are there, even empty, and not said when they are missing (the list shape has none).
Of its single fields, those in the UK profile (name, description, status, alert, ages,
assured_date) are said by the service, missing meaning empty; but a web address or email (a
service's url and email, an organisation's website and email) that is missing, or that the
directory cannot keep, is not said: publishers leave out what fails the schema's formats, as
our own export does. The rest (HSDS names beyond the profile, and our `ck_` properties) are
said only by a service carrying a `ck_` property, that is one published by this software,
since another publisher leaving them out says nothing about them. Terms and areas are said
only when the feed names at least one this directory knows: a service from a publisher with
its own taxonomy keeps the need domains the officer gave it here.

A part the directory cannot keep is left off, and the service is still imported, with a
warning that says what was left off and where in the file it is:
- a place's coordinates outside the UK, or one without the other (kept without coordinates);
- a postcode that is not a full UK postcode (the place kept without it);
- a place that is virtual, or has neither a name nor an address (left off);
- opening times ORUK can say and the directory cannot show: no day, no opening or closing
  time, a day of the month (bymonthday), an interval (every other week), days that are not a
  rule (left off); a valid_from or valid_to that is not a date (that date left off);
- a web address, email, phone number or charity number the edit form would refuse, an age
  that is not a whole number from 0 to 120, an assured date that is not a date (left off);
- a cost in another currency or of an amount the form would refuse (kept without the amount);
- an area, or a taxonomy term, this directory does not have; a language without a name.

Only what leaves no entry rejects the service (knowledge.oruk.feeds_import adds the
directory's checks): a schema failure, no name, no organisation.
"""

import re
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal, InvalidOperation

from knowledge.curation import importing
from knowledge.curation.exchange import LOCATION_FIELDS
from knowledge.curation.versions import RecordIds
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
from knowledge.domain.text import blank_to_none, one_line
from knowledge.models import Organisation, ServiceStatus
from knowledge.oruk.documents import CHARITY_SCHEME, LOCAL_PREFIX

# What each object's keys are read into; any other key is listed as not kept.
SERVICE_READ = frozenset(
    {
        "id",
        "organization_id",
        "name",
        "description",
        "url",
        "email",
        "status",
        "alert",
        "minimum_age",
        "maximum_age",
        "assured_date",
        "last_modified",  # ours is when it was saved here
        "eligibility_description",
        "application_process",
        "schedules",
        "service_areas",
        "service_at_locations",
        "phones",
        "contacts",
        "cost_options",
        "languages",
        "attributes",
        "organization",
    }
)
PARTS_READ = {
    "organization": {"id", "name", "description", "email", "website", "phones"}
    | {"organization_identifiers"},
    "schedules": {"id", "service_id", "freq", "interval", "byday", "bymonthday"}
    | {"opens_at", "closes_at", "valid_from", "valid_to", "description"},
    "service_areas": {"id", "service_id", "name", "service_area"},
    "service_at_locations": {"id", "service_id", "location_id", "location"},
    "location": {"id", "location_type", "organization_id", "name", "description"}
    | {"latitude", "longitude", "transportation", "addresses", "accessibility"},
    "phones": {"id", "number", "description", "contact_id", "service_id"},
    "contacts": {"id", "service_id", "name", "title", "email", "phones"},
    "cost_options": {"id", "service_id", "option", "amount", "currency", "amount_description"},
    "languages": {"id", "service_id", "name", "code", "note"},
    "accessibility": {"id", "location_id", "description", "details", "accessibility"},
    "attributes": {"id", "link_id", "link_entity", "link_type", "taxonomy_term_id"}
    | {"taxonomy_term"},
}
ADDRESS_READ = frozenset(
    {"id", "location_id", "address_1", "address_2", "city", "postal_code", "address_type"}
    | {"state_province", "country", "region", "attention"}
)
STATUSES = {"temporarily closed": ServiceStatus.TEMPORARILY_CLOSED.value} | {
    s.value: s.value for s in ServiceStatus
}
TIME = re.compile(
    r"^(?P<hour>[01]?\d|2[0-3]):(?P<minute>[0-5]\d)(:[0-5]\d(\.\d+)?)?(Z|[+-]\d\d:?\d\d)?$"
)
ROUTES = {
    "self_referral": "self-referral",
    "professional_referral": "professional-referral",
    "drop_in": "drop-in",
}
AGES = (0, 120)
MOST_AMOUNT = Decimal(10000)


@dataclass(frozen=True)
class FeedVocabulary:
    """What the directory's terms and areas are called, for reading a feed's."""

    codes: importing.Vocabulary
    term_ids: dict[str, str]  # a term's id (the same on every installation) → its code
    area_names: dict[str, str]  # an area's name, folded → its code


@dataclass
class MappedOrganisation:
    original_id: str
    values: dict | None  # organisation_name and exchange.ORGANISATION_FIELDS; None: named by id
    phone_ids: list[str] = field(default_factory=list)


@dataclass
class MappedPlace:
    original_id: str
    place: dict | None  # as exchange.location_entry; None: named by its id only
    organisation_id: str | None = None  # the feed's id of the organisation it belongs to
    link_id: str | None = None  # the service-at-location's id
    accessibility_ids: list[str] = field(default_factory=list)


@dataclass
class MappedService:
    original_id: str
    name: str
    values: dict  # entry values the feed says (see the module's docstring)
    organisation: MappedOrganisation | None
    places: list[MappedPlace] | None  # None: the feed does not say
    ids: RecordIds
    warnings: list[str] = field(default_factory=list)
    not_kept: set[str] = field(default_factory=set)  # ORUK fields the directory has no place for


def _at(where: str, key: str | int) -> str:
    if isinstance(key, int):
        return f"{where}[{key}]"
    return f"{where}.{key}" if where else key


def _text(value) -> str | None:
    return blank_to_none(value) if isinstance(value, str) else None


def _line(value) -> str | None:
    text = _text(value)
    return one_line(text) if text else None


def _id(item: dict) -> str | None:
    """An item's id, if it has one: the schema checks those it names, not HSDS's extras."""
    value = item.get("id")
    return value.lower() if isinstance(value, str) and value.strip() else None


def _items(value) -> list[dict]:
    """The objects of a list the schema may not have checked (`phones` is not in the UK
    profile)."""
    return [item for item in value if isinstance(item, dict)] if isinstance(value, list) else []


class _Reader:
    """Reads one service, collecting warnings and the names of fields not kept."""

    def __init__(self, document: dict, vocabulary: FeedVocabulary) -> None:
        self.document = document
        self.vocabulary = vocabulary
        self.warnings: list[str] = []
        self.not_kept: set[str] = set()
        self.ids: RecordIds = {}
        # A service published by this software says every field it holds (see the docstring).
        self.ours = any(key.startswith(LOCAL_PREFIX) for key in document)

    def warn(self, where: str, message: str) -> None:
        self.warnings.append(f"{where}: {message}")

    def note_unread(self, item: dict, read: frozenset | set, where: str) -> None:
        self.not_kept.update(
            _at(re.sub(r"\[\d+\]", "", where), key)
            for key in item
            if key not in read and not key.startswith(LOCAL_PREFIX)
        )

    def service(self) -> MappedService:
        doc = self.document
        self.note_unread(doc, SERVICE_READ, "")
        values: dict = {
            "name": _line(doc.get("name")) or "",
            "description": _text(doc.get("description")) or "",
            "status": STATUSES[doc["status"]],
            "status_note": _text(doc.get("alert")),
            "assured_date": self._date(doc.get("assured_date"), "assured_date"),
        }
        values |= self._addresses(doc, {"url": "url", "email": "email"})
        values |= self._ages()
        optional = {
            "eligibility_description": _text(doc.get("eligibility_description")),
            "referral_description": _text(doc.get("application_process")),
            "summary": _line(doc.get(f"{LOCAL_PREFIX}summary")),
            "schedule_notes": _text(doc.get(f"{LOCAL_PREFIX}schedule_notes")),
        }
        sources = {
            "eligibility_description": "eligibility_description",
            "referral_description": "application_process",
            "summary": f"{LOCAL_PREFIX}summary",
            "schedule_notes": f"{LOCAL_PREFIX}schedule_notes",
        }
        values |= {k: v for k, v in optional.items() if self.ours or sources[k] in doc}
        routes = doc.get(f"{LOCAL_PREFIX}referral_routes")
        if isinstance(routes, list) or self.ours:
            routes = routes if isinstance(routes, list) else []
            values |= {key: code in routes for key, code in ROUTES.items()}
        lists = {
            "schedules": self._schedules,
            "phones": self._service_phones,
            "contacts": self._contacts,
            "cost_options": self._costs,
            "languages": self._languages,
        }
        for key, read in lists.items():
            if isinstance(doc.get(key), list):
                values[key] = read(_items(doc[key]), key)
        values |= self._terms(doc.get("attributes"))
        values |= self._areas(doc.get("service_areas"))
        return MappedService(
            original_id=doc["id"].lower(),
            name=values["name"],
            values=values,
            organisation=self._organisation(),
            places=self._places(doc.get("service_at_locations")),
            ids=self.ids,
            warnings=self.warnings,
            not_kept=self.not_kept,
        )

    # Single fields ------------------------------------------------------------------------

    def _checked(self, item: dict, key: str, rule, what: str, where: str = "") -> str | None:
        text = _line(item.get(key))
        if text is None:
            return None
        limit = 500 if key in ("url", "website") else 200
        if not rule(text) or len(text) > limit:
            self.warn(
                _at(where, key), f"“{text[:80]}” is not {what} the directory can keep; left off"
            )
            return None
        return text

    def _addresses(self, item: dict, keys: dict[str, str], where: str = "") -> dict:
        """Web addresses and emails the item gives (entry key → its key in the item). One that
        is missing is not said: a publisher leaves out what it cannot publish in the schema's
        formats (as knowledge.oruk.documents does), which is not the same as having none. One
        the directory cannot keep is left off, with a warning, and not said either."""
        rules = {
            "email": (is_email, "an email address"),
            "url": (is_web_address, "a web address"),
            "website": (is_web_address, "a web address"),
        }
        said = {}
        for entry_key, key in keys.items():
            if key in item:
                text = self._checked(item, key, *rules[key], where)
                if text is not None or _line(item[key]) is None:  # kept, or blank
                    said[entry_key] = text
        return said

    def _date(self, value, where: str) -> str | None:
        if not isinstance(value, str) or not value.strip():
            return None
        try:
            return date.fromisoformat(value.strip()[:10]).isoformat()
        except ValueError:
            self.warn(where, f"“{value[:40]}” is not a date like 2026-09-23; left off")
            return None

    def _ages(self) -> dict:
        ages = {}
        for key in ("minimum_age", "maximum_age"):
            value = self.document.get(key)
            if value is not None and (value != int(value) or not AGES[0] <= value <= AGES[1]):
                self.warn(key, f"{value} is not an age from 0 to 120; left off")
                value = None
            ages[key] = None if value is None else int(value)
        low, high = ages["minimum_age"], ages["maximum_age"]
        if low is not None and high is not None and high < low:
            self.warn("maximum_age", f"{high} is less than the minimum age {low}; both left off")
            ages = dict.fromkeys(ages)
        return ages

    # Lists --------------------------------------------------------------------------------

    def _read_each(self, items, where: str, part: str, read) -> tuple[list, list[str | None]]:
        """Each item read by `read`, which returns None to leave it off, and their ids."""
        values, ids = [], []
        for index, item in enumerate(_items(items)):
            here = _at(where, index)
            self.note_unread(item, PARTS_READ[part], here)
            value = read(item, here)
            if value is not None:
                values.append(value)
                ids.append(_id(item))
        return values, ids

    def _listed(self, items: list, where: str, part: str, read) -> list:
        values, self.ids[part] = self._read_each(items, where, part, read)
        return values

    def _phone(self, item: dict, where: str) -> list | None:
        number = _line(item.get("number"))
        if number is None or not is_phone(number):
            self.warn(
                _at(where, "number"),
                f"“{(number or '')[:40]}” is not a phone number like 0116 496 0123; left off",
            )
            return None
        return [number, _line(item.get("description"))]

    def _phones(self, items, where: str) -> tuple[list, list[str | None]]:
        return self._read_each(items, where, "phones", self._phone)

    def _service_phones(self, items: list, where: str) -> list:
        return self._listed(items, where, "phones", self._phone)

    def _contacts(self, items: list, where: str) -> list:
        self.ids["contact_phones"] = []

        def read(item: dict, here: str) -> list:
            phones, ids = self._phones(item.get("phones"), _at(here, "phones"))
            self.ids["contact_phones"].append(ids)
            return [
                _line(item.get("name")),
                _line(item.get("title")),
                self._checked(item, "email", is_email, "an email address", here),
                phones,
            ]

        return self._listed(items, where, "contacts", read)

    def _schedules(self, items: list, where: str) -> list:
        return self._listed(items, where, "schedules", self._schedule)

    def _schedule(self, item: dict, where: str) -> list | None:
        freq, byday = item.get("freq"), _line(item.get("byday"))
        opens, closes = self._time(item.get("opens_at")), self._time(item.get("closes_at"))
        problem = None
        if item.get("bymonthday"):
            problem = f"days of the month (bymonthday {item['bymonthday']})"
        elif item.get("interval") not in (None, 1):
            problem = (
                f"an interval of {item['interval']} (every {item['interval']} weeks or months)"
            )
        elif freq is None or byday is None:
            problem = "no frequency and day (freq and byday)"
        elif opens is None or closes is None:
            problem = "no opening and closing times (opens_at and closes_at) like 09:30"
        else:
            byday = re.sub(r"\s", "", byday).upper()
            try:
                check_rule(freq, byday)
            except ValueError:
                problem = f"days “{byday}” that are not like MO,WE or 1SA"
        if problem:
            self.warn(where, f"opening times with {problem} cannot be shown here; left off")
            return None
        return [
            freq,
            byday,
            opens,
            closes,
            self._date(item.get("valid_from"), _at(where, "valid_from")),
            self._date(item.get("valid_to"), _at(where, "valid_to")),
            _text(item.get("description")),
        ]

    @staticmethod
    def _time(value) -> str | None:
        found = TIME.match(value.strip()) if isinstance(value, str) else None
        return f"{int(found['hour']):02d}:{found['minute']}" if found else None

    def _costs(self, items: list, where: str) -> list:
        def read(item: dict, here: str) -> list:
            amount = item.get("amount")
            currency = _line(item.get("currency")) or "GBP"
            if amount is not None and currency.upper() != "GBP":
                self.warn(here, f"an amount in {currency} cannot be kept; kept without it")
                amount = None
            elif amount is not None:
                amount = self._amount(amount, here)
            option = _line(item.get("option")) or ("Free" if amount == "0.00" else "Cost")
            return [option, amount, _text(item.get("amount_description"))]

        return self._listed(items, where, "cost_options", read)

    def _amount(self, value, where: str) -> str | None:
        try:
            amount = Decimal(str(value))
        except InvalidOperation:  # pragma: no cover - the schema has checked it is a number
            amount = Decimal(-1)
        if amount != amount.quantize(Decimal("0.01")) or not 0 <= amount <= MOST_AMOUNT:
            self.warn(
                where, f"{value} is not an amount in pounds from 0 to 10,000; kept without it"
            )
            return None
        return str(amount.quantize(Decimal("0.01")))

    def _languages(self, items: list, where: str) -> list:
        def read(item: dict, here: str) -> list | None:
            name = _line(item.get("name"))
            if name is None:
                self.warn(here, "a language without a name; left off")
                return None
            return [name, _line(item.get("code")), _text(item.get("note"))]

        return self._listed(items, where, "languages", read)

    def _terms(self, attributes) -> dict:
        """The need domains and kinds of service among the attributes, if any is known."""
        if not isinstance(attributes, list):
            return {}
        codes, unknown = [], []
        for index, attribute in enumerate(attributes):
            self.note_unread(attribute, PARTS_READ["attributes"], _at("attributes", index))
            term = attribute.get("taxonomy_term")
            term_id = attribute.get("taxonomy_term_id") or (term or {}).get("id")
            code = self.vocabulary.term_ids.get((term_id or "").lower())
            if code is None and isinstance(term, dict):
                code = self._term_code(term)
            if code is not None:
                codes.append(code)
            elif term is not None or term_id is not None:
                label = (term or {}).get("name") or term_id
                taxonomy = (term or {}).get("taxonomy")
                unknown.append(f"“{label}”" + (f" ({taxonomy})" if taxonomy else ""))
        if unknown:
            self.warn(
                "attributes",
                f"{'this taxonomy term is' if len(unknown) == 1 else 'these taxonomy terms are'} "
                f"not one this directory uses: {', '.join(unknown)}; left off",
            )
        if not codes:
            return {}
        vocabulary = self.vocabulary.codes
        return {
            "need_terms": [c for c in dict.fromkeys(codes) if c in vocabulary.need_codes],
            "service_types": [c for c in dict.fromkeys(codes) if c in vocabulary.type_codes],
        }

    def _term_code(self, term: dict) -> str | None:
        code, taxonomy = term.get("term"), term.get("taxonomy")
        vocabulary = self.vocabulary.codes
        known = {"need-domain": vocabulary.need_codes, "service-type": vocabulary.type_codes}
        if taxonomy in known:
            return code if code in known[taxonomy] else None
        if taxonomy is None and code in vocabulary.need_codes | vocabulary.type_codes:
            return code
        return None

    def _areas(self, items) -> dict:
        if not isinstance(items, list):
            return {}
        codes, area_ids, unknown = [], {}, []
        for index, item in enumerate(items):
            self.note_unread(item, PARTS_READ["service_areas"], _at("service_areas", index))
            code = item.get(f"{LOCAL_PREFIX}area_code")
            if code not in self.vocabulary.codes.area_codes:
                name = _line(item.get("name")) or _line(item.get("service_area")) or ""
                code = self.vocabulary.area_names.get(name.casefold())
            if code is None:
                unknown.append(f"“{(_line(item.get('name')) or item['id'])[:80]}”")
            elif code not in area_ids:
                codes.append(code)
                area_ids[code] = _id(item)
        if unknown:
            self.warn(
                "service_areas",
                f"{'this area is' if len(unknown) == 1 else 'these areas are'} not one this "
                f"directory has: {', '.join(unknown)}; left off",
            )
        if not codes:
            return {}
        self.ids["areas"] = area_ids
        return {"areas": codes}

    # The organisation and places ---------------------------------------------------------

    def _organisation(self) -> MappedOrganisation | None:
        item = self.document.get("organization")
        if not isinstance(item, dict):
            given = self.document.get("organization_id")
            return MappedOrganisation(given.lower(), None) if given else None
        self.note_unread(item, PARTS_READ["organization"], "organization")
        phones, phone_ids = self._phones(item.get("phones"), "organization.phones")
        values = {
            "organisation_name": _line(item.get("name")) or "",
            "organisation_description": _text(item.get("description")) or "",
            "organisation_phones": phones,
            "organisation_charity_number": self._charity_number(item),
        }
        values |= self._addresses(
            item, {"organisation_email": "email", "organisation_url": "website"}, "organization"
        )
        return MappedOrganisation(item["id"].lower(), values, phone_ids)

    def _charity_number(self, organisation: dict) -> str | None:
        for index, identifier in enumerate(organisation.get("organization_identifiers") or []):
            if identifier.get("identifier_scheme") != CHARITY_SCHEME:
                self.not_kept.add("organization.organization_identifiers (not GB-CHC)")
                continue
            number = _line(identifier.get("identifier")) or ""
            limit = Organisation.__table__.c.charity_number.type.length
            if is_charity_number(number) and len(number) <= limit:
                return number.strip()
            self.warn(
                f"organization.organization_identifiers[{index}].identifier",
                f"“{number[:40]}” is not a charity number like 1123456; left off",
            )
        return None

    def _places(self, links) -> list[MappedPlace] | None:
        if not isinstance(links, list):
            return None
        places = []
        for index, link in enumerate(links):
            where = _at("service_at_locations", index)
            self.note_unread(link, PARTS_READ["service_at_locations"], where)
            location = link.get("location")
            if not isinstance(location, dict):
                if link.get("location_id"):
                    places.append(MappedPlace(link["location_id"].lower(), None, None, _id(link)))
                continue
            place = self._place(location, _at(where, "location"))
            if place is not None:
                place.link_id = _id(link)
                places.append(place)
        return places

    def _place(self, location: dict, where: str) -> MappedPlace | None:
        self.note_unread(location, PARTS_READ["location"], where)
        if location["location_type"] == "virtual":
            self.warn(where, "a virtual location is not a place people can go to; left off")
            return None
        address = self._address(location.get("addresses") or [], where)
        name = _line(location.get("name")) or address["address_1"] or address["city"]
        if not name:
            self.warn(where, "a place with neither a name nor an address; left off")
            return None
        if not _line(location.get("name")):
            self.warn(_at(where, "name"), f"the place has no name; it is called “{name}”")
        accessibility, access_ids = [], []
        for index, item in enumerate(location.get("accessibility") or []):
            self.note_unread(
                item, PARTS_READ["accessibility"], _at(_at(where, "accessibility"), index)
            )
            feature = _line(item.get("description")) or _line(item.get("accessibility"))
            if feature is None:
                continue
            accessibility.append([feature, _text(item.get("details"))])
            access_ids.append(_id(item))
        place = dict.fromkeys(LOCATION_FIELDS) | {
            "id": location["id"].lower(),
            "name": name,
            "description": _text(location.get("description")),
            **address,
            **self._coordinates(location, where),
            "accessibility": accessibility,
            "transport_note": _text(location.get("transportation")),
        }
        owner = location.get("organization_id")
        return MappedPlace(
            place["id"], place, owner.lower() if owner else None, accessibility_ids=access_ids
        )

    def _address(self, addresses: list, where: str) -> dict:
        for index, address in enumerate(addresses):
            self.note_unread(address, ADDRESS_READ, _at(_at(where, "addresses"), index))
        physical = [a for a in addresses if a.get("address_type") == "physical"]
        chosen = (physical or addresses or [{}])[0]
        postcode = _line(chosen.get("postal_code")) or ""
        if postcode and not is_postcode(postcode):
            here = _at(_at(_at(where, "addresses"), addresses.index(chosen)), "postal_code")
            self.warn(
                here,
                f"“{postcode[:20]}” is not a full UK postcode like LE1 3ZQ; the place was kept "
                "without it",
            )
            postcode = ""
        return {
            "address_1": _line(chosen.get("address_1")) or "",
            "address_2": _line(chosen.get("address_2")),
            "city": _line(chosen.get("city")) or "",
            "postcode": postcode,
        }

    def _coordinates(self, location: dict, where: str) -> dict:
        latitude, longitude = location.get("latitude"), location.get("longitude")
        if latitude is None and longitude is None:
            return {"latitude": None, "longitude": None}
        for key, value, limits in (
            ("latitude", latitude, UK_LATITUDES),
            ("longitude", longitude, UK_LONGITUDES),
        ):
            if value is None:
                problem = f"there is no {key}"
            elif not limits[0] <= value <= limits[1]:
                problem = f"{key} {value} is outside the UK"
            else:
                continue
            self.warn(_at(where, key), f"{problem}; the place was kept without coordinates")
            return {"latitude": None, "longitude": None}
        return {"latitude": float(latitude), "longitude": float(longitude)}


def map_service(document: dict, vocabulary: FeedVocabulary) -> MappedService:
    """The service's entry values (see the module's docstring). `document` has passed the
    schema (compiled/service.json): its ids are UUIDs, its status one of ORUK's."""
    return _Reader(document, vocabulary).service()
