"""The export form: which saved version, in which format and house style, with which annexes.

The page renders the choices by hand (radio buttons per format and style); the services
check them against what the pipeline offers.
"""

from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import SelectMultipleField, StringField
from wtforms.validators import Optional

from ..core.forms import DatabaseIntegerField


class ExportForm(FlaskForm):
    """What to export: a stored file is reused only when every input is the same."""

    version = DatabaseIntegerField(_l("Version"), validators=[Optional()])
    format = StringField(_l("Format"))
    style = StringField(_l("Style"))
    annex = SelectMultipleField(_l("Annexes"), validate_choice=False)
