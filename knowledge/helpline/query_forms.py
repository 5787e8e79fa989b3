"""Forms for helpline queries. Choices that come from the database are filled in by the views.

Every free-text field is checked for personal details (knowledge/personal_details.py): the
question, each need, notes, the answer and a draft entry's name must not identify anyone.
"""

from flask_wtf import FlaskForm
from wtforms import (
    DateField,
    HiddenField,
    IntegerField,
    RadioField,
    SelectField,
    StringField,
    TextAreaField,
)
from wtforms.fields.choices import SelectChoice
from wtforms.validators import (
    DataRequired,
    Length,
    NumberRange,
    Optional,
    StopValidation,
    ValidationError,
)

from knowledge.models import (
    AgeBand,
    NeedOutcome,
    QueryChannel,
    QueryUrgency,
    Specialty,
    UnmetReason,
)
from knowledge.personal_details import ChecksPersonalDetails

NEED_LIMIT = 500
NOTE_LIMIT = 2000
ANSWER_LIMIT = 5000
NO_IDENTIFIERS = "No names, numbers or clinical detail."


def _need_term_field() -> SelectField:
    return SelectField(
        "Need",
        choices=[],
        validate_choice=True,
        description="The closest sub-term, or the need domain if none fits.",
        validators=[DataRequired("Choose the need")],
    )


def _enum_choices(enum_type, blank: str | None = None) -> list[SelectChoice]:
    blanks = [SelectChoice("", blank)] if blank else []
    return blanks + [SelectChoice(m.value, m.label) for m in enum_type]


class MinutesField(IntegerField):
    """Whole minutes; text that is not a number gets one plain message."""

    def process_formdata(self, valuelist) -> None:
        if not valuelist or not valuelist[0].strip():
            self.data = None
            return
        try:
            super().process_formdata(valuelist)
        except ValueError:
            self.data = None
            raise ValueError("Enter the minutes as a whole number, like 15") from None

    def pre_validate(self, form) -> None:
        if self.process_errors:
            raise StopValidation()


class AskForm(ChecksPersonalDetails, FlaskForm):
    """Staff ask the helpline: "I can't find …"."""

    checked_fields = ("question", "caller_team")

    need_term = _need_term_field()
    question = TextAreaField(
        "What do you need to find?",
        description="A sentence or two, for example: a befriending group for an older man who "
        "speaks Gujarati. " + NO_IDENTIFIERS,
        validators=[
            DataRequired("Describe what you need to find"),
            Length(max=NEED_LIMIT, message=f"Keep it to {NEED_LIMIT} characters or fewer"),
        ],
    )
    area = SelectField(
        "Where",
        choices=[],
        validate_choice=True,
        description="The neighbourhood, or the district if you do not know it.",
        validators=[DataRequired("Choose where the help is needed")],
    )
    age_band = SelectField(
        "Age group", choices=_enum_choices(AgeBand, "Any age, or not about one person")
    )
    urgency = RadioField(
        "How soon do you need an answer?",
        choices=_enum_choices(QueryUrgency),
        default=QueryUrgency.ROUTINE.value,
        invalid_choice_message="Choose how soon you need an answer",
    )
    caller_team = StringField(
        "Team",
        description="For example: Charnwood community mental health team.",
        validators=[
            DataRequired("Enter the team"),
            Length(max=120, message="Keep the team to 120 characters or fewer"),
        ],
    )
    caller_specialty = RadioField(
        "Specialty",
        choices=_enum_choices(Specialty),
        invalid_choice_message="Choose the specialty",
    )
    # The other-needs entry the question came from; checked again by the view on every POST.
    entry = HiddenField()


class LogQueryForm(AskForm):
    """A helpline worker logs a call or an email: the same questions, about the caller."""

    channel = RadioField(
        "How did it come in?",
        choices=[
            SelectChoice(QueryChannel.PHONE.value, "Phone call"),
            SelectChoice(QueryChannel.EMAIL.value, "Email"),
        ],
        default=QueryChannel.PHONE.value,
        invalid_choice_message="Choose phone call or email",
    )
    caller_email = StringField(
        "Caller's work email (optional)",
        description="If they have an account here, the query and its answer show in their "
        "“My questions”.",
        validators=[Optional(), Length(max=254, message="Keep it to 254 characters or fewer")],
    )


class NeedForm(ChecksPersonalDetails, FlaskForm):
    checked_fields = ("description",)

    need_term = _need_term_field()
    description = TextAreaField(
        "What is needed",
        description=NO_IDENTIFIERS,
        validators=[
            DataRequired("Describe what is needed"),
            Length(max=NEED_LIMIT, message=f"Keep it to {NEED_LIMIT} characters or fewer"),
        ],
    )


