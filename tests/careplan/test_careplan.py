"""Care-plan other-needs entries: find a person by number, record, offer services, summarise.

The number must never be stored, logged or put in an address: several tests look for it
everywhere it could leak (every column of every table, the database file, the audit log, every
redirect), and a sanity check shows each search would find it if it were there.
"""

from datetime import UTC, date, datetime, timedelta

import pytest
from sqlalchemy import inspect, select, text

from knowledge.careplan import services as careplan
from knowledge.domain.pseudonyms import person_pseudonym
from knowledge.extensions import db
from knowledge.models import (
    AuditEvent,
    EntryStatus,
    OfferOutcome,
    OtherNeedsEntry,
    PublicationState,
    Role,
    ServiceOffer,
    Specialty,
    SupportLevel,
    TaxonomyTerm,
)
from tests.conftest import FIXED_NOW, csrf_token, form_data, parse, stored_bytes
from tests.factories import create_service, schedule

NHS_NUMBER = "9434765919"
OTHER_NHS_NUMBER = "4010232137"
LOCAL_NUMBER = "RX7781234"
# The same number as staff often type it.
NUMBER_FORMS = ("9434765919", "943 476 5919", "943-476-5919", "943 476-5919")


def errors(page) -> str:
    summary = page.select_one(".nhsuk-error-summary")
    return " ".join(summary.text.split()) if summary else ""


def term_id(code: str) -> str:
    return db.session.scalars(select(TaxonomyTerm.id).where(TaxonomyTerm.code == code)).one()


def find(client, number: str = NHS_NUMBER, kind: str = "nhs", **extra):
    page = parse(client.get("/other-needs"))
    field = "nhs_number" if kind == "nhs" else "local_number"
    data = {"csrf_token": csrf_token(page), field: number, **extra}
    return client.post("/other-needs", data=data)


ENTRY_FIELDS = {
    "description": "Worried about rent arrears and a council tax letter",
    "support_level": "needing-help",
    "actions": ["explore-and-coach", "discuss-options"],
    "status": "open",
    "review_date": "2027-02-24",
    "team": "Charnwood community mental health team",
    "specialty": "amh",
    "age_band": "26-64",
}


def new_entry(client, service_id: str | None = None, need: str = "debt-advice", **changes):
    """Fill in and send the new-entry form for the chosen person."""
    url = "/other-needs/new" + (f"?service={service_id}" if service_id else "")
    page = parse(client.get(url))
    fields = {**ENTRY_FIELDS, "need_term_id": term_id(need), **changes}
    return client.post("/other-needs/new", data=form_data(page, **fields))


def entries() -> list[OtherNeedsEntry]:
    db.session.expire_all()
    return list(db.session.scalars(select(OtherNeedsEntry).order_by(OtherNeedsEntry.created_at)))


def audit(action: str) -> list[AuditEvent]:
    db.session.expire_all()
    return list(
        db.session.scalars(
            select(AuditEvent).where(AuditEvent.action == action).order_by(AuditEvent.id)
        )
    )


@pytest.fixture
def staff(login_as):
    return login_as(Role.STAFF)


@pytest.fixture
def debt_service(app):
    return create_service(
        name="Soar Valley Money Advice",
        summary="Free, confidential help with debts, bills and benefits.",
        description="Advisers help you sort out debts and deal with letters.\n\nAppointments "
        "by phone or face to face.",
        terms=("debt-advice", "advice-service"),
        areas=("charnwood",),
        email="advice@example.org",
        url="https://soar-money.example.org",
        location={
            "name": "Loughborough Library",
            "address_1": "Granby Street",
            "city": "Loughborough",
            "postcode": "LE11 3DZ",
        },
        schedules=[schedule("WE", "09:30", "13:00")],
    )


@pytest.fixture
def person_with_entry(client, staff, debt_service):
    """A person found by NHS number, with one open entry offering the debt service."""
    assert find(client).status_code == 302
    assert new_entry(client, service_id=debt_service.id).status_code == 302
    return entries()[0]


# Finding a person ----------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("typed", "message"),
    [
        ("", "Enter the person's NHS number"),
        ("943 476 5918", "This is not a valid NHS number: the last digit does not match"),
        ("943476591", "An NHS number is 10 digits long: you entered 9"),
        ("94347659190", "An NHS number is 10 digits long: you entered 11"),
        ("943 476 591X", "An NHS number has only numbers in it"),
    ],
)
def test_a_wrong_nhs_number_is_explained_and_kept_in_its_field(client, staff, typed, message):
    response = find(client, typed)
    assert response.status_code == 200
    page = parse(response)
    assert message in errors(page)
    assert page.select_one("title").text.startswith("Error:")
    assert page.select_one("input[name=nhs_number]")["value"] == typed
    assert page.select_one("input[name=nhs_number]")["autocomplete"] == "off"
    assert entries() == []


