"""The public pages, read as parsed HTML."""

from datetime import date

import pytest
from sqlalchemy import select

from knowledge.access import public
from knowledge.extensions import db
from knowledge.models import PublicationState, ServiceStatus, ZeroResultSearch
from tests.conftest import make_app, parse
from tests.factories import create_service, schedule


def crisis_cafe(name: str, byday: str, opens: str, closes: str, **overrides):
    return create_service(
        name=name,
        terms=("wellbeing", "crisis-cafe"),
        schedules=[schedule(byday, opens, closes)],
        drop_in=True,
        **overrides,
    )


# Home -------------------------------------------------------------------------------------


def test_home_has_search_needs_and_urgent_help(client):
    page = parse(client.get("/"))
    assert page.select_one("h1").text == "Find local help and support"
    assert page.select_one("title").text.startswith("Find local help and support")
    assert page.select_one("form[role=search] input[name=q]") is not None
    tiles = [a.text for a in page.select(".nhsuk-card-group a.nhsuk-card__link")]
    assert tiles == [
        "Addiction",
        "Benefits and money",
        "Community activity",
        "Healthy lifestyles",
        "Housing",
        "Loneliness and isolation",
        "Relationships",
    ]
    urgent = page.select_one(".nhsuk-card--care--urgent").text
    for number in ("999", "NHS 111, option 2", "Samaritans 116 123"):
        assert number in urgent


def test_urgent_help_is_on_every_page(client):
    for path in ("/", "/search?q=lonely", "/crisis-cafes", "/shortlist", "/no-such-page"):
        strip = parse(client.get(path)).select_one(".ck-urgent-strip")
        assert strip is not None and "116 123" in strip.text, path


def test_home_lists_crisis_cafes_open_now(client):
    # The fixed clock is Tuesday 7:30pm.
    crisis_cafe("Open Door Café", "TU", "18:00", "23:00")
    crisis_cafe("Friday Sanctuary", "FR", "18:00", "23:00")
    listed = parse(client.get("/")).select_one("#cafes-heading").find_parent("section")
    names = [a.text for a in listed.select(".ck-cafe-list a")]
    assert names == ["Open Door Café"]
    assert "Open now until 11pm" in listed.text


# Crisis cafés -----------------------------------------------------------------------------


def test_crisis_cafes_grouped_by_open_now_later_today_and_other_days(client):
    crisis_cafe("Open Door Café", "TU", "18:00", "23:00")
    crisis_cafe("Late Night Haven", "TU", "21:00", "02:00")
    crisis_cafe("Friday Sanctuary", "FR", "18:00", "23:00")
    crisis_cafe("Closed For Now", "TU", "18:00", "23:00", status=ServiceStatus.TEMPORARILY_CLOSED)
    page = parse(client.get("/crisis-cafes"))

    def names_under(heading_id):
        section = page.select_one(f"#{heading_id}").find_next_sibling("ul")
        return [a.text.strip() for a in section.select(".ck-result__name a")]

    assert names_under("open-now") == ["Open Door Café"]
    assert names_under("later-today") == ["Late Night Haven"]
    assert names_under("other-days") == ["Friday Sanctuary", "Closed For Now"]
    assert "Closed now – opens today at 9pm" in page.select_one("#later-today").find_next("ul").text


# Search -----------------------------------------------------------------------------------


def result_names(page):
    return [a.text.strip() for a in page.select(".ck-result__name a")]


def test_search_shows_what_was_searched_for_and_the_count(client):
    create_service(name="Knit and Natter", terms=("loneliness-and-isolation", "vcs-group"))
    create_service(name="Debt Advice Line", terms=("debt-advice", "advice-service"))
    page = parse(client.get("/search?q=lonely"))
    assert result_names(page) == ["Knit and Natter"]
    assert page.select_one(".ck-result-count").text.split() == [
        "1",
        "service",
        "found",
        "for",
        "lonely.",
        "Filter",
        "results",
    ]
    assert page.select_one("title").text.startswith("Search results for lonely")
    assert page.select_one("h1").text == "Results for “lonely”"
    assert page.select_one("input#q")["value"] == "lonely"


