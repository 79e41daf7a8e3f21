"""Answering a round: save drafts, submit, edit until the close; every save kept as history."""

from dataclasses import dataclass, field
from datetime import datetime

from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from sqlalchemy import func, select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import defer, selectinload
from sqlalchemy.orm.exc import StaleDataError
from sqlalchemy.orm.util import identity_key

from ..analysis.similarity import assign_cluster
from ..consultations import audience, content
from ..consultations.models import Round
from ..core.errors import DomainError, NotAllowed
from ..core.languages import DEFAULT_LANGUAGE, is_language
from ..core.mail import letter, send_letter
from ..core.records import apply_changes
from ..extensions import db
from ..vocab.models import Term
from .models import COMMENT_TYPES, TAG_VOCABULARIES, Answer, Comment, Response, ResponseRevision
from .validation import (
    CommentInput,
    InvalidInput,
    ResponseInput,
    check_language,
    check_length,
    clean_answer,
)


class RoundClosed(DomainError):
    """The round is not open; what was sent is kept as a draft the author can read."""

    status_code = 409


def respondent_organisation(user, round_: Round, organisation_id: int | None = None):
    """The organisation the user answers for (organisation mode), or describes them."""
    choices = audience.audience_organisations_of(user, round_) or list(user.organisations)
    if organisation_id is not None:
        return next((o for o in choices if o.id == organisation_id), None)
    return choices[0] if choices else None


def owner_key(user, round_: Round, organisation) -> str:
    """Whose response this is: one per person, or one per organisation."""
    if round_.response_mode == "organisation" and organisation is not None:
        return f"o:{organisation.id}"
    return f"u:{user.id}"


def find_response(user, round_: Round, organisation=None, *,
                  with_content: bool = False) -> Response | None:
    """The response the user writes in this round, if it exists.

    `with_content` loads its answers, comments and the comments' tags with it, in three
    queries whatever the number of comments, for the pages and saves that read them all.
    """
    key = owner_key(user, round_, organisation)
    query = select(Response).where(Response.round_id == round_.id, Response.owner_key == key)
    if with_content:
        query = query.options(selectinload(Response.answers),
                              selectinload(Response.comments).selectinload(Comment.terms))
    return db.session.scalar(query)


@dataclass
class SaveOutcome:
    """What became of a save; the caller commits once, whatever the kind.

    `saved`: written (`pending` lists the values kept as typed, not valid yet, with their
    messages); `late`: the round had closed, the text is kept as a late revision for its
    author; `conflict`: someone saved the response meanwhile, the text is kept as a
    revision and `response` is the other version.
    """

    kind: str
    response: Response
    mine: ResponseInput
    message: str = ""
    pending: dict[str, str] = field(default_factory=dict)
    reopened: bool = False  # a submitted response that no longer holds is a draft again

    @property
    def current(self) -> Response:
        """The version saved by someone else (for conflicts), or the saved response."""
        return self.response


def save_response(actor, round_: Round, data: ResponseInput, *, now: datetime,
                  expected_version: int | None, submit: bool = False,
                  organisation=None, response: Response | None = None) -> SaveOutcome:
    """Save a draft or submit, checking the deadline and the version; returns the outcome.

    A draft keeps every valid value and keeps invalid ones as typed, with their messages;
    only a submission requires every answer to be valid (InvalidInput otherwise, nothing
    written). `response` is the author's response when the caller has read it already
    (with its content); otherwise it is read here, after the deadline lock.
    """
    if not audience.is_in_audience(actor, round_) or round_.published_at is None:
        raise NotAllowed(_("This round is not open to you."))
    _lock(round_)
    response = (response or find_response(actor, round_, organisation, with_content=True)
                or _new_response(actor, round_, organisation))
    if not round_.is_open(now):
        _append_revision(response, actor, "late", _raw_snapshot(data), now)
        return SaveOutcome("late", response, data, _(
            "The round closed at %(time)s UTC, before your answers arrived, so they were not "
            "recorded as a response. Your text is kept: you can read and download it below.",
            time=round_.closes_at.strftime("%Y-%m-%d %H:%M")))
    if expected_version is not None and response.id and response.version != expected_version:
        return _keep_conflict(actor, response, data, now)
    try:
        with db.session.begin_nested():
            return _write(actor, round_, response, data, now=now, submit=submit)
    except (StaleDataError, IntegrityError):
        # another save of the same response (a second tab, a colleague) committed between
        # reading it and writing it: the designed conflict path, not an error page
        current = find_response(actor, round_, organisation or response.organisation,
                                with_content=True)
        if current is None:
            raise
        db.session.refresh(current)
        return _keep_conflict(actor, current, data, now)


