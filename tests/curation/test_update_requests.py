"""Request an update: the officer emails providers a one-time link; what they send back waits
for the officer's approval and never changes the live entry by itself."""

import hashlib
import re
import socket
from datetime import UTC, date, datetime, timedelta
from email import message_from_bytes, policy

import pytest
from flask_login import login_user
from sqlalchemy import func, select

from knowledge.curation import update_requests
from knowledge.directory.indexing import search_index
from knowledge.extensions import db
from knowledge.models import (
    AuditEvent,
    Contact,
    Role,
    Service,
    ServiceVersion,
    UpdateRequest,
    UpdateRequestState,
    User,
)
from knowledge.search import SearchQuery
from tests.conftest import FIXED_NOW, PASSWORDS, csrf_token, parse, sign_in
from tests.curation.test_curation import form_data
from tests.factories import create_organisation, create_service

SENT_AT = datetime(2026, 11, 24, 19, 30, tzinfo=UTC)


@pytest.fixture(autouse=True)
def utc_clock(app, monkeypatch):
    """Requests go out at the tests' fixed time; set before anyone signs in, as sessions end by
    this clock too."""
    monkeypatch.setitem(app.config, "UTC_NOW", lambda: SENT_AT)


@pytest.fixture
def outbox(app, tmp_path, monkeypatch):
    folder = tmp_path / "outbox"
    monkeypatch.setitem(app.config, "MAIL_OUTBOX_PATH", str(folder))
    return folder


@pytest.fixture
def curator(login_as):
    return login_as(Role.HELPLINE)


@pytest.fixture
def provider(app):
    """The provider's browser: never signed in."""
    return app.test_client()


def found(text: str) -> list[str]:
    return [h.id for h in search_index().search(SearchQuery(text=text), FIXED_NOW).hits]


def emails(folder) -> list:
    return [
        message_from_bytes(path.read_bytes(), policy=policy.default)
        for path in sorted(folder.glob("*.eml"))
    ]


def text(message) -> str:
    return message.get_content().replace("\r\n", "\n")


def link_in(message) -> str:
    return re.search(r"http://localhost(/update/\S+)", text(message)).group(1)


def flashed(page) -> str:
    return " ".join(" ".join(p.text.split()) for p in page.select(".ck-flash p"))


def errors(page) -> str:
    summary = page.select_one(".nhsuk-error-summary")
    return " ".join(summary.text.split()) if summary else ""


def ask(client, *services) -> str:
    """Tick the entries on the review page and press "Request an update"; what it says."""
    page = parse(client.get("/curate/review"))
    response = client.post(
        "/curate/update-requests",
        data={
            "csrf_token": csrf_token(page),
            "next": "/curate/review",
            "service_id": [s.id for s in services],
        },
    )
    assert response.headers["Location"] == "/curate/review"
    return flashed(parse(client.get("/curate/review")))


def provider_form(page, **changes) -> dict:
    """What the browser sends back: every field as the page shows it, with changes."""
    form = page.select_one("form[method=post]")
    data: dict = {}
    for field in form.select("input, textarea"):
        name = field.get("name")
        if not name or (field.get("type") == "radio" and not field.has_attr("checked")):
            continue
        data[name] = field.text if field.name == "textarea" else field.get("value", "")
    data.update(changes)
    return {key: value for key, value in data.items() if value is not None}


def answer(provider, path, **changes):
    page = parse(provider.get(path))
    return provider.post(path, data=provider_form(page, **changes))


def knit_and_natter(**overrides) -> Service:
    fields = {
        "name": "Knit and Natter",
        "summary": "A weekly knitting group.",
        "description": "Bring your needles.\nWe bring the tea.",
        "email": "knit@example.org",
        "assured_date": None,
        **overrides,
    }
    return create_service(**fields)


def the_request(service) -> UpdateRequest:
    db.session.expire_all()
    return db.session.scalars(
        select(UpdateRequest).where(UpdateRequest.service_id == service.id)
    ).one()


def test_the_review_page_has_a_checkbox_per_entry_and_one_button(client, curator):
    service = knit_and_natter()
    page = parse(client.get("/curate/review"))
    box = page.select_one(f"input[type=checkbox][value='{service.id}']")
    assert box["name"] == "service_id" and box["form"] == "request-updates"
    form = page.select_one("form#request-updates")
    assert form["action"] == "/curate/update-requests"
    assert form.select_one("button").text == "Request an update"
    # The dashboard shows the same table without the checkboxes.
    assert parse(client.get("/curate")).select("input[type=checkbox]") == []


