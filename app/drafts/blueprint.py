"""The drafts blueprint and its template global merge_targets; the factory imports the views."""

from flask import Blueprint

from .blocks import tree
from .queries import documents_of_consultation

bp = Blueprint("drafts", __name__, template_folder="templates")


@bp.app_template_global()
def merge_targets(consultation) -> list:
    """Documents drawing on a consultation, with their blocks, for "merge into"."""
    return [(document, tree(document)) for document in documents_of_consultation(consultation)]
