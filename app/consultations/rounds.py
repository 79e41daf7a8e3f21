"""Round lifecycle: create, edit, publish, extend, close early, copy into the next round."""

from copy import deepcopy
from datetime import datetime, timedelta
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from flask_babel import gettext as _
from flask_babel import ngettext
from sqlalchemy import func, select
from sqlalchemy.orm import joinedload, selectinload

from ..audit.services import record
from ..core.errors import DomainError, NotAllowed
from ..core.records import apply_changes, check_version
from ..extensions import db
from . import audience, permissions
from .models import ANONYMITY_MODES, RESPONSE_MODES, Consultation, Question, Round, RoundChange

# Settings that participants rely on once the round has opened.
LOCKED_WHEN_OPEN = ("response_mode", "anonymity", "opens_at")


class RoundRuleBroken(DomainError):
    """A round setting breaks a rule of the lifecycle."""

    status_code = 409


def get_round(round_id: int) -> Round | None:
    """The round with this id, or None; its consultation is read with it (pages name it)."""
    return db.session.get(Round, round_id, options=[joinedload(Round.consultation)])


def load_questions(round_: Round) -> None:
    """Read the round's questions and their tags together (not one query per question).

    For pages that show every question with its tags; the round row is read again by its
    key, and questions read already are kept as they are.
    """
    db.session.scalars(select(Round).where(Round.id == round_.id).options(
        selectinload(Round.questions).selectinload(Question.terms))).one()


def create_round(actor, consultation: Consultation, *, title: str, opens_at: datetime,
                 closes_at: datetime, timezone: str = "Europe/Brussels",
                 introduction: str = "", response_mode: str = "person",
                 anonymity: str = "attributed", audience_terms=(),
                 audience_organisations=(), document_version_id: int | None = None) -> Round:
    """Add a draft round at the end of the consultation."""
    _require_manager(actor, consultation)
    _check_settings(opens_at, closes_at, timezone, response_mode, anonymity)
    _check_document_version(actor, consultation, document_version_id)
    last = db.session.scalar(select(func.max(Round.position)).where(
        Round.consultation_id == consultation.id))
    round_ = Round(consultation=consultation, position=(last or 0) + 1, title=title.strip(),
                   introduction=introduction, opens_at=opens_at, closes_at=closes_at,
                   timezone=timezone, response_mode=response_mode, anonymity=anonymity,
                   audience_terms=list(audience_terms),
                   audience_organisations=list(audience_organisations),
                   document_version_id=document_version_id)
    db.session.add(round_)
    db.session.flush()
    record(actor, "round.create", round_, title=round_.title)
    return round_


def update_round(actor, round_: Round, now: datetime, *, expected_version: int | None = None,
                 **fields) -> Round:
    """Change a round; once it has opened, its mode, anonymity and opening stay as announced."""
    _require_manager(actor, round_.consultation)
    check_version(round_, expected_version)
    state = round_.state(now)
    if state not in ("draft", "scheduled"):
        locked = [n for n in LOCKED_WHEN_OPEN if n in fields and fields[n] != getattr(round_, n)]
        if locked or ("closes_at" in fields and fields["closes_at"] != round_.closes_at):
            raise RoundRuleBroken(_(
                "This round has opened: its response mode, anonymity and dates are fixed as "
                "participants were told. Use “Change the deadline” or “Close now” instead."))
    _check_settings(fields.get("opens_at", round_.opens_at),
                    fields.get("closes_at", round_.closes_at),
                    fields.get("timezone", round_.timezone),
                    fields.get("response_mode", round_.response_mode),
                    fields.get("anonymity", round_.anonymity))
    if fields.get("document_version_id") not in (None, round_.document_version_id):
        _check_document_version(actor, round_.consultation, fields["document_version_id"])
    changes = apply_changes(round_, fields)
    if changes:
        record(actor, "round.update", round_, changes=changes)
    return round_


def presentable_versions(actor, consultation: Consultation) -> list:
    """Versions a round may present: of documents on its consultation the actor may read."""
    # drafts' models and permissions import consultations: a cycle at module level
    from ..drafts.permissions import can_edit
    from ..drafts.queries import documents_of_consultation

    return [v for d in documents_of_consultation(consultation) if can_edit(actor, d)
            for v in d.versions]


def _check_document_version(actor, consultation: Consultation, version_id) -> None:
    if version_id is None:
        return
    if not any(v.id == version_id for v in presentable_versions(actor, consultation)):
        raise DomainError(_("Choose a version of a document that draws on this consultation."))


def publish_round(actor, round_: Round, now: datetime) -> Round:
    """Make a draft round visible to its audience: scheduled, or open if its window started."""
    _require_manager(actor, round_.consultation)
    if round_.published_at is not None:
        raise RoundRuleBroken(_("This round is published already."))
    if not round_.questions:
        raise RoundRuleBroken(_("Add at least one question before publishing the round."))
    if round_.closes_at <= now:
        raise RoundRuleBroken(_("The round's closing time has passed; set a later one first."))
    round_.published_at = now
    record(actor, "round.publish", round_)
    return round_


def unpublish_round(actor, round_: Round, now: datetime) -> Round:
    """Take a scheduled round back to draft (not once it has opened)."""
    _require_manager(actor, round_.consultation)
    if round_.state(now) != "scheduled":
        raise RoundRuleBroken(_("Only a round that has not opened yet can go back to draft."))
    round_.published_at = None
    record(actor, "round.unpublish", round_)
    return round_


