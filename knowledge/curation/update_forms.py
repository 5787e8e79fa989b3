from flask_wtf import FlaskForm
from wtforms import TextAreaField
from wtforms.validators import DataRequired, Length


class RejectUpdateForm(FlaskForm):
    note = TextAreaField(
        "Why are you not using this answer?",
        description="For your records: the provider does not see it.",
        validators=[
            DataRequired("Say why you are not using this answer"),
            Length(max=2000, message="Keep it to 2,000 characters or fewer"),
        ],
    )