@pytest.mark.parametrize(
    ("nhs_number", "local_number", "message", "shown"),
    [
        ("943 476 5918", "", "the last digit does not match", ("943 476 5918", "")),
        ("", "rx-7", "4 to 20 letters and numbers", ("", "rx-7")),
        ("", "", "Enter the person's NHS number, or their local record number", ("", "")),
        # Neither was used: both stay, so the one that is wrong can be cleared.
        (NHS_NUMBER, LOCAL_NUMBER, "not both", (NHS_NUMBER, LOCAL_NUMBER)),
    ],
)
def test_only_the_number_being_corrected_is_shown_again(
    client, staff, nhs_number, local_number, message, shown
):
    page = parse(client.get("/other-needs"))
    data = {"csrf_token": csrf_token(page), "nhs_number": nhs_number, "local_number": local_number}
    page = parse(client.post("/other-needs", data=data))
    assert message in errors(page)
    assert entries() == []
    assert client.get("/other-needs/person").headers["Location"] == "/other-needs"
    assert (
        page.select_one("input[name=nhs_number]")["value"],
        page.select_one("input[name=local_number]")["value"],
    ) == shown


def test_the_find_form_has_no_conditional_reveal(client, staff):
    """Both numbers are plain fields: the NHS.UK radios' conditional reveal puts aria-expanded
    on radio inputs (not allowed by ARIA) and hides a field from anyone without JavaScript."""
    page = parse(client.get("/other-needs"))
    form = page.select_one("form[method=post][novalidate]")
    assert form.select("input[type=radio]") == []
    assert form.select("[data-aria-controls], .nhsuk-radios__conditional") == []
    labels = {label["for"]: " ".join(label.text.split()) for label in form.select("label")}
    assert labels == {"nhs_number": "NHS number", "local_number": "Or their local record number"}


@pytest.mark.parametrize("typed", NUMBER_FORMS)
def test_spaces_and_dashes_are_accepted(client, staff, typed):
    response = find(client, typed)
    assert response.status_code == 302
    assert response.headers["Location"] == "/other-needs/person"
    page = parse(client.get("/other-needs/person"))
    assert page.select_one("h1").text == "Their other needs"
    assert "whose NHS number you entered" in page.select_one(".ck-person-bar").text


@pytest.mark.parametrize(
    "typed", ["943\u00a0476\u00a05919", "943\t476\t5919", "943\u2013476\u20135919"]
)
def test_pasted_spaces_and_dashes_find_the_same_person(client, staff, typed):
    find(client)
    new_entry(client)
    response = find(client, typed)
    assert response.status_code == 302
    page = parse(client.get("/other-needs/person"))
    assert len(page.select(".ck-entry")) == 1


def test_a_local_record_number_can_be_used_instead(client, staff):
    response = find(client, "rx-7", kind="local")
    assert "4 to 20 letters and numbers" in errors(parse(response))
    assert find(client, "", kind="local").status_code == 200
    assert find(client, "rx 778 1234", kind="local").status_code == 302
    assert new_entry(client).status_code == 302
    # Case and spacing do not matter; the same digits as an NHS number are someone else.
    assert find(client, LOCAL_NUMBER, kind="local").status_code == 302
    assert len(parse(client.get("/other-needs/person")).select(".ck-entry")) == 1
    assert entries()[0].person_pseudonym == person_pseudonym(
        LOCAL_NUMBER, "test-only-pseudonym-key-not-a-secret-0123", kind="local"
    )


def test_the_same_number_finds_the_entries_again_and_another_does_not(client, staff):
    find(client, "943 476 5919")
    new_entry(client)
    new_entry(client, need="housing", status="closed", review_date="")
    find(client, OTHER_NHS_NUMBER)
    new_entry(client, need="loneliness-and-isolation")

    find(client, "943-476-5919")
    page = parse(client.get("/other-needs/person"))
    names = [a.text for a in page.select(".ck-entry h3 a")]
    assert names == ["Benefits and money: Debt advice", "Housing"]
    assert [h.text.split()[0] for h in page.select("main h2")] == ["Open", "Closed"]

    find(client, OTHER_NHS_NUMBER)
    page = parse(client.get("/other-needs/person"))
    assert [a.text for a in page.select(".ck-entry h3 a")] == ["Loneliness and isolation"]


