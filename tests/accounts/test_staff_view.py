"""Signed-in staff see staff-only details; the public and commissioners never do."""

import pytest

from knowledge.models import Role
from tests.conftest import parse
from tests.factories import create_service


@pytest.fixture
def service(app):
    return create_service(
        name="Knit and Natter",
        staff_notes="Coordinator back in January",
        do_not_refer=True,
        do_not_refer_reason="Under safeguarding review",
        eligibility_description="Adults living in Leicester",
    )


@pytest.mark.parametrize("roles", [(Role.STAFF,), (Role.HELPLINE,)])
def test_staff_and_helpline_see_staff_only_details(client, login_as, service, roles):
    login_as(*roles)
    page = parse(client.get(f"/services/{service.id}"))
    panel = page.select_one(".ck-staff-only")
    assert "Do not refer" in panel.text and "Under safeguarding review" in panel.text
    assert "Coordinator back in January" in panel.text
    results = parse(client.get("/search?q=natter"))
    assert "Do not refer" in results.select_one(".ck-result").text


@pytest.mark.parametrize("roles", [None, (Role.COMMISSIONER,), (Role.ADMIN,)])
def test_others_do_not(client, login_as, service, roles):
    if roles:
        login_as(*roles)
    for path in (f"/services/{service.id}", "/search?q=natter"):
        text = client.get(path).get_data(as_text=True)
        assert "Coordinator back in January" not in text
        assert "safeguarding" not in text.lower()
