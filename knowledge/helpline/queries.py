"""Helpline queries: staff ask the Community Knowledge Service, helpline workers log calls and
emails, work each query through new → in progress → answered → closed, and decide every need.

Each need ends one of four ways: met by an existing directory entry, met by a new entry (a
draft made here through the curation code, finished by the officer), partly met, or unmet
(handed to the unmet-needs register, knowledge/helpline/unmet.py). The asker sees the answer
in "My questions" and can add the suggested services to the linked other-needs entry.

No names, no clinical detail, no numbers: free text is checked by the forms, and audit rows
name records by id and never repeat what was typed.
"""

import logging
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, datetime

from flask import render_template, session
from sqlalchemy import func, select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import selectinload
from werkzeug.datastructures import MultiDict

from knowledge import mail
from knowledge.audit.services import record
from knowledge.careplan import services as careplan
from knowledge.careplan.person import chosen_person
from knowledge.clock import local_now, utc_now
from knowledge.curation import services as curation
from knowledge.directory import services as directory
from knowledge.directory import vocabulary
from knowledge.extensions import db
from knowledge.helpline import dashboard, unmet
from knowledge.models import (
    AgeBand,
    Area,
    AreaKind,
    EntryStatus,
    HelplineQuery,
    NeedOutcome,
    Organisation,
    OtherNeedsEntry,
    QueryChannel,
    QueryNeed,
    QueryNote,
    QueryState,
    QueryUrgency,
    Role,
    RoleGrant,
    Service,
    ServiceStatus,
    Specialty,
    TaxonomyTerm,
    UnmetNeed,
    UnmetReason,
    User,
)
from knowledge.personal_details import Confirmation, record_confirmation
from knowledge.urls import external_url

log = logging.getLogger(__name__)

STATE_LABELS = {
    QueryState.NEW: "New",
    QueryState.IN_PROGRESS: "In progress",
    QueryState.ANSWERED: "Answered",
    QueryState.CLOSED: "Closed",
}
CHANNEL_LABELS = {
    QueryChannel.APP: "Asked in the app",
    QueryChannel.PHONE: "Phone call",
    QueryChannel.EMAIL: "Email",
}
# Answering is its own step (it needs the answer text and a decided outcome for every need);
# an answered query can go back to "in progress" if the asker comes back with more.
MOVES: dict[QueryState, tuple[QueryState, ...]] = {
    QueryState.NEW: (QueryState.IN_PROGRESS,),
    QueryState.IN_PROGRESS: (QueryState.ANSWERED,),
    QueryState.ANSWERED: (QueryState.CLOSED, QueryState.IN_PROGRESS),
    QueryState.CLOSED: (),
}
# A query that will get no answer (a duplicate, withdrawn, answered some other way) closes from
# new or in progress without inventing outcomes for its needs: CLOSED with no answered_at, which
# only this step leaves, so reports can tell it from an answered query.
CLOSABLE_WITHOUT_ANSWER = (QueryState.NEW, QueryState.IN_PROGRESS)
UNANSWERED_REASONS = {
    "duplicate": "a duplicate of another query",
    "withdrawn": "withdrawn by the person who asked",
    "answered-elsewhere": "answered some other way",
    "other": "other",
}
# Outcomes that point the asker at a directory entry.
MET_OUTCOMES = (NeedOutcome.MET_EXISTING, NeedOutcome.MET_NEW, NeedOutcome.PARTLY_MET)
REFERENCE_ATTEMPTS = 5
QUERIES_PER_PAGE = 50


class CannotChange(Exception):
    """A change the query's state or its needs do not allow; the message is for the person."""


# Looking up what the forms send ----------------------------------------------------------


def get_term(term_id: str) -> TaxonomyTerm | None:
    return db.session.get(TaxonomyTerm, term_id) if term_id else None


def get_area(area_id: str) -> Area | None:
    return db.session.get(Area, area_id) if area_id else None


