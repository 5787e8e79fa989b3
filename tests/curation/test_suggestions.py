"""Report a problem, suggest a service, and the officer's queue."""

from sqlalchemy import select

from knowledge.extensions import db
from knowledge.models import AuditEvent, Role, Suggestion, SuggestionState
from tests.conftest import csrf_token, parse
from tests.factories import create_service


def errors(page) -> str:
    summary = page.select_one(".nhsuk-error-summary")
    return " ".join(summary.text.split()) if summary else ""


def report(client, service, **fields):
    page = parse(client.get(f"/services/{service.id}/report"))
    data = {
        "csrf_token": csrf_token(page),
        "topic": "wrong-contact",
        "details": "The number has changed.",
        **fields,
    }
    return client.post(f"/services/{service.id}/report", data=data)


def test_every_service_page_links_to_report_a_problem(client):
    service = create_service(name="Knit and Natter")
    link = parse(client.get(f"/services/{service.id}")).find(
        "a", string="Report a problem with this page"
    )
    assert link["href"] == f"/services/{service.id}/report"


def test_a_report_lands_in_the_queue_and_is_closed_with_a_note(app, client):
    service = create_service(name="Knit and Natter")
    response = report(client, service, reply_email="reader@example.org")
    assert response.headers["Location"] == f"/thank-you?service_id={service.id}"
    [suggestion] = db.session.scalars(select(Suggestion)).all()
    assert (suggestion.service_id, suggestion.topic.value, suggestion.from_staff) == (
        service.id,
        "wrong-contact",
        False,
    )

    curator_client = app.test_client()
    from tests.conftest import PASSWORDS, create_user, sign_in

    curator = create_user(Role.HELPLINE)
    sign_in(curator_client, curator.email, PASSWORDS[Role.HELPLINE])
    dashboard = parse(curator_client.get("/curate"))
    assert "New reports and suggestions" in dashboard.text
    queue = parse(curator_client.get("/curate/suggestions"))
    assert "The number has changed." in queue.text and "reader@example.org" in queue.text
    curator_client.post(
        f"/curate/suggestions/{suggestion.id}/close",
        data={
            "csrf_token": csrf_token(queue),
            "state": "actioned",
            "note": "Phoned them; updated.",
        },
    )
    db.session.expire_all()
    closed = db.session.get(Suggestion, suggestion.id)
    assert closed.state is SuggestionState.ACTIONED and closed.note == "Phoned them; updated."
    assert closed.reply_email is None and closed.handled_by_email == curator.email
    assert parse(curator_client.get("/curate/suggestions")).select(".nhsuk-card") == []
    actions = [
        e.action
        for e in db.session.scalars(
            select(AuditEvent).where(AuditEvent.target_id == suggestion.id).order_by(AuditEvent.id)
        )
    ]
    assert actions == ["suggestion.received", "suggestion.actioned"]


def test_bad_reports_are_explained_and_kept(client):
    service = create_service(name="Knit and Natter")
    page = parse(report(client, service, topic="", details="", reply_email="not an email"))
    text = errors(page)
    assert "Choose what the problem is" in text and "Tell us what is wrong" in text
    assert "Enter an email address in the right format" in text
    assert page.select_one("#reply_email")["value"] == "not an email"
    page = parse(report(client, service, details="x" * 2001))
    assert "2,000 characters or fewer" in errors(page)
    assert db.session.scalars(select(Suggestion)).all() == []


def test_suggest_a_service(client):
    page = parse(client.get("/suggest-a-service"))
    client.post(
        "/suggest-a-service",
        data={
            "csrf_token": csrf_token(page),
            "service_name": "<script>alert(1)</script> Tai Chi in the Park",
            "details": "Saturdays in Abbey Park, free.",
        },
    )
    [suggestion] = db.session.scalars(select(Suggestion)).all()
    assert suggestion.kind.value == "new-service"


def test_the_honeypot_quietly_drops_automated_reports(client):
    service = create_service(name="Knit and Natter")
    response = report(client, service, website="http://spam.example.org")
    assert response.status_code == 302
    assert db.session.scalars(select(Suggestion)).all() == []


def test_reports_are_rate_limited(app, client):
    service = create_service(name="Knit and Natter")
    codes = [report(client, service).status_code for _ in range(6)]
    assert codes == [302] * 5 + [429]


def test_html_in_a_report_is_escaped_in_the_queue(app, client, login_as):
    service = create_service(name="Knit and Natter")
    report(client, service, details='<img src=x onerror="alert(1)">')
    login_as(Role.HELPLINE)
    html = client.get("/curate/suggestions").get_data(as_text=True)
    assert '<img src=x onerror="alert(1)">' not in html and "&lt;img src=x" in html


def test_the_officer_sees_searches_that_found_nothing_most_often_first(client, login_as):
    for words in ("tai chi", "Tai Chi", "chess club", "tai chi", "<b>x</b> zither"):
        client.get("/search", query_string={"q": words})
    login_as(Role.HELPLINE)
    page = parse(client.get("/curate/unanswered-searches"))
    rows = [
        [cell.contents[-1].strip() for cell in row.select("td")[:2]]
        for row in page.select("tbody tr")
    ]
    # Stored as normalised words only, so markup never reaches the page.
    assert rows == [["tai chi", "3"], ["b x b zither", "1"], ["chess club", "1"]]
