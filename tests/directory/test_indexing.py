"""The index follows the database: every commit that changes a service is searchable at once."""

from sqlalchemy import select

from knowledge.directory.indexing import rebuild_search_index, search_index
from knowledge.extensions import db
from knowledge.models import (
    Organisation,
    PublicationState,
    Schedule,
    ServiceStatus,
)
from knowledge.search import SearchQuery
from tests.conftest import FIXED_NOW
from tests.factories import create_service, schedule


def found(text: str) -> list[str]:
    return [h.id for h in search_index().search(SearchQuery(text=text), FIXED_NOW).hits]


def test_a_published_service_is_findable_as_soon_as_it_is_committed(app):
    service = create_service(name="Knit and Natter")
    assert found("natter") == [service.id]


def test_a_draft_is_not_findable_until_published(app):
    service = create_service(name="Knit and Natter", publication=PublicationState.DRAFT)
    assert found("natter") == []
    service.publication = PublicationState.PUBLISHED
    db.session.commit()
    assert found("natter") == [service.id]


def test_an_edit_is_findable_at_once(app):
    service = create_service(name="Knit and Natter")
    service.name = "Stitch and Chatter"
    db.session.commit()
    assert found("stitch") == [service.id]
    assert found("natter") == []


def test_retired_and_archived_services_disappear_at_once(app):
    defunct = create_service(name="Old Natter Club")
    archived = create_service(name="Archived Natter Group")
    defunct.status = ServiceStatus.DEFUNCT
    archived.publication = PublicationState.ARCHIVED
    db.session.commit()
    assert found("natter") == []


def test_temporarily_closed_services_stay_findable(app):
    service = create_service(name="Knit and Natter", status=ServiceStatus.TEMPORARILY_CLOSED)
    assert found("natter") == [service.id]


def test_changing_a_part_of_a_service_reindexes_it(app):
    service = create_service(name="Knit and Natter", schedules=[schedule("MO", "10:00", "12:00")])
    monday = {"open": frozenset({"mo"})}
    saturday = {"open": frozenset({"sa"})}
    assert [h.id for h in search_index().search(SearchQuery(filters=monday), FIXED_NOW).hits] == [
        service.id
    ]
    db.session.delete(db.session.scalars(select(Schedule)).one())
    service.schedules.append(schedule("SA", "10:00", "12:00"))
    db.session.commit()
    by_day = search_index().search(SearchQuery(filters=saturday), FIXED_NOW)
    assert [h.id for h in by_day.hits] == [service.id]


def test_renaming_an_organisation_reindexes_its_services(app):
    service = create_service(name="Knit and Natter")
    organisation = db.session.get(Organisation, service.organisation_id)
    organisation.name = "Wyvern Community Association"
    db.session.commit()
    assert found("wyvern") == [service.id]


def test_a_deleted_service_is_removed(app):
    service = create_service(name="Knit and Natter")
    db.session.delete(service)
    db.session.commit()
    assert found("natter") == []


def test_a_rolled_back_change_is_not_indexed(app):
    service = create_service(name="Knit and Natter")
    other = create_service(name="Walk and Talk")
    service.name = "Never Saved"
    db.session.flush()
    db.session.rollback()
    # A later commit touching another service must not carry the rolled-back change with it.
    other.summary = "Gentle walks."
    db.session.commit()
    assert found("never") == []
    assert found("natter") == [service.id]


def test_a_service_retired_behind_the_index_never_reaches_a_public_page(app, client):
    """A bulk update skips the ORM hooks; the database still has the last word."""
    from sqlalchemy import update

    from knowledge.models import Service

    service = create_service(name="Knit and Natter")
    db.session.execute(
        update(Service).where(Service.id == service.id).values(status=ServiceStatus.DEFUNCT)
    )
    db.session.commit()
    assert found("natter") == [service.id]  # the index has not heard
    assert "Knit and Natter" not in client.get("/search?q=natter").get_data(as_text=True)


def test_a_bad_schedule_row_cannot_take_search_down(app, client):
    service = create_service(name="Knit and Natter")
    # Written behind the model's validation, as a bad import or hand edit might.
    db.session.execute(
        Schedule.__table__.update().where(Schedule.service_id == service.id).values(byday="Mondays")
    )
    db.session.commit()
    service.summary = "Reindex me."
    db.session.commit()
    response = client.get("/search?q=natter")
    assert response.status_code == 200
    assert "Knit and Natter" in response.get_data(as_text=True)


def test_rebuild_indexes_exactly_the_public_services(app):
    visible = create_service(name="Visible")
    create_service(name="Draft", publication=PublicationState.DRAFT)
    create_service(name="Gone", status=ServiceStatus.INACTIVE)
    assert rebuild_search_index() == 1
    assert search_index().indexed_ids() == {visible.id}


def test_area_filter_includes_services_for_the_whole_region_and_its_neighbourhoods(app):
    region = create_service(name="Region Wide", areas=("llr",))
    local = create_service(name="Loughborough Only", areas=("charnwood-loughborough",))
    create_service(name="Melton Only", areas=("melton",))
    result = search_index().search(
        SearchQuery(filters={"area": frozenset({"charnwood"})}), FIXED_NOW
    )
    assert {h.id for h in result.hits} == {region.id, local.id}


def test_a_schedule_the_pages_could_not_read_is_refused():
    import pytest

    with pytest.raises(ValueError, match="Mondays"):
        Schedule(freq="WEEKLY", byday="Mondays")
