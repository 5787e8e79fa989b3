"""A shortlist of services, kept in the visitor's own session cookie: no account, nothing stored
on the server. Shared as a link that carries the service ids."""

from flask import current_app, session

from knowledge.directory.services import public_services_in_order
from knowledge.models import Service

SESSION_KEY = "shortlist"


def shortlist_ids() -> list[str]:
    return list(session.get(SESSION_KEY, []))


def shortlisted_services() -> list[Service]:
    return public_services_in_order(shortlist_ids())


def shared_services(ids_text: str) -> list[Service]:
    ids = list(dict.fromkeys(i for i in ids_text.split(",") if i))[: _limit()]
    return public_services_in_order(ids)


def add_to_shortlist(service: Service) -> bool:
    """False when the shortlist is already full."""
    ids = shortlist_ids()
    if service.id in ids:
        return True
    if len(ids) >= _limit():
        return False
    session[SESSION_KEY] = [*ids, service.id]
    return True


def add_all_to_shortlist(services: list[Service]) -> int:
    return sum(add_to_shortlist(s) for s in services)


def remove_from_shortlist(service_id: str) -> None:
    session[SESSION_KEY] = [i for i in shortlist_ids() if i != service_id]


def clear_shortlist() -> None:
    session.pop(SESSION_KEY, None)


def _limit() -> int:
    return current_app.config["SHORTLIST_LIMIT"]
