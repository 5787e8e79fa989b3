"""The open Open Referral UK 3.0 API, as another directory would use it: every endpoint's
answers checked against the profile's own schemas, every query parameter, paging, privacy,
CORS, caching and the rate limit."""

import json
from datetime import UTC, datetime, timedelta

import pytest
from sqlalchemy import event, select, update
from werkzeug.datastructures import MultiDict

from knowledge.access import public
from knowledge.curation.records import save_location, update_organisation, update_term
from knowledge.curation.services import PeriodChange, update_opening_times, update_phones
from knowledge.directory.services import parse_search_params, search_directory
from knowledge.domain.geo import distance_km
from knowledge.extensions import db
from knowledge.models import (
    Location,
    Organisation,
    PublicationState,
    Role,
    Service,
    ServiceAtLocation,
    ServiceStatus,
    Taxonomy,
    TaxonomyTerm,
)
from knowledge.oruk import schemas
from knowledge.oruk.services import load_services
from tests.conftest import FIXED_NOW, make_app
from tests.factories import create_service, schedule

API = "/api/oruk"
MAX_PER_PAGE = 200
PUBLIC_BASE = "https://knowledge.example.nhs.uk"
# The test app started at FIXED_NOW (7:30pm on a November day: GMT, so UTC too); its clock is
# moved on from here, where a test needs Last-Modified sent.
LATER = datetime(2026, 11, 24, 19, 40, tzinfo=UTC)


def get(client, path: str, **params):
    response = client.get(API + path, query_string=params)
    return response


def ok(client, path: str, **params) -> dict:
    response = get(client, path, **params)
    assert response.status_code == 200, response.get_data(as_text=True)
    return response.json


def every_page(client, path: str, **params) -> list[dict]:
    """Every item of a list, page by page, each page checked against its schema."""
    items, page = [], 1
    while True:
        document = ok(client, path, page=page, per_page=MAX_PER_PAGE, **params)
        assert schemas.errors(document, schemas.response_validator(path)) == []
        items += document["contents"]
        if document["last_page"]:
            return items
        page += 1


def ids(client, path: str, **params) -> list[str]:
    return [item["id"] for item in every_page(client, path, **params)]


def public_services() -> list[Service]:
    return list(
        db.session.scalars(
            select(Service).where(
                Service.publication == PublicationState.PUBLISHED,
                Service.status.in_((ServiceStatus.ACTIVE, ServiceStatus.TEMPORARILY_CLOSED)),
            )
        )
    )


def by_name(services) -> list[str]:
    return [s.id for s in sorted(services, key=lambda s: (s.name.lower(), s.id))]


def narrows(found: list[str], expected: list[str], everything: list[str]) -> None:
    """The filter found what it should, and it left something out."""
    assert found == expected
    assert expected, "nothing matched: the test proves nothing"
    assert set(everything) - set(expected), "nothing was left out: the test proves nothing"


# Every endpoint against the schemas ----------------------------------------------------------


def test_the_meta_endpoint_points_at_the_openapi_document(demo, demo_client, monkeypatch):
    monkeypatch.setitem(demo.config, "PUBLIC_BASE_URL", PUBLIC_BASE + "/")
    meta = ok(demo_client, "/")
    assert schemas.errors(meta, schemas.response_validator("/")) == []
    assert meta == {
        "version": "HSDS-UK-3.0",
        "profile": "https://github.com/openreferral/uk-profile",
        "openapi_url": f"{PUBLIC_BASE}/api/oruk/openapi.json",
    }
    document = demo_client.get(meta["openapi_url"].removeprefix(PUBLIC_BASE)).json
    assert document.pop("servers") == [{"url": f"{PUBLIC_BASE}/api/oruk"}]
    assert document == schemas.openapi_document()


def test_a_forged_host_never_appears_in_an_answer(demo, demo_client, monkeypatch):
    """Answers are publicly cached: one naming the Host a caller sent would hand that address
    to everyone the cache serves."""
    monkeypatch.setitem(demo.config, "PUBLIC_BASE_URL", PUBLIC_BASE)
    service_id = ok(demo_client, "/services", per_page=1)["contents"][0]["id"]
    link_id = ok(demo_client, "/service_at_locations", per_page=1)["contents"][0]["id"]
    term_id = ok(demo_client, "/taxonomy_terms", per_page=1)["contents"][0]["id"]
    paths = [
        "/",
        "/openapi.json",
        "/services?full=true",
        f"/services/{service_id}",
        "/service_at_locations?full=true",
        f"/service_at_locations/{link_id}",
        "/taxonomies",
        f"/taxonomy_terms/{term_id}",
        "/services/no-such-service",
        "/organizations",
        "/services?per_page=0",
    ]
    for path in paths:
        response = demo_client.get(API + path, base_url="http://evil.example")
        answer = response.get_data(as_text=True) + str(response.headers)
        assert "evil.example" not in answer, path
        assert response.status_code != 200 or response.json, path
    assert PUBLIC_BASE in demo_client.get(f"{API}/organizations").json["message"]
    # The forged Host does reach the app: unset (development), the API names it.
    monkeypatch.setitem(demo.config, "PUBLIC_BASE_URL", None)
    meta = demo_client.get(f"{API}/", base_url="http://evil.example").json
    assert meta["openapi_url"] == "http://evil.example/api/oruk/openapi.json"


