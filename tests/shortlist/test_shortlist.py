"""The shortlist: kept in the visitor's session, no account, shared as a link."""

from tests.conftest import csrf_token, parse
from tests.factories import create_service


def add(client, service, next_path="/shortlist"):
    token = csrf_token(parse(client.get(f"/services/{service.id}")))
    return client.post(
        "/shortlist/add", data={"csrf_token": token, "service_id": service.id, "next": next_path}
    )


def shortlisted(client) -> list[str]:
    return [a.text for a in parse(client.get("/shortlist")).select(".ck-printable h2 a")]


def test_add_view_and_remove(client):
    first = create_service(name="Knit and Natter")
    second = create_service(name="Walk and Talk")
    response = add(client, first, next_path=f"/search?q=natter#service-{first.id}")
    assert response.status_code == 302
    assert response.headers["Location"] == f"/search?q=natter#service-{first.id}"
    add(client, second)
    assert shortlisted(client) == ["Knit and Natter", "Walk and Talk"]
    assert "Shortlist (2)" in parse(client.get("/")).select_one(".nhsuk-header").text

    page = parse(client.get("/shortlist"))
    client.post(
        "/shortlist/remove",
        data={"csrf_token": csrf_token(page), "service_id": first.id, "next": "/shortlist"},
    )
    assert shortlisted(client) == ["Walk and Talk"]


def test_shortlist_page_has_what_a_printout_needs(client):
    service = create_service(name="Knit and Natter")
    add(client, service)
    item = parse(client.get("/shortlist")).select_one(".ck-printable__item")
    assert "0116 496 0123" in item.text
    assert "Tuesday: 10am to midday" in item.text


def test_adding_twice_keeps_one(client):
    service = create_service(name="Knit and Natter")
    add(client, service)
    add(client, service)
    assert shortlisted(client) == ["Knit and Natter"]


def test_share_link_shows_the_same_services_to_someone_else(app, client):
    first = create_service(name="Knit and Natter")
    second = create_service(name="Walk and Talk")
    add(client, first)
    add(client, second)
    share_url = parse(client.get("/shortlist")).select_one("#share-link")["value"]
    assert share_url.startswith("http://localhost/shortlist/shared?ids=")

    someone_else = app.test_client()
    page = parse(someone_else.get(share_url.removeprefix("http://localhost")))
    assert [a.text for a in page.select(".ck-printable h2 a")] == [
        "Knit and Natter",
        "Walk and Talk",
    ]
    someone_else.post(
        "/shortlist/save-shared",
        data={"csrf_token": csrf_token(page), "ids": f"{first.id},{second.id}"},
    )
    assert shortlisted(someone_else) == ["Knit and Natter", "Walk and Talk"]


def test_a_shared_link_never_shows_unpublished_services(client):
    from knowledge.models import PublicationState

    draft = create_service(name="Secret Draft", publication=PublicationState.DRAFT)
    page = parse(client.get(f"/shortlist/shared?ids={draft.id}"))
    assert "Secret Draft" not in page.text


def test_the_shortlist_has_a_limit(app, client):
    app.config["SHORTLIST_LIMIT"] = 2
    try:
        services = [create_service(name=f"Group {n}") for n in range(3)]
        for service in services[:2]:
            add(client, service)
        add(client, services[2])
        assert (
            "Your shortlist is full" in parse(client.get("/shortlist")).select_one(".ck-flash").text
        )
        assert shortlisted(client) == ["Group 0", "Group 1"]
    finally:
        app.config["SHORTLIST_LIMIT"] = 30


def test_changes_need_a_post_with_a_csrf_token(client):
    service = create_service(name="Knit and Natter")
    assert client.get("/shortlist/add").status_code == 405
    response = client.post("/shortlist/add", data={"service_id": service.id})
    # Refused, with a plain explanation rather than "The CSRF session token is missing".
    assert response.status_code == 302
    assert "Please try again" in parse(client.get("/")).select_one(".ck-flash").text
    assert shortlisted(client) == []


def test_only_local_redirects(client):
    service = create_service(name="Knit and Natter")
    for target in (
        "https://evil.example.org/",
        "//evil.example.org/",
        "/\\evil.example.org/",
        "javascript:alert(1)",
        "/search\nLocation: https://evil.example.org/",
    ):
        response = add(client, service, next_path=target)
        assert response.headers["Location"] == "/shortlist"


def test_works_without_javascript(client):
    """Every shortlist action is a plain form post; nothing needs a script to happen."""
    service = create_service(name="Knit and Natter")
    page = parse(client.get(f"/services/{service.id}"))
    form = page.select_one("form[action='/shortlist/add']")
    assert form["method"] == "post" and form.select_one("button[type=submit]")


def test_the_printout_says_how_to_get_started_and_when_it_was_printed(client):
    service = create_service(
        name="Night Shelter", professional_referral=True, self_referral=False, drop_in=False
    )
    add(client, service)
    page = parse(client.get("/shortlist"))
    item = page.select_one(".ck-printable__item")
    assert "You need a referral from a professional, such as your GP or care team." in item.text
    assert "Information last checked on 1 October 2026." in item.text
    assert f"http://localhost/services/{service.id}" in item.text
    assert "Printed on 24 November 2026" in page.select_one(".ck-print-only").text


def test_adding_confirms_beside_the_service_not_at_the_top(client):
    service = create_service(name="Knit and Natter")
    response = add(client, service, next_path=f"/search?q=natter#service-{service.id}")
    page = parse(client.get(response.headers["Location"]))
    item = page.select_one(f"#service-{service.id}")
    assert "Added to your shortlist." in item.select_one(".ck-added[role=status]").text
    assert page.select_one(".ck-flash") is None
    # Once only.
    assert parse(client.get("/search?q=natter")).select_one(".ck-added") is None
