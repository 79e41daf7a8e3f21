"""Organisation forms."""

from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import BooleanField, SelectField, SelectMultipleField, StringField
from wtforms.validators import URL, DataRequired, Length, Optional
from wtforms.widgets import HiddenInput

from ..core.forms import DatabaseIntegerField


class OrganisationForm(FlaskForm):
    """An organisation as administrators edit it; choices come from the vocabularies."""

    name = StringField(_l("Name"), validators=[DataRequired(), Length(max=200)])
    stakeholder_type = SelectField(_l("Stakeholder type"), coerce=int,
                                   validators=[DataRequired()])
    is_startup = BooleanField(_l("Start-up"), description=_l("Only for enterprises."))
    country = SelectField(_l("Country"), coerce=int, validators=[DataRequired()])
    region = StringField(_l("Region"), validators=[Optional(), Length(max=120)])
    governance_level = SelectField(_l("Governance level"), coerce=int,
                                   validators=[DataRequired()])
    sectors = SelectMultipleField(_l("Sectors"), coerce=int, validators=[Optional()],
                                  description=_l("Hold Ctrl (or ⌘) to choose several."))
    website = StringField(_l("Website"), validators=[Optional(), URL(), Length(max=300)])
    version = DatabaseIntegerField(widget=HiddenInput(), validators=[Optional()])
