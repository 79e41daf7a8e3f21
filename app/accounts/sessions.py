"""Signed-in sessions kept on the server: sign-out and password changes end them for good.

Flask-Login keeps `User.get_id()` ("<user id>:<session key>") in the session cookie and in
the "keep me signed in" cookie; the loader accepts it only while the session is open here.
"""

import secrets
from datetime import timedelta

from flask import current_app
from sqlalchemy import select, update

from ..audit.services import record
from ..core.types import utcnow
from ..extensions import db
from .models import User, UserSession


def start_session(user: User, *, remember: bool = False) -> str:
    """Open a session for a signed-in account; returns its key (also set on `user`)."""
    config = current_app.config
    lifetime = config["REMEMBER_COOKIE_DURATION"] if remember else config["SIGNED_IN_MAX_AGE"]
    now = utcnow()
    key = secrets.token_urlsafe(32)
    db.session.add(UserSession(user_id=user.id, key=key, remember=remember, created_at=now,
                               expires_at=now + _as_delta(lifetime)))
    db.session.flush()
    user.session_key = key
    return key


def load_session_user(session_id: str) -> User | None:
    """The active account of an open session named by `User.get_id()`, or None."""
    user_id, _, key = (session_id or "").partition(":")
    if not key or not user_id.isdigit():
        return None
    user = db.session.scalar(select(User).join(UserSession, UserSession.user_id == User.id).where(
        UserSession.key == key, User.id == int(user_id), UserSession.ended_at.is_(None),
        UserSession.expires_at > utcnow(), User.is_active_account.is_(True)))
    if user is not None:
        user.session_key = key
    return user


def end_session(user: User) -> None:
    """End the session this request is signed in with (sign-out)."""
    if user.session_key:
        db.session.execute(update(UserSession).where(
            UserSession.key == user.session_key, UserSession.ended_at.is_(None))
            .values(ended_at=utcnow()))


def end_other_sessions(user: User, *, keep_current: bool = True) -> int:
    """End the account's sessions (all but the current one when `keep_current`)."""
    query = update(UserSession).where(UserSession.user_id == user.id,
                                      UserSession.ended_at.is_(None))
    if keep_current and user.session_key:
        query = query.where(UserSession.key != user.session_key)
    ended = db.session.execute(query.values(ended_at=utcnow())).rowcount
    record(user, "user.end_sessions", user, ended=ended)
    return ended


def _as_delta(value) -> timedelta:
    return value if isinstance(value, timedelta) else timedelta(seconds=int(value))
