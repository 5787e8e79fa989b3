"""Factory functions for tests: `create_service(**overrides)` makes a published, active service
with sensible defaults; pass only what a test is about."""

from datetime import date, time
from decimal import Decimal

from sqlalchemy import select

from knowledge.extensions import db
from knowledge.models import (
    Area,
    CostOption,
    Location,
    Organisation,
    Phone,
    PublicationState,
    Schedule,
    Service,
    ServiceArea,
    ServiceAtLocation,
    ServiceStatus,
    TaxonomyTerm,
)


def create_organisation(**overrides) -> Organisation:
    organisation = Organisation(**{"name": "Test Community Trust", "description": "", **overrides})
    db.session.add(organisation)
    return organisation


def schedule(byday: str, opens: str, closes: str, freq: str = "WEEKLY", **extra) -> Schedule:
    return Schedule(
        freq=freq,
        byday=byday,
        opens_at=time.fromisoformat(opens),
        closes_at=time.fromisoformat(closes),
        **extra,
    )


def create_service(
    *,
    terms: tuple[str, ...] = ("loneliness-and-isolation", "vcs-group"),
    areas: tuple[str, ...] = ("leicester",),
    free: bool = True,
    schedules: list[Schedule] | None = None,
    location: dict | None = None,
    commit: bool = True,
    **overrides,
) -> Service:
    fields = {
        "name": "Friendship Café",
        "summary": "A friendly weekly get-together.",
        "description": "Come along for a cuppa and a chat.",
        "publication": PublicationState.PUBLISHED,
        "status": ServiceStatus.ACTIVE,
        "assured_date": date(2026, 10, 1),
        **overrides,
    }
    term_records = [
        db.session.scalars(select(TaxonomyTerm).where(TaxonomyTerm.code == code)).one()
        for code in terms
    ]
    area_records = [
        db.session.scalars(select(Area).where(Area.code == code)).one() for code in areas
    ]
    if "organisation" not in fields:
        fields["organisation"] = create_organisation()
    service = Service(**fields)
    service.taxonomy_terms = term_records
    service.service_areas = [ServiceArea(area=area) for area in area_records]
    service.cost_options = [
        CostOption(option="Free", amount=Decimal(0))
        if free
        else CostOption(option="Per session", amount=Decimal("2.50"))
    ]
    service.schedules = schedules if schedules is not None else [schedule("TU", "10:00", "12:00")]
    service.phones = [Phone(number="0116 496 0123")]
    if location is not None:
        service.service_at_locations = [
            ServiceAtLocation(
                location=Location(
                    **{
                        "name": "Community Hall",
                        "address_1": "1 Test Street",
                        "city": "Leicester",
                        "postcode": "LE1 1AA",
                        **location,
                    }
                )
            )
        ]
    db.session.add(service)
    if commit:
        db.session.commit()
    return service
