"""Cells that are safe to open in a spreadsheet.

A cell beginning with = + - @ (or a tab or carriage return before one) is run as a formula
by Excel and LibreOffice: `=HYPERLINK("http://evil.example", "Click")` in a description would
become a live link in the officer's copy. Such cells get a leading apostrophe, which the
spreadsheet shows as text and the importer strips again.
"""

FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def _looks_like_a_formula(text: str) -> bool:
    # Apostrophes first count too: "'=1" written as is would be read back as "=1".
    return text.lstrip("'").startswith(FORMULA_STARTS)


def safe_cell(value: object) -> str:
    text = "" if value is None else str(value)
    return "'" + text if _looks_like_a_formula(text) else text


def unsafe_cell(text: str) -> str:
    """Undo `safe_cell` when reading a file this app wrote."""
    if text.startswith("'") and _looks_like_a_formula(text[1:]):
        return text[1:]
    return text
