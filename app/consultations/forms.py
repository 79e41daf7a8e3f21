"""Forms of the facilitator pages: they validate input only."""

from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from flask_wtf.file import FileAllowed, FileField
from wtforms import (
    BooleanField,
    DateTimeLocalField,
    DecimalField,
    HiddenField,
    RadioField,
    SelectField,
    SelectMultipleField,
    StringField,
    TextAreaField,
)
from wtforms.validators import DataRequired, Length, NumberRange, Optional
from wtforms.widgets import CheckboxInput, HiddenInput, ListWidget

from ..accounts.forms import TIMEZONES
from ..core.forms import BoundedMarkdown, DatabaseIntegerField, select_choices
from ..core.input import database_int
from . import content


def _optional_int(value) -> int | None:
    return database_int(value) if value not in (None, "") else None


class MultiCheckboxField(SelectMultipleField):
    """Several choices shown as a group of checkboxes."""

    widget = ListWidget(prefix_label=False)
    option_widget = CheckboxInput()


class ConsultationForm(FlaskForm):
    """A consultation's description and owners."""

    title = StringField(_l("Title"), validators=[DataRequired(), Length(max=200)])
    summary = TextAreaField(_l("Summary"), validators=[Length(max=20_000)],
                            description=_l("Markdown: **bold**, *italic*, lists, links."))
    working_group = StringField(_l("Working group"), validators=[Length(max=200)],
                                description=_l("Optional: the group that owns the outcome."))
    sectors = MultiCheckboxField(_l("Sectors"), coerce=int)
    facilitators = SelectMultipleField(_l("Facilitators"), coerce=int,
                                       description=_l("Hold Ctrl (or ⌘) to choose several."))
    original_language = SelectField(_l("Language the texts are written in"), default="en")
    offered_languages = MultiCheckboxField(
        _l("Also offered in"),
        description=_l("Participants reading in these languages see your translations of the "
                       "titles, introductions and questions; texts not yet translated are "
                       "shown in the original language, with a note."))
    version = DatabaseIntegerField(widget=HiddenInput(), validators=[Optional()])


class ConsensusForm(FlaskForm):
    """How consensus on scale questions is measured."""

    scale_points = SelectField(_l("Scale"), coerce=int,
                               choices=select_choices([(5, _l("5 points")), (7, _l("7 points"))]))
    agreement_from = DatabaseIntegerField(_l("Agreement starts at point"), validators=[
        DataRequired(), NumberRange(min=1, max=7)],
        description=_l("E.g. 4 on a 5-point scale: “agree” and “strongly agree” count."))
    min_agreement = DecimalField(_l("Minimum agreement (%)"), places=0, validators=[
        DataRequired(), NumberRange(min=1, max=100)])
    max_iqr = DecimalField(_l("Maximum interquartile range"), places=1, validators=[
        DataRequired(), NumberRange(min=0, max=6)])


class DocumentForm(FlaskForm):
    """A background document."""

    title = StringField(_l("Title"), validators=[DataRequired(), Length(max=200)])
    body = TextAreaField(_l("Text"), validators=[Length(max=200_000)],
                         description=_l("Markdown: headings, lists, tables, links."),
                         render_kw={"rows": 16})


RESPONSE_MODES = select_choices([
    ("person", _l("One response per person")),
    ("organisation", _l("One response per organisation, written together by its members")),
])
ANONYMITY_MODES = select_choices([
    ("attributed", _l("Attributed: names and organisations are visible")),
    ("anonymous_to_participants", _l("Anonymous to other participants; facilitators see who "
                                     "wrote what")),
    ("anonymous", _l("Anonymous to everyone, facilitators included")),
])


class RoundForm(FlaskForm):
    """A round's settings and audience."""

    title = StringField(_l("Title"), validators=[DataRequired(), Length(max=200)])
    introduction = TextAreaField(_l("Introduction"), validators=[Length(max=20_000)],
                                 description=_l("Markdown. Shown above the questions."))
    timezone = SelectField(_l("Time zone of the dates"),
                           choices=select_choices([("UTC", "UTC")] + [(t, t) for t in TIMEZONES]),
                           default="Europe/Brussels")
    opens_at = DateTimeLocalField(_l("Opens"), format="%Y-%m-%dT%H:%M",
                                  validators=[DataRequired()])
    closes_at = DateTimeLocalField(_l("Closes"), format="%Y-%m-%dT%H:%M",
                                   validators=[DataRequired()])
    response_mode = RadioField(_l("Who responds"), choices=RESPONSE_MODES, default="person")
    anonymity = RadioField(_l("Anonymity"), choices=ANONYMITY_MODES, default="attributed",
                           description=_l("Participants see this choice before they answer."))
    audience_stakeholder_types = MultiCheckboxField(_l("Stakeholder types"), coerce=int)
    audience_countries = SelectMultipleField(_l("Countries"), coerce=int)
    audience_levels = MultiCheckboxField(_l("Governance levels"), coerce=int)
    audience_sectors = MultiCheckboxField(_l("Sectors"), coerce=int)
    audience_organisations = SelectMultipleField(_l("Named organisations"), coerce=int)
    document_version = SelectField(_l("Document version put to this round for comments"),
                                   coerce=_optional_int)
    version = DatabaseIntegerField(widget=HiddenInput(), validators=[Optional()])


class DeadlineForm(FlaskForm):
    """Extend a round, move its deadline earlier, or close it early."""

    # ids of their own: the settings form on the same page has a closes_at field too
    closes_at = DateTimeLocalField(_l("New closing time"), format="%Y-%m-%dT%H:%M",
                                   validators=[Optional()], id="deadline-closes_at")
    reason = StringField(_l("Reason for the new deadline, shown to participants"),
                         validators=[Length(max=500)], id="deadline-reason")


