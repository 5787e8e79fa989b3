"""Synthetic directories of published services, for measuring search at scale (issue 9).

    .venv/bin/python bench/synthetic.py --count 5000 [--seed 9]
    .venv/bin/python bench/synthetic.py --count 50000 --database-url postgresql+psycopg://…

Every synthetic service is modelled on one of the demo directory's 239 services
(seed/demo_directory.json) and moved to another town of Leicester, Leicestershire and Rutland:
its name, summary and description are the model's own words with the model's places swapped
for the new one's, some sentences left out and one borrowed from a demo service that meets the
same need; its needs, service types, ages, costs, referral routes and opening times are the
model's, varied now and then (an extra need, another weekday, an evening or weekend session, free
instead of paid). So the vocabulary, the lengths of texts and the mix of facets are the demo's,
but spread over many more services, places and organisations. Nothing is lorem ipsum, and
everything stays fictional: drama phone numbers, example.org addresses.

The same count and seed always give the same directory (ids too). The rows go in through the
app's tables in bulk (tens of thousands of ORM objects would take minutes for nothing), after
the app's own reference data: `generate(database_url, count, seed)`. `cached_directory(count,
seed)` keeps a SQLite copy under build/bench/ so that reruns start at once.
"""

import argparse
import hashlib
import json
import math
import random
import re
import sys
import time
import uuid
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date, timedelta
from datetime import time as time_of_day
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from flask import Flask
from sqlalchemy import func, insert, select

from knowledge.commands import SEED_FOLDER
from knowledge.directory import seeding
from knowledge.extensions import db
from knowledge.models import (
    Accessibility,
    Area,
    AreaKind,
    Contact,
    CostOption,
    Language,
    Location,
    Organisation,
    Phone,
    PublicationState,
    Schedule,
    Service,
    ServiceArea,
    ServiceAtLocation,
    TaxonomyTerm,
)
from knowledge.models.directory import service_taxonomy_term

DEFAULT_SEED = 9
# Bump when the generator's output changes, so cached copies are not reused.
GENERATOR_VERSION = 1
CACHE_FOLDER = Path(__file__).resolve().parent.parent / "build" / "bench"
DEMO_FILE = SEED_FOLDER / "demo_directory.json"
ID_BASE = "https://example.org/community-knowledge/synthetic"
INSERT_BATCH = 5000

DAY_CODES = ("MO", "TU", "WE", "TH", "FR", "SA", "SU")
# Variations on the model service, each with the chance of it happening to one service.
EXTRA_NEED_CHANCE = 0.2
EXTRA_TYPE_CHANCE = 0.08
OTHER_DAYS_CHANCE = 0.25
EVENING_SESSION_CHANCE = 0.1
WEEKEND_SESSION_CHANCE = 0.08
OTHER_AGES_CHANCE = 0.15
FLIP_ROUTE_CHANCE = 0.08
FLIP_COST_CHANCE = 0.1
DROP_SENTENCE_CHANCE = 0.15
BORROW_SENTENCE_CHANCE = 0.6
# About a kilometre either way: venues spread around the town, not stacked on one point.
JITTER_DEGREES = 0.008
POSTCODE_LETTERS = "ABDEFGHJLNPQRSTUWXYZ"
_SENTENCE = re.compile(r"(?<=[.!?])\s+(?=[A-Z0-9\"'])")


@dataclass(frozen=True)
class Locality:
    """A town or part of the city the demo has a venue in, and the areas it lies in."""

    name: str
    city: str
    outward: str  # the postcode's first half
    latitude: float
    longitude: float
    neighbourhood: str
    district: str


