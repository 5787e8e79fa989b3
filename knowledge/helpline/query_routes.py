"""Helpline queries: staff ask and read their answers; helpline workers log, handle and answer.

Asking and "My questions" are for staff and helpline workers (a worker may be stuck too);
the queue and everything on a query's page are for the helpline. A question is shown only to
the person who asked it: anyone else gets 404, as if it did not exist.
"""

from flask import abort, flash, redirect, render_template, request, url_for
from flask_login import current_user
from markupsafe import Markup
from wtforms.fields.choices import SelectChoice

from knowledge.access import roles_required
from knowledge.connectors import services as connector_services
from knowledge.directory import vocabulary
from knowledge.helpline import bp, queries
from knowledge.helpline.queries import CannotChange
from knowledge.helpline.query_forms import (
    AnswerForm,
    AskForm,
    AssignForm,
    CloseWithoutAnswerForm,
    DraftEntryForm,
    FollowUpForm,
    LogQueryForm,
    MetForm,
    MinutesForm,
    NeedForm,
    NoteForm,
    UnmetForm,
)
from knowledge.models import (
    AgeBand,
    HelplineQuery,
    NeedOutcome,
    PublicationState,
    QueryChannel,
    QueryNeed,
    QueryState,
    QueryUrgency,
    Role,
    Specialty,
    UnmetReason,
)

ASKERS = (Role.STAFF, Role.HELPLINE)
HELPLINE = (Role.HELPLINE,)
SEARCH_RESULTS = 10


# Choices -----------------------------------------------------------------------------------


def _need_choices() -> list[SelectChoice]:
    return [SelectChoice("", "Choose the need")] + [
        SelectChoice(t.id, vocabulary.need_label(t)) for t in vocabulary.need_terms()
    ]


def _fill_query_choices(form: AskForm) -> None:
    form.need_term.choices = _need_choices()
    form.area.choices = [SelectChoice("", "Choose where")] + [
        SelectChoice(a.id, vocabulary.place_choice(a)) for a in vocabulary.places()
    ]


def _new_query(form: AskForm, channel: QueryChannel, asked_by, entry) -> queries.NewQuery:
    return queries.NewQuery(
        channel=channel,
        need_term=queries.get_term(form.need_term.data),
        question=form.question.data.strip(),
        area=queries.get_area(form.area.data),
        age_band=AgeBand(form.age_band.data) if form.age_band.data else None,
        urgency=QueryUrgency(form.urgency.data),
        caller_team=form.caller_team.data.strip(),
        caller_specialty=Specialty(form.caller_specialty.data),
        asked_by=asked_by,
        entry=entry,
        confirmation=form.confirmation,
    )


# Asking ------------------------------------------------------------------------------------


def _prefill_from_entry(form: AskForm, entry) -> None:
    """Asked from an other-needs entry: what the entry already says need not be typed again."""
    form.need_term.data = entry.need_term_id
    form.area.data = entry.area_id or ""
    form.age_band.data = entry.age_band.value if entry.age_band else ""
    form.caller_team.data = entry.team or form.caller_team.data
    form.caller_specialty.data = entry.specialty.value
    queries.record_entry_shown(entry)


@bp.route("/ask", methods=["GET", "POST"])
@roles_required(*ASKERS)
def ask():
    form = AskForm()
    _fill_query_choices(form)
    entry_id = form.entry.data if request.method == "POST" else request.args.get("entry", "")
    entry = queries.linkable_entry(entry_id)
    if request.method == "GET":
        form.entry.data = entry.id if entry else ""
        team, specialty = queries.remembered_caller()
        form.caller_team.data, form.caller_specialty.data = team, specialty
        if entry is not None:
            _prefill_from_entry(form, entry)
    if form.validate_on_submit():
        if entry_id and entry is None:
            # The id came back from the browser: it may have been changed, or the entry closed.
            form.entry.data = ""
            flash("That other-needs entry cannot be linked. Send the question without it.")
        else:
            query = queries.open_query(
                _new_query(form, QueryChannel.APP, current_user, entry), current_user
            )
            queries.remember_caller(query.caller_team, query.caller_specialty)
            flash(f"Sent to the helpline. Your reference is {query.reference}.")
            return redirect(url_for("helpline.my_question", query_id=query.id))
    return render_template("helpline/ask.html", form=form, entry=entry)


