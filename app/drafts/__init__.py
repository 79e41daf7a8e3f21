from flask import Blueprint

bp = Blueprint("drafts", __name__, template_folder="templates")

from . import document_routes, paragraph_routes, routes  # noqa: E402,F401
from .blocks import tree  # noqa: E402


@bp.app_template_global()
def merge_targets(consultation) -> list:
    """Documents drawing on a consultation, with their blocks, for "merge into"."""
    return [(document, tree(document))
            for document in routes.documents_of_consultation(consultation)]