class _Demo:
    """The demo directory, read once, arranged for borrowing from."""

    def __init__(self) -> None:
        data = json.loads(DEMO_FILE.read_text(encoding="utf-8"))
        areas = json.loads((SEED_FOLDER / "areas.json").read_text(encoding="utf-8"))
        taxonomy = json.loads((SEED_FOLDER / "taxonomy.json").read_text(encoding="utf-8"))
        self.services: list[dict] = data["services"]
        self.organisations = {org["id"]: org for org in data["organisations"]}
        self.area_names = {areas["region"]["code"]: areas["region"]["name"]}
        self.district_of: dict[str, str] = {}
        neighbourhoods: list[tuple[str, str, float, float]] = []
        for district in areas["districts"]:
            self.area_names[district["code"]] = district["name"]
            for hood in district["neighbourhoods"]:
                self.area_names[hood["code"]] = hood["name"]
                self.district_of[hood["code"]] = district["code"]
                neighbourhoods.append(
                    (hood["code"], district["code"], hood["latitude"], hood["longitude"])
                )
        self.districts = {d["code"] for d in areas["districts"]}
        self.region = areas["region"]["code"]
        self.localities = self._localities(neighbourhoods)
        self.sentences_by_need: dict[str, list[str]] = {}
        for service in self.services:
            for code in service["need_terms"]:
                self.sentences_by_need.setdefault(code, []).extend(
                    sentences(service["description"])[1:]
                )
        need_domain = next(t for t in taxonomy["taxonomies"] if t["code"] == "need-domain")
        service_type = next(t for t in taxonomy["taxonomies"] if t["code"] == "service-type")
        self.need_sub_terms = [sub["code"] for top in need_domain["terms"] for sub in top["terms"]]
        self.service_types = [term["code"] for term in service_type["terms"]]
        self.age_ranges = [(s["min_age"], s["max_age"]) for s in self.services]

    def _localities(self, neighbourhoods: list[tuple[str, str, float, float]]) -> list[Locality]:
        """One per venue of the demo (so busy towns come up as often as they do there)."""
        found: list[Locality] = []
        for service in self.services:
            for venue in service["locations"]:
                hood, district, _, _ = min(
                    neighbourhoods,
                    key=lambda n: _squared_km(venue["latitude"], venue["longitude"], n[2], n[3]),
                )
                found.append(
                    Locality(
                        name=venue["address_2"] or venue["city"],
                        city=venue["city"],
                        outward=venue["postcode"].split()[0],
                        latitude=venue["latitude"],
                        longitude=venue["longitude"],
                        neighbourhood=hood,
                        district=district,
                    )
                )
        return found


