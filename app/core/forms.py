"""Helpers shared by the forms of every feature."""

from collections.abc import Iterable

from wtforms import SelectChoice, ValidationError

from .markdown import markdown_problem


def select_choices(pairs: Iterable[tuple]) -> list[SelectChoice]:
    """Turn (value, label) pairs into choices for SelectField and SelectMultipleField."""
    return [SelectChoice(value, label) for value, label in pairs]


class BoundedMarkdown:
    """Validator: the text renders as Markdown within the bounds of core.markdown."""

    def __call__(self, form, field) -> None:
        """Raise ValidationError with the reason when the text is beyond the bounds."""
        problem = markdown_problem(field.data)
        if problem is not None:
            raise ValidationError(problem)


def attempt(form, operation, *args, locked=None, **kwargs):
    """Run a service for a validated form; on a domain error, roll back and show it on the form.

    Returns the service's result, or None when it refused. With `locked` (the edited record),
    a refusal also moves the form's version to the record's current one, so that saving
    again knowingly replaces what someone else saved.
    """
    from ..extensions import db
    from .errors import DomainError

    try:
        result = operation(*args, **kwargs)
    except DomainError as exc:
        db.session.rollback()
        form.form_errors.append(exc.message)
        if locked is not None:
            form.version.raw_data, form.version.data = None, locked.version
        return None
    return True if result is None else result
