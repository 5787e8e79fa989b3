"""Duplicates: shown before a new entry is saved, listed for the officer, merged keeping the
history of both."""

from datetime import UTC, datetime
from decimal import Decimal

import pytest
from sqlalchemy import select

from knowledge.curation.duplicates import (
    MAX_MATCHES,
    Candidate,
    DuplicateFinder,
    _strength,
)
from knowledge.domain.duplicates import (
    SIMILAR_NAME,
    EntryKeys,
    NameKeys,
    keys_similarity,
    resemblance,
)
from knowledge.extensions import db
from knowledge.models import (
    AuditEvent,
    Contact,
    CostOption,
    Phone,
    PublicationState,
    Role,
    Service,
    ServiceVersion,
    Suggestion,
    SuggestionKind,
    SuggestionTopic,
    UpdateRequest,
    UpdateRequestState,
)
from tests.conftest import csrf_token, parse
from tests.curation.test_curation import form_data, found
from tests.factories import create_organisation, create_service


@pytest.fixture
def curator(login_as):
    return login_as(Role.HELPLINE)


def new_entry(page, organisation, **changes) -> dict:
    return form_data(
        page,
        organisation_id=organisation.id,
        summary="An evening drop-in.",
        description="Somewhere safe to go in the evening.",
        need_terms=["wellbeing"],
        service_types=["crisis-cafe"],
        areas=["leicester"],
        **changes,
    )


def test_a_likely_duplicate_is_shown_before_the_entry_is_saved(client, curator):
    existing = create_service(name="The Lantern Crisis Café")
    organisation = create_organisation(name="Lantern Trust")
    db.session.commit()
    page = parse(client.get("/curate/services/new"))
    data = new_entry(page, organisation, name="Lantern Crisis Cafe")

    response = client.post("/curate/services/new", data=data)
    assert response.status_code == 200
    shown = parse(response)
    warning = shown.select_one("#possible-duplicates")
    assert warning.select_one("a")["href"] == f"/curate/services/{existing.id}"
    assert "Similar name" in warning.text
    # Everything typed is still there, and nothing was saved.
    assert shown.select_one("#name")["value"] == "Lantern Crisis Cafe"
    assert db.session.scalar(select(Service).where(Service.name == "Lantern Crisis Cafe")) is None

    data = new_entry(shown, organisation, name="Lantern Crisis Cafe", not_a_duplicate="y")
    assert client.post("/curate/services/new", data=data).status_code == 302
    assert db.session.scalar(select(Service).where(Service.name == "Lantern Crisis Cafe"))


def test_the_same_phone_number_is_shown_whatever_the_name(client, curator):
    existing = create_service(name="Harbour Lights Crisis Café")
    existing.phones = [Phone(number="0116 496 0844")]
    organisation = create_organisation(name="Harbour Lights")
    db.session.commit()
    page = parse(client.get("/curate/services/new"))
    data = new_entry(page, organisation, name="Evening Support", phone="+44 116 496 0844")
    warning = parse(client.post("/curate/services/new", data=data)).select_one(
        "#possible-duplicates"
    )
    assert "Same phone number 0116 496 0844" in warning.text


def test_a_different_service_is_saved_without_a_question(client, curator):
    create_service(name="The Lantern Crisis Café")
    organisation = create_organisation(name="Wyvern Association")
    db.session.commit()
    page = parse(client.get("/curate/services/new"))
    data = new_entry(page, organisation, name="Wyvern Knit and Natter", phone="0116 496 0999")
    assert client.post("/curate/services/new", data=data).status_code == 302
    saved = db.session.scalar(select(Service).where(Service.name == "Wyvern Knit and Natter"))
    assert [p.number for p in saved.phones] == ["0116 496 0999"]


