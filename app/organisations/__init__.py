from flask import Blueprint

bp = Blueprint(
    "organisations", __name__, template_folder="templates", url_prefix="/admin/organisations"
)

from . import routes  # noqa: E402,F401
