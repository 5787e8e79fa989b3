"""The public site on a 360px phone, as a person uses it: with the mouse, with the keyboard
alone, and with JavaScript off. The clock is Tuesday 24 November 2026, 7:30pm."""

import re

import pytest
from playwright.sync_api import Page, expect
from sqlalchemy import select

from knowledge.extensions import db
from knowledge.models import Suggestion
from tests.browser.browsing import SCREENSHOTS, Person, arrive, screenshot

pytestmark = pytest.mark.browser


def for_service(action: str, name: str) -> re.Pattern:
    """A button's whole accessible name: what it shows, then which service, for screen
    readers ("Add to shortlist: Name")."""
    return re.compile(rf"^{re.escape(action)}: {re.escape(name)}$")


def result_count(page: Page) -> int:
    text = page.locator(".ck-result-count").inner_text()
    match = re.match(r"(\d+) services? found", text)
    assert match, text
    return int(match.group(1))


def test_search_filter_and_print_a_shortlist(person: Person):
    page = person.page
    page.goto("/")
    arrive(page, "Find local help and support")
    photograph = not person.keyboard
    if photograph:
        screenshot(page, "home")
    person.fill(page.get_by_label("What do you need help with?"), "feeling lonely")
    person.follow(page.get_by_role("main").get_by_role("button", name="Search"))
    arrive(page, "Search results for feeling lonely")
    expect(page.get_by_role("heading", level=1)).to_have_text("Results for “feeling lonely”")
    everything = result_count(page)
    if photograph:
        screenshot(page, "results")

    # On a phone the filters come after the results: the link near the top jumps to them.
    person.follow(page.get_by_role("link", name="Filter results"))
    person.tick(page.get_by_role("group", name="Cost").get_by_label(re.compile(r"^Free \(")))
    person.tick(page.get_by_role("group", name="Area").get_by_label(re.compile(r"^Charnwood \(")))
    person.follow(page.get_by_role("button", name="Apply filters"))
    arrive(page, "Search results for feeling lonely")
    chosen = page.locator(".ck-chosen-filters__list li")
    expect(chosen).to_have_text([re.compile("Area: Charnwood"), re.compile("Cost: Free")])
    found = result_count(page)
    assert 0 < found < everything
    # The counts beside the chosen filters are of the filtered results.
    for label in ("Free", "Charnwood"):
        expect(page.get_by_label(re.compile(rf"^{label} \("))).to_have_accessible_name(
            f"{label} ({found})"
        )
    results = page.locator(".ck-result")
    expect(results).to_have_count(min(found, 20))
    assert results.filter(has=page.locator(".nhsuk-tag", has_text="Free")).count() == min(found, 20)

    name = results.first.get_by_role("heading").inner_text()
    person.follow(results.first.get_by_role("link", name=name))
    arrive(page, name)
    expect(page.get_by_role("heading", level=1)).to_have_text(name)
    expect(page.get_by_role("link", name="Back to your results")).to_be_visible()
    if photograph:
        screenshot(page, "service")

    person.follow(page.get_by_role("button", name=for_service("Add to shortlist", name)))
    arrive(page, name)
    added = page.get_by_role("status").filter(has_text="Added to your shortlist")
    # app.js moves the focus to the confirmation, so it is seen and read out.
    expect(added).to_be_focused()
    expect(page.get_by_role("link", name="Shortlist (1)")).to_be_attached()
    person.follow(added.get_by_role("link", name="See your shortlist"))
    arrive(page, "Your shortlist")
    printable = page.locator(".ck-printable__item")
    expect(printable).to_have_count(1)
    expect(printable.get_by_role("heading")).to_have_text(name)
    if photograph:
        screenshot(page, "shortlist")

    # "Print your shortlist" asks the browser to print; the dialog itself is the browser's.
    page.evaluate("() => { window.printed = 0; window.print = () => { window.printed += 1; }; }")
    person.follow(page.get_by_role("button", name="Print your shortlist"))
    assert page.evaluate("window.printed") == 1
    check_printed_shortlist(page, name)


def check_printed_shortlist(page: Page, name: str) -> None:
    """On paper: the services and how to reach them, the date, the address online; none of
    the site's controls, and no addresses of its own links."""
    page.emulate_media(media="print")
    try:
        expect(page.get_by_role("heading", level=1)).to_have_text("Your shortlist")
        expect(page.locator(".ck-printable__item h2")).to_have_text(name)
        expect(page.get_by_text("Printed on 24 November 2026")).to_be_visible()
        expect(page.locator(".ck-printable__item").get_by_text("Online")).to_be_visible()
        for hidden in (
            page.get_by_role("banner").get_by_role("search"),
            page.get_by_role("contentinfo"),
            page.get_by_role("button", name="Print your shortlist"),
            page.get_by_role("button", name="Clear your shortlist"),
            page.get_by_role("button", name=for_service("Remove from shortlist", name)),
            page.get_by_label("Link to share this shortlist"),
        ):
            expect(hidden).to_be_hidden()
        # NHS.UK prints a link's address after it: only where the address is worth reading
        # on paper and not already the link's own text.
        printed = page.locator(".ck-printable__item a").evaluate_all(
            """links => links.map(link => [link.getAttribute("href"), link.textContent.trim(),
                                           getComputedStyle(link, "::after").content])"""
        )
        assert any(href.startswith("http") for href, _, _ in printed)
        for href, text, after in printed:
            if href.startswith(("/", "tel:", "mailto:")) or href == text:
                assert after in ("none", "normal"), (href, after)
            else:
                assert href in after, (href, after)
        page.set_viewport_size({"width": 794, "height": 1123})  # A4 at 96 dpi
        page.screenshot(path=SCREENSHOTS / "shortlist-print.png", full_page=True)
    finally:
        page.emulate_media(media=None)


