"""The Community Knowledge Officer's workspace: edit, publish, check, history, restore."""

from datetime import date

import pytest
from sqlalchemy import select

from knowledge.directory.indexing import search_index
from knowledge.extensions import db
from knowledge.models import AuditEvent, PublicationState, Role, Service, ServiceVersion
from knowledge.search import SearchQuery
from tests.conftest import FIXED_NOW, csrf_token, form_data, parse
from tests.factories import create_organisation, create_service


def found(text: str) -> list[str]:
    return [h.id for h in search_index().search(SearchQuery(text=text), FIXED_NOW).hits]


def errors(page) -> str:
    summary = page.select_one(".nhsuk-error-summary")
    return " ".join(summary.text.split()) if summary else ""


@pytest.fixture
def curator(login_as):
    return login_as(Role.HELPLINE)


def test_add_a_draft_preview_and_publish(client, curator):
    organisation = create_organisation(name="Wyvern Community Association")
    db.session.commit()
    page = parse(client.get("/curate/services/new"))
    data = form_data(
        page,
        name="Wyvern Knit and Natter",
        organisation_id=organisation.id,
        summary="A weekly knitting group.",
        description="Bring your needles, we bring the tea.",
        need_terms=["loneliness-and-isolation", "social-groups"],
        service_types=["vcs-group"],
        areas=["charnwood"],
        self_referral="y",
    )
    response = client.post("/curate/services/new", data=data)
    assert response.status_code == 302
    service = db.session.scalar(select(Service).where(Service.name == "Wyvern Knit and Natter"))
    assert service.publication is PublicationState.DRAFT
    assert found("wyvern") == []
    assert client.get(f"/services/{service.id}").status_code == 404

    preview = parse(client.get(f"/curate/services/{service.id}/preview"))
    assert "Preview." in preview.select_one(".ck-preview").text
    assert preview.select_one("h1").text == "Wyvern Knit and Natter"

    token = csrf_token(parse(client.get(f"/curate/services/{service.id}")))
    client.post(f"/curate/services/{service.id}/publish", data={"csrf_token": token})
    assert found("wyvern") == [service.id]
    assert client.get(f"/services/{service.id}").status_code == 200

    client.post(f"/curate/services/{service.id}/archive", data={"csrf_token": token})
    assert found("wyvern") == []
    actions = [
        e.action
        for e in db.session.scalars(
            select(AuditEvent).where(AuditEvent.target_id == service.id).order_by(AuditEvent.id)
        )
    ]
    assert actions == ["service.created", "service.published", "service.archived"]


def test_editing_a_published_entry_is_searchable_at_once(client, curator):
    service = create_service(name="Knit and Natter")
    page = parse(client.get(f"/curate/services/{service.id}"))
    client.post(f"/curate/services/{service.id}", data=form_data(page, name="Stitch and Chatter"))
    assert found("stitch") == [service.id]
    assert found("natter") == []


def test_bad_input_is_explained_and_what_was_typed_is_kept(client, curator):
    service = create_service(name="Knit and Natter")
    page = parse(client.get(f"/curate/services/{service.id}"))
    data = form_data(
        page,
        name="",
        summary="<b>Bold</b> summary",
        email="not-an-email",
        url="example",
        minimum_age="40",
        maximum_age="12",
        do_not_refer="y",
        do_not_refer_reason="",
        need_terms=None,
    )
    response = client.post(f"/curate/services/{service.id}", data=data)
    page = parse(response)
    text = errors(page)
    for message in (
        "Enter the service's name",
        "Enter an email address in the right format",
        "Enter a full web address",
        "The oldest age must be the same as or more than the youngest",
        "Say why staff should not refer people here",
        "Choose at least one need domain",
    ):
        assert message in text
    assert page.select_one("#summary")["value"] == "<b>Bold</b> summary"
    assert "<b>Bold</b>" not in response.get_data(as_text=True)
    db.session.expire_all()
    assert db.session.get(Service, service.id).name == "Knit and Natter"


