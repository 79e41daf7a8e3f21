"""Collation forms: coding items, notes, the codebook and the near-duplicate threshold.

The pages render these fields by hand (checkboxes in the explorer's rows, a palette); the
forms validate what comes back.
"""

from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import SelectMultipleField, StringField, TextAreaField
from wtforms.validators import Length, Optional

from ..core.forms import BackField, DatabaseIntegerField, IdsField
from ..core.input import parse_id


class CodeItemsForm(FlaskForm):
    """Codes to apply to (or remove from) items given as "comment:12" or "answer:7"."""

    item = SelectMultipleField(_l("Items"), validate_choice=False)
    code = IdsField(_l("Codes"))
    action = StringField(default="apply")
    back = BackField()

    def items(self, kinds) -> list[tuple[str, int]]:
        """The selected (kind, id) pairs of the given kinds."""
        found = []
        for value in self.item.data or []:
            kind, _sep, item_id = value.partition(":")
            if kind in kinds and parse_id(item_id) is not None:
                found.append((kind, parse_id(item_id)))
        return found


class NoteForm(FlaskForm):
    """A facilitator's note on a comment."""

    note = TextAreaField(_l("Add a note"), validators=[Optional(), Length(max=5000)])


class CodeForm(FlaskForm):
    """A code of the codebook: label, description, colour, and the theme it belongs to."""

    label = StringField(_l("Label"), validators=[Optional(), Length(max=120)])
    description = TextAreaField(_l("Description"), validators=[Optional()])
    colour = StringField(_l("Colour"), validators=[Optional(), Length(max=7)])
    parent = DatabaseIntegerField(_l("Theme"), validators=[Optional()])


class ThresholdForm(FlaskForm):
    """The similarity (in per cent) above which comments count as near-duplicates."""

    threshold = DatabaseIntegerField(_l("Similarity threshold"), validators=[Optional()])


class FeedbackForm(FlaskForm):
    """The synthesis and the questions and comments shown with it; `action` saves or releases."""

    action = StringField(default="save")
    synthesis = TextAreaField(_l("Synthesis"), validators=[Optional()])
    question = IdsField(_l("Questions"))
    comment = IdsField(_l("Comments"))
