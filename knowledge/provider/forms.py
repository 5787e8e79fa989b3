from flask_wtf import FlaskForm
from wtforms import HiddenField, RadioField, StringField, TextAreaField
from wtforms.fields.choices import SelectChoice
from wtforms.validators import DataRequired, Length, Optional, Regexp

from knowledge.curation.forms import (
    PHONE_LINES_HELP,
    OneLine,
    WebAddress,
    phone_entries,
    phone_line_errors,
    phone_lines,
    phone_lines_text,
)
from knowledge.curation.update_requests import STATUS_LABELS, TEXT_FIELDS, proposed_changes
from knowledge.domain.contact_details import EMAIL

CONFIRMED, CHANGED = "yes", "no"


def _limit(label: str, limit: int) -> Length:
    return Length(max=limit, message=f"{label} must be {limit:,} characters or fewer")


class ProviderUpdateForm(FlaskForm):
    """The provider's own entry, to confirm or correct. Each field holds the entry's current
    value until they change it; only the fields they change are kept for the officer."""

    name = StringField(
        "Name of the service",
        validators=[
            DataRequired("Enter the name of the service"),
            _limit("The name", 200),
            OneLine("The name"),
        ],
    )
    summary = StringField(
        "Summary",
        description="One sentence about what you offer. It is shown in search results.",
        validators=[
            DataRequired("Enter a one-sentence summary"),
            _limit("The summary", 300),
            OneLine("The summary"),
        ],
    )
    description = TextAreaField(
        "What you offer",
        validators=[DataRequired("Describe what you offer"), _limit("This", 5000)],
    )
    phones = TextAreaField("Phone numbers", description=PHONE_LINES_HELP)
    email = StringField(
        "Email address for the public (optional)",
        validators=[
            Optional(),
            _limit("The email address", 200),
            Regexp(
                EMAIL, message="Enter an email address in the right format, like name@example.org"
            ),
        ],
    )
    url = StringField(
        "Website (optional)",
        validators=[
            Optional(),
            _limit("The website", 500),
            WebAddress(),
        ],
    )
    eligibility_description = TextAreaField(
        "Who it is for (optional)",
        description="For example, ages, where people need to live, or who can refer them.",
        validators=[_limit("This", 2000)],
    )
    referral_description = TextAreaField(
        "How to get in touch or be referred (optional)", validators=[_limit("This", 2000)]
    )
    schedule_notes = TextAreaField(
        "About your opening times (optional)",
        description="If the times above are wrong, tell us the right ones here. Add anything "
        "else people should know, like closures over holidays.",
        validators=[_limit("This", 1000)],
    )
    status = RadioField(
        "Is the service running?",
        choices=[SelectChoice(value, label) for value, label in STATUS_LABELS.items()],
        validators=[DataRequired("Choose whether the service is open")],
    )
    confirmed = RadioField(
        "Is everything correct?",
        choices=[
            SelectChoice(CONFIRMED, "Everything is correct"),
            SelectChoice(CHANGED, "I've made changes"),
        ],
        validators=[DataRequired("Choose whether everything is correct or you made changes")],
    )
    comments = TextAreaField(
        "Anything else we should know (optional)",
        description="Please do not include personal details about anyone who uses your service.",
        validators=[_limit("This", 2000)],
    )
    # A honeypot: hidden from people (and screen readers); bots fill it in.
    homepage = StringField("Leave this blank")
    # The entry as this page first showed it, signed (update_requests.sign_shown).
    shown = HiddenField()

    def __init__(self, current: dict, *args, **kwargs) -> None:
        """`current`: the entry as the provider was shown it, which their answer is read
        against."""
        super().__init__(*args, **kwargs)
        self.current = current

    @classmethod
    def prefilled(cls, current: dict) -> "ProviderUpdateForm":
        """The form as first shown: the entry as it stands."""
        data = {name: current[name] or "" for name in current if name != "phones"}
        data["phones"] = phone_lines_text(current["phones"])
        return cls(current, data=data)

    @property
    def looks_automated(self) -> bool:
        return bool((self.homepage.data or "").strip())

    def proposed(self) -> dict:
        """The entry as the provider left it, in the values the entry stores."""
        proposed = {name: getattr(self, name).data for name in (*TEXT_FIELDS, "status")}
        proposed["phones"] = phone_entries(phone_lines(self.phones.data))
        return proposed

    def validate(self, extra_validators=None) -> bool:
        valid = super().validate(extra_validators)
        phones_valid = self._validate_phones()
        if valid and phones_valid:
            valid = self._validate_answer()
        return valid and phones_valid

    def _validate_phones(self) -> bool:
        """Each line checked as the officer's phone form checks a row: the same rules."""
        self.phones.errors = [
            *self.phones.errors,
            *phone_line_errors(phone_lines(self.phones.data)),
        ]
        return not self.phones.errors

    def _validate_answer(self) -> bool:
        changed = proposed_changes(self.current, self.proposed())
        if self.confirmed.data == CONFIRMED and changed:
            self.confirmed.errors.append(
                "You changed some details: choose “I've made changes”, or put them back"
            )
            return False
        if (
            self.confirmed.data == CHANGED
            and not changed
            and not (self.comments.data or "").strip()
        ):
            self.confirmed.errors.append(
                "You have not changed anything: change what is wrong, or choose "
                "“Everything is correct”"
            )
            return False
        return True
