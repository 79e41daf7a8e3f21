"""The analysis blueprint and its template globals; the factory imports the views."""

from flask import Blueprint

from .feedback import attribution, earlier_feedback
from .search import highlight
from .services import similar_comments

bp = Blueprint("analysis", __name__, template_folder="templates")
bp.add_app_template_global(attribution)
bp.add_app_template_global(earlier_feedback)
bp.add_app_template_global(similar_comments)
bp.add_app_template_filter(highlight)
