from flask_wtf import FlaskForm
from flask_wtf.file import FileField, FileRequired
from wtforms import StringField
from wtforms.validators import DataRequired, Length

from knowledge.models.curation import FEED_NAME_LENGTH


class ImportForm(FlaskForm):
    csv_file = FileField(
        "CSV file",
        description="Up to 10 MB, saved from Excel as “CSV UTF-8 (Comma delimited)”.",
        validators=[FileRequired("Choose the CSV file to import")],
    )


class FeedImportForm(FlaskForm):
    """An Open Referral UK feed (knowledge.oruk.feeds) and the name it is known by here."""

    feed_file = FileField(
        "Open Referral UK file",
        description="A JSON file of up to 10 MB: a page of services, one service or a list.",
        validators=[FileRequired("Choose the JSON file to import")],
    )
    feed = StringField(
        "Name of the feed",
        description="Who publishes it and which directory it is, such as “Leicestershire County "
        "Council Family Information Directory”. Use the same name each time you import this "
        "feed: its services are then updated, not added again.",
        filters=[lambda text: " ".join(text.split()) if text else text],
        validators=[
            DataRequired("Give the feed a name, such as the publisher's and the directory's"),
            Length(
                max=FEED_NAME_LENGTH, message="The feed's name can be at most %(max)d characters"
            ),
        ],
    )
