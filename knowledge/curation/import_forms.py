from flask_wtf import FlaskForm
from flask_wtf.file import FileField, FileRequired


class ImportForm(FlaskForm):
    csv_file = FileField(
        "CSV file",
        description="Up to 10 MB, saved from Excel as “CSV UTF-8 (Comma delimited)”.",
        validators=[FileRequired("Choose the CSV file to import")],
    )