def test_facets_show_counts_and_filter(client):
    create_service(name="Charnwood Natter", areas=("charnwood",))
    create_service(name="City Natter", areas=("leicester",), free=False)
    page = parse(client.get("/search?q=natter"))
    labels = [label.text.strip() for label in page.select("#filters label")]
    assert "Charnwood (1)" in labels and "Leicester City (1)" in labels and "Free (1)" in labels

    page = parse(client.get("/search?q=natter&area=charnwood"))
    assert result_names(page) == ["Charnwood Natter"]
    assert page.select_one("#filters input[value=charnwood]").has_attr("checked")
    chosen = page.select_one(".ck-chosen-filters").text
    assert "Area: Charnwood" in chosen


def test_temporarily_closed_services_carry_a_notice(client):
    create_service(name="Knit and Natter", status=ServiceStatus.TEMPORARILY_CLOSED)
    result = parse(client.get("/search?q=natter")).select_one(".ck-result")
    assert "Temporarily closed" in result.text


def test_accents_do_not_matter(client):
    create_service(name="Café Connect")
    create_service(name="Cafe Corner")
    for typed in ("cafe", "café", "CAFÉ"):
        page = parse(client.get("/search", query_string={"q": typed}))
        assert sorted(result_names(page)) == ["Cafe Corner", "Café Connect"], typed
        assert page.select_one(".ck-search-note") is None


def test_nothing_to_search_for_gets_a_clear_message(client):
    create_service(name="Knit and Natter")
    page = parse(client.get("/search?q=the+and+of"))
    assert result_names(page) == []
    assert "Tell us what you need help with" in page.select_one(".ck-no-results").text


def test_the_back_link_returns_to_the_results(client):
    service = create_service(name="Knit and Natter")
    results = "/search?q=natter&area=leicester"
    page = parse(
        client.get(f"/services/{service.id}", headers={"Referer": f"http://localhost{results}"})
    )
    back = page.select_one(".nhsuk-back-link a, a.nhsuk-back-link")
    assert back["href"] == results and "Back to your results" in back.text
    page = parse(
        client.get(
            f"/services/{service.id}", headers={"Referer": "https://evil.example.org/search"}
        )
    )
    assert page.select_one(".nhsuk-back-link a, a.nhsuk-back-link")["href"] == "/search"


def test_did_you_mean_corrects_a_misspelling(client):
    create_service(name="Allotment Friends", description="Growing vegetables together.")
    page = parse(client.get("/search?q=vegetabels"))
    assert result_names(page) == ["Allotment Friends"]
    assert "showing results for vegetables" in " ".join(
        page.select_one(".ck-search-note").text.split()
    )


@pytest.mark.parametrize(
    "query",
    ["", "   ", "!!!", "?*&^%", "AND", "OR NOT", '"unbalanced', "name:foo*", "(((", "a" * 1000],
)
def test_odd_queries_give_a_page_not_an_error(client, query):
    create_service(name="Knit and Natter")
    response = client.get("/search", query_string={"q": query})
    assert response.status_code == 200
    page = parse(response)
    # Either results (an empty search lists everything) or a message saying what to do.
    assert result_names(page) == ["Knit and Natter"] or page.select_one(".ck-no-results")


def test_a_very_long_query_is_shortened_with_a_message(client):
    page = parse(client.get("/search", query_string={"q": "lonely " * 100}))
    assert "used the first 200 characters" in page.text


@pytest.mark.parametrize(
    "args",
    [
        "page=abc",
        "page=-3",
        "sort=bogus",
        "sort=distance",
        "lat=999&lon=2",
        "near=atlantis",
        "need=not-a-need",
        "open=someday",
        "age=ancient",
    ],
)
def test_bad_parameters_are_ignored(client, args):
    create_service(name="Knit and Natter")
    response = client.get(f"/search?q=natter&{args}")
    assert response.status_code == 200
    assert result_names(parse(response)) == ["Knit and Natter"]