def test_a_different_key_gives_a_different_pseudonym(app, client, staff, monkeypatch):
    find(client)
    new_entry(client)
    stored = entries()[0].person_pseudonym
    assert stored == person_pseudonym(NHS_NUMBER, app.config["PSEUDONYM_KEY"])

    other_key = "another-test-pseudonym-key-0123456789abcdef"
    assert person_pseudonym(NHS_NUMBER, other_key) != stored
    monkeypatch.setitem(app.config, "PSEUDONYM_KEY", other_key)
    find(client)
    page = parse(client.get("/other-needs/person"))
    assert page.select(".ck-entry") == []
    assert "no other-needs entries for this NHS number" in page.text


def test_finishing_forgets_the_person(client, person_with_entry):
    page = parse(client.get("/other-needs/person"))
    client.post("/other-needs/finish", data={"csrf_token": csrf_token(page)})
    response = client.get("/other-needs/person")
    assert response.headers["Location"] == "/other-needs"
    response = client.get(f"/other-needs/entries/{person_with_entry.id}")
    assert response.headers["Location"] == f"/other-needs?entry={person_with_entry.id}"
    # Starting an entry for a service goes back to the number first, keeping the service.
    service_id = person_with_entry.offers[0].service_id
    response = client.get(f"/other-needs/new?service={service_id}")
    assert response.headers["Location"] == f"/other-needs?service={service_id}"


def test_the_chosen_person_is_forgotten_after_two_hours(
    app, client, person_with_entry, monkeypatch
):
    later = FIXED_NOW.replace(tzinfo=UTC) + timedelta(hours=2, minutes=1)
    monkeypatch.setitem(app.config, "UTC_NOW", lambda: later)
    # Signing in again would be needed after 30 idle minutes too; stay signed in for this test.
    monkeypatch.setitem(app.config, "SESSION_IDLE_MINUTES", 24 * 60)
    response = client.get("/other-needs/person")
    assert response.headers["Location"] == "/other-needs"


def test_an_entry_opens_only_for_the_person_whose_number_was_typed(client, person_with_entry):
    url = f"/other-needs/entries/{person_with_entry.id}"
    assert client.get(url).status_code == 200
    find(client, OTHER_NHS_NUMBER)
    for path in ("", "/edit", "/summary", "/print"):
        response = client.get(url + path)
        assert response.headers["Location"] == f"/other-needs?entry={person_with_entry.id}"
    # Typing the right number from there opens the entry; the wrong one, that person's list.
    page = parse(client.get(f"/other-needs?entry={person_with_entry.id}"))
    response = client.post(
        "/other-needs", data=form_data(page, nhs_number=OTHER_NHS_NUMBER, kind="nhs")
    )
    assert response.headers["Location"] == "/other-needs/person"
    response = client.post("/other-needs", data=form_data(page, nhs_number=NHS_NUMBER))
    assert response.headers["Location"] == url


# The number never leaks ----------------------------------------------------------------------


def every_stored_value() -> list[str]:
    """Every value in every column of every table in the database, as text."""
    connection = db.session.connection()
    values = []
    for table in inspect(connection).get_table_names():
        for row in connection.execute(text(f'SELECT * FROM "{table}"')):
            values.extend(str(value) for value in row if value is not None)
    return values


def test_the_number_is_never_stored_logged_or_put_in_an_address(app, client, staff, debt_service):
    locations = []

    def follow(response):
        if response.status_code == 302:
            locations.append(response.headers["Location"])
        return response

    for form in NUMBER_FORMS:
        follow(find(client, form))
    follow(new_entry(client, service_id=debt_service.id))
    entry = entries()[0]
    follow(client.get(f"/other-needs/entries/{entry.id}/edit"))
    page = parse(client.get(f"/other-needs/entries/{entry.id}/edit"))
    follow(
        client.post(f"/other-needs/entries/{entry.id}/edit", data=form_data(page, status="closed"))
    )
    for path in ("", "/summary", "/print"):
        follow(client.get(f"/other-needs/entries/{entry.id}{path}"))
    follow(
        client.post(
            "/other-needs/add-service",
            data={"csrf_token": csrf_token(page), "service_id": debt_service.id},
        )
    )
    follow(find(client, LOCAL_NUMBER, kind="local"))
    follow(new_entry(client))
    follow(find(client, NHS_NUMBER, service_id=debt_service.id))

    digits = {NHS_NUMBER, *NUMBER_FORMS, LOCAL_NUMBER, "943476", "4765919"}
    pseudonym = person_pseudonym(NHS_NUMBER, app.config["PSEUDONYM_KEY"])
    stored = every_stored_value()
    # The scan reads real data: the pseudonym and the description are there to be found.
    assert pseudonym in stored
    assert any("rent arrears" in value for value in stored)
    assert not [v for v in stored if any(d in v for d in digits)]

    # Nor anywhere in the database's files, in any form (freed pages included).
    db.session.commit()
    raw = stored_bytes()
    assert pseudonym.encode() in raw
    assert not [d for d in digits if d.encode() in raw]

    # The audit log names entries, never the number or the pseudonym.
    events = audit("other_needs.viewed") + audit("other_needs.created")
    assert events
    logged = " ".join(f"{e.target_id} {e.details}" for e in db.session.scalars(select(AuditEvent)))
    assert pseudonym not in logged
    assert not [d for d in digits if d in logged]

    assert len(locations) >= 10
    assert not [loc for loc in locations if pseudonym in loc or any(d in loc for d in digits)]


