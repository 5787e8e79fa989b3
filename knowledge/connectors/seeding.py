"""GP practices and the demo's connector roles, from seed/practices.json and
seed/demo_connectors.json (both fictional). Loading twice adds nothing the second time."""

import csv
import json
from datetime import date
from pathlib import Path

from sqlalchemy import select

from knowledge.connectors.versions import save_version
from knowledge.directory.seeding import LoadCounts, stable_id
from knowledge.extensions import db
from knowledge.models import Area, AreaKind, Organisation, Phone, PublicationState
from knowledge.models.connectors import ConnectorRole, GpPractice, RoleType


class PracticeFileError(Exception):
    """A practices file that cannot be loaded, with every problem, row by row."""

    def __init__(self, problems: list[str]):
        super().__init__("\n".join(problems))
        self.problems = problems


PRACTICE_COLUMNS = ("code", "name", "town", "pcn", "neighbourhood")


def read_practices(path: Path) -> list[dict]:
    """Rows of {code, name, town, pcn, neighbourhood} from seed/practices.json's shape or a CSV
    file with those column headings (neighbourhood = the area code, as in seed/areas.json)."""
    if path.suffix.lower() == ".csv":
        with path.open(newline="", encoding="utf-8-sig") as handle:
            reader = csv.DictReader(handle)
            missing = [
                c for c in ("code", "name", "neighbourhood") if c not in (reader.fieldnames or [])
            ]
            if missing:
                raise PracticeFileError([f"The file has no {', '.join(missing)} column"])
            return [
                {key: (row.get(key) or "").strip() for key in PRACTICE_COLUMNS} for row in reader
            ]
    return json.loads(path.read_text(encoding="utf-8"))["practices"]


def load_practices(path: Path) -> LoadCounts:
    """The GP practices in `path` (see read_practices), each in a neighbourhood of the
    reference areas. Known codes are left as they are. Every row is checked before any is
    saved: one bad row and nothing is, with each problem said by its row number."""
    rows = read_practices(path)
    neighbourhoods = {
        a.code: a
        for a in db.session.scalars(select(Area).where(Area.kind == AreaKind.NEIGHBOURHOOD))
    }
    if not neighbourhoods:
        raise RuntimeError("Load the reference data first: flask seed reference")
    problems, seen = [], set()
    for number, row in enumerate(rows, start=2 if path.suffix.lower() == ".csv" else 1):
        code, name = (row.get("code") or "").strip(), (row.get("name") or "").strip()
        if not code or len(code) > 12:
            problems.append(f"Row {number}: the practice code must be 1 to 12 characters")
        elif code in seen:
            problems.append(f"Row {number}: {code} is in the file twice")
        if not name:
            problems.append(f"Row {number}: the practice has no name")
        if row.get("neighbourhood") not in neighbourhoods:
            problems.append(
                f"Row {number}: no neighbourhood has the code {row.get('neighbourhood')!r}"
            )
        seen.add(code)
    if problems:
        raise PracticeFileError(problems)
    present = set(db.session.scalars(select(GpPractice.code)))
    counts = LoadCounts()
    for row in rows:
        added = row["code"] not in present
        counts.note(added=added)
        if added:
            db.session.add(
                GpPractice(
                    id=stable_id("gp-practice", row["code"]),
                    code=row["code"],
                    name=row["name"],
                    town=row.get("town") or None,
                    pcn_name=row.get("pcn") or None,
                    neighbourhood=neighbourhoods[row["neighbourhood"]],
                )
            )
    db.session.commit()
    return counts


def load_demo_connectors(path: Path) -> LoadCounts:
    """The demo's connector roles, published, each with its first version; the counts are of
    roles."""
    data = json.loads(path.read_text(encoding="utf-8"))
    areas = {a.code: a for a in db.session.scalars(select(Area))}
    practices = {p.code: p for p in db.session.scalars(select(GpPractice))}
    present_orgs = set(db.session.scalars(select(Organisation.id)))
    for org in data["organisations"]:
        if org["id"] not in present_orgs:
            db.session.add(
                Organisation(
                    id=org["id"],
                    name=org["name"],
                    description=org["description"],
                    email=org["email"],
                    url=org["url"],
                    phones=[Phone(number=org["phone"])],
                )
            )
    present = set(db.session.scalars(select(ConnectorRole.id)))
    counts = LoadCounts()
    for row in data["roles"]:
        added = row["id"] not in present
        counts.note(added=added)
        if not added:
            continue
        role = ConnectorRole(
            id=row["id"],
            role_type=RoleType(row["role_type"]),
            title=row["title"],
            organisation_id=row["organisation_id"],
            description=row["description"],
            how_to_contact=row["how_to_contact"],
            email=row["email"],
            phone=row["phone"],
            hours=row["hours"],
            eligibility=row["eligibility"],
            public=row["public"],
            publication=PublicationState.PUBLISHED,
            assured_date=date.fromisoformat(row["assured_date"]),
            assurer="Community Knowledge Officer",
            areas=[areas[code] for code in row["areas"]],
            practices=[practices[code] for code in row["practices"]],
        )
        db.session.add(role)
        save_version(role, "created", saved_by_email=None)
    db.session.commit()
    return counts
