"""Forms for finding a person's other-needs entries and recording them.

The number a member of staff types is read once, turned into a pseudonym and dropped: it is
never stored, logged or sent back, except into the field it was typed in when it has a mistake.
"""

from datetime import date

from flask_wtf import FlaskForm
from wtforms import (
    DateField,
    HiddenField,
    RadioField,
    SelectField,
    SelectMultipleField,
    StringField,
    TextAreaField,
)
from wtforms.fields.choices import SelectChoice
from wtforms.validators import DataRequired, Length, Optional, ValidationError

from knowledge.domain.identifiers import is_valid_nhs_number
from knowledge.domain.pseudonyms import (
    NotAnIdentifier,
    normalise_local_reference,
    without_separators,
)
from knowledge.models import (
    AgeBand,
    EntryStatus,
    ExpectedAction,
    OfferOutcome,
    Specialty,
    SupportLevel,
)
from knowledge.personal_details import ChecksPersonalDetails

NHS, LOCAL = "nhs", "local"

# What the framework says of the person at each level: the hint beside each choice.
LEVEL_HINTS = {
    SupportLevel.ADVICE: "Understands their other needs and is confident to address them.",
    SupportLevel.NEEDING_HELP: "Needs help to identify and understand their other needs, and "
    "some help to find support and make contact.",
    SupportLevel.NEEDING_MORE_HELP: "Needs help to identify and understand their other needs, "
    "and more help to find and get to support.",
}

OUTCOME_CHOICES = [SelectChoice(o.value, o.label) for o in OfferOutcome]


def nhs_number_problem(text: str) -> str | None:
    """What is wrong with a typed NHS number, in words that say how to put it right."""
    digits = without_separators(text)
    if not digits:
        return "Enter the person's NHS number"
    if not digits.isascii() or not digits.isdigit():
        return "An NHS number has only numbers in it (spaces and dashes are fine)"
    if len(digits) != 10:
        return f"An NHS number is 10 digits long: you entered {len(digits)}"
    if not is_valid_nhs_number(digits):
        return (
            "This is not a valid NHS number: the last digit does not match the others. "
            "Check it for a typo"
        )
    return None


class FindPersonForm(FlaskForm):
    """Which person: their NHS number, or their local record number if they have none.

    Two plain fields, and whichever is filled in says which kind of number it is. Not radios
    that reveal one field each: the NHS.UK conditional reveal puts aria-expanded on the radio
    inputs, which ARIA does not allow on a radio (axe aria-allowed-attr), and without radios
    staff in an appointment have one choice less to make."""

    nhs_number = StringField(
        "NHS number",
        description="10 digits. Spaces are fine.",
    )
    local_number = StringField(
        "Or their local record number",
        description="If they do not have an NHS number, or you cannot find it: their number in "
        "the electronic patient record, 4 to 20 letters and numbers.",
    )
    # Set when staff came to add a directory service: it is added once they choose an entry.
    service_id = HiddenField()
    # Set when staff followed a link to one entry: it opens once the number matches.
    entry_id = HiddenField()

    @property
    def kind(self) -> str:
        return LOCAL if _typed(self.local_number) and not _typed(self.nhs_number) else NHS

    @property
    def both_given(self) -> bool:
        return _typed(self.nhs_number) and _typed(self.local_number)

    def validate_nhs_number(self, field) -> None:
        if self.kind != NHS or self.both_given:
            return
        if not _typed(field):
            raise ValidationError("Enter the person's NHS number, or their local record number")
        problem = nhs_number_problem(field.data)
        if problem:
            raise ValidationError(problem)

    def validate_local_number(self, field) -> None:
        if self.both_given:
            raise ValidationError(
                "Enter the NHS number or the local record number, not both: clear one of them"
            )
        if self.kind != LOCAL:
            return
        try:
            normalise_local_reference(field.data)
        except NotAnIdentifier as problem:
            raise ValidationError(str(problem)) from None

    @property
    def number(self) -> str:
        return (self.nhs_number.data if self.kind == NHS else self.local_number.data) or ""


def _typed(field) -> bool:
    return bool(without_separators(field.data or ""))


