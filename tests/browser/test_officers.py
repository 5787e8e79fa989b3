"""The back office at a desk: the Community Knowledge Officer's review queue and CSV import, a
commissioner's downloads, an administrator's accounts; each with the mouse and with the
keyboard alone."""

import csv
import io
import re

import pytest
from openpyxl import load_workbook
from playwright.sync_api import expect

from tests.browser.browsing import DESKTOP, Person, arrive, axe_check, screenshot, sign_in

pytestmark = pytest.mark.browser

# A count of people as the reports show it: rounded to 5, 1 to 7 as "*"; or a percentage.
FIGURE = re.compile(r"\d+|\*|\d+%")
LAST_QUARTER = "July to September 2026 (Q2 2026/27)"
# One new service from the CSV for each way of working through the import, each like a demo
# entry ("Money Advice Outreach, Shepshed", "Money Advice Drop-in, Loughborough") on its own:
# neither variant may depend on the entry the other one creates.
NEW_SERVICES = {
    "mouse": "Shepshed Money Advice Drop-in",
    "keyboard": "Shepshed Money Advice Outreach",
}


@pytest.fixture(params=["mouse", "keyboard"])
def desk(pages, request) -> Person:
    return Person(pages.open(DESKTOP), keyboard=request.param == "keyboard")


def test_work_the_review_queue_and_import_a_csv_with_a_dry_run(desk: Person, tmp_path):
    page = desk.page
    sign_in(desk, "helpline@example.org")
    desk.follow(page.get_by_role("link", name="Curate the directory"))
    arrive(page, "Curation")
    if not desk.keyboard:
        screenshot(page, "curation-dashboard")
    desk.follow(page.get_by_role("link", name="See everything due for review"))
    arrive(page, "Due for review")
    count = page.locator("p").filter(has_text=re.compile(r"^\d+ published"))
    due = int(re.match(r"\d+", count.inner_text()).group(0))
    first = page.locator("tbody tr").first.get_by_role("link").first.inner_text()
    desk.follow(page.get_by_role("button", name=f"Mark as checked: {first}", exact=True))
    arrive(page, "Due for review")
    expect(page.get_by_role("status")).to_contain_text("Marked as checked today.")
    expect(count).to_contain_text(f"{due - 1} published")
    expect(page.locator("tbody").get_by_role("link", name=first, exact=True)).to_have_count(0)

    new_service = NEW_SERVICES["keyboard" if desk.keyboard else "mouse"]
    upload = tmp_path / "new-services.csv"
    with upload.open("w", newline="", encoding="utf-8") as file:
        writer = csv.writer(file)
        writer.writerow(
            ["id", "name", "organisation", "summary", "description", "need_terms", "areas"]
        )
        writer.writerow(
            [
                "",
                new_service,
                "Charnwood Mental Health Forum",
                "Free help with debts and benefits, Wednesday mornings.",
                "Advisers help with debts, benefits forms and bills. No appointment needed.",
                "debt-advice",
                "charnwood",
            ]
        )
    desk.follow(page.locator(".ck-staff-bar").get_by_role("link", name="Curation"))
    arrive(page, "Curation")
    desk.follow(page.get_by_role("link", name="Import services from a spreadsheet (CSV)"))
    arrive(page, "Import services from a spreadsheet")
    # Choosing the file is the one step not done as a person does it, with the mouse or the
    # keyboard: the file chooser is the operating system's, not the page's.
    page.get_by_label("CSV file").set_input_files(upload)
    desk.follow(page.get_by_role("button", name="Check the file"))
    arrive(page, "Check the import of new-services.csv")
    expect(page.get_by_role("heading", level=1)).to_have_text("Check what this file would do")
    expect(page.get_by_role("main")).to_contain_text(new_service)
    # Nothing is saved by checking: the dry run names a similar entry already in Charnwood,
    # and the new one is added only if ticked.
    expect(page.get_by_role("button", name=re.compile(r"^Import 0 rows"))).to_be_visible()
    desk.tick(page.get_by_label("Create it anyway"))
    desk.follow(page.get_by_role("button", name=re.compile(r"^Import 0 rows and any you ticked")))
    expect(page.get_by_role("status")).to_be_visible()
    axe_check(page)

    desk.follow(page.locator(".ck-staff-bar").get_by_role("link", name="Curation"))
    arrive(page, "Curation")
    desk.follow(page.get_by_role("link", name="Services", exact=True))
    arrive(page, "Services")
    desk.fill(page.get_by_label("Service or organisation name contains"), new_service)
    desk.follow(page.get_by_role("button", name="Show"))
    arrive(page, "Services")
    expect(page.get_by_role("link", name=new_service, exact=True)).to_be_visible()


