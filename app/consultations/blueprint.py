"""The consultations blueprint and the template helpers of content in several languages.

The application factory imports its route modules.
"""

from flask import Blueprint

from . import content

bp = Blueprint("consultations", __name__, template_folder="templates", url_prefix="/manage")
bp.add_app_template_global(content.localized)
bp.add_app_template_global(content.fallback_note, "translation_note")
bp.add_app_template_filter(content.in_language)
bp.add_app_template_filter(content.lang_attribute)
