"""The publications blueprint (public pages of published final documents)."""

from flask import Blueprint

bp = Blueprint("publications", __name__, template_folder="templates",
               url_prefix="/publications")