def test_the_email_names_the_entry_and_carries_a_link_that_works_once(
    client, curator, provider, outbox
):
    service = knit_and_natter()
    assert ask(client, service) == "Asked for an update (email sent): Knit and Natter."
    [message] = emails(outbox)
    assert message["To"] == "knit@example.org"
    # A long subject is folded onto its own line: readers ignore the space that leaves.
    assert message["Subject"].strip() == (
        "Community Knowledge: please check your entry for Knit and Natter"
    )
    assert message["Reply-To"] == "community-knowledge@example.org"
    body = text(message)
    assert "until 22 December 2026" in body
    assert "Summary: A weekly knitting group." in body and "Phone: 0116 496 0123" in body
    path = link_in(message)
    token = path.rsplit("/", 1)[1]

    update_request = the_request(service)
    assert update_request.state is UpdateRequestState.SENT
    assert update_request.token_hash == hashlib.sha256(token.encode()).hexdigest()
    assert (update_request.sent_to, update_request.requested_by_email) == (
        "knit@example.org",
        curator.email,
    )
    [event] = db.session.scalars(
        select(AuditEvent).where(AuditEvent.action == "update_request.sent")
    ).all()
    assert event.target_id == update_request.id and token not in str(event.details)

    page = parse(provider.get(path))
    assert page.select_one("h1").text == "Check your entry in our directory"
    assert page.select_one("#name")["value"] == "Knit and Natter"
    assert page.select_one("#description").text == "Bring your needles.\nWe bring the tea."
    assert page.select_one("#phones").text == "0116 496 0123"
    assert page.select_one("input[name=status][checked]")["value"] == "active"
    sent = provider_form(page, confirmed="yes")
    response = provider.post(path, data=sent)
    assert response.headers["Location"] == "/update/thank-you"
    assert the_request(service).state is UpdateRequestState.ANSWERED

    used = provider.get(path)
    assert used.status_code == 404
    assert parse(used).select_one("h1").text == "This link does not work"
    # Sent again (a second tab, a double click): the first answer stands.
    assert provider.post(path, data={**sent, "comments": "Second go"}).status_code == 404
    assert the_request(service).response["comments"] is None


def test_the_provider_page_is_kept_out_of_caches_and_referrers(client, curator, provider, outbox):
    ask(client, knit_and_natter())
    response = provider.get(link_in(emails(outbox)[0]))
    assert response.headers["Cache-Control"] == "no-store"
    assert response.headers["Referrer-Policy"] == "no-referrer"


def test_who_gets_the_email(client, curator, outbox):
    organisation = create_organisation(name="Wyvern Trust", email="office@example.org")
    contact_first = create_service(name="A Contact", email="service@example.org", commit=False)
    contact_first.contacts = [
        Contact(name="No email"),
        Contact(name="Sam", email="sam@example.org"),
    ]
    create_service(name="B Service", email="b@example.org", organisation=organisation)
    create_service(name="C Organisation", email=None, organisation=organisation)
    create_service(name="D Nobody", email="not an address")
    chosen = db.session.scalars(select(Service).order_by(Service.name)).all()
    said = ask(client, *chosen)
    assert "Asked for an update (email sent): A Contact, B Service, C Organisation." in said
    assert "there is no email address for: D Nobody" in said
    assert sorted(m["To"] for m in emails(outbox)) == [
        "b@example.org",
        "office@example.org",
        "sam@example.org",
    ]


def test_no_second_email_while_a_link_works_or_an_answer_waits(
    app, client, curator, provider, outbox, monkeypatch
):
    service = knit_and_natter()
    ask(client, service)
    assert "a link sent earlier still works: Knit and Natter" in ask(client, service)
    assert len(emails(outbox)) == 1

    later = SENT_AT + timedelta(days=29)
    monkeypatch.setitem(app.config, "UTC_NOW", lambda: later)
    sign_in(client, curator.email, PASSWORDS[Role.HELPLINE])  # a month on, signed out
    assert ask(client, service) == "Asked for an update (email sent): Knit and Natter."
    second = emails(outbox)[1]
    answer(provider, link_in(second), confirmed="yes")
    assert "the provider's answer is waiting for you: Knit and Natter" in ask(client, service)
    assert len(emails(outbox)) == 2


