"""Load what a drafting view acts on: 404 if it is missing, 403 if the user may not edit it.

The exports views use them too, so they live outside the route modules.
"""

from flask import abort
from flask_login import current_user

from ..extensions import db
from . import permissions
from .models import PolicyDocument


def editable_document(document_id: int) -> PolicyDocument:
    """The document, if the current user may edit it."""
    document = db.session.get(PolicyDocument, document_id) or abort(404)
    if not permissions.can_edit(current_user, document):
        abort(403)
    return document
