from flask_wtf import FlaskForm
from wtforms import DateField, PasswordField, SelectField, SelectMultipleField, StringField
from wtforms.fields.choices import SelectChoice
from wtforms.validators import DataRequired, Length, Optional, Regexp, ValidationError

from knowledge.models import Role

ROLE_CHOICES = [SelectChoice(role.value, role.label) for role in Role]


def _at_least_one_role(form, field) -> None:
    if not field.data:
        raise ValidationError("Choose at least one role")


class RolesForm(FlaskForm):
    roles = SelectMultipleField(
        "Roles", choices=ROLE_CHOICES, validators=[_at_least_one_role], validate_choice=True
    )

    def chosen_roles(self) -> set[Role]:
        return {Role(value) for value in self.roles.data}


class NewAccountForm(RolesForm):
    email = StringField(
        "Work email address",
        validators=[
            DataRequired("Enter their work email address"),
            Length(max=254, message="Email address must be 254 characters or fewer"),
            Regexp(
                r"^[^@\s]+@[^@\s]+\.[^@\s]+$",
                message="Enter an email address in the right format, like name@example.org",
            ),
        ],
    )
    display_name = StringField(
        "Full name",
        validators=[
            DataRequired("Enter their full name"),
            Length(max=200, message="Name must be 200 characters or fewer"),
        ],
    )
    temporary_password = PasswordField(
        "Temporary password",
        description=(
            "Tell them this by phone or in person. They must change it when they first sign in."
        ),
        validators=[DataRequired("Enter a temporary password")],
    )


class ResetPasswordForm(FlaskForm):
    temporary_password = PasswordField(
        "New temporary password",
        description="They must change it when they next sign in. Every session they have now ends.",
        validators=[DataRequired("Enter a temporary password")],
    )


class AuditFilterForm(FlaskForm):
    class Meta:
        csrf = False  # a GET form: it only filters what is shown

    action = SelectField("Event", choices=[], validate_choice=False)
    actor_email = StringField(
        "Account email", validators=[Optional(), Length(max=254, message="Too long")]
    )
    date_from = DateField("From", validators=[Optional()], format="%Y-%m-%d")
    date_to = DateField("To", validators=[Optional()], format="%Y-%m-%d")
