"""Password rules, following NCSC guidance: length over complexity, and refuse the passwords
attackers try first (zxcvbn's lists of common passwords, words and patterns)."""

from zxcvbn import zxcvbn

MIN_LENGTH = 12
# Long enough for any passphrase; short enough that hashing a hostile input stays cheap.
MAX_LENGTH = 128
# zxcvbn's 0–4 scale: 3 is "safely unguessable: moderate protection from offline attack".
MIN_SCORE = 3


def password_problems(password: str, *, personal: tuple[str, ...] = ()) -> list[str]:
    """What is wrong with a proposed password, in words to show the person; empty if fine.

    `personal` holds things an attacker would try (the person's email address and name)."""
    if len(password) < MIN_LENGTH:
        return [f"Password must be {MIN_LENGTH} characters or more"]
    if len(password) > MAX_LENGTH:
        return [f"Password must be {MAX_LENGTH} characters or fewer"]
    result = zxcvbn(password, user_inputs=[p for p in personal if p])
    if result["score"] >= MIN_SCORE:
        return []
    warning = result["feedback"]["warning"]
    advice = "Try three or four random words together, like 'kettle lantern harbour'."
    return [f"This password is too easy to guess. {warning} {advice}".replace("  ", " ")]
