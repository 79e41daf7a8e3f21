"""Signed, expiring, single-use tokens for invitations and password resets."""

import hashlib

from flask import current_app
from itsdangerous import BadSignature, SignatureExpired, URLSafeTimedSerializer

PURPOSES = {"invitation": "INVITATION_MAX_AGE", "password-reset": "PASSWORD_RESET_MAX_AGE"}


class TokenError(Exception):
    """The token is malformed, expired, or already used."""

    def __init__(self, reason: str):
        super().__init__(reason)
        self.reason = reason  # "invalid" or "expired"


def _serializer(purpose: str) -> URLSafeTimedSerializer:
    return URLSafeTimedSerializer(current_app.config["SECRET_KEY"], salt=f"accounts.{purpose}")


def _fingerprint(user) -> str:
    # Binding the token to the current password hash makes it single-use:
    # once a password is set, the old token no longer matches.
    return hashlib.sha256((user.password_hash or "").encode()).hexdigest()[:16]


def make_token(user, purpose: str) -> str:
    """A token for `purpose` that identifies `user`."""
    return _serializer(purpose).dumps({"uid": user.id, "fp": _fingerprint(user)})


def read_token(token: str, purpose: str, load_user) -> object:
    """Return the user the token names, or raise TokenError."""
    max_age = current_app.config[PURPOSES[purpose]]
    try:
        data = _serializer(purpose).loads(token, max_age=max_age)
    except SignatureExpired as exc:
        raise TokenError("expired") from exc
    except BadSignature as exc:
        raise TokenError("invalid") from exc
    user = load_user(data.get("uid"))
    if user is None or not user.is_active or data.get("fp") != _fingerprint(user):
        raise TokenError("invalid")
    return user
