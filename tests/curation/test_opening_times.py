"""Editing opening times: weekly and monthly periods, validity, errors kept, search follows."""

from knowledge.directory.indexing import search_index
from knowledge.models import Role
from knowledge.search import SearchQuery
from tests.conftest import FIXED_NOW, csrf_token, parse
from tests.factories import create_service, schedule


def rows(page) -> list[tuple[str, str, str, str]]:
    found = []
    for fieldset in page.select("fieldset.ck-period"):
        day = fieldset.select_one("select[name$=day] option[selected]")
        which = fieldset.select_one("select[name$=which] option[selected]")
        opens = fieldset.select_one("input[name$=opens_at]")["value"]
        closes = fieldset.select_one("input[name$=closes_at]")["value"]
        found.append((day["value"] if day else "", which["value"] if which else "", opens, closes))
    return found


def test_edit_weekly_and_monthly_periods(client, login_as):
    login_as(Role.HELPLINE)
    service = create_service(name="Knit and Natter", schedules=[schedule("TU", "10:00", "12:00")])
    url = f"/curate/services/{service.id}/opening-times"
    page = parse(client.get(url))
    assert rows(page) == [("TU", "", "10:00", "12:00")]

    data = {
        "csrf_token": csrf_token(page),
        "periods-0-day": "MO",
        "periods-0-which": "",
        "periods-0-opens_at": "18:00",
        "periods-0-closes_at": "23:30",
        "periods-1-day": "SA",
        "periods-1-which": "1",
        "periods-1-opens_at": "10:00",
        "periods-1-closes_at": "12:00",
        "periods-2-day": "",
        "periods-2-which": "",
        "periods-2-opens_at": "",
        "periods-2-closes_at": "",
        "schedule_notes": "Closed on bank holidays.",
    }
    assert client.post(url, data=data).status_code == 302
    public = parse(client.get(f"/services/{service.id}"))
    assert [li.text for li in public.select(".ck-opening-times li")] == [
        "Monday: 6pm to 11:30pm",
        "First Saturday of the month: 10am to midday",
    ]
    assert "Closed on bank holidays." in public.text
    monday = search_index().search(SearchQuery(filters={"open": frozenset({"mo"})}), FIXED_NOW)
    assert [h.id for h in monday.hits] == [service.id]


def test_mistakes_are_explained_and_what_was_typed_is_kept(client, login_as):
    login_as(Role.HELPLINE)
    service = create_service(name="Knit and Natter")
    url = f"/curate/services/{service.id}/opening-times"
    page = parse(client.get(url))
    data = {
        "csrf_token": csrf_token(page),
        "periods-0-day": "WE",
        "periods-0-which": "",
        "periods-0-opens_at": "25:00",
        "periods-0-closes_at": "",
        "periods-0-valid_from": "2027-03-01",
        "periods-0-valid_to": "2027-01-01",
    }
    page = parse(client.post(url, data=data))
    summary = " ".join(page.select_one(".nhsuk-error-summary").text.split())
    assert "Period 1: Enter a time like 09:30 or 18:00" in summary
    assert "Period 1: Enter the closing time" in summary
    assert "Period 1: The end date must be on or after the start date" in summary
    assert rows(page) == [("WE", "", "25:00", "")]
    public = parse(client.get(f"/services/{service.id}"))
    assert [li.text for li in public.select(".ck-opening-times li")] == ["Tuesday: 10am to midday"]


def test_add_another_period_without_javascript(client, login_as):
    login_as(Role.HELPLINE)
    service = create_service(name="Knit and Natter")
    url = f"/curate/services/{service.id}/opening-times"
    page = parse(client.get(url))
    data = {
        "csrf_token": csrf_token(page),
        "add": "1",
        "periods-0-day": "TU",
        "periods-0-which": "",
        "periods-0-opens_at": "10:00",
        "periods-0-closes_at": "12:00",
    }
    page = parse(client.post(url, data=data))
    assert rows(page) == [("TU", "", "10:00", "12:00"), ("", "", "", "")]