def test_a_commissioner_downloads_last_quarter_as_csv_and_xlsx(desk: Person, tmp_path):
    page = desk.page
    sign_in(desk, "commissioner@example.org")
    desk.follow(page.get_by_role("link", name="Reports for commissioners"))
    arrive(page, "Unmet needs and helpline activity")
    desk.follow(page.get_by_role("link", name=LAST_QUARTER, exact=True))
    arrive(page, "Unmet needs and helpline activity")
    expect(page.get_by_role("link", name=LAST_QUARTER, exact=True)).to_have_attribute(
        "aria-current", "true"
    )
    if not desk.keyboard:
        screenshot(page, "reports")

    with page.expect_download() as download:
        desk.follow(page.get_by_role("link", name="CSV", exact=True).first)
    assert download.value.suggested_filename.endswith("2026-07-01-to-2026-09-30.csv")
    lines = list(csv.reader(io.StringIO(download.value.path().read_text(encoding="utf-8-sig"))))
    assert lines[0] == ["Community Knowledge: unmet needs and helpline activity"]
    assert ["Period", "1 July to 30 September 2026"] in lines
    tables = csv_tables(lines)
    assert len(tables) >= 10
    for title, header, rows in tables:
        assert header[-1] in ("Total", header[1]), (title, header)
        for row in rows:
            assert all(FIGURE.fullmatch(cell) or cell == "" for cell in row[1:]), (title, row)

    with page.expect_download() as download:
        desk.follow(page.get_by_role("link", name="Excel (XLSX)", exact=True).first)
    assert download.value.suggested_filename.endswith("2026-07-01-to-2026-09-30.xlsx")
    saved = tmp_path / download.value.suggested_filename
    download.value.save_as(saved)
    workbook = load_workbook(saved, read_only=True)
    assert workbook.sheetnames[0] == "About these figures"
    about = [row for row in workbook["About these figures"].values]
    assert any(row[:2] == ("Period", "1 July to 30 September 2026") for row in about)
    numbers = 0
    for name in workbook.sheetnames[1:]:
        values = [trimmed(row) for row in workbook[name].values]
        # The title, the period and filters, what is counted, a blank line, then the table.
        header = values[4]
        assert header and all(isinstance(heading, str) for heading in header), (name, header)
        for row in values[5:]:
            for cell in row[1:]:
                assert cell is None or isinstance(cell, int | float) or cell == "*", (name, row)
                numbers += isinstance(cell, int | float)
    assert numbers > 0
    workbook.close()


def trimmed(row: tuple) -> tuple:
    end = len(row)
    while end and row[end - 1] is None:
        end -= 1
    return row[:end]


def csv_tables(lines: list[list[str]]) -> list[tuple[str, list[str], list[list[str]]]]:
    """The tables in a report CSV: each block's title, its header line (after "What is
    counted") and its rows up to the blank line."""
    tables = []
    blocks = "\n".join("\x1f".join(line) for line in lines).split("\n\n")
    for block in blocks[1:]:
        rows = [line.split("\x1f") for line in block.split("\n")]
        counted = next(i for i, row in enumerate(rows) if row[0] == "What is counted")
        tables.append((rows[0][0], rows[counted + 1], rows[counted + 2 :]))
    return tables


def test_an_administrator_creates_and_disables_an_account(desk: Person):
    page = desk.page
    email = f"new.starter.{'keyboard' if desk.keyboard else 'mouse'}@example.org"
    sign_in(desk, "admin@example.org")
    desk.follow(page.get_by_role("link", name="Manage accounts"))
    arrive(page, "Accounts")
    desk.follow(page.get_by_role("link", name="Create an account"))
    arrive(page, "Create an account")
    desk.fill(page.get_by_label("Work email address"), email)
    desk.fill(page.get_by_label("Full name"), "Nia Newstarter")
    desk.tick(page.get_by_label("Staff", exact=True))
    desk.fill(page.get_by_label("Temporary password"), "a long temporary passphrase 42")
    desk.follow(page.get_by_role("button", name="Create account"))
    arrive(page, email)
    expect(page.get_by_role("status")).to_contain_text(f"Account created for {email}")
    status = page.locator(".nhsuk-summary-list__row", has_text="Status")
    expect(status).to_contain_text("Can sign in; must change password")

    desk.follow(page.get_by_role("button", name="Disable account"))
    arrive(page, email)
    expect(status).to_contain_text("Disabled")
    expect(page.get_by_role("button", name="Enable account")).to_be_visible()