def lantern_pair() -> tuple[Service, Service]:
    first = create_service(name="The Lantern Crisis Café", location={"postcode": "LE1 3ZQ"})
    second = create_service(
        name="Lantern Crisis Cafe",
        location={"name": "The Lantern, back door", "postcode": "le1 3zq"},
        url="https://example.org/lantern",
        staff_notes="Ring ahead after 10pm.",
        terms=("loneliness-and-isolation", "wellbeing", "crisis-cafe"),
        areas=("leicester", "blaby"),
    )
    second.phones = [Phone(number="0116 496 0283", description="Café phone")]
    db.session.commit()
    return first, second


def test_suspected_duplicates_are_counted_listed_and_can_be_dismissed(client, curator):
    first, second = lantern_pair()
    dashboard = parse(client.get("/curate"))
    card = dashboard.find("a", string="Suspected duplicates").find_parent(class_="nhsuk-card")
    assert card.select_one(".ck-count").text == "1"
    listing = parse(client.get("/curate/duplicates"))
    assert {a.text for a in listing.select("tbody a[href^='/curate/services/']")} >= {
        first.name,
        second.name,
    }
    client.post(
        "/curate/duplicates/dismiss",
        data={"csrf_token": csrf_token(listing), "first": second.id, "second": first.id},
    )
    assert "No suspected duplicates" in parse(client.get("/curate/duplicates")).text
    card = parse(client.get("/curate")).find("a", string="Suspected duplicates")
    assert card.find_parent(class_="nhsuk-card").select_one(".ck-count").text == "0"
    [event] = db.session.scalars(
        select(AuditEvent).where(AuditEvent.action == "duplicates.dismissed")
    ).all()
    assert event.actor_email == curator.email
    assert event.details == dict(
        zip(("first", "second"), sorted((first.id, second.id)), strict=True)
    )


def test_merging_keeps_both_histories_and_loses_nothing(client, curator):
    keep, duplicate = lantern_pair()
    report = Suggestion(
        kind=SuggestionKind.PROBLEM,
        topic=SuggestionTopic.OUT_OF_DATE,
        service_id=duplicate.id,
        details="The back door is locked now.",
    )
    db.session.add(report)
    db.session.commit()
    merge = f"/curate/services/{keep.id}/merge/{duplicate.id}"
    page = parse(client.get(merge))
    assert "Where the two entries differ" in page.text
    client.post(merge, data={"csrf_token": csrf_token(page)})
    db.session.expire_all()

    keep, duplicate = db.session.get(Service, keep.id), db.session.get(Service, duplicate.id)
    assert keep.name == "The Lantern Crisis Café"  # the kept entry's words stay
    assert keep.url == "https://example.org/lantern"  # gaps filled from the duplicate
    assert "Ring ahead after 10pm." in keep.staff_notes
    assert {t.code for t in keep.taxonomy_terms} >= {"wellbeing", "crisis-cafe"}
    assert {sa.area.code for sa in keep.service_areas} == {"leicester", "blaby"}
    assert [p.number for p in keep.phones] == ["0116 496 0123", "0116 496 0283"]
    assert len(keep.service_at_locations) == 2
    assert duplicate.publication is PublicationState.ARCHIVED
    assert duplicate.merged_into_id == keep.id
    assert duplicate.phones and duplicate.service_at_locations  # its own record is intact
    assert db.session.get(Suggestion, report.id).service_id == keep.id

    reasons = lambda service: [  # noqa: E731
        v.reason
        for v in db.session.scalars(
            select(ServiceVersion)
            .where(ServiceVersion.service_id == service.id)
            .order_by(ServiceVersion.number)
        )
    ]
    assert reasons(keep) == ["as it was before the first change", "merged with a duplicate"]
    assert reasons(duplicate) == ["as it was before the first change", "archived as a duplicate"]
    audit = db.session.scalars(select(AuditEvent.action).order_by(AuditEvent.id)).all()
    assert audit[-2:] == ["service.merged", "service.archived"]

    history = parse(client.get(f"/curate/services/{keep.id}/history"))
    assert history.find("a", string=duplicate.name)
    # The old public address leads to the kept entry; search finds only the kept entry.
    response = client.get(f"/services/{duplicate.id}")
    assert response.status_code == 301
    assert response.headers["Location"] == f"/services/{keep.id}"
    assert found("lantern") == [keep.id]
    # A merged-away entry cannot be merged again.
    assert client.get(f"/curate/services/{keep.id}/merge/{duplicate.id}").status_code == 404


