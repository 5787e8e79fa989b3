"""Demo activity: about six months of care-plan other-needs entries, helpline queries, unmet
needs and searches that found nothing, so every page and the commissioners' reports have
something realistic to show. Development only (`flask seed demo`), and usable from tests.

Deterministic: one seeded random generator, fixed ids (uuid5), and dates counted back from the
app's clock, so the same clock gives the same data. Idempotent: if the first demo query is
there, nothing is added.

Nothing here identifies anyone. People are NHS *test* numbers (the 999 range, never issued to
a patient, valid by the modulus-11 check) turned into pseudonyms with the configured key, so
typing one of them finds that person's entries; the numbers themselves are not stored. Every
sentence is drawn from the fixed phrases below: no names, no numbers, no clinical detail.
"""

import random
from collections import defaultdict
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, time, timedelta
from zoneinfo import ZoneInfo

from flask import current_app
from sqlalchemy import select
from sqlalchemy.orm import selectinload

from knowledge.clock import local_now
from knowledge.directory.seeding import stable_id
from knowledge.domain.pseudonyms import person_pseudonym
from knowledge.extensions import db
from knowledge.models import (
    AgeBand,
    Area,
    AreaKind,
    EntryStatus,
    HelplineQuery,
    NeedOutcome,
    OfferOutcome,
    OtherNeedsEntry,
    PublicationState,
    QueryChannel,
    QueryNeed,
    QueryNote,
    QueryState,
    QueryUrgency,
    Service,
    ServiceOffer,
    Specialty,
    SupportLevel,
    TaxonomyTerm,
    UnmetNeed,
    UnmetReason,
    UnmetState,
    User,
    ZeroResultSearch,
)

SEED = 20260601
PEOPLE = 250
QUERIES = 600
GAPS_FROM_QUERIES = 56
GAPS_LOGGED_DIRECTLY = 4
SEARCHES = 160
# Months of activity before the current one: with the test clock (24 November 2026), June to
# November.
MONTHS_BACK = 5

# How often each need comes up, from the trust's experience of what staff ask about most.
DOMAIN_WEIGHTS = {
    "loneliness-and-isolation": 24,
    "benefits-and-money": 22,
    "housing": 15,
    "relationships": 13,
    "community-activity": 10,
    "healthy-lifestyles": 9,
    "addiction": 7,
}
# Roughly where people live: Leicester City is a third of LLR.
DISTRICT_WEIGHTS = {
    "leicester": 35,
    "charnwood": 17,
    "hinckley-and-bosworth": 10,
    "north-west-leicestershire": 10,
    "blaby": 9,
    "harborough": 9,
    "oadby-and-wigston": 5,
    "melton": 5,
    "rutland": 4,
}
SPECIALTY_WEIGHTS = {Specialty.AMH: 45, Specialty.MHSOP: 20, Specialty.LD: 20, Specialty.CAMHS: 15}
AGE_BANDS = {
    Specialty.AMH: ((AgeBand.AGE_18_25, 25), (AgeBand.AGE_26_64, 75)),
    Specialty.CAMHS: ((AgeBand.UNDER_18, 90), (AgeBand.AGE_18_25, 10)),
    Specialty.MHSOP: ((AgeBand.AGE_65_PLUS, 95), (AgeBand.AGE_26_64, 5)),
    Specialty.LD: ((AgeBand.AGE_18_25, 25), (AgeBand.AGE_26_64, 65), (AgeBand.AGE_65_PLUS, 10)),
}
TEAMS = {
    Specialty.AMH: "{district} adult community mental health team",
    Specialty.CAMHS: "{district} CAMHS community team",
    Specialty.MHSOP: "{district} older people's mental health team",
    Specialty.LD: "{district} community learning disability team",
}
WHO = {
    AgeBand.UNDER_18: ("A young person", "A teenager"),
    AgeBand.AGE_18_25: ("A young adult", "A student", "A young man", "A young woman"),
    AgeBand.AGE_26_64: ("A man", "A woman", "A parent", "An adult"),
    AgeBand.AGE_65_PLUS: ("An older man", "An older woman", "An older person"),
}

