"""What the participant pages list and show: my rounds, tag choices, labels."""

from datetime import datetime

from sqlalchemy import select

from ..consultations import audience, content
from ..consultations.models import Round
from ..core.languages import interface_language, language_choices
from ..extensions import db
from ..vocab import services as vocab
from ..vocab.models import Term
from . import services
from .models import TAG_VOCABULARIES
from .validation import CommentInput, ResponseInput


def my_rounds(user, now: datetime) -> list[dict]:
    """Published rounds whose audience includes the user, open ones first, with my response."""
    rows = []
    published = db.session.scalars(select(Round).where(Round.published_at.is_not(None)))
    for round_ in published:
        if not audience.is_in_audience(user, round_):
            continue
        organisation = services.respondent_organisation(user, round_)
        rows.append({"round": round_, "state": round_.state(now),
                     "response": services.find_response(user, round_, organisation)})
    order = {"open": 0, "scheduled": 1, "closed": 2, "feedback_released": 3}
    return sorted(rows, key=lambda r: (order[r["state"]], r["round"].closes_at))


def tag_choices() -> dict:
    """Phase and sector terms offered on comments, the languages and the one preselected."""
    return {"phases": vocab.terms("credential_phase"), "sectors": vocab.terms("sector"),
            "languages": language_choices(), "default_language": interface_language()}


def term_labels() -> dict:
    """Labels of phase and sector terms by id and by key."""
    terms = db.session.scalars(select(Term).where(Term.vocabulary.in_(TAG_VOCABULARIES)))
    labels = {}
    for term in terms:
        labels[term.id] = labels[term.key] = term.label
    return labels


def new_comment_ids(data: ResponseInput, response) -> dict:
    """For each question where a new comment was sent, the id it was saved under."""
    sent_ids = {c.id for c in data.comments if c.id is not None}
    result = {}
    for item in data.comments:
        if item.id is None and item.body.strip():
            created = [c.id for c in response.comments
                       if c.question_id == item.question_id and c.id not in sent_ids]
            if created:
                result[str(item.question_id)] = max(created)
    return result


def input_from_response(response) -> ResponseInput:
    """The saved response as input, to submit it as it is."""
    data = ResponseInput(answers={a.question_id: _raw(a.value) for a in response.answers})
    for comment in response.comments:
        data.comments.append(CommentInput(
            question_id=comment.question_id, id=comment.id, body=comment.body,
            phases=[t.id for t in comment.tags("credential_phase")],
            sectors=[t.id for t in comment.tags("sector")], comment_type=comment.comment_type,
            proposed_change=comment.proposed_change, field_prefix=f"c-{comment.question_id}-"
            f"{comment.id}-", block_id=comment.block_id, language=comment.language))
    return data


def _raw(value):
    if isinstance(value, list):
        return [str(v) for v in value]
    if isinstance(value, dict):
        return {k: str(v) for k, v in value.items()}
    return str(value)


def describe_answer(question, value, *, options=None, scale_labels=None) -> str:
    """An answer in words: the chosen labels, the ranking in order, or the text or number.

    The labels are the question's own (the original texts) unless others are given.
    """
    if value in (None, "", [], {}):
        return ""
    options = question.options if options is None else options
    scale_labels = question.scale_labels if scale_labels is None else scale_labels
    try:
        if question.kind == "scale":
            return f"{int(value)} – {scale_labels[int(value) - 1]}"
        if question.kind == "single":
            return options[int(value)]
        if question.kind == "multiple":
            return "; ".join(options[int(i)] for i in value)
        if question.kind == "ranking":
            ranked = sorted((int(r), int(i)) for i, r in dict(value).items()
                            if r not in ("", None))
            return "; ".join(f"{rank}. {options[index]}" for rank, index in ranked)
    except (ValueError, TypeError, IndexError, KeyError):
        return str(value)
    return str(value)
    return str(value)


def describe_answer_to_reader(question, value) -> str:
    """An answer in words, with the options and scale labels in the reader's language."""
    return describe_answer(question, value,
                           options=content.localized(question, "options").value,
                           scale_labels=content.localized(question, "scale_labels").value)
