"""The officer's form for a connector role."""

from flask_wtf import FlaskForm
from wtforms import BooleanField, SelectField, SelectMultipleField, StringField
from wtforms.fields.choices import SelectChoice
from wtforms.validators import DataRequired, Optional, Regexp, ValidationError

from knowledge.curation.forms import _long_text, _text
from knowledge.domain.contact_details import PHONE, is_email
from knowledge.domain.text import blank_to_none
from knowledge.models.connectors import ROLE_TYPE_ORDER


class ConnectorRoleForm(FlaskForm):
    role_type = SelectField(
        "Type of role",
        choices=[
            SelectChoice("", "Choose a type"),
            *(SelectChoice(t.value, t.label) for t in ROLE_TYPE_ORDER),
        ],
        validators=[DataRequired("Choose the type of role")],
    )
    title = _text(
        "Title",
        200,
        "Enter what the role is called",
        description="As staff would look for it: Social prescribing link worker, Melton PCN.",
    )
    organisation_id = SelectField(
        "Organisation",
        choices=[],
        validate_choice=True,
        validators=[DataRequired("Choose the organisation the role works for")],
    )
    description = _long_text("What they do", 3000, "Say what the role does for people")
    how_to_contact = _long_text(
        "How to refer or make contact", 2000, "Say how staff refer someone or get in touch"
    )
    email = _text(
        "Work email",
        200,
        description="A team inbox or the role's own address; never a personal one.",
    )
    phone = StringField(
        "Work phone",
        validators=[Optional(), Regexp(PHONE, message="Enter a phone number, like 0116 496 0123")],
    )
    hours = _text("Hours", 300, description="For example: Monday to Friday, 9am to 5pm.")
    eligibility = _long_text("Who it is for", 1000)
    areas = SelectMultipleField("Areas covered", choices=[])
    practices = SelectMultipleField("GP practices covered", choices=[])
    public = BooleanField("Show this role on the public site as well as to staff")

    def validate_email(self, field) -> None:
        if field.data and not is_email(field.data):
            raise ValidationError(
                "Enter an email address in the right format, like team@example.org"
            )

    def validate(self, extra_validators=None) -> bool:
        valid = super().validate(extra_validators)
        if not self.areas.data and not self.practices.data:
            self.areas.errors.append("Choose the areas or GP practices the role covers")
            valid = False
        if not (self.email.data or "").strip() and not (self.phone.data or "").strip():
            self.email.errors.append("Give a work email or a work phone, so staff can reach them")
            valid = False
        return valid

    def values(self) -> dict:
        return {
            "role_type": self.role_type.data,
            "title": self.title.data.strip(),
            "organisation_id": self.organisation_id.data,
            "description": self.description.data.strip(),
            "how_to_contact": self.how_to_contact.data.strip(),
            "email": blank_to_none(self.email.data or ""),
            "phone": blank_to_none(self.phone.data or ""),
            "hours": blank_to_none(self.hours.data or ""),
            "eligibility": blank_to_none(self.eligibility.data or ""),
            "areas": list(self.areas.data or []),
            "practices": list(self.practices.data or []),
            "public": bool(self.public.data),
        }
