"""Reading and changing connector roles. Every change is audited and saved as a version."""

from dataclasses import dataclass
from datetime import date

from flask_login import current_user
from sqlalchemy import select
from sqlalchemy.orm import selectinload
from wtforms.fields.choices import SelectChoice

from knowledge import clock
from knowledge.audit.services import record
from knowledge.connectors.coverage import Place, covering
from knowledge.connectors.versions import save_version, snapshot
from knowledge.domain.reviews import review_due
from knowledge.extensions import db
from knowledge.helpline.queries import check_open
from knowledge.models import Area, AreaKind, Organisation, PublicationState
from knowledge.models.connectors import ConnectorRole, GpPractice, RoleType


def get_role(role_id: str) -> ConnectorRole | None:
    return db.session.get(ConnectorRole, role_id)


# How often the officer checks a role with its organisation, as a service's default.
CHECK_EVERY_MONTHS = 6


def check_due(role: ConnectorRole, today: date) -> bool:
    """Never checked, or last checked CHECK_EVERY_MONTHS or more ago."""
    due = review_due(role.assured_date, CHECK_EVERY_MONTHS)
    return due is None or due <= today


def count_due(today: date) -> int:
    """Published roles due a check, for the curation dashboard."""
    return sum(check_due(role, today) for role in all_roles(state=PublicationState.PUBLISHED.value))


def all_roles(
    role_type: str = "", state: str = "", due_on: date | None = None
) -> list[ConnectorRole]:
    """Every role, by type then title; of one type or publication state; or only those due a
    check on `due_on`."""
    query = (
        select(ConnectorRole)
        .options(selectinload(ConnectorRole.organisation))
        .order_by(ConnectorRole.role_type, ConnectorRole.title)
    )
    if role_type in RoleType._value2member_map_:
        query = query.where(ConnectorRole.role_type == RoleType(role_type))
    if state in PublicationState._value2member_map_:
        query = query.where(ConnectorRole.publication == PublicationState(state))
    roles = list(db.session.scalars(query))
    if due_on is not None:
        roles = [role for role in roles if check_due(role, due_on)]
    return roles


@dataclass(frozen=True)
class DistrictPlaces:
    """A district with its neighbourhoods and each neighbourhood's practices, for the pickers."""

    district: Area
    neighbourhoods: list[tuple[Area, list[GpPractice]]]


def places() -> tuple[Area | None, list[DistrictPlaces]]:
    """The region and its districts, in name order, each with its neighbourhoods and their
    practices: what the staff page lists and the officer's form offers."""
    areas = list(db.session.scalars(select(Area).order_by(Area.name)))
    by_neighbourhood: dict[str, list[GpPractice]] = {}
    for practice in db.session.scalars(select(GpPractice).order_by(GpPractice.name)):
        by_neighbourhood.setdefault(practice.neighbourhood_id, []).append(practice)
    region = next((a for a in areas if a.kind is AreaKind.REGION), None)
    districts = [
        DistrictPlaces(
            district,
            [
                (n, by_neighbourhood.get(n.id, []))
                for n in areas
                if n.kind is AreaKind.NEIGHBOURHOOD and n.parent_id == district.id
            ],
        )
        for district in areas
        if district.kind is AreaKind.DISTRICT
    ]
    return region, districts


def area_choices() -> list[SelectChoice]:
    region, districts = places()
    choices = [SelectChoice(region.code, region.name)] if region else []
    for group in districts:
        choices.append(SelectChoice(group.district.code, group.district.name))
        choices.extend(
            SelectChoice(n.code, f"{n.name} ({group.district.name})")
            for n, _ in group.neighbourhoods
        )
    return choices


def practice_choices() -> list[SelectChoice]:
    _, districts = places()
    return [
        SelectChoice(p.code, f"{p.name}, {p.town}" if p.town else p.name)
        for group in districts
        for _, practices in group.neighbourhoods
        for p in practices
    ]


