"""Printed guides for community venues: the live listing for an area and kinds of help, on A4."""

import segno
from bs4 import BeautifulSoup

from tests.conftest import parse

GUIDE = "/guides?area=leicester&need=loneliness-and-isolation&need=benefits-and-money"


def listing_ids(client, query: str) -> list[str]:
    """Every service id the results page lists for `query`, page after page, in order."""
    ids, number = [], 1
    while True:
        response = client.get(f"/search?{query}&page={number}")
        if response.status_code == 404:
            return ids
        page = parse(response)
        found = [a["href"].split("/")[-1] for a in page.select(".ck-results h2 a")]
        if not found:
            return ids
        ids.extend(found)
        number += 1


def guide_ids(page) -> list[str]:
    return [item["id"].removeprefix("service-") for item in page.select(".ck-guide__item")]


def test_the_guide_lists_what_the_live_listing_lists_in_its_order(demo_client):
    page = parse(demo_client.get(GUIDE))
    expected = listing_ids(
        demo_client, "area=leicester&need=loneliness-and-isolation&need=benefits-and-money"
    )
    assert len(expected) > 1
    assert guide_ids(page) == expected[:40]
    assert page.select_one("h1").text == "Support in Leicester City"
    assert (
        page.select_one(".nhsuk-lede-text").text == "Benefits and money, Loneliness and isolation"
    )


def test_each_service_has_its_contact_details_and_opening_times(demo_client):
    page = parse(demo_client.get(GUIDE))
    first = page.select_one(".ck-guide__item")
    keys = [dt.text.strip() for dt in first.select("dt")]
    assert "When" in keys and "How to start" in keys
    assert any(k.startswith("Phone") for k in keys) or "Email" in keys


def test_the_guide_has_the_urgent_numbers_the_date_and_a_short_link_with_its_qr_code(demo_client):
    page = parse(demo_client.get(GUIDE))
    urgent = page.select_one(".ck-guide__urgent").text
    assert "999" in urgent and "NHS 111, option 2" in urgent and "Samaritans 116 123" in urgent
    assert "Produced on 24 November 2026" in page.text
    link = page.select_one(".ck-guide__link strong").text
    assert link == "localhost/g/leicester/benefits-and-money+loneliness-and-isolation"
    # The code on the page is the code for that link (made locally, with segno).
    svg = page.select_one(".ck-guide__qr svg")
    expected = segno.make(f"http://{link}", error="m").svg_inline(scale=3, dark="#212b32", title="")
    assert str(svg) == str(BeautifulSoup(expected, "html.parser").select_one("svg"))
    # The short link leads to the live listing with the same filters.
    response = demo_client.get(f"/{link.split('/', 1)[1]}")
    assert response.status_code == 302
    assert response.headers["Location"] == (
        "/search?area=leicester&need=benefits-and-money&need=loneliness-and-isolation"
    )


def test_large_type_is_a_choice(demo_client):
    assert parse(demo_client.get(GUIDE)).select_one(".ck-guide--large") is None
    assert parse(demo_client.get(GUIDE + "&large=y")).select_one(".ck-guide--large") is not None


def test_the_form_says_what_is_missing_and_keeps_what_was_chosen(demo_client):
    empty = parse(demo_client.get("/guides"))
    assert empty.select_one("h1").text == "Print a guide for a community venue"
    assert empty.select_one(".nhsuk-error-summary") is None
    page = parse(demo_client.get("/guides?area=&large=y&need=housing&need=not-a-need"))
    assert page.select_one("title").text.startswith("Error:")
    summary = page.select_one(".nhsuk-error-summary").text
    assert "Choose the area the guide is for" in summary
    assert "Choose at least one kind of help" not in summary
    assert page.select_one("#need-housing").has_attr("checked")
    assert page.select_one("#large").has_attr("checked")
    page = parse(demo_client.get("/guides?area=melton"))
    assert "Choose at least one kind of help" in page.select_one(".nhsuk-error-summary").text
    assert page.select_one("#area option[selected]")["value"] == "melton"


def test_unknown_short_links_are_not_found(demo_client):
    assert demo_client.get("/g/atlantis/housing").status_code == 404
    assert demo_client.get("/g/melton/not-a-need").status_code == 404
    assert demo_client.get("/g/melton/housing+nothing").status_code == 404
    assert demo_client.get("/g/melton/housing").status_code == 302
