"""Forms for the unmet-needs register. Choices are filled in by the views from the database."""

from flask_wtf import FlaskForm
from wtforms import DateField, SelectField, TextAreaField
from wtforms.fields.choices import SelectChoice
from wtforms.validators import DataRequired, Length, Optional, ValidationError

from knowledge.models import AgeBand, Specialty, UnmetReason
from knowledge.personal_details import ChecksPersonalDetails

DESCRIPTION_LIMIT = 500


def _optional_enum(enum_type, blank: str) -> list[SelectChoice]:
    return [SelectChoice("", blank)] + [SelectChoice(m.value, m.label) for m in enum_type]


class UnmetNeedForm(ChecksPersonalDetails, FlaskForm):
    """Log an unmet need directly (not from a query)."""

    checked_fields = ("description",)

    need_term = SelectField(
        "Need",
        choices=[],
        validate_choice=True,
        validators=[DataRequired("Choose the need")],
    )
    reason = SelectField(
        "Why it is unmet",
        choices=[SelectChoice("", "Choose a reason")]
        + [SelectChoice(r.value, r.label) for r in UnmetReason],
        validators=[DataRequired("Choose why the need is unmet")],
    )
    area = SelectField(
        "District or neighbourhood",
        choices=[],
        validate_choice=True,
        description="Never finer than a neighbourhood.",
    )
    age_band = SelectField("Age group", choices=_optional_enum(AgeBand, "Any age or not known"))
    specialty = SelectField(
        "Specialty", choices=_optional_enum(Specialty, "Any specialty or not known")
    )
    description = TextAreaField(
        "What is needed",
        description=(
            "A sentence or two about the gap, for example: evening befriending for older men "
            "in Melton. No names, numbers or clinical detail."
        ),
        validators=[
            DataRequired("Describe what is needed"),
            Length(
                max=DESCRIPTION_LIMIT,
                message=f"What is needed must be {DESCRIPTION_LIMIT} characters or fewer",
            ),
        ],
    )


class ReportedForm(FlaskForm):
    reported_on = DateField(
        "Date reported",
        format="%Y-%m-%d",
        validators=[Optional()],
        description="Leave it empty for today.",
    )


class AddressedForm(FlaskForm):
    service_id = SelectField(
        "Directory entry that now meets it",
        choices=[],
        # Checked by the service (published and open), which says why in plain words.
        validate_choice=False,
        validators=[DataRequired("Choose the directory entry that now meets the need")],
    )


class CloseForm(ChecksPersonalDetails, FlaskForm):
    checked_fields = ("closed_reason",)

    closed_reason = TextAreaField(
        "Why it is being closed",
        description="For example: a duplicate of another record, or no longer needed.",
        validators=[
            DataRequired("Enter why it is being closed"),
            Length(max=1000, message="The reason must be 1000 characters or fewer"),
        ],
    )

    def validate_closed_reason(self, field) -> None:
        if field.data and not field.data.strip():
            raise ValidationError("Enter why it is being closed")