def test_every_published_service_validates_in_every_shape(demo, demo_client):
    expected = by_name(public_services())
    listed = every_page(demo_client, "/services")
    full = every_page(demo_client, "/services", full="true")
    assert [s["id"] for s in listed] == [s["id"] for s in full] == expected
    # GET /services/{id} answers compiled/service.json: each full item is checked against it,
    # and each service's own answer is that same document.
    one = schemas.response_validator("/services/{id}")
    for summary, item in zip(listed, full, strict=True):
        assert (
            "schedules" not in summary and "organization_identifiers" not in summary["organization"]
        )
        assert schemas.errors(item, one) == [], item["id"]
        assert ok(demo_client, f"/services/{item['id']}") == item
        assert {k: v for k, v in item.items() if k in summary} | {
            "organization": summary["organization"]
        } == summary


def test_every_service_at_a_place_validates_in_every_shape(demo, demo_client):
    """The profile's openapi.json says `/service_at_locations/{id}` answers with
    compiled/service.json, which its own example service_at_location fails (no name, no
    status): a defect in the published profile (tests/oruk/test_schemas.py keeps it visible).
    The API answers with the service_at_location shape, checked here against
    compiled/service_at_location.json."""
    links = db.session.scalars(
        select(ServiceAtLocation).where(
            ServiceAtLocation.service_id.in_([s.id for s in public_services()])
        )
    ).all()
    listed = every_page(demo_client, "/service_at_locations")
    full = every_page(demo_client, "/service_at_locations", full="true")
    assert sorted(x["id"] for x in listed) == sorted(x["id"] for x in full)
    assert sorted(x["id"] for x in listed) == sorted(link.id for link in links)
    shape = schemas.validator("compiled/service_at_location.json")
    for item in full:
        assert schemas.errors(item, shape) == [], item["id"]
        assert ok(demo_client, f"/service_at_locations/{item['id']}") == item
        assert "service_at_locations" not in item["service"]
        assert item["location"]["addresses"][0]["country"] == "GB"


def test_every_taxonomy_and_term_validates(demo, demo_client):
    taxonomies = every_page(demo_client, "/taxonomies")
    terms = every_page(demo_client, "/taxonomy_terms")
    assert len(taxonomies) == db.session.query(Taxonomy).count() == 2
    assert len(terms) == db.session.query(TaxonomyTerm).count()
    for taxonomy in taxonomies:
        alone = ok(demo_client, f"/taxonomies/{taxonomy['id']}")
        assert schemas.errors(alone, schemas.response_validator("/taxonomies/{id}")) == []
        mine = [t for t in terms if t["taxonomy_id"] == taxonomy["id"]]
        assert alone["taxonomy_terms"] == mine
        # A reader meets a broader term before the narrower ones under it.
        seen: set[str] = set()
        for term in mine:
            assert term.get("parent_id") is None or term["parent_id"] in seen
            seen.add(term["id"])
    for term in terms:
        alone = ok(demo_client, f"/taxonomy_terms/{term['id']}")
        assert schemas.errors(alone, schemas.response_validator("/taxonomy_terms/{id}")) == []
        assert alone == term


def test_lists_read_the_same_number_of_queries_whatever_their_length(demo, demo_client):
    """No query per service: 50,000 services must not mean 50,000 queries."""
    statements: list[str] = []

    def count(*args):
        statements.append(args[2])

    event.listen(db.engine, "before_cursor_execute", count)
    try:
        costs = {}
        for path in ("/services", "/service_at_locations"):
            for per_page in (5, MAX_PER_PAGE):
                statements.clear()
                ok(demo_client, path, per_page=per_page, full="true")
                costs[path, per_page] = len(statements)
    finally:
        event.remove(db.engine, "before_cursor_execute", count)
    assert costs["/services", 5] == costs["/services", MAX_PER_PAGE] < 25
    assert costs["/service_at_locations", 5] == costs["/service_at_locations", MAX_PER_PAGE] < 25


def test_minimal_lists_are_read_without_loading_a_service(demo, demo_client):
    """Every match in one page, as plain rows: 50,000 services must not mean 50,000 objects,
    nor an IN (…) of 50,000 ids (past SQLite's and PostgreSQL's limits on parameters)."""
    loaded: list[object] = []
    parameters: list[int] = []

    def note_load(target, _context):
        loaded.append(target)

    def note_statement(_conn, _cursor, _statement, params, _context, _many):
        parameters.append(len(params))

    event.listen(Service, "load", note_load)
    event.listen(ServiceAtLocation, "load", note_load)
    event.listen(db.engine, "before_cursor_execute", note_statement)
    try:
        services = ok(demo_client, "/services", minimal="true")
        places = ok(demo_client, "/service_at_locations", minimal="true")
        unsearched = max(parameters)
        # The places of the services a search found are read by their services' ids, in
        # chunks (see the next test).
        searched = ok(demo_client, "/service_at_locations", minimal="true", search="group")
    finally:
        event.remove(Service, "load", note_load)
        event.remove(ServiceAtLocation, "load", note_load)
        event.remove(db.engine, "before_cursor_execute", note_statement)
    assert services["size"] == len(public_services()) and places["size"] > MAX_PER_PAGE
    assert searched["size"] > 20
    assert loaded == []
    assert unsearched < 20


