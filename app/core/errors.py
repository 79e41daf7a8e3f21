"""Error pages in the site layout, and domain exceptions mapped to status codes."""

from flask import Flask, render_template, request
from flask_babel import lazy_gettext as _l
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
}


class DomainError(Exception):
    """A rule of the domain was broken; views turn it into a message the user can act on."""

    status_code = 400

    def __init__(self, message: str):
        super().__init__(message)
        self.message = message


class NotAllowed(DomainError):
    """The actor may not perform this operation."""

    status_code = 403


class Conflict(DomainError):
    """A concurrent change or a uniqueness rule prevents the operation."""

    status_code = 409


def render_error(code: int, description: str | None = None):
    """Render the error page for an HTTP status code."""
    if request.accept_mimetypes.best == "application/json":
        return {"error": str(TITLES.get(code, code)), "description": description}, code
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

    @app.errorhandler(Exception)
    def unexpected_error(exc: Exception):
        db.session.rollback()
        app.logger.exception("Unhandled error")
        if app.testing and app.config.get("PROPAGATE_TEST_ERRORS", True):
            raise exc
        return render_error(500)


def _is_custom(exc: HTTPException) -> bool:
    return type(exc).description != exc.description and not isinstance(exc, InternalServerError)
