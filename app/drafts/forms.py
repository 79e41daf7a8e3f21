"""Forms of the drafting pages."""

from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import (
    HiddenField,
    SelectField,
    SelectMultipleField,
    StringField,
    TextAreaField,
)
from wtforms.validators import DataRequired, Length, Optional, Regexp
from wtforms.widgets import HiddenInput

from ..consultations.forms import MultiCheckboxField, _optional_int
from ..core.forms import (
    BackField,
    BoundedMarkdown,
    DatabaseIntegerField,
    IdsField,
    select_choices,
)
from ..core.input import parse_ids
from ..core.languages import interface_language
from ..responses.validation import CommentInput

HORIZONS = select_choices([("", _l("Not set")), ("short", _l("Short term (within 1 year)")),
                           ("medium", _l("Medium term (1–3 years)")),
                           ("long", _l("Long term (over 3 years)"))])


class DocumentForm(FlaskForm):
    """A policy document's description."""

    title = StringField(_l("Title"), validators=[DataRequired(), Length(max=300)])
    subtitle = StringField(_l("Subtitle"), validators=[Length(max=300)])
    consultations = SelectMultipleField(_l("Consultations it draws on"), coerce=int)
    working_group = SelectField(_l("Working group that owns it"), coerce=_optional_int,
                                validate_choice=False)
    authors = TextAreaField(_l("Authors"), validators=[Length(max=2000)], render_kw={"rows": 2})
    language = SelectField(_l("Language"))
    edition_of = SelectField(_l("Translation of"), coerce=_optional_int,
                             description=_l("A saved version of another document of the same "
                                            "consultation that this document translates."))
    licence = StringField(_l("Licence"), validators=[Length(max=200)], default="CC BY 4.0")
    status = SelectField(_l("Status"), choices=select_choices([
        ("drafting", _l("Drafting")), ("in_consultation", _l("In consultation")),
        ("final", _l("Final"))]), default="drafting")
    version = DatabaseIntegerField(widget=HiddenInput(), validators=[Optional()])


class ConfirmForm(FlaskForm):
    """A confirmation: nothing but the CSRF token."""


class BlockForm(FlaskForm):
    """A section or recommendation."""

    title = StringField(_l("Heading"), validators=[Length(max=300)])
    text = TextAreaField(_l("Text"), validators=[Length(max=50_000), BoundedMarkdown()],
                         render_kw={"rows": 10},
                         description=_l("Markdown: **bold**, *italic*, lists, links."))
    phases = MultiCheckboxField(_l("Credential phases"), coerce=int)
    levels = MultiCheckboxField(_l("Governance levels addressed"), coerce=int)
    addressees = MultiCheckboxField(_l("Addressees"), coerce=int)
    sectors = MultiCheckboxField(_l("Sectors"), coerce=int)
    principles = SelectMultipleField(_l("Related EU principles"), coerce=int)
    # sections do not show it: absent from the form, it keeps its default
    time_horizon = SelectField(_l("Time horizon"), choices=HORIZONS, default="")
    version = DatabaseIntegerField(widget=HiddenInput(), validators=[Optional()])
    base_text = HiddenField()
    action = StringField()  # the pressed button: "save" or "preview"


class VersionForm(FlaskForm):
    """Save the working copy as a version."""

    number = StringField(_l("Version number"), validators=[
        DataRequired(), Regexp(r"\A[0-9]{1,6}\.[0-9]{1,6}\Z",
                               message=_l("Use a number such as 0.3 or 1.0."))])
    label = StringField(_l("Label"), validators=[Length(max=200)])
    change_note = TextAreaField(_l("What changed"), validators=[Length(max=5000)],
                                render_kw={"rows": 3})


class DispositionForm(FlaskForm):
    """The decision on one comment, its reason and the block it went to (a matrix row)."""

    status = StringField(_l("Disposition"), default="")
    reason = TextAreaField(_l("Reason"), default="")
    block = DatabaseIntegerField(_l("Block"), validators=[Optional()])
    version = DatabaseIntegerField(widget=HiddenInput(), validators=[Optional()])
    back = BackField()


PARAGRAPH_FIELDS = ("body", "quote", "change", "type", "phases", "sectors", "language")


class ParagraphCommentForm(FlaskForm):
    """A participant's comment on a paragraph; the service checks its values (InvalidInput)."""

    body = TextAreaField(_l("Comment"), default="")
    quote = TextAreaField(_l("Passage you comment on (optional): copy it from the text above"),
                          default="")
    change = TextAreaField(_l("Proposed change (optional)"), default="")
    type = StringField(_l("Type of comment"), default="general")
    phases = IdsField(_l("Credential phases (at least one)"))
    sectors = IdsField(_l("Sectors (optional)"))
    language = StringField(_l("Language of the comment"), default=interface_language)
    # "confirm" when the comment is changed from the confirmation page, to go back there
    back = HiddenField(default="")

    def values(self) -> dict:
        """The comment's values as the page shows them."""
        return {name: self[name].data for name in PARAGRAPH_FIELDS}

    def field_errors(self) -> dict[str, str]:
        """The first message of each field that has one, by the field's name."""
        return {name: self[name].errors[0] for name in PARAGRAPH_FIELDS if self[name].errors}

    def comment_input(self) -> CommentInput:
        """The comment to save (a paragraph comment answers no question)."""
        return CommentInput(question_id=0, body=self.body.data, phases=self.phases.data,
                            sectors=self.sectors.data, comment_type=self.type.data,
                            proposed_change=self.change.data, language=self.language.data)


class ReopenForm(FlaskForm):
    """The chair's reason for reopening a published document (the service requires one)."""

    reason = TextAreaField(_l("Why reopen it as a new draft?"), default="")


class MergeForm(FlaskForm):
    """Comments chosen in the explorer ("comment:12"), merged into "block:3" or "section:4"."""

    target = StringField(_l("Merge into"))
    item = SelectMultipleField(_l("Comments"), validate_choice=False)
    back = BackField()

    def comment_ids(self) -> list[int]:
        """The ids of the chosen comments (answers cannot be merged)."""
        return parse_ids(value.partition(":")[2] for value in self.item.data or []
                         if value.startswith("comment:"))


class ReleaseForm(FlaskForm):
    """Show participants the dispositions, or (action "withdraw") stop showing them."""

    action = StringField(default="release")
