from flask_wtf import FlaskForm
from werkzeug.datastructures import MultiDict
from wtforms import (
    BooleanField,
    DateField,
    DecimalField,
    FieldList,
    Form,
    FormField,
    IntegerField,
    SelectField,
    SelectMultipleField,
    StringField,
    TextAreaField,
)
from wtforms.fields.choices import SelectChoice
from wtforms.validators import (
    DataRequired,
    Length,
    NumberRange,
    Optional,
    Regexp,
    StopValidation,
    ValidationError,
)

from knowledge.curation.services import EDITABLE
from knowledge.domain.contact_details import (
    CHARITY_NUMBER,
    EMAIL,
    PHONE,
    POSTCODE,
    UK_LATITUDES,
    UK_LONGITUDES,
    WEB_ADDRESS,
    is_email,
    normal_postcode,
)
from knowledge.domain.text import blank_to_none, is_one_line
from knowledge.models import ServiceStatus


class WholeNumberField(IntegerField):
    """An integer field whose one error for text that is not a number is in plain words."""

    def process_formdata(self, valuelist) -> None:
        if not valuelist or not valuelist[0].strip():
            self.data = None
            return
        try:
            super().process_formdata(valuelist)
        except ValueError:
            self.data = None
            raise ValueError("Enter a whole number, like 18") from None

    def pre_validate(self, form) -> None:
        if self.process_errors:
            raise StopValidation()


class WebAddress(Regexp):
    def __init__(self) -> None:
        super().__init__(WEB_ADDRESS, message="Enter a full web address, starting https://")


class OneLine:
    """A one-line box must hold one line: a name with a line break in it would break the
    subject of an email, and the line of a list, that shows it."""

    def __init__(self, label: str) -> None:
        self.message = f"{label} must be on one line: remove the line breaks"

    def __call__(self, form, field) -> None:
        if not is_one_line(field.data):
            raise ValidationError(self.message)


def _text(label: str, limit: int, required: str | None = None, **kwargs) -> StringField:
    validators = [DataRequired(required)] if required else [Optional()]
    validators.append(Length(max=limit, message=f"{label} must be {limit} characters or fewer"))
    validators.append(OneLine(label))
    return StringField(label, validators=validators, **kwargs)


def _long_text(label: str, limit: int, required: str | None = None, **kwargs) -> TextAreaField:
    validators = [DataRequired(required)] if required else [Optional()]
    validators.append(Length(max=limit, message=f"{label} must be {limit} characters or fewer"))
    return TextAreaField(label, validators=validators, **kwargs)


