"""The core blueprint; the application factory imports its route modules."""

from flask import Blueprint

bp = Blueprint("core", __name__, template_folder="templates")
