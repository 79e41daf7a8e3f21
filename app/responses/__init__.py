from flask import Blueprint

bp = Blueprint("responses", __name__, template_folder="templates")

from . import routes  # noqa: E402,F401
from .listing import describe_answer  # noqa: E402

bp.add_app_template_global(describe_answer)
