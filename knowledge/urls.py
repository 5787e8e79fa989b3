"""The site's addresses as someone outside reaches them: in emails, and in the open API."""

from flask import current_app, url_for


def external_url(endpoint: str, **values) -> str:
    """The absolute address of a page, under PUBLIC_BASE_URL when it is set.

    The request's own address is not good enough where it is set: the officer may be on an
    internal address a provider cannot reach, and a Host header says whatever its sender wrote,
    which a publicly cached API answer would then hand to everyone. Unset (development), the
    address of the request being answered."""
    base = current_app.config.get("PUBLIC_BASE_URL")
    if base:
        return base.rstrip("/") + url_for(endpoint, **values)
    return url_for(endpoint, _external=True, **values)
