"""Consultation operations: create and edit, facilitators, background documents, consensus rule."""

from datetime import datetime

from flask import current_app
from flask_babel import gettext as _
from sqlalchemy import func, select

from ..accounts.models import User
from ..audit.services import record
from ..core.errors import DomainError, NotAllowed
from ..core.records import apply_changes, check_version
from ..extensions import db
from . import permissions
from .models import BackgroundDocument, Consultation, Round


class ConsensusRuleLocked(DomainError):
    """The consensus rule is fixed once the first round has opened."""

    status_code = 409


def get_consultation(consultation_id: int) -> Consultation | None:
    """The consultation with this id, or None."""
    return db.session.get(Consultation, consultation_id)


def consultations_managed_by(user) -> list[Consultation]:
    """The consultations a user manages (all of them for administrators), newest first."""
    query = select(Consultation).order_by(Consultation.created_at.desc(), Consultation.id.desc())
    if not user.is_administrator:
        query = query.where(Consultation.facilitators.any(User.id == user.id))
    return list(db.session.scalars(query))


def create_consultation(actor, *, title: str, summary: str = "", working_group: str = "",
                        sectors=(), facilitators=(), original_language: str = "en",
                        offered_languages=()) -> Consultation:
    """Start a consultation; its creator is one of its facilitators."""
    if not permissions.can_create_consultation(actor):
        raise NotAllowed(_("Only facilitators can start a consultation."))
    original_language, offered = _languages(original_language, offered_languages)
    consultation = Consultation(title=title.strip(), summary=summary, working_group=working_group,
                                sectors=list(sectors), created_by_id=actor.id,
                                original_language=original_language, offered_languages=offered)
    consultation.facilitators = _with_actor(actor, facilitators)
    db.session.add(consultation)
    db.session.flush()
    record(actor, "consultation.create", consultation, title=consultation.title)
    return consultation


def update_consultation(actor, consultation: Consultation, *,
                        expected_version: int | None = None, **fields) -> Consultation:
    """Change a consultation's details with optimistic locking."""
    _require_manager(actor, consultation)
    check_version(consultation, expected_version)
    if "facilitators" in fields:
        fields["facilitators"] = _with_actor(actor, fields["facilitators"]) \
            if not actor.is_administrator else list(fields["facilitators"])
        if not fields["facilitators"]:
            raise DomainError(_("A consultation needs at least one facilitator."))
    if "original_language" in fields or "offered_languages" in fields:
        fields["original_language"], fields["offered_languages"] = _languages(
            fields.get("original_language", consultation.original_language),
            fields.get("offered_languages", consultation.offered_languages))
    changes = apply_changes(consultation, fields)
    if changes:
        record(actor, "consultation.update", consultation, changes=changes)
    return consultation


def consensus_locked(consultation: Consultation, now: datetime) -> bool:
    """Whether a round of the consultation has opened, which fixes the consensus rule."""
    return any(r.published_at is not None and r.opens_at <= now for r in consultation.rounds)


def set_consensus_rule(actor, consultation: Consultation, rule: dict,
                       now: datetime) -> Consultation:
    """Declare how consensus is measured; refused once the first round has opened."""
    _require_manager(actor, consultation)
    if consensus_locked(consultation, now):
        raise ConsensusRuleLocked(_("The consensus rule was fixed when the first round opened "
                                    "and can no longer be changed."))
    points = int(rule["scale_points"])
    if points not in (5, 7) or not 1 <= int(rule["agreement_from"]) <= points:
        raise DomainError(_("Agreement must start at a point of the %(n)d-point scale.",
                            n=points))
    if not 0 < float(rule["min_agreement"]) <= 100 or float(rule["max_iqr"]) < 0:
        raise DomainError(_("Agreement is a percentage up to 100 and the IQR is not negative."))
    old = dict(consultation.consensus_rule)
    consultation.consensus_rule = {"scale_points": points, "max_iqr": float(rule["max_iqr"]),
                                   "min_agreement": float(rule["min_agreement"]),
                                   "agreement_from": int(rule["agreement_from"])}
    record(actor, "consultation.consensus_rule", consultation, old=old,
           new=consultation.consensus_rule)
    return consultation


def save_document(actor, consultation: Consultation, *, title: str, body: str,
                  document: BackgroundDocument | None = None) -> BackgroundDocument:
    """Add or change a background document."""
    _require_manager(actor, consultation)
    if document is None:
        last = db.session.scalar(select(func.max(BackgroundDocument.position)).where(
            BackgroundDocument.consultation_id == consultation.id))
        document = BackgroundDocument(consultation=consultation, position=(last or 0) + 1)
        db.session.add(document)
    document.title, document.body = title.strip(), body
    db.session.flush()
    record(actor, "document.save", document, consultation=consultation.id, title=title)
    return document


def delete_document(actor, document: BackgroundDocument) -> None:
    """Remove a background document."""
    _require_manager(actor, document.consultation)
    record(actor, "document.delete", document, title=document.title)
    db.session.delete(document)


def rounds_of(consultation: Consultation) -> list[Round]:
    """The consultation's rounds in order."""
    return list(consultation.rounds)


def _languages(original: str, offered) -> tuple[str, list[str]]:
    """The original language and the others offered (in the site's order), both known."""
    known = current_app.config["LANGUAGES"]
    if original not in known or any(code not in known for code in offered):
        raise DomainError(_("Choose languages from the list."))
    return original, [code for code in known if code in set(offered) and code != original]


def _with_actor(actor, facilitators) -> list:
    chosen = list(facilitators)
    if actor.id not in {f.id for f in chosen}:
        chosen.append(actor)
    return chosen


def _require_manager(actor, consultation: Consultation) -> None:
    if not permissions.can_manage(actor, consultation):
        raise NotAllowed(_("Only the facilitators of this consultation can change it."))
