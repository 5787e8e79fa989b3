from flask_wtf import FlaskForm
from wtforms import RadioField, StringField, TextAreaField
from wtforms.fields.choices import SelectChoice
from wtforms.validators import DataRequired, Length, Optional, Regexp

from knowledge.domain.contact_details import EMAIL
from knowledge.models import SuggestionTopic

PROBLEM_TOPICS = [t for t in SuggestionTopic if t is not SuggestionTopic.NEW_SERVICE]


class _SuggestionForm(FlaskForm):
    reply_email = StringField(
        "Your email address (optional)",
        description="Only if you would like a reply. We delete it when we have dealt with this.",
        validators=[
            Optional(),
            Length(max=254, message="Email address must be 254 characters or fewer"),
            Regexp(
                EMAIL, message="Enter an email address in the right format, like name@example.org"
            ),
        ],
    )
    # A honeypot: hidden from people (and screen readers); bots fill it in.
    website = StringField("Leave this blank")

    @property
    def looks_automated(self) -> bool:
        return bool((self.website.data or "").strip())


class ReportProblemForm(_SuggestionForm):
    topic = RadioField(
        "What is the problem?",
        choices=[SelectChoice(t.value, t.label) for t in PROBLEM_TOPICS],
        validators=[DataRequired("Choose what the problem is")],
    )
    details = TextAreaField(
        "Tell us more",
        description="For example, the new opening times or phone number. Please do not include "
        "personal details about yourself or anyone else.",
        validators=[
            DataRequired("Tell us what is wrong"),
            Length(max=2000, message="Keep it to 2,000 characters or fewer"),
        ],
    )


class SuggestServiceForm(_SuggestionForm):
    service_name = StringField(
        "Name of the group or service",
        validators=[
            DataRequired("Enter the name of the group or service"),
            Length(max=200, message="Name must be 200 characters or fewer"),
        ],
    )
    details = TextAreaField(
        "What it does, where, and how to contact it",
        description="Please do not include personal details about yourself or anyone else.",
        validators=[
            DataRequired("Tell us about the service"),
            Length(max=2000, message="Keep it to 2,000 characters or fewer"),
        ],
    )
