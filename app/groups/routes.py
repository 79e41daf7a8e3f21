"""Working-group pages for facilitators and administrators."""

from flask import abort, flash, redirect, render_template, url_for
from flask_babel import gettext as _
from flask_login import current_user, login_required

from ..accounts import services as accounts
from ..accounts.permissions import facilitator_required
from ..core.forms import attempt, select_choices
from ..extensions import db
from ..vocab import services as vocab
from . import permissions, services
from .blueprint import bp
from .forms import GroupForm, MemberForm
from .models import WorkingGroup


def _group_form(group: WorkingGroup | None = None) -> GroupForm:
    form = GroupForm(obj=group)
    form.level.choices = vocab.choices("governance_level", [group.level] if group else [])
    form.country.choices = select_choices([("", _("Several or none"))]) + vocab.choices(
        "country", [group.country] if group else [])
    if group is not None and not form.is_posted():
        form.level.data, form.country.data = group.level_id, group.country_id
    return form


def _fields(form: GroupForm) -> dict:
    return {"name": form.name.data,
            "level": vocab.term_by_id(form.level.data, "governance_level"),
            "country": vocab.term_by_id(form.country.data, "country")
            if form.country.data else None,
            "region": form.region.data or "", "description": form.description.data or ""}


@bp.route("/", methods=["GET", "POST"])
@facilitator_required
def index():
    """Every working group, and a form to add one."""
    form = _group_form()
    if form.is_posted() and form.validate():
        saved = attempt(form, services.save_group, current_user, **_fields(form))
        if saved is not None:
            db.session.commit()
            flash(_("The working group has been saved."), "success")
            return redirect(url_for("groups.group", group_id=saved.id))
    return render_template("groups/index.html", groups=services.groups(), form=form)


@bp.route("/<int:group_id>", methods=["GET", "POST"])
@login_required
def group(group_id: int):
    """A group's details and members (its chair manages plain members here too)."""
    item = db.session.get(WorkingGroup, group_id) or abort(404)
    if not permissions.can_view_group(current_user, item):
        abort(403)
    can_manage = permissions.can_manage_group(current_user, item)
    can_manage_members = permissions.can_manage_members(current_user, item)
    member, details = MemberForm(), _group_form(item)
    if not can_manage:  # a chair adds and removes plain members, never chairs
        member.role.choices = [c for c in member.role.choices if c.value != "chair"]
    if member.is_posted():
        if not can_manage_members:
            abort(403)
        if member.validate() and _set_member(item, member):
            return redirect(url_for("groups.group", group_id=item.id))
    if details.is_posted():
        if not can_manage:
            abort(403)
        if details.validate():
            saved = attempt(details, services.save_group, current_user, group=item,
                            **_fields(details))
            if saved is not None:
                db.session.commit()
                flash(_("The working group has been saved."), "success")
                return redirect(url_for("groups.group", group_id=item.id))
    return render_template("groups/group.html", group=item, form=details, member_form=member,
                           can_manage=can_manage, can_manage_members=can_manage_members)


def _set_member(group: WorkingGroup, form: MemberForm) -> bool:
    user = accounts.find_by_email(form.email.data)
    if user is None:
        form.email.errors.append(_("No account has that e-mail address."))
        return False
    if attempt(form, services.set_member, current_user, group, user, form.role.data or None):
        db.session.commit()
        flash(_("The members have been updated."), "success")
        return True
    return False
