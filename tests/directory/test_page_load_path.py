"""The results page's own way of loading its services (listed_services) gives what loading full
entries gives, for exactly the public services."""

from decimal import Decimal
from itertools import product

from knowledge.directory.indexing import public_services_query
from knowledge.directory.services import (
    listed_opening_status,
    listed_services,
    opening_status,
    public_services_in_order,
)
from knowledge.extensions import db
from knowledge.models import (
    CostOption,
    Location,
    Phone,
    PublicationState,
    Service,
    ServiceAtLocation,
    ServiceStatus,
)
from tests.conftest import FIXED_NOW
from tests.factories import create_service, schedule


def test_public_means_what_the_search_index_means(app):
    services = [
        create_service(name=f"{publication} {status}", publication=publication, status=status)
        for publication, status in product(PublicationState, ServiceStatus)
    ]
    ids = [s.id for s in services]
    public = set(db.session.scalars(public_services_query().with_only_columns(Service.id)))
    assert public and len(public) < len(ids)
    assert {s.id for s in listed_services(ids)} == public
    assert {s.id for s in public_services_in_order(ids)} == public


def test_a_listed_service_shows_what_the_full_entry_shows(app):
    busy = create_service(
        name="Busy Hub",
        terms=("loneliness-and-isolation", "vcs-group", "peer-support"),
        schedules=[schedule("MO,WE", "09:00", "12:00"), schedule("TU", "18:00", "21:00")],
        commit=False,
    )
    busy.phones = [Phone(number="0116 496 0999"), Phone(number="0116 496 0111")]
    places = (("Hall", "Loughborough"), ("Library", "Leicester"), ("Annex", "Leicester"))
    busy.service_at_locations = [
        ServiceAtLocation(location=Location(name=name, city=city)) for name, city in places
    ]
    busy.cost_options = [
        CostOption(option="Free", amount=Decimal(0)),
        CostOption(option="Trip", amount=Decimal("3.00")),
    ]
    quiet = create_service(name="Quiet Corner", free=True, schedules=[], commit=False)
    quiet.phones = []
    closed = create_service(name="Shut For Now", status=ServiceStatus.TEMPORARILY_CLOSED)
    db.session.commit()
    ids = [quiet.id, busy.id, closed.id]

    full = public_services_in_order(ids)
    listed = listed_services(ids)
    assert [s.id for s in listed] == [s.id for s in full] == ids
    for entry, row in zip(full, listed, strict=True):
        assert row.name == entry.name and row.summary == entry.summary
        assert row.organisation.name == entry.organisation.name
        for taxonomy in ("need-domain", "service-type"):
            assert [t.name for t in row.terms_in(taxonomy)] == [
                t.name for t in entry.terms_in(taxonomy)
            ]
        assert [p.city for p in row.locations] == [p.city for p in entry.locations]
        assert [(p.number, p.tel_uri) for p in row.phones] == [
            (p.number, p.tel_uri) for p in entry.phones
        ]
        assert row.is_free == entry.is_free
        assert row.is_temporarily_closed == entry.is_temporarily_closed
        assert row.do_not_refer == entry.do_not_refer
        assert opening_status(row, FIXED_NOW) == opening_status(entry, FIXED_NOW)
        assert listed_opening_status(row, FIXED_NOW) == opening_status(entry, FIXED_NOW)
    assert listed[1].phones[0].number == "0116 496 0999"
    assert [p.city for p in listed[1].locations] == ["Loughborough", "Leicester", "Leicester"]
    assert not listed[1].is_free and listed[0].is_free
    assert listed_services([]) == []