def _keep_conflict(actor, current: Response, data: ResponseInput,
                   now: datetime) -> SaveOutcome:
    _append_revision(current, actor, "conflict", _raw_snapshot(data), now)
    return SaveOutcome("conflict", current, data,
                       _("Someone else saved this response while you were editing it."))


def _write(actor, round_: Round, response: Response, data: ResponseInput, *,
           now: datetime, submit: bool) -> SaveOutcome:
    if submit and response.pending:
        raise InvalidInput(response.pending["errors"])
    # an edit of a submitted response is checked as a submission: it must still hold
    pending = _apply(actor, round_, response, data,
                     final=submit or response.is_submitted)
    if submit and pending["errors"]:
        raise InvalidInput(pending["errors"])
    reopened = response.is_submitted and not submit and bool(pending["errors"])
    if reopened:
        response.submitted_at = None
    response.pending = pending if pending["errors"] else None
    response.updated_at, response.updated_by_id = now, actor.id
    kind = "submit" if submit else ("edit" if response.is_submitted else "draft")
    if submit:
        response.submitted_at = now
        response.first_submitted_at = response.first_submitted_at or now
    db.session.flush()
    content = snapshot(response)
    if submit:  # a submission is always kept, so the newest revision need not be read
        _append_revision(response, actor, kind, content, now)
    else:
        last = last_revision(response)
        if last is None or last.kind in ("late", "conflict") or last.snapshot != content:
            _append_revision(response, actor, kind, content, now,  # saving nothing new adds none
                             number=last.number + 1 if last is not None else None)
    if submit:
        _send_receipt(actor, round_, response)
    message = ""
    if reopened:
        message = _("Your changes are saved, but your response is a draft again: it no longer "
                    "has every required answer or has answers that are not valid. Correct them "
                    "and submit it again before the round closes.")
    return SaveOutcome("saved", response, data, message, pending["errors"], reopened)


def submission_problems(round_: Round, response: Response) -> dict[str, str]:
    """What stands between a saved response and its submission, by field name."""
    errors = dict((response.pending or {}).get("errors", {}))
    for question in round_.questions:
        name = f"q-{question.id}"
        if name not in errors:
            answer = response.answer_for(question.id)
            clean_answer(question, answer.value if answer else None, errors, final=True)
    return errors


def comment_on_block(actor, round_: Round, comment: CommentInput, *, block_id: int,
                     document_version_id: int, quote: str, now: datetime,
                     organisation=None) -> Comment:
    """Add a comment on a paragraph of the document version the round presents."""
    terms = _open_for_paragraph_comments(actor, round_, comment, quote, now)
    response = find_response(actor, round_, organisation) or _new_response(
        actor, round_, organisation)
    item = Comment(block_id=block_id, document_version_id=document_version_id,
                   quote=quote.strip(), body=comment.body.strip(), author_id=actor.id,
                   proposed_change=comment.proposed_change.strip(),
                   comment_type=comment.comment_type,
                   language=comment.language or DEFAULT_LANGUAGE,
                   terms=sorted({terms[i] for i in comment.phases + comment.sectors if i in terms},
                                key=_term_order))
    response.comments.append(item)
    _paragraph_saved(actor, response, now)
    return item


def update_block_comment(actor, round_: Round, item: Comment, comment: CommentInput, *,
                         quote: str, now: datetime) -> Comment:
    """Change one's comment on a paragraph while the round is open."""
    _own_paragraph_comment(actor, round_, item)
    terms = _open_for_paragraph_comments(actor, round_, comment, quote, now)
    apply_changes(item, {
        "quote": quote.strip(), "body": comment.body.strip(),
        "proposed_change": comment.proposed_change.strip(), "comment_type": comment.comment_type,
        "language": comment.language or item.language,
        "terms": sorted({terms[i] for i in comment.phases + comment.sectors if i in terms},
                        key=_term_order)})
    item.updated_at = now
    _paragraph_saved(actor, item.response, now)
    return item


