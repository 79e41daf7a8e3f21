"""The imports blueprint; the application factory imports its route modules."""

from flask import Blueprint

bp = Blueprint("imports", __name__, template_folder="templates", url_prefix="/admin/import")