def helpline_users() -> list[User]:
    """Who a query can be assigned to: enabled accounts with the helpline role."""
    return list(
        db.session.scalars(
            select(User)
            .join(RoleGrant)
            .where(RoleGrant.role == Role.HELPLINE, User.enabled.is_(True))
            .order_by(User.display_name)
        )
    )


def staff_account(email: str) -> User | None:
    """The account of a caller who rang or wrote, so the query shows in their "My questions"."""
    user = db.session.scalar(select(User).where(User.email == email.strip().lower()))
    if user is None or not user.enabled or not user.has_any_role(Role.STAFF, Role.HELPLINE):
        return None
    return user


def organisations() -> list[Organisation]:
    return curation.organisations()


# Other-needs entries a question can be linked to ------------------------------------------


def linkable_entry(entry_id: str | None) -> OtherNeedsEntry | None:
    """The open other-needs entry `entry_id`, if it may be viewed in this session; else None.
    Checked on every request that carries an entry id: the id comes from the browser."""
    if not entry_id:
        return None
    entry = db.session.get(OtherNeedsEntry, entry_id)
    if entry is None or entry.status is not EntryStatus.OPEN or not may_view_entry(entry):
        return None
    return entry


def may_view_entry(entry: OtherNeedsEntry) -> bool:
    """The care plan's rule: only the entries of the person whose number was typed in this
    session. Knowing an entry's id is not enough, here as on the entry's own page."""
    chosen = chosen_person()
    return chosen is not None and chosen.pseudonym == entry.person_pseudonym


def record_entry_shown(entry: OtherNeedsEntry) -> None:
    """The ask form filled in from an entry shows what the entry holds: a view, audited as the
    care plan audits its own pages."""
    careplan.record_views([entry], "helpline question")


# Asking and logging ------------------------------------------------------------------------

CALLER_KEY = "helpline_caller"


def remember_caller(team: str, specialty: Specialty | None) -> None:
    """Most staff ask from the same team every time: fill it in next time (this session)."""
    session[CALLER_KEY] = {"team": team, "specialty": specialty.value if specialty else ""}


def remembered_caller() -> tuple[str, str]:
    saved = session.get(CALLER_KEY) or {}
    return saved.get("team", ""), saved.get("specialty", "")


@dataclass(frozen=True)
class NewQuery:
    """What the "ask the helpline" and "log a call" forms hand over, already validated."""

    channel: QueryChannel
    need_term: TaxonomyTerm
    question: str
    area: Area | None
    age_band: AgeBand | None
    urgency: QueryUrgency
    caller_team: str
    caller_specialty: Specialty | None
    asked_by: User | None = None
    entry: OtherNeedsEntry | None = None
    confirmation: Confirmation | None = None


def next_reference(year: int) -> str:
    """The next "Q-2026-0042" for `year`. Ordered by length first, so Q-2026-10000 follows
    Q-2026-9999 rather than sorting before it."""
    prefix = f"Q-{year}-"
    last = db.session.scalar(
        select(HelplineQuery.reference)
        .where(HelplineQuery.reference.like(f"{prefix}%"))
        .order_by(func.length(HelplineQuery.reference).desc(), HelplineQuery.reference.desc())
        .limit(1)
    )
    number = int(last.removeprefix(prefix)) + 1 if last else 1
    return f"{prefix}{number:04d}"


