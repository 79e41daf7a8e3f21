"""The privacy blueprint; the factory imports its views."""

from flask import Blueprint

bp = Blueprint("privacy", __name__, template_folder="templates")
