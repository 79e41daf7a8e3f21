"""Administrators read the audit log."""

from flask import render_template, request

from ..accounts.permissions import admin_required
from ..core.pagination import paginate
from .blueprint import bp
from .services import events_query


@bp.get("/")
@admin_required
def index():
    """The audit log, newest first, filterable by object type."""
    object_type = request.args.get("object_type") or None
    page = paginate(
        events_query(object_type=object_type),
        request.args.get("page", 1, type=int),
        50,
    )
    return render_template("audit/index.html", page=page, object_type=object_type)
