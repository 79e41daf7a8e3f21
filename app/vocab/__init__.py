from flask import Blueprint

bp = Blueprint("vocab", __name__, template_folder="templates", url_prefix="/admin/vocabularies")

from . import routes  # noqa: E402,F401
