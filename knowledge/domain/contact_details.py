"""The shapes of contact details the directory accepts: one set of rules for the officer's forms,
the provider's form and the CSV import, so an entry one of them accepts the others accept too.

Patterns are strings, for WTForms' Regexp and for `re`; each `is_…` function applies one.
"""

import re

EMAIL = r"^[^@\s]+@[^@\s]+\.[^@\s]+$"
PHONE = r"^\+?[0-9 ()-]{6,20}$"
# A full UK postcode, in any case and spacing ("le1 3zq", "LE13ZQ").
POSTCODE = r"(?i)^\s*[A-Z]{1,2}\d[A-Z\d]?\s*\d[A-Z]{2}\s*$"
CHARITY_NUMBER = r"^\s*\d{6,8}(-\d{1,2})?\s*$"
# http or https, a host name with a dot in it, then an optional port and path.
WEB_ADDRESS = r"(?i)^https?://[a-z0-9-]+(\.[a-z0-9-]+)+(:\d{1,5})?([/?#]\S*)?$"
# Places are in the UK: a coordinate outside these is a typing slip (a swapped sign, or
# latitude and longitude the wrong way round), not a place the directory serves.
UK_LATITUDES = (49.0, 61.0)
UK_LONGITUDES = (-9.0, 2.0)


def is_email(text: str) -> bool:
    return re.match(EMAIL, text) is not None


def is_phone(text: str) -> bool:
    return re.match(PHONE, text) is not None


def is_postcode(text: str) -> bool:
    return re.match(POSTCODE, text) is not None


def is_charity_number(text: str) -> bool:
    return re.match(CHARITY_NUMBER, text) is not None


def is_web_address(text: str) -> bool:
    return re.match(WEB_ADDRESS, text) is not None


def normal_postcode(text: str) -> str:
    """Capitals, with one space before the last three characters: "le13zq" is "LE1 3ZQ"."""
    postcode = "".join(text.upper().split())
    return f"{postcode[:-3]} {postcode[-3:]}"