def test_a_page_past_the_end_is_not_found(client):
    create_service(name="Knit and Natter")
    assert client.get("/search?q=natter&page=5").status_code == 404


def test_sort_by_distance_from_an_area(client):
    create_service(
        name="Melton Natter",
        location={"city": "Melton Mowbray", "latitude": 52.766, "longitude": -0.887},
    )
    create_service(
        name="Hinckley Natter",
        location={"city": "Hinckley", "latitude": 52.541, "longitude": -1.373},
    )
    page = parse(client.get("/search?q=natter&sort=distance&near=hinckley-hinckley"))
    assert result_names(page) == ["Hinckley Natter", "Melton Natter"]
    assert "nearest to Hinckley first" in page.select_one(".ck-result-count").text
    assert "less than 0.1 miles away" in page.select(".ck-result")[0].text


@pytest.mark.parametrize(
    "identifier",
    [
        "943 476 5919",
        "９４３４７６５９１９",  # full-width digits
        "943.476.5919",
        "call me on 07700 900123",
        "0116.496.0123",
        "LE1 6TP groups",
        "ＬＥ１ １ＡＡ",
        "jo@exämple.com",
        "born 12/03/1985",
        "ref 123456",
        "RX12345",  # a local record number: five digits
        "Mrs Patel",
    ],
)
def test_searches_that_could_identify_someone_are_never_recorded(client, identifier):
    client.get("/search", query_string={"q": identifier})
    assert db.session.scalars(select(ZeroResultSearch)).all() == []


def test_searches_that_find_nothing_are_recorded_as_words_and_a_date(client):
    client.get("/search?q=Tai+Chi+for+beginners")
    client.get("/search", query_string={"q": "ਮਦਦ"})  # Punjabi: worth knowing people ask
    client.get("/search?q=")
    client.get("/search?q=!!!")
    client.get("/search?q=tai+chi&area=rutland")  # filtered: not a gap in the directory
    recorded = db.session.scalars(select(ZeroResultSearch)).all()
    assert [(r.words, r.searched_on) for r in recorded] == [
        ("tai chi for beginners", date(2026, 11, 24)),
        ("ਮਦਦ", date(2026, 11, 24)),
    ]


def test_searches_that_find_something_are_not_recorded(client):
    create_service(name="Knit and Natter")
    client.get("/search?q=natter")
    assert db.session.scalars(select(ZeroResultSearch)).all() == []


# Service page -----------------------------------------------------------------------------


def test_service_page_shows_how_to_get_help(client):
    service = create_service(
        name="Open Door Café",
        terms=("wellbeing", "crisis-cafe"),
        schedules=[schedule("TU,TH", "18:00", "23:00")],
        drop_in=True,
        minimum_age=18,
        location={"latitude": 52.634, "longitude": -1.131},
    )
    page = parse(client.get(f"/services/{service.id}"))
    assert page.select_one("h1").text == "Open Door Café"
    assert page.select_one("title").text.startswith("Open Door Café")
    assert page.select_one(".ck-open-status").text.strip() == "Open now until 11pm"
    assert [li.text for li in page.select(".ck-opening-times li")] == [
        "Tuesday and Thursday: 6pm to 11pm"
    ]
    assert page.select_one("a[href='tel:01164960123']").text == "0116 496 0123"
    assert "Get directions" in page.select_one('a[href*="openstreetmap.org/directions"]').text
    assert "Aged 18 and over" in page.text
    assert "You can drop in" in page.text
    assert "Information last checked on 1 October 2026." in page.select_one(".ck-assured").text
    headings = [h.text for h in page.select("h2")]
    for heading in (
        "What they offer",
        "Who it is for",
        "How to get in touch",
        "Opening times",
        "Where",
        "Cost",
    ):
        assert heading in headings


def test_temporarily_closed_service_page_explains(client):
    service = create_service(
        status=ServiceStatus.TEMPORARILY_CLOSED,
        status_note="Closed until January while the hall is repaired.",
    )
    page = parse(client.get(f"/services/{service.id}"))
    assert (
        "Closed until January while the hall is repaired."
        in page.select_one(".nhsuk-card--warning").text
    )
    assert page.select_one(".ck-open-status").text.strip() == "Temporarily closed"


