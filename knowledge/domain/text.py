"""Text as people type it into forms and spreadsheets, made ready to store."""

# What Python's str.splitlines() breaks on: each could start a new header line in an email,
# or a new row in a spreadsheet someone opens later.
LINE_BREAKS = frozenset("\n\r\v\f\x1c\x1d\x1e\x85\u2028\u2029")


def blank_to_none(value: str | None) -> str | None:
    """Trimmed; None if nothing is left, since an empty answer is no answer."""
    if value is None:
        return None
    return value.strip() or None


def is_one_line(text: str | None) -> bool:
    """Whether `text` has no line break inside it (at its ends is fine: those are trimmed)."""
    return not any(character in LINE_BREAKS for character in (text or "").strip())


def one_line(text: str) -> str:
    """Every run of spaces and line breaks made one space: for a name in an email subject."""
    return " ".join(text.split())
