"""CSV import forms."""

from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from flask_wtf.file import FileAllowed, FileField, FileRequired
from wtforms import BooleanField, HiddenField, SelectField
from wtforms.validators import DataRequired

from ..core.forms import select_choices

KIND_CHOICES = select_choices([("organisations", _l("Organisations")), ("users", _l("Users"))])


class UploadForm(FlaskForm):
    """Choose what to import and the file; the file is checked, never imported straight away."""

    kind = SelectField(_l("What the file contains"), choices=KIND_CHOICES,
                       validators=[DataRequired()])
    file = FileField(_l("CSV file"), validators=[
        FileRequired(_l("Choose a file.")),
        FileAllowed(["csv", "txt"], _l("Choose a .csv file.")),
    ], description=_l("UTF-8, with a header line; comma or semicolon separated."))
    send_invitations = BooleanField(_l("E-mail each new user an invitation to set a password"),
                                    default=True)


class ConfirmForm(FlaskForm):
    """Import a file that has been checked; the content travels back for a second check."""

    kind = HiddenField(validators=[DataRequired()])
    content = HiddenField(validators=[DataRequired()])
    send_invitations = HiddenField()
