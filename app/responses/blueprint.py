"""The responses blueprint and its template globals that describe answers; views elsewhere."""

from flask import Blueprint

from .listing import describe_answer, describe_answer_to_reader

bp = Blueprint("responses", __name__, template_folder="templates")
bp.add_app_template_global(describe_answer)
bp.add_app_template_global(describe_answer_to_reader)