class ServiceForm(FlaskForm):
    name = _text("Name", 200, "Enter the service's name")
    organisation_id = SelectField(
        "Organisation",
        choices=[],
        validate_choice=True,
        validators=[DataRequired("Choose the organisation that runs it")],
    )
    summary = _text(
        "Summary",
        300,
        "Enter a one-sentence summary",
        description="One sentence, shown in search results.",
    )
    description = _long_text("What they offer", 5000, "Describe what the service offers")
    status = SelectField(
        "Status",
        choices=[
            SelectChoice(s.value, s.value.replace("-", " ").capitalize()) for s in ServiceStatus
        ],
    )
    status_note = _long_text(
        "Notice for the public", 1000, description="For example, why it is temporarily closed."
    )
    minimum_age = WholeNumberField(
        "Youngest age",
        validators=[Optional(), NumberRange(0, 120, "Enter an age from 0 to 120")],
    )
    maximum_age = WholeNumberField(
        "Oldest age",
        validators=[Optional(), NumberRange(0, 120, "Enter an age from 0 to 120")],
    )
    eligibility_description = _long_text("Who it is for", 2000)
    self_referral = BooleanField("People can contact them themselves")
    professional_referral = BooleanField("A professional can refer people")
    drop_in = BooleanField("People can drop in without an appointment")
    referral_description = _long_text("How to get in touch or be referred", 2000)
    email = _text("Email address", 200)
    url = StringField(
        "Website",
        validators=[
            Optional(),
            Length(max=500, message="Website must be 500 characters or fewer"),
            WebAddress(),
        ],
    )
    need_terms = SelectMultipleField("Need domains", choices=[])
    service_types = SelectMultipleField("Kind of service", choices=[])
    areas = SelectMultipleField("Areas it serves", choices=[])
    review_interval_months = WholeNumberField(
        "Check with the provider every (months)",
        default=6,
        validators=[
            DataRequired("Enter how often to check it, in months"),
            NumberRange(1, 24, "Enter a number of months from 1 to 24"),
        ],
    )
    free = BooleanField("It is free")
    cost_amount = DecimalField(
        "Cost in pounds, if not free",
        places=2,
        validators=[Optional(), NumberRange(0, 10000, "Enter an amount from 0 to 10,000")],
    )
    cost_description = _text(
        "About the cost", 300, description="For example: £2.50 a session, first session free."
    )
    languages = _text(
        "Languages", 300, description="Separate them with commas, for example: English, Gujarati"
    )
    staff_notes = _long_text("Notes for staff only", 2000)
    do_not_refer = BooleanField("Do not refer (staff see a warning)")
    do_not_refer_reason = _long_text("Reason not to refer", 1000)
    # Only when adding a service: the main number (more on the phones page), which is also
    # what the duplicate check compares; and the officer's answer when that check finds some.
    phone = StringField(
        "Main phone number (optional)",
        validators=[
            Optional(),
            Regexp(PHONE, message="Enter a phone number, like 0116 496 0123"),
        ],
    )
    not_a_duplicate = BooleanField("None of these is the service I am adding: save it anyway")

    def validate_email(self, field) -> None:
        if field.data and not is_email(field.data):
            raise ValidationError(
                "Enter an email address in the right format, like name@example.org"
            )

    def validate_maximum_age(self, field) -> None:
        if (
            field.data is not None
            and self.minimum_age.data is not None
            and field.data < self.minimum_age.data
        ):
            raise ValidationError("The oldest age must be the same as or more than the youngest")

    def validate(self, extra_validators=None) -> bool:
        valid = super().validate(extra_validators)
        # Checked here, not on the field: its Optional() stops field validation when it is empty.
        if self.do_not_refer.data and not (self.do_not_refer_reason.data or "").strip():
            self.do_not_refer_reason.errors.append("Say why staff should not refer people here")
            valid = False
        return valid

    def validate_need_terms(self, field) -> None:
        if not field.data:
            raise ValidationError("Choose at least one need domain")

    def validate_areas(self, field) -> None:
        if not field.data:
            raise ValidationError("Choose at least one area")

    def changes_fields(self) -> dict:
        fields = {}
        for name in EDITABLE:
            value = getattr(self, name).data
            fields[name] = blank_to_none(value) if isinstance(value, str) else value
        fields["status"] = ServiceStatus(self.status.data)
        fields["summary"] = self.summary.data.strip()
        fields["description"] = self.description.data.strip()
        fields["name"] = self.name.data.strip()
        return fields


DAY_CHOICES = [
    SelectChoice(code, name)
    for code, name in zip(
        ("MO", "TU", "WE", "TH", "FR", "SA", "SU"),
        ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"),
        strict=True,
    )
]
WHICH_CHOICES = [
    SelectChoice("", "Every week"),
    SelectChoice("1", "First of the month"),
    SelectChoice("2", "Second of the month"),
    SelectChoice("3", "Third of the month"),
    SelectChoice("4", "Fourth of the month"),
    SelectChoice("-1", "Last of the month"),
]
TIME = r"^([01]?\d|2[0-3]):[0-5]\d$"


class PeriodForm(Form):
    """One opening period: a day (every week, or the first/last … of the month) and times."""

    day = SelectField("Day", choices=[SelectChoice("", "Choose a day"), *DAY_CHOICES])
    which = SelectField("How often", choices=WHICH_CHOICES)
    opens_at = StringField(
        "Opens", validators=[Optional(), Regexp(TIME, message="Enter a time like 09:30 or 18:00")]
    )
    closes_at = StringField(
        "Closes", validators=[Optional(), Regexp(TIME, message="Enter a time like 17:00 or 23:30")]
    )
    valid_from = DateField("From (optional)", validators=[Optional()], format="%Y-%m-%d")
    valid_to = DateField("Until (optional)", validators=[Optional()], format="%Y-%m-%d")

    @property
    def is_blank(self) -> bool:
        return not (self.day.data or self.opens_at.data or self.closes_at.data)

    def validate(self, extra_validators=None) -> bool:
        valid = super().validate(extra_validators)
        if self.is_blank:
            return valid
        for field, message in (
            (self.day, "Choose a day"),
            (self.opens_at, "Enter the opening time"),
            (self.closes_at, "Enter the closing time"),
        ):
            if not field.data:
                field.errors.append(message)
                valid = False
        if (
            self.valid_from.data
            and self.valid_to.data
            and self.valid_to.data < self.valid_from.data
        ):
            self.valid_to.errors.append("The end date must be on or after the start date")
            valid = False
        return valid


