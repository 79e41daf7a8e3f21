"""The question builder: add, edit, reorder, duplicate and delete questions of a round."""

from flask_babel import gettext as _
from sqlalchemy import func, select

from ..audit.services import record
from ..core.errors import DomainError
from ..core.records import apply_changes, check_version
from ..extensions import db
from ..responses.models import Response
from .models import QUESTION_KINDS, Question, Round
from .rounds import _require_manager, clone_question

CHOICE_KINDS = ("single", "multiple", "ranking")
# What a question means; answers given to it would no longer match if these changed.
MEANING_FIELDS = ("kind", "prompt", "scale_points", "scale_labels", "options", "max_choices",
                  "min_value", "max_value", "is_required")
DEFAULT_SCALE_LABELS = {
    5: ["Strongly disagree", "Disagree", "Neither agree nor disagree", "Agree",
        "Strongly agree"],
    7: ["Strongly disagree", "Disagree", "Somewhat disagree", "Neither agree nor disagree",
        "Somewhat agree", "Agree", "Strongly agree"],
}


class QuestionLocked(DomainError):
    """Answers exist, so the question's meaning can no longer change."""

    status_code = 409


def get_question(question_id: int) -> Question | None:
    """The question with this id, or None."""
    return db.session.get(Question, question_id)


def response_count(round_: Round) -> int:
    """How many responses (drafts included) the round has."""
    return db.session.scalar(select(func.count()).select_from(Response).where(
        Response.round_id == round_.id)) or 0


def add_question(actor, round_: Round, **fields) -> Question:
    """Append a question to a round that nobody has answered yet."""
    _require_manager(actor, round_.consultation)
    _refuse_if_answered(round_, _("add questions"))
    fields = normalise(fields)
    last = db.session.scalar(select(func.max(Question.position)).where(
        Question.round_id == round_.id))
    question = Question(round=round_, position=(last or 0) + 1, **fields)
    db.session.add(question)
    db.session.flush()
    record(actor, "question.add", question, round=round_.id, kind=question.kind)
    return question


def update_question(actor, question: Question, *, expected_version: int | None = None,
                    **fields) -> Question:
    """Edit a question; once answers exist only its help text and tags may change."""
    round_ = question.round
    _require_manager(actor, round_.consultation)
    check_version(question, expected_version)
    merged = {name: getattr(question, name) for name in MEANING_FIELDS + ("terms",)}
    merged.update(fields)
    fields = normalise(merged | {"help_text": fields.get("help_text", question.help_text)})
    count = response_count(round_)
    if count:
        changed = [n for n in MEANING_FIELDS if fields[n] != getattr(question, n)]
        if changed:
            raise QuestionLocked(_(
                "%(n)d responses already answer this question, so its wording, kind, options, "
                "scale and limits can no longer change: their answers would no longer match. "
                "You can still edit the help text and the tags.", n=count))
    changes = apply_changes(question, fields)
    if changes:
        record(actor, "question.update", question, changes=changes)
    return question


def move_question(actor, question: Question, offset: int) -> None:
    """Move a question up (-1) or down (+1); order never changes the meaning."""
    _require_manager(actor, question.round.consultation)
    questions = list(question.round.questions)
    index = questions.index(question)
    target = index + offset
    if 0 <= target < len(questions):
        questions[index], questions[target] = questions[target], questions[index]
        for position, item in enumerate(questions, start=1):
            item.position = position
        question.round.questions.sort(key=lambda item: item.position)
        record(actor, "question.move", question, to=target + 1)


def duplicate_question(actor, question: Question) -> Question:
    """Insert a copy right after the question (only before anyone has answered)."""
    round_ = question.round
    _require_manager(actor, round_.consultation)
    _refuse_if_answered(round_, _("duplicate questions"))
    copy = clone_question(question, question.position + 1)
    for later in round_.questions:
        if later.position > question.position:
            later.position += 1
    round_.questions.insert(round_.questions.index(question) + 1, copy)
    db.session.flush()
    record(actor, "question.duplicate", copy, source=question.id)
    return copy


def delete_question(actor, question: Question) -> None:
    """Delete a question (only before anyone has answered)."""
    round_ = question.round
    _require_manager(actor, round_.consultation)
    _refuse_if_answered(round_, _("delete questions"))
    record(actor, "question.delete", question, prompt=question.prompt[:200])
    round_.questions.remove(question)
    for position, item in enumerate(round_.questions, start=1):
        item.position = position


def normalise(fields: dict) -> dict:
    """Check a question's fields for its kind and fill in what the kind implies."""
    kind = fields.get("kind")
    if kind not in QUESTION_KINDS:
        raise DomainError(_("Unknown question kind."))
    prompt = (fields.get("prompt") or "").strip()
    if not prompt:
        raise DomainError(_("A question needs a prompt."))
    terms = list(fields.get("terms") or [])
    if not any(t.vocabulary == "credential_phase" for t in terms):
        raise DomainError(_("Tag the question with at least one credential phase."))
    result = {"kind": kind, "prompt": prompt, "help_text": fields.get("help_text") or "",
              "is_required": bool(fields.get("is_required")), "terms": terms,
              "scale_points": None, "scale_labels": [], "options": [], "max_choices": None,
              "min_value": None, "max_value": None}
    if kind == "scale":
        result.update(_scale(fields))
    elif kind in CHOICE_KINDS:
        result.update(_choices(kind, fields))
    elif kind == "number":
        result.update(_bounds(fields))
    return result


def _scale(fields: dict) -> dict:
    points = int(fields.get("scale_points") or 5)
    if points not in (5, 7):
        raise DomainError(_("An agreement scale has 5 or 7 points."))
    labels = [str(label).strip() for label in fields.get("scale_labels") or []
              if str(label).strip()]
    if labels and len(labels) != points:
        raise DomainError(_("Give one label per point (%(n)d labels), or none for the standard "
                            "labels.", n=points))
    return {"scale_points": points, "scale_labels": labels or DEFAULT_SCALE_LABELS[points]}


def _choices(kind: str, fields: dict) -> dict:
    options = [str(o).strip() for o in fields.get("options") or [] if str(o).strip()]
    if len(options) < 2:
        raise DomainError(_("Give at least two options, one per line."))
    if len(set(options)) != len(options):
        raise DomainError(_("Each option must be different."))
    max_choices = fields.get("max_choices")
    if kind == "multiple" and max_choices not in (None, ""):
        max_choices = int(max_choices)
        if not 1 <= max_choices <= len(options):
            raise DomainError(_("The maximum number of choices must be between 1 and %(n)d.",
                                n=len(options)))
    else:
        max_choices = None
    return {"options": options, "max_choices": max_choices}


def _bounds(fields: dict) -> dict:
    low, high = fields.get("min_value"), fields.get("max_value")
    low = None if low in (None, "") else float(low)
    high = None if high in (None, "") else float(high)
    if low is not None and high is not None and low >= high:
        raise DomainError(_("The lowest allowed number must be below the highest."))
    return {"min_value": low, "max_value": high}


def _refuse_if_answered(round_: Round, action: str) -> None:
    count = response_count(round_)
    if count:
        raise QuestionLocked(_("%(n)d responses exist for this round, so you can no longer "
                               "%(action)s: participants would answer different rounds.",
                               n=count, action=action))
