"""Who can help in my area, and a printed guide for a community venue (issue 10), in Chromium."""

import re

import pytest
from playwright.sync_api import Page, expect

from tests.browser.browsing import Person, arrive, screenshot, sign_in

pytestmark = pytest.mark.browser


def test_staff_find_the_link_worker_and_coordinator_for_a_practice_in_two_clicks(person: Person):
    page = person.page
    sign_in(person, "staff@example.org")
    # One: the staff bar's link, on every page. Two: the practice.
    person.follow(page.locator(".ck-staff-bar").get_by_role("link", name="Who can help"))
    arrive(page, "Who can help in my area?")
    person.follow(page.get_by_role("link", name="Wilton Road Surgery"))
    arrive(page, "Who can help in Wilton Road Surgery")
    expect(page.get_by_role("heading", level=2).first).to_have_text(
        "Social prescribing link workers"
    )
    cards = page.locator(".ck-connector h3")
    expect(cards.first).to_have_text("Social prescribing link worker, Melton Mowbray PCN")
    expect(cards).to_contain_text(["Local area coordinator, Melton"])
    if not person.keyboard:
        screenshot(page, "who-can-help")


def test_print_a_guide_for_a_noticeboard(phone: Page):
    page = phone
    page.goto("/guides")
    arrive(page, "Print a guide for a community venue")
    page.get_by_role("button", name="Make the guide").click()
    arrive(page, "Print a guide for a community venue")  # "Error: …", the problems listed
    expect(page.locator(".nhsuk-error-summary")).to_contain_text("Choose the area the guide is for")
    page.get_by_label("Area").select_option(label="Melton")
    page.get_by_label("Loneliness and isolation").check()
    page.get_by_label("Large type").check()
    page.get_by_role("button", name="Make the guide").click()
    arrive(page, "Support in Melton: Loneliness and isolation")
    expect(page.locator(".ck-guide--large")).to_be_visible()
    expect(page.locator(".ck-guide__qr svg")).to_be_visible()
    expect(page.locator(".ck-guide__link")).to_contain_text(
        re.compile(r"/g/melton/loneliness-and-isolation")
    )
    page.emulate_media(media="print")
    expect(page.get_by_role("button", name="Print this guide")).to_be_hidden()
    expect(page.locator(".ck-guide__urgent")).to_contain_text("Samaritans 116 123")
    page.emulate_media(media="screen")
    screenshot(page, "guide")
