"""Account operations: sign-in, invitations, password resets, profile and role changes."""

from collections.abc import Iterable

from flask import current_app
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from sqlalchemy import func, or_, select, update
from sqlalchemy.orm.attributes import set_committed_value
from werkzeug.security import check_password_hash, generate_password_hash

from ..audit.services import record
from ..core.errors import Conflict, DomainError, NotAllowed
from ..core.mail import letter, send_letter
from ..core.records import apply_changes, check_version
from ..core.types import utcnow
from ..core.urls import external_url
from ..extensions import db
from . import permissions, sessions
from .models import User
from .tokens import TokenError, make_token, read_token

MIN_PASSWORD_LENGTH = 10
# Checked when no account matches, so a wrong e-mail costs as long as a wrong password.
_DUMMY_HASH = generate_password_hash("not-a-real-password", method="scrypt")


class EmailTaken(Conflict):
    """Another account already uses this e-mail address."""


class InvalidToken(DomainError):
    """An invitation or reset link is invalid, used or expired."""


class PasswordRejected(DomainError):
    """The new password does not meet the rules, or the current one was wrong."""


class WrongPassword(PasswordRejected):
    """The current password given to confirm a change was wrong."""


def normalise_email(email: str) -> str:
    """E-mail addresses are compared and stored lower-case, without surrounding spaces."""
    return (email or "").strip().lower()


def get_user(user_id) -> User | None:
    """The user with this id, or None."""
    try:
        return db.session.get(User, int(user_id))
    except (TypeError, ValueError):
        return None


def find_by_email(email: str) -> User | None:
    """The account with this e-mail address, whatever its case."""
    return db.session.scalar(select(User).where(User.email == normalise_email(email)))


def all_emails() -> set[str]:
    """Every account's e-mail address (stored normalised), in one query."""
    return set(db.session.scalars(select(User.email)))


def check_password_rules(password: str, email: str = "") -> None:
    """Raise PasswordRejected unless the password is long enough and not the e-mail."""
    if len(password or "") < MIN_PASSWORD_LENGTH:
        raise PasswordRejected(
            _("Use at least %(n)d characters for your password.", n=MIN_PASSWORD_LENGTH)
        )
    if email and password.strip().lower() == normalise_email(email):
        raise PasswordRejected(_("Your password must not be your e-mail address."))


def set_password(user: User, password: str) -> None:
    """Hash and store a new password after checking the rules."""
    check_password_rules(password, user.email)
    user.password_hash = generate_password_hash(
        password, method=current_app.config["PASSWORD_HASH_METHOD"]
    )


def authenticate(email: str, password: str) -> User | None:
    """The active user with these credentials, or None (same cost whether or not it exists)."""
    user = find_by_email(email)
    if user is None or not user.password_hash:
        check_password_hash(_DUMMY_HASH, password or "")
        return None
    if not check_password_hash(user.password_hash, password or "") or not user.is_active:
        return None
    return user


def record_login(user: User) -> None:
    """Note the time of a successful sign-in.

    A plain UPDATE, outside the row's version check: two sign-ins of the same account at
    once both succeed (the last time wins) instead of one failing with StaleDataError, and
    an edit of the account open elsewhere is not refused because its owner signed in.
    """
    now = utcnow()
    db.session.execute(update(User.__table__).where(User.__table__.c.id == user.id)
                       .values(last_login_at=now))
    set_committed_value(user, "last_login_at", now)
    record(user, "user.login", user)


def create_user(
    actor: User | None,
    email: str,
    display_name: str,
    *,
    organisations: Iterable = (),
    is_administrator: bool = False,
    is_facilitator: bool = False,
    preferred_language: str = "en",
    timezone: str = "",
    password: str | None = None,
) -> User:
    """Create an account; without a password the person sets one through an invitation."""
    user = _new_user(actor, email=email, display_name=display_name,
                     organisations=organisations, is_administrator=is_administrator,
                     is_facilitator=is_facilitator, preferred_language=preferred_language,
                     timezone=timezone, password=password)
    with db.session.no_autoflush:  # the new account is not in the session yet
        taken = find_by_email(user.email) is not None
    if taken:
        raise EmailTaken(_("An account with the e-mail address %(email)s exists already.",
                           email=user.email))
    db.session.add(user)
    db.session.flush()
    _record_created(actor, user)
    return user


