"""Administrators manage accounts; facilitators invite people."""

from flask import abort, current_app, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import current_user

from ..core.forms import attempt, select_choices
from ..core.mail import flash_undelivered
from ..core.pagination import paginate
from ..extensions import db
from ..organisations import services as organisations
from . import services
from .blueprint import bp
from .forms import UserForm
from .permissions import (
    admin_required,
    can_add_members,
    can_grant_roles,
    facilitator_required,
)


def _user_form(user=None) -> UserForm:
    form = UserForm(obj=user)
    form.preferred_language.choices = select_choices(current_app.config["LANGUAGES"].items())
    form.organisations.choices = select_choices(
        (o.id, o.name) for o in organisations.active_organisations())
    if user is not None:
        known = {choice.value for choice in form.organisations.choices}
        form.organisations.choices += select_choices(
            (o.id, o.name) for o in user.organisations if o.id not in known)
        if request.method == "GET":
            form.organisations.data = [o.id for o in user.organisations]
    if not can_grant_roles(current_user):
        del form.is_administrator
        del form.is_facilitator
    if not can_add_members(current_user):
        del form.organisations
    return form


def _fields(form: UserForm) -> dict:
    fields = {
        "email": form.email.data,
        "display_name": form.display_name.data,
        "preferred_language": form.preferred_language.data,
    }
    if "organisations" in form:
        fields["organisations"] = [organisations.get_organisation(i)
                                   for i in form.organisations.data or []]
    if "is_administrator" in form:
        fields["is_administrator"] = form.is_administrator.data
        fields["is_facilitator"] = form.is_facilitator.data
    return fields


@bp.get("/admin/users/")
@admin_required
def users():
    """Accounts with search, role and state filters, and pagination."""
    args = request.args
    query = services.users_query(args.get("q", ""), args.get("role", ""), args.get("active", ""))
    page = paginate(query, args.get("page", 1, type=int), 25)
    return render_template("accounts/admin/users.html", page=page)


@bp.route("/people/invite", methods=["GET", "POST"])
@facilitator_required
def invite():
    """Create an account and e-mail the person a link to set their password."""
    form = _user_form()
    if form.validate_on_submit():
        user = attempt(form, services.invite_user, current_user, **_fields(form))
        if user is not None:
            db.session.commit()
            flash(_("An invitation has been sent to %(email)s.", email=user.email), "success")
            flash_undelivered()
            if services.permissions.can_administer(current_user):
                return redirect(url_for("accounts.users"))
            return redirect(url_for("accounts.invite"))
    return render_template("accounts/admin/edit_user.html", form=form, user=None)


@bp.route("/admin/users/<int:user_id>", methods=["GET", "POST"])
@admin_required
def edit_user(user_id: int):
    """Edit an account; a concurrent edit is refused, not overwritten."""
    user = services.get_user(user_id) or abort(404)
    form = _user_form(user)
    if form.validate_on_submit():
        saved = attempt(form, services.update_user, current_user, user, locked=user,
                        expected_version=form.version.data, **_fields(form))
        if saved is not None:
            db.session.commit()
            flash(_("%(name)s has been saved.", name=user.display_name), "success")
            return redirect(url_for("accounts.users"))
    return render_template("accounts/admin/edit_user.html", form=form, user=user)


@bp.post("/admin/users/<int:user_id>/active")
@admin_required
def toggle_user_active(user_id: int):
    """Deactivate or reactivate an account."""
    user = services.get_user(user_id) or abort(404)
    services.set_active(current_user, user, not user.is_active)
    db.session.commit()
    message = (_("%(name)s can sign in again.") if user.is_active
               else _("%(name)s has been deactivated and can no longer sign in."))
    flash(message % {"name": user.display_name}, "success")
    return redirect(url_for("accounts.edit_user", user_id=user.id))


@bp.post("/admin/users/<int:user_id>/invitation")
@admin_required
def resend_invitation(user_id: int):
    """Send the invitation e-mail again."""
    user = services.get_user(user_id) or abort(404)
    services.send_invitation(current_user, user)
    db.session.commit()
    flash(_("The invitation has been sent again to %(email)s.", email=user.email), "success")
    flash_undelivered()
    return redirect(url_for("accounts.edit_user", user_id=user.id))