class MetForm(ChecksPersonalDetails, FlaskForm):
    """Met by an existing entry, or partly met: a public directory entry chosen from a search."""

    checked_fields = ("note",)

    outcome = RadioField(
        "Outcome",
        choices=[
            SelectChoice(NeedOutcome.MET_EXISTING.value, NeedOutcome.MET_EXISTING.label),
            SelectChoice(NeedOutcome.PARTLY_MET.value, NeedOutcome.PARTLY_MET.label),
        ],
        default=NeedOutcome.MET_EXISTING.value,
        invalid_choice_message="Choose met or partly met",
    )
    # Radios written out with the search results; checked by the view (public entries only).
    service_id = HiddenField()
    note = TextAreaField(
        "Note (optional)",
        description="For partly met: what the entry does not cover. " + NO_IDENTIFIERS,
        validators=[
            Optional(),
            Length(max=NEED_LIMIT, message=f"Keep the note to {NEED_LIMIT} characters or fewer"),
        ],
    )


class DraftEntryForm(ChecksPersonalDetails, FlaskForm):
    """ "Met by a new entry": the start of a draft directory entry, finished in curation."""

    checked_fields = ("name",)

    name = StringField(
        "Name of the new entry",
        description="A working name is fine: you finish the entry on the next page.",
        validators=[
            DataRequired("Enter a name for the new entry"),
            Length(max=200, message="Keep the name to 200 characters or fewer"),
        ],
    )
    organisation_id = SelectField(
        "Organisation that runs it",
        choices=[],
        validate_choice=True,
        validators=[DataRequired("Choose the organisation that runs it")],
    )


class UnmetForm(ChecksPersonalDetails, FlaskForm):
    """Unmet: handed to the unmet-needs register, as a new unmet need or joining one."""

    checked_fields = ("description",)

    reason = SelectField(
        "Why it is unmet",
        choices=[SelectChoice("", "Choose a reason")]
        + [SelectChoice(r.value, r.label) for r in UnmetReason],
        validators=[DataRequired("Choose why the need is unmet")],
    )
    description = TextAreaField(
        "The gap, in a sentence",
        description="For example: evening befriending for older men in Melton. " + NO_IDENTIFIERS,
        validators=[
            DataRequired("Describe the gap"),
            Length(max=NEED_LIMIT, message=f"Keep it to {NEED_LIMIT} characters or fewer"),
        ],
    )
    join = RadioField(
        "Is it one of these?",
        choices=[],
        default="",
        invalid_choice_message="Choose one of the unmet needs listed, or record a new one",
    )


class CloseWithoutAnswerForm(ChecksPersonalDetails, FlaskForm):
    """A query that will get no answer: why, and for "other", what happened."""

    checked_fields = ("detail",)

    reason = RadioField(
        "Why is it closing without an answer?",
        choices=[
            SelectChoice("duplicate", "A duplicate of another query"),
            SelectChoice("withdrawn", "Withdrawn: the person who asked no longer needs it"),
            SelectChoice("answered-elsewhere", "Answered some other way"),
            SelectChoice("other", "Other"),
        ],
        validators=[DataRequired("Choose why it is closing without an answer")],
        invalid_choice_message="Choose why it is closing without an answer",
    )
    detail = TextAreaField(
        "More detail (needed for other)",
        description="Kept as a note for the helpline. " + NO_IDENTIFIERS,
        # Not Optional(): it would stop the check below from running on an empty box.
        validators=[Length(max=NOTE_LIMIT, message=f"Keep it to {NOTE_LIMIT} characters or fewer")],
    )

    def validate_detail(self, field) -> None:
        if self.reason.data == "other" and not (field.data or "").strip():
            raise ValidationError("Say why it is closing without an answer")


class AssignForm(FlaskForm):
    handler_id = SelectField(
        "Assign to",
        choices=[],
        invalid_choice_message="Choose someone who works on the helpline",
        validators=[DataRequired("Choose who will handle it")],
    )


class AnswerForm(ChecksPersonalDetails, FlaskForm):
    checked_fields = ("answer",)

    answer = TextAreaField(
        "Answer for the person who asked",
        description="They see it in “My questions” with links to the services. " + NO_IDENTIFIERS,
        validators=[
            DataRequired("Write the answer"),
            Length(
                max=ANSWER_LIMIT, message=f"Keep the answer to {ANSWER_LIMIT} characters or fewer"
            ),
        ],
    )


class NoteForm(ChecksPersonalDetails, FlaskForm):
    checked_fields = ("text",)

    text = TextAreaField(
        "Note",
        description="For the helpline only. " + NO_IDENTIFIERS,
        validators=[
            DataRequired("Write the note"),
            Length(max=NOTE_LIMIT, message=f"Keep the note to {NOTE_LIMIT} characters or fewer"),
        ],
    )


class MinutesForm(FlaskForm):
    minutes = MinutesField(
        "Minutes spent",
        validators=[
            DataRequired("Enter the minutes spent"),
            NumberRange(1, 600, "Enter from 1 to 600 minutes"),
        ],
    )


class FollowUpForm(FlaskForm):
    follow_up_on = DateField(
        "Follow up on",
        format="%Y-%m-%d",
        validators=[Optional()],
        description="Leave it empty for no follow-up.",
    )

    def validate_follow_up_on(self, field) -> None:
        if field.data is None and field.raw_data and field.raw_data[0].strip():
            field.errors[:] = []
            raise StopValidation("Enter a real date, for example 2 December 2026")