def open_query(new: NewQuery, actor: User) -> HelplineQuery:
    """Save a new query with its first need, and its audit row, in one transaction.

    Two queries saved at the same moment can compute the same next reference; the unique
    constraint refuses the second, which then takes the next number. Call it with nothing else
    pending in the session: a refused attempt rolls the transaction back."""
    for attempt in range(1, REFERENCE_ATTEMPTS + 1):
        query = _build_query(new, actor)
        db.session.add(query)
        try:
            db.session.flush()
        except IntegrityError:
            db.session.rollback()
            if attempt == REFERENCE_ATTEMPTS:
                raise
            log.info("helpline reference taken meanwhile; trying the next (attempt %d)", attempt)
            continue
        action = (
            "helpline_query.asked" if new.channel is QueryChannel.APP else "helpline_query.logged"
        )
        record(
            action,
            target=query,
            actor=actor,
            details={
                "reference": query.reference,
                "channel": new.channel.value,
                "linked_entry": query.other_needs_entry_id,
            },
        )
        record_confirmation(new.confirmation, query, actor)
        db.session.commit()
        return query
    raise AssertionError("unreachable")


def _build_query(new: NewQuery, actor: User) -> HelplineQuery:
    logged_by_helpline = new.channel is not QueryChannel.APP
    query = HelplineQuery(
        reference=next_reference(local_now().year),
        channel=new.channel,
        asked_by=new.asked_by,
        caller_team=new.caller_team,
        caller_specialty=new.caller_specialty,
        question=new.question,
        area=new.area,
        age_band=new.age_band,
        urgency=new.urgency,
        other_needs_entry=new.entry,
        # The same pseudonym as the person's entries: the unmet-needs register counts people.
        person_pseudonym=new.entry.person_pseudonym if new.entry else None,
        received_at=utc_now(),
        # A worker logging a call is already handling it.
        state=QueryState.IN_PROGRESS if logged_by_helpline else QueryState.NEW,
        handler=actor if logged_by_helpline else None,
        minutes_spent=0,
    )
    query.needs = [QueryNeed(position=1, need_term=new.need_term, description=new.question[:500])]
    return query


# Reading -----------------------------------------------------------------------------------

QUERY_LOADS = (
    selectinload(HelplineQuery.needs).selectinload(QueryNeed.need_term),
    selectinload(HelplineQuery.needs).selectinload(QueryNeed.service),
    selectinload(HelplineQuery.notes).selectinload(QueryNote.author),
    selectinload(HelplineQuery.area),
    selectinload(HelplineQuery.handler),
    selectinload(HelplineQuery.asked_by),
)


def get_query(query_id: str) -> HelplineQuery | None:
    return db.session.scalars(
        select(HelplineQuery).where(HelplineQuery.id == query_id).options(*QUERY_LOADS)
    ).first()


def asked_by(query_id: str, user: User) -> HelplineQuery | None:
    """The query, only if `user` asked it: another person's question is not there at all."""
    query = get_query(query_id)
    return query if query is not None and query.asked_by_id == user.id else None


def get_need(query: HelplineQuery, need_id: str) -> QueryNeed | None:
    return next((need for need in query.needs if need.id == need_id), None)


@dataclass(frozen=True)
class ListedQuery:
    query: HelplineQuery
    age_days: int  # whole days since it was received, as the helpline dashboard counts them
    follow_up_overdue: bool

    @property
    def state_label(self) -> str:
        if closed_without_answer(self.query):
            return "Closed without an answer"
        return STATE_LABELS[self.query.state]

    @property
    def age(self) -> str:
        if self.age_days == 0:
            return "Under a day"
        return "1 day" if self.age_days == 1 else f"{self.age_days} days"


def follow_up_overdue(query: HelplineQuery, today: date | None = None) -> bool:
    """Its follow-up date has passed and it is not closed (due today is not yet overdue)."""
    today = today or local_now().date()
    return (
        query.follow_up_on is not None
        and query.follow_up_on < today
        and query.state is not QueryState.CLOSED
    )


def _listed(query: HelplineQuery, now: datetime) -> ListedQuery:
    return ListedQuery(
        query,
        dashboard.age_in_days(query.received_at, now),
        follow_up_overdue(query, now.date()),
    )


MY_QUESTIONS_PER_PAGE = 25