def test_every_save_is_a_version_with_a_field_by_field_diff_and_restore(client, curator):
    service = create_service(name="Knit and Natter", summary="Weekly knitting.")
    edit = f"/curate/services/{service.id}"
    client.post(edit, data=form_data(parse(client.get(edit)), summary="Weekly knitting and chat."))
    client.post(edit, data=form_data(parse(client.get(edit)), name="Stitch Club"))
    numbers = [
        v.number
        for v in db.session.scalars(
            select(ServiceVersion).where(ServiceVersion.service_id == service.id)
        )
    ]
    # 1 is the entry as it was before the first change (a seeded entry has no version yet).
    assert sorted(numbers) == [1, 2, 3]

    page = parse(client.get(f"{edit}/history?from=2&to=3"))
    rows = [
        [c.text for c in row.select("th, td")] for row in page.select("table")[0].select("tbody tr")
    ]
    assert rows == [["Name", "Knit and Natter", "Stitch Club"]]
    assert client.get(f"{edit}/history?from=1&to=9").status_code == 404

    token = csrf_token(page)
    client.post(f"{edit}/restore/2", data={"csrf_token": token})
    db.session.expire_all()
    restored = db.session.get(Service, service.id)
    assert (restored.name, restored.summary) == ("Knit and Natter", "Weekly knitting and chat.")
    client.post(f"{edit}/restore/1", data={"csrf_token": token})
    db.session.expire_all()
    assert db.session.get(Service, service.id).summary == "Weekly knitting."
    versions = db.session.scalars(
        select(ServiceVersion)
        .where(ServiceVersion.service_id == service.id)
        .order_by(ServiceVersion.number)
    ).all()
    assert [v.reason for v in versions] == [
        "as it was before the first change",
        "edited",
        "edited",
        "restored version 2",
        "restored version 1",
    ]
    assert all(v.saved_by_email == curator.email for v in versions[1:])
    assert found("natter") == [service.id]


def test_saving_without_changes_makes_no_new_version(client, curator):
    service = create_service(name="Knit and Natter")
    edit = f"/curate/services/{service.id}"
    client.post(edit, data=form_data(parse(client.get(edit))))
    client.post(edit, data=form_data(parse(client.get(edit))))
    assert db.session.scalars(select(ServiceVersion)).all() == []


def test_restoring_never_undoes_a_check_with_the_provider(client, curator):
    service = create_service(name="Knit and Natter", assured_date=date(2025, 7, 17))
    edit = f"/curate/services/{service.id}"
    token = csrf_token(parse(client.get(edit)))
    client.post(f"{edit}/checked", data={"csrf_token": token})
    client.post(f"{edit}/restore/1", data={"csrf_token": token})
    db.session.expire_all()
    assert db.session.get(Service, service.id).assured_date == date(2026, 11, 24)


def test_an_age_of_zero_and_unreadable_numbers(client, curator):
    service = create_service(name="Knit and Natter")
    edit = f"/curate/services/{service.id}"
    client.post(edit, data=form_data(parse(client.get(edit)), minimum_age="0"))
    page = parse(client.get(edit))
    assert page.select_one("#minimum_age")["value"] == "0"
    page = parse(client.post(edit, data=form_data(page, maximum_age="abc")))
    assert errors(page).count("Enter a whole number, like 18") == 1
    assert page.select_one("#maximum_age")["value"] == "abc"


def test_staff_see_do_not_refer_on_their_shortlist_and_preview_shows_the_public_view(
    client, login_as
):
    login_as(Role.STAFF, Role.HELPLINE)
    service = create_service(
        name="Knit and Natter", do_not_refer=True, do_not_refer_reason="Review"
    )
    page = parse(client.get(f"/services/{service.id}"))
    client.post("/shortlist/add", data={"csrf_token": csrf_token(page), "service_id": service.id})
    assert "Do not refer" in parse(client.get("/shortlist")).select_one(".ck-printable").text
    preview = parse(client.get(f"/curate/services/{service.id}/preview"))
    assert preview.select_one(".ck-staff-only") is None and "Do not refer" not in preview.text


