"""Vocabulary term forms."""

from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import StringField, TextAreaField
from wtforms.validators import DataRequired, Length, Regexp, StopValidation


def sent(form, field) -> None:
    """The field must be in the request, even if empty (the page always sends it)."""
    if not field.raw_data:
        field.data = ""
        raise StopValidation(_l("This field is missing; reload the page and try again."))


class TermForm(FlaskForm):
    """Label and description of a term."""

    label = StringField(_l("Label"), validators=[DataRequired(), Length(max=200)])
    description = TextAreaField(_l("Description"), validators=[sent, Length(max=2000)])


class NewTermForm(TermForm):
    """A new term also needs a key, which never changes."""

    key = StringField(
        _l("Key"),
        validators=[DataRequired(), Length(max=80),
                    Regexp(r"^[a-z0-9_]+$", message=_l("Use lower-case letters, digits and _."))],
        description=_l("A short identifier used in files and exports; it cannot be changed."),
    )