# Per sub-term: what staff ask the helpline, what they write in an entry, and what the gap is
# called when nothing meets it.
NEEDS: dict[str, tuple[tuple[str, ...], tuple[str, ...], str]] = {
    "befriending": (
        (
            "{who} living alone wants someone to visit or go out with once a week.",
            "{who} has lost touch with friends since becoming unwell and would like a befriender.",
        ),
        ("Lives alone and would like a befriender.", "Wants regular company in the week."),
        "befriending scheme",
    ),
    "social-groups": (
        (
            "{who} would like a friendly group to go to in the week, somewhere quiet.",
            "{who} wants to meet people with similar interests, ideally in the evening.",
        ),
        ("Would like a social group to build confidence.", "Wants to meet people locally."),
        "social group",
    ),
    "telephone-friendship": (
        ("{who} cannot get out much and would like a regular friendly phone call.",),
        ("Housebound most days; interested in telephone befriending.",),
        "telephone befriending service",
    ),
    "benefits-advice": (
        (
            "{who} needs help with a Universal Credit claim and the work capability assessment.",
            "{who} has had PIP stopped and wants help to ask for it to be looked at again.",
        ),
        ("Needs help with a benefits claim.", "Wants a benefits check."),
        "benefits advice service",
    ),
    "debt-advice": (
        ("{who} has rent and council tax arrears and worrying letters; needs debt advice soon.",),
        ("Money worries are affecting mood; debt advice offered.",),
        "debt advice service",
    ),
    "food-support": (
        ("{who} has run out of money before payday and needs a food bank referral this week.",),
        ("Short of food at the end of the month.",),
        "food bank",
    ),
    "bills-and-energy": (
        ("{who} is struggling to top up the prepayment meter and has no heating.",),
        ("Behind with energy bills; worried about the winter.",),
        "energy advice service",
    ),
    "employment-support": (
        ("{who} wants to get back into part-time work and needs support with applications.",),
        ("Would like help back into work.",),
        "supported employment scheme",
    ),
    "homelessness": (
        ("{who} has been asked to leave the family home and has nowhere to stay next week.",),
        ("At risk of homelessness; needs urgent housing advice.",),
        "emergency accommodation scheme",
    ),
    "tenancy-support": (
        ("{who} is at risk of losing a tenancy and needs help managing bills and letters.",),
        ("Needs support to keep the tenancy going.",),
        "tenancy support service",
    ),
    "housing-advice": (
        ("{who} lives in a damp flat and wants advice about repairs or moving.",),
        ("Housing is unsuitable; wants advice on options.",),
        "housing advice service",
    ),
    "alcohol": (
        ("{who} wants to cut down on drinking and would like a local support group.",),
        ("Wants support to cut down on alcohol.",),
        "alcohol support group",
    ),
    "drugs": (
        ("{who} wants confidential support with cannabis use, outside the GP surgery.",),
        ("Interested in support with drug use.",),
        "drug support service",
    ),
    "gambling": (
        ("{who} has debts from online gambling and wants specialist support.",),
        ("Gambling is causing money problems.",),
        "gambling support service",
    ),
    "family-support": (
        ("A parent wants support with a teenager's behaviour at home and at school.",),
        ("Family would like parenting support.",),
        "family support service",
    ),
    "carers": (
        (
            "A carer looking after a partner at home needs a break and someone to talk to.",
            "{who} caring for a relative wants a carers' group nearby.",
        ),
        ("Carer under strain; would like a carers' group.", "Needs a break from caring."),
        "carers' group",
    ),
    "domestic-abuse": (
        ("{who} needs a specialist domestic abuse service that can be contacted safely.",),
        ("Needs safe contact with a domestic abuse service.",),
        "domestic abuse service",
    ),
    "bereavement": (
        ("{who} was bereaved this year and wants face-to-face bereavement support.",),
        ("Recently bereaved; would like to talk to someone.",),
        "face-to-face bereavement service",
    ),
    "physical-activity": (
        ("{who} would like gentle exercise, such as a walking group, to help with mood.",),
        ("Wants to be more active; interested in a walking group.",),
        "walking group",
    ),
    "healthy-eating": (
        ("{who} wants help with cooking on a budget and eating well.",),
        ("Would like to learn to cook simple meals.",),
        "cooking on a budget course",
    ),
    "stop-smoking": (
        ("{who} wants to stop smoking and would prefer a local drop-in.",),
        ("Wants to stop smoking.",),
        "stop smoking drop-in",
    ),
    "wellbeing": (
        ("{who} would like a relaxation or mindfulness group in the community.",),
        ("Interested in a wellbeing group.",),
        "mindfulness group",
    ),
    "volunteering": (
        ("{who} would like to volunteer a few hours a week to build routine and confidence.",),
        ("Wants to volunteer to build routine.",),
        "supported volunteering scheme",
    ),
    "arts-and-crafts": (
        ("{who} enjoys painting and would like an arts group that welcomes beginners.",),
        ("Enjoys art; would like a creative group.",),
        "arts group",
    ),
    "gardening": (
        ("{who} would like to garden with others, such as a community allotment.",),
        ("Would like outdoor activity such as gardening.",),
        "community gardening group",
    ),
    "learning": (
        ("{who} wants to improve English and maths with a free course nearby.",),
        ("Interested in an adult learning course.",),
        "free adult learning course",
    ),
    "faith-and-culture": (
        ("{who} would like a community group where Gujarati or Punjabi is spoken.",),
        ("Would like a group in their own language.",),
        "community-language group",
    ),
}
GAP_WORDING = {
    UnmetReason.NO_SERVICE: "No {thing} in {place}.",
    UnmetReason.OPENING_TIMES: "The {thing} in {place} is daytime only; people who work need more.",
    UnmetReason.CAPACITY: "The {thing} in {place} has a waiting list of several months.",
    UnmetReason.COST: "The only {thing} in {place} charges more than people on benefits can pay.",
    UnmetReason.TRANSPORT: "The nearest {thing} is hard to reach from {place} by bus.",
    UnmetReason.BARRIER: "No {thing} in {place} with interpreters or in community languages.",
    UnmetReason.NOT_ELIGIBLE_AGE: "The {thing} in {place} does not take this age group.",
    UnmetReason.NOT_ELIGIBLE_DIAGNOSIS: "The {thing} in {place} excludes some diagnoses.",
    UnmetReason.NOT_ELIGIBLE_RESIDENCE: "The {thing} nearest {place} takes only its own residents.",
    UnmetReason.CLOSED: "The {thing} in {place} closed when its funding ended.",
    UnmetReason.OTHER: "Nothing suitable found for a {thing} in {place}.",
}
REASON_WEIGHTS = {
    UnmetReason.NO_SERVICE: 25,
    UnmetReason.CAPACITY: 15,
    UnmetReason.OPENING_TIMES: 12,
    UnmetReason.TRANSPORT: 12,
    UnmetReason.COST: 8,
    UnmetReason.BARRIER: 8,
    UnmetReason.NOT_ELIGIBLE_AGE: 4,
    UnmetReason.NOT_ELIGIBLE_DIAGNOSIS: 3,
    UnmetReason.NOT_ELIGIBLE_RESIDENCE: 3,
    UnmetReason.CLOSED: 7,
    UnmetReason.OTHER: 3,
}
OUTCOME_WEIGHTS = {
    NeedOutcome.MET_EXISTING: 62,
    NeedOutcome.MET_NEW: 8,
    NeedOutcome.PARTLY_MET: 12,
    NeedOutcome.UNMET: 18,
}
OFFER_WEIGHTS = {
    OfferOutcome.GIVEN_INFORMATION: 40,
    OfferOutcome.HELPED_TO_CONTACT: 25,
    OfferOutcome.SUPPORTED_TO_ATTEND: 12,
    OfferOutcome.DECLINED: 10,
    OfferOutcome.NOT_SUITABLE: 13,
}
ANSWERS = {
    NeedOutcome.MET_EXISTING: (
        "The services linked below fit what is needed and take self-referrals.",
        "One service in the directory fits well: details below. Ring first to check a place.",
    ),
    NeedOutcome.MET_NEW: (
        "We found a local group that was not in the directory and have added it: see below.",
    ),
    NeedOutcome.PARTLY_MET: (
        "The nearest service only covers part of the need: details below. We have noted the gap.",
    ),
    NeedOutcome.UNMET: (
        "We could not find anything suitable in the area. We have logged it as an unmet need, "
        "which is reported to commissioners.",
    ),
}
NOTES = (
    "Checked the directory and the council's local offer.",
    "Rang the provider to check they have space before suggesting it.",
    "Asked the local social prescribing link worker what else runs in the area.",
    "Left a message with the provider; waiting to hear back.",
    "Nothing in the area; checked neighbouring districts too.",
)
CLOSING_REASONS = (
    "A duplicate of another record in the register.",
    "No longer needed: the group has started again.",
)
# Reporting to commissioners is quarterly: the first Monday of each quarter.
REPORTING_DAYS = (date(2026, 7, 6), date(2026, 10, 5), date(2027, 1, 4))
SEARCH_WORDS = (
    "mens shed",
    "sign language coffee morning",
    "evening befriending",
    "allotment",
    "hoarding support",
    "autism adults social",
    "polish speaking group",
    "young carers",
    "free gym",
    "debt advice evening",
    "bus pass help",
    "menopause group",
    "veterans breakfast club",
    "lgbt youth group",
    "pet food bank",
    "online befriending",
    "cooking class men",
    "chess club",
    "ramadan food parcels",
    "storage for homeless",
)