def extend_round(actor, round_: Round, new_closes_at: datetime, now: datetime,
                 reason: str = "") -> RoundChange:
    """Move the deadline later (reopening a closed round); participants are shown the change."""
    _require_manager(actor, round_.consultation)
    if round_.published_at is None or round_.feedback_released_at is not None:
        raise RoundRuleBroken(_("Only a published round without released feedback can be "
                                "extended."))
    if new_closes_at <= max(round_.closes_at, now):
        raise RoundRuleBroken(_("The new deadline must be later than the current one and "
                                "in the future."))
    return _change_deadline(actor, round_, "extended", new_closes_at, reason)


def move_deadline_earlier(actor, round_: Round, new_closes_at: datetime, now: datetime,
                          reason: str = "", *, min_notice: timedelta) -> RoundChange:
    """Bring an open round's deadline forward, leaving participants at least `min_notice`.

    Everyone invited is told by e-mail once the change is committed.
    """
    _require_manager(actor, round_.consultation)
    if not round_.is_open(now):
        raise RoundRuleBroken(_("Only an open round's deadline can be moved earlier."))
    if new_closes_at >= round_.closes_at:
        raise RoundRuleBroken(_("The new deadline must be earlier than the current one."))
    if new_closes_at < now + min_notice:
        hours = int(min_notice.total_seconds() // 3600)
        raise RoundRuleBroken(ngettext(
            "Participants must have at least %(num)d hour's notice: choose a deadline after "
            "%(when)s UTC.", "Participants must have at least %(num)d hours' notice: choose a "
            "deadline after %(when)s UTC.", hours,
            when=(now + min_notice).strftime("%Y-%m-%d %H:%M")))
    change = _change_deadline(actor, round_, "moved_earlier", new_closes_at, reason)
    audience.notify_deadline_change(round_, change)
    return change


def close_round_now(actor, round_: Round, now: datetime, reason: str = "") -> RoundChange:
    """Close an open round before its deadline; participants are shown the change."""
    _require_manager(actor, round_.consultation)
    if not round_.is_open(now):
        raise RoundRuleBroken(_("Only an open round can be closed early."))
    return _change_deadline(actor, round_, "closed_early", now, reason)


def copy_round(actor, round_: Round) -> Round:
    """A new draft round with the same settings, audience and questions, a window later."""
    duration = round_.closes_at - round_.opens_at
    opens_at = round_.closes_at + timedelta(days=7)
    copy = create_round(
        actor, round_.consultation, title=_("%(title)s (copy)", title=round_.title),
        opens_at=opens_at, closes_at=opens_at + duration, timezone=round_.timezone,
        introduction=round_.introduction, response_mode=round_.response_mode,
        anonymity=round_.anonymity, audience_terms=round_.audience_terms,
        audience_organisations=round_.audience_organisations)
    # the introduction's translations stay true; the title's would miss "(copy)"
    copy.translations = {language: {"introduction": texts["introduction"]}
                         for language, texts in (round_.translations or {}).items()
                         if texts.get("introduction")}
    for question in round_.questions:
        clone = clone_question(question, question.position)
        clone.source_question_id = question.id  # the next round shows this one's feedback
        copy.questions.append(clone)
    db.session.flush()
    record(actor, "round.copy", copy, source=round_.id)
    return copy


def clone_question(question: Question, position: int) -> Question:
    """An unsaved copy of a question with its tags."""
    return Question(kind=question.kind, prompt=question.prompt, help_text=question.help_text,
                    is_required=question.is_required, scale_points=question.scale_points,
                    scale_labels=list(question.scale_labels), options=list(question.options),
                    max_choices=question.max_choices, min_value=question.min_value,
                    max_value=question.max_value, terms=list(question.terms), position=position,
                    translations=deepcopy(question.translations or {}))


def _change_deadline(actor, round_: Round, kind: str, new_closes_at: datetime,
                     reason: str) -> RoundChange:
    change = RoundChange(round=round_, kind=kind, previous_closes_at=round_.closes_at,
                         new_closes_at=new_closes_at, reason=reason.strip(), actor_id=actor.id)
    round_.closes_at = new_closes_at
    db.session.add(change)
    record(actor, f"round.{kind}", round_, previous=change.previous_closes_at.isoformat(),
           new=new_closes_at.isoformat(), reason=reason)
    return change


def _check_settings(opens_at: datetime, closes_at: datetime, timezone: str,
                    response_mode: str, anonymity: str) -> None:
    if closes_at <= opens_at:
        raise DomainError(_("The round must close after it opens."))
    try:
        ZoneInfo(timezone)
    except (ZoneInfoNotFoundError, ValueError) as exc:
        raise DomainError(_("Unknown time zone %(tz)s.", tz=timezone)) from exc
    if response_mode not in RESPONSE_MODES or anonymity not in ANONYMITY_MODES:
        raise DomainError(_("Unknown response or anonymity mode."))


def _require_manager(actor, consultation: Consultation) -> None:
    if not permissions.can_manage(actor, consultation):
        raise NotAllowed(_("Only the facilitators of this consultation can change its rounds."))
