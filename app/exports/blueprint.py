"""The exports blueprint; the application factory imports its route modules."""

from flask import Blueprint

bp = Blueprint("exports", __name__, template_folder="templates")
