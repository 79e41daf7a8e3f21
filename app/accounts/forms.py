"""Account forms: they validate input only."""

from zoneinfo import available_timezones

from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import (
    BooleanField,
    EmailField,
    HiddenField,
    PasswordField,
    SelectField,
    SelectMultipleField,
    StringField,
)
from wtforms.validators import DataRequired, Email, EqualTo, Length, Optional
from wtforms.widgets import HiddenInput

from ..core.forms import BackField, DatabaseIntegerField, select_choices
from .services import MIN_PASSWORD_LENGTH

TIMEZONES = sorted(tz for tz in available_timezones() if "/" in tz and not tz.startswith("Etc/"))


class LoginForm(FlaskForm):
    """Sign in with e-mail and password."""

    email = EmailField(_l("E-mail address"), validators=[DataRequired(), Length(max=254)],
                       render_kw={"autocomplete": "username"})
    password = PasswordField(_l("Password"), validators=[DataRequired()],
                             render_kw={"autocomplete": "current-password"})
    remember = BooleanField(_l("Keep me signed in on this device"))
    next = HiddenField()


class ResetRequestForm(FlaskForm):
    """Ask for a password-reset link."""

    email = EmailField(_l("E-mail address"), validators=[DataRequired(), Email(), Length(max=254)],
                       render_kw={"autocomplete": "email"})


class SetPasswordForm(FlaskForm):
    """Choose a new password (invitation or reset)."""

    password = PasswordField(
        _l("New password"),
        validators=[DataRequired(), Length(min=MIN_PASSWORD_LENGTH, max=200)],
        description=_l("At least %(n)d characters.", n=MIN_PASSWORD_LENGTH),
        render_kw={"autocomplete": "new-password"},
    )
    confirm = PasswordField(
        _l("Repeat the new password"),
        validators=[DataRequired(), EqualTo("password", message=_l("The passwords differ."))],
        render_kw={"autocomplete": "new-password"},
    )


class ChangePasswordForm(FlaskForm):
    """Change one's own password."""

    current_password = PasswordField(_l("Current password"), validators=[DataRequired()],
                                     render_kw={"autocomplete": "current-password"})
    password = SetPasswordForm.password
    confirm = SetPasswordForm.confirm


class ProfileForm(FlaskForm):
    """One's own name, language and time zone."""

    display_name = StringField(_l("Name"), validators=[DataRequired(), Length(max=120)],
                               render_kw={"autocomplete": "name"})
    preferred_language = SelectField(_l("Preferred language"))
    timezone = SelectField(_l("Time zone"),
                           choices=select_choices([("", _l("Each round's own time zone")),
                                                   ("UTC", "UTC")] + [(t, t) for t in TIMEZONES]),
                           description=_l("Dates and deadlines are shown in this time zone. "
                                          "Without a choice, a round's deadlines are shown in "
                                          "the time zone the round was set in."))


class LanguageForm(FlaskForm):
    """The header's language switcher, for everyone."""

    language = SelectField(_l("Language"))
    back = BackField()


class UserForm(FlaskForm):
    """An account as administrators and facilitators edit it."""

    email = EmailField(_l("E-mail address"), validators=[DataRequired(), Email(), Length(max=254)])
    display_name = StringField(_l("Name"), validators=[DataRequired(), Length(max=120)])
    organisations = SelectMultipleField(_l("Organisations"), coerce=int, validators=[Optional()],
                                        description=_l("Hold Ctrl (or ⌘) to choose several."))
    preferred_language = SelectField(_l("Preferred language"))
    is_facilitator = BooleanField(_l("Facilitator"),
                                  description=_l("Runs consultations and collates input."))
    is_administrator = BooleanField(_l("Administrator"),
                                    description=_l("Manages accounts, organisations and settings."))
    version = DatabaseIntegerField(widget=HiddenInput(), validators=[Optional()])