def test_find_a_crisis_cafe_open_tonight(person: Person):
    page = person.page
    page.goto("/")
    arrive(page, "Find local help and support")
    # The NHS.UK font stack (Frutiger is not loaded here, so Arial), not the browser's serif.
    font = page.evaluate("getComputedStyle(document.body).fontFamily")
    assert "arial" in font.lower(), font
    section = page.get_by_role("region", name="Crisis cafés open now")
    open_on_home = section.locator("li a").all_inner_texts()
    assert open_on_home, "Tuesday at 7:30pm: the demo directory has crisis cafés open"

    person.follow(section.get_by_role("link", name="See all crisis cafés and when they open"))
    arrive(page, "Crisis cafés")
    if not person.keyboard:
        screenshot(page, "crisis-cafes")
    open_now = page.locator("h2#open-now + ul > li")
    assert open_now.get_by_role("heading").all_inner_texts() == open_on_home
    for status in open_now.locator(".ck-result__facts strong").all_inner_texts():
        assert re.fullmatch(r"Open now until \d+(:\d\d)?(am|pm)", status), status

    cafe = open_on_home[0]
    person.follow(open_now.first.get_by_role("link", name=cafe))
    arrive(page, cafe)
    expect(page.locator(".ck-open-status")).to_have_text(re.compile(r"^Open now until"))


def test_report_a_problem_with_a_page(person: Person, live_server):
    page = person.page
    page.goto("/search?q=debt+advice")
    arrive(page, "Search results for debt advice")
    name = page.locator(".ck-result").first.get_by_role("heading").inner_text()
    person.follow(page.get_by_role("link", name=name).first)
    arrive(page, name)
    service_id = page.url.rsplit("/", 1)[1]

    person.follow(page.get_by_role("link", name="Report a problem with this page"))
    arrive(page, f"Report a problem with {name}")
    person.follow(page.get_by_role("button", name="Send report"))
    arrive(page, f"Error: Report a problem with {name}")
    expect(page.get_by_role("alert")).to_contain_text("Choose what the problem is")

    details = f"The Thursday session has moved to Friday ({person})."
    person.tick(page.get_by_label("Information is out of date"))
    person.fill(page.get_by_label("Tell us more"), details)
    person.follow(page.get_by_role("button", name="Send report"))
    arrive(page, "Thank you")
    person.follow(page.get_by_role("link", name="Back to the service"))
    arrive(page, name)

    with live_server.app.app_context():
        saved = db.session.scalars(select(Suggestion).where(Suggestion.details == details)).one()
        assert (saved.service_id, saved.topic.value, saved.from_staff) == (
            service_id,
            "out-of-date",
            False,
        )


def test_search_filters_service_and_shortlist_work_without_javascript(pages):
    page = pages.open(javascript=False)
    person = Person(page)
    page.goto("/")
    arrive(page, "Find local help and support")
    page.get_by_label("What do you need help with?").fill("money worries")
    page.get_by_label("What do you need help with?").press("Enter")
    arrive(page, "Search results for money worries")
    everything = result_count(page)
    person.tick(page.get_by_role("group", name="Area").get_by_label(re.compile(r"^Leicester City")))
    person.follow(page.get_by_role("button", name="Apply filters"))
    arrive(page, "Search results for money worries")
    expect(page.locator(".ck-chosen-filters__list li")).to_have_text(
        [re.compile("Area: Leicester City")]
    )
    assert 0 < result_count(page) < everything

    first = page.locator(".ck-result").first
    name = first.get_by_role("heading").inner_text()
    # Straight from the results, then from the service page.
    person.follow(first.get_by_role("button", name=for_service("Add to shortlist", name)))
    arrive(page, "Search results for money worries")
    expect(page.get_by_role("status").filter(has_text="Added to your shortlist")).to_be_visible()
    second = page.locator(".ck-result").nth(1)
    other = second.get_by_role("heading").inner_text()
    person.follow(second.get_by_role("link", name=other))
    arrive(page, other)
    person.follow(page.get_by_role("button", name=for_service("Add to shortlist", other)))
    arrive(page, other)

    person.follow(page.get_by_role("link", name="Shortlist (2)"))
    arrive(page, "Your shortlist")
    expect(page.locator(".ck-printable__item h2")).to_have_text([name, other])
    expect(page.get_by_text("To print, use your browser's print option.")).to_be_visible()
    expect(page.get_by_role("button", name="Print your shortlist")).to_be_hidden()
    person.follow(page.get_by_role("button", name=for_service("Remove from shortlist", name)))
    arrive(page, "Your shortlist")
    expect(page.locator(".ck-printable__item h2")).to_have_text([other])
