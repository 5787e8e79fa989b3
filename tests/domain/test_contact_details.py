import pytest

from knowledge.domain import contact_details as details

pytestmark = pytest.mark.no_database


@pytest.mark.parametrize(
    ("address", "valid"),
    [
        ("https://example.org", True),
        ("http://example.org/groups?day=tue#times", True),
        ("https://knit-and-natter.example.org:8443/join", True),
        ("example.org", False),
        ("www.example.org", False),
        ("ftp://files.example.org", False),
        ("https://localhost", False),
        ("https://exa mple.org", False),
    ],
)
def test_web_addresses(address, valid):
    assert details.is_web_address(address) is valid


@pytest.mark.parametrize(
    ("postcode", "valid", "normal"),
    [
        ("LE1 3ZQ", True, "LE1 3ZQ"),
        (" le13zq ", True, "LE1 3ZQ"),
        ("LE11  1AA", True, "LE11 1AA"),
        ("EC1A 1BB", True, "EC1A 1BB"),
        ("LE1", False, None),
        ("LE1 3ZQ LE1 3ZQ", False, None),
    ],
)
def test_postcodes(postcode, valid, normal):
    assert details.is_postcode(postcode) is valid
    if valid:
        assert details.normal_postcode(postcode) == normal


def test_other_details():
    assert details.is_email("name@example.org") and not details.is_email("name at example.org")
    assert details.is_phone("+44 (0)116 496-0123") and not details.is_phone("call us")
    assert details.is_charity_number("1123456-1") and not details.is_charity_number("12")