def my_questions(user: User, page: int = 1) -> tuple[list[ListedQuery], int]:
    """A page of the questions `user` asked, newest first, and how many there are in all."""
    now = local_now()
    mine = HelplineQuery.asked_by_id == user.id
    total = db.session.scalar(select(func.count()).select_from(HelplineQuery).where(mine))
    found = db.session.scalars(
        select(HelplineQuery)
        .where(mine)
        .options(selectinload(HelplineQuery.needs).selectinload(QueryNeed.need_term))
        .order_by(HelplineQuery.received_at.desc())
        .limit(MY_QUESTIONS_PER_PAGE)
        .offset((page - 1) * MY_QUESTIONS_PER_PAGE)
    )
    return [_listed(q, now) for q in found], total or 0


QUEUE_FILTERS: dict[str, tuple[str, tuple[QueryState, ...]]] = {
    "open": ("New or in progress", (QueryState.NEW, QueryState.IN_PROGRESS)),
    "new": ("New", (QueryState.NEW,)),
    "in-progress": ("In progress", (QueryState.IN_PROGRESS,)),
    "answered": ("Answered", (QueryState.ANSWERED,)),
    "closed": ("Closed", (QueryState.CLOSED,)),
    "all": ("Any state", tuple(QueryState)),
}


def queue(
    states: Iterable[QueryState], handler: User | None = None, page: int = 1
) -> tuple[list[ListedQuery], int]:
    """A page of queries in `states` (only `handler`'s if given), oldest first: the longest
    wait is dealt with first. And how many there are in all."""
    where = [HelplineQuery.state.in_(list(states))]
    if handler is not None:
        where.append(HelplineQuery.handler_id == handler.id)
    total = db.session.scalar(select(func.count()).select_from(HelplineQuery).where(*where)) or 0
    found = db.session.scalars(
        select(HelplineQuery)
        .where(*where)
        .options(
            selectinload(HelplineQuery.needs).selectinload(QueryNeed.need_term),
            selectinload(HelplineQuery.handler),
            selectinload(HelplineQuery.area),
        )
        .order_by(HelplineQuery.received_at, HelplineQuery.reference)
        .limit(QUERIES_PER_PAGE)
        .offset((page - 1) * QUERIES_PER_PAGE)
    )
    now = local_now()
    return [_listed(q, now) for q in found], total


def overdue_follow_ups() -> list[ListedQuery]:
    """Queries not closed whose follow-up date has passed, the longest overdue first (the
    helpline dashboard's rule, which also counts them)."""
    now = local_now()
    return [_listed(q, now) for q in dashboard.overdue_follow_ups(now.date())]


# Handling ----------------------------------------------------------------------------------


def assign(query: HelplineQuery, handler: User, actor: User) -> None:
    """Give the query to `handler`. Taking a new query yourself also starts it."""
    if query.state is QueryState.CLOSED:
        raise CannotChange("This query is closed")
    if not handler.enabled or not handler.has_any_role(Role.HELPLINE):
        raise CannotChange("Choose someone who works on the helpline")
    previous = query.handler_id
    query.handler = handler
    details = {"handler": handler.id, "previous_handler": previous}
    if handler.id == actor.id and query.state is QueryState.NEW:
        query.state = QueryState.IN_PROGRESS
        details["state"] = QueryState.IN_PROGRESS.value
    record("helpline_query.assigned", target=query, actor=actor, details=details)
    db.session.commit()


def move(query: HelplineQuery, to: QueryState, actor: User) -> None:
    """Move along new → in progress → answered → closed (or reopen an answered query).
    Answering goes through `answer`, which needs the answer itself."""
    if to is QueryState.ANSWERED:
        raise CannotChange("Write the answer to mark the query as answered")
    if to not in MOVES[query.state]:
        raise CannotChange(
            f"A query that is {STATE_LABELS[query.state].lower()} cannot become "
            f"{STATE_LABELS[to].lower()}"
        )
    before = query.state
    query.state = to
    if to is QueryState.CLOSED:
        query.closed_at = utc_now()
    if before is QueryState.ANSWERED and to is QueryState.IN_PROGRESS:
        query.answered_at = None
    record(
        "helpline_query.moved",
        target=query,
        actor=actor,
        details={"from": before.value, "to": to.value},
    )
    db.session.commit()