@dataclass
class DemoCounts:
    people: int = 0
    entries: int = 0
    offers: int = 0
    queries: int = 0
    query_needs: int = 0
    unmet_needs: int = 0
    searches: int = 0
    already_present: bool = False
    skipped: str = ""

    def describe(self) -> str:
        if self.already_present:
            return "already present"
        if self.skipped:
            return f"not added: {self.skipped}"
        return (
            f"{self.people} people, {self.entries} other-needs entries ({self.offers} services "
            f"offered), {self.queries} helpline queries ({self.query_needs} needs), "
            f"{self.unmet_needs} unmet needs, {self.searches} searches that found nothing"
        )


def demo_id(kind: str, number: int) -> str:
    return stable_id(f"demo-{kind}", str(number))


def nhs_test_numbers(count: int, rng: random.Random) -> list[str]:
    """Distinct NHS numbers in the 999 range (test numbers, never issued), each with a valid
    modulus-11 check digit."""
    numbers: list[str] = []
    seen: set[str] = set()
    while len(numbers) < count:
        first_nine = "999" + "".join(str(rng.randrange(10)) for _ in range(6))
        total = sum(int(d) * w for d, w in zip(first_nine, range(10, 1, -1), strict=True))
        check = 11 - total % 11
        if check == 10:
            continue
        number = first_nine + str(0 if check == 11 else check)
        if number not in seen:
            seen.add(number)
            numbers.append(number)
    return numbers


