"""Working-group forms: a group's details, and adding, changing or removing a member."""

from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import EmailField, HiddenField, SelectField, StringField, TextAreaField
from wtforms.validators import DataRequired, Email, Length, Optional

from ..core.forms import select_choices


def _optional_int(value) -> int | None:
    return int(value) if value not in (None, "") else None


class _OneOfTwoForms(FlaskForm):
    """A form on a page with another that posts to the same address; `action` tells them apart."""

    ACTION = ""
    action = HiddenField()

    def is_posted(self) -> bool:
        """Whether this form (not the page's other one) was submitted."""
        return self.is_submitted() and self.action.data == self.ACTION


class GroupForm(_OneOfTwoForms):
    """A working group's name, level, place and description; choices come from vocabularies."""

    ACTION = "details"
    name = StringField(_l("Name"), validators=[DataRequired(), Length(max=200)])
    level = SelectField(_l("Level"), coerce=int, validators=[DataRequired()])
    country = SelectField(_l("Country"), coerce=_optional_int, validators=[Optional()])
    region = StringField(_l("Region"), validators=[Optional(), Length(max=120)])
    description = TextAreaField(_l("Description"), validators=[Optional(), Length(max=1000)],
                                render_kw={"rows": 2})


class MemberForm(_OneOfTwoForms):
    """A person, by e-mail address, and their role in the group (none: remove them)."""

    ACTION = "member"
    email = EmailField(_l("E-mail address"), validators=[DataRequired(), Email(), Length(max=254)])
    role = SelectField(_l("Role"), choices=select_choices([
        ("member", _l("Member")), ("chair", _l("Chair")), ("", _l("Remove from the group"))]))
