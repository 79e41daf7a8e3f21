from flask import Blueprint

bp = Blueprint("imports", __name__, template_folder="templates", url_prefix="/admin/import")

from . import routes  # noqa: E402,F401