def organisation_choices() -> list[SelectChoice]:
    organisations = db.session.execute(
        select(Organisation.id, Organisation.name).order_by(Organisation.name)
    )
    return [SelectChoice("", "Choose an organisation")] + [
        SelectChoice(id_, name) for id_, name in organisations
    ]


def _apply(role: ConnectorRole, values: dict) -> None:
    role.role_type = RoleType(values["role_type"])
    for name in ("title", "description", "how_to_contact", "email", "phone"):
        setattr(role, name, values[name])
    role.hours, role.eligibility, role.public = (
        values["hours"],
        values["eligibility"],
        values["public"],
    )
    role.areas = list(db.session.scalars(select(Area).where(Area.code.in_(values["areas"]))))
    role.practices = list(
        db.session.scalars(select(GpPractice).where(GpPractice.code.in_(values["practices"])))
    )
    role.organisation = db.session.get(Organisation, values["organisation_id"])


def _actor_email() -> str | None:
    return current_user.email if current_user and current_user.is_authenticated else None


def create_role(values: dict) -> ConnectorRole:
    """A new role, as a draft: staff see it once it is published."""
    role = ConnectorRole(publication=PublicationState.DRAFT)
    _apply(role, values)
    db.session.add(role)
    save_version(role, "created", _actor_email())
    db.session.flush()
    record("connector_role.created", target=role, details={"title": role.title})
    db.session.commit()
    return role


def update_role(role: ConnectorRole, values: dict) -> list[str]:
    """Save the form's values; the labels of what changed (nothing saved when nothing did)."""
    before = snapshot(role)
    _apply(role, values)
    after = snapshot(role)
    changed = [key for key in after if after[key] != before[key]]
    if not changed:
        db.session.rollback()
        return []
    save_version(role, "edited", _actor_email())
    record("connector_role.edited", target=role, details={"changed": changed})
    db.session.commit()
    return changed


def set_publication(role: ConnectorRole, state: PublicationState) -> None:
    if role.publication is state:
        return
    role.publication = state
    save_version(role, state.value, _actor_email())
    record(f"connector_role.{state.value}", target=role)
    db.session.commit()


def mark_checked(role: ConnectorRole) -> None:
    """The officer has checked the role with its organisation today."""
    role.assured_date = clock.local_now().date()
    role.assurer = current_user.display_name
    save_version(role, "checked", _actor_email())
    record("connector_role.checked", target=role)
    db.session.commit()


# Helpline answers ------------------------------------------------------------------------------


def for_query(query) -> list:
    """What a helpline worker may add to a query's answer: the published roles covering its
    area, by type (every published role when the query names no area); those already added
    left out."""
    added = {role.id for role in query.connectors}
    if query.area is not None:
        groups = covering(Place(area=query.area))
        return [
            (group.role_type, [m.role for m in group.matches if m.role.id not in added])
            for group in groups
        ]
    roles = [r for r in all_roles(state=PublicationState.PUBLISHED.value) if r.id not in added]
    return [
        (role_type, [r for r in roles if r.role_type is role_type])
        for role_type in RoleType
        if any(r.role_type is role_type for r in roles)
    ]


def link_to_query(query, role: ConnectorRole) -> bool:
    """Add a published role to the query's answer; False when it was there already. Like its
    needs, the answer's roles change only while the query is open (CannotChange)."""
    check_open(query)
    if role in query.connectors:
        return False
    if role.publication is not PublicationState.PUBLISHED:
        raise ValueError("only published roles can be part of an answer")
    query.connectors.append(role)
    record("helpline_query.connector_added", target=query, details={"role_id": role.id})
    db.session.commit()
    return True


def unlink_from_query(query, role: ConnectorRole) -> bool:
    check_open(query)
    if role not in query.connectors:
        return False
    query.connectors.remove(role)
    record("helpline_query.connector_removed", target=query, details={"role_id": role.id})
    db.session.commit()
    return True