def test_drafts_and_retired_services_are_not_found(client):
    draft = create_service(publication=PublicationState.DRAFT)
    defunct = create_service(status=ServiceStatus.DEFUNCT)
    for service in (draft, defunct):
        response = client.get(f"/services/{service.id}")
        assert response.status_code == 404
        assert parse(response).select_one("h1").text == "Page not found"


def test_staff_only_notes_never_reach_a_public_page(client):
    service = create_service(
        name="Knit and Natter",
        terms=("wellbeing", "crisis-cafe"),
        schedules=[schedule("TU", "18:00", "23:00")],
        staff_notes="Coordinator is off sick",
        do_not_refer=True,
        do_not_refer_reason="Safeguarding review",
    )
    pages = [
        f"/services/{service.id}",
        "/search?q=natter",
        "/crisis-cafes",
        "/",
        f"/shortlist/shared?ids={service.id}",
    ]
    for path in pages:
        text = client.get(path).get_data(as_text=True)
        assert "Knit and Natter" in text, path
        assert "off sick" not in text and "Safeguarding" not in text, path
    # Nor are they searchable.
    assert result_names(parse(client.get("/search?q=safeguarding"))) == []


# Errors and headers -----------------------------------------------------------------------


def test_unknown_pages_get_the_404_page(client):
    response = client.get("/no-such-page")
    assert response.status_code == 404
    assert parse(response).select_one("h1").text == "Page not found"


def test_server_errors_get_the_500_page(tmp_path):
    app = make_app(tmp_path)

    @app.get("/boom")
    @public
    def boom():
        raise RuntimeError("boom")

    response = app.test_client().get("/boom")
    assert response.status_code == 500
    assert parse(response).select_one("h1").text == "Sorry, there is a problem with the service"


def test_security_headers(client):
    headers = client.get("/").headers
    csp = headers["Content-Security-Policy"]
    assert (
        "script-src 'self'" in csp
        and "frame-ancestors 'none'" in csp
        and "unsafe-inline" not in csp
    )
    assert headers["X-Content-Type-Options"] == "nosniff"
    assert headers["Referrer-Policy"] == "strict-origin-when-cross-origin"


def test_pages_have_no_inline_script_or_style(client):
    create_service(name="Knit and Natter")
    for path in (
        "/",
        "/search?q=natter",
        "/crisis-cafes",
        "/shortlist",
        "/accessibility",
        "/privacy",
    ):
        page = parse(client.get(path))
        assert all(script.get("src") for script in page.select("script")), path
        assert not page.select("style") and not page.select("[style]"), path


@pytest.mark.parametrize("words", ["kill myself", "I want to die", "overdose", "hurting myself"])
def test_a_search_that_signals_risk_gets_urgent_help_first(client, words):
    create_service(name="Kids Club", terms=("family-support", "vcs-group"))
    create_service(
        name="Open Door Café",
        terms=("wellbeing", "crisis-cafe"),
        schedules=[schedule("TU", "18:00", "23:00")],
    )
    page = parse(client.get("/search", query_string={"q": words}))
    panel = page.select_one(".ck-risk-panel")
    assert panel is not None and "116 123" in panel.text and "999" in panel.text
    assert result_names(page) == ["Open Door Café"]
    assert "Kids Club" not in page.text and "showing results for" not in page.text
    assert db.session.scalars(select(ZeroResultSearch)).all() == []


def test_sorting_by_distance_without_a_place_explains(client):
    create_service(name="Knit and Natter")
    page = parse(client.get("/search?q=natter&sort=distance"))
    assert (
        "choose a town or area, or use your location"
        in page.select_one(".nhsuk-error-summary").text
    )
    assert result_names(page) == ["Knit and Natter"]


def test_crisis_cafes_come_before_the_need_tiles_on_the_home_page(client):
    headings = [h.text for h in parse(client.get("/")).select("main h2")]
    assert headings.index("Crisis cafés open now") < headings.index(
        "Browse by the kind of help you need"
    )