def test_nothing_is_kept_when_the_mail_server_cannot_be_reached(app, client, curator, monkeypatch):
    with socket.socket() as closed:
        closed.bind(("127.0.0.1", 0))
        port = closed.getsockname()[1]
    for key, value in {
        "MAIL_BACKEND": "smtp",
        "MAIL_SERVER": "127.0.0.1",
        "MAIL_PORT": port,
    }.items():
        monkeypatch.setitem(app.config, key, value)
    service = knit_and_natter()
    said = ask(client, service)
    assert "the mail server did not take it: Knit and Natter. Try again later." in said
    assert db.session.scalars(select(UpdateRequest)).all() == []
    assert (
        db.session.scalars(
            select(AuditEvent).where(AuditEvent.action == "update_request.sent")
        ).all()
        == []
    )


def test_a_name_with_a_line_break_does_not_stop_the_batch(client, curator, outbox):
    """Entries saved before line breaks were refused (or by another route) may still have one:
    the subject is made one line, and every chosen entry is still asked."""
    first = knit_and_natter(name="A Knit and Natter", email="a@example.org")
    second = knit_and_natter(name="B Stitch\nClub\r\n", email="b@example.org")
    said = ask(client, first, second)
    assert "Asked for an update (email sent): A Knit and Natter, B Stitch" in said
    subjects = sorted(" ".join(m["Subject"].split()) for m in emails(outbox))
    assert subjects == [
        "Community Knowledge: please check your entry for A Knit and Natter",
        "Community Knowledge: please check your entry for B Stitch Club",
    ]
    assert len(db.session.scalars(select(UpdateRequest)).all()) == 2


def test_an_email_that_cannot_be_made_is_reported_for_its_entry_not_a_crash(
    app, client, curator, outbox, monkeypatch
):
    # A misconfigured reply-to address makes every message unwritable: each entry is said
    # not sent, and nothing is kept that would block sending again once it is fixed.
    monkeypatch.setitem(app.config, "HELPLINE_EMAIL", "desk@example.org\nBcc: all@example.org")
    service = knit_and_natter()
    said = ask(client, service)
    assert "Not sent, because the email could not be made from the entry: Knit and Natter" in said
    assert db.session.scalars(select(UpdateRequest)).all() == []
    assert emails(outbox) == []


def test_choosing_nothing_is_explained(client, curator):
    knit_and_natter()
    page = parse(client.get("/curate/review"))
    client.post("/curate/update-requests", data={"csrf_token": csrf_token(page)})
    assert flashed(parse(client.get("/curate/review"))) == (
        "Choose at least one service to ask for an update."
    )


def test_mistakes_are_explained_and_what_was_typed_is_kept(client, curator, provider, outbox):
    service = knit_and_natter()
    ask(client, service)
    path = link_in(emails(outbox)[0])
    response = answer(
        provider,
        path,
        name="",
        email="knit at example",
        url="example.org",
        phones="0116 496 0999, office\r\ncall us!\r\n, evenings",
        confirmed="no",
    )
    page = parse(response)
    assert page.select_one("title").text.startswith("Error: ")
    text_of_errors = errors(page)
    for message in (
        "Enter the name of the service",
        "Enter an email address in the right format",
        "Enter a full web address, starting https://",
        "Line 2: Enter a phone number, like 0116 496 0123",
        "Line 3: Enter the phone number",
    ):
        assert message in text_of_errors
    assert page.select_one("#email")["value"] == "knit at example"
    assert page.select_one("#phones").text.startswith("0116 496 0999, office")
    assert page.select_one("input[name=confirmed][checked]")["value"] == "no"
    assert the_request(service).state is UpdateRequestState.SENT


def test_the_answer_must_match_what_was_done(client, curator, provider, outbox):
    ask(client, knit_and_natter())
    path = link_in(emails(outbox)[0])
    page = parse(answer(provider, path, summary="A knitting group, every Tuesday."))
    assert "Choose whether everything is correct or you made changes" in errors(page)
    page = parse(answer(provider, path, summary="Every Tuesday.", confirmed="yes"))
    assert "You changed some details" in errors(page)
    page = parse(answer(provider, path, confirmed="no"))
    assert "You have not changed anything" in errors(page)
    # No field changed, but they told us something: that is an answer too.
    response = answer(provider, path, confirmed="no", comments="We move in January.")
    assert response.status_code == 302