class OpeningTimesForm(FlaskForm):
    periods = FieldList(FormField(PeriodForm), min_entries=1, max_entries=40)
    schedule_notes = _long_text("Notes about opening times", 1000)


MOST_PHONES = 10


class PhoneRowForm(Form):
    number = StringField(
        "Number",
        validators=[Optional(), Regexp(PHONE, message="Enter a phone number, like 0116 496 0123")],
    )
    description = StringField(
        "What it is for (optional)",
        validators=[
            Optional(),
            Length(max=200, message="Keep it to 200 characters or fewer"),
            OneLine("What it is for"),
        ],
    )

    @property
    def is_blank(self) -> bool:
        return not (self.number.data or "").strip() and not (self.description.data or "").strip()

    def validate(self, extra_validators=None) -> bool:
        valid = super().validate(extra_validators)
        if not self.is_blank and not (self.number.data or "").strip():
            self.number.errors.append("Enter the phone number")
            valid = False
        return valid


class PhonesForm(FlaskForm):
    phones = FieldList(FormField(PhoneRowForm), min_entries=1, max_entries=MOST_PHONES)


# Phones typed in a box, one a line: "0116 496 0123, evenings". Where a page has no room for a
# row of boxes per phone (a provider's answer, a contact), each line passes PhoneRowForm's rules.
PHONE_LINES_HELP = (
    "One number on each line. To say what a number is for, add a comma and a few words, "
    "like: 0116 496 0123, evenings"
)


def phone_lines_text(phones: list) -> str:
    """Phones ([number, what it is for] pairs) as the box shows them."""
    return "\n".join(
        f"{number}, {description}" if description else number for number, description in phones
    )


def phone_lines(text: str | None) -> dict[int, tuple[str, str]]:
    """Each non-blank line, by its line number, as (number, what it is for)."""
    lines = {}
    for line_number, line in enumerate((text or "").splitlines(), start=1):
        number, _, description = line.partition(",")
        if number.strip() or description.strip():
            lines[line_number] = (number.strip(), description.strip())
    return lines


def phone_line_errors(lines: dict[int, tuple[str, str]]) -> list[str]:
    """What is wrong with the lines, each message naming its line; none if all is well."""
    if len(lines) > MOST_PHONES:
        return [f"Enter {MOST_PHONES} numbers or fewer"]
    errors = []
    for line_number, (number, description) in lines.items():
        row = PhoneRowForm(formdata=MultiDict({"number": number, "description": description}))
        if not row.validate():
            errors += [
                f"Line {line_number}: {message}" for field in row for message in field.errors
            ]
    return errors


def phone_entries(lines: dict[int, tuple[str, str]]) -> list[list[str | None]]:
    """The lines as the entry stores its phones: [number, what it is for or None]."""
    return [[number, description or None] for number, description in lines.values()]


class OrganisationForm(FlaskForm):
    name = _text("Name", 200, "Enter the organisation's name")
    description = _long_text("About the organisation", 3000)
    charity_number = StringField(
        "Registered charity number (optional)",
        description="From the Charity Commission register, for example 1123456.",
        validators=[
            Optional(),
            Regexp(CHARITY_NUMBER, message="Enter a charity number, like 1123456"),
        ],
    )
    email = _text("Email address", 200)
    url = StringField(
        "Website",
        validators=[
            Optional(),
            Length(max=500, message="Website must be 500 characters or fewer"),
            WebAddress(),
        ],
    )
    phone = StringField(
        "Main phone number (optional)",
        validators=[
            Optional(),
            Regexp(PHONE, message="Enter a phone number, like 0116 496 0123"),
        ],
    )
    not_a_duplicate = BooleanField("None of these is the organisation I am adding: save it anyway")

    validate_email = ServiceForm.validate_email

    def values(self) -> dict:
        """The fields as they are saved: trimmed, blanks as None (the description as "")."""
        return {
            "name": self.name.data.strip(),
            "description": (self.description.data or "").strip(),
            "charity_number": blank_to_none(self.charity_number.data),
            "email": blank_to_none(self.email.data),
            "url": blank_to_none(self.url.data),
            "phone": blank_to_none(self.phone.data),
        }


