"""Personal identifiers in free text: NHS numbers, phone numbers, postcodes, emails, dates of
birth, and local record numbers.

One detector for two uses. Free-text fields warn about them (`find_personal_details`, which
adds titled names: Caldicott, no names or identifiers in helpline logs or other-needs entries),
and searches that could identify someone are never logged (`could_identify_someone`, blunter
still). A false alarm costs a warning or an unlogged search; a miss leaks a person, so the
patterns lean towards flagging, while keeping ordinary text ("24 hour helpline", "over 65s",
"LE11 groups") clear.

Text is read as typed and folded (NFKC: full-width digits and letters, non-breaking spaces;
other scripts' digits as 0-9; accents dropped), and numbers may be split by spaces, tabs,
dots, slashes, hyphens or dashes, since people type them all those ways.
"""

import re
import unicodedata

KINDS = ("nhs_number", "phone_number", "postcode", "email", "date_of_birth", "record_number")

_NHS_NUMBER_WEIGHTS = range(10, 1, -1)

# re.ASCII throughout: \d must not match other scripts' digits, nor \w their letters (folding
# turns other scripts' digits into 0-9 first).
_SEPARATOR = r"[\s./\u2010\u2011\u2012\u2013-]"
_NHS_NUMBER = re.compile(
    rf"(?<![\d+])\d{{3}}{_SEPARATOR}{{0,3}}\d{{3}}{_SEPARATOR}{{0,3}}\d{{4}}(?!\d)", re.ASCII
)
_PHONE_SEPARATOR = r"[\s()./\u2010\u2011\u2012\u2013-]"
_PHONE_NUMBERS = (
    # 01162 254000, (0116) 225 4000, 07700-900-123: eleven digits from the leading 0.
    re.compile(rf"(?<![\d+])\(?0(?:{_PHONE_SEPARATOR}{{0,3}}\d){{10}}(?!\d)", re.ASCII),
    # +44 116 225 4000, +44 (0)7700 900123, 0044 7700 900123: ten digits after the country code.
    re.compile(
        rf"(?<!\d)(?:\+|00)44{_SEPARATOR}{{0,2}}(?:\(0\){_SEPARATOR}{{0,2}})?[1-9]"
        rf"(?:{_PHONE_SEPARATOR}{{0,3}}\d){{9}}(?!\d)",
        re.ASCII,
    ),
)
# Full postcodes only: an outward code alone ("LE11") names a town, not a household. Inward
# letters never include C, I, K, M, O or V, which also keeps "A1 2pm" from matching.
_POSTCODE = re.compile(
    r"(?<![a-z0-9])[a-pr-uwyz][a-hk-y]?\d[a-z\d]?[ \t]{0,3}\d[abd-hjlnp-uw-z]{2}(?![a-z0-9])",
    re.ASCII | re.IGNORECASE,
)
# A local record number ("RX7781234", "EPR 1234567"): any run of letters and digits holding five
# or more digits that is not already some other identifier. Years, ages, times and prices
# have fewer, or are split by commas.
_LETTERS_AND_DIGITS = re.compile(r"[a-z0-9]+", re.ASCII | re.IGNORECASE)
_RECORD_NUMBER_DIGITS = 5
# The search log's blunt rule: no everyday search for help needs six digits.
_SEARCH_DIGITS = 6
_EMAIL = re.compile(r"[\w.%+'-]+@[a-z\d-]+(?:\.[a-z\d-]+)+", re.ASCII | re.IGNORECASE)
_NUMERIC_DATE = re.compile(
    r"(?<![\d/.-])(\d{1,2})([/.-])(\d{1,2})\2(\d{4}|\d{2})(?![\d/-]|\.\d)", re.ASCII
)
_ISO_DATE = re.compile(r"(?<![\d/.-])((?:19|20)\d\d)-(\d{2})-(\d{2})(?![\d/-]|\.\d)", re.ASCII)
_MONTH = (
    r"(jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?"
    r"|sep(?:t(?:ember)?)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)\.?"
)
_DAY = r"(\d{1,2})(?:st|nd|rd|th)?"
_YEAR = r"((?:19|20)\d\d)(?!\d)"
_DAY_MONTH_YEAR = re.compile(
    rf"(?<![\w]){_DAY}\s+(?:of\s+)?{_MONTH},?\s+{_YEAR}", re.ASCII | re.IGNORECASE
)
_MONTH_DAY_YEAR = re.compile(rf"(?<![\w]){_MONTH}\s+{_DAY},?\s+{_YEAR}", re.ASCII | re.IGNORECASE)
_MONTH_NUMBERS = {
    name: number
    for number, name in enumerate(
        ("jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"),
        start=1,
    )
}
# A two-digit or unknown year might be a leap year: allow 29 February.
_DAYS_IN_MONTH = (31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31)


def is_valid_nhs_number(text: str) -> bool:
    """Ten digits (spaces and hyphens allowed) whose last is the modulus 11 check digit."""
    digits = re.sub(r"[ -]", "", text.strip())
    if not re.fullmatch(r"\d{10}", digits, re.ASCII):
        return False
    weighted = zip(digits[:9], _NHS_NUMBER_WEIGHTS, strict=True)
    remainder = sum(int(digit) * weight for digit, weight in weighted) % 11
    # 11 - remainder: 11 becomes 0; 10 matches no digit, so those numbers are never valid.
    return (11 - remainder) % 11 == int(digits[9])


