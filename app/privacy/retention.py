"""Storage limitation (GDPR Art. 5(1)(e)): what a consultation keeps after its retention period.

Once the period after its last round closed has passed, a consultation keeps its submitted
answers and comments, but no drafts, invitations, earlier revisions, respondents' identities,
audit details or redacted originals. `flask --app wsgi privacy purge` runs this (for cron).
"""

from dataclasses import dataclass, field
from datetime import datetime, timedelta

from flask import current_app
from sqlalchemy import String, cast, delete, func, select, update

from ..audit.models import AuditEvent
from ..consultations.models import Consultation, Invitation, Round
from ..extensions import db
from ..responses.models import Comment, Response, ResponseRevision
from .models import ConsultationPrivacy, DataDownload, PublicationChoice, Redaction


@dataclass
class Purge:
    """What was (or would be) deleted or anonymised, per consultation."""

    consultations: dict[str, dict[str, int]] = field(default_factory=dict)
    downloads: int = 0


def retention_days(consultation: Consultation) -> int:
    """The consultation's retention period, or the configured default."""
    settings = db.session.get(ConsultationPrivacy, consultation.id)
    if settings is not None and settings.retention_days:
        return settings.retention_days
    return int(current_app.config["PRIVACY_RETENTION_DAYS"])


def due(consultation: Consultation, now: datetime) -> bool:
    """Whether the retention period after the consultation's last round has passed."""
    last = db.session.scalar(select(func.max(Round.closes_at)).where(
        Round.consultation_id == consultation.id))
    return last is not None and now >= last + timedelta(days=retention_days(consultation))


def purge(now: datetime) -> Purge:
    """Delete or anonymise what is past its retention period; returns what was done."""
    result = Purge()
    for consultation in db.session.scalars(select(Consultation).order_by(Consultation.id)):
        if due(consultation, now):
            counts = purge_consultation(consultation, now)
            if any(counts.values()):
                result.consultations[consultation.title] = counts
    result.downloads = _run(delete(DataDownload).where(DataDownload.expires_at <= now))
    return result


def purge_consultation(consultation: Consultation, now: datetime) -> dict[str, int]:
    """Purge one consultation (whatever its dates); returns counts of what changed."""
    rounds = select(Round.id).where(Round.consultation_id == consultation.id)
    responses = select(Response.id).where(Response.round_id.in_(rounds))
    submitted = responses.where(Response.submitted_at.is_not(None))
    kept = select(func.max(ResponseRevision.id)).where(
        ResponseRevision.response_id.in_(submitted), ResponseRevision.kind == "submit"
    ).group_by(ResponseRevision.response_id)
    comments = select(Comment.id).where(Comment.response_id.in_(responses))
    counts = {
        "drafts": _run(delete(Response).where(Response.round_id.in_(rounds),
                                              Response.submitted_at.is_(None))),
        "invitations": _run(delete(Invitation).where(Invitation.round_id.in_(rounds))),
        "revisions": _run(delete(ResponseRevision).where(
            ResponseRevision.response_id.in_(responses), ResponseRevision.id.not_in(kept))),
        "identities": _anonymise_respondents(rounds),
        "audit_details": _clear_audit(consultation, rounds, responses, comments),
        "redacted_originals": _run(update(Redaction).where(
            Redaction.comment_id.in_(comments), Redaction.purged_at.is_(None)).values(
            original_body=None, original_proposed_change=None, purged_at=now)),
    }
    settings = db.session.get(ConsultationPrivacy, consultation.id) or ConsultationPrivacy(
        consultation_id=consultation.id, notice="", notice_number=0)
    settings.purged_at = now
    db.session.add(settings)
    db.session.flush()
    return counts


def _run(statement) -> int:
    return db.session.execute(statement.execution_options(synchronize_session=False)).rowcount


def _anonymise_respondents(rounds) -> int:
    """Person responses stop naming their author; organisation responses keep the organisation."""
    people = list(db.session.execute(select(Response.id, Response.round_id, Response.owner_key)
                                     .where(Response.round_id.in_(rounds),
                                            Response.owner_key.like("u:%"))))
    for response_id, round_id, key in people:
        _run(update(PublicationChoice).where(PublicationChoice.round_id == round_id,
                                             PublicationChoice.owner_key == key)
             .values(owner_key=f"p:{response_id}", chosen_by_id=None))
        _run(update(Response).where(Response.id == response_id).values(
            owner_key=f"p:{response_id}", user_id=None, updated_by_id=None))
    responses = select(Response.id).where(Response.round_id.in_(rounds))
    _run(update(Comment).where(Comment.response_id.in_(responses)).values(author_id=None))
    _run(update(ResponseRevision).where(ResponseRevision.response_id.in_(responses))
         .values(saved_by_id=None))
    _run(update(PublicationChoice).where(PublicationChoice.round_id.in_(rounds))
         .values(chosen_by_id=None))
    return len(people)


def _clear_audit(consultation, rounds, responses, comments) -> int:
    """Audit entries about the consultation keep their verb and date, not their details."""
    objects = (("consultation", select(Consultation.id).where(Consultation.id == consultation.id)),
               ("round", rounds), ("response", responses), ("comment", comments))
    cleared = 0
    for object_type, ids in objects:
        cleared += _run(update(AuditEvent).where(
            AuditEvent.object_type == object_type, AuditEvent.object_id.in_(ids),
            cast(AuditEvent.details, String) != "{}").values(details={}, actor_id=None))
    return cleared