def delete_block_comment(actor, round_: Round, item: Comment, *, now: datetime) -> None:
    """Remove one's comment on a paragraph while the round is open (history keeps it)."""
    _own_paragraph_comment(actor, round_, item)
    if not audience.is_in_audience(actor, round_) or round_.published_at is None:
        raise NotAllowed(_("This round is not open to you."))
    _lock(round_)
    if not round_.is_open(now):
        raise RoundClosed(_("The round closed at %(time)s UTC; your comment was kept.",
                            time=round_.closes_at.strftime("%Y-%m-%d %H:%M")))
    response = item.response
    response.comments.remove(item)
    _paragraph_saved(actor, response, now)


def _own_paragraph_comment(actor, round_: Round, item: Comment) -> None:
    from .permissions import is_author

    if (item.block_id is None or item.response.round_id != round_.id
            or not is_author(actor, item.response)):
        raise NotAllowed(_("That comment is not one of yours in this round."))


def _open_for_paragraph_comments(actor, round_: Round, comment: CommentInput, quote: str,
                                 now: datetime) -> dict[int, Term]:
    """Check the round is open and the comment's values; the comment's tag terms by id."""
    if not audience.is_in_audience(actor, round_) or round_.published_at is None:
        raise NotAllowed(_("This round is not open to you."))
    _lock(round_)
    if not round_.is_open(now):
        raise RoundClosed(_("The round closed at %(time)s UTC; your comment was not recorded.",
                            time=round_.closes_at.strftime("%Y-%m-%d %H:%M")))
    terms = _tag_terms(comment.phases + comment.sectors)
    errors: dict[str, str] = {}
    if not comment.body.strip():
        errors["body"] = _("A comment needs text.")
    check_length(comment.body, "body", _("The comment"), "body", errors)
    check_length(quote, "proposed_change", _("The quoted passage"), "quote", errors)
    check_length(comment.proposed_change, "proposed_change", _("The proposed change"),
                 "change", errors)
    phases = [terms.get(i) for i in comment.phases]
    if not phases or any(t is None or t.vocabulary != "credential_phase" for t in phases):
        errors["phases"] = _("Tag the comment with at least one credential phase.")
    if any(terms.get(i) is None or terms[i].vocabulary != "sector" for i in comment.sectors):
        errors["sectors"] = _("Unknown sector.")
    if comment.comment_type not in COMMENT_TYPES:
        errors["type"] = _("Choose general, technical or editorial.")
    check_language(comment.language, "language", errors)
    if errors:
        raise InvalidInput(errors)
    return terms


def _paragraph_saved(actor, response: Response, now: datetime) -> None:
    response.updated_at, response.updated_by_id = now, actor.id
    db.session.flush()
    _append_revision(response, actor, "submit" if response.is_submitted else "draft",
                     snapshot(response), now)


def snapshot(response: Response) -> dict:
    """A plain copy of a response's answers and comments, for history and downloads."""
    return {
        "answers": {str(a.question_id): a.value for a in response.answers},
        "comments": [{
            "id": c.id, "question_id": c.question_id, "block_id": c.block_id,
            "type": c.comment_type, "body": c.body, "quote": c.quote,
            "proposed_change": c.proposed_change, "language": c.language,
            "phases": [t.key for t in c.tags("credential_phase")],
            "sectors": [t.key for t in c.tags("sector")],
        } for c in response.comments],
        "submitted": response.is_submitted,
    }


def latest_late_text(response: Response | None) -> ResponseRevision | None:
    """The newest text that arrived after the deadline, if any (kept for its author)."""
    return last_revision(response, kind="late")


def last_revision(response: Response | None, kind: str | None = None) -> ResponseRevision | None:
    """The newest revision (of one kind), read on its own.

    A response edited all through a round gathers hundreds of revisions, each a full copy;
    saving and showing the page need only the newest, found by index.
    """
    if response is None or response.id is None:
        return None
    query = select(ResponseRevision).where(ResponseRevision.response_id == response.id)
    if kind is not None:
        query = query.where(ResponseRevision.kind == kind)
    return db.session.scalars(query.order_by(ResponseRevision.number.desc()).limit(1)).first()


def _lock(round_: Round) -> None:
    # On PostgreSQL a shared row lock orders this write after any deadline change in flight.
    if db.session.get_bind().dialect.name == "postgresql":
        db.session.refresh(round_, ["published_at", "opens_at", "closes_at", "version",
                                    "feedback_released_at"], with_for_update={"read": True})


