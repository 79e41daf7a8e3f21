"""Working-group operations: create, edit, members and their roles."""

from flask_babel import gettext as _
from sqlalchemy import func, select

from ..accounts.permissions import can_facilitate
from ..audit.services import record
from ..core.errors import Conflict, DomainError, NotAllowed
from ..extensions import db
from . import permissions
from .models import ROLES, Membership, WorkingGroup


def groups() -> list[WorkingGroup]:
    """Every working group, by name."""
    return list(db.session.scalars(select(WorkingGroup).order_by(func.lower(WorkingGroup.name))))


def groups_of(user) -> list[WorkingGroup]:
    """The groups a user belongs to."""
    return list(db.session.scalars(select(WorkingGroup).join(Membership).where(
        Membership.user_id == user.id).order_by(WorkingGroup.name)))


def save_group(actor, *, name: str, level, country=None, region: str = "",
               description: str = "", group: WorkingGroup | None = None) -> WorkingGroup:
    """Create a working group, or change one."""
    _require(actor)
    if group is not None and not permissions.can_manage_group(actor, group):
        raise NotAllowed(_("Only the facilitators of this group's documents and administrators "
                           "manage this working group."))
    name = name.strip()
    other = db.session.scalar(select(WorkingGroup).where(
        func.lower(WorkingGroup.name) == name.lower()))
    if other is not None and other is not group:
        raise Conflict(_("A working group called %(name)s exists already.", name=name))
    group = group or WorkingGroup()
    group.name, group.level, group.country = name, level, country
    group.region, group.description = region.strip(), description.strip()
    db.session.add(group)
    db.session.flush()
    record(actor, "working_group.save", group, name=name)
    return group


def set_member(actor, group: WorkingGroup, user, role: str | None) -> None:
    """Add a person with a role, change their role, or (role None) remove them.

    `actor` None: the system (CLI commands, the demo), as for accounts and organisations.
    """
    if role is not None and role not in ROLES:
        raise DomainError(_("A member is a chair or a member."))
    if actor is not None and not permissions.can_set_member(actor, group, user, role):
        raise NotAllowed(_("You may not give this role in this working group; nobody changes "
                           "their own membership."))
    membership = next((m for m in group.members if m.user_id == user.id), None)
    if role is None:
        if membership is not None:
            group.members.remove(membership)
    elif membership is None:
        group.members.append(Membership(user_id=user.id, role=role))
    else:
        membership.role = role
    record(actor, "working_group.member", group, user=user.id, role=role)


def _require(actor) -> None:
    if not can_facilitate(actor):
        raise NotAllowed(_("Only facilitators and administrators manage working groups."))
