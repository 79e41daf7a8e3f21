"""Helpers that services use when changing records: optimistic locking and change lists."""

from itertools import chain

from flask_babel import gettext as _
from sqlalchemy import String, event, inspect
from sqlalchemy.orm import Session

from .errors import Conflict, DomainError


class TooLong(DomainError):
    """A text is longer than its column holds."""


def check_version(obj, expected_version: int | None) -> None:
    """Raise Conflict if the record changed since the editor loaded it."""
    if expected_version is not None and obj.version != expected_version:
        raise Conflict(_("Someone else changed this record while you were editing it. "
                         "Reload the page to see their changes, then make yours again."))


def apply_changes(obj, fields: dict) -> dict:
    """Set the fields that differ and return {name: [old, new]} for the audit log."""
    changes = {}
    for name, value in fields.items():
        old = getattr(obj, name)
        if isinstance(old, list) and _is_relationship(obj, name):
            old, value = list(old), list(value)
            if {item.id for item in old} != {item.id for item in value}:
                changes[name] = [[str(i) for i in old], [str(i) for i in value]]
                setattr(obj, name, value)
        elif old != value:
            changes[name] = [_plain(old), _plain(value)]
            setattr(obj, name, value)
    return changes


def _is_relationship(obj, name: str) -> bool:
    return name in inspect(type(obj)).relationships


def _plain(value):
    if isinstance(value, list):
        return [_plain(item) for item in value]
    return value if isinstance(value, (str, int, float, bool, type(None))) else str(value)


@event.listens_for(Session, "before_flush")
def _check_lengths(session, flush_context, instances) -> None:
    """Refuse text longer than its column, on every database (SQLite does not check)."""
    for obj in chain(session.new, session.dirty):
        state = inspect(obj)
        for prop in state.mapper.column_attrs:
            column_type = prop.columns[0].type
            limit = column_type.length if isinstance(column_type, String) else None
            value = state.dict.get(prop.key) if limit else None  # loaded or set: no query
            if isinstance(value, str) and len(value) > limit:
                raise TooLong(_("“%(field)s” is too long: at most %(n)d characters (it has "
                                "%(has)d). Shorten it and try again.",
                                field=prop.key.replace("_", " "), n=limit, has=len(value)))
