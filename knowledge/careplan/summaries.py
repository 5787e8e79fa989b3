"""The plain-text summary of an other-needs entry, to paste into the electronic patient record.

The EPR already knows who the person is, so the summary carries no identifier at all: not the
number, not the pseudonym, not who typed it (the EPR records who pastes it). Plain text because
EPR free-text boxes keep neither formatting nor links.
"""

from datetime import date

from knowledge.clock import uk_day
from knowledge.directory.vocabulary import need_label
from knowledge.models import EntryStatus, OtherNeedsEntry


def _day(value: date) -> str:
    return f"{value.day} {value:%B %Y}"


def epr_summary(entry: OtherNeedsEntry) -> str:
    level = entry.support_level
    done = [a for a in level.actions if a.value in entry.actions_done]
    to_do = [a for a in level.actions if a.value not in entry.actions_done]
    lines = [
        "Other needs (Supporting Other Needs framework)",
        f"Need: {need_label(entry.need_term)}",
    ]
    if entry.description:
        lines.append(f"About the need: {entry.description}")
    lines.append(f"Support level: {level.label}")
    lines.append("Actions done: " + ("none yet" if not done else ""))
    lines.extend(f"- {action.label}" for action in done)
    if to_do:
        lines.append("Still to do:")
        lines.extend(f"- {action.label}" for action in to_do)
    if entry.offers:
        lines.append("Services offered:")
        for offer in entry.offers:
            service = offer.service
            lines.append(
                f"- {service.name} ({service.organisation.name}): {offer.outcome.label.lower()}"
                f", {_day(uk_day(offer.offered_at))}"
            )
    else:
        lines.append("Services offered: none yet")
    if entry.status is EntryStatus.CLOSED:
        closed = f" on {_day(uk_day(entry.closed_at))}" if entry.closed_at else ""
        lines.append(f"Status: closed{closed}")
    else:
        review = f", review by {_day(entry.review_date)}" if entry.review_date else ""
        lines.append(f"Status: open{review}")
    recorded_by = ", ".join(filter(None, (entry.team, entry.specialty.label)))
    lines.append(f"Recorded by: {recorded_by}, {_day(uk_day(entry.created_at))}")
    return "\n".join(line.rstrip() for line in lines)