def _new_response(actor, round_: Round, organisation) -> Response:
    organisation = organisation or respondent_organisation(actor, round_)
    response = Response(
        round=round_, owner_key=owner_key(actor, round_, organisation), user_id=actor.id,
        organisation=organisation,
        stakeholder_type_id=getattr(organisation, "stakeholder_type_id", None),
        country_id=getattr(organisation, "country_id", None),
        governance_level_id=getattr(organisation, "governance_level_id", None),
    )
    db.session.add(response)
    return response


def _apply(actor, round_: Round, response: Response, data: ResponseInput, *,
           final: bool) -> dict:
    """Store the valid answers and comments; return what is kept as typed, with messages."""
    questions = {q.id: q for q in round_.questions}
    errors: dict[str, str] = {}
    values = {}
    for question in questions.values():
        raw = data.answers.get(question.id)
        if question.kind == "text":
            check_length(raw or "", "answer", _("Your answer"), f"q-{question.id}", errors)
            check_language(data.answer_languages.get(question.id, ""), f"q-{question.id}",
                           errors)
        values[question.id] = clean_answer(question, raw, errors, final=final)
    terms = _tag_terms(i for comment in data.comments for i in comment.phases + comment.sectors)
    _check_comments(data, questions, terms, errors)
    kept_answers = {str(q): data.answers.get(q) for q in questions if f"q-{q}" in errors
                    and data.answers.get(q) not in (None, "", [], {})}
    for question_id in questions:
        if f"q-{question_id}" in errors:
            values[question_id] = None  # the stored answer is a valid one, or none
    held = [c for c in data.comments
            if any(name.startswith(c.field_prefix) for name in errors)]
    _store_answers(response, values, questions, data.answer_languages)
    _store_comments(actor, response, data, terms, skip={id(c) for c in held})
    kept_languages = {key: data.answer_languages[int(key)] for key in kept_answers
                      if is_language(data.answer_languages.get(int(key)))}
    return {"answers": kept_answers, "answer_languages": kept_languages,
            "comments": [_typed_comment(c) for c in held], "errors": errors}


def _typed_comment(comment: CommentInput) -> dict:
    return {"question_id": comment.question_id, "id": comment.id,
            "key": comment.field_prefix.split("-")[2] if comment.field_prefix else "new",
            "body": comment.body, "phases": comment.phases, "sectors": comment.sectors,
            "type": comment.comment_type, "change": comment.proposed_change, "delete": False,
            "language": comment.language}


def _tag_terms(ids) -> dict[int, Term]:
    """The credential-phase and sector terms among these ids, by id.

    Terms the session holds already (a response read with its comments brings their tags)
    are taken from it and the others read in one query, so submitting a saved response
    reads no terms at all.
    """
    terms, missing = {}, []
    for term_id in set(ids):
        term = db.session.identity_map.get(identity_key(Term, term_id))
        if term is not None and "vocabulary" in term.__dict__:  # loaded, not expired
            terms[term_id] = term
        else:
            missing.append(term_id)
    if missing:
        terms.update((t.id, t) for t in db.session.scalars(select(Term).where(
            Term.id.in_(missing))))
    return {i: t for i, t in terms.items() if t.vocabulary in TAG_VOCABULARIES}


def _check_comments(data: ResponseInput, questions: dict, terms: dict, errors: dict) -> None:
    for comment in data.comments:
        prefix = comment.field_prefix
        typed = comment.body.strip() or comment.proposed_change.strip()
        if comment.delete or (comment.id is None and not typed):
            continue
        if comment.question_id not in questions and not _is_paragraph_comment(comment):
            errors[f"{prefix}body"] = _("This comment belongs to another round.")
        if not comment.body.strip() and comment.id is None:
            errors[f"{prefix}body"] = _("Explain your proposed change in the comment: it is "
                                        "kept as you typed it, but not sent without a comment.")
        elif not comment.body.strip():
            errors[f"{prefix}body"] = _("A comment needs text (tick “Delete” to remove it).")
        check_length(comment.body, "body", _("The comment"), f"{prefix}body", errors)
        check_length(comment.proposed_change, "proposed_change", _("The proposed change"),
                     f"{prefix}change", errors)
        phases = [terms.get(i) for i in comment.phases]
        if not phases or any(t is None or t.vocabulary != "credential_phase" for t in phases):
            errors[f"{prefix}phases"] = _("Tag the comment with at least one credential phase.")
        if any(terms.get(i) is None or terms[i].vocabulary != "sector" for i in comment.sectors):
            errors[f"{prefix}sectors"] = _("Unknown sector.")
        if comment.comment_type not in COMMENT_TYPES:
            errors[f"{prefix}type"] = _("Choose general, technical or editorial.")
        check_language(comment.language, f"{prefix}language", errors)


