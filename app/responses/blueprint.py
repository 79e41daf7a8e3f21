"""The responses blueprint and its template global describe_answer; the factory imports views."""

from flask import Blueprint

from .listing import describe_answer

bp = Blueprint("responses", __name__, template_folder="templates")
bp.add_app_template_global(describe_answer)
