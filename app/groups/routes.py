"""Working-group pages for facilitators and administrators."""

from flask import abort, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import current_user, login_required

from ..accounts import services as accounts
from ..accounts.permissions import facilitator_required
from ..core.errors import DomainError
from ..extensions import db
from ..vocab import services as vocab
from . import bp, permissions, services
from .models import ROLES, WorkingGroup


@bp.route("/", methods=["GET", "POST"])
@facilitator_required
def index():
    """Every working group, and a form to add one."""
    if request.method == "POST":
        group = _save(None)
        if group is not None:
            return redirect(url_for("groups.group", group_id=group.id))
    return render_template("groups/index.html", groups=services.groups(),
                           levels=vocab.terms("governance_level"),
                           countries=vocab.terms("country"))


@bp.route("/<int:group_id>", methods=["GET", "POST"])
@login_required
def group(group_id: int):
    """A group's details and members (its chair manages plain members here too)."""
    item = db.session.get(WorkingGroup, group_id) or abort(404)
    if not permissions.can_view_group(current_user, item):
        abort(403)
    if request.method == "POST":
        if request.form.get("action") == "member":
            if not permissions.can_manage_members(current_user, item):
                abort(403)
            _member(item)
        else:
            if not permissions.can_manage_group(current_user, item):
                abort(403)
            _save(item)
        return redirect(url_for("groups.group", group_id=item.id))
    return render_template("groups/group.html", group=item, roles=ROLES,
                           can_manage=permissions.can_manage_group(current_user, item),
                           can_manage_members=permissions.can_manage_members(current_user, item),
                           levels=vocab.terms("governance_level"),
                           countries=vocab.terms("country"))


def _save(group):
    try:
        saved = services.save_group(
            current_user, name=request.form.get("name", ""),
            level=vocab.term_by_id(request.form.get("level", type=int) or 0, "governance_level")
            or abort(400),
            country=vocab.term_by_id(request.form.get("country", type=int) or 0, "country"),
            region=request.form.get("region", ""),
            description=request.form.get("description", ""), group=group)
    except DomainError as exc:
        db.session.rollback()
        flash(exc.message, "error")
        return None
    db.session.commit()
    flash(_("The working group has been saved."), "success")
    return saved


def _member(group) -> None:
    user = accounts.find_by_email(request.form.get("email", ""))
    role = request.form.get("role") or None
    if user is None:
        flash(_("No account has that e-mail address."), "error")
        return
    try:
        services.set_member(current_user, group, user, role)
    except DomainError as exc:
        db.session.rollback()
        flash(exc.message, "error")
        return
    db.session.commit()
    flash(_("The members have been updated."), "success")