def test_pages_do_not_show_the_number_or_the_pseudonym(app, client, person_with_entry):
    pseudonym = person_with_entry.person_pseudonym
    for path in ("/other-needs", "/other-needs/person", "/other-needs/new"):
        body = client.get(path).get_data(as_text=True)
        assert NHS_NUMBER not in body and pseudonym not in body
    for path in ("", "/edit", "/summary", "/print"):
        response = client.get(f"/other-needs/entries/{person_with_entry.id}{path}")
        body = response.get_data(as_text=True)
        assert NHS_NUMBER not in body and "943 476" not in body and pseudonym not in body
        # Not kept by the browser either: "Back" after finishing or signing out shows nothing.
        assert response.headers["Cache-Control"] == "no-store"


# Recording an entry --------------------------------------------------------------------------


def test_record_an_entry(client, staff):
    find(client)
    page = parse(client.get("/other-needs/new"))
    # A review in three months, from Tuesday 24 November 2026.
    assert page.select_one("input[name=review_date]")["value"] == "2027-02-24"
    assert page.select_one("input[name=status][value=open]").has_attr("checked")
    levels = [r["value"] for r in page.select("input[name=support_level]")]
    assert levels == ["advice-and-information", "needing-help", "needing-more-help"]
    hints = [h.text.strip() for h in page.select(".nhsuk-radios__hint")]
    assert "Understands their other needs and is confident to address them." in hints
    # One list of the framework's actions, each saying which levels expect it: plain
    # checkboxes, nothing revealed by a radio (aria-expanded is not allowed on a radio).
    assert page.select("[data-aria-controls], .nhsuk-radios__conditional") == []
    actions = [
        (
            " ".join(item.select_one(".nhsuk-checkboxes__label").text.split()),
            item.select_one(".nhsuk-checkboxes__hint").text.strip(),
        )
        for item in page.select(".nhsuk-checkboxes__item:has(input[name=actions])")
    ]
    assert actions == [
        ("Provide information and contacts", "Advice and information"),
        ("Explore their needs and coach", "Needing help and needing more help"),
        ("Discuss the options and help them decide", "Needing help and needing more help"),
        ("Help them make contact", "Needing help and needing more help"),
        ("Organise or provide support to access the service", "Needing more help"),
        ("Record in the care plan", "Every level"),
    ]
    areas = [o.text for o in page.select("select[name=area_id] option")]
    assert "Charnwood (whole district)" in areas and "Charnwood: Loughborough" in areas[1:]
    assert not [a for a in areas if "Leicester, Leicestershire and Rutland" in a]

    response = new_entry(
        client,
        area_id=db.session.scalar(
            text("SELECT id FROM area WHERE code = 'charnwood-loughborough'")
        ),
    )
    entry = entries()[0]
    assert response.headers["Location"] == f"/other-needs/entries/{entry.id}"
    assert entry.need_term.code == "debt-advice"
    assert entry.actions_done == ["explore-and-coach", "discuss-options"]
    assert entry.review_date == date(2027, 2, 24)
    assert entry.specialty.value == "amh" and entry.age_band.value == "26-64"
    assert entry.area.code == "charnwood-loughborough"
    assert entry.created_by.email == "staff@example.org"
    assert [e.target_id for e in audit("other_needs.created")] == [entry.id]
    assert audit("other_needs.created")[0].details == {"status": "open"}

    page = parse(client.get(response.headers["Location"]))
    assert page.select_one("h1").text == "Benefits and money: Debt advice"
    text_of = page.select_one(".nhsuk-summary-list").text
    assert "Done: Explore their needs and coach" in text_of
    assert "To do: Help them make contact" in text_of
    assert "Loughborough (Charnwood)" in text_of

    # The next entry starts with the same team and specialty.
    page = parse(client.get("/other-needs/new"))
    assert page.select_one("input[name=team]")["value"] == ENTRY_FIELDS["team"]
    assert page.select_one("input[name=specialty][value=amh]").has_attr("checked")


