"""Write and read the audit log."""

from sqlalchemy import Select, select

from ..extensions import db
from .models import AuditEvent


def record(actor, verb: str, obj, **details) -> AuditEvent:
    """Append an audit event for `verb` done by `actor` (None for the system) on `obj`."""
    event = AuditEvent(
        actor_id=getattr(actor, "id", None),
        verb=verb,
        object_type=type(obj).__name__.lower() if obj is not None else "system",
        object_id=getattr(obj, "id", None),
        details={key: _jsonable(value) for key, value in details.items()},
    )
    db.session.add(event)
    return event


def events_query(object_type: str | None = None, verb: str | None = None) -> Select:
    """Audit events, newest first, optionally for one kind of object or verb."""
    query = select(AuditEvent).order_by(AuditEvent.created_at.desc(), AuditEvent.id.desc())
    if object_type:
        query = query.where(AuditEvent.object_type == object_type)
    if verb:
        query = query.where(AuditEvent.verb == verb)
    return query


def _jsonable(value):
    if isinstance(value, (str, int, float, bool)) or value is None:
        return value
    if isinstance(value, (list, tuple, set)):
        return [_jsonable(item) for item in value]
    if isinstance(value, dict):
        return {str(k): _jsonable(v) for k, v in value.items()}
    return str(value)
