"""Merging comments into blocks and deciding what became of every comment."""

from dataclasses import dataclass
from datetime import datetime

from flask_babel import gettext as _
from sqlalchemy import func, or_, select
from sqlalchemy.orm import selectinload

from ..audit.services import record
from ..consultations.models import Round
from ..core.errors import DomainError, NotAllowed
from ..core.records import check_version
from ..extensions import db
from ..responses.models import Comment, Response
from .blocks import _require, add_block
from .models import (
    DISPOSITIONS,
    Block,
    Disposition,
    DocumentVersion,
    PolicyDocument,
    document_consultation,
)

REASON_LIMIT = 5_000


def document_comments(document: PolicyDocument):
    """A select of the submitted comments of the document's consultations."""
    consultation_ids = select(document_consultation.c.consultation_id).where(
        document_consultation.c.document_id == document.id)
    return (select(Comment).join(Response, Comment.response_id == Response.id)
            .join(Round, Response.round_id == Round.id)
            .where(Round.consultation_id.in_(consultation_ids),
                   Response.submitted_at.is_not(None)))


def document_comment(document: PolicyDocument, comment_id: int) -> Comment | None:
    """A submitted comment of the document's consultations, or None."""
    return db.session.scalar(document_comments(document).where(Comment.id == comment_id))


def merge(actor, document: PolicyDocument, comments: list[Comment], *,
          block: Block | None = None, section: Block | None = None, title: str = "",
          now: datetime) -> Block:
    """Link comments to a block, or to a new recommendation, to be decided there."""
    _require(actor, document)
    _check_comments(document, comments)
    if block is None:
        text = "\n\n".join(f"> {c.proposed_change or c.body}" for c in comments)
        block = add_block(actor, document, kind="recommendation", parent=section,
                          title=title or _("New recommendation"), text=text, now=now,
                          check_links=False)
    elif block.document_id != document.id:
        raise NotAllowed(_("That block belongs to another document."))
    for comment in comments:
        disposition = _disposition(document, comment)
        disposition.block_id = block.id
    db.session.flush()
    record(actor, "comments.merge", block, comments=[c.id for c in comments])
    return block


def decide(actor, document: PolicyDocument, comment: Comment, *, status: str, reason: str,
           block: Block | None, expected_version: int | None, now: datetime) -> Disposition:
    """Record the disposition of a comment, with a reason and the block it changed."""
    _require(actor, document)
    if status not in DISPOSITIONS:
        raise DomainError(_("Choose a disposition."))
    reason = reason.replace("\x00", "")
    if len(reason) > REASON_LIMIT:
        raise DomainError(_("The reason is %(length)d characters long; the limit is %(limit)d.",
                            length=len(reason), limit=REASON_LIMIT))
    if status in ("accepted_modified", "not_accepted") and not reason.strip():
        raise DomainError(_("Give a reason for this disposition."))
    if status in ("accepted", "accepted_modified") and block is None:
        raise DomainError(_("An accepted comment changed a block: choose it."))
    if block is not None and block.document_id != document.id:
        raise NotAllowed(_("That block belongs to another document."))
    _check_comments(document, [comment])
    disposition = _disposition(document, comment)
    if disposition.id is not None:
        check_version(disposition, expected_version)
    disposition.status, disposition.reason = status, reason.strip()
    disposition.block_id = block.id if block else None
    disposition.decided_by_id, disposition.decided_at = actor.id, now
    db.session.flush()
    record(actor, "comment.dispose", comment, status=status, block=disposition.block_id)
    return disposition


@dataclass
class Progress:
    """How many comments have a decision."""

    decided: int
    total: int


def progress(document: PolicyDocument) -> Progress:
    """Decided and total comments of the document's consultations."""
    comments = document_comments(document).subquery()
    total = db.session.scalar(select(func.count()).select_from(comments)) or 0
    decided = db.session.scalar(select(func.count()).select_from(comments).join(
        Disposition, (Disposition.comment_id == comments.c.id)
        & (Disposition.document_id == document.id)).where(
        Disposition.status.is_not(None))) or 0
    return Progress(decided, total)


def matrix(document: PolicyDocument, undecided_only: bool = False, block_id: int | None = None):
    """Every comment with its disposition, ISO/CEN-table style, oldest first."""
    query = (document_comments(document)
             .outerjoin(Disposition, (Disposition.comment_id == Comment.id)
                        & (Disposition.document_id == document.id))
             .add_columns(Disposition)
             .options(selectinload(Comment.terms), selectinload(Comment.question),
                      selectinload(Comment.response).selectinload(Response.stakeholder_type),
                      selectinload(Comment.response).selectinload(Response.country))
             .order_by(Comment.id))
    if undecided_only:
        query = query.where(or_(Disposition.id.is_(None), Disposition.status.is_(None)))
    if block_id is not None:
        query = query.where(Disposition.block_id == block_id)
    return db.session.execute(query).all()


