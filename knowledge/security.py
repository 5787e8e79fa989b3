"""Small security helpers shared by features."""

from urllib.parse import urlsplit


def safe_next(target: str | None, default: str) -> str:
    """Only ever redirect to a path on this site."""
    if not target:
        return default
    parts = urlsplit(target)
    # Browsers read "/\\host" as "//host": refuse backslashes and control characters too.
    unsafe = "\\" in target or any(ord(ch) < 32 for ch in target)
    if (
        unsafe
        or parts.scheme
        or parts.netloc
        or not target.startswith("/")
        or target.startswith("//")
    ):
        return default
    return target


def same_site_referrer(request) -> str | None:
    """The path (and query) of the referring page if it was on this site, else None."""
    if not request.referrer:
        return None
    parts = urlsplit(request.referrer)
    if parts.netloc != request.host:
        return None
    return parts.path + (f"?{parts.query}" if parts.query else "")