def open_request(service: Service, state: UpdateRequestState) -> UpdateRequest:
    update_request = UpdateRequest(
        service_id=service.id,
        token_hash=f"{state.value:0<64}"[:64],
        sent_to="provider@example.org",
        expires_at=datetime(2027, 1, 1, tzinfo=UTC),
        state=state,
    )
    db.session.add(update_request)
    return update_request


def merge_them(client, keep: Service, duplicate: Service) -> tuple[Service, Service]:
    merge = f"/curate/services/{keep.id}/merge/{duplicate.id}"
    client.post(merge, data={"csrf_token": csrf_token(parse(client.get(merge)))})
    db.session.expire_all()
    return db.session.get(Service, keep.id), db.session.get(Service, duplicate.id)


def test_merging_keeps_contact_phones_the_warning_and_costs_and_closes_open_requests(
    client, curator
):
    keep, duplicate = lantern_pair()
    keep.cost_options = []
    duplicate.cost_options = [
        CostOption(option="Per session", amount=Decimal("2.50"), amount_description="First free")
    ]
    duplicate.do_not_refer = True
    duplicate.do_not_refer_reason = "Not taking referrals while the lead is away."
    duplicate.contacts = [
        Contact(
            name="Sam Patel",
            email="sam@example.org",
            phones=[
                Phone(number="0116 496 0555", description="Mobile"),
                Phone(number="0116 496 0556"),
            ],
        )
    ]
    waiting = open_request(duplicate, UpdateRequestState.SENT)
    answered = open_request(duplicate, UpdateRequestState.ANSWERED)
    decided = open_request(duplicate, UpdateRequestState.APPROVED)
    db.session.commit()

    keep, duplicate = merge_them(client, keep, duplicate)
    assert keep.do_not_refer is True
    assert keep.do_not_refer_reason == "Not taking referrals while the lead is away."
    assert [(c.option, str(c.amount), c.amount_description) for c in keep.cost_options] == [
        ("Per session", "2.50", "First free")
    ]
    [contact] = keep.contacts
    assert (contact.name, contact.email) == ("Sam Patel", "sam@example.org")
    assert [(p.number, p.description) for p in contact.phones] == [
        ("0116 496 0555", "Mobile"),
        ("0116 496 0556", None),
    ]
    # The duplicate's own record is untouched (the merge copies, never moves).
    assert [p.number for p in duplicate.contacts[0].phones] == ["0116 496 0555", "0116 496 0556"]
    for update_request in (waiting, answered):
        closed = db.session.get(UpdateRequest, update_request.id)
        assert closed.state is UpdateRequestState.REJECTED
        assert closed.review_note == "Merged into “The Lantern Crisis Café”"
        assert closed.reviewed_by_email == curator.email
    assert db.session.get(UpdateRequest, decided.id).state is UpdateRequestState.APPROVED
    events = db.session.scalars(
        select(AuditEvent).where(AuditEvent.action == "update_request.rejected")
    ).all()
    assert {e.target_id for e in events} == {waiting.id, answered.id}
    assert all(e.details == {"merged_into": keep.id} for e in events)


def test_merging_two_entries_staff_are_warned_about_keeps_both_reasons(client, curator):
    keep, duplicate = lantern_pair()
    keep.do_not_refer, keep.do_not_refer_reason = True, "Under review by the safeguarding team."
    duplicate.do_not_refer, duplicate.do_not_refer_reason = True, "Closed to new referrals."
    db.session.commit()
    keep, _ = merge_them(client, keep, duplicate)
    assert keep.do_not_refer is True
    assert keep.do_not_refer_reason == (
        "Under review by the safeguarding team.\n\n"
        "From the merged entry “Lantern Crisis Cafe”: Closed to new referrals."
    )