@pytest.mark.parametrize(
    ("changes", "message"),
    [
        ({"need_term_id": ""}, "Choose the need"),
        ({"support_level": None}, "Choose the support level"),
        ({"review_date": "2026-11-23"}, "The review date must be today or in the future"),
        ({"review_date": ""}, "Enter the date to review this need by"),
        ({"review_date": "2027-02-30"}, "Enter a real date"),
        ({"team": ""}, "Enter your team"),
        ({"specialty": None}, "Choose the specialty"),
        ({"age_band": None}, "Choose the person's age group"),
        ({"description": "x" * 501}, "Keep it to 500 characters or fewer"),
        (
            {"actions": ["explore-and-coach", "organise-access"]},
            "“Organise or provide support to access the service” is not expected at needing help",
        ),
        ({"support_level": "advice-and-information"}, "“Explore their needs and coach” is not"),
    ],
)
def test_entry_form_errors(client, staff, changes, message):
    find(client)
    response = new_entry(client, **changes)
    assert response.status_code == 200
    assert message in errors(parse(response))
    assert entries() == []


def test_a_description_that_looks_like_it_identifies_someone_needs_confirming(client, staff):
    find(client)
    typed = "Mr Patel asked about debt advice, ring 0116 496 0123"
    response = new_entry(client, description=typed)
    page = parse(response)
    assert "This looks like it holds a phone number and a name" in errors(page)
    assert entries() == []
    # Everything typed is shown again, with the box to confirm.
    assert page.select_one("textarea[name=description]").text == typed
    assert page.select_one("input[name=team]")["value"] == ENTRY_FIELDS["team"]
    assert page.select_one("input[name=support_level][value=needing-help]").has_attr("checked")
    ticked = [c["value"] for c in page.select("input[name=actions][checked]")]
    assert ticked == ["explore-and-coach", "discuss-options"]
    assert page.select_one("input[name=not_identifying]") is not None

    data = form_data(page, not_identifying="y")
    assert client.post("/other-needs/new", data=data).status_code == 302
    assert entries()[0].description == typed
    assert audit("other_needs.created")[-1].details == {"status": "open"}
    assert audit("personal_details.confirmed")[-1].details == {
        "form": "EntryForm",
        "fields": ["description"],
    }


def test_the_team_is_checked_for_identifiers_too(client, staff):
    find(client)
    response = new_entry(client, team="Dr Jones, LE11 3DZ")
    assert "a postcode and a name" in errors(parse(response))
    assert entries() == []


def test_edit_close_and_reopen(client, person_with_entry):
    url = f"/other-needs/entries/{person_with_entry.id}/edit"
    page = parse(client.get(url))
    assert page.select_one("textarea[name=description]").text == ENTRY_FIELDS["description"]
    assert page.select_one("select[name=need_term_id] option[selected]").text == (
        "Benefits and money: Debt advice"
    )
    data = form_data(page, support_level="needing-more-help", actions=["organise-access"])
    assert client.post(url, data=data).status_code == 302
    assert audit("other_needs.edited")[-1].details == {"changed": ["support_level", "actions_done"]}

    page = parse(client.get(url))
    assert page.select_one("input[name=actions][value=organise-access]").has_attr("checked")
    # A past review date kept as it was does not block closing.
    person_with_entry.review_date = date(2026, 11, 1)
    db.session.commit()
    page = parse(client.get(url))
    client.post(url, data=form_data(page, status="closed"))
    entry = entries()[0]
    assert entry.status is EntryStatus.CLOSED and entry.closed_at is not None
    assert audit("other_needs.closed")[-1].target_id == entry.id

    page = parse(client.get(url))
    response = client.post(url, data=form_data(page, status="open"))
    assert "The review date must be today or in the future" not in errors(parse(response))
    page = parse(client.get(url))
    response = client.post(url, data=form_data(page, status="open", review_date="2026-11-20"))
    assert "The review date must be today or in the future" in errors(parse(response))
    client.post(url, data=form_data(page, status="open", review_date="2027-01-10"))
    entry = entries()[0]
    assert entry.status is EntryStatus.OPEN and entry.closed_at is None
    assert audit("other_needs.reopened")[-1].target_id == entry.id