def close_without_answer(
    query: HelplineQuery,
    reason: str,
    detail: str | None,
    actor: User,
    confirmation: Confirmation | None = None,
) -> QueryNote:
    """Close a new or in-progress query that will get no answer. The model has no field for
    why, so the reason goes in a note (the helpline's own record, with any detail typed) and
    the audit row (the reason's code); its needs keep whatever outcome they have, or none."""
    if query.state not in CLOSABLE_WITHOUT_ANSWER:
        state = STATE_LABELS[query.state].lower()
        raise CannotChange(
            f"Only a new query or one in progress can close without an answer: this one is {state}"
        )
    if reason not in UNANSWERED_REASONS:
        raise ValueError(f"no such reason {reason!r}")
    before = query.state
    text = f"Closed without an answer: {UNANSWERED_REASONS[reason]}."
    if detail:
        text = f"{text} {detail}"
    now = utc_now()
    note = QueryNote(author=actor, text=text, written_at=now)
    query.notes.append(note)
    query.state = QueryState.CLOSED
    query.closed_at = now
    query.answered_at = None
    db.session.flush()
    record(
        "helpline_query.closed_without_answer",
        target=query,
        actor=actor,
        details={"from": before.value, "reason": reason, "note": note.id},
    )
    record_confirmation(confirmation, query, actor)
    db.session.commit()
    return note


def closed_without_answer(query: HelplineQuery) -> bool:
    return query.state is QueryState.CLOSED and query.answered_at is None


def answer_problems(query: HelplineQuery) -> list[str]:
    """Why the query cannot be answered yet; empty when it can."""
    problems = []
    if query.state is not QueryState.IN_PROGRESS:
        state = STATE_LABELS[query.state].lower()
        problems.append(f"Only a query in progress can be answered: this one is {state}")
    if not query.needs:
        problems.append("Add at least one need")
    for number, need in enumerate(query.needs, start=1):
        if need.outcome is None:
            name = vocabulary.need_label(need.need_term)
            problems.append(f"Need {number} ({name}) has no outcome yet: decide it first")
    return problems


def answer(
    query: HelplineQuery, text: str, actor: User, confirmation: Confirmation | None = None
) -> bool:
    """Record the answer and tell the asker it is there. Returns whether an email went out.

    The answer is committed before the email is sent: a mail server that is down must not
    lose the answer, which the asker sees in "My questions" either way."""
    problems = answer_problems(query)
    if problems:
        raise CannotChange(problems[0])
    query.answer = text
    query.state = QueryState.ANSWERED
    query.answered_at = utc_now()
    record(
        "helpline_query.moved",
        target=query,
        actor=actor,
        details={"from": QueryState.IN_PROGRESS.value, "to": QueryState.ANSWERED.value},
    )
    record_confirmation(confirmation, query, actor)
    db.session.commit()
    return notify_asker(query)


def notify_asker(query: HelplineQuery) -> bool:
    """Email the asker a link to their answer: a link only. The question, the answer and the
    services stay behind the sign-in, because email leaves the trust's systems."""
    asker = query.asked_by
    if asker is None or not asker.enabled or not mail.is_deliverable(asker.email):
        return False
    link = external_url("helpline.my_question", query_id=query.id)
    body = render_template("helpline/query_answered_email.txt", link=link)
    message = mail.new_message(
        asker.email, "Your question to the Community Knowledge Service has been answered", body
    )
    try:
        mail.send(message)
    except mail.MailError:
        log.exception("could not email the asker of helpline query %s", query.id)
        return False
    record("helpline_query.asker_emailed", target=query, details={"to": asker.id})
    db.session.commit()
    return True


