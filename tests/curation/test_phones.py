from knowledge.models import Role
from tests.conftest import csrf_token, parse
from tests.factories import create_service


def test_edit_phone_numbers(client, login_as):
    login_as(Role.HELPLINE)
    service = create_service(name="Knit and Natter")
    url = f"/curate/services/{service.id}/phones"
    page = parse(client.get(url))
    assert page.select_one("#phones-0-number")["value"] == "0116 496 0123"
    data = {
        "csrf_token": csrf_token(page),
        "phones-0-number": "01632 960111",
        "phones-0-description": "Office, weekdays",
        "phones-1-number": "",
        "phones-1-description": "",
    }
    assert client.post(url, data=data).status_code == 302
    public = parse(client.get(f"/services/{service.id}"))
    assert public.select_one("a[href='tel:01632960111']").text == "01632 960111"
    assert "Office, weekdays" in public.text and "0116 496 0123" not in public.text


def test_phone_mistakes_are_explained(client, login_as):
    login_as(Role.HELPLINE)
    service = create_service(name="Knit and Natter")
    url = f"/curate/services/{service.id}/phones"
    page = parse(client.get(url))
    data = {
        "csrf_token": csrf_token(page),
        "phones-0-number": "call us!",
        "phones-0-description": "",
        "phones-1-number": "",
        "phones-1-description": "Evenings",
    }
    page = parse(client.post(url, data=data))
    summary = " ".join(page.select_one(".nhsuk-error-summary").text.split())
    assert "Phone 1: Enter a phone number, like 0116 496 0123" in summary
    assert "Phone 2: Enter the phone number" in summary
    assert page.select_one("#phones-0-number")["value"] == "call us!"


def test_a_line_break_in_a_one_line_box_is_refused(client, login_as):
    """A browser's text box cannot hold one, but a hand-made request can."""
    login_as(Role.HELPLINE)
    service = create_service(name="Knit and Natter")
    url = f"/curate/services/{service.id}/phones"
    data = {
        "csrf_token": csrf_token(parse(client.get(url))),
        "phones-0-number": "0116 496 0123",
        "phones-0-description": "Office\r\nBcc: everyone@example.org",
    }
    page = parse(client.post(url, data=data))
    summary = " ".join(page.select_one(".nhsuk-error-summary").text.split())
    assert "What it is for must be on one line: remove the line breaks" in summary