def demo_nhs_numbers(count: int = PEOPLE) -> list[str]:
    """The demo people's NHS numbers, in order: the README lists the first three."""
    return nhs_test_numbers(count, random.Random(SEED))


def load_demo_activity(
    asker: User, handler: User, now: datetime | None = None, key: str | None = None
) -> DemoCounts:
    """Add the demo activity once, in one commit. `asker` is the staff account that asks in the
    app and writes the entries; `handler` answers. `now` is UK local time (the app clock)."""
    if db.session.get(HelplineQuery, demo_id("query", 1)) is not None:
        return DemoCounts(already_present=True)
    if db.session.scalar(select(HelplineQuery.id).limit(1)) is not None:
        # Real or hand-made queries already hold references the demo would reuse.
        return DemoCounts(skipped="the helpline already has queries")
    builder = _DemoBuilder(
        asker=asker,
        handler=handler,
        now=now or local_now(),
        key=key or current_app.config["PSEUDONYM_KEY"],
        zone=ZoneInfo(current_app.config["TIMEZONE"]),
    )
    counts = builder.build()
    db.session.commit()
    return counts


@dataclass
class _Person:
    pseudonym: str
    specialty: Specialty
    age_band: AgeBand
    area: Area
    team: str
    domains: dict[str, OtherNeedsEntry] = field(default_factory=dict)


@dataclass
class _Gap:
    term: TaxonomyTerm
    area: Area
    reason: UnmetReason
    age_band: AgeBand | None
    specialty: Specialty | None
    description: str
    district: Area
    needs: list[QueryNeed] = field(default_factory=list)
    people: list[_Person] = field(default_factory=list)