def _squared_km(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    east = (lon1 - lon2) * 111.2 * math.cos(math.radians(lat1))
    return ((lat1 - lat2) * 111.2) ** 2 + east**2


def sentences(text: str) -> list[str]:
    return [s for s in _SENTENCE.split(text.strip()) if s]


def stable_id(seed: int, kind: str, key: object) -> str:
    return str(uuid.uuid5(uuid.NAMESPACE_URL, f"{ID_BASE}/{seed}/{kind}/{key}"))


class _Rows:
    """The directory's rows, table by table, in the order they can be inserted."""

    def __init__(self) -> None:
        self.tables: dict[str, list[dict]] = {
            table.name: []
            for table in (
                Organisation.__table__,
                Location.__table__,
                Accessibility.__table__,
                Service.__table__,
                Phone.__table__,
                service_taxonomy_term,
                ServiceArea.__table__,
                ServiceAtLocation.__table__,
                Schedule.__table__,
                Contact.__table__,
                CostOption.__table__,
                Language.__table__,
            )
        }

    def add(self, table: str, **row: object) -> None:
        """Every row of a table names the same columns: they go in as one executemany."""
        self.tables[table].append(row)


class _Composer:
    """Makes one synthetic service after another, sharing organisations and venues."""

    def __init__(self, demo: _Demo, seed: int, terms: dict[str, str], areas: dict[str, str]):
        self.demo = demo
        self.seed = seed
        self.term_ids = terms
        self.area_ids = areas
        self.rows = _Rows()
        self._organisations: dict[tuple[str, str], str] = {}
        self._locations: dict[tuple[str, str, int], str] = {}

    def service(self, number: int) -> None:
        rng = random.Random(f"{self.seed}/{number}")
        model = rng.choice(self.demo.services)
        locality = rng.choice(self.demo.localities)
        swap = self._place_swapper(model, locality)
        service_id = stable_id(self.seed, "service", number)
        name = self._name(rng, model["name"], swap, locality)
        minimum_age, maximum_age = self._ages(rng, model)
        self.rows.add(
            "service",
            id=service_id,
            organisation_id=self._organisation(model, locality, swap),
            name=name[:200],
            summary=swap(model["summary"])[:300],
            description=self._description(rng, model, swap),
            email=f"{_slug(name)[:40]}@example.org",
            url=f"https://example.org/{_slug(name)[:60]}",
            status=model["status"],
            status_note=model["status_note"],
            publication=PublicationState.PUBLISHED.value,
            minimum_age=minimum_age,
            maximum_age=maximum_age,
            eligibility_description=model["eligibility_description"],
            **self._routes(rng, model),
            referral_description=swap(model["referral_description"] or "") or None,
            schedule_notes=model["schedule_notes"],
            assured_date=date.fromisoformat(model["assured_date"])
            - timedelta(days=rng.randrange(200)),
            assurer=model["assurer"],
        )
        self._terms(rng, service_id, model)
        self._areas(service_id, model, locality)
        self._schedules(rng, service_id, model)
        self._details(rng, service_id, model)
        for venue_number, venue in enumerate(model["locations"]):
            location_id = self._location(rng, model, venue, locality, swap)
            self.rows.add(
                "service_at_location",
                id=stable_id(self.seed, f"service/{number}/at", venue_number),
                position=venue_number,
                service_id=service_id,
                location_id=location_id,
            )

    def _place_swapper(self, model: dict, locality: Locality):
        """Replaces the model's own places (towns, its district) with the new service's."""
        replacements: dict[str, str] = {}
        for venue in model["locations"]:
            for place in (venue["address_2"], venue["city"]):
                if place:
                    replacements[place] = locality.name
        for code in model["areas"]:
            if code in self.demo.districts:
                replacements[self.demo.area_names[code]] = self.demo.area_names[locality.district]
        replacements.pop(locality.name, None)
        if not replacements:
            return lambda text: text
        longest_first = sorted(replacements, key=len, reverse=True)
        pattern = re.compile(r"\b(" + "|".join(map(re.escape, longest_first)) + r")\b")
        return lambda text: pattern.sub(lambda m: replacements[m.group(1)], text)

    def _name(self, rng: random.Random, model_name: str, swap, locality: Locality) -> str:
        name = swap(model_name)
        if name != model_name or locality.name in name:
            return name
        roll = rng.random()
        if roll < 0.45:
            return f"{locality.name} {name.removeprefix('The ')}"
        if roll < 0.6:
            return f"{name}, {locality.name}"
        return name

    def _description(self, rng: random.Random, model: dict, swap) -> str:
        own = sentences(model["description"])
        kept = own[:1] + [s for s in own[1:] if rng.random() >= DROP_SENTENCE_CHANCE]
        if rng.random() < BORROW_SENTENCE_CHANCE:
            borrowed = self.demo.sentences_by_need.get(rng.choice(model["need_terms"]), [])
            if borrowed:
                kept.insert(max(1, len(kept) - 1), rng.choice(borrowed))
        return swap(" ".join(kept))

    def _ages(self, rng: random.Random, model: dict) -> tuple[int | None, int | None]:
        if rng.random() < OTHER_AGES_CHANCE:
            return rng.choice(self.demo.age_ranges)
        return model["min_age"], model["max_age"]

    def _routes(self, rng: random.Random, model: dict) -> dict[str, bool]:
        return {
            route: model[route] != (rng.random() < FLIP_ROUTE_CHANCE)
            for route in ("self_referral", "professional_referral", "drop_in")
        }

    def _terms(self, rng: random.Random, service_id: str, model: dict) -> None:
        codes = [*model["need_terms"], *model["service_types"]]
        if rng.random() < EXTRA_NEED_CHANCE:
            codes.append(rng.choice(self.demo.need_sub_terms))
        if rng.random() < EXTRA_TYPE_CHANCE:
            codes.append(rng.choice(self.demo.service_types))
        for code in dict.fromkeys(codes):
            self.rows.add(
                "service_taxonomy_term", service_id=service_id, taxonomy_term_id=self.term_ids[code]
            )

    def _areas(self, service_id: str, model: dict, locality: Locality) -> None:
        """The model's kind of area (the region, a district, a neighbourhood) where it now is."""
        codes = []
        for position, code in enumerate(model["areas"]):
            if code == self.demo.region:
                codes.append(code)
            elif code in self.demo.districts:
                codes.append(locality.district if position == 0 else code)
            else:
                codes.append(locality.neighbourhood)
        for position, code in enumerate(dict.fromkeys(codes)):
            self.rows.add(
                "service_area",
                id=stable_id(self.seed, f"{service_id}/area", position),
                position=position,
                service_id=service_id,
                area_id=self.area_ids[code],
            )

    def _schedules(self, rng: random.Random, service_id: str, model: dict) -> None:
        periods = [dict(s) for s in model["schedules"]]
        if periods and rng.random() < OTHER_DAYS_CHANCE:
            shift = rng.randrange(1, 7)
            for period in periods:
                period["byday"] = _shift_days(period["byday"], shift)
        if rng.random() < EVENING_SESSION_CHANCE:
            opens, closes = rng.choice((("18:00", "20:30"), ("18:30", "21:00"), ("19:00", "22:00")))
            periods.append(_weekly(rng.choice(DAY_CODES[:5]), opens, closes))
        if rng.random() < WEEKEND_SESSION_CHANCE:
            periods.append(_weekly(rng.choice(("SA", "SU")), "10:00", "12:30"))
        for position, period in enumerate(periods):
            self.rows.add(
                "schedule",
                id=stable_id(self.seed, f"{service_id}/schedule", position),
                position=position,
                service_id=service_id,
                freq=period["freq"],
                byday=period["byday"],
                opens_at=_time(period["opens_at"]),
                closes_at=_time(period["closes_at"]),
                valid_from=_date(period["valid_from"]),
                valid_to=_date(period["valid_to"]),
                description=period["description"],
            )

    def _details(self, rng: random.Random, service_id: str, model: dict) -> None:
        for position, phone in enumerate(model["phones"]):
            self.rows.add(
                "phone",
                id=stable_id(self.seed, f"{service_id}/phone", position),
                position=position,
                number=_drama_number(rng),
                description=phone["description"],
                service_id=service_id,
                organisation_id=None,
            )
        for position, contact in enumerate(model["contacts"]):
            self.rows.add(
                "contact",
                id=stable_id(self.seed, f"{service_id}/contact", position),
                position=position,
                service_id=service_id,
                name=contact["name"],
                title=contact["title"],
                email=contact["email"],
            )
        costs = model["cost_options"]
        if rng.random() < FLIP_COST_CHANCE:
            free = all(c["amount"] == 0 for c in costs)
            costs = (
                [{"option": "Per session", "amount": 2.5, "amount_description": None}]
                if free
                else [{"option": "Free", "amount": 0, "amount_description": None}]
            )
        for position, cost in enumerate(costs):
            self.rows.add(
                "cost_option",
                id=stable_id(self.seed, f"{service_id}/cost", position),
                position=position,
                service_id=service_id,
                option=cost["option"],
                amount=cost["amount"],
                currency="GBP",
                amount_description=cost["amount_description"],
            )
        for position, language in enumerate(model["languages"]):
            self.rows.add(
                "language",
                id=stable_id(self.seed, f"{service_id}/language", position),
                service_id=service_id,
                name=language["name"],
                code=language["code"],
            )

    def _organisation(self, model: dict, locality: Locality, swap) -> str:
        """The model's organisation, one per district it works in."""
        key = (model["organisation_id"], locality.district)
        if key not in self._organisations:
            template = self.demo.organisations[model["organisation_id"]]
            organisation_id = stable_id(self.seed, "organisation", "/".join(key))
            name = swap(template["name"])
            if name == template["name"] and locality.district not in model["areas"]:
                name = f"{name} {self.demo.area_names[locality.district]}"
            self.rows.add(
                "organisation",
                id=organisation_id,
                name=name[:200],
                description=swap(template["description"]),
                email=template["email"],
                url=template["url"],
            )
            if template.get("phone"):
                self.rows.add(
                    "phone",
                    id=stable_id(self.seed, f"{organisation_id}/phone", 0),
                    position=0,
                    number=template["phone"],
                    description=None,
                    service_id=None,
                    organisation_id=organisation_id,
                )
            self._organisations[key] = organisation_id
        return self._organisations[key]

    def _location(
        self, rng: random.Random, model: dict, venue: dict, locality: Locality, swap
    ) -> str:
        """A venue like the model's in the new place; services of one organisation there share
        a few."""
        key = (venue["id"], locality.name, rng.randrange(3))
        if key not in self._locations:
            location_id = stable_id(self.seed, "location", "/".join(map(str, key)))
            street = venue["address_1"].lstrip("0123456789 ") or venue["address_1"]
            self.rows.add(
                "location",
                id=location_id,
                organisation_id=self._organisation(model, locality, swap),
                name=swap(venue["name"])[:200],
                address_1=f"{rng.randrange(1, 120)} {street}"[:200],
                address_2=locality.name if locality.name != locality.city else None,
                city=locality.city,
                postcode=f"{locality.outward} {rng.randrange(1, 10)}"
                + "".join(rng.choice(POSTCODE_LETTERS) for _ in range(2)),
                latitude=round(locality.latitude + rng.uniform(-1, 1) * JITTER_DEGREES, 5),
                longitude=round(locality.longitude + rng.uniform(-1, 1) * JITTER_DEGREES, 5),
                transport_note=venue["transport_note"],
            )
            for position, feature in enumerate(venue["accessibility"]):
                self.rows.add(
                    "accessibility",
                    id=stable_id(self.seed, f"{location_id}/accessibility", position),
                    position=position,
                    location_id=location_id,
                    description=feature,
                )
            self._locations[key] = location_id
        return self._locations[key]


def _shift_days(byday: str, shift: int) -> str:
    """Days moved on by `shift` ("MO,WE" → "WE,FR" for 2); "1MO" keeps its ordinal."""
    shifted = []
    for entry in byday.split(","):
        ordinal, code = entry[:-2], entry[-2:]
        shifted.append(ordinal + DAY_CODES[(DAY_CODES.index(code) + shift) % 7])
    return ",".join(dict.fromkeys(shifted))


def _weekly(byday: str, opens: str, closes: str) -> dict:
    return {
        "freq": "WEEKLY",
        "byday": byday,
        "opens_at": opens,
        "closes_at": closes,
        "valid_from": None,
        "valid_to": None,
        "description": None,
    }


def _time(text: str) -> time_of_day:
    return time_of_day.fromisoformat(text)


def _date(text: str | None) -> date | None:
    return date.fromisoformat(text) if text else None


def _drama_number(rng: random.Random) -> str:
    """Ofcom keeps 0116 496 0000 to 0999 for drama: never anyone's real number."""
    return f"0116 496 0{rng.randrange(1000):03d}"


def _slug(text: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", text.casefold()).strip("-") or "service"


def compose(count: int, seed: int, terms: dict[str, str], areas: dict[str, str]) -> _Rows:
    """Every row of a `count`-service directory, given the reference data's ids by code."""
    composer = _Composer(_Demo(), seed, terms, areas)
    for number in range(count):
        composer.service(number)
    return composer.rows


def generate(database_url: str, count: int, seed: int = DEFAULT_SEED) -> None:
    """Create the app's tables in an empty database and fill them with the reference data and
    `count` published services."""
    with database_app(database_url).app_context():
        db.create_all()
        if db.session.scalar(select(func.count()).select_from(Service)):
            raise RuntimeError(f"{database_url} already holds services: use an empty database")
        seeding.load_reference_data(SEED_FOLDER)
        terms = {t.code: t.id for t in db.session.scalars(select(TaxonomyTerm))}
        areas = {a.code: a.id for a in db.session.scalars(select(Area))}
        assert {a.kind for a in db.session.scalars(select(Area))} == set(AreaKind)
        rows = compose(count, seed, terms, areas)
        tables = db.metadata.tables
        for name, table_rows in rows.tables.items():
            columns = set(tables[name].c.keys())
            for batch in _batches(table_rows):
                # A list's `position` where the models keep one (and only there).
                fitted = [{k: v for k, v in row.items() if k in columns} for row in batch]
                db.session.execute(insert(tables[name]), fitted)
        db.session.commit()
        db.session.remove()
        db.engine.dispose()


def database_app(database_url: str) -> Flask:
    """Just the database, bound to the app's models: no blueprints, no search index, none of
    the app's start-up checks, which a script filling a database has no use for."""
    app = Flask("synthetic")
    app.config["SQLALCHEMY_DATABASE_URI"] = database_url
    db.init_app(app)
    return app


def _batches(rows: list[dict]) -> Iterator[list[dict]]:
    for start in range(0, len(rows), INSERT_BATCH):
        yield rows[start : start + INSERT_BATCH]


def schema_fingerprint() -> str:
    """Changes whenever the app's tables do, so a cached copy made by older models is not
    reused."""
    columns = sorted(
        f"{table.name}.{column.name}:{column.type}"
        for table in db.metadata.sorted_tables
        for column in table.columns
    )
    return hashlib.sha256("\n".join(columns).encode()).hexdigest()[:10]


def cached_directory(count: int, seed: int = DEFAULT_SEED) -> Path:
    """A SQLite file holding the directory, made once and kept under build/bench/."""
    CACHE_FOLDER.mkdir(parents=True, exist_ok=True)
    name = f"directory-{count}-seed{seed}-v{GENERATOR_VERSION}-{schema_fingerprint()}.sqlite"
    path = CACHE_FOLDER / name
    if not path.exists():
        partial = path.with_suffix(".partial")
        partial.unlink(missing_ok=True)
        generate(f"sqlite:///{partial}", count, seed)
        partial.replace(path)
    return path


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--count", type=int, required=True, help="how many services")
    parser.add_argument("--seed", type=int, default=DEFAULT_SEED)
    parser.add_argument(
        "--database-url",
        help="an empty database to fill (default: a cached SQLite file under build/bench/)",
    )
    args = parser.parse_args()
    started = time.perf_counter()
    if args.database_url:
        generate(args.database_url, args.count, args.seed)
        where = args.database_url
    else:
        where = str(cached_directory(args.count, args.seed))
    seconds = time.perf_counter() - started
    print(f"{args.count} services (seed {args.seed}) in {where}: {seconds:.1f} s")


if __name__ == "__main__":
    main()