def test_loading_by_ids_asks_for_at_most_500_at_a_time(app):
    services = [create_service(name=name) for name in ("A", "B", "C")]
    wanted = [services[2].id, *(f"missing-{n}" for n in range(600)), services[0].id]
    wanted += [f"absent-{n}" for n in range(600)] + [services[1].id]
    parameters: list[int] = []

    def note_statement(_conn, _cursor, _statement, params, _context, _many):
        parameters.append(len(params))

    event.listen(db.engine, "before_cursor_execute", note_statement)
    try:
        found = load_services(wanted, full=False)
    finally:
        event.remove(db.engine, "before_cursor_execute", note_statement)
    assert [s.id for s in found] == [services[2].id, services[0].id, services[1].id]
    assert len(parameters) == 3 and max(parameters) == 500


# Query parameters ----------------------------------------------------------------------------


@pytest.mark.parametrize("words", ["debt advice", "walk", "crisis cafe", "lonely"])
def test_search_finds_what_the_site_finds_in_the_same_order(demo, demo_client, words):
    site = search_directory(parse_search_params(MultiDict({"q": words})), per_page=1000)
    expected = [s.id for s in site.services]
    found = ids(demo_client, "/services", search=words)
    narrows(found, expected, [s.id for s in public_services()])
    if len(expected) > 2:
        assert found != by_name(db.session.get(Service, i) for i in found), "not by relevance"
    places = every_page(demo_client, "/service_at_locations", search=words)
    at_places = [x["service"]["id"] for x in places]
    assert list(dict.fromkeys(at_places)) == [i for i in expected if i in set(at_places)]
    # Only the services on the page asked for are read: small pages still make up the whole.
    pages = [
        ok(demo_client, "/service_at_locations", search=words, per_page=2, page=n)["contents"]
        for n in range(1, len(places) // 2 + 2)
    ]
    assert [x["id"] for page in pages for x in page] == [x["id"] for x in places]
    minimal = ok(demo_client, "/service_at_locations", search=words, minimal="true")
    assert [x["id"] for x in minimal["contents"]] == [x["id"] for x in places]


def test_searched_places_page_across_a_services_places(app, client):
    """Places are counted service by service before any is read: a page may start or end
    part-way through one service's places."""
    three = create_service(name="Walking for health", location={"name": "Park"})
    for name in ("Library", "Leisure centre"):
        three.service_at_locations.append(ServiceAtLocation(location=Location(name=name)))
    two = create_service(name="Nordic walking club", location={"name": "Woods"})
    two.service_at_locations.append(ServiceAtLocation(location=Location(name="Lake")))
    create_service(name="Knitting circle", location={"name": "Café"})
    db.session.commit()
    everything = ok(client, "/service_at_locations", search="walking", per_page=MAX_PER_PAGE)
    assert everything["total_items"] == 5
    for per_page in (2, 4):
        pages = [
            ok(client, "/service_at_locations", search="walking", per_page=per_page, page=n)
            for n in range(1, 5)
        ]
        assert all(page["total_items"] == 5 for page in pages)
        assert [x["id"] for page in pages for x in page["contents"]] == [
            x["id"] for x in everything["contents"]
        ]
    by_service = [x["service_id"] for x in everything["contents"]]
    assert sorted(by_service) == sorted([three.id] * 3 + [two.id] * 2)
    assert by_service == sorted(by_service, key=by_service.index), "a service's places apart"


def test_taxonomy_term_id_finds_the_term_and_narrower_ones(demo, demo_client):
    money = db.session.scalars(
        select(TaxonomyTerm).where(TaxonomyTerm.code == "benefits-and-money")
    ).one()
    codes = {"benefits-and-money", *(child.code for child in money.children)}
    services = public_services()
    expected = by_name(s for s in services if codes & {t.code for t in s.taxonomy_terms})
    narrows(
        ids(demo_client, "/services", taxonomy_term_id=money.id), expected, [s.id for s in services]
    )
    only_narrower = [
        s
        for s in services
        if s.id in expected and "benefits-and-money" not in {t.code for t in s.taxonomy_terms}
    ]
    assert only_narrower, "no service has only a narrower term: the test proves less"
    debt = next(c for c in money.children if c.code == "debt-advice")
    narrows(
        ids(demo_client, "/services", taxonomy_term_id=debt.id),
        by_name(s for s in services if "debt-advice" in {t.code for t in s.taxonomy_terms}),
        expected,
    )
    assert ok(demo_client, "/services", taxonomy_term_id="no-such-term")["total_items"] == 0


def test_taxonomy_id_finds_services_with_any_of_its_terms(app, client):
    typed = create_service(name="Typed", terms=("befriending", "peer-support"))
    create_service(name="Untyped", terms=("befriending",))
    service_type = db.session.scalars(select(Taxonomy).where(Taxonomy.code == "service-type")).one()
    need = db.session.scalars(select(Taxonomy).where(Taxonomy.code == "need-domain")).one()
    assert ids(client, "/services", taxonomy_id=service_type.id) == [typed.id]
    assert len(ids(client, "/services", taxonomy_id=need.id)) == 2


def test_organization_id_finds_its_services(demo, demo_client):
    services = public_services()
    busiest = max(
        {s.organisation_id for s in services},
        key=lambda o: sum(s.organisation_id == o for s in services),
    )
    expected = by_name(s for s in services if s.organisation_id == busiest)
    assert len(expected) > 1
    narrows(
        ids(demo_client, "/services", organization_id=busiest), expected, [s.id for s in services]
    )


def test_ages_take_the_specs_literal_meaning(demo, demo_client):
    services = public_services()
    everything = [s.id for s in services]
    # At least 18: no minimum counts as 0, so an all-ages service is left out.
    adults = by_name(s for s in services if (s.minimum_age or 0) >= 18)
    narrows(ids(demo_client, "/services", minimum_age=18), adults, everything)
    assert any(s.minimum_age is None for s in services)
    # At most 25: no maximum means no upper limit, which is never "at most 25".
    young = by_name(s for s in services if s.maximum_age is not None and s.maximum_age <= 25)
    narrows(ids(demo_client, "/services", maximum_age=25), young, everything)
    both = by_name(s for s in services if s.id in young and (s.minimum_age or 0) >= 16)
    narrows(ids(demo_client, "/services", minimum_age=16, maximum_age=25), both, young)


def _days_of(byday: str) -> set[str]:
    return {part.strip().upper()[-2:] for part in byday.split(",")}


def _meets_on(service: Service, day: str) -> bool:
    today = FIXED_NOW.date()
    return any(
        day in _days_of(x.byday) and (x.valid_to is None or x.valid_to >= today)
        for x in service.schedules
    )


def test_day_counts_weekly_and_monthly_schedules(demo, demo_client):
    services = public_services()
    expected = by_name(s for s in services if _meets_on(s, "SA"))
    narrows(ids(demo_client, "/services", day="SA"), expected, [s.id for s in services])
    monthly_only = [
        s
        for s in services
        if s.id in expected
        and all(x.freq == "MONTHLY" for x in s.schedules if "SA" in _days_of(x.byday))
    ]
    assert monthly_only, "no service meets on a Saturday of the month only: the test proves less"
    assert (
        ids(demo_client, "/services", day="sa")
        == ids(demo_client, "/services", day="Saturday")
        == expected
    )


def test_times_and_day_must_hold_for_the_same_schedule(app, client):
    mornings = create_service(
        name="Monday mornings, Tuesday evenings",
        schedules=[schedule("MO", "10:00", "12:00"), schedule("TU", "18:00", "20:00")],
    )
    late = create_service(name="Late café", schedules=[schedule("WE,FR", "19:00", "01:00")])
    ended = create_service(
        name="Ended course",
        schedules=[schedule("MO", "18:00", "20:00", valid_to=datetime(2026, 1, 1).date())],
    )
    assert ids(client, "/services", day="MO") == [mornings.id]
    assert ids(client, "/services", day="MO", start_time="17:00") == []
    assert ids(client, "/services", day="TU", start_time="17:00") == [mornings.id]
    assert ids(client, "/services", start_time="18:30") == [late.id]
    # Closing at 1am is closing tomorrow: after any end_time today.
    assert ids(client, "/services", end_time="23:59") == [mornings.id]
    assert ids(client, "/services", start_time="10:00:00", end_time="12:00") == [mornings.id]
    assert ids(client, "/services", day="FR", start_time="19:00") == [late.id]
    assert ended.id not in ids(client, "/services", start_time="00:00")


def test_modified_after_takes_the_later_of_the_service_and_its_organisation(app, client):
    fresh = create_service(name="Fresh")
    old = create_service(name="Old")
    old_but_organisation_edited = create_service(name="Old, organisation edited")
    long_ago = datetime(2024, 1, 1, 9, 0, tzinfo=UTC)
    db.session.execute(
        update(Service)
        .where(Service.id.in_([old.id, old_but_organisation_edited.id]))
        .values(last_modified=long_ago)
    )
    db.session.execute(
        update(Organisation)
        .where(Organisation.id == old.organisation_id)
        .values(last_modified=long_ago)
    )
    db.session.commit()
    recent = by_name([fresh, old_but_organisation_edited])
    assert ids(client, "/services", modified_after="2025-01-01") == recent
    assert ids(client, "/services", modified_after="2024-01-01T09:00:00Z") == by_name(
        [fresh, old, old_but_organisation_edited]
    )
    assert ids(client, "/services", modified_after="2024-01-01T09:00:01") == recent
    assert ids(client, "/services", modified_after="2024-01-01T10:00:00+01:00") == by_name(
        [fresh, old, old_but_organisation_edited]
    )
    assert ids(client, "/services", modified_after="2024-01-01T10:00:01+01:00") == recent
    minimal = ok(client, "/services", minimal="true", modified_after="2024-01-01")["contents"]
    assert {m["id"]: m["last_modified"] for m in minimal}[old.id] == "2024-01-01T09:00:00.000Z"


def _phones(first, organisation) -> None:
    update_phones(first, [("0116 496 0999", "Bookings")])


def _opening_times(first, organisation) -> None:
    update_opening_times(first, [PeriodChange("WE", "", "10:00", "12:00", None, None)], None)


def _shared_place(first, organisation) -> None:
    # Only its position on the map: no version of either entry names that.
    save_location(first.locations[0], {"latitude": 52.6401}, [], None, first)


def _term(first, organisation) -> None:
    term = db.session.scalars(select(TaxonomyTerm).where(TaxonomyTerm.code == "befriending")).one()
    update_term(term, "Befriending and company", term.description)


def _organisation_phone(first, organisation) -> None:
    update_organisation(organisation, {"phone": "0116 496 0777"})


@pytest.mark.parametrize(
    ("edit", "changed"),
    [
        (_phones, ["First"]),
        (_opening_times, ["First"]),
        (_shared_place, ["First", "Second"]),
        (_term, ["First", "Second"]),
        (_organisation_phone, ["First", "Second"]),
    ],
)
def test_modified_after_sees_a_change_to_any_part_of_a_service(app, client, edit, changed):
    """A service's document is made of more rows than its own: a change to any of them,
    through the officer's own editing, is a change to the service."""
    place = {"name": "Shared Hall", "latitude": 52.6369, "longitude": -1.1398}
    first = create_service(name="First", terms=("befriending",), location=place)
    second = create_service(
        name="Second", terms=("befriending", "peer-support"), organisation=first.organisation
    )
    second.service_at_locations = [ServiceAtLocation(location=first.locations[0])]
    create_service(name="Untouched", terms=("peer-support",), location={"name": "Own Hall"})
    db.session.commit()
    long_ago = datetime(2024, 1, 1, tzinfo=UTC)
    db.session.execute(update(Service).values(last_modified=long_ago))
    db.session.execute(update(Organisation).values(last_modified=long_ago))
    db.session.commit()
    assert ids(client, "/services", modified_after="2025-01-01") == []

    edit(first, first.organisation)

    found = ok(client, "/services", modified_after="2025-01-01", minimal="true")["contents"]
    assert [item["id"] for item in found] == [
        s.id for s in sorted((first, second), key=lambda s: s.name) if s.name in changed
    ]
    # The moment of the edit, by the app's clock.
    assert {item["last_modified"] for item in found} == {"2026-11-24T19:30:00.000Z"}


def test_full_and_minimal(demo, demo_client):
    minimal = ok(demo_client, "/services", minimal="1")
    assert minimal["total_items"] == minimal["size"] == len(public_services())
    assert all(set(item) == {"id", "last_modified"} for item in minimal["contents"])
    assert [m["id"] for m in minimal["contents"]] == by_name(public_services())
    paged = ok(demo_client, "/services", minimal="true", per_page=10, page=2)
    assert paged["contents"] == minimal["contents"][10:20]
    full = ok(demo_client, "/service_at_locations", full="true", per_page=3)["contents"]
    assert all("addresses" in x["location"] and "schedules" in x["service"] for x in full)
    assert get(demo_client, "/services", full="true", minimal="true").json["parameter"] == "minimal"


def test_proximity_finds_places_near_a_postcode(demo, demo_client):
    links = db.session.scalars(
        select(ServiceAtLocation).where(
            ServiceAtLocation.service_id.in_([s.id for s in public_services()])
        )
    ).all()
    postcode = "LE1 3ZQ"  # The Lantern
    here = [x.location for x in links if x.location.postcode == postcode]
    centre = (sum(p.latitude for p in here) / len(here), sum(p.longitude for p in here) / len(here))
    near = sorted(
        x.id
        for x in links
        if x.location.latitude is not None
        and distance_km(centre, (x.location.latitude, x.location.longitude)) <= 1.5
    )
    found = sorted(ids(demo_client, "/service_at_locations", postcode="le13zq", proximity="1500"))
    narrows(found, near, [x.id for x in links])
    assert {x.id for x in links if x.location.postcode == postcode} <= set(found)


def test_a_postcode_narrows_to_services_covering_it(app, client):
    """No geocoder: the postcode is placed by the directory's own places, and the services
    kept are those covering the neighbourhood whose centre is nearest."""
    place = {
        "name": "Loughborough Library",
        "city": "Loughborough",
        "postcode": "LE11 3AA",
        "latitude": 52.7721,
        "longitude": -1.2062,
    }
    charnwood = create_service(name="Charnwood group", areas=("charnwood",), location=place)
    loughborough = create_service(
        name="Loughborough group",
        areas=("charnwood-loughborough",),
        location={**place, "name": "Town Hall", "postcode": "LE11 3EB"},
    )
    everywhere = create_service(
        name="Region-wide line", areas=("llr",), location={**place, "name": "Office"}
    )
    anywhere = create_service(name="No stated area", areas=(), location={**place, "name": "Hall"})
    create_service(
        name="City only",
        areas=("leicester",),
        location={
            **place,
            "name": "City base",
            "postcode": "LE1 1AA",
            "latitude": 52.634,
            "longitude": -1.131,
        },
    )
    create_service(
        name="Melton only",
        areas=("melton-mowbray",),
        location={
            **place,
            "name": "Melton base",
            "postcode": "LE13 0AA",
            "latitude": 52.765,
            "longitude": -0.886,
        },
    )
    expected = {charnwood.id, loughborough.id, everywhere.id, anywhere.id}
    for postcode in ("LE11 3AA", "le11 9zz", "LE11"):  # a place's, then its outward code
        found = every_page(client, "/service_at_locations", postcode=postcode)
        assert {x["service_id"] for x in found} == expected, postcode
    for bad, message in (("LE99 9ZZ", "no place"), ("not a postcode", "UK postcode")):
        response = get(client, "/service_at_locations", postcode=bad)
        assert response.status_code == 400
        assert response.json["parameter"] == "postcode" and message in response.json["message"]
    assert get(client, "/service_at_locations", proximity="100").json["parameter"] == "proximity"


# Paging --------------------------------------------------------------------------------------


def test_paging_first_middle_last_and_past_the_last(demo, demo_client):
    total = len(public_services())
    assert total == 239
    first, middle, last, past = (
        ok(demo_client, "/services", page=n, per_page=100) for n in (1, 2, 3, 4)
    )
    for document, number, size in ((first, 1, 100), (middle, 2, 100), (last, 3, 39), (past, 4, 0)):
        assert document["total_items"] == total and document["total_pages"] == 3
        assert (
            document["page_number"] == number
            and document["size"] == len(document["contents"]) == size
        )
        assert document["first_page"] is (number == 1)
        assert document["last_page"] is (number >= 3)
        assert document["empty"] is (size == 0)
    pages = [x["id"] for d in (first, middle, last) for x in d["contents"]]
    assert pages == by_name(public_services())
    assert ok(demo_client, "/services")["size"] == 50
    assert ok(demo_client, "/services", per_page=MAX_PER_PAGE)["size"] == MAX_PER_PAGE
    nothing = ok(demo_client, "/services", search="zzzqqq")
    assert {k: v for k, v in nothing.items() if k != "contents"} == {
        "total_items": 0,
        "total_pages": 0,
        "page_number": 1,
        "size": 0,
        "first_page": True,
        "last_page": True,
        "empty": True,
    }


@pytest.mark.parametrize(
    "path", ["/services", "/service_at_locations", "/taxonomies", "/taxonomy_terms"]
)
@pytest.mark.parametrize(
    ("parameter", "value"),
    [
        ("per_page", MAX_PER_PAGE + 1),
        ("per_page", 0),
        ("per_page", -1),
        ("per_page", "abc"),
        ("per_page", "2.5"),
        ("page", 0),
        ("page", "x"),
    ],
)
def test_paging_out_of_range_is_refused_not_clamped(demo_client, path, parameter, value):
    response = get(demo_client, path, **{parameter: value})
    assert response.status_code == 400
    assert response.json["parameter"] == parameter
    assert response.json["message"].startswith(f"{parameter} must be a whole number from 1 to ")


@pytest.mark.parametrize(
    ("parameter", "value"),
    [
        ("day", "XX"),
        ("start_time", "25:00"),
        ("end_time", "7pm"),
        ("minimum_age", "-1"),
        ("maximum_age", "old"),
        ("modified_after", "yesterday"),
        ("full", "yes please"),
        ("minimal", "2"),
    ],
)
def test_bad_parameters_are_named(demo_client, parameter, value):
    response = get(demo_client, "/services", **{parameter: value})
    assert response.status_code == 400
    assert response.content_type == "application/json; charset=utf-8"
    assert response.json == {
        "status": 400,
        "error": "Bad Request",
        "parameter": parameter,
        "message": response.json["message"],
    }
    assert parameter in response.json["message"]


def test_unknown_parameters_are_ignored(demo_client):
    assert ok(demo_client, "/services", colour="blue") == ok(demo_client, "/services")


# Privacy -------------------------------------------------------------------------------------


def test_nothing_staff_only_or_unpublished_is_ever_published(app, client):
    marker = "MARKER-7f3c"
    place = {"name": "Hall", "postcode": "LE1 1AA", "latitude": 52.63, "longitude": -1.13}
    shown = create_service(
        name="Published group",
        staff_notes=f"{marker} staff note",
        do_not_refer=True,
        do_not_refer_reason=f"{marker} reason",
        assurer=f"{marker} officer",
        review_interval_months=7,
        location=place,
    )
    hidden = [
        create_service(name=f"{marker} {state.value}", publication=state, location=place)
        for state in (PublicationState.DRAFT, PublicationState.ARCHIVED)
    ] + [
        create_service(name=f"{marker} {status.value}", status=status, location=place)
        for status in (ServiceStatus.INACTIVE, ServiceStatus.DEFUNCT)
    ]
    bodies = []
    for path in ("/services", "/service_at_locations"):
        for shape in ({}, {"full": "true"}, {"minimal": "true"}):
            response = get(client, path, **shape)
            bodies.append(response.get_data(as_text=True))
            assert [x["id"] for x in response.json["contents"]] == (
                [shown.id] if path == "/services" else [shown.service_at_locations[0].id]
            )
    bodies.append(get(client, f"/services/{shown.id}").get_data(as_text=True))
    bodies.append(
        get(client, f"/service_at_locations/{shown.service_at_locations[0].id}").get_data(
            as_text=True
        )
    )
    for service in hidden:
        assert get(client, f"/services/{service.id}").status_code == 404
        assert (
            get(client, f"/service_at_locations/{service.service_at_locations[0].id}").status_code
            == 404
        )
    assert all(marker not in body for body in bodies)
    document = json.loads(bodies[-2])
    for key in (
        "staff_notes",
        "do_not_refer",
        "do_not_refer_reason",
        "review_interval_months",
        "assurer",
        "publication",
        "merged_into_id",
    ):
        assert key not in document


# HTTP: CORS, caching, errors, limits ---------------------------------------------------------


def test_every_answer_may_be_read_by_other_sites(demo_client):
    service_id = ok(demo_client, "/services", per_page=1)["contents"][0]["id"]
    etag = get(demo_client, f"/services/{service_id}").headers["ETag"]
    answers = {
        200: get(demo_client, "/taxonomies"),
        304: demo_client.get(f"{API}/services/{service_id}", headers={"If-None-Match": etag}),
        400: get(demo_client, "/services", per_page=-1),
        404: get(demo_client, "/services/no-such-service"),
        405: demo_client.post(f"{API}/services"),
    }
    for status, response in answers.items():
        assert response.status_code == status
        assert response.headers["Access-Control-Allow-Origin"] == "*", status
        assert "Set-Cookie" not in response.headers
    for status in (400, 404, 405):
        assert answers[status].content_type == "application/json; charset=utf-8"
        assert answers[status].json["status"] == status
    assert answers[405].headers["Allow"] == "GET, HEAD, OPTIONS"
    unknown = demo_client.get(f"{API}/organizations")
    assert unknown.status_code == 404 and unknown.json["error"] == "Not Found"
    assert "openapi.json" in unknown.json["message"]
    assert unknown.headers["Access-Control-Allow-Origin"] == "*"
    preflight = demo_client.options(
        f"{API}/services",
        headers={
            "Origin": "https://other.example",
            "Access-Control-Request-Method": "GET",
            "Access-Control-Request-Headers": "If-None-Match",
        },
    )
    assert preflight.status_code == 200
    assert preflight.headers["Access-Control-Allow-Origin"] == "*"
    assert preflight.headers["Access-Control-Allow-Methods"] == "GET, HEAD, OPTIONS"
    assert preflight.headers["Access-Control-Allow-Headers"] == "If-None-Match"


def test_a_signed_in_browser_gets_the_same_public_answer_and_no_cookie(app, client, login_as):
    create_service()
    anonymous = app.test_client().get(f"{API}/services")
    login_as(Role.HELPLINE)
    signed_in = client.get(f"{API}/services")
    assert signed_in.data == anonymous.data
    assert (
        signed_in.headers["Cache-Control"]
        == anonymous.headers["Cache-Control"]
        == "public, max-age=300"
    )
    assert "Set-Cookie" not in signed_in.headers


def test_an_unchanged_answer_is_not_sent_again(demo_client):
    first = get(demo_client, "/services", per_page=5)
    assert (
        first.headers["ETag"].startswith('"')
        and first.headers["Cache-Control"] == "public, max-age=300"
    )
    again = demo_client.get(
        f"{API}/services?per_page=5", headers={"If-None-Match": first.headers["ETag"]}
    )
    assert again.status_code == 304 and again.data == b""
    assert again.headers["ETag"] == first.headers["ETag"]
    # The server adds the one Date header an answer may have; the app adds none.
    assert "Date" not in first.headers and "Date" not in again.headers
    other_page = demo_client.get(
        f"{API}/services?per_page=6", headers={"If-None-Match": first.headers["ETag"]}
    )
    assert other_page.status_code == 200


def _clock_at(app, monkeypatch, moment: datetime) -> None:
    """The app's UTC clock, for commits' stamps and for Last-Modified (the UK day stays
    FIXED_NOW's)."""
    monkeypatch.setitem(app.config, "UTC_NOW", lambda: moment)


def test_a_change_is_never_hidden_by_a_cached_answer(app, client, monkeypatch):
    _clock_at(app, monkeypatch, LATER + timedelta(seconds=0.25))
    service = create_service(
        name="Walking group", terms=("physical-activity",), location={"name": "Park gates"}
    )
    term = db.session.scalars(
        select(TaxonomyTerm).where(TaxonomyTerm.code == "physical-activity")
    ).one()
    _clock_at(app, monkeypatch, LATER + timedelta(seconds=5))
    urls = [
        f"{API}/services?full=true",
        f"{API}/services/{service.id}",
        f"{API}/service_at_locations?minimal=true",
        f"{API}/taxonomy_terms/{term.id}",
        f"{API}/taxonomies/{term.taxonomy_id}",
    ]
    before = {url: client.get(url) for url in urls}
    for url, response in before.items():
        assert response.headers["Last-Modified"] == "Tue, 24 Nov 2026 19:40:00 GMT", url
        since = {"If-Modified-Since": response.headers["Last-Modified"]}
        assert client.get(url, headers=since).status_code == 304, url
        etag = {"If-None-Match": response.headers["ETag"]}
        assert client.get(url, headers=etag).status_code == 304, url

    # A renamed term changes no service row of its own.
    _clock_at(app, monkeypatch, LATER + timedelta(seconds=10))
    update_term(term, "Exercise and sport", term.description)
    _clock_at(app, monkeypatch, LATER + timedelta(seconds=15))
    for url, response in before.items():
        since = {"If-Modified-Since": response.headers["Last-Modified"]}
        changed = client.get(url, headers=since)
        assert changed.status_code == 200, url
        assert changed.headers["Last-Modified"] == "Tue, 24 Nov 2026 19:40:10 GMT", url
        assert client.get(url, headers={"If-None-Match": response.headers["ETag"]}).data
    assert "Exercise and sport" in client.get(urls[0]).get_data(as_text=True)

    # Archived: gone from the list, and the list's old ETag no longer matches.
    listed = client.get(f"{API}/services")
    service.publication = PublicationState.ARCHIVED
    db.session.commit()
    gone = client.get(f"{API}/services", headers={"If-None-Match": listed.headers["ETag"]})
    assert gone.status_code == 200 and gone.json["contents"] == []


def test_a_new_day_moves_last_modified(app, client, monkeypatch):
    """A schedule whose valid_to has passed drops out of day and time filters at midnight,
    with nothing committed."""
    ends_today = create_service(
        name="Course ending today",
        schedules=[schedule("TU", "18:00", "20:00", valid_to=FIXED_NOW.date())],
    )
    url = f"{API}/services?day=TU"
    monkeypatch.setitem(app.config, "NOW", lambda: FIXED_NOW + timedelta(minutes=1))
    today = client.get(url)
    assert [item["id"] for item in today.json["contents"]] == [ends_today.id]
    assert today.headers["Last-Modified"] == "Tue, 24 Nov 2026 19:30:00 GMT"
    just_after_midnight = datetime(2026, 11, 25, 0, 0, 5)
    monkeypatch.setitem(app.config, "NOW", lambda: just_after_midnight)
    tomorrow = client.get(url, headers={"If-Modified-Since": today.headers["Last-Modified"]})
    assert tomorrow.status_code == 200 and tomorrow.json["contents"] == []
    assert tomorrow.headers["Last-Modified"] == "Wed, 25 Nov 2026 00:00:00 GMT"


def test_last_modified_is_not_sent_while_its_second_is_still_running(app, client, monkeypatch):
    """A change later in that same second would not move it: a client asking
    If-Modified-Since would wrongly be told nothing had changed. A commit takes its stamp
    just before it commits, so a second more is allowed for one still committing."""
    _clock_at(app, monkeypatch, LATER + timedelta(seconds=0.5))
    create_service()
    for seconds, sent in ((0.9, False), (1.5, False), (2.0, True)):
        _clock_at(app, monkeypatch, LATER + timedelta(seconds=seconds))
        for path in ("/services", "/taxonomies"):
            response = client.get(API + path)
            assert response.status_code == 200
            assert ("Last-Modified" in response.headers) is sent, (seconds, path)
    assert response.headers["Last-Modified"] == "Tue, 24 Nov 2026 19:40:00 GMT"


def test_last_modified_is_never_before_the_app_started(tmp_path):
    """New code may publish the same directory differently: a release moves Last-Modified."""
    app = make_app(tmp_path)  # started at FIXED_NOW, 19:30 UTC
    with app.app_context():
        app.config["UTC_NOW"] = lambda: datetime(2026, 11, 24, 19, 0, tzinfo=UTC)
        db.create_all()  # the directory's last change, as far as it knows
        app.config["UTC_NOW"] = lambda: LATER
        since_the_change = {"If-Modified-Since": "Tue, 24 Nov 2026 19:00:00 GMT"}
        response = app.test_client().get(f"{API}/taxonomies", headers=since_the_change)
        assert response.status_code == 200
        assert response.headers["Last-Modified"] == "Tue, 24 Nov 2026 19:30:00 GMT"
        db.drop_all()


def test_a_server_error_is_json_and_may_be_read_by_other_sites(tmp_path):
    """A throwaway app with a route under the stub that fails (TESTING would re-raise the
    error instead of answering it: PROPAGATE_EXCEPTIONS is off)."""
    app = make_app(tmp_path, PROPAGATE_EXCEPTIONS=False)

    @public
    def broken():
        raise RuntimeError("a bug")

    app.add_url_rule(f"{API}/broken", view_func=broken)
    with app.app_context():
        response = app.test_client().get(f"{API}/broken")
    assert response.status_code == 500
    assert response.json == {
        "status": 500,
        "error": "Internal Server Error",
        "message": "Sorry, something went wrong on our side.",
    }
    assert response.headers["Access-Control-Allow-Origin"] == "*"
    assert "Set-Cookie" not in response.headers and "Cache-Control" not in response.headers


def test_the_rate_limit_answers_in_json(app, client, monkeypatch):
    monkeypatch.setitem(app.config, "ORUK_RATE_LIMIT", "3 per minute")
    codes = [client.get(f"{API}/taxonomies").status_code for _ in range(4)]
    assert codes == [200, 200, 200, 429]
    refused = client.get(f"{API}/taxonomy_terms")
    assert refused.status_code == 429
    assert refused.json["status"] == 429 and refused.json["error"] == "Too Many Requests"
    assert refused.headers["Access-Control-Allow-Origin"] == "*"
    assert 1 <= int(refused.headers["Retry-After"]) <= 61
    assert client.get("/").status_code == 200, "the site itself is not limited by the API's limit"
