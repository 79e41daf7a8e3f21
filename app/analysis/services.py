"""Collation operations: the codebook, coding items, notes, similarity, feedback release."""

from datetime import datetime

from flask_babel import gettext as _
from sqlalchemy import delete, func, insert, select

from ..audit.services import record
from ..consultations.models import Consultation, Round
from ..consultations.permissions import can_manage
from ..core.errors import Conflict, DomainError, NotAllowed
from ..extensions import db
from ..responses.models import Answer, Comment, Response
from . import similarity
from .models import CODE_COLOURS, Code, Note, RoundFeedback, answer_code, comment_code

ITEM_TABLES = {"comment": (comment_code, comment_code.c.comment_id),
               "answer": (answer_code, answer_code.c.answer_id)}


def codebook(consultation: Consultation) -> list[Code]:
    """Top-level codes in order, each with its children."""
    return list(db.session.scalars(select(Code).where(
        Code.consultation_id == consultation.id, Code.parent_id.is_(None))
        .order_by(Code.position, Code.label)))


def add_code(actor, consultation: Consultation, *, label: str, description: str = "",
             colour: str | None = None, parent: Code | None = None) -> Code:
    """Add a code; a child code's parent must be a top-level code of the same consultation."""
    _require(actor, consultation)
    if colour is not None and colour not in CODE_COLOURS:
        raise DomainError(_("Choose one of the offered colours."))
    if parent is not None and (parent.consultation_id != consultation.id or parent.parent_id):
        raise DomainError(_("Codes have two levels: choose a top-level code as the parent."))
    label = label.strip()
    same_level = Code.parent_id == parent.id if parent else Code.parent_id.is_(None)
    taken = db.session.scalar(select(Code).where(
        Code.consultation_id == consultation.id, Code.label == label, same_level))
    if taken is not None:
        raise Conflict(_("There is a code called %(label)s already.", label=label))
    count = db.session.scalar(select(func.count()).select_from(Code).where(
        Code.consultation_id == consultation.id)) or 0
    code = Code(consultation_id=consultation.id, label=label, description=description.strip(),
                colour=colour or CODE_COLOURS[count % len(CODE_COLOURS)], parent=parent,
                position=count + 1)
    db.session.add(code)
    db.session.flush()
    record(actor, "code.add", code, label=code.full_label)
    return code


def update_code(actor, code: Code, *, label: str, description: str, colour: str) -> Code:
    """Rename a code or change its description or colour."""
    _require(actor, _consultation(code))
    if colour not in CODE_COLOURS:
        raise DomainError(_("Choose one of the offered colours."))
    code.label, code.description, code.colour = label.strip(), description.strip(), colour
    record(actor, "code.update", code, label=code.full_label)
    return code


def delete_code(actor, code: Code) -> None:
    """Delete a code (and its children); items lose it."""
    _require(actor, _consultation(code))
    record(actor, "code.delete", code, label=code.full_label)
    db.session.delete(code)


def item(kind: str, item_id: int):
    """The comment or answer, or None."""
    model = {"comment": Comment, "answer": Answer}.get(kind)
    return db.session.get(model, item_id) if model else None


def consultation_of(item_) -> Consultation:
    """The consultation an item belongs to."""
    return item_.response.round.consultation


def set_codes(actor, consultation: Consultation, items: list[tuple[str, int]],
              codes: list[Code], apply: bool) -> int:
    """Apply (or remove) codes on many items at once; returns how many links changed."""
    _require(actor, consultation)
    if any(code.consultation_id != consultation.id for code in codes):
        raise NotAllowed(_("These codes belong to another consultation."))
    _check_items(consultation, items)
    changed = 0
    for kind, item_id in items:
        table, column = ITEM_TABLES[kind]
        existing = set(db.session.scalars(select(table.c.code_id).where(column == item_id)))
        for code in codes:
            if apply and code.id not in existing:
                db.session.execute(insert(table).values({column.name: item_id,
                                                         "code_id": code.id}))
                changed += 1
            elif not apply and code.id in existing:
                db.session.execute(delete(table).where(column == item_id,
                                                       table.c.code_id == code.id))
                changed += 1
    record(actor, "code.apply" if apply else "code.remove", consultation,
           items=len(items), codes=[c.full_label for c in codes], changed=changed)
    return changed


