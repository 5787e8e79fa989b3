"""The person staff are working with, kept in their signed session cookie between pages.

Only the pseudonym is kept, never the number, and never in a URL: addresses end up in browser
history, server logs, Referer headers and links pasted to colleagues, where a pseudonym would let
anyone who has the address open the person's entries. The session is signed (it cannot be
forged to name another person), ends at sign-out or after the idle time, and the person is
forgotten sooner: when staff press "Finish", choose another person, or after CHOSEN_FOR.
"""

from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from zoneinfo import ZoneInfo

from flask import current_app, session

from knowledge.clock import utc_now

SESSION_KEY = "careplan_person"
# About one appointment: a shared workstation should not keep showing the last person's entries.
CHOSEN_FOR = timedelta(hours=2)


@dataclass(frozen=True)
class ChosenPerson:
    pseudonym: str
    kind: str  # "nhs" or "local": only to say which number was typed
    chosen_at: datetime

    @property
    def number_name(self) -> str:
        return "NHS number" if self.kind == "nhs" else "local record number"

    @property
    def chosen_at_local(self) -> datetime:
        return self.chosen_at.astimezone(ZoneInfo(current_app.config["TIMEZONE"]))


def choose_person(pseudonym: str, kind: str) -> None:
    session[SESSION_KEY] = {
        "pseudonym": pseudonym,
        "kind": kind,
        "chosen_at": utc_now().timestamp(),
    }


def chosen_person() -> ChosenPerson | None:
    """The person chosen in this session, or None (never chosen, finished, or too long ago)."""
    saved = session.get(SESSION_KEY)
    if not saved:
        return None
    chosen_at = datetime.fromtimestamp(saved["chosen_at"], UTC)
    if utc_now() - chosen_at > CHOSEN_FOR:
        forget_person()
        return None
    return ChosenPerson(saved["pseudonym"], saved["kind"], chosen_at)


def forget_person() -> None:
    session.pop(SESSION_KEY, None)
