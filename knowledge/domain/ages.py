"""Age groups people filter by, from a service's minimum and maximum age."""

from typing import NamedTuple


class AgeGroup(NamedTuple):
    code: str
    label: str
    youngest: int
    oldest: int | None


AGE_GROUPS: tuple[AgeGroup, ...] = (
    AgeGroup("young-people", "Children and young people, under 18", 0, 17),
    AgeGroup("adults", "Adults, 18 to 64", 18, 64),
    AgeGroup("older-people", "Older people, 65 and over", 65, None),
)


def age_groups(minimum_age: int | None, maximum_age: int | None) -> tuple[str, ...]:
    """The groups whose ages overlap the service's range; no limits means everyone."""
    low = minimum_age or 0
    high = maximum_age if maximum_age is not None else 200
    return tuple(
        g.code
        for g in AGE_GROUPS
        if low <= (g.oldest if g.oldest is not None else 200) and g.youngest <= high
    )


def describe_ages(minimum_age: int | None, maximum_age: int | None) -> str:
    if not minimum_age and maximum_age is None:
        return "All ages"
    if maximum_age is None:
        return f"Aged {minimum_age} and over"
    if not minimum_age:
        return f"Aged {maximum_age} and under"
    return f"Aged {minimum_age} to {maximum_age}"