def test_only_what_the_provider_changed_is_kept(client, curator, provider, outbox):
    service = knit_and_natter()
    ask(client, service)
    response = answer(
        provider,
        link_in(emails(outbox)[0]),
        summary="  A weekly knitting group.  ",
        description="Bring your needles.\r\nWe bring the tea.",
        phones="0116 496 0999, office\r\n01632 960111",
        url="https://knit.example.org",
        status="temporarily-closed",
        confirmed="no",
        comments="Closed while the hall is repaired.",
    )
    assert response.status_code == 302
    update_request = the_request(service)
    assert update_request.response["changes"] == {
        "phones": [["0116 496 0999", "office"], ["01632 960111", None]],
        "url": "https://knit.example.org",
        "status": "temporarily-closed",
    }
    assert update_request.response["confirmed"] is False
    assert update_request.response["comments"] == "Closed while the hall is repaired."
    assert update_request.answered_at is not None

    live = db.session.get(Service, service.id)
    assert live.url is None and [p.number for p in live.phones] == ["0116 496 0123"]
    assert live.status.value == "active"
    assert db.session.scalars(select(ServiceVersion)).all() == []


def test_an_officers_edit_made_while_the_provider_had_the_page_open_is_not_undone(
    client, curator, provider, outbox
):
    service = knit_and_natter()
    ask(client, service)
    path = link_in(emails(outbox)[0])
    page = parse(provider.get(path))  # the provider opens the form …
    edit = f"/curate/services/{service.id}"  # … the officer corrects the summary meanwhile …
    client.post(edit, data=form_data(parse(client.get(edit)), summary="Tuesdays, 2 to 4pm."))
    # … and the provider sends the form as their page showed it, with a new name.
    provider.post(path, data=provider_form(page, name="Knit and Natter Wyvern", confirmed="no"))

    update_request = the_request(service)
    assert update_request.response["changes"] == {"name": "Knit and Natter Wyvern"}
    assert update_request.response["seen"]["summary"] == "A weekly knitting group."
    review = parse(client.get(f"/curate/update-requests/{update_request.id}"))
    warning = " ".join(review.select_one(".nhsuk-card--warning").text.split())
    assert "Edited since: Summary." in warning
    approve(client, update_request)
    db.session.expire_all()
    live = db.session.get(Service, service.id)
    assert (live.name, live.summary) == ("Knit and Natter Wyvern", "Tuesdays, 2 to 4pm.")


def test_an_altered_record_of_what_was_shown_is_ignored(client, curator, provider, outbox):
    """What the page showed is signed: a provider (or anyone) cannot claim to have seen
    something else; the answer is then read against the entry as it is."""
    service = knit_and_natter()
    ask(client, service)
    path = link_in(emails(outbox)[0])
    page = parse(provider.get(path))
    sent = provider_form(page, summary="A weekly knitting group.", confirmed="no", comments="Hi")
    sent["shown"] = sent["shown"][:-4] + "abcd"
    assert provider.post(path, data=sent).status_code == 302
    assert the_request(service).response["changes"] == {}


def test_expired_used_and_unknown_links_look_the_same(
    app, client, curator, provider, outbox, monkeypatch
):
    first, second = knit_and_natter(), knit_and_natter(name="Stitch Club", email="s@example.org")
    ask(client, first, second)
    used, expiring = (link_in(m) for m in emails(outbox))
    answer(provider, used, confirmed="yes")
    # The link works to the end of its last day, UK time.
    monkeypatch.setitem(app.config, "UTC_NOW", lambda: datetime(2026, 12, 22, 23, 59, tzinfo=UTC))
    assert provider.get(expiring).status_code == 200
    monkeypatch.setitem(app.config, "UTC_NOW", lambda: datetime(2026, 12, 23, 0, 0, tzinfo=UTC))
    pages = [
        provider.get(path) for path in (used, expiring, "/update/made-up", "/update/" + "x" * 150)
    ]
    assert {p.status_code for p in pages} == {404}
    assert len({p.get_data(as_text=True) for p in pages}) == 1
    assert "Knit and Natter" not in pages[0].get_data(as_text=True)


def test_an_automated_form_filler_does_not_use_up_the_link(client, curator, provider, outbox):
    service = knit_and_natter()
    ask(client, service)
    path = link_in(emails(outbox)[0])
    response = answer(provider, path, confirmed="yes", homepage="http://spam.example.org")
    assert response.headers["Location"] == "/update/thank-you"
    assert the_request(service).state is UpdateRequestState.SENT
    assert provider.get(path).status_code == 200


