"""The accounts blueprint and the `can` template global; the factory imports the views."""

from flask import Blueprint

from .permissions import TEMPLATE_CHECKS

bp = Blueprint("accounts", __name__, template_folder="templates")
bp.add_app_template_global(TEMPLATE_CHECKS, "can")
