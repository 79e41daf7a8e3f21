"""The consultations blueprint; the application factory imports its route modules."""

from flask import Blueprint

bp = Blueprint("consultations", __name__, template_folder="templates", url_prefix="/manage")