class _DemoBuilder:
    def __init__(self, *, asker: User, handler: User, now: datetime, key: str, zone: ZoneInfo):
        self.rng = random.Random(SEED)
        self.asker, self.handler, self.now, self.key, self.zone = asker, handler, now, key, zone
        self.today = now.date()
        first_of_month = self.today.replace(day=1)
        month = first_of_month.month - MONTHS_BACK
        year = first_of_month.year + (month - 1) // 12
        self.start = date(year, (month - 1) % 12 + 1, 1)
        self.terms = {t.code: t for t in db.session.scalars(select(TaxonomyTerm))}
        self.areas = {a.code: a for a in db.session.scalars(select(Area))}
        if not self.terms or not self.areas:
            raise RuntimeError("Load the reference data and the demo directory first")
        self.services = self._services_by_domain()
        self.counts = DemoCounts()
        self.notes = 0

    # Helpers ----------------------------------------------------------------------------------

    def pick(self, weights: dict):
        return self.rng.choices(list(weights), weights=list(weights.values()))[0]

    def utc(self, local: datetime) -> datetime:
        return local.replace(tzinfo=self.zone).astimezone(UTC)

    def working_moment(self, day: date) -> datetime:
        """A local time in working hours that day, never after now."""
        moment = datetime.combine(day, time(9)) + timedelta(minutes=self.rng.randrange(8 * 60))
        latest = self.now - timedelta(minutes=15)
        if moment > latest:
            moment = latest - timedelta(minutes=self.rng.randrange(5, 240))
        return moment

    def not_after_now(self, moment: datetime) -> datetime | None:
        return moment if moment <= self.now - timedelta(minutes=5) else None

    def day_in_period(self, recent_bias: float = 0.5) -> date:
        """A working day (mostly) between the start and today, busier as the service grows."""
        days = (self.today - self.start).days + 1
        weights = []
        for offset in range(days):
            day = self.start + timedelta(days=offset)
            weekday = (1.0, 1.0, 1.0, 1.0, 0.9, 0.08, 0.04)[day.weekday()]
            weights.append(weekday * (1 + recent_bias * offset / days))
        return self.start + timedelta(days=self.rng.choices(range(days), weights=weights)[0])

    def sub_term(self, domain_code: str | None = None) -> TaxonomyTerm:
        domain = self.terms[domain_code or self.pick(DOMAIN_WEIGHTS)]
        return self.rng.choice([c for c in domain.children if c.code in NEEDS])

    def neighbourhood(self, district_code: str | None = None) -> Area:
        district = self.areas[district_code or self.pick(DISTRICT_WEIGHTS)]
        return self.rng.choice(district.children) if district.children else district

    def _services_by_domain(self) -> dict[str, list[tuple[Service, set[str]]]]:
        found: dict[str, list[tuple[Service, set[str]]]] = defaultdict(list)
        services = db.session.scalars(
            select(Service)
            .where(Service.publication == PublicationState.PUBLISHED)
            .options(selectinload(Service.taxonomy_terms), selectinload(Service.service_areas))
            .order_by(Service.id)
        )
        for service in services:
            places = set()
            for service_area in service.service_areas:
                area = service_area.area
                if area.kind == AreaKind.NEIGHBOURHOOD and area.parent is not None:
                    area = area.parent
                places.add(area.code)
            for domain in {t.top.code for t in service.terms_in("need-domain")}:
                found[domain].append((service, places))
        return found

    def service_for(self, term: TaxonomyTerm, area: Area | None) -> Service | None:
        """A published demo service in the need's domain, one serving the district if any."""
        candidates = self.services.get(term.top.code, [])
        if not candidates:
            return None
        district = area.parent if area and area.kind == AreaKind.NEIGHBOURHOOD else area
        local = [
            s
            for s, places in candidates
            if district is None or district.code in places or "llr" in places
        ]
        return self.rng.choice(local or [s for s, _ in candidates])

    def who(self, age_band: AgeBand | None, specialty: Specialty | None) -> str:
        if specialty is Specialty.LD and self.rng.random() < 0.5:
            return "An adult with a learning disability"
        return self.rng.choice(WHO[age_band or AgeBand.AGE_26_64])

    # The build --------------------------------------------------------------------------------

    def build(self) -> DemoCounts:
        people = self.people()
        for person in people:
            self.entries_for(person)
        queries = self.queries(people)
        self.gaps(queries, people)
        self.searches()
        return self.counts

    def people(self) -> list[_Person]:
        people = []
        for number in nhs_test_numbers(PEOPLE, random.Random(SEED)):
            specialty = self.pick(SPECIALTY_WEIGHTS)
            area = self.neighbourhood()
            people.append(
                _Person(
                    pseudonym=person_pseudonym(number, self.key),
                    specialty=specialty,
                    age_band=self.pick(dict(AGE_BANDS[specialty])),
                    area=area,
                    team=TEAMS[specialty].format(district=area.parent.name),
                )
            )
        self.counts.people = len(people)
        return people

    def entries_for(self, person: _Person) -> None:
        how_many = self.pick({1: 55, 2: 30, 3: 15})
        remaining = dict(DOMAIN_WEIGHTS)
        domains = []
        for _ in range(how_many):
            domains.append(self.pick(remaining))
            del remaining[domains[-1]]
        for domain in domains:
            self.counts.entries += 1
            term = self.sub_term(domain)
            created = self.working_moment(self.day_in_period(0.3))
            level = self.pick(
                {
                    SupportLevel.ADVICE: 40,
                    SupportLevel.NEEDING_HELP: 40,
                    SupportLevel.NEEDING_MORE_HELP: 20,
                }
            )
            old = (self.now - created).days > 60
            closed = self.rng.random() < (0.55 if old else 0.2)
            actions = list(level.actions)
            done = actions if closed else actions[: self.rng.randint(1, len(actions))]
            closed_at = (
                self.not_after_now(created + timedelta(days=self.rng.randint(14, 60)))
                if closed
                else None
            )
            entry = OtherNeedsEntry(
                id=demo_id("entry", self.counts.entries),
                person_pseudonym=person.pseudonym,
                need_term=term,
                description=self.rng.choice(NEEDS[term.code][1]),
                support_level=level,
                actions_done=[a.value for a in done],
                status=EntryStatus.CLOSED if closed_at else EntryStatus.OPEN,
                review_date=(created + timedelta(days=90)).date(),
                team=person.team,
                specialty=person.specialty,
                age_band=person.age_band,
                area=person.area,
                created_by=self.asker,
                created_at=self.utc(created),
                updated_at=self.utc(closed_at or created),
                closed_at=self.utc(closed_at) if closed_at else None,
            )
            chosen: set[str] = set()
            for _ in range(self.pick({0: 10, 1: 55, 2: 35})):
                service = self.service_for(term, person.area)
                if service is None or service.id in chosen:
                    continue
                chosen.add(service.id)
                self.counts.offers += 1
                offered = min(created + timedelta(days=self.rng.randint(0, 14)), self.now)
                entry.offers.append(
                    ServiceOffer(
                        id=demo_id("offer", self.counts.offers),
                        service=service,
                        outcome=self.pick(OFFER_WEIGHTS),
                        offered_at=self.utc(offered),
                    )
                )
            db.session.add(entry)
            person.domains.setdefault(term.top.code, entry)

    def query_state(self, age_days: int) -> QueryState:
        if age_days <= 1:
            weights = {QueryState.NEW: 50, QueryState.IN_PROGRESS: 40, QueryState.ANSWERED: 10}
        elif age_days <= 7:
            weights = {
                QueryState.NEW: 10,
                QueryState.IN_PROGRESS: 35,
                QueryState.ANSWERED: 30,
                QueryState.CLOSED: 25,
            }
        elif age_days <= 21:
            weights = {QueryState.IN_PROGRESS: 8, QueryState.ANSWERED: 17, QueryState.CLOSED: 75}
        else:
            weights = {QueryState.ANSWERED: 3, QueryState.CLOSED: 97}
        return self.pick(weights)

    def queries(self, people: list[_Person]) -> list[HelplineQuery]:
        received = sorted(self.working_moment(self.day_in_period()) for _ in range(QUERIES))
        queries = []
        need_number = 0
        per_year: dict[int, int] = defaultdict(int)
        for number, moment in enumerate(received, start=1):
            per_year[moment.year] += 1
            person = self.rng.choice(people) if self.rng.random() < 0.65 else None
            channel = self.pick(
                {QueryChannel.APP: 35, QueryChannel.PHONE: 45, QueryChannel.EMAIL: 20}
            )
            specialty = person.specialty if person else self.pick(SPECIALTY_WEIGHTS)
            area = person.area if person else self.neighbourhood()
            state = self.query_state((self.now - moment).days)
            query = HelplineQuery(
                id=demo_id("query", number),
                reference=f"Q-{moment.year}-{per_year[moment.year]:04d}",
                channel=channel,
                asked_by=self.asker if channel is QueryChannel.APP else None,
                caller_team=person.team
                if person
                else TEAMS[specialty].format(district=area.parent.name),
                caller_specialty=specialty,
                area=area,
                age_band=person.age_band if person else self.pick(dict(AGE_BANDS[specialty])),
                urgency=self.pick(
                    {QueryUrgency.TODAY: 10, QueryUrgency.THIS_WEEK: 30, QueryUrgency.ROUTINE: 60}
                ),
                person_pseudonym=person.pseudonym if person else None,
                state=state,
                handler=None if state is QueryState.NEW else self.handler,
                received_at=self.utc(moment),
                question="",
            )
            for position in range(self.pick({1: 85, 2: 15})):
                need_number += 1
                term = self.sub_term()
                query.needs.append(
                    QueryNeed(id=demo_id("need", need_number), position=position, need_term=term)
                )
                if person and term.top.code in person.domains and self.rng.random() < 0.5:
                    query.other_needs_entry = person.domains[term.top.code]
            self.decide(query, moment)
            queries.append(query)
            db.session.add(query)
        self.counts.queries = len(queries)
        self.counts.query_needs = need_number
        return queries

    def decide(self, query: HelplineQuery, received: datetime) -> None:
        """Outcomes for the needs a handler has worked on, and the dates that follow."""
        if query.state is QueryState.NEW:
            return
        decided = received
        for need in query.needs:
            if query.state is QueryState.IN_PROGRESS and self.rng.random() < 0.7:
                continue
            decided = decided + timedelta(minutes=self.rng.randint(20, 2 * 24 * 60))
            decided = min(decided, self.now - timedelta(minutes=10))
            need.outcome = self.pick(OUTCOME_WEIGHTS)
            need.decided_at = self.utc(decided)
        query.minutes_spent = self.rng.randint(5, 45) * len(query.needs)
        if query.state in (QueryState.ANSWERED, QueryState.CLOSED):
            query.answered_at = self.utc(decided)
            if query.state is QueryState.CLOSED:
                closed = self.not_after_now(decided + timedelta(days=self.rng.randint(0, 5)))
                query.closed_at = self.utc(closed or decided)
        # Follow-ups on recent work: an answered query from months ago has been let go.
        recent = (self.now - received).days <= 40
        if query.state is not QueryState.CLOSED and recent and self.rng.random() < 0.5:
            query.follow_up_on = (received + timedelta(days=self.rng.randint(7, 21))).date()
        if self.rng.random() < 0.3:
            self.notes += 1
            query.notes.append(
                QueryNote(
                    id=demo_id("note", self.notes),
                    author=self.handler,
                    text=self.rng.choice(NOTES),
                    written_at=self.utc(min(received + timedelta(hours=2), self.now)),
                )
            )

    def gaps(self, queries: list[HelplineQuery], people: list[_Person]) -> None:
        """Group the unmet needs: each joins one of a fixed set of gaps, a few gaps drawing
        many queries (so some reports show counts of 8 or more), most one or two."""
        gaps = self.gap_definitions(GAPS_FROM_QUERIES + GAPS_LOGGED_DIRECTLY)
        from_queries, direct = gaps[:GAPS_FROM_QUERIES], gaps[GAPS_FROM_QUERIES:]
        # The most asked-about gaps are where most people live.
        from_queries.sort(key=lambda gap: -DISTRICT_WEIGHTS[gap.district.code])
        unmet_needs = sorted(
            (n for q in queries for n in q.needs if n.outcome is NeedOutcome.UNMET),
            key=lambda n: n.decided_at,
        )
        slots = list(range(min(len(from_queries), len(unmet_needs))))
        weights = [1 / (rank + 1) for rank in range(len(from_queries))]
        slots += self.rng.choices(
            range(len(from_queries)), weights, k=len(unmet_needs) - len(slots)
        )
        self.rng.shuffle(slots)
        by_district: dict[str, list[_Person]] = defaultdict(list)
        for person in people:
            by_district[person.area.parent.code].append(person)
        joined: dict[str, Area] = {}  # query id → the district its first unmet need set
        for need, slot in zip(unmet_needs, slots, strict=True):
            gap = from_queries[slot]
            district = joined.get(need.query.id)
            if district is not None and gap.district is not district:
                # A query is about one place: its second unmet need joins a gap there.
                gap = next((g for g in from_queries if g.district is district), None)
                if gap is None:
                    need.outcome = NeedOutcome.PARTLY_MET
                    continue
            joined[need.query.id] = gap.district
            self.join_gap(gap, need, by_district)
        for gap in from_queries + direct:
            self.record_gap(gap)
        for query in queries:
            self.write_question_and_answer(query)

    def gap_definitions(self, count: int) -> list[_Gap]:
        gaps: list[_Gap] = []
        seen: set[tuple[str, str]] = set()
        while len(gaps) < count:
            term = self.sub_term()
            district = self.pick(DISTRICT_WEIGHTS)
            place = (
                self.areas[district] if self.rng.random() < 0.6 else self.neighbourhood(district)
            )
            if (term.code, district) in seen:
                continue
            seen.add((term.code, district))
            reason = self.pick(REASON_WEIGHTS)
            specialty = self.pick(SPECIALTY_WEIGHTS) if self.rng.random() < 0.6 else None
            age_band = self.pick(dict(AGE_BANDS[specialty])) if specialty else None
            wording = GAP_WORDING[reason].format(thing=NEEDS[term.code][2], place=place.name)
            gaps.append(
                _Gap(term, place, reason, age_band, specialty, wording, self.areas[district])
            )
        return gaps

    def join_gap(self, gap: _Gap, need: QueryNeed, by_district: dict) -> None:
        query = need.query
        district = gap.district
        if gap.area.kind == AreaKind.NEIGHBOURHOOD:
            query.area = gap.area
        else:
            query.area = self.neighbourhood(district.code)
        need.need_term = gap.term
        roll = self.rng.random()
        if gap.people and roll < 0.15:
            person = self.rng.choice(gap.people)
        elif roll < 0.85:
            local = by_district[district.code]
            alike = [p for p in local if gap.specialty in (None, p.specialty)]
            person = self.rng.choice(alike if len(alike) >= 5 else local) if local else None
        else:
            person = None
        query.person_pseudonym = person.pseudonym if person else None
        if query.other_needs_entry is not None and (
            person is None or query.other_needs_entry.person_pseudonym != person.pseudonym
        ):
            query.other_needs_entry = None
        if person is not None:
            gap.people.append(person)
            query.caller_team, query.caller_specialty = person.team, person.specialty
            query.age_band = person.age_band
        if gap.specialty is not None:
            query.caller_specialty, query.age_band = gap.specialty, gap.age_band
        gap.needs.append(need)

    def record_gap(self, gap: _Gap) -> None:
        if gap.needs:
            first = gap.needs[0].decided_at.astimezone(self.zone).replace(tzinfo=None)
        else:
            first = self.working_moment(self.day_in_period())
        self.counts.unmet_needs += 1
        unmet = UnmetNeed(
            id=demo_id("unmet", self.counts.unmet_needs),
            need_term=gap.term,
            reason=gap.reason,
            area=gap.area,
            age_band=gap.age_band,
            specialty=gap.specialty,
            description=gap.description,
            state=UnmetState.OPEN,
            first_seen=first.date(),
            created_at=self.utc(first),
            created_by_id=self.handler.id,
        )
        for need in gap.needs:
            need.unmet_need = unmet
        last = max((n.decided_at for n in gap.needs), default=self.utc(first))
        reported_on = next(
            (day for day in REPORTING_DAYS if first.date() < day <= self.today), None
        )
        if reported_on and self.rng.random() < 0.75:
            unmet.state, unmet.reported_on = UnmetState.REPORTED, reported_on
        old_enough = (self.now - first).days > 45 and (self.utc(self.now) - last).days > 14
        roll = self.rng.random()
        if old_enough and roll < 0.15:
            service = self.service_for(gap.term, gap.area)
            if service is not None:
                unmet.state, unmet.addressed_by = UnmetState.ADDRESSED, service
        elif old_enough and roll < 0.23:
            unmet.state, unmet.closed_reason = UnmetState.CLOSED, self.rng.choice(CLOSING_REASONS)
        db.session.add(unmet)

    def write_question_and_answer(self, query: HelplineQuery) -> None:
        """Written last, once the needs are final (an unmet need may have changed one)."""
        sentences = []
        for need in query.needs:
            template = self.rng.choice(NEEDS[need.need_term.code][0])
            sentences.append(template.format(who=self.who(query.age_band, query.caller_specialty)))
        query.question = " Also: ".join(
            [sentences[0]] + [s[0].lower() + s[1:] for s in sentences[1:]]
        )
        decided = [n for n in query.needs if n.outcome is not None]
        for need in decided:
            if need.outcome is not NeedOutcome.UNMET:
                need.service = self.service_for(need.need_term, query.area)
        if query.state in (QueryState.ANSWERED, QueryState.CLOSED) and decided:
            query.answer = " ".join(
                dict.fromkeys(self.rng.choice(ANSWERS[n.outcome]) for n in decided)
            )

    def searches(self) -> None:
        weights = [1 / (rank + 1) for rank in range(len(SEARCH_WORDS))]
        for number in range(1, SEARCHES + 1):
            words = self.rng.choices(SEARCH_WORDS, weights)[0]
            db.session.add(
                ZeroResultSearch(
                    id=demo_id("search", number),
                    words=words,
                    searched_on=self.today - timedelta(days=self.rng.randrange(90)),
                )
            )
        self.counts.searches = SEARCHES
