from flask import Blueprint

bp = Blueprint("consultations", __name__, template_folder="templates", url_prefix="/manage")

from . import question_routes, response_routes, round_routes, routes  # noqa: E402,F401
