"""A question from staff, answered by the helpline: a draft entry made from one need and
published, the other logged as unmet, the answer read back by the member of staff."""

import re

import pytest
from playwright.sync_api import expect

from tests.browser.browsing import DESKTOP, Person, arrive, axe_check, screenshot, sign_in

pytestmark = pytest.mark.browser

# A new entry each run, so the mouse and the keyboard journeys each publish their own.
NEW_SERVICES = {
    "mouse": "Loughborough Evening Debt Clinic",
    "keyboard": "Shepshed Evening Debt Clinic",
}


@pytest.mark.parametrize("mode", ["mouse", "keyboard"])
def test_staff_ask_and_the_helpline_answers(pages, mode):
    # The member of staff asks with the mouse: test_staff asks with the keyboard alone.
    staff = Person(pages.open())
    page = staff.page
    new_service = NEW_SERVICES[mode]
    sign_in(staff, "staff@example.org")
    staff.follow(page.get_by_role("link", name="Ask the helpline", exact=True))
    arrive(page, "Ask the helpline")
    question = f"Evening debt advice near Loughborough for someone who works days ({mode})."
    staff.choose(page.get_by_label("Need", exact=True), "Benefits and money: Debt advice")
    staff.fill(page.get_by_label("What do you need to find?"), question)
    staff.choose(page.get_by_label("Where", exact=True), "Charnwood (whole district)")
    staff.fill(page.get_by_label("Team"), "Charnwood community mental health team")
    staff.tick(page.get_by_role("group", name="Specialty").get_by_label("Adult mental health"))
    staff.follow(page.get_by_role("button", name="Send to the helpline"))
    sent = page.get_by_role("status").filter(has_text="Sent to the helpline")
    expect(sent).to_be_visible()
    reference = re.search(r"Your reference is (\S+)\.", sent.inner_text()).group(1)
    axe_check(page)

    # The helpline worker, at a desk.
    helpline = Person(pages.open(DESKTOP), keyboard=mode == "keyboard")
    desk = helpline.page
    sign_in(helpline, "helpline@example.org")
    helpline.follow(desk.get_by_role("link", name="Helpline queries"))
    arrive(desk, "Helpline queries")
    helpline.choose(desk.get_by_label("State"), "New")
    helpline.follow(desk.get_by_role("button", name="Show"))
    arrive(desk, "Helpline queries")
    if not helpline.keyboard:
        screenshot(desk, "helpline-queue")
    helpline.follow(desk.get_by_role("link", name=reference))
    arrive(desk, f"Query {reference}")
    expect(desk.get_by_role("definition").filter(has_text=question)).to_be_visible()
    helpline.follow(desk.get_by_role("button", name="Take it and start"))
    arrive(desk, f"Query {reference}")

    # Need 1: met by a new entry, drafted from the need and published.
    helpline.follow(desk.get_by_role("link", name="Decide the outcome of need 1"))
    arrive(desk, f"Need 1 of {reference}")
    helpline.fill(desk.get_by_label("Name of the new entry"), new_service)
    organisation = desk.get_by_label("Organisation that runs it")
    helpline.choose(organisation, organisation.locator("option").nth(1).inner_text().strip())
    helpline.follow(desk.get_by_role("button", name="Create a draft entry from this need"))
    expect(desk.get_by_role("status")).to_contain_text(
        f"Draft entry made for need 1 of {reference}"
    )
    axe_check(desk)
    helpline.follow(desk.get_by_role("button", name="Publish", exact=True))
    expect(desk.get_by_role("button", name="Return to draft")).to_be_visible()
    axe_check(desk)

    # Need 2: nothing suitable exists, so it goes to the unmet-needs register. Back to the
    # query the way a helpline worker finds their own work: the queue, in progress, only theirs.
    helpline.follow(desk.locator(".ck-staff-bar").get_by_role("link", name="Staff home"))
    arrive(desk, "Staff home")
    helpline.follow(desk.get_by_role("link", name="Helpline queries"))
    arrive(desk, "Helpline queries")
    helpline.choose(desk.get_by_label("State"), "In progress")
    helpline.tick(desk.get_by_label("Only mine"))
    helpline.follow(desk.get_by_role("button", name="Show"))
    arrive(desk, "Helpline queries")
    helpline.follow(desk.get_by_role("link", name=reference))
    arrive(desk, f"Query {reference}")
    helpline.follow(desk.get_by_role("link", name="Add a need"))
    arrive(desk, f"Add a need – {reference}")
    helpline.choose(desk.get_by_label("Need", exact=True), "Benefits and money: Debt advice")
    helpline.fill(desk.get_by_label("What is needed"), "Debt advice on Saturdays in Loughborough")
    helpline.follow(desk.get_by_role("button", name="Add the need"))
    arrive(desk, f"Query {reference}")
    helpline.follow(desk.get_by_role("link", name="Decide the outcome of need 2"))
    arrive(desk, f"Need 2 of {reference}")
    helpline.choose(desk.get_by_label("Why it is unmet"), "Opening times")
    helpline.fill(
        desk.get_by_label("The gap, in a sentence"), "No weekend debt advice in Loughborough"
    )
    helpline.follow(desk.get_by_role("button", name="Record as unmet"))
    arrive(desk, f"Query {reference}")
    needs = desk.locator("h2:text('Needs') + ol > li")
    expect(needs.nth(0)).to_contain_text(new_service)
    expect(needs.nth(1)).to_contain_text("in the unmet-needs register")

    helpline.fill(
        desk.get_by_label("Answer for the person who asked"),
        f"{new_service} is open on Tuesday evenings. Nothing on Saturdays yet: logged as a gap.",
    )
    helpline.follow(desk.get_by_role("button", name="Send the answer"))
    arrive(desk, f"Query {reference}")
    expect(desk.locator("p .nhsuk-tag")).to_have_text("Answered")

    # The member of staff reads the answer.
    staff.follow(page.get_by_role("link", name="My questions"))
    arrive(page, "My questions")
    staff.follow(page.get_by_role("link", name=re.compile(re.escape(reference))).first)
    axe_check(page)
    expect(page.get_by_role("main")).to_contain_text("open on Tuesday evenings")
    expect(page.get_by_role("link", name=new_service)).to_be_visible()