def codes_of(kind: str, item_ids: list[int]) -> dict[int, list[Code]]:
    """The codes applied to each of these items."""
    table, column = ITEM_TABLES[kind]
    rows = db.session.execute(select(column, Code).join(Code, Code.id == table.c.code_id)
                              .where(column.in_(item_ids)).order_by(Code.position)).all()
    result: dict[int, list[Code]] = {}
    for item_id, code in rows:
        result.setdefault(item_id, []).append(code)
    return result


def similar_comments(comment: Comment) -> list[Comment]:
    """Other submitted comments in the same near-duplicate group."""
    if comment.cluster_id is None:
        return []
    return list(db.session.scalars(select(Comment).join(Response).where(
        Comment.cluster_id == comment.cluster_id, Comment.id != comment.id,
        Comment.question_id == comment.question_id, Response.submitted_at.is_not(None))
        .order_by(Comment.id)))


def add_note(actor, comment: Comment, body: str) -> Note:
    """Add an internal note to a comment."""
    _require(actor, consultation_of(comment))
    if not body.strip():
        raise DomainError(_("A note needs text."))
    note = Note(comment_id=comment.id, author_id=actor.id, body=body.strip())
    db.session.add(note)
    db.session.flush()
    record(actor, "note.add", note, comment=comment.id)
    return note


def notes_of(comment_ids: list[int]) -> dict[int, list[Note]]:
    """Notes per comment, oldest first."""
    result: dict[int, list[Note]] = {}
    for note in db.session.scalars(select(Note).where(Note.comment_id.in_(comment_ids))
                                   .order_by(Note.created_at)):
        result.setdefault(note.comment_id, []).append(note)
    return result


def set_similarity_threshold(actor, consultation: Consultation, threshold: int) -> int:
    """Change how alike near-duplicates must be, and regroup; returns the number of groups."""
    _require(actor, consultation)
    if not 50 <= threshold <= 100:
        raise DomainError(_("The threshold is a percentage between 50 and 100."))
    consultation.similarity_threshold = threshold
    question_ids = [q.id for r in consultation.rounds for q in r.questions]
    groups = similarity.recluster(question_ids, threshold)
    record(actor, "consultation.similarity", consultation, threshold=threshold, groups=groups)
    return groups


def feedback_for(round_: Round) -> RoundFeedback:
    """The round's feedback (an empty one if none was written yet)."""
    feedback = db.session.scalar(select(RoundFeedback).where(RoundFeedback.round_id ==
                                                             round_.id))
    return feedback or RoundFeedback(round_id=round_.id, synthesis="")


def save_feedback(actor, round_: Round, *, synthesis: str, question_ids: list[int],
                  comment_ids: list[int], now: datetime) -> RoundFeedback:
    """Write the synthesis and choose which questions' results and which comments to show."""
    _require(actor, round_.consultation)
    feedback = feedback_for(round_)
    if feedback.id is None:
        db.session.add(feedback)
    questions = [q for q in round_.questions if q.id in set(question_ids)]
    comments = list(db.session.scalars(select(Comment).join(Response).where(
        Comment.id.in_(comment_ids), Response.round_id == round_.id,
        Response.submitted_at.is_not(None))))
    feedback.synthesis, feedback.questions, feedback.comments = synthesis, questions, comments
    feedback.updated_at, feedback.updated_by_id = now, actor.id
    db.session.flush()
    record(actor, "feedback.save", round_, questions=len(questions), comments=len(comments))
    return feedback


def release_feedback(actor, round_: Round, now: datetime, release: bool = True) -> Round:
    """Show the feedback to participants who submitted (or withdraw it)."""
    _require(actor, round_.consultation)
    if release and round_.state(now) not in ("closed", "feedback_released"):
        raise DomainError(_("Feedback can be released once the round has closed."))
    round_.feedback_released_at = now if release else None
    record(actor, "feedback.release" if release else "feedback.withdraw", round_)
    return round_


def _check_items(consultation: Consultation, items: list[tuple[str, int]]) -> None:
    for kind, item_id in items:
        found = item(kind, item_id)
        if found is None or consultation_of(found).id != consultation.id:
            raise NotAllowed(_("An item does not belong to this consultation."))


def _consultation(code: Code) -> Consultation:
    return db.session.get(Consultation, code.consultation_id)


def _require(actor, consultation: Consultation) -> None:
    if not can_manage(actor, consultation):
        raise NotAllowed(_("Only the facilitators of this consultation can collate it."))
