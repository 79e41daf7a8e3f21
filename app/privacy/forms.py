"""Privacy forms: they validate input only."""

from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import (
    BooleanField,
    HiddenField,
    IntegerField,
    PasswordField,
    RadioField,
    TextAreaField,
)
from wtforms.validators import DataRequired, Length, NumberRange, Optional

from ..core.forms import BoundedMarkdown, select_choices
from .services import CHOICE_LABELS, MAX_NOTICE


class NoticeForm(FlaskForm):
    """The site's privacy notice, in Markdown."""

    body = TextAreaField(_l("Privacy notice (Markdown)"),
                         validators=[DataRequired(), Length(max=MAX_NOTICE), BoundedMarkdown()],
                         render_kw={"rows": 24})


class ConsultationPrivacyForm(FlaskForm):
    """A consultation's own notice and its retention period."""

    notice = TextAreaField(
        _l("Notice for this consultation (Markdown)"),
        validators=[Length(max=MAX_NOTICE), BoundedMarkdown()],
        description=_l("Purpose, who receives the input, how answers are published."),
        render_kw={"rows": 12})
    retention_days = IntegerField(
        _l("Retention period (days after the last round closes)"),
        validators=[Optional(), NumberRange(min=1, max=36_500)],
        description=_l("Leave empty for the site's default."))


class ChoiceForm(FlaskForm):
    """How a response may be published."""

    choice = RadioField(_l("How may your answers be published?"),
                        choices=select_choices(CHOICE_LABELS.items()),
                        validators=[DataRequired(_l("Choose how your answers may be published."))])
    organisation = HiddenField()


class SeenForm(FlaskForm):
    """I have read the new privacy notice."""

    next = HiddenField()


class EraseForm(FlaskForm):
    """Close the account and remove the person's identity."""

    password = PasswordField(_l("Your password"), validators=[DataRequired()],
                             render_kw={"autocomplete": "current-password"})
    remove_texts = BooleanField(_l("Also replace the texts of my comments by “removed at the "
                                   "author's request”"))
    confirm = BooleanField(_l("I understand that this cannot be undone"),
                           validators=[DataRequired(_l("Confirm that this cannot be undone."))])


class RedactForm(FlaskForm):
    """Take personal data out of a comment."""

    text = TextAreaField(_l("Text to redact (exactly as it appears in the comment)"),
                         validators=[DataRequired(), Length(max=2_000)], render_kw={"rows": 2})
    reason = TextAreaField(_l("Reason"), validators=[DataRequired(), Length(max=2_000)],
                           render_kw={"rows": 2})