@bp.get("/my-questions")
@roles_required(*ASKERS)
def my_questions():
    page = max(1, request.args.get("page", 1, type=int))
    found, total = queries.my_questions(current_user, page)
    return render_template(
        "helpline/my_questions.html",
        questions=found,
        total=total,
        page=page,
        pages=max(1, -(-total // queries.MY_QUESTIONS_PER_PAGE)),
    )


def _my_question(query_id: str) -> HelplineQuery:
    query = queries.asked_by(query_id, current_user)
    if query is None:
        abort(404)
    return query


@bp.get("/my-questions/<query_id>")
@roles_required(*ASKERS)
def my_question(query_id: str):
    query = _my_question(query_id)
    entry_id = query.other_needs_entry_id
    return render_template(
        "helpline/my_questions_detail.html",
        query=query,
        answered=query.state in (QueryState.ANSWERED, QueryState.CLOSED)
        and not queries.closed_without_answer(query),
        closed_without_answer=queries.closed_without_answer(query),
        answer=queries.suggestions(query),
        entry_state=queries.linked_entry_state(query),
        entry_url=url_for("careplan.entry", entry_id=entry_id) if entry_id else None,
        find_person_url=url_for("careplan.find_person", entry=entry_id)
        if entry_id
        else url_for("careplan.find_person"),
    )


@bp.post("/my-questions/<query_id>/add-to-entry")
@roles_required(*ASKERS)
def add_answer_to_entry(query_id: str):
    query = _my_question(query_id)
    try:
        added = queries.add_answer_to_entry(query, current_user)
    except CannotChange as problem:
        flash(str(problem))
    else:
        if added:
            noun = "service" if added == 1 else "services"
            flash(f"Added {added} {noun} to the other-needs entry.")
        else:
            flash("The other-needs entry already had these services.")
    return redirect(url_for("helpline.my_question", query_id=query.id))


# The helpline's queue ------------------------------------------------------------------------


@bp.get("/queries")
@roles_required(*HELPLINE)
def queue():
    state = request.args.get("state", "open")
    if state not in queries.QUEUE_FILTERS:
        state = "open"
    mine = request.args.get("mine") == "1"
    page = max(1, request.args.get("page", 1, type=int))
    _, states = queries.QUEUE_FILTERS[state]
    found, total = queries.queue(states, current_user if mine else None, page)
    return render_template(
        "helpline/query_queue.html",
        listed=found,
        total=total,
        state=state,
        mine=mine,
        page=page,
        pages=max(1, -(-total // queries.QUERIES_PER_PAGE)),
        filters=queries.QUEUE_FILTERS,
        overdue=len(queries.overdue_follow_ups()),
    )


@bp.get("/queries/overdue")
@roles_required(*HELPLINE)
def overdue_follow_ups():
    return render_template("helpline/query_overdue.html", listed=queries.overdue_follow_ups())


@bp.route("/queries/new", methods=["GET", "POST"])
@roles_required(*HELPLINE)
def new_query():
    """Log a phone call or an email. ?question= fills in the words (from "research this" on
    the dashboard's searches that found nothing)."""
    form = LogQueryForm()
    _fill_query_choices(form)
    if request.method == "GET":
        form.question.data = request.args.get("question", "")[:500]
    if form.validate_on_submit():
        caller = None
        if form.caller_email.data:
            caller = queries.staff_account(form.caller_email.data)
            if caller is None:
                form.caller_email.errors.append(
                    "No staff account has that email address: leave it empty, or check it"
                )
        if not form.caller_email.errors:
            query = queries.open_query(
                _new_query(form, QueryChannel(form.channel.data), caller, None), current_user
            )
            flash(f"Logged as {query.reference}. It is yours to handle.")
            return redirect(url_for("helpline.query", query_id=query.id))
    return render_template("helpline/query_new.html", form=form)


# One query ---------------------------------------------------------------------------------


def _query(query_id: str) -> HelplineQuery:
    query = queries.get_query(query_id)
    if query is None:
        abort(404)
    return query


def _query_page(query: HelplineQuery, **forms):
    """The query's page, with any form that failed validation shown with its errors."""
    assign = forms.get("assign_form") or AssignForm(prefix="assign", formdata=None)
    assign.handler_id.choices = [SelectChoice("", "Choose someone")] + [
        SelectChoice(u.id, u.display_name) for u in queries.helpline_users()
    ]
    follow_up = forms.get("follow_up_form") or FollowUpForm(
        prefix="follow_up", formdata=None, data={"follow_up_on": query.follow_up_on}
    )
    answer_form = forms.get("answer_form") or AnswerForm(
        prefix="answer", formdata=None, data={"answer": query.answer or ""}
    )
    return render_template(
        "helpline/query.html",
        query=query,
        channel_label=queries.CHANNEL_LABELS[query.channel],
        moves=[s for s in queries.MOVES[query.state] if s is not QueryState.ANSWERED],
        answer_problems=queries.answer_problems(query),
        can_answer=QueryState.ANSWERED in queries.MOVES[query.state],
        needs_open=query.state in (QueryState.NEW, QueryState.IN_PROGRESS),
        follow_up_overdue=queries.follow_up_overdue(query),
        assign_form=assign,
        answer_form=answer_form,
        note_form=forms.get("note_form") or NoteForm(prefix="note", formdata=None),
        minutes_form=forms.get("minutes_form") or MinutesForm(prefix="minutes", formdata=None),
        follow_up_form=follow_up,
        close_form=forms.get("close_form") or CloseWithoutAnswerForm(prefix="close", formdata=None),
        can_close_without_answer=query.state in queries.CLOSABLE_WITHOUT_ANSWER,
        closed_without_answer=queries.closed_without_answer(query),
        connector_choices=connector_services.for_query(query),
    )


@bp.post("/queries/<query_id>/connectors")
@roles_required(*HELPLINE)
def add_connector(query_id: str):
    """Add someone who can help the person get to support to the answer."""
    query = _query(query_id)
    role = connector_services.get_role(request.form.get("role_id", ""))
    if role is None or role.publication is not PublicationState.PUBLISHED:
        return _done(query, "Choose a published connector role.")
    try:
        added = connector_services.link_to_query(query, role)
    except CannotChange as problem:
        return _done(query, str(problem))
    return _done(query, f"{role.title}: {'added to' if added else 'already in'} the answer.")


@bp.post("/queries/<query_id>/connectors/<role_id>/remove")
@roles_required(*HELPLINE)
def remove_connector(query_id: str, role_id: str):
    query = _query(query_id)
    role = connector_services.get_role(role_id)
    if role is None:
        abort(404)
    try:
        connector_services.unlink_from_query(query, role)
    except CannotChange as problem:
        return _done(query, str(problem))
    return _done(query, f"{role.title}: taken out of the answer.")


def _done(query: HelplineQuery, message: str):
    flash(message)
    return redirect(url_for("helpline.query", query_id=query.id))


@bp.get("/queries/<query_id>")
@roles_required(*HELPLINE)
def query(query_id: str):
    return _query_page(_query(query_id))


@bp.post("/queries/<query_id>/assign")
@roles_required(*HELPLINE)
def assign_query(query_id: str):
    query = _query(query_id)
    form = AssignForm(prefix="assign")
    form.handler_id.choices = [SelectChoice(u.id, u.display_name) for u in queries.helpline_users()]
    if not form.validate_on_submit():
        return _query_page(query, assign_form=form)
    handler = next(u for u in queries.helpline_users() if u.id == form.handler_id.data)
    try:
        queries.assign(query, handler, current_user)
    except CannotChange as problem:
        return _done(query, str(problem))
    if handler.id == current_user.id:
        return _done(query, "It is yours now.")
    return _done(query, f"Assigned to {handler.display_name}.")


@bp.post("/queries/<query_id>/state")
@roles_required(*HELPLINE)
def move_query(query_id: str):
    query = _query(query_id)
    try:
        to = QueryState(request.form.get("to", ""))
    except ValueError:
        abort(400)
    try:
        queries.move(query, to, current_user)
    except CannotChange as problem:
        return _done(query, str(problem))
    return _done(query, f"Moved to “{queries.STATE_LABELS[to].lower()}”.")


@bp.post("/queries/<query_id>/answer")
@roles_required(*HELPLINE)
def answer_query(query_id: str):
    query = _query(query_id)
    form = AnswerForm(prefix="answer")
    if not form.validate_on_submit():
        return _query_page(query, answer_form=form)
    problems = queries.answer_problems(query)
    if problems:
        form.answer.errors.extend(problems)
        return _query_page(query, answer_form=form)
    emailed = queries.answer(query, form.answer.data.strip(), current_user, form.confirmation)
    if query.asked_by is None:
        return _done(
            query, "Answered. They asked by phone or email: tell them the answer that way."
        )
    if emailed:
        return _done(query, "Answered. We have emailed them a link to the answer.")
    return _done(query, "Answered. They will see it in “My questions” (no email was sent).")


@bp.post("/queries/<query_id>/close-without-answer")
@roles_required(*HELPLINE)
def close_without_answer(query_id: str):
    query = _query(query_id)
    if query.state not in queries.CLOSABLE_WITHOUT_ANSWER:
        # A page opened before someone else answered or closed it: say so, change nothing.
        state = queries.STATE_LABELS[query.state].lower()
        return _done(
            query,
            f"Nothing changed: only a new query or one in progress can close without an "
            f"answer, and this one is {state}.",
        )
    form = CloseWithoutAnswerForm(prefix="close")
    if not form.validate_on_submit():
        return _query_page(query, close_form=form)
    try:
        queries.close_without_answer(
            query,
            form.reason.data,
            (form.detail.data or "").strip() or None,
            current_user,
            form.confirmation,
        )
    except CannotChange as problem:
        return _done(query, str(problem))
    return _done(query, "Closed without an answer. The reason is in the notes.")


@bp.post("/queries/<query_id>/minutes")
@roles_required(*HELPLINE)
def add_minutes(query_id: str):
    query = _query(query_id)
    form = MinutesForm(prefix="minutes")
    if not form.validate_on_submit():
        return _query_page(query, minutes_form=form)
    queries.add_minutes(query, form.minutes.data, current_user)
    return _done(query, f"Added {form.minutes.data} minutes.")


@bp.post("/queries/<query_id>/notes")
@roles_required(*HELPLINE)
def add_note(query_id: str):
    query = _query(query_id)
    form = NoteForm(prefix="note")
    if not form.validate_on_submit():
        return _query_page(query, note_form=form)
    queries.add_note(query, form.text.data.strip(), current_user, form.confirmation)
    return _done(query, "Note added.")


@bp.post("/queries/<query_id>/follow-up")
@roles_required(*HELPLINE)
def set_follow_up(query_id: str):
    query = _query(query_id)
    form = FollowUpForm(prefix="follow_up")
    if not form.validate_on_submit():
        return _query_page(query, follow_up_form=form)
    queries.set_follow_up(query, form.follow_up_on.data, current_user)
    if form.follow_up_on.data is None:
        return _done(query, "No follow-up date now.")
    return _done(query, "Follow-up date saved.")


# Needs -------------------------------------------------------------------------------------


def _need(query: HelplineQuery, need_id: str) -> QueryNeed:
    need = queries.get_need(query, need_id)
    if need is None:
        abort(404)
    return need


@bp.route("/queries/<query_id>/needs/new", methods=["GET", "POST"])
@roles_required(*HELPLINE)
def new_need(query_id: str):
    query = _query(query_id)
    form = NeedForm()
    form.need_term.choices = _need_choices()
    if form.validate_on_submit():
        try:
            queries.add_need(
                query,
                queries.get_term(form.need_term.data),
                form.description.data.strip(),
                current_user,
                form.confirmation,
            )
        except CannotChange as problem:
            return _done(query, str(problem))
        return _done(query, "Need added.")
    return render_template("helpline/query_need_form.html", form=form, query=query, need=None)


@bp.route("/queries/<query_id>/needs/<need_id>/edit", methods=["GET", "POST"])
@roles_required(*HELPLINE)
def edit_need(query_id: str, need_id: str):
    query = _query(query_id)
    need = _need(query, need_id)
    form = NeedForm()
    form.need_term.choices = _need_choices()
    if request.method == "GET":
        form.need_term.data, form.description.data = need.need_term_id, need.description
    if form.validate_on_submit():
        decided = need.outcome is not None
        try:
            changed = queries.edit_need(
                need,
                queries.get_term(form.need_term.data),
                form.description.data.strip(),
                current_user,
                form.confirmation,
            )
        except CannotChange as problem:
            return _done(query, str(problem))
        if not changed:
            return _done(query, "Nothing had changed.")
        if decided and need.outcome is None:
            return _done(query, "Need saved. It is a different need now: decide its outcome again.")
        return _done(query, "Need saved.")
    return render_template("helpline/query_need_form.html", form=form, query=query, need=need)


def _need_page(query: HelplineQuery, need: QueryNeed, **forms):
    """Deciding a need: search the directory for an entry that meets it, start a new entry,
    or hand it to the unmet-needs register. Works without JavaScript: the search is a GET form,
    each outcome a POST form of its own."""
    words = request.args.get("q", "").strip()
    found = queries.search_for_need(need, words, SEARCH_RESULTS)
    # A working name from the need's sub-term: the need's own words describe a person's
    # situation, and a directory entry's name is public once published.
    draft = forms.get("draft_form") or DraftEntryForm(
        prefix="draft", formdata=None, data={"name": need.need_term.name}
    )
    draft.organisation_id.choices = [SelectChoice("", "Choose an organisation")] + [
        SelectChoice(o.id, o.name) for o in queries.organisations()
    ]
    # An unmet need is shown in the unmet need it is already in, so sending the form again
    # keeps it there.
    unmet_form = forms.get("unmet_form") or UnmetForm(
        prefix="unmet",
        formdata=None,
        data={"description": need.description, "join": need.unmet_need_id or ""},
    )
    similar = queries.similar_unmet_needs(need)
    unmet_form.join.choices = [SelectChoice("", "No: record a new unmet need")] + [
        SelectChoice(u.id, queries.unmet_label(u)) for u in similar
    ]
    met_form = forms.get("met_form") or MetForm(
        prefix="met",
        formdata=None,
        data={
            "outcome": need.outcome.value
            if need.outcome in (NeedOutcome.MET_EXISTING, NeedOutcome.PARTLY_MET)
            else NeedOutcome.MET_EXISTING.value,
            "note": need.outcome_note or "",
        },
    )
    return render_template(
        "helpline/query_need.html",
        query=query,
        need=need,
        number=query.needs.index(need) + 1,
        words=words,
        service_items=[
            _service_item(s, met_form.service_id.data or need.service_id) for s in found
        ],
        met_form=met_form,
        draft_form=draft,
        unmet_form=unmet_form,
        similar=similar,
        needs_open=query.state in (QueryState.NEW, QueryState.IN_PROGRESS),
    )


def _service_item(service, chosen_id: str | None) -> dict:
    """A directory entry as an NHS.UK radio, with a link to check its public page."""
    link = url_for("directory.service", service_id=service.id)
    hint = Markup('{} · <a href="{}">see the entry</a>').format(service.organisation.name, link)
    return {
        "value": service.id,
        "text": service.name,
        "hint": {"html": hint},
        "checked": service.id == chosen_id,
    }


@bp.get("/queries/<query_id>/needs/<need_id>")
@roles_required(*HELPLINE)
def need(query_id: str, need_id: str):
    query = _query(query_id)
    return _need_page(query, _need(query, need_id))


@bp.post("/queries/<query_id>/needs/<need_id>/met")
@roles_required(*HELPLINE)
def need_met(query_id: str, need_id: str):
    query = _query(query_id)
    need = _need(query, need_id)
    form = MetForm(prefix="met")
    if not form.validate_on_submit():
        return _need_page(query, need, met_form=form)
    # Read only once validated: the radio's value comes from the browser.
    outcome = NeedOutcome(form.outcome.data)
    service = queries.public_service(form.service_id.data or "")
    if outcome is NeedOutcome.MET_EXISTING and service is None:
        form.service_id.errors.append("Choose the directory entry that meets the need")
        return _need_page(query, need, met_form=form)
    try:
        changed = queries.meet_need(
            need,
            outcome,
            service,
            (form.note.data or "").strip() or None,
            current_user,
            form.confirmation,
        )
    except CannotChange as problem:
        return _done(query, str(problem))
    number = query.needs.index(need) + 1
    if not changed:
        return _done(query, f"Need {number} was already {outcome.label.lower()}: nothing changed.")
    return _done(query, f"Need {number}: {outcome.label.lower()}.")


@bp.post("/queries/<query_id>/needs/<need_id>/new-entry")
@roles_required(*HELPLINE)
def need_draft_entry(query_id: str, need_id: str):
    query = _query(query_id)
    need = _need(query, need_id)
    form = DraftEntryForm(prefix="draft")
    form.organisation_id.choices = [SelectChoice(o.id, o.name) for o in queries.organisations()]
    if not form.validate_on_submit():
        return _need_page(query, need, draft_form=form)
    organisation = next(o for o in queries.organisations() if o.id == form.organisation_id.data)
    try:
        service, made = queries.draft_service_for_need(
            need, organisation, form.name.data.strip(), current_user, form.confirmation
        )
    except CannotChange as problem:
        return _done(query, str(problem))
    number = query.needs.index(need) + 1
    if made:
        flash(
            f"Draft entry made for need {number} of {query.reference}. Finish it, then publish "
            "it: the person who asked sees it once it is published."
        )
    else:
        flash(f"Need {number} of {query.reference} already has this draft entry: finish it here.")
    return redirect(url_for("curation.edit_service", service_id=service.id))


@bp.post("/queries/<query_id>/needs/<need_id>/unmet")
@roles_required(*HELPLINE)
def need_unmet(query_id: str, need_id: str):
    query = _query(query_id)
    need = _need(query, need_id)
    form = UnmetForm(prefix="unmet")
    form.join.choices = [SelectChoice("", "No: record a new unmet need")] + [
        SelectChoice(u.id, queries.unmet_label(u)) for u in queries.similar_unmet_needs(need)
    ]
    if not form.validate_on_submit():
        return _need_page(query, need, unmet_form=form)
    join = queries.joinable_unmet_need(need, form.join.data) if form.join.data else None
    try:
        _, changed = queries.mark_unmet(
            need,
            UnmetReason(form.reason.data),
            form.description.data.strip(),
            join,
            current_user,
            form.confirmation,
        )
    except CannotChange as problem:
        return _done(query, str(problem))
    number = query.needs.index(need) + 1
    if not changed:
        return _done(query, f"Need {number} was already in that unmet need: nothing changed.")
    how = "joined an existing unmet need" if join else "recorded as a new unmet need"
    return _done(query, f"Need {number}: unmet, {how}.")
