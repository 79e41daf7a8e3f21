"""Redacting personal data found in a comment's text."""

from flask_babel import gettext as _
from sqlalchemy import select

from ..audit.services import record
from ..core.errors import DomainError, NotAllowed
from ..core.types import utcnow
from ..extensions import db
from ..responses.models import Comment, ResponseRevision
from .models import Redaction
from .permissions import can_redact

REDACTED = "[redacted]"


def redact(actor, comment: Comment, *, text: str, reason: str) -> Redaction:
    """Replace `text` by "[redacted]" in the comment and its history; keep the original."""
    if not can_redact(actor, comment):
        raise NotAllowed(_("Only the facilitators of this consultation redact its comments."))
    text, reason = text.replace("\x00", "").strip(), reason.replace("\x00", "").strip()
    if not text or not reason:
        raise DomainError(_("Give the text to redact and a reason."))
    if text not in comment.body and text not in comment.proposed_change:
        raise DomainError(_("That text is not in the comment."))
    redaction = Redaction(comment_id=comment.id, original_body=comment.body,
                          original_proposed_change=comment.proposed_change, reason=reason,
                          actor_id=actor.id, created_at=utcnow())
    db.session.add(redaction)
    comment.body = comment.body.replace(text, REDACTED)
    comment.proposed_change = comment.proposed_change.replace(text, REDACTED)
    for revision in db.session.scalars(select(ResponseRevision).where(
            ResponseRevision.response_id == comment.response_id)):
        revision.snapshot = replace_in(revision.snapshot, text, REDACTED)
    db.session.flush()
    record(actor, "comment.redact", comment, redaction=redaction.id)
    return redaction


def redactions(comment: Comment) -> list[Redaction]:
    """The comment's redactions, oldest first."""
    return list(db.session.scalars(select(Redaction).where(Redaction.comment_id == comment.id)
                                   .order_by(Redaction.id)))


def redacted_ids(comment_ids) -> set[int]:
    """Which of these comments have been redacted."""
    ids = list(comment_ids)
    if not ids:
        return set()
    return set(db.session.scalars(select(Redaction.comment_id).where(
        Redaction.comment_id.in_(ids))))


def replace_in(value, text, replacement: str):
    """A copy of a JSON value with `text` (string or compiled pattern) replaced everywhere."""
    if isinstance(value, str):
        return (value.replace(text, replacement) if isinstance(text, str)
                else text.sub(replacement, value))
    if isinstance(value, list):
        return [replace_in(item, text, replacement) for item in value]
    if isinstance(value, dict):
        return {key: replace_in(item, text, replacement) for key, item in value.items()}
    return value


def redacted_mask(items, consultation_id: int, matched):
    """The explorer's items that are redacted comments, within `matched` if given."""
    import numpy as np

    from ..analysis.index import COMMENT
    from ..consultations.models import Round
    from ..responses.models import Response

    ids = list(db.session.scalars(select(Redaction.comment_id).join(
        Comment, Comment.id == Redaction.comment_id).join(
        Response, Response.id == Comment.response_id).join(
        Round, Round.id == Response.round_id).where(Round.consultation_id == consultation_id)))
    mask = (items.kind == COMMENT) & np.isin(items.id, np.asarray(ids, dtype=np.int64))
    return mask if matched is None else mask & matched
