"""Loading GP practices: the demo's JSON, and a trust's own CSV (`flask seed practices`)."""

import pytest
from sqlalchemy import func, select

from knowledge.commands import SEED_FOLDER
from knowledge.connectors.seeding import PracticeFileError, load_practices
from knowledge.extensions import db
from knowledge.models.connectors import GpPractice


def practice_count() -> int:
    return db.session.scalar(select(func.count()).select_from(GpPractice))


def test_the_demo_practices_load_once_each_in_a_neighbourhood(app):
    counts = load_practices(SEED_FOLDER / "practices.json")
    assert counts.added == practice_count() == 51
    assert load_practices(SEED_FOLDER / "practices.json").added == 0
    assert practice_count() == 51
    wilton = db.session.scalar(select(GpPractice).where(GpPractice.name == "Wilton Road Surgery"))
    assert (wilton.neighbourhood.code, wilton.neighbourhood.parent.code) == (
        "melton-mowbray",
        "melton",
    )


def test_a_trusts_csv_loads(app, tmp_path):
    path = tmp_path / "practices.csv"
    path.write_text(
        "code,name,town,pcn,neighbourhood\n"
        "C82001,Real Road Surgery,Melton Mowbray,Melton PCN,melton-mowbray\n"
        "C82002,Other Lane Practice,,,oadby\n",
        encoding="utf-8",
    )
    assert load_practices(path).added == 2
    other = db.session.scalar(select(GpPractice).where(GpPractice.code == "C82002"))
    assert (other.name, other.town, other.pcn_name) == ("Other Lane Practice", None, None)


def test_a_bad_file_names_every_bad_row_and_saves_nothing(app, tmp_path):
    path = tmp_path / "practices.csv"
    path.write_text(
        "code,name,town,pcn,neighbourhood\n"
        "C82001,Good Surgery,,,oadby\n"
        "C82001,Twice Surgery,,,oadby\n"
        "C82003,,,,oadby\n"
        "C82004,Lost Surgery,,,atlantis\n",
        encoding="utf-8",
    )
    with pytest.raises(PracticeFileError) as refused:
        load_practices(path)
    assert refused.value.problems == [
        "Row 3: C82001 is in the file twice",
        "Row 4: the practice has no name",
        "Row 5: no neighbourhood has the code 'atlantis'",
    ]
    assert practice_count() == 0


def test_a_csv_without_the_columns_is_refused(app, tmp_path):
    path = tmp_path / "practices.csv"
    path.write_text("ods,practice\nC82001,Somewhere\n", encoding="utf-8")
    with pytest.raises(PracticeFileError, match="no code, name, neighbourhood column"):
        load_practices(path)


def test_the_command_reports_what_it_did_or_every_problem(app, tmp_path):
    runner = app.test_cli_runner()
    result = runner.invoke(args=["seed", "practices", str(SEED_FOLDER / "practices.json")])
    assert result.exit_code == 0, result.output
    assert "GP practices: 51 added" in result.output
    bad = tmp_path / "bad.csv"
    bad.write_text("code,name,neighbourhood\nX1,Nowhere,atlantis\n", encoding="utf-8")
    result = runner.invoke(args=["seed", "practices", str(bad)])
    assert result.exit_code != 0
    assert "Row 2: no neighbourhood has the code 'atlantis'" in result.output
