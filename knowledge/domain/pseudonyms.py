"""Service users are known only by a keyed pseudonym of their NHS number or local record number.

HMAC-SHA256 with a key from configuration (never in the database): the same number always
gives the same pseudonym, so staff re-find a person's entries by typing it again, while a copy
of the database alone cannot be turned back into numbers, even by trying all 10⁹ valid NHS
numbers. Changing the key orphans every existing pseudonym: the key is kept like a backup key.
"""

import hashlib
import hmac
import re

from knowledge.domain.identifiers import is_valid_nhs_number

MINIMUM_KEY_LENGTH = 32


# Any Unicode space (a non-breaking space pasted from a letter, a tab), hyphens, and the en dash
# word processors turn hyphens into: how people split a number, never part of it.
_SEPARATORS = re.compile(r"[\s\-\u2010\u2011\u2013]")


class NotAnIdentifier(ValueError):
    """What was typed is neither a valid NHS number nor a usable local record number."""


def without_separators(text: str) -> str:
    """A typed NHS or local record number without its separators: the one place that decides
    what a separator is, for the form that checks a number and the pseudonym made from it."""
    return _SEPARATORS.sub("", text)


def normalise_nhs_number(text: str) -> str:
    """Ten digits, separators removed; raises NotAnIdentifier if the check digit or the length
    is wrong."""
    digits = without_separators(text)
    if not is_valid_nhs_number(digits):
        raise NotAnIdentifier(
            "Enter a valid 10-digit NHS number (the last digit is a check digit: check for a typo)"
        )
    return digits


def normalise_local_reference(text: str) -> str:
    """A local electronic patient record number: letters and digits, case and spacing ignored."""
    cleaned = without_separators(text).upper()
    if not re.fullmatch(r"[A-Z0-9]{4,20}", cleaned, re.ASCII):
        raise NotAnIdentifier("Enter the local record number: 4 to 20 letters and numbers")
    return cleaned


def pseudonym(kind: str, identifier: str, key: str) -> str:
    """The pseudonym for an already-normalised identifier of `kind` ("nhs" or "local").
    The kind is part of the message, so a local number that happens to look like an NHS
    number never collides with one."""
    if len(key) < MINIMUM_KEY_LENGTH:
        raise ValueError("the pseudonym key is too short")
    message = f"{kind}:{identifier}".encode()
    return hmac.new(key.encode(), message, hashlib.sha256).hexdigest()


def person_pseudonym(text: str, key: str, kind: str = "nhs") -> str:
    """What staff typed → the pseudonym stored. Raises NotAnIdentifier with a message for them."""
    if kind == "nhs":
        return pseudonym("nhs", normalise_nhs_number(text), key)
    if kind == "local":
        return pseudonym("local", normalise_local_reference(text), key)
    raise ValueError(f"unknown identifier kind {kind!r}")