def test_dates_are_uk_days_not_utc_days(client, person_with_entry):
    # 23:30 UTC on 30 June is half past midnight on 1 July in the UK (British Summer Time).
    late = datetime(2026, 6, 30, 23, 30, tzinfo=UTC)
    person_with_entry.created_at = late
    person_with_entry.offers[0].offered_at = late
    db.session.commit()
    url = f"/other-needs/entries/{person_with_entry.id}"
    entry_page = parse(client.get(url)).select_one("main").text
    assert "1 July 2026" in entry_page and "30 June 2026" not in entry_page
    listed = parse(client.get("/other-needs/person")).select_one("main").text
    assert "1 July 2026" in listed and "30 June 2026" not in listed

    person_with_entry.status = EntryStatus.CLOSED
    person_with_entry.closed_at = late
    db.session.commit()
    listed = parse(client.get("/other-needs/person")).select_one("main").text
    assert "Closed on 1 July 2026" in " ".join(listed.split())
    summary = parse(client.get(f"{url}/summary")).select_one("textarea#epr-summary").text
    assert "30 June" not in summary and "Status: closed on 1 July 2026" in summary


# Services offered ----------------------------------------------------------------------------


def test_change_what_happened_and_remove_an_offer(client, person_with_entry, debt_service):
    url = f"/other-needs/entries/{person_with_entry.id}"
    page = parse(client.get(url))
    offer = person_with_entry.offers[0]
    assert offer.outcome is OfferOutcome.GIVEN_INFORMATION
    assert page.select_one(f"#offer-{offer.id} h3").text == "Soar Valley Money Advice"
    selected = page.select_one(f"#outcome-{offer.id} option[selected]")
    assert selected["value"] == "given-information"

    response = client.post(
        f"{url}/offers/{offer.id}/outcome",
        data={"csrf_token": csrf_token(page), "outcome": "helped-to-contact"},
    )
    assert response.headers["Location"] == f"{url}#offers"
    db.session.expire_all()
    assert offer.outcome is OfferOutcome.HELPED_TO_CONTACT
    assert audit("other_needs.outcome_changed")[-1].details["outcome"] == [
        "given-information",
        "helped-to-contact",
    ]
    client.post(
        f"{url}/offers/{offer.id}/outcome",
        data={"csrf_token": csrf_token(page), "outcome": "nonsense"},
    )
    db.session.expire_all()
    assert offer.outcome is OfferOutcome.HELPED_TO_CONTACT

    client.post(f"{url}/offers/{offer.id}/remove", data={"csrf_token": csrf_token(page)})
    assert db.session.scalars(select(ServiceOffer)).all() == []
    assert audit("other_needs.service_removed")[-1].details["service"] == debt_service.id
    assert "No services offered yet." in parse(client.get(url)).text


def test_add_to_an_entry_from_a_service_page_starting_a_new_entry(client, staff, debt_service):
    page = parse(client.get(f"/services/{debt_service.id}"))
    button = page.select_one(".ck-add-to-entry")
    assert button["action"] == "/other-needs/add-service"
    data = {"csrf_token": csrf_token(page), "service_id": debt_service.id}

    response = client.post("/other-needs/add-service", data=data)
    assert response.headers["Location"] == f"/other-needs/add-service/{debt_service.id}"
    response = client.get(response.headers["Location"])
    assert response.headers["Location"] == f"/other-needs?service={debt_service.id}"
    page = parse(client.get(response.headers["Location"]))
    assert page.select_one(".nhsuk-caption-l").text == "Adding Soar Valley Money Advice"
    response = client.post("/other-needs", data=form_data(page, nhs_number=NHS_NUMBER))
    assert response.headers["Location"] == f"/other-needs/add-service/{debt_service.id}"

    page = parse(client.get(response.headers["Location"]))
    assert page.select_one("input[name=entry_id][value=new]").has_attr("checked")
    response = client.post(
        f"/other-needs/add-service/{debt_service.id}",
        data=form_data(page, outcome="supported-to-attend"),
    )
    location = response.headers["Location"]
    assert location.startswith(f"/other-needs/new?service={debt_service.id}")
    page = parse(client.get(location))
    assert "Soar Valley Money Advice (Test Community Trust) will be listed" in page.text
    client.post(
        "/other-needs/new",
        data=form_data(page, **ENTRY_FIELDS, need_term_id=term_id("debt-advice")),
    )
    entry = entries()[0]
    assert [(o.service.name, o.outcome) for o in entry.offers] == [
        ("Soar Valley Money Advice", OfferOutcome.SUPPORTED_TO_ATTEND)
    ]
    assert audit("other_needs.service_offered")[-1].target_id == entry.id


