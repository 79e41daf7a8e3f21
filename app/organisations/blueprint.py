"""The organisations blueprint; the application factory imports its route modules."""

from flask import Blueprint

bp = Blueprint(
    "organisations", __name__, template_folder="templates", url_prefix="/admin/organisations"
)
