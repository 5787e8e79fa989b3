"""The directory as CSV, one row per service, for the officer to download (and, later, import).

Every cell goes through `safe_cell` so nothing runs as a spreadsheet formula."""

import csv
import io

from sqlalchemy import select
from sqlalchemy.orm import selectinload

from knowledge.directory.indexing import SERVICE_DOCUMENT_LOADS
from knowledge.domain.spreadsheets import safe_cell
from knowledge.extensions import db
from knowledge.models import Service

COLUMNS = (
    "id",
    "name",
    "organisation",
    "summary",
    "description",
    "publication",
    "status",
    "status_note",
    "need_terms",
    "service_types",
    "areas",
    "minimum_age",
    "maximum_age",
    "eligibility_description",
    "self_referral",
    "professional_referral",
    "drop_in",
    "referral_description",
    "email",
    "url",
    "phones",
    "opening_times",
    "schedule_notes",
    "costs",
    "languages",
    "assured_date",
    "assurer",
    "review_interval_months",
    "staff_notes",
    "do_not_refer",
    "do_not_refer_reason",
)


def _yes_no(value: bool) -> str:
    return "yes" if value else "no"


def _row(service: Service) -> list[str]:
    schedules = "; ".join(
        f"{s.freq} {s.byday} {s.opens_at:%H:%M}-{s.closes_at:%H:%M}"
        + (f" from {s.valid_from.isoformat()}" if s.valid_from else "")
        + (f" until {s.valid_to.isoformat()}" if s.valid_to else "")
        for s in service.schedules
    )
    values = {
        "id": service.id,
        "name": service.name,
        "organisation": service.organisation.name,
        "summary": service.summary,
        "description": service.description,
        "publication": service.publication.value,
        "status": service.status.value,
        "status_note": service.status_note,
        "need_terms": "; ".join(t.code for t in service.terms_in("need-domain")),
        "service_types": "; ".join(t.code for t in service.terms_in("service-type")),
        "areas": "; ".join(sa.area.code for sa in service.service_areas),
        "minimum_age": service.minimum_age,
        "maximum_age": service.maximum_age,
        "eligibility_description": service.eligibility_description,
        "self_referral": _yes_no(service.self_referral),
        "professional_referral": _yes_no(service.professional_referral),
        "drop_in": _yes_no(service.drop_in),
        "referral_description": service.referral_description,
        "email": service.email,
        "url": service.url,
        "phones": "; ".join(
            p.number + (f" ({p.description})" if p.description else "") for p in service.phones
        ),
        "opening_times": schedules,
        "schedule_notes": service.schedule_notes,
        "costs": "; ".join(
            c.option + (f" £{c.amount}" if c.amount else "") for c in service.cost_options
        ),
        "languages": "; ".join(lang.name for lang in service.languages),
        "assured_date": service.assured_date.isoformat() if service.assured_date else "",
        "assurer": service.assurer,
        "review_interval_months": service.review_interval_months,
        "staff_notes": service.staff_notes,
        "do_not_refer": _yes_no(service.do_not_refer),
        "do_not_refer_reason": service.do_not_refer_reason,
    }
    return [safe_cell(values[column]) for column in COLUMNS]


def directory_csv() -> tuple[str, int]:
    """The whole directory (every state) as CSV text, and how many services it holds."""
    services = db.session.scalars(
        select(Service)
        .options(
            *SERVICE_DOCUMENT_LOADS,
            selectinload(Service.phones),
            selectinload(Service.languages),
        )
        .order_by(Service.name)
    ).all()
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\r\n")
    writer.writerow(COLUMNS)
    writer.writerows(_row(s) for s in services)
    return buffer.getvalue(), len(services)