class EntryForm(ChecksPersonalDetails, FlaskForm):
    checked_fields = ("description", "team")

    need_term_id = SelectField(
        "Need",
        choices=[],
        description="Choose the closest sub-term, or the need domain if none fits.",
        validators=[DataRequired("Choose the need")],
    )
    description = TextAreaField(
        "What they need, in a sentence (optional)",
        description="No names, no clinical detail, nothing that could identify the person.",
        validators=[
            Optional(),
            Length(max=500, message="Keep it to 500 characters or fewer"),
        ],
    )
    support_level = RadioField(
        "Support level",
        choices=[SelectChoice(level.value, level.label) for level in SupportLevel],
        invalid_choice_message="Choose the support level",
    )
    # One checklist of every expected action, each with the levels that expect it: not one
    # list revealed under each level (NHS.UK conditional radios), which puts aria-expanded on
    # the radio inputs (ARIA does not allow it there) and shows every list without JavaScript.
    actions = SelectMultipleField(
        "Expected actions: tick what has been done",
        choices=[SelectChoice(a.value, a.label) for a in ExpectedAction],
        description="Only the actions the framework expects at the support level you chose.",
    )
    status = RadioField(
        "Status",
        choices=[
            SelectChoice(EntryStatus.OPEN.value, "Open: still working on it"),
            SelectChoice(EntryStatus.CLOSED.value, "Closed: nothing more to do"),
        ],
        default=EntryStatus.OPEN.value,
        invalid_choice_message="Choose open or closed",
    )
    review_date = DateField(
        "Review by",
        format="%Y-%m-%d",
        description="When to look at this need again. Not needed once it is closed.",
    )
    team = StringField(
        "Team",
        description="For example: Charnwood community mental health team.",
        validators=[
            DataRequired("Enter your team"),
            Length(max=120, message="Keep the team to 120 characters or fewer"),
        ],
    )
    specialty = RadioField(
        "Specialty",
        choices=[SelectChoice(s.value, s.label) for s in Specialty],
        invalid_choice_message="Choose the specialty",
    )
    age_band = RadioField(
        "Age group",
        choices=[SelectChoice(a.value, a.label) for a in AgeBand],
        invalid_choice_message="Choose the person's age group",
    )
    area_id = SelectField(
        "Where they live",
        choices=[],
        description="The neighbourhood, or the district if you do not know it. Used only for "
        "counts in reports.",
    )
    # A directory service to offer as soon as the entry is saved (from "Add to an entry").
    service_id = HiddenField()
    offer_outcome = HiddenField()

    def __init__(self, *args, today: date, creating: bool, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.today = today
        self.creating = creating
        self.original_review_date: date | None = None

    def validate_review_date(self, field) -> None:
        # DateField's own message ("Not a valid date value.") says neither what nor how.
        field.errors[:] = []
        if field.data is None:
            if field.raw_data and field.raw_data[0].strip():
                raise ValidationError("Enter a real date, for example 24 February 2027")
            if self.status.data == EntryStatus.OPEN.value:
                raise ValidationError("Enter the date to review this need by")
            return
        changed = field.data != self.original_review_date
        if (self.creating or changed) and field.data < self.today:
            raise ValidationError("The review date must be today or in the future")

    def validate_actions(self, field) -> None:
        level = self.chosen_level
        if level is None:
            return
        ticked = set(field.data or [])
        unexpected = [a for a in ExpectedAction if a.value in ticked and a not in level.actions]
        if unexpected:
            raise ValidationError(
                f"“{unexpected[0].label}” is not expected at {level.label.lower()}: untick it, "
                "or choose the support level that expects it"
            )

    @property
    def chosen_level(self) -> SupportLevel | None:
        try:
            return SupportLevel(self.support_level.data)
        except ValueError:
            return None

    @property
    def actions_done(self) -> list[str]:
        """The ticked actions of the chosen level, in the framework's order."""
        level = self.chosen_level
        if level is None:
            return []
        ticked = set(self.actions.data or [])
        return [action.value for action in level.actions if action.value in ticked]

    @property
    def outcome(self) -> OfferOutcome:
        """What happened with the service being added; anything unreadable counts as
        information given, the least that can have happened."""
        try:
            return OfferOutcome(self.offer_outcome.data)
        except ValueError:
            return OfferOutcome.GIVEN_INFORMATION

    def show_actions(self, done: list[str]) -> None:
        self.actions.data = list(done)


def levels_expecting(action: ExpectedAction) -> str:
    """Which support levels expect an action, as the hint beside its box."""
    levels = [level.label for level in SupportLevel if action in level.actions]
    if len(levels) == len(SupportLevel):
        return "Every level"
    return " and ".join([levels[0], *(label.lower() for label in levels[1:])])


ACTION_HINTS = {action.value: levels_expecting(action) for action in ExpectedAction}


class ChooseEntryForm(FlaskForm):
    """Which of the person's open entries to add a service to, or a new one."""

    entry_id = RadioField(
        "Add it to",
        choices=[],
        invalid_choice_message="Choose an entry, or start a new one",
    )
    outcome = SelectField("What happened", choices=OUTCOME_CHOICES)


NEW_ENTRY = "new"


class OutcomeForm(FlaskForm):
    outcome = SelectField("What happened", choices=OUTCOME_CHOICES)