def add_minutes(query: HelplineQuery, minutes: int, actor: User) -> None:
    query.minutes_spent = (query.minutes_spent or 0) + minutes
    record(
        "helpline_query.time_added",
        target=query,
        actor=actor,
        details={"minutes": minutes, "total": query.minutes_spent},
    )
    db.session.commit()


def add_note(
    query: HelplineQuery, text: str, actor: User, confirmation: Confirmation | None = None
) -> QueryNote:
    note = QueryNote(author=actor, text=text, written_at=utc_now())
    query.notes.append(note)
    db.session.flush()
    # The note's words stay in the note: the audit log names it only.
    record("helpline_query.note_added", target=query, actor=actor, details={"note": note.id})
    record_confirmation(confirmation, query, actor)
    db.session.commit()
    return note


def set_follow_up(query: HelplineQuery, on: date | None, actor: User) -> None:
    query.follow_up_on = on
    record(
        "helpline_query.follow_up_set",
        target=query,
        actor=actor,
        details={"follow_up_on": on.isoformat() if on else None},
    )
    db.session.commit()


# Needs and their outcomes ------------------------------------------------------------------


def check_open(query: HelplineQuery) -> None:
    if query.state in (QueryState.ANSWERED, QueryState.CLOSED):
        raise CannotChange(
            f"This query is {STATE_LABELS[query.state].lower()}: "
            "reopen it to change its needs or its answer"
        )


def add_need(
    query: HelplineQuery,
    term: TaxonomyTerm,
    description: str,
    actor: User,
    confirmation: Confirmation | None = None,
) -> QueryNeed:
    check_open(query)
    position = max((need.position for need in query.needs), default=0) + 1
    need = QueryNeed(position=position, need_term=term, description=description)
    query.needs.append(need)
    db.session.flush()
    record("helpline_query.need_added", target=query, actor=actor, details={"need": need.id})
    record_confirmation(confirmation, query, actor)
    db.session.commit()
    return need


def edit_need(
    need: QueryNeed,
    term: TaxonomyTerm,
    description: str,
    actor: User,
    confirmation: Confirmation | None = None,
) -> bool:
    """Change the need's words or its term. A decided need whose term changes is a different
    need: its outcome is cleared (leaving any unmet need, see unmet.release) to be decided
    again. New words for the same need keep the decision."""
    check_open(need.query)
    if need.need_term_id == term.id and need.description == description:
        return False
    details: dict = {"need": need.id}
    if need.need_term_id != term.id and need.outcome is not None:
        details["outcome_cleared"] = need.outcome.value
        _clear_outcome(need, actor)
    need.need_term = term
    need.description = description
    record("helpline_query.need_edited", target=need.query, actor=actor, details=details)
    record_confirmation(confirmation, need.query, actor)
    db.session.commit()
    return True


def _clear_outcome(need: QueryNeed, actor: User) -> None:
    unmet.release(need, actor)
    need.outcome = None
    need.service = None
    need.outcome_note = None
    need.decided_at = None


def _decide(
    need: QueryNeed,
    outcome: NeedOutcome,
    *,
    service: Service | None,
    note: str | None,
    actor: User,
    unmet_need: UnmetNeed | None = None,
) -> None:
    """Record the outcome, taking the need off an unmet need it no longer belongs to."""
    if need.unmet_need is not None and need.unmet_need is not unmet_need:
        unmet.release(need, actor)
    need.outcome = outcome
    need.service = service
    need.unmet_need = unmet_need
    need.outcome_note = note
    need.decided_at = utc_now()


def _record_decision(need: QueryNeed, actor: User) -> None:
    record(
        "helpline_query.need_decided",
        target=need.query,
        actor=actor,
        details={
            "need": need.id,
            "outcome": need.outcome.value if need.outcome else None,
            "service": need.service_id,
            "unmet_need": need.unmet_need_id,
        },
    )