def test_answers_are_rate_limited(app, client, curator, provider, outbox, monkeypatch):
    monkeypatch.setitem(app.config, "PROVIDER_UPDATE_LIMIT_PER_ADDRESS", "2 per hour")
    ask(client, knit_and_natter())
    path = link_in(emails(outbox)[0])
    codes = [answer(provider, path, name="").status_code for _ in range(3)]
    assert codes == [200, 200, 429]


def approve(client, update_request):
    page = parse(client.get(f"/curate/update-requests/{update_request.id}"))
    return client.post(
        f"/curate/update-requests/{update_request.id}/approve",
        data={"csrf_token": csrf_token(page)},
    )


def test_approving_applies_the_changes_as_a_version_and_marks_the_entry_checked(
    client, curator, provider, outbox
):
    service = knit_and_natter()
    ask(client, service)
    answer(
        provider,
        link_in(emails(outbox)[0]),
        name="Knit and Natter Wyvern",
        phones="01632 960111, evenings",
        confirmed="no",
    )
    # Until the officer approves, the public site and its search still have the old entry.
    assert found("wyvern") == [] and found("natter") == [service.id]
    assert "Knit and Natter Wyvern" not in provider.get(f"/services/{service.id}").text

    update_request = the_request(service)
    page = parse(client.get(f"/curate/update-requests/{update_request.id}"))
    rows = [[c.text for c in row.select("th, td")] for row in page.select("table tbody tr")]
    assert rows == [
        ["Name", "Knit and Natter", "Knit and Natter Wyvern"],
        ["Phones", "0116 496 0123", "01632 960111 evenings"],
    ]
    assert page.select_one(".nhsuk-card--warning") is None

    response = approve(client, update_request)
    assert response.headers["Location"] == f"/curate/update-requests/{update_request.id}"
    assert "The entry is updated (a new version)" in flashed(parse(client.get("/curate")))
    db.session.expire_all()
    live = db.session.get(Service, service.id)
    assert live.name == "Knit and Natter Wyvern"
    assert [(p.number, p.description) for p in live.phones] == [("01632 960111", "evenings")]
    assert live.assured_date == date(2026, 11, 24)
    assert live.assurer == f"The provider (update request), approved by {curator.display_name}"
    assert found("wyvern") == [service.id]
    reasons = db.session.scalars(
        select(ServiceVersion.reason)
        .where(ServiceVersion.service_id == service.id)
        .order_by(ServiceVersion.number)
    ).all()
    assert reasons == ["as it was before the first change", "edited", "checked"]
    actions = db.session.scalars(select(AuditEvent.action).order_by(AuditEvent.id)).all()
    assert actions[-3:] == ["service.edited", "service.checked", "update_request.approved"]
    approved = the_request(service)
    assert approved.state is UpdateRequestState.APPROVED
    assert approved.reviewed_by_email == curator.email
    # Decided once: the buttons are gone and a second approval changes nothing.
    page = parse(client.get(f"/curate/update-requests/{update_request.id}"))
    assert page.select("main form button") == []
    assert [th.text for th in page.select("thead th")][1] == "When they answered"
    assert page.select_one("tbody tr td").text == "Knit and Natter"
    approve(client, approved)
    assert len(db.session.scalars(select(ServiceVersion)).all()) == 3


def test_a_second_decision_made_at_the_same_time_is_refused_and_changes_nothing(
    app, client, curator, provider, outbox
):
    """Two officers (or a double click) both saw the answer waiting: the first decision stands;
    the second, approve or reject, finds it decided and writes nothing."""
    service = knit_and_natter()
    ask(client, service)
    answer(provider, link_in(emails(outbox)[0]), name="Knit and Natter Wyvern", confirmed="no")
    seen_waiting = the_request(service)  # as the second page loaded it: still answered
    assert seen_waiting.state is UpdateRequestState.ANSWERED
    approve(client, seen_waiting)
    saved = db.session.scalars(select(ServiceVersion.reason)).all()
    assert saved == ["as it was before the first change", "edited", "checked"]
    audit_rows = db.session.scalar(select(func.count(AuditEvent.id)))

    with app.test_request_context():
        login_user(db.session.get(User, curator.id))
        assert seen_waiting.state is UpdateRequestState.ANSWERED  # not reloaded: stale
        assert update_requests.approve(seen_waiting) is None
        assert update_requests.reject(seen_waiting, "Not from the provider.") is False
    assert db.session.scalars(select(ServiceVersion.reason)).all() == saved
    assert db.session.scalar(select(func.count(AuditEvent.id))) == audit_rows
    decided = the_request(service)
    assert decided.state is UpdateRequestState.APPROVED and decided.review_note is None