QUESTION_KINDS = select_choices([
    ("text", _l("Free text")), ("scale", _l("Agreement scale")),
    ("single", _l("Single choice")), ("multiple", _l("Multiple choice")),
    ("ranking", _l("Ranking")), ("number", _l("Number")),
])


class QuestionForm(FlaskForm):
    """A question of any kind; the fields that do not apply to the kind are ignored."""

    kind = SelectField(_l("Kind of question"), choices=QUESTION_KINDS)
    prompt = TextAreaField(_l("Question"), validators=[DataRequired(), Length(max=2_000)],
                           render_kw={"rows": 2})
    help_text = TextAreaField(_l("Help text"), validators=[Length(max=5_000)],
                              render_kw={"rows": 2})
    is_required = BooleanField(_l("An answer is required to submit"))
    phases = MultiCheckboxField(_l("Credential phases"), coerce=int,
                                description=_l("At least one."))
    sectors = MultiCheckboxField(_l("Sectors"), coerce=int)
    elements = SelectMultipleField(_l("EU standard elements"), coerce=int)
    principles = SelectMultipleField(_l("EU principles"), coerce=int)
    scale_points = SelectField(_l("Points on the scale"), coerce=_optional_int,
                               choices=select_choices([(5, "5"), (7, "7")]),
                               validate_choice=False)  # checked by the service, per kind
    scale_labels = TextAreaField(_l("Scale labels, one per line"), render_kw={"rows": 7},
                                 description=_l("Leave empty for the standard agreement labels."))
    options = TextAreaField(_l("Options, one per line"), render_kw={"rows": 6})
    max_choices = DatabaseIntegerField(_l("Most options a person may choose"),
                               validators=[Optional(), NumberRange(min=1)])
    min_value = DecimalField(_l("Lowest allowed number"), validators=[Optional()])
    max_value = DecimalField(_l("Highest allowed number"), validators=[Optional()])
    version = DatabaseIntegerField(widget=HiddenInput(), validators=[Optional()])


class InviteEmailsForm(FlaskForm):
    """Invite people by e-mail address, typed or from a CSV file."""

    emails = TextAreaField(_l("E-mail addresses"), validators=[Length(max=200_000)],
                           description=_l("One per line, or separated by commas; a CSV "
                                          "column of addresses can be pasted as it is."),
                           render_kw={"rows": 6})
    file = FileField(_l("Or a CSV file of e-mail addresses"), validators=[
        FileAllowed(["csv", "txt"], _l("Choose a .csv file."))])

    def validate(self, extra_validators=None) -> bool:
        """Require addresses in the text box or in the file."""
        if not super().validate(extra_validators):
            return False
        if not (self.emails.data or "").strip() and not self.file.data:
            self.emails.errors.append(_l("Type addresses or choose a file."))
            return False
        return True


class TranslationRow:
    """One original text beside the field for its translation."""

    def __init__(self, field, original: str, markdown: bool) -> None:
        self.field, self.original, self.markdown = field, original, markdown


def _row_label(kind: str, field: str, number: int, index: int | None) -> str:
    labels = {
        "title": _l("Title") if kind != "round" else _l("Round title"),
        "summary": _l("Summary"), "introduction": _l("Introduction"),
        "prompt": _l("Question %(n)d"), "help_text": _l("Help text of question %(n)d"),
        "options": _l("Option %(i)d of question %(n)d"),
        "scale_labels": _l("Scale label %(i)d of question %(n)d"),
    }
    return str(labels[field]) % {"n": number, "i": (index or 0) + 1}


def _translation_field(field: str, label: str, default):
    """The field for one translation, bounded like the original's."""
    validators = [Length(max=content.MAX_LENGTHS[field])]
    if field in content.MARKDOWN_FIELDS:
        validators.append(BoundedMarkdown())
    kind = StringField if field in ("title", *content.LIST_FIELDS) else TextAreaField
    return kind(label, validators=validators, default=default or "")


def translation_form(items: list, language: str):
    """A form with a field per original text of the items (consultation, round, questions).

    Returns the form and, per item, its heading, the item and its rows. Field names carry the
    item's place on the page (never an id from the request), so only these items change.
    """
    attributes = {"versions": HiddenField()}
    layout = []
    for place, (heading, item) in enumerate(items):
        kind = type(item).__name__.lower()
        stored = (item.translations or {}).get(language, {})
        rows = []
        for field in content.FIELDS[type(item)]:
            original = getattr(item, field)
            listed = field in content.LIST_FIELDS
            for index, text in enumerate((original if listed else [original]) if original
                                         else []):
                name = f"i{place}-{field}" + (f"-{index}" if listed else "")
                saved = stored.get(field)
                if listed:
                    saved = saved[index] if isinstance(saved, list) and index < len(saved) \
                        else None
                label = _row_label(kind, field, place, index if listed else None)
                attributes[name] = _translation_field(field, label, saved)
                rows.append((name, text, field in content.MARKDOWN_FIELDS))
        layout.append((heading, item, rows))
    form = type("TranslationForm", (FlaskForm,), attributes)()
    if not form.is_submitted():
        form.versions.data = content.content_versions([item for _h, item, _r in layout])
    return form, [(heading, item, [TranslationRow(form[name], text, markdown)
                                   for name, text, markdown in rows])
                  for heading, item, rows in layout]


def translated_texts(sections) -> dict:
    """{item: {field: text or list of texts}} from a validated translation form."""
    texts = {}
    for _heading, item, rows in sections:
        fields = {}
        for row in rows:
            field = row.field.name.split("-")[1]
            if field in content.LIST_FIELDS:
                fields.setdefault(field, []).append(row.field.data or "")
            else:
                fields[field] = row.field.data or ""
        texts[item] = fields
    return texts