def public_service(service_id: str) -> Service | None:
    """A published, public directory entry: the only kind a need is met by "an existing entry"."""
    return directory.get_public_service(service_id) if service_id else None


def meet_need(
    need: QueryNeed,
    outcome: NeedOutcome,
    service: Service | None,
    note: str | None,
    actor: User,
    confirmation: Confirmation | None = None,
) -> bool:
    """Met by an existing entry (a service is required) or partly met (a service optional).
    Returns False when it was already decided exactly so (the form sent twice)."""
    check_open(need.query)
    if outcome not in (NeedOutcome.MET_EXISTING, NeedOutcome.PARTLY_MET):
        raise ValueError(f"meet_need does not record {outcome}")
    if outcome is NeedOutcome.MET_EXISTING and service is None:
        raise CannotChange("Choose the directory entry that meets the need")
    service_id = service.id if service is not None else None
    if (need.outcome, need.service_id, need.outcome_note) == (outcome, service_id, note):
        return False
    _decide(need, outcome, service=service, note=note, actor=actor)
    _record_decision(need, actor)
    record_confirmation(confirmation, need.query, actor)
    db.session.commit()
    return True


def draft_service_for_need(
    need: QueryNeed,
    organisation: Organisation,
    name: str,
    actor: User,
    confirmation: Confirmation | None = None,
) -> tuple[Service, bool]:
    """ "Met by a new entry": a draft directory entry made through curation (so it has its
    versions and audit rows like any other), linked to the need. The officer finishes and
    publishes it; until then it is on no public page and in no search.

    Returns the entry and whether it is new: a need already met by a new entry keeps the one
    it has (the form sent twice must not leave a second draft in curation)."""
    check_open(need.query)
    if need.outcome is NeedOutcome.MET_NEW and need.service is not None:
        return need.service, False
    query = need.query
    changes = curation.ServiceChanges(
        fields=_draft_fields(need, organisation, name),
        term_codes=[need.need_term.code],
        area_codes=[query.area.code] if query.area else [],
    )
    service = curation.create_service(changes)
    _decide(need, NeedOutcome.MET_NEW, service=service, note=None, actor=actor)
    _record_decision(need, actor)
    record_confirmation(confirmation, need.query, actor)
    db.session.commit()
    return service, True


def _draft_fields(need: QueryNeed, organisation: Organisation, name: str) -> dict:
    fields: dict = dict.fromkeys(curation.EDITABLE)
    fields.update(
        name=name,
        organisation_id=organisation.id,
        summary="",
        description="",
        status=ServiceStatus.ACTIVE,
        self_referral=True,
        professional_referral=False,
        drop_in=False,
        review_interval_months=6,
        do_not_refer=False,
        # Staff-only: where the entry came from, for whoever finishes it.
        staff_notes=f"Drafted from helpline query {need.query.reference}.",
    )
    return fields


def search_for_need(need: QueryNeed, words: str, limit: int) -> list[Service]:
    """Public directory entries that might meet a need: the site's own search for the words
    typed or, before anything is typed, the need's domain in its district, ranked by the
    sub-term's name ("Befriending") when there is one. The entry already chosen comes first."""
    if words:
        services = _search(MultiDict({"q": words}), limit)
    else:
        filters = MultiDict({"need": need.need_term.top.code})
        district = unmet.district_of(need.query.area)
        if district is not None and district.kind is AreaKind.DISTRICT:
            filters["area"] = district.code
        services = []
        if need.need_term.parent is not None:
            services = _search(MultiDict({**filters, "q": need.need_term.name}), limit)
        services = services or _search(filters, limit)
    if need.service_id and need.service_id not in {s.id for s in services}:
        current = public_service(need.service_id)
        if current is not None:
            services.insert(0, current)
    return services


def _search(args: MultiDict, limit: int) -> list[Service]:
    params = directory.parse_search_params(args)
    return list(directory.search_directory(params, per_page=limit).services)


