"""The export form: which saved version, in which format and house style, with which annexes.

The page renders the choices by hand (radio buttons per format and style); the services
check them against what the pipeline offers.
"""

from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import BooleanField, SelectMultipleField, StringField
from wtforms.validators import Optional

from ..core.forms import DatabaseIntegerField


class ExportForm(FlaskForm):
    """What to export; `fresh` makes a new file even if the same export exists."""

    version = DatabaseIntegerField(_l("Version"), validators=[Optional()])
    format = StringField(_l("Format"))
    style = StringField(_l("Style"))
    annex = SelectMultipleField(_l("Annexes"), validate_choice=False)
    fresh = BooleanField(_l("Make a new file even if the same export exists"))
