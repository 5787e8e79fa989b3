"""The officer's Open Referral UK import pages: upload with the feed's name, the dry run, then
import or cancel."""

import io
import json

import pytest
from sqlalchemy import func, select
from werkzeug.datastructures import FileStorage
from werkzeug.test import encode_multipart

from knowledge.extensions import db
from knowledge.models import FeedSource, ImportKind, PendingImport, PublicationState, Role, Service
from knowledge.oruk import documents
from tests.conftest import csrf_token, parse, post_too_big
from tests.curation.test_import import NEW_ROW, csv_bytes, import_it, row_report
from tests.curation.test_import import dry_run as csv_dry_run
from tests.factories import create_service
from tests.oruk.test_feeds import EXAMPLE_ID, EXAMPLES, a_service, table_counts

FEED = "Example Council Family Information Directory"


@pytest.fixture
def curator(client, login_as):
    login_as(Role.HELPLINE)
    return client


def upload(client, content: bytes | None, feed: str = FEED, filename: str = "services.json"):
    token = csrf_token(parse(client.get("/curate/oruk-import")))
    fields = {"csrf_token": token, "feed": feed}
    if content is not None:
        fields["feed_file"] = FileStorage(io.BytesIO(content), filename)
    boundary, body = encode_multipart(fields)
    return client.post(
        "/curate/oruk-import", data=body, content_type=f"multipart/form-data; boundary={boundary}"
    )


def dry_run(client, content: bytes, feed: str = FEED):
    response = upload(client, content, feed)
    assert response.status_code == 302, parse(response).select_one(".nhsuk-error-summary")
    return parse(client.get(response.location))


def errors(page) -> dict[str, str]:
    return {
        message.parent.select_one("label, .nhsuk-label").get_text(strip=True): " ".join(
            message.get_text(" ", strip=True).split()
        )
        for message in page.select(".nhsuk-error-message")
    }


def test_the_form_says_what_is_missing_and_keeps_what_was_typed(curator):
    page = parse(upload(curator, None, feed="Wyvern Directory"))
    assert page.select_one("title").text.startswith("Error:")
    assert errors(page) == {"Open Referral UK file": "Error: Choose the JSON file to import"}
    assert page.select_one("input[name=feed]")["value"] == "Wyvern Directory"

    page = parse(upload(curator, json.dumps([a_service()]).encode(), feed="   "))
    assert errors(page) == {
        "Name of the feed": "Error: Give the feed a name, such as the publisher's and the "
        "directory's"
    }
    page = parse(upload(curator, json.dumps([a_service()]).encode(), feed="x" * 121))
    assert "at most 120 characters" in errors(page)["Name of the feed"]

    page = parse(upload(curator, b"id,name\n1,Walk\n", feed="Wyvern Directory"))
    assert errors(page)["Open Referral UK file"].startswith("Error: This is not a JSON file")
    assert page.select_one("input[name=feed]")["value"] == "Wyvern Directory"
    assert db.session.scalar(select(func.count(PendingImport.id))) == 0


def test_the_dry_run_page_shows_each_service_and_changes_nothing(curator):
    before = table_counts()
    report = dry_run(curator, (EXAMPLES / "service_full.json").read_bytes())
    assert table_counts() | {"pending_import": 0} == before | {"pending_import": 0}
    assert report.select_one("h1").text == "Check what this feed would do"
    assert FEED in report.select_one(".nhsuk-caption-l").text
    assert "Changes to an entry that is already published are public as soon as you import" in (
        report.text
    )
    summary = {
        item.select_one("dt").text.strip(): item.select_one("dd").text.strip()
        for item in report.select(".nhsuk-summary-list__row")
    }
    assert summary == {
        "New services": "1 (1 as drafts)",
        "Possible duplicates": "0",
        "Updated": "0",
        "Unchanged": "0",
        "Rejected": "0",
    }
    assert row_report(report, 1)[0] == "Create"
    row = report.select_one("#row-1")
    warnings = [li.get_text(" ", strip=True) for li in row.select(".ck-import-warnings li")]
    assert (
        "Warning: service_at_locations[0].location.latitude: latitude 100 is outside the UK; "
        "the place was kept without coordinates" in warnings
    )
    notes = report.select_one(".nhsuk-inset-text").text
    assert "accreditations" in notes
    assert report.select_one("form[action$='/apply'] button:not([formaction])").text.strip() == (
        "Import 1 record"
    )


