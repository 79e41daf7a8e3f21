"""Error pages in the site layout, and domain exceptions mapped to status codes."""

import logging

from flask import Flask, g, render_template, request
from flask_babel import lazy_gettext as _l
from sqlalchemy import exc as sa_exc
from sqlalchemy.orm.exc import StaleDataError
from werkzeug.exceptions import HTTPException, InternalServerError

from ..extensions import db

TITLES = {
    400: _l("Bad request"),
    403: _l("Not allowed"),
    404: _l("Page not found"),
    405: _l("Method not allowed"),
    409: _l("Conflict"),
    413: _l("File too large"),
    429: _l("Too many attempts"),
    500: _l("Something went wrong"),
    503: _l("Temporarily unavailable"),
}

EXPLANATIONS = {
    400: _l("The request could not be understood. Go back, check what you entered and try again."),
    403: _l("Your account does not have permission to see this page."),
    404: _l("There is nothing at this address. It may have moved or been removed."),
    405: _l("This page cannot be used that way."),
    409: _l("Someone else changed this at the same time. Nothing you saved has been lost."),
    413: _l("The file you sent is larger than this site accepts."),
    429: _l("Too many attempts in a short time. Wait a minute and try again."),
    500: _l("An unexpected error happened on our side. It has been logged."),
    503: _l("The site cannot reach its database just now. Nothing you saved before has been "
            "lost; please try again in a minute."),
}
RETRY_AFTER = 60  # seconds, for the 503 answered while the database is unreachable

# What an unreachable or restarting database raises: a refused or dropped connection
# (OperationalError, InterfaceError), an invalidated one, or a pool that cannot hand one out.
OUTAGES = (sa_exc.OperationalError, sa_exc.InterfaceError, sa_exc.TimeoutError)


class DomainError(Exception):
    """A rule of the domain was broken; views turn it into a message the user can act on."""

    status_code = 400

    def __init__(self, message: str):
        super().__init__(message)
        self.message = message


class NotAllowed(DomainError):
    """The actor may not perform this operation."""

    status_code = 403


class FieldErrors(DomainError):
    """Values of named fields are not acceptable; `errors` maps field names to messages."""

    def __init__(self, errors: dict[str, str]):
        super().__init__(" ".join(errors.values()))
        self.errors = errors


class Conflict(DomainError):
    """A concurrent change or a uniqueness rule prevents the operation."""

    status_code = 409


def render_error(code: int, description: str | None = None):
    """Render the error page for an HTTP status code."""
    if _wants_json():  # the page's scripts (autosave) keep what was typed and show this
        message = str(description or EXPLANATIONS.get(code, ""))
        return {"status": "error", "error": str(TITLES.get(code, code)),
                "description": description, "message": message}, code
    return (
        render_template(
            "errors/error.html",
            code=code,
            title=TITLES.get(code, _l("Error")),
            explanation=description or EXPLANATIONS.get(code, ""),
        ),
        code,
    )


def register(app: Flask) -> None:
    """Install the error handlers."""

    @app.errorhandler(HTTPException)
    def http_error(exc: HTTPException):
        code = exc.code or 500
        custom = exc.description if code in (400, 409) and _is_custom(exc) else None
        return render_error(code, custom)

    @app.errorhandler(DomainError)
    def domain_error(exc: DomainError):
        db.session.rollback()
        return render_error(exc.status_code, exc.message)

    @app.errorhandler(sa_exc.OperationalError)
    @app.errorhandler(sa_exc.InterfaceError)
    @app.errorhandler(sa_exc.TimeoutError)
    def database_unavailable(exc: Exception):
        _forget_session()
        app.logger.error("Database unavailable: %s", exc)
        # the page must not read anything from the database, not even the signed-in user
        g._login_user = app.login_manager.anonymous_user()
        response = render_error(503)
        return response[0], 503, {"Retry-After": str(RETRY_AFTER)}

    @app.errorhandler(StaleDataError)
    def concurrent_change(exc: StaleDataError):
        _forget_session()
        app.logger.warning("Concurrent change: %s", exc)
        return render_error(409)

    @app.errorhandler(Exception)
    def unexpected_error(exc: Exception):
        db.session.rollback()
        app.logger.exception("Unhandled error")
        if app.testing and app.config.get("PROPAGATE_TEST_ERRORS", True):
            raise exc
        return render_error(500)


def _wants_json() -> bool:
    return (request.accept_mimetypes.best == "application/json"
            or request.headers.get("X-Requested-With") == "fetch")


def _forget_session() -> None:
    try:
        db.session.rollback()
    except Exception:  # the connection is gone; the pool replaces it on the next checkout
        app_logger = logging.getLogger(__name__)
        app_logger.debug("Rollback failed on a lost connection", exc_info=True)


def _is_custom(exc: HTTPException) -> bool:
    return type(exc).description != exc.description and not isinstance(exc, InternalServerError)
