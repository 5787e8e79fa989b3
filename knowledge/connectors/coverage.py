"""Who covers a place: the connector roles for a GP practice, a neighbourhood or a district.

Coverage is recorded at the level a role works at: a local area coordinator for a district, a
link worker for the practices of one Primary Care Network, a befriending scheme for the whole
region. A place is covered by a role recorded for the place itself, for anywhere that contains
it (a practice is in a neighbourhood, a neighbourhood in a district, a district in the region),
or for somewhere inside it (a district's page lists the link workers of its practices too, each
saying which practices it is for). Staff see every published role; the public only the ones the
Community Knowledge Officer has marked public.
"""

from dataclasses import dataclass, field

from sqlalchemy import or_, select
from sqlalchemy.orm import selectinload

from knowledge.extensions import db
from knowledge.models import Area, AreaKind, PublicationState
from knowledge.models.connectors import (
    ROLE_TYPE_ORDER,
    ConnectorRole,
    GpPractice,
    RoleType,
)

# How a role's coverage meets the place, the order matches are listed in within a group: the
# whole place, most specific record first, then the roles for part of it.
PRACTICE, NEIGHBOURHOOD, DISTRICT, REGION, PART = range(5)
_LEVEL = {
    AreaKind.NEIGHBOURHOOD: NEIGHBOURHOOD,
    AreaKind.DISTRICT: DISTRICT,
    AreaKind.REGION: REGION,
}


@dataclass(frozen=True)
class Place:
    """What staff chose: an area (region, district, neighbourhood) or a GP practice."""

    area: Area | None = None
    practice: GpPractice | None = None

    @property
    def name(self) -> str:
        return self.practice.name if self.practice else self.area.name  # type: ignore[union-attr]

    @property
    def key(self) -> str:
        """For addresses: `practice:C82001` or `area:melton`."""
        if self.practice:
            return f"practice:{self.practice.code}"
        return f"area:{self.area.code}"  # type: ignore[union-attr]


@dataclass
class Match:
    role: ConnectorRole
    level: int  # PRACTICE … PART
    # For a role covering part of the place: which part, in words.
    covers: list[str] = field(default_factory=list)


@dataclass
class Group:
    role_type: RoleType
    matches: list[Match]


def find_place(key: str) -> Place | None:
    """The place named by `Place.key`, or None."""
    kind, _, code = key.partition(":")
    if kind == "practice" and code:
        practice = db.session.scalar(select(GpPractice).where(GpPractice.code == code))
        return Place(practice=practice) if practice else None
    if kind == "area" and code:
        area = db.session.scalar(select(Area).where(Area.code == code))
        return Place(area=area) if area else None
    return None


def _ancestors(area: Area | None) -> list[Area]:
    found = []
    while area is not None:
        found.append(area)
        area = area.parent
    return found


def _descendants(area: Area) -> list[Area]:
    found, pending = [], list(area.children)
    while pending:
        child = pending.pop()
        found.append(child)
        pending.extend(child.children)
    return found


def covering(place: Place, *, public_only: bool = False) -> list[Group]:
    """The published roles that cover `place`, grouped by role type (in ROLE_TYPE_ORDER, empty
    groups left out), the most specific coverage first within a group, then by title."""
    if place.practice is not None:
        around = _ancestors(place.practice.neighbourhood)
        inside: list[Area] = []
        practices = [place.practice]
    else:
        assert place.area is not None
        around = _ancestors(place.area)
        inside = _descendants(place.area)
        neighbourhoods = [a.id for a in [place.area, *inside] if a.kind is AreaKind.NEIGHBOURHOOD]
        practices = list(
            db.session.scalars(
                select(GpPractice).where(GpPractice.neighbourhood_id.in_(neighbourhoods))
            )
        )
    area_ids = [a.id for a in [*around, *inside]]
    practice_ids = [p.id for p in practices]
    query = (
        select(ConnectorRole)
        .where(ConnectorRole.publication == PublicationState.PUBLISHED)
        .where(
            or_(
                ConnectorRole.areas.any(Area.id.in_(area_ids)),
                ConnectorRole.practices.any(GpPractice.id.in_(practice_ids)),
            )
        )
        .options(
            selectinload(ConnectorRole.areas),
            selectinload(ConnectorRole.practices),
            selectinload(ConnectorRole.organisation),
        )
    )
    if public_only:
        query = query.where(ConnectorRole.public.is_(True))

    around_ids, inside_ids = {a.id for a in around}, {a.id for a in inside}
    practice_set = set(practice_ids)
    matches: dict[RoleType, list[Match]] = {}
    for role in db.session.scalars(query):
        matches.setdefault(role.role_type, []).append(
            _match(role, place, around_ids, inside_ids, practice_set)
        )
    return [
        Group(role_type, sorted(matches[role_type], key=lambda m: (m.level, m.role.title)))
        for role_type in ROLE_TYPE_ORDER
        if role_type in matches
    ]


def _match(
    role: ConnectorRole,
    place: Place,
    around_ids: set[str],
    inside_ids: set[str],
    practices: set[str],
) -> Match:
    """How `role`'s recorded coverage meets the place: for all of it at the closest level it was
    recorded at, or for part of it, saying which part (some of a district's practices, say)."""
    covered_practices = [p for p in role.practices if p.id in practices]
    if place.practice is not None and covered_practices:
        return Match(role, PRACTICE)
    levels = [_LEVEL[a.kind] for a in role.areas if a.id in around_ids]
    if levels:
        return Match(role, min(levels))
    parts = [a.name for a in role.areas if a.id in inside_ids]
    if covered_practices:
        parts.append(_practices_phrase(covered_practices))
    return Match(role, PART, covers=parts)


def _practices_phrase(practices: list[GpPractice]) -> str:
    names = [p.name for p in practices]
    if len(names) == 1:
        return f"patients of {names[0]}"
    return "patients of " + ", ".join(names[:-1]) + f" and {names[-1]}"