def create_users(actor: User | None, rows: list[dict]) -> list[User]:
    """Create many accounts at once (a CSV import): the same checks, in one flush.

    The addresses are read once for the whole batch, not once per row.
    """
    taken = all_emails()
    users = []
    with db.session.no_autoflush:
        for fields in rows:
            user = _new_user(actor, **fields)
            if user.email in taken:
                raise EmailTaken(_("An account with the e-mail address %(email)s exists "
                                   "already.", email=user.email))
            taken.add(user.email)
            users.append(user)
    db.session.add_all(users)
    db.session.flush()
    for user in users:
        _record_created(actor, user)
    return users


def _new_user(actor: User | None, *, email: str, display_name: str,
              organisations: Iterable = (), is_administrator: bool = False,
              is_facilitator: bool = False, preferred_language: str = "en",
              timezone: str = "", password: str | None = None) -> User:
    if actor is not None and (is_administrator or is_facilitator):
        if not permissions.can_grant_roles(actor):
            raise NotAllowed(_("Only administrators can give someone a role."))
    organisations = list(organisations)
    if actor is not None and organisations and not permissions.can_add_members(actor):
        # A member reads and writes the organisation's responses: only administrators open
        # that door; a facilitator's invitation creates an account outside every organisation.
        raise NotAllowed(_("Only administrators can add people to an organisation."))
    user = User(
        email=normalise_email(email),
        display_name=display_name.strip(),
        is_administrator=is_administrator,
        is_facilitator=is_facilitator,
        preferred_language=preferred_language,
        timezone=timezone,
        is_active_account=True,
    )
    user.organisations = organisations
    if password:
        set_password(user, password)
    return user


def _record_created(actor: User | None, user: User) -> None:
    record(actor, "user.create", user, email=user.email, roles=user.roles,
           organisations=[o.name for o in user.organisations])


def update_user(actor: User, user: User, *, expected_version: int | None = None, **fields) -> User:
    """Change an account's details (administrators) with optimistic locking."""
    if not permissions.can_administer(actor):
        raise NotAllowed(_("Only administrators can edit accounts."))
    check_version(user, expected_version)
    if "email" in fields:
        fields["email"] = normalise_email(fields["email"])
        other = find_by_email(fields["email"])
        if other is not None and other.id != user.id:
            raise EmailTaken(_("An account with the e-mail address %(email)s exists already.",
                               email=fields["email"]))
    if user.id == actor.id and fields.get("is_administrator") is False:
        raise NotAllowed(_("You cannot remove your own administrator role."))
    changes = apply_changes(user, fields)
    if changes:
        record(actor, "user.update", user, changes=changes)
    return user


def set_active(actor: User, user: User, active: bool) -> User:
    """Deactivate or reactivate an account; deactivated people cannot sign in."""
    if not permissions.can_administer(actor):
        raise NotAllowed(_("Only administrators can deactivate accounts."))
    if user.id == actor.id and not active:
        raise NotAllowed(_("You cannot deactivate your own account."))
    user.is_active_account = active
    record(actor, "user.activate" if active else "user.deactivate", user)
    return user


def invite_user(actor: User, email: str, display_name: str, **options) -> User:
    """Create an account without a password and e-mail a link to set one."""
    if not permissions.can_invite(actor):
        raise NotAllowed(_("Only administrators and facilitators can invite people."))
    user = create_user(actor, email, display_name, **options)
    send_invitation(actor, user)
    return user


