"""The vocab blueprint; the application factory imports its route modules."""

from flask import Blueprint

bp = Blueprint("vocab", __name__, template_folder="templates", url_prefix="/admin/vocabularies")
