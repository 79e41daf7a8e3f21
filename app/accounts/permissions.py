"""Who may do what with accounts and administrative pages."""

from functools import wraps

from flask import abort
from flask_login import current_user, login_required

from ..core.access import PUBLIC, SIGNED_IN, TOKEN


def _signed_in(user) -> bool:
    return bool(user is not None and getattr(user, "is_authenticated", False) and user.is_active)


def can_administer(user) -> bool:
    """Administrators manage accounts, organisations, vocabularies and settings."""
    return _signed_in(user) and bool(user.is_administrator)


def can_facilitate(user) -> bool:
    """Facilitators (and administrators) run consultations."""
    return _signed_in(user) and bool(user.is_facilitator or user.is_administrator)


def can_invite(user) -> bool:
    """Administrators and facilitators invite people."""
    return can_facilitate(user)


def can_grant_roles(user) -> bool:
    """Only administrators make someone an administrator or facilitator."""
    return can_administer(user)


def can_add_members(user) -> bool:
    """Only administrators put people into organisations (members answer for them)."""
    return can_administer(user)


def admin_required(view):
    """Sign-in required, then 403 unless the user is an administrator."""

    @wraps(view)
    @login_required
    def wrapped(*args, **kwargs):
        if not can_administer(current_user):
            abort(403)
        return view(*args, **kwargs)

    return wrapped


def facilitator_required(view):
    """Sign-in required, then 403 unless the user facilitates (or administers)."""

    @wraps(view)
    @login_required
    def wrapped(*args, **kwargs):
        if not can_facilitate(current_user):
            abort(403)
        return view(*args, **kwargs)

    return wrapped


TEMPLATE_CHECKS = {
    "administer": can_administer,
    "facilitate": can_facilitate,
    "invite": can_invite,
    "grant_roles": can_grant_roles,
    "add_members": can_add_members,
}


ROUTE_POLICIES = {
    "login": PUBLIC, "forgot_password": PUBLIC, "set_language": PUBLIC,
    "reset_password": TOKEN, "accept_invitation": TOKEN,
    "logout": SIGNED_IN, "account": SIGNED_IN, "change_password": SIGNED_IN,
    "sign_out_everywhere": SIGNED_IN,
    "users": can_administer, "edit_user": can_administer, "toggle_user_active": can_administer,
    "resend_invitation": can_administer,
    "invite": can_invite,
}