def test_everything_is_correct_only_marks_the_entry_checked(client, curator, provider, outbox):
    service = knit_and_natter()
    ask(client, service)
    answer(provider, link_in(emails(outbox)[0]), confirmed="yes")
    page = parse(client.get(f"/curate/update-requests/{the_request(service).id}"))
    assert "The provider says everything is correct." in page.text
    approve(client, the_request(service))
    reasons = db.session.scalars(
        select(ServiceVersion.reason).order_by(ServiceVersion.number)
    ).all()
    assert reasons == ["as it was before the first change", "checked"]
    db.session.expire_all()
    assert db.session.get(Service, service.id).assured_date == date(2026, 11, 24)


def test_rejecting_needs_a_reason_and_changes_nothing(client, curator, provider, outbox):
    service = knit_and_natter()
    ask(client, service)
    answer(provider, link_in(emails(outbox)[0]), name="Spam Spam Spam", confirmed="no")
    update_request = the_request(service)
    url = f"/curate/update-requests/{update_request.id}"
    token = csrf_token(parse(client.get(url)))
    page = parse(client.post(f"{url}/reject", data={"csrf_token": token, "note": " "}))
    assert "Say why you are not using this answer" in errors(page)
    assert the_request(service).state is UpdateRequestState.ANSWERED

    client.post(f"{url}/reject", data={"csrf_token": token, "note": "Not from the provider."})
    rejected = the_request(service)
    assert rejected.state is UpdateRequestState.REJECTED
    assert rejected.review_note == "Not from the provider."
    live = db.session.get(Service, service.id)
    assert (live.name, live.assured_date) == ("Knit and Natter", None)
    assert db.session.scalars(select(ServiceVersion)).all() == []
    assert found("spam") == []


def test_the_officer_is_warned_when_the_entry_changed_after_the_answer(
    client, curator, provider, outbox
):
    service = knit_and_natter()
    ask(client, service)
    answer(provider, link_in(emails(outbox)[0]), summary="Every Tuesday.", confirmed="no")
    edit = f"/curate/services/{service.id}/phones"
    client.post(
        edit,
        data={
            "csrf_token": csrf_token(parse(client.get(edit))),
            "phones-0-number": "01632 960222",
        },
    )
    page = parse(client.get(f"/curate/update-requests/{the_request(service).id}"))
    warning = " ".join(page.select_one(".nhsuk-card--warning").text.split())
    assert "The entry has changed since the provider answered" in warning
    assert "Edited since: Phones." in warning


def test_the_list_filters_by_state_and_the_dashboard_counts_answers(
    client, curator, provider, outbox
):
    waiting = knit_and_natter(name="Waiting Group", email="w@example.org")
    answered = knit_and_natter(name="Answered Group", email="a@example.org")
    ask(client, waiting, answered)
    answered_link = next(link_in(m) for m in emails(outbox) if m["To"] == "a@example.org")
    answer(provider, answered_link, confirmed="yes")

    def names(state: str) -> list[str]:
        page = parse(client.get(f"/curate/update-requests?state={state}"))
        return sorted(a.text for a in page.select("tbody td:first-child a"))

    assert names("answered") == ["Answered Group"]
    assert names("sent") == ["Waiting Group"]
    assert names("all") == ["Answered Group", "Waiting Group"]
    assert names("nonsense") == ["Answered Group"]
    dashboard = parse(client.get("/curate"))
    card = dashboard.find("a", string="Provider updates to approve")
    assert card.find_parent(class_="nhsuk-card").select_one(".ck-count").text == "1"


def test_providers_cannot_reach_the_officers_pages(client, curator, provider, outbox):
    service = knit_and_natter()
    ask(client, service)
    url = f"/curate/update-requests/{the_request(service).id}"
    assert provider.get(url).headers["Location"].startswith("/sign-in")


def test_two_answers_at_once_keep_the_first(app, client, curator, provider, outbox):
    """Both submissions found the link working; only one may use it."""
    service = knit_and_natter()
    ask(client, service)
    update_request = the_request(service)
    with app.test_request_context():
        first = update_requests.record_answer(
            update_request, {"summary": "First"}, confirmed=False, comments=None
        )
        second = update_requests.record_answer(
            update_request, {"summary": "Second"}, confirmed=False, comments=None
        )
    assert (first, second) == (True, False)
    assert the_request(service).response["changes"] == {"summary": "First"}