def send_invitation(actor: User | None, user: User) -> None:
    """E-mail (again) the link with which an invited person sets their password."""
    if user.has_password:
        raise Conflict(_("%(name)s has set a password already.", name=user.display_name))
    user.invited_at = utcnow()
    link = external_url("accounts.accept_invitation", token=make_token(user, "invitation"))
    days = current_app.config["INVITATION_MAX_AGE"] // 86400
    send_letter(letter(user, _l("You are invited to take part in a consultation"),
                       "accounts/email/invitation.txt", inviter=actor, link=link, days=days),
                after_response=True)
    record(actor, "user.invite", user, email=user.email)


def accept_invitation(token: str, password: str) -> User:
    """Set the invited person's password from their invitation link."""
    user = _user_from_token(token, "invitation")
    set_password(user, password)
    record(user, "user.accept_invitation", user)
    return user


def request_password_reset(email: str) -> None:
    """E-mail a reset link if an active account exists; say nothing either way.

    The link leaves after the commit (in a request: after the response), so the answer
    takes as long whether or not the address has an account.
    """
    user = find_by_email(email)
    if user is None or not user.is_active:
        return
    link = external_url("accounts.reset_password", token=make_token(user, "password-reset"))
    minutes = current_app.config["PASSWORD_RESET_MAX_AGE"] // 60
    send_letter(letter(user, _l("Reset your password"), "accounts/email/password_reset.txt",
                       link=link, minutes=minutes), after_response=True)
    record(None, "user.request_password_reset", user)


def check_token(token: str, purpose: str) -> User:
    """The user a still-valid token names, or InvalidToken."""
    return _user_from_token(token, purpose)


def reset_password(token: str, password: str) -> User:
    """Set a new password from a reset link."""
    user = _user_from_token(token, "password-reset")
    set_password(user, password)
    sessions.end_other_sessions(user, keep_current=False)
    record(user, "user.reset_password", user)
    return user


def change_password(user: User, current_password: str, new_password: str) -> None:
    """Change one's own password, proving the current one first."""
    if not user.password_hash or not check_password_hash(user.password_hash, current_password):
        raise WrongPassword(_("Your current password is not correct."))
    set_password(user, new_password)
    sessions.end_other_sessions(user)
    record(user, "user.change_password", user)


def set_language(user: User, language: str) -> None:
    """Remember the language chosen with the header's switcher on the account."""
    changes = apply_changes(user, {"preferred_language": language})
    if changes:
        record(user, "user.update_profile", user, changes=changes)


def update_profile(user: User, *, display_name: str, preferred_language: str,
                   timezone: str) -> None:
    """Change one's own name, language and time zone."""
    changes = apply_changes(user, {"display_name": display_name.strip(),
                            "preferred_language": preferred_language, "timezone": timezone})
    if changes:
        record(user, "user.update_profile", user, changes=changes)


def users_query(search: str = "", role: str = "", active: str = ""):
    """Accounts matching a search on name or e-mail, by role and state, ordered by name."""
    query = select(User).order_by(func.lower(User.display_name), User.id)
    if search:
        pattern = f"%{search.strip().lower()}%"
        query = query.where(or_(func.lower(User.display_name).like(pattern),
                                User.email.like(pattern)))
    if role == "administrator":
        query = query.where(User.is_administrator.is_(True))
    elif role == "facilitator":
        query = query.where(User.is_facilitator.is_(True))
    elif role == "stakeholder":
        query = query.where(User.is_administrator.is_(False), User.is_facilitator.is_(False))
    if active in ("yes", "no"):
        query = query.where(User.is_active_account.is_(active == "yes"))
    return query


def _user_from_token(token: str, purpose: str) -> User:
    try:
        return read_token(token, purpose, get_user)
    except TokenError as exc:
        if exc.reason == "expired":
            raise InvalidToken(_("This link has expired. Ask for a new one.")) from exc
        raise InvalidToken(_("This link is not valid or has been used already.")) from exc