class LocationForm(FlaskForm):
    name = _text("Name of the place", 200, "Enter the name of the place, like Wyvern Hall")
    address_1 = _text("Address line 1", 200, "Enter the first line of the address")
    address_2 = _text("Address line 2 (optional)", 200)
    city = _text("Town or city", 100, "Enter the town or city")
    postcode = StringField(
        "Postcode",
        validators=[
            DataRequired("Enter the postcode"),
            Regexp(POSTCODE, message="Enter a full UK postcode, like LE1 3ZQ"),
        ],
    )
    latitude = DecimalField(
        "Latitude (optional)",
        places=5,
        validators=[
            Optional(),
            NumberRange(*UK_LATITUDES, "Enter a latitude in the UK, like 52.63593"),
        ],
    )
    longitude = DecimalField(
        "Longitude (optional)",
        places=5,
        validators=[
            Optional(),
            NumberRange(*UK_LONGITUDES, "Enter a longitude in the UK, like -1.13381"),
        ],
    )
    transport_note = _long_text("Getting there", 1000, description="Buses, parking, landmarks.")
    accessibility = SelectMultipleField("Access", choices=[])
    other_accessibility = _text(
        "Other access information (optional)",
        200,
        description="Anything not in the list, for example: lift to the first floor.",
    )

    def values(self) -> dict:
        postcode = normal_postcode(self.postcode.data)
        return {
            "name": self.name.data.strip(),
            "address_1": self.address_1.data.strip(),
            "address_2": blank_to_none(self.address_2.data),
            "city": self.city.data.strip(),
            "postcode": postcode,
            "latitude": float(self.latitude.data) if self.latitude.data is not None else None,
            "longitude": float(self.longitude.data) if self.longitude.data is not None else None,
            "transport_note": blank_to_none(self.transport_note.data),
        }


class ContactRowForm(Form):
    name = StringField(
        "Name or role",
        validators=[
            Optional(),
            Length(max=200, message="Keep it to 200 characters or fewer"),
            OneLine("The name or role"),
        ],
    )
    title = StringField(
        "Job title (optional)",
        validators=[
            Optional(),
            Length(max=200, message="Keep it to 200 characters or fewer"),
            OneLine("The job title"),
        ],
    )
    email = StringField(
        "Work email (optional)",
        validators=[
            Optional(),
            Length(max=200, message="Keep it to 200 characters or fewer"),
            Regexp(EMAIL, message="Enter an email address like name@example.org"),
        ],
    )
    phones = TextAreaField("Work phones (optional)", description=PHONE_LINES_HELP)

    @property
    def is_blank(self) -> bool:
        return not any(
            (f.data or "").strip() for f in (self.name, self.title, self.email, self.phones)
        )

    def phone_entries(self) -> list[list[str | None]]:
        return phone_entries(phone_lines(self.phones.data))

    def validate(self, extra_validators=None) -> bool:
        valid = super().validate(extra_validators)
        if not self.is_blank and not (self.name.data or "").strip():
            self.name.errors.append("Enter a name or a role, like Volunteer coordinator")
            valid = False
        phone_errors = phone_line_errors(phone_lines(self.phones.data))
        if phone_errors:
            self.phones.errors = [*self.phones.errors, *phone_errors]
            valid = False
        return valid


class ContactsForm(FlaskForm):
    contacts = FieldList(FormField(ContactRowForm), min_entries=1, max_entries=10)


class TermForm(FlaskForm):
    name = _text("Name", 200, "Enter the term's name")
    description = _long_text("What it covers (optional)", 1000)
