from flask import Blueprint

bp = Blueprint("accounts", __name__, template_folder="templates")

from . import admin_routes, routes  # noqa: E402,F401