def find_identifiers(text: str) -> list[str]:
    """The kinds of identifier in `text`, each once, in the order of KINDS.

    Any ten-digit number counts as an NHS number, valid or not: a mistyped one still points
    at a person.
    """
    found: set[str] = set()
    for form in _forms(text):
        found |= _identifiers_in(form)
    return [kind for kind in KINDS if kind in found]


def _forms(text: str) -> list[str]:
    """The text as typed, folded (NFKC, every script's digits as 0-9), and without accents."""
    folded = "".join(
        str(unicodedata.decimal(ch)) if not ch.isascii() and ch.isdecimal() else ch
        for ch in unicodedata.normalize("NFKC", text)
    )
    ascii_folded = unicodedata.normalize("NFKD", folded).encode("ascii", "ignore").decode()
    return list(dict.fromkeys((text, folded, ascii_folded)))


def _identifiers_in(text: str) -> set[str]:
    phone_spans = [match.span() for pattern in _PHONE_NUMBERS for match in pattern.finditer(text)]
    # "+44 116 225 4000" holds a 3-3-4 group of ten digits; that is a phone number.
    nhs_spans = [
        match.span()
        for match in _NHS_NUMBER.finditer(text)
        if not _overlaps(match.span(), phone_spans)
    ]
    other_spans = [
        *phone_spans,
        *nhs_spans,
        *(match.span() for match in _POSTCODE.finditer(text)),
        *(match.span() for match in _EMAIL.finditer(text)),
        *_date_spans(text),
    ]
    found = {
        "nhs_number": bool(nhs_spans),
        "phone_number": bool(phone_spans),
        "postcode": _POSTCODE.search(text) is not None,
        "email": _EMAIL.search(text) is not None,
        "date_of_birth": bool(_date_spans(text)),
        "record_number": any(
            sum(ch.isdigit() for ch in match.group()) >= _RECORD_NUMBER_DIGITS
            and not _overlaps(match.span(), other_spans)
            for match in _LETTERS_AND_DIGITS.finditer(text)
        ),
    }
    return {kind for kind, present in found.items() if present}


def could_identify_someone(text: str) -> bool:
    """For the search log, which keeps the words of searches that found nothing: any
    identifier or titled name, and, bluntly, any six digits or an "@"."""
    return bool(find_personal_details(text)) or any(
        sum(ch.isdigit() for ch in form) >= _SEARCH_DIGITS or "@" in form for form in _forms(text)
    )


def looks_like_identifier(text: str) -> bool:
    return bool(find_identifiers(text))


def _overlaps(span: tuple[int, int], others: list[tuple[int, int]]) -> bool:
    start, end = span
    return any(start < other_end and other_start < end for other_start, other_end in others)


def _date_spans(text: str) -> list[tuple[int, int]]:
    spans = []
    for match in _NUMERIC_DATE.finditer(text):
        day, _, month, _ = match.groups()
        if _is_day_of_month(int(day), int(month)):
            spans.append(match.span())
    for match in _ISO_DATE.finditer(text):
        _, month, day = match.groups()
        if _is_day_of_month(int(day), int(month)):
            spans.append(match.span())
    for match in _DAY_MONTH_YEAR.finditer(text):
        day, month_name, _ = match.groups()
        if _is_day_of_month(int(day), _MONTH_NUMBERS[month_name[:3].lower()]):
            spans.append(match.span())
    for match in _MONTH_DAY_YEAR.finditer(text):
        month_name, day, _ = match.groups()
        if _is_day_of_month(int(day), _MONTH_NUMBERS[month_name[:3].lower()]):
            spans.append(match.span())
    return spans


def _is_day_of_month(day: int, month: int) -> bool:
    return 1 <= month <= 12 and 1 <= day <= _DAYS_IN_MONTH[month - 1]


# "Mr Patel", "Mrs. O'Neill", "Dr Smith": a title before a capitalised word is a name.
_TITLED_NAME = re.compile(
    r"(?<![\w])(?:mr|mrs|ms|miss|mx|dr|master)\.?\s+[A-Z][\w'’-]+", re.ASCII | re.IGNORECASE
)

_WARNINGS = {
    "nhs_number": "an NHS number",
    "phone_number": "a phone number",
    "postcode": "a postcode",
    "email": "an email address",
    "date_of_birth": "a date (of birth?)",
    "record_number": "a record number",
    "name": "a name (Mr, Mrs, Ms …)",
}


def find_personal_details(text: str) -> list[str]:
    """Like find_identifiers, and names after a title too: for the free-text fields of helpline
    queries and other-needs entries, where even a name is too much."""
    found = find_identifiers(text)
    if any(_titled(match) for form in _forms(text) for match in _TITLED_NAME.finditer(form)):
        found.append("name")
    return found


def _titled(match: re.Match) -> bool:
    # The title's surname must start with a capital: "ms teams" or "dr appointment" is not a name.
    return match.group(0).split()[-1][0].isupper()


def personal_details_warning(text: str) -> str | None:
    """A plain-English warning for a form, or None: "This looks like it holds a phone number
    and a postcode. …" """
    kinds = find_personal_details(text)
    if not kinds:
        return None
    names = [_WARNINGS[kind] for kind in kinds]
    listed = names[0] if len(names) == 1 else ", ".join(names[:-1]) + " and " + names[-1]
    return (
        f"This looks like it holds {listed}. Remove anything that could identify the person, "
        "or tick the box to confirm it does not."
    )
