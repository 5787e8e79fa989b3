import pytest

from knowledge.domain.risk import signals_risk

pytestmark = pytest.mark.no_database


@pytest.mark.parametrize(
    "text",
    [
        "kill myself",
        "I want to die",
        "suicidal",
        "Suicide",
        "overdose",
        "self harm",
        "self-harm",
        "hurting myself",
        "want to end it",
        "thinking of ending it all",
        "I don’t want to live",
        "can't go on",
        "better off dead",
        "cutting myself",
    ],
)
def test_risk_phrases_are_caught(text):
    assert signals_risk(text)


@pytest.mark.parametrize(
    "text",
    [
        "lonely",
        "debt advice",
        "food bank",
        "walking group",
        "end of tenancy",
        "living alone",
        "die-cast model club",
        "harmony choir",
        "bereaved by suicide",
    ],
)
def test_everyday_searches_are_not(text):
    assert signals_risk(text) is (text == "bereaved by suicide")
