"""Staff in an appointment, on a 360px phone: search, record the person's other need with two
services, copy the summary for the patient record, and ask the helpline."""

import re

import pytest
from playwright.sync_api import expect

from tests.browser.browsing import Person, arrive, axe_check, screenshot, sign_in

pytestmark = pytest.mark.browser

# Valid NHS numbers (modulus 11) that no demo person has: each journey starts a new person.
NHS_NUMBERS = {"mouse": "943 476 5919", "keyboard": "401 023 2137"}


@pytest.fixture
def staff(pages, request) -> Person:
    keyboard = request.param == "keyboard"
    page = pages.open(permissions=["clipboard-read", "clipboard-write"])
    return Person(page, keyboard=keyboard)


def add_to_entry(name: str) -> re.Pattern:
    return re.compile(rf"^Add to an other-needs entry: {re.escape(name)}$")


@pytest.mark.parametrize("staff", ["mouse", "keyboard"], indirect=True)
def test_record_an_other_need_with_two_services_and_ask_the_helpline(staff: Person):
    page = staff.page
    mode = "keyboard" if staff.keyboard else "mouse"
    photograph = not staff.keyboard
    sign_in(staff, "staff@example.org", photograph=photograph)

    staff.follow(page.get_by_role("link", name="Search the directory"))
    arrive(page, "Find help")
    staff.fill(page.get_by_label("Search again"), "debt advice")
    staff.follow(page.get_by_role("main").get_by_role("button", name="Search", exact=True))
    arrive(page, "Search results for debt advice")
    first = page.locator(".ck-result").first.get_by_role("heading").inner_text()

    # The first service: the person's number first, then a new entry.
    staff.follow(page.get_by_role("button", name=add_to_entry(first)))
    arrive(page, "Other needs: find a person")
    expect(page.get_by_role("heading", level=1)).to_have_text("Which person is it for?")
    staff.fill(page.get_by_label("NHS number"), NHS_NUMBERS[mode])
    staff.follow(page.get_by_role("button", name="Continue"))
    arrive(page, f"Add {first} to an other-needs entry")
    expect(page.get_by_role("group", name="They have no open entries")).to_be_visible()
    expect(page.get_by_label("A new entry")).to_be_checked()
    staff.follow(page.get_by_role("button", name="Continue"))
    arrive(page, "Record an other need")
    expect(page.get_by_text(f"{first} (")).to_contain_text("will be listed as offered")
    staff.choose(page.get_by_label("Need", exact=True), "Benefits and money: Debt advice")
    staff.fill(
        page.get_by_label("What they need, in a sentence (optional)"),
        "Rent arrears and a council tax letter",
    )
    staff.tick(page.get_by_label("Needing help", exact=True))
    staff.tick(page.get_by_label("Explore their needs and coach"))
    staff.fill(page.get_by_label("Team"), "Charnwood community mental health team")
    staff.tick(page.get_by_role("group", name="Specialty").get_by_label("Adult mental health"))
    staff.tick(page.get_by_label("26 to 64"))
    staff.choose(page.get_by_label("Where they live"), "Charnwood (whole district)")
    if photograph:
        screenshot(page, "other-needs-entry-form")
    staff.follow(page.get_by_role("button", name="Save the entry"))
    need = "Benefits and money: Debt advice"
    arrive(page, f"{need}: other need")
    expect(page.get_by_role("status")).to_contain_text(f"Entry saved, with {first} offered.")

    # The second service, found from the entry, goes into the same entry.
    staff.follow(page.get_by_role("link", name=re.compile("^Find benefits and money services")))
    arrive(page, "Find help")
    expect(page.locator(".ck-chosen-filters__list")).to_contain_text("Benefits and money")
    names = page.locator(".ck-result").get_by_role("heading").all_inner_texts()
    second = next(name for name in names if name != first)
    staff.follow(page.get_by_role("button", name=add_to_entry(second)))
    arrive(page, f"Add {second} to an other-needs entry")
    staff.tick(page.get_by_label(need))
    staff.follow(page.get_by_role("button", name="Continue"))
    arrive(page, f"{need}: other need")
    expect(page.get_by_role("status")).to_contain_text(f"{second} added to this entry.")
    expect(page.locator(".ck-offer h3")).to_have_text([first, second])
    if photograph:
        screenshot(page, "other-needs-entry")

    # The summary for the patient record, copied with the button.
    staff.follow(page.get_by_role("link", name="Summary to paste into the patient record"))
    arrive(page, f"Summary for the patient record: {need}")
    summary = page.get_by_label("Summary", exact=True).input_value()
    assert first in summary and second in summary
    assert re.sub(r"\D", "", NHS_NUMBERS[mode]) not in re.sub(r"\D", "", summary)
    staff.follow(page.get_by_role("button", name="Copy the summary"))
    expect(page.get_by_role("status")).to_have_text("Copied. Paste it into the patient record.")
    assert page.evaluate("navigator.clipboard.readText()") == summary

    # Ask the helpline, from the entry.
    staff.follow(page.get_by_role("link", name="Back to the entry"))
    arrive(page, f"{need}: other need")
    staff.follow(page.get_by_role("link", name="Ask the helpline about this"))
    arrive(page, "Ask the helpline")
    question = f"A debt advice service with evening appointments near Loughborough ({mode})."
    staff.fill(page.get_by_label("What do you need to find?"), question)
    staff.follow(page.get_by_role("button", name="Send to the helpline"))
    expect(page.get_by_role("status")).to_be_visible()
    axe_check(page)
    expect(page.get_by_text(question)).to_be_visible()
