"""A connector role as plain data: saved as a version after each change, compared field by
field on its history page (as services are, knowledge/curation/versions.py)."""

from dataclasses import dataclass

from sqlalchemy import func, select

from knowledge.extensions import db
from knowledge.models.connectors import ConnectorRole, ConnectorRoleVersion

# Field, label; in the order the history page lists changes.
FIELDS: tuple[tuple[str, str], ...] = (
    ("title", "Title"),
    ("role_type", "Type of role"),
    ("organisation", "Organisation"),
    ("description", "What they do"),
    ("how_to_contact", "How to refer or make contact"),
    ("email", "Work email"),
    ("phone", "Work phone"),
    ("hours", "Hours"),
    ("eligibility", "Who it is for"),
    ("areas", "Areas covered"),
    ("practices", "GP practices covered"),
    ("publication", "Publication"),
    ("public", "Shown on the public site"),
    ("assured_date", "Last checked"),
    ("assurer", "Checked by"),
)


def snapshot(role: ConnectorRole) -> dict:
    return {
        "title": role.title,
        "role_type": role.role_type.value,
        "organisation": role.organisation.name if role.organisation else role.organisation_id,
        "description": role.description,
        "how_to_contact": role.how_to_contact,
        "email": role.email or "",
        "phone": role.phone or "",
        "hours": role.hours or "",
        "eligibility": role.eligibility or "",
        "areas": sorted(a.name for a in role.areas),
        "practices": sorted(p.name for p in role.practices),
        "publication": role.publication.value,
        "public": "Yes" if role.public else "No",
        "assured_date": role.assured_date.isoformat() if role.assured_date else "",
        "assurer": role.assurer or "",
    }


def save_version(role: ConnectorRole, reason: str, saved_by_email: str | None) -> None:
    """Add the role's next version (flushes, so the role's own row exists for it)."""
    db.session.flush()
    if role.organisation is None:
        db.session.refresh(role, ["organisation"])
    latest = db.session.scalar(
        select(func.max(ConnectorRoleVersion.number)).where(ConnectorRoleVersion.role_id == role.id)
    )
    db.session.add(
        ConnectorRoleVersion(
            role_id=role.id,
            number=(latest or 0) + 1,
            snapshot=snapshot(role),
            reason=reason,
            saved_by_email=saved_by_email,
        )
    )


@dataclass(frozen=True)
class Change:
    label: str
    before: str
    after: str


def changes(before: dict | None, after: dict) -> list[Change]:
    """What differs between two snapshots, in FIELDS order (everything, for the first)."""
    found = []
    for key, label in FIELDS:
        old = _text((before or {}).get(key, ""))
        new = _text(after.get(key, ""))
        if old != new:
            found.append(Change(label, old, new))
    return found


def history(role: ConnectorRole) -> list[tuple[ConnectorRoleVersion, list[Change]]]:
    """Each version with what it changed from the one before, newest first."""
    shown, previous = [], None
    for version in role.versions:
        shown.append((version, changes(previous, version.snapshot)))
        previous = version.snapshot
    return shown[::-1]


def _text(value) -> str:
    if isinstance(value, list):
        return ", ".join(value)
    return str(value)
