"""`flask oruk export` and `flask oruk import`."""

import json

from sqlalchemy import func, select

from knowledge.extensions import db
from knowledge.models import FeedSource, PublicationState, Service
from knowledge.oruk import documents, schemas
from tests.factories import create_service
from tests.oruk.test_feeds import a_service, table_counts


def run(app, *args: str):
    return app.test_cli_runner().invoke(args=["oruk", *args])


def test_export_writes_the_published_directory_as_json_that_validates(app, tmp_path):
    create_service(name="Friendship Café", location={})
    create_service(name="Knit and Natter", publication=PublicationState.DRAFT)
    target = tmp_path / "directory.json"
    result = run(app, "export", str(target))
    assert result.exit_code == 0, result.output
    assert result.output == f"Exported 1 published services to {target}.\n"
    text = target.read_text(encoding="utf-8")
    document = json.loads(text)
    assert [s["name"] for s in document["contents"]] == ["Friendship Café"]
    assert (
        text
        == json.dumps(documents.directory_document(), indent=2, sort_keys=True, ensure_ascii=False)
        + "\n"
    )
    assert schemas.errors(document["contents"][0], "compiled/service.json") == []
    assert schemas.errors(document, schemas.response_validator("/services")) == []

    to_screen = run(app, "export", "-")
    assert to_screen.exit_code == 0
    assert json.loads(to_screen.stdout) == document


def test_export_refuses_a_directory_that_would_not_validate_and_writes_nothing(app, tmp_path):
    create_service(name="From an old system", id="legacy-17")
    target = tmp_path / "directory.json"
    result = run(app, "export", str(target))
    assert result.exit_code == 1
    assert "do not pass the Open Referral UK schemas, so nothing was written" in result.output
    assert "contents[0] (legacy-17): id: 'legacy-17' is not a 'uuid'" in result.output
    assert not target.exists()


def test_import_says_what_it_would_do_and_changes_nothing_without_apply(app, tmp_path):
    feed = tmp_path / "feed.json"
    broken = a_service(id="5d2f7a7e-0c55-4c55-9a4e-0c3a4f0e2b12", status="open")
    feed.write_text(json.dumps([a_service(), broken]), encoding="utf-8")
    before = table_counts()
    result = run(app, "import", str(feed), "--feed", "Wyvern Directory")
    assert result.exit_code == 0, result.output
    assert table_counts() == before
    lines = result.output.splitlines()
    assert lines[0] == f"Feed “Wyvern Directory”, {feed}: 2 services."
    assert "    1 create     Walk and Talk" in lines
    assert "    2 rejected   Walk and Talk" in lines
    assert (
        "        rejected: status: 'open' should be one of 'active', 'inactive', 'defunct', "
        "'temporarily closed'" in lines
    )
    assert any(line.startswith("        warning: It arrives as a draft.") for line in lines)
    assert lines[-1] == "Dry run: nothing was changed. Run it again with --apply to import."

    refused = run(app, "import", str(feed), "--feed", "Wyvern Directory", "--apply")
    assert refused.exit_code == 1
    assert "Nothing was imported: 1 rejected." in refused.output
    assert table_counts() == before

    applied = run(
        app, "import", str(feed), "--feed", "Wyvern Directory", "--apply", "--skip-rejected"
    )
    assert applied.exit_code == 0, applied.output
    assert applied.output.splitlines()[-1] == (
        "Imported: 1 created, 0 updated, 0 unchanged, 1 rejected."
    )
    [service] = db.session.scalars(select(Service)).all()
    assert (service.name, service.publication) == ("Walk and Talk", PublicationState.DRAFT)
    assert (
        db.session.scalar(select(func.count(FeedSource.id))) == 2
    )  # the service, its organisation


def test_import_with_publish_moves_a_directory(app, tmp_path):
    service = a_service(
        ck_summary="A weekly walk.",
        attributes=[
            {
                "id": "0c7a0f6e-7777-4d3c-8a5b-5e2a8c9d0f0c",
                "taxonomy_term": {
                    "id": "0c7a0f6e-8888-4d3c-8a5b-5e2a8c9d0f0d",
                    "name": "Wellbeing",
                    "description": "",
                    "taxonomy": "need-domain",
                    "term": "wellbeing",
                },
            }
        ],
        service_areas=[{"id": "0c7a0f6e-9999-4d3c-8a5b-5e2a8c9d0f0e", "ck_area_code": "melton"}],
    )
    feed = tmp_path / "feed.json"
    feed.write_text(json.dumps({"contents": [service], "total_pages": 1}), encoding="utf-8")
    result = run(app, "import", str(feed), "--feed", "Old installation", "--apply", "--publish")
    assert result.exit_code == 0, result.output
    assert "1 to create (1 published, 0 as drafts)" in result.output
    assert db.session.get(Service, service["id"]).publication is PublicationState.PUBLISHED


def test_a_file_that_is_not_a_feed_is_refused_with_its_reason(app, tmp_path):
    feed = tmp_path / "directory.csv"
    feed.write_text("id,name\n", encoding="utf-8")
    result = run(app, "import", str(feed), "--feed", "Spreadsheet")
    assert result.exit_code == 1
    assert f"{feed} cannot be imported: This is not a JSON file" in result.output
    no_name = run(app, "import", str(feed), "--feed", "  ")
    assert no_name.exit_code == 2
    assert "Give the feed a name" in no_name.output


def test_import_lists_this_directorys_own_entries_and_leaves_them(app, tmp_path):
    own = create_service(name="Friendship Café")
    republished = documents.directory_document()
    republished["contents"][0]["description"] = "Tea, cake and a chat."
    feed = tmp_path / "aggregator.json"
    feed.write_text(json.dumps(republished), encoding="utf-8")
    result = run(app, "import", str(feed), "--feed", "Aggregator", "--apply")
    assert result.exit_code == 0, result.output
    lines = result.output.splitlines()
    assert "    1 own entry  Friendship Café" in lines
    assert "        note: This directory's own entry — not changed by a feed." in lines
    assert lines[-1] == (
        "Imported: 0 created, 0 updated, 0 unchanged, 0 rejected. 1 of this directory's own "
        "entries, not changed by a feed."
    )
    assert db.session.get(Service, own.id).description == "Come along for a cuppa and a chat."