def test_merging_an_entry_with_itself_is_refused(client, curator):
    service = create_service()
    assert client.get(f"/curate/services/{service.id}/merge/{service.id}").status_code == 404


def test_similar_entries_page(client, curator):
    keep, duplicate = lantern_pair()
    page = parse(client.get(f"/curate/services/{keep.id}/similar"))
    assert page.find("a", string=duplicate.name)
    assert "Same postcode LE1 3ZQ" in page.text


def test_archiving_and_restoring_ask_first(client, curator):
    service = create_service(name="Knit and Natter")
    edit = f"/curate/services/{service.id}"
    confirm = parse(client.get(f"{edit}/archive"))
    assert confirm.select_one("h1").text == "Archive this entry?"
    db.session.expire_all()
    assert db.session.get(Service, service.id).publication is PublicationState.PUBLISHED
    client.post(f"{edit}/archive", data={"csrf_token": csrf_token(confirm)})
    db.session.expire_all()
    assert db.session.get(Service, service.id).publication is PublicationState.ARCHIVED

    client.post(edit, data=form_data(parse(client.get(edit)), name="Stitch Club"))
    page = parse(client.get(f"{edit}/restore/1"))
    rows = [[c.text for c in row.select("th, td")] for row in page.select("tbody tr")]
    assert rows == [["Name", "Stitch Club", "Knit and Natter"]]  # publication is never restored
    db.session.expire_all()
    assert db.session.get(Service, service.id).name == "Stitch Club"
    assert client.get(f"{edit}/restore/99").status_code == 404


def _misspelt(name: str, variant: int) -> str:
    """The name as someone might type it again: a letter dropped, a plural, a word left out,
    the words in another order."""
    words = name.split()
    longest = max(range(len(words)), key=lambda i: len(words[i]))
    if variant == 0 and len(words[longest]) > 3:
        word = words[longest]
        words[longest] = word[: len(word) // 2] + word[len(word) // 2 + 1 :]
    elif variant == 1:
        words[0] += "s"
    elif variant == 2 and len(words) > 1:
        words.pop(0)
    else:
        words.reverse()
    return " ".join(words)


def test_the_finder_finds_what_comparing_with_every_entry_finds(demo):
    """DuplicateFinder compares a new entry only with the entries that can be like it (see its
    docstring). Against every entry of the demo directory, for names typed again and details
    shared under other names, it finds the same, in the same order."""
    finder = DuplicateFinder()
    services = finder.services[::3]
    candidates = [
        Candidate(_misspelt(service.name, variant)) for service in services for variant in range(4)
    ]
    candidates += [
        Candidate("Tuesday Club", phones=(p.number,)) for s in services for p in s.phones[:1]
    ] + [
        Candidate("Drop-in", postcodes=(sal.location.postcode,))
        for s in services
        for sal in s.service_at_locations[:1]
    ]
    names = {s.id: NameKeys.of(s.name, finder.frequencies) for s in finder.services}
    no_shared_word = 0
    for candidate in candidates:
        keys = EntryKeys.of(candidate.name, candidate.phones, candidate.postcodes)
        name = NameKeys.of(candidate.name, finder.frequencies)
        every = [
            (found, service)
            for service in finder.services
            if (
                found := resemblance(
                    keys, finder.keys[service.id], keys_similarity(name, names[service.id])
                )
            ).worth_showing
        ]
        every.sort(key=lambda pair: (-_strength(pair[0]), pair[1].name))
        expected = [(s.id, found.reasons()) for found, s in every][:MAX_MATCHES]
        assert [(m.service.id, m.reasons) for m in finder.similar(candidate)] == expected
        no_shared_word += sum(
            1
            for found, service in every
            if found.name_score >= SIMILAR_NAME
            and not set(name.rare.split()) & set(names[service.id].rare.split())
        )
    # The names compared include similar names that share no distinctive word.
    assert no_shared_word > 10