def test_add_to_an_existing_entry_from_search_results(client, person_with_entry):
    other = create_service(name="Loughborough Food Bank", terms=("food-support",))
    page = parse(client.get("/search?q=food+bank"))
    result = page.select_one(f"#service-{other.id}")
    assert result.select_one(".ck-add-to-entry input[name=service_id]")["value"] == other.id

    client.post(
        "/other-needs/add-service", data={"csrf_token": csrf_token(page), "service_id": other.id}
    )
    page = parse(client.get(f"/other-needs/add-service/{other.id}"))
    choices = [r["value"] for r in page.select("input[name=entry_id]")]
    assert choices == [person_with_entry.id, "new"]
    response = client.post(
        f"/other-needs/add-service/{other.id}", data=form_data(page, entry_id=person_with_entry.id)
    )
    assert response.headers["Location"] == f"/other-needs/entries/{person_with_entry.id}#offers"
    assert [o.service.name for o in entries()[0].offers] == [
        "Soar Valley Money Advice",
        "Loughborough Food Bank",
    ]
    # Adding it twice keeps one offer.
    client.post(
        f"/other-needs/add-service/{other.id}", data=form_data(page, entry_id=person_with_entry.id)
    )
    assert len(entries()[0].offers) == 2
    assert "was already on this entry" in client.get(
        f"/other-needs/entries/{person_with_entry.id}"
    ).get_data(as_text=True)


def test_closed_entries_and_unpublished_services_cannot_be_chosen(client, person_with_entry):
    draft = create_service(name="Not Yet Open", publication=PublicationState.DRAFT)
    page = parse(client.get("/other-needs/person"))
    response = client.post(
        "/other-needs/add-service", data={"csrf_token": csrf_token(page), "service_id": draft.id}
    )
    assert response.status_code == 404
    assert client.get(f"/other-needs/add-service/{draft.id}").status_code == 404

    person_with_entry.status = EntryStatus.CLOSED
    db.session.commit()
    service = person_with_entry.offers[0].service
    page = parse(client.get(f"/other-needs/add-service/{service.id}"))
    assert [r["value"] for r in page.select("input[name=entry_id]")] == ["new"]
    response = client.post(
        f"/other-needs/add-service/{service.id}",
        data=form_data(page, entry_id=person_with_entry.id),
    )
    assert response.status_code == 200
    assert "Choose an entry, or start a new one" in errors(parse(response))


def test_the_public_never_sees_add_to_an_entry(app, debt_service, login_as):
    visitor = app.test_client()
    assert visitor.get(f"/services/{debt_service.id}").status_code == 200
    assert parse(visitor.get(f"/services/{debt_service.id}")).select(".ck-add-to-entry") == []
    assert parse(visitor.get("/search?q=money")).select(".ck-add-to-entry") == []
    assert parse(visitor.get("/crisis-cafes")).select(".ck-add-to-entry") == []


def test_commissioners_and_admins_do_not_see_it_or_reach_it(app, debt_service):
    from tests.conftest import PASSWORDS, create_user, sign_in

    for role in (Role.COMMISSIONER, Role.ADMIN):
        client = app.test_client()
        user = create_user(role)
        sign_in(client, user.email, PASSWORDS[role])
        assert parse(client.get(f"/services/{debt_service.id}")).select(".ck-add-to-entry") == []
        assert client.get("/other-needs").status_code == 403
        assert "Other needs in a care plan" not in client.get("/staff").get_data(as_text=True)


def test_staff_home_links_to_other_needs(client, staff):
    page = parse(client.get("/staff"))
    assert page.select_one("a[href='/other-needs']").text == "Other needs in a care plan"


# Summaries -----------------------------------------------------------------------------------


def test_summary_for_the_patient_record(client, person_with_entry):
    offer = person_with_entry.offers[0]
    offer.outcome = OfferOutcome.HELPED_TO_CONTACT
    db.session.commit()
    page = parse(client.get(f"/other-needs/entries/{person_with_entry.id}/summary"))
    box = page.select_one("textarea#epr-summary")
    assert box.has_attr("readonly")
    assert box.text == "\n".join(
        [
            "Other needs (Supporting Other Needs framework)",
            "Need: Benefits and money: Debt advice",
            "About the need: Worried about rent arrears and a council tax letter",
            "Support level: Needing help",
            "Actions done:",
            "- Explore their needs and coach",
            "- Discuss the options and help them decide",
            "Still to do:",
            "- Help them make contact",
            "- Record in the care plan",
            "Services offered:",
            "- Soar Valley Money Advice (Test Community Trust): helped to contact, "
            f"{offer.offered_at.day} {offer.offered_at:%B %Y}",
            "Status: open, review by 24 February 2027",
            "Recorded by: Charnwood community mental health team, Adult mental health (AMH), "
            f"{person_with_entry.created_at.day} {person_with_entry.created_at:%B %Y}",
        ]
    )
    # The copy button is there for JavaScript to reveal; nothing inline.
    button = page.select_one("button[data-copy=epr-summary]")
    assert button.has_attr("hidden") and "ck-js-only" in button["class"]
    assert page.select("script:not([src])") == []
    assert "Test Staff" not in box.text