def test_importing_creates_drafts_and_says_what_was_done(curator):
    report = dry_run(curator, (EXAMPLES / "service_full.json").read_bytes())
    response = import_it(curator, report)
    assert response.status_code == 302 and response.location.endswith("/curate/oruk-import")
    page = parse(curator.get(response.location))
    assert "Imported services.json: 1 created, 0 updated, 0 unchanged, 0 rejected." in page.text
    service = db.session.get(Service, EXAMPLE_ID)
    assert service.publication is PublicationState.DRAFT
    assert db.session.scalar(select(func.count(PendingImport.id))) == 0
    assert {s.feed for s in db.session.scalars(select(FeedSource))} == {FEED}
    upload_form = page.select_one("form[enctype='multipart/form-data']")
    assert f"Feeds imported before: “{FEED}”." in upload_form.text

    again = dry_run(curator, (EXAMPLES / "service_full.json").read_bytes(), feed=FEED.upper())
    assert "1 record is the same as the directory" in again.text


def test_a_possible_duplicate_is_only_created_when_ticked(curator):
    create_service(name="Walk and Talk")
    content = json.dumps([a_service()]).encode()
    report = dry_run(curator, content)
    assert report.select_one("#row-1 a")["href"].startswith("/curate/services/")
    assert report.select_one("input[name=create_anyway]")["value"] == "1"
    import_it(curator, report)
    assert db.session.scalar(select(func.count(Service.id))) == 1
    import_it(curator, dry_run(curator, content), ticked=(1,))
    assert db.session.scalar(select(func.count(Service.id))) == 2


def test_cancel_removes_the_upload_and_changes_nothing(curator):
    before = table_counts()
    report = dry_run(curator, json.dumps([a_service()]).encode())
    form = report.select_one("form[action$='/apply']")
    button = form.select_one("button[formaction]")
    response = curator.post(button["formaction"], data={"csrf_token": csrf_token(report)})
    assert response.status_code == 302
    assert table_counts() == before


def test_the_import_stops_if_the_directory_changed_after_the_dry_run(curator):
    content = json.dumps([a_service()]).encode()
    report = dry_run(curator, content)
    create_service(name="Something else", id=a_service()["id"])  # meanwhile, by someone else
    page = parse(import_it(curator, report))
    assert "The directory has changed since you checked this file" in page.text
    assert db.session.scalar(select(func.count(Service.id))) == 1


def test_a_feed_upload_and_a_csv_upload_wait_side_by_side(curator):
    dry_run(curator, json.dumps([a_service()]).encode())
    csv_report = csv_dry_run(curator, csv_bytes([NEW_ROW]))
    assert "Check what this file would do" in csv_report.text
    waiting = {p.kind: p for p in db.session.scalars(select(PendingImport))}
    assert set(waiting) == {ImportKind.ORUK, ImportKind.CSV}
    assert (waiting[ImportKind.ORUK].feed, waiting[ImportKind.CSV].feed) == (FEED, None)
    # Each import's pages see only their own kind of file.
    assert curator.get(f"/curate/import/{waiting[ImportKind.ORUK].id}").status_code == 404
    assert curator.get(f"/curate/oruk-import/{waiting[ImportKind.CSV].id}").status_code == 404
    assert "You have a feed waiting" in parse(curator.get("/curate/oruk-import")).text
    assert "You have a file waiting" in parse(curator.get("/curate/import")).text


def test_only_the_helpline_imports_feeds(client, login_as):
    login_as(Role.STAFF)
    assert client.get("/curate/oruk-import").status_code == 403


def test_files_too_big_are_refused_plainly(curator):
    content = json.dumps([a_service()]).encode()
    content += b" " * (10 * 1024 * 1024 + 1 - len(content))
    page = parse(upload(curator, content))
    assert (
        "The file is 10.0 MB: an import can be at most 10 MB."
        in errors(page)["Open Referral UK file"]
    )
    page = post_too_big(curator, "/curate/oruk-import")
    assert page.select_one("h1").text == "Import services from another directory"
    assert "larger than 10 MB" in page.select_one(".nhsuk-error-message").text


def test_this_directorys_own_entries_are_listed_not_changed(curator):
    own = create_service(name="Friendship Café")
    republished = documents.directory_document()
    republished["contents"][0]["description"] = "Tea, cake and a chat."
    report = dry_run(curator, json.dumps(republished).encode(), feed="Aggregator")
    assert "A feed does not change them" in report.text
    summary = {
        item.select_one("dt").text.strip(): item.select_one("dd").text.strip()
        for item in report.select(".nhsuk-summary-list__row")
    }
    assert summary["This directory's own"] == "1: not changed by a feed"
    assert row_report(report, 1)[0] == "Own entry"
    assert [li.text for li in report.select("#row-1 li")] == [
        "This directory's own entry — not changed by a feed.",
        "The feed has Description “Tea, cake and a chat.”; this directory has “Come along for a "
        "cuppa and a chat.”",
    ]
    assert "There is nothing in this file to import." in report.text
    assert db.session.get(Service, own.id).description == "Come along for a cuppa and a chat."
