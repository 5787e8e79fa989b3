import pytest

from knowledge.domain.passwords import password_problems

pytestmark = pytest.mark.no_database


@pytest.mark.parametrize(
    "password",
    [
        "kettle lantern harbour",
        "correcthorsebatterystaple",
        "Tr0ub4dor&3xx!",
        "x" * 3 + "Q9!zv#Lm2@pW",
    ],
)
def test_long_unguessable_passwords_are_accepted(password):
    assert password_problems(password) == []


def test_short_passwords_are_refused():
    assert password_problems("k3ttle!Lamp") == ["Password must be 12 characters or more"]


def test_very_long_passwords_are_refused():
    assert password_problems("kettle " * 30) == ["Password must be 128 characters or fewer"]


@pytest.mark.parametrize(
    "password", ["password1234", "qwertyuiopas", "aaaaaaaaaaaa", "123456789012", "iloveyou1234"]
)
def test_common_passwords_are_refused(password):
    [problem] = password_problems(password)
    assert problem.startswith("This password is too easy to guess.")


def test_a_password_made_of_the_persons_own_details_is_refused():
    assert password_problems("jo.bloggs@example.org") == []
    assert password_problems("jo.bloggs@example.org", personal=("jo.bloggs@example.org",))
