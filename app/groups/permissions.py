"""Who may manage working groups and their members.

A group gives its members edit rights (and its chair publish rights) on the documents it
owns, so its membership is managed by administrators and by the facilitators of those
documents' consultations (a group that owns no document yet gives no rights, and any
facilitator may manage it). A group's chair may add and remove plain members but not chairs.
Nobody but an administrator changes their own membership: nobody grants themselves rights.
"""

from sqlalchemy import select

from ..accounts.permissions import can_administer, can_facilitate
from ..extensions import db


def _documents(group) -> list:
    from ..drafts.models import PolicyDocument

    return list(db.session.scalars(select(PolicyDocument).where(
        PolicyDocument.working_group_id == group.id)))


def can_manage_group(user, group) -> bool:
    """Administrators; facilitators of the consultations of the documents the group owns."""
    if can_administer(user):
        return True
    if not can_facilitate(user):
        return False
    documents = _documents(group)
    return not documents or any(
        document.created_by_id == user.id
        or any(f.id == user.id for c in document.consultations for f in c.facilitators)
        for document in documents)


def can_view_group(user, group) -> bool:
    """Facilitators, administrators and the group's own members."""
    return can_facilitate(user) or bool(getattr(user, "is_authenticated", False)
                                        and group.role_of(user))


def can_manage_members(user, group) -> bool:
    """Those who manage the group, and its chair (plain members only)."""
    return can_manage_group(user, group) or (
        bool(getattr(user, "is_authenticated", False)) and group.role_of(user) == "chair")


def can_set_member(user, group, person, role: str | None) -> bool:
    """Whether `user` may give `person` this role in the group (None: remove them)."""
    if not can_manage_members(user, group):
        return False
    if person.id == user.id and not can_administer(user):
        return False
    if can_manage_group(user, group):
        return True
    return role in (None, "member") and group.role_of(person) != "chair"


ROUTE_POLICIES = {"index": can_facilitate, "group": can_view_group}