def test_print_out_for_the_person(client, person_with_entry):
    declined = create_service(name="Debt Drop-in Declined", terms=("debt-advice",))
    careplan.offer_services(person_with_entry, [declined], OfferOutcome.DECLINED)
    page = parse(client.get(f"/other-needs/entries/{person_with_entry.id}/print"))
    assert page.select_one("main")["class"].count("ck-handout") == 1
    assert page.select_one("h1").text == "Services to help you with benefits and money"
    services = page.select(".ck-handout__service")
    assert [s.select_one("h2").text for s in services] == ["Soar Valley Money Advice"]
    service = " ".join(services[0].text.split())
    for expected in (
        "Free, confidential help with debts, bills and benefits.",
        "Advisers help you sort out debts and deal with letters.",
        "Phone: 0116 496 0123",
        "Email: advice@example.org",
        "Website: https://soar-money.example.org",
        "Where Loughborough Library",
        "Granby Street, Loughborough, LE11 3DZ",
        "Wednesday: 9:30am to 1pm",
        "Cost Free",
    ):
        assert expected in service, expected
    urgent = " ".join(page.select_one(".ck-handout__urgent").text.split())
    assert "999" in urgent and "NHS 111, option 2" in urgent and "Samaritans 116 123" in urgent
    assert "declined or that were not suitable are left off" in page.text
    assert "Debt Drop-in Declined" not in " ".join(s.text for s in services)


# Audit ---------------------------------------------------------------------------------------


def test_every_view_of_an_entry_is_audited(client, staff, debt_service):
    find(client)
    new_entry(client)
    new_entry(client, need="housing")
    first, second = entries()

    client.get("/other-needs/person")
    listed = audit("other_needs.viewed")
    assert {(e.target_id, e.details["shown_as"]) for e in listed} == {
        (first.id, "list"),
        (second.id, "list"),
    }
    assert all(
        e.actor_email == "staff@example.org" and e.target_type == "OtherNeedsEntry" for e in listed
    )

    for path, shown_as in (
        ("", "entry"),
        ("/edit", "edit"),
        ("/summary", "summary"),
        ("/print", "print"),
    ):
        before = len(audit("other_needs.viewed"))
        client.get(f"/other-needs/entries/{first.id}{path}")
        after = audit("other_needs.viewed")
        assert len(after) == before + 1
        assert (after[-1].target_id, after[-1].details) == (first.id, {"shown_as": shown_as})

    client.get(f"/other-needs/add-service/{debt_service.id}")
    assert {e.target_id for e in audit("other_needs.viewed")[-2:]} == {first.id, second.id}


def test_the_entries_shown_again_after_a_mistake_are_audited_too(client, person_with_entry):
    service = person_with_entry.offers[0].service
    page = parse(client.get(f"/other-needs/add-service/{service.id}"))
    before = len(audit("other_needs.viewed"))
    response = client.post(
        f"/other-needs/add-service/{service.id}", data=form_data(page, entry_id="not-an-entry")
    )
    page = parse(response)
    assert "Choose an entry, or start a new one" in errors(page)
    assert [r["value"] for r in page.select("input[name=entry_id]")] == [
        person_with_entry.id,
        "new",
    ]
    after = audit("other_needs.viewed")
    assert len(after) == before + 1
    assert (after[-1].target_id, after[-1].details) == (
        person_with_entry.id,
        {"shown_as": "choice"},
    )


# For the helpline ----------------------------------------------------------------------------


def test_offer_services_and_open_entries_for_the_helpline(app, person_with_entry, debt_service):
    pseudonym = person_with_entry.person_pseudonym
    closed = OtherNeedsEntry(
        person_pseudonym=pseudonym,
        need_term_id=term_id("housing"),
        support_level=SupportLevel.ADVICE,
        status=EntryStatus.CLOSED,
        specialty=Specialty.AMH,
    )
    db.session.add(closed)
    db.session.commit()
    assert careplan.entries_for_user_choice(pseudonym) == [person_with_entry]
    assert careplan.entries_for_user_choice("0" * 64) == []

    food = create_service(name="Food Bank", terms=("food-support",))
    with app.test_request_context():
        added = careplan.offer_services(person_with_entry, [debt_service, food, food])
    assert added == 1
    assert [o.service.name for o in entries()[0].offers] == [
        "Soar Valley Money Advice",
        "Food Bank",
    ]
    offered = audit("other_needs.service_offered")
    assert offered[-1].details["service"] == food.id
    assert offered[-1].details["outcome"] == "given-information"