def _is_paragraph_comment(comment: CommentInput) -> bool:
    # a saved comment on a paragraph travels with its response; only its own id can reach it
    return comment.id is not None and comment.block_id is not None


def _store_answers(response: Response, values: dict, questions: dict,
                   languages: dict[int, str]) -> None:
    existing = {a.question_id: a for a in response.answers}
    for question_id, value in values.items():
        answer = existing.get(question_id)
        text = value if questions[question_id].kind == "text" else None
        language = languages.get(question_id) or None  # None: as saved (else the default)
        if value is None:
            if answer is not None:
                response.answers.remove(answer)
        elif answer is None:
            response.answers.append(Answer(question_id=question_id, value=value,
                                           text_value=text, language=language))
        else:
            if answer.value != value:
                answer.value, answer.text_value = value, text
            if language is not None and answer.language != language:
                answer.language = language


def _store_comments(actor, response: Response, data: ResponseInput, terms: dict,
                    skip: frozenset = frozenset()) -> None:
    existing = {c.id: c for c in response.comments}
    changed = []
    for item in data.comments:
        if id(item) in skip:
            continue  # kept as typed until it is valid
        comment = existing.get(item.id) if item.id is not None else None
        if item.id is not None and comment is None:
            continue  # a comment of someone else's response, or already deleted
        if item.delete:
            if comment is not None:
                response.comments.remove(comment)
            continue
        if comment is None:
            if not item.body.strip():
                continue
            comment = Comment(question_id=item.question_id, author_id=actor.id)
            response.comments.append(comment)
        # only what differs is set: setting even an equal value costs the flush a look
        changes = apply_changes(comment, {
            "body": item.body.strip(), "proposed_change": item.proposed_change.strip(),
            "comment_type": item.comment_type,
            "language": item.language or comment.language or DEFAULT_LANGUAGE,
            # in the order the comment reads them back (by position), so snapshots compare
            "terms": sorted({terms[i] for i in item.phases + item.sectors}, key=_term_order)})
        if "body" in changes:
            changed.append(comment)
    if not changed:  # the near-duplicate groups read only new or rewritten texts
        return
    db.session.flush()
    threshold = response.round.consultation.similarity_threshold
    for comment in changed:
        assign_cluster(comment, threshold)


def _term_order(term: Term) -> tuple:
    return term.position, term.id


def _append_revision(response: Response, actor, kind: str, content: dict,
                     now: datetime, number: int | None = None) -> ResponseRevision:
    if response.id is None:
        db.session.flush()
    if number is None:  # the next number, worked out by the INSERT itself
        number = (select(func.coalesce(func.max(ResponseRevision.number), 0) + 1)
                  .where(ResponseRevision.response_id == response.id).scalar_subquery())
    revision = ResponseRevision(response=response, number=number, kind=kind, snapshot=content,
                                saved_by_id=actor.id, saved_at=now)
    db.session.add(revision)
    db.session.flush()
    return revision


def _raw_snapshot(data: ResponseInput) -> dict:
    return {
        "answers": {str(k): v for k, v in data.answers.items() if v not in (None, "", [], {})},
        "comments": [{"id": c.id, "question_id": c.question_id, "type": c.comment_type,
                      "body": c.body, "proposed_change": c.proposed_change,
                      "phase_ids": c.phases, "sector_ids": c.sectors}
                     for c in data.comments if c.body.strip() and not c.delete],
        "submitted": False,
    }


def _send_receipt(actor, round_: Round, response: Response) -> None:
    send_letter(letter(actor, _l("Receipt: your answers to %(title)s",
                                 title=content.lazy_title(round_)),
                       "responses/email/receipt.txt", round=round_, response=response))


def revision_list(response: Response) -> list[ResponseRevision]:
    """The response's saved versions, newest first, their snapshots loaded only when read."""
    return list(db.session.scalars(
        select(ResponseRevision).where(ResponseRevision.response_id == response.id)
        .options(defer(ResponseRevision.snapshot), selectinload(ResponseRevision.saved_by))
        .order_by(ResponseRevision.number.desc())))