def test_due_for_review_most_overdue_first_then_checked(client, curator, app):
    never = create_service(name="Never Checked", assured_date=None)
    very = create_service(name="Very Overdue", assured_date=date(2025, 1, 10))
    slightly = create_service(name="Slightly Overdue", assured_date=date(2026, 5, 1))
    create_service(name="Fresh", assured_date=date(2026, 10, 1))
    create_service(name="Yearly", assured_date=date(2026, 1, 1), review_interval_months=12)
    create_service(name="Draft Overdue", assured_date=None, publication=PublicationState.DRAFT)

    page = parse(client.get("/curate/review"))
    names = [a.text for a in page.select("tbody tr td:first-child a")]
    assert names == ["Never Checked", "Very Overdue", "Slightly Overdue"]
    dashboard = parse(client.get("/curate"))
    assert "Due for review" in dashboard.text and dashboard.select(".ck-count")[0].text == "3"

    token = csrf_token(page)
    response = client.post(
        f"/curate/services/{very.id}/checked", data={"csrf_token": token, "next": "/curate/review"}
    )
    assert response.headers["Location"] == "/curate/review"
    db.session.expire_all()
    checked = db.session.get(Service, very.id)
    assert checked.assured_date == date(2026, 11, 24) and checked.assurer == curator.display_name
    names = [
        a.text for a in parse(client.get("/curate/review")).select("tbody tr td:first-child a")
    ]
    assert names == ["Never Checked", "Slightly Overdue"]
    public = parse(client.get(f"/services/{very.id}"))
    assert "Information last checked on 24 November 2026." in public.select_one(".ck-assured").text
    assert {never.id, slightly.id}.isdisjoint({very.id})


def test_html_in_a_description_is_escaped_on_the_public_page(client, curator):
    service = create_service(name="Knit and Natter")
    edit = f"/curate/services/{service.id}"
    client.post(
        edit,
        data=form_data(parse(client.get(edit)), description='<img src=x onerror="alert(1)">Hello'),
    )
    html = client.get(f"/services/{service.id}").get_data(as_text=True)
    assert '<img src=x onerror="alert(1)">' not in html
    assert "&lt;img src=x" in html


def test_cost_and_languages(client, curator):
    service = create_service(name="Knit and Natter")
    edit = f"/curate/services/{service.id}"
    page = parse(client.get(edit))
    assert page.select_one("#free").has_attr("checked")
    data = form_data(
        page,
        free=None,
        cost_amount="2.50",
        cost_description="£2.50 a session, first one free",
        languages="English, Gujarati, english",
    )
    assert client.post(edit, data=data).status_code == 302
    public = parse(client.get(f"/services/{service.id}"))
    cost = public.select_one("#cost").find_next("ul").text
    assert "£2.50" in cost and "first one free" in cost
    assert public.select_one("#languages").find_next("p").text == "English, Gujarati"
    page = parse(client.get(edit))
    assert page.select_one("#cost_amount")["value"] == "2.50"
    client.post(edit, data=form_data(page, free="y", cost_amount="", cost_description=""))
    public = parse(client.get(f"/services/{service.id}"))
    assert public.select_one("#cost").find_next("ul").text.strip() == "Free"


def test_the_list_shows_completeness_and_filters_by_what_is_missing(client, curator):
    create_service(
        name="Complete Group",
        description="x" * 150,
        assured_date=date(2026, 10, 1),
    )
    create_service(name="No Times", schedules=[], assured_date=None)
    page = parse(client.get("/curate/services"))
    cells = {
        row.select_one("td a").text: row.select("td")[3].text for row in page.select("tbody tr")
    }
    assert cells["Complete Group"].strip().endswith("100%")
    assert "Missing opening times" in cells["No Times"]
    page = parse(client.get("/curate/services?gap=opening_times"))
    assert [a.text for a in page.select("tbody td:first-child a")] == ["No Times"]
    page = parse(client.get("/curate/services?gap=checked"))
    assert [a.text for a in page.select("tbody td:first-child a")] == ["No Times"]