def linked_comments(block: Block) -> list[tuple[Comment, Disposition]]:
    """The comments merged into (or decided on) a block."""
    return db.session.execute(select(Comment, Disposition).join(
        Disposition, Disposition.comment_id == Comment.id).where(
        Disposition.block_id == block.id, Disposition.document_id == block.document_id)
        .order_by(Comment.id)).all()


def release(actor, document: PolicyDocument, now: datetime, released: bool = True,
            notify: bool = True) -> None:
    """Show participants what became of their comments (or stop showing it), and tell them."""
    from . import notices, permissions

    if not permissions.can_edit(actor, document):
        raise NotAllowed(_("Only the document's editors can change it."))
    newly_released = released and document.dispositions_released_at is None
    document.dispositions_released_at = now if released else None
    if newly_released and notify:
        notices.notify_release(document)
    record(actor, "document.release_dispositions" if released else
           "document.withdraw_dispositions", document)


@dataclass
class InputUse:
    """One of a person's comments as a document used it (or has not decided yet)."""

    comment: Comment
    document: PolicyDocument
    disposition: Disposition | None
    decided_in: DocumentVersion | None  # the first version saved after the decision
    current: DocumentVersion | None  # the final version, or the newest the person may read

    @property
    def is_decided(self) -> bool:
        """Whether the document has decided about the comment."""
        return self.disposition is not None and self.disposition.status is not None


def my_comments(user, readable=lambda version: True) -> list[InputUse]:
    """Every submitted comment of the user, per document that released its dispositions.

    `readable(version)` says whether the user may open a version: the current version shown
    is the newest one they can read, not a draft the working group has just saved.
    """
    keys = [f"u:{user.id}"] + [f"o:{o.id}" for o in getattr(user, "organisations", [])]
    rows = db.session.execute(
        select(Comment, PolicyDocument)
        .join(Response, Comment.response_id == Response.id)
        .join(Round, Response.round_id == Round.id)
        .join(document_consultation,
              document_consultation.c.consultation_id == Round.consultation_id)
        .join(PolicyDocument, PolicyDocument.id == document_consultation.c.document_id)
        .where(PolicyDocument.dispositions_released_at.is_not(None),
               Response.submitted_at.is_not(None), Response.owner_key.in_(keys))
        .order_by(PolicyDocument.title, PolicyDocument.id, Comment.id)).all()
    if not rows:
        return []
    decided = {(d.document_id, d.comment_id): d for d in db.session.scalars(
        select(Disposition).where(Disposition.comment_id.in_({c.id for c, _d in rows}),
                                  Disposition.status.is_not(None)))}
    current = {document.id: _current(document, readable) for _c, document in rows}
    found = []
    for comment, document in rows:
        disposition = decided.get((document.id, comment.id))
        found.append(InputUse(comment, document, disposition,
                              _decided_in(document, disposition), current[document.id]))
    return found


def undecided_count(document: PolicyDocument) -> int:
    """How many submitted comments of the document's consultations it has not decided yet."""
    counts = progress(document)
    return counts.total - counts.decided


def _decided_in(document: PolicyDocument, disposition: Disposition | None):
    if disposition is None or disposition.decided_at is None:
        return None
    return next((v for v in document.versions if v.created_at >= disposition.decided_at), None)


def _current(document: PolicyDocument, readable):
    final = next((v for v in document.versions if v.id == document.final_version_id), None)
    if final is not None:
        return final
    newest = document.versions[-1] if document.versions else None
    return next((v for v in reversed(document.versions) if readable(v)), newest)


def _check_comments(document: PolicyDocument, comments: list[Comment]) -> None:
    """Refuse comments that are not submitted comments of the document's consultations."""
    ids = {c.id for c in comments}
    allowed = set(db.session.scalars(document_comments(document).with_only_columns(
        Comment.id).where(Comment.id.in_(ids)))) if ids else set()
    if not ids or allowed != ids:
        raise NotAllowed(_("Choose submitted comments of this document's consultations."))


def _disposition(document: PolicyDocument, comment: Comment) -> Disposition:
    disposition = db.session.scalar(select(Disposition).where(
        Disposition.document_id == document.id, Disposition.comment_id == comment.id))
    if disposition is None:
        disposition = Disposition(document_id=document.id, comment_id=comment.id)
        db.session.add(disposition)
    return disposition
