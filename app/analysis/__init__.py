from flask import Blueprint

bp = Blueprint("analysis", __name__, template_folder="templates")

from . import changes, feedback_routes, report_routes, routes, services  # noqa: E402,F401
from .feedback import attribution, earlier_feedback  # noqa: E402
from .search import highlight  # noqa: E402

bp.add_app_template_global(attribution)
bp.add_app_template_global(earlier_feedback)
bp.add_app_template_global(services.similar_comments)
bp.add_app_template_filter(highlight)
