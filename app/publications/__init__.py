from flask import Blueprint

bp = Blueprint("publications", __name__, template_folder="templates",
               url_prefix="/publications")

from . import routes  # noqa: E402,F401