def unmet_label(unmet_need: UnmetNeed) -> str:
    place = unmet_need.area.name if unmet_need.area else "no area recorded"
    return (
        f"{vocabulary.need_label(unmet_need.need_term)}, {place}: {unmet_need.description} "
        f"(first seen {unmet_need.first_seen.day} {unmet_need.first_seen:%B %Y})"
    )


def similar_unmet_needs(need: QueryNeed) -> list[UnmetNeed]:
    """Open unmet needs this one could join rather than starting another."""
    return unmet.similar_open(need.need_term, need.query.area)


def mark_unmet(
    need: QueryNeed,
    reason: UnmetReason,
    description: str,
    join: UnmetNeed | None,
    actor: User,
    confirmation: Confirmation | None = None,
) -> tuple[UnmetNeed, bool]:
    """Unmet: recorded in the unmet-needs register, as a new unmet need or joining a similar
    open one, with the query's area and population group. Returns the unmet need and whether
    anything changed: the same decision twice leaves the need where it is."""
    check_open(need.query)
    query = need.query
    before = (need.outcome, need.unmet_need_id)
    unmet_need = unmet.record_unmet(
        need,
        reason=reason,
        description=description,
        area=query.area,
        age_band=query.age_band,
        specialty=query.caller_specialty,
        join=join,
        actor=actor,
    )
    if before == (NeedOutcome.UNMET, unmet_need.id):
        return unmet_need, False
    _decide(need, NeedOutcome.UNMET, service=None, note=None, actor=actor, unmet_need=unmet_need)
    _record_decision(need, actor)
    record_confirmation(confirmation, need.query, actor)
    db.session.commit()
    return unmet_need, True


def joinable_unmet_need(need: QueryNeed, unmet_need_id: str) -> UnmetNeed | None:
    """The unmet need chosen to join, only if it is one of those offered."""
    return next((u for u in similar_unmet_needs(need) if u.id == unmet_need_id), None)


# What the asker sees -----------------------------------------------------------------------


@dataclass(frozen=True)
class Answer:
    services: list[Service]  # public entries suggested, in need order
    preparing: int  # new entries not yet published


def suggestions(query: HelplineQuery) -> Answer:
    """The directory entries the needs were met (or partly met) by that anyone can open now;
    a draft made for this query is counted, not shown, until it is published."""
    ids: list[str] = []
    for need in query.needs:
        if need.outcome in MET_OUTCOMES and need.service_id and need.service_id not in ids:
            ids.append(need.service_id)
    public = directory.public_services_in_order(ids)
    public_ids = {s.id for s in public}
    preparing = sum(
        1
        for need in query.needs
        if need.outcome is NeedOutcome.MET_NEW and need.service_id not in public_ids
    )
    return Answer(public, preparing)


def linked_entry_state(query: HelplineQuery) -> str:
    """Where the answer can go: "ready" (the linked entry is open and its person is chosen in
    this session), "locked" (the person's number must be typed first), "closed" (the entry has
    been closed since) or "none" (the question was not linked to an entry)."""
    if query.other_needs_entry is None:
        return "none"
    if query.other_needs_entry.status is not EntryStatus.OPEN:
        return "closed"
    return "ready" if may_view_entry(query.other_needs_entry) else "locked"


def add_answer_to_entry(query: HelplineQuery, user: User) -> int:
    """Offer every suggested service in the linked other-needs entry, in one step. How many
    were new to the entry (one already offered there is left as it is)."""
    entry = linkable_entry(query.other_needs_entry_id)
    answered = query.state is QueryState.ANSWERED or (
        query.state is QueryState.CLOSED and not closed_without_answer(query)
    )
    if entry is None or not answered:
        raise CannotChange("There is no open other-needs entry to add these services to")
    return careplan.offer_services(entry, suggestions(query).services, actor=user)
