"""Helpers shared by the forms of every feature."""

from collections.abc import Iterable

from flask import flash
from flask_wtf import FlaskForm
from wtforms import (
    HiddenField,
    IntegerField,
    SelectChoice,
    SelectMultipleField,
    ValidationError,
)

from ..extensions import db
from .errors import DomainError, FieldErrors, NotAllowed
from .input import database_int, parse_ids
from .markdown import markdown_problem
from .urls import same_site_path


def select_choices(pairs: Iterable[tuple]) -> list[SelectChoice]:
    """Turn (value, label) pairs into choices for SelectField and SelectMultipleField."""
    return [SelectChoice(value, label) for value, label in pairs]


class DatabaseIntegerField(IntegerField):
    """An integer the database's INTEGER columns can hold; a larger one is a field error."""

    def process_formdata(self, valuelist) -> None:
        """Parse like IntegerField, refusing numbers beyond the database's range."""
        super().process_formdata(valuelist)
        if self.data is not None:
            try:
                database_int(self.data)
            except ValueError:
                self.data = None
                raise ValueError(self.gettext("Not a valid integer value.")) from None


class IdsField(SelectMultipleField):
    """Ids ticked in a list of checkboxes; values that are not ids are dropped (parse_ids)."""

    def __init__(self, label=None, validators=None, **kwargs):
        """A multiple choice of ints whose choices the service checks, not the form."""
        kwargs.setdefault("default", list)
        super().__init__(label, validators, coerce=int, validate_choice=False, **kwargs)

    def process_formdata(self, valuelist) -> None:
        """Keep the ids among the values sent, in order, each once."""
        self.data = list(dict.fromkeys(parse_ids(valuelist)))


class BackField(HiddenField):
    """Where to go back to after a post: a path on this site, else "" (never another site)."""

    def process_formdata(self, valuelist) -> None:
        """Keep the posted value only if it is a local path."""
        super().process_formdata(valuelist)
        self.data = same_site_path(self.data, "")


class BoundedMarkdown:
    """Validator: the text renders as Markdown within the bounds of core.markdown."""

    def __call__(self, form, field) -> None:
        """Raise ValidationError with the reason when the text is beyond the bounds."""
        problem = markdown_problem(field.data)
        if problem is not None:
            raise ValidationError(problem)


class ActionForm(FlaskForm):
    """A button that posts no field (move, remove, delete): its CSRF token only."""


def attempt(form, operation, *args, locked=None, refuse_actor=False, field=None, **kwargs):
    """Run a service for a validated form; on a domain error, roll back and show it on the form.

    This is the one place where views turn a refusal of a service (DomainError) into a
    message; what no view catches becomes an error page with the exception's status code.
    A refusal that names fields (FieldErrors) puts each message on its field; the refusal
    is kept as `form.refusal`, for views whose answer depends on its kind.

    With `refuse_actor`, a refusal of the actor (NotAllowed) is not a message to correct: it
    propagates, and the error handler answers 403 with nothing stored.

    With `field`, a refusal that names no field is shown on that field (the one the service
    judged, e.g. the text of a notice) rather than above the form.

    Returns the service's result, or None when it refused. With `locked` (the edited record),
    a refusal also moves the form's version to the record's current one, so that saving
    again knowingly replaces what someone else saved.
    """
    try:
        result = operation(*args, **kwargs)
    except DomainError as exc:
        if refuse_actor and isinstance(exc, NotAllowed):
            raise
        db.session.rollback()
        form.refusal = exc
        _show_refusal(form, exc, field)
        if locked is not None:
            form.version.raw_data, form.version.data = None, locked.version
        return None
    return True if result is None else result


def _show_refusal(form, exc: DomainError, field=None) -> None:
    named = exc.errors if isinstance(exc, FieldErrors) else {}
    for name, message in named.items():
        if name in form:
            form[name].errors = [*form[name].errors, message]
        else:
            form.form_errors.append(message)
    if not named and field is not None:
        form[field].errors = [*form[field].errors, exc.message]
    elif not named:
        form.form_errors.append(exc.message)


def error_messages(form, wrap=None) -> list[str]:
    """A form's errors as messages naming their field.

    The CSRF token's are left out: CSRFProtect refuses a request with a bad token before
    any view runs, so a view never has one to show.

    `wrap` turns each message into the one shown (e.g. to say which row it is about).
    """
    messages = list(form.form_errors)
    for name, errors in form.errors.items():
        if name and name != "csrf_token":  # form errors are listed under None (or "")
            messages += [f"{getattr(form, name).label.text}: {error}" for error in errors]
    return [wrap(message) if wrap else message for message in messages]


def flash_errors(form, wrap=None) -> None:
    """Flash a form's errors, for views that redirect back to a page showing other things.

    `wrap` turns each message into the one flashed (e.g. to say which row it is about).
    """
    for message in error_messages(form, wrap):
        flash(message, "error")
