"""Privacy notices (the site's and each consultation's) and publication choices."""

from flask_babel import lazy_gettext as _l
from sqlalchemy import func, select

from ..audit.services import record
from ..consultations.models import Consultation, Round
from ..core.errors import DomainError
from ..core.markdown import render_markdown
from ..core.types import utcnow
from ..extensions import db
from .models import (
    PUBLICATION_CHOICES,
    ConsultationPrivacy,
    NoticeAcknowledgement,
    PrivacyNotice,
    PublicationChoice,
)

MAX_NOTICE = 50_000
MAX_BRACKETS = 500  # a link takes one; a notice needs a few dozen
CHOICE_LABELS = {
    "named": _l("Publish with my name and organisation"),
    "anonymous": _l("Publish anonymously (type of organisation and country only)"),
    "none": _l("Do not publish"),
}


def current_notice() -> PrivacyNotice | None:
    """The newest version of the site's privacy notice (None: the built-in text is shown)."""
    return db.session.scalar(select(PrivacyNotice).order_by(PrivacyNotice.number.desc()))


def current_number() -> int:
    """The number of the current privacy notice (0 for the built-in text)."""
    return db.session.scalar(select(func.coalesce(func.max(PrivacyNotice.number), 0)))


def publish_notice(actor, body: str) -> PrivacyNotice:
    """Save a new version of the site's privacy notice; signed-in people will see it once."""
    body = _clean(body)
    if not body.strip():
        raise DomainError(str(_l("Write the privacy notice.")))
    notice = PrivacyNotice(number=current_number() + 1, body=body, created_by_id=actor.id)
    db.session.add(notice)
    db.session.flush()
    record(actor, "privacy.notice", notice, number=notice.number)
    return notice


def unseen_notice(user) -> bool:
    """Whether a newer privacy notice exists than the one the person last saw."""
    seen = select(NoticeAcknowledgement.number).where(
        NoticeAcknowledgement.user_id == user.id).scalar_subquery()
    return bool(db.session.scalar(select(PrivacyNotice.id).where(
        PrivacyNotice.number > func.coalesce(seen, 0)).limit(1)))


def acknowledge(user, number: int) -> None:
    """Record that the person saw version `number` of the privacy notice."""
    seen = db.session.get(NoticeAcknowledgement, user.id)
    if seen is None:
        db.session.add(NoticeAcknowledgement(user_id=user.id, number=number, seen_at=utcnow()))
    elif number > seen.number:
        seen.number, seen.seen_at = number, utcnow()
    db.session.flush()


def consultation_privacy(consultation: Consultation) -> ConsultationPrivacy:
    """The consultation's notice and retention settings (unsaved defaults if none)."""
    return (db.session.get(ConsultationPrivacy, consultation.id)
            or ConsultationPrivacy(consultation_id=consultation.id, notice="", notice_number=0))


def update_consultation_privacy(actor, consultation: Consultation, *, notice: str,
                                retention_days: int | None) -> ConsultationPrivacy:
    """Change a consultation's notice (a new version when its text changes) and retention."""
    settings = consultation_privacy(consultation)
    notice = _clean(notice)
    if retention_days is not None and not 1 <= retention_days <= 36_500:
        raise DomainError(str(_l("The retention period is between 1 and 36,500 days.")))
    if notice != settings.notice:
        settings.notice, settings.notice_number = notice, settings.notice_number + 1
    settings.retention_days, settings.updated_at = retention_days, utcnow()
    db.session.add(settings)
    db.session.flush()
    record(actor, "privacy.consultation", consultation, notice=settings.notice_number,
           retention_days=retention_days)
    return settings


def choice_for(round_: Round, owner_key: str) -> PublicationChoice | None:
    """The publication choice of the response `owner_key` writes in this round."""
    return db.session.scalar(select(PublicationChoice).where(
        PublicationChoice.round_id == round_.id, PublicationChoice.owner_key == owner_key))


def needs_choice(round_: Round, owner_key: str) -> bool:
    """Whether the respondent must still read the notice and choose (once per consultation).

    A choice made in an earlier round of the same consultation, under the same version of
    its notice, is carried over to this round (flushed, not committed).
    """
    if choice_for(round_, owner_key) is not None:
        return False
    notice = consultation_privacy(round_.consultation).notice_number
    earlier = db.session.scalar(
        select(PublicationChoice).join(Round, Round.id == PublicationChoice.round_id)
        .where(Round.consultation_id == round_.consultation_id,
               PublicationChoice.owner_key == owner_key,
               PublicationChoice.consultation_notice_number == notice)
        .order_by(PublicationChoice.chosen_at.desc()).limit(1))
    if earlier is None:
        return True
    db.session.add(PublicationChoice(
        round_id=round_.id, owner_key=owner_key, choice=earlier.choice,
        notice_number=earlier.notice_number, consultation_notice_number=notice,
        chosen_by_id=earlier.chosen_by_id, chosen_at=utcnow()))
    db.session.flush()
    return False


def choose(actor, round_: Round, owner_key: str, choice: str) -> PublicationChoice:
    """Store how the response may be published, with the notice versions the person saw."""
    if choice not in PUBLICATION_CHOICES:
        raise DomainError(str(_l("Choose how your answers may be published.")))
    stored = choice_for(round_, owner_key) or PublicationChoice(round_id=round_.id,
                                                                owner_key=owner_key)
    stored.choice, stored.chosen_by_id, stored.chosen_at = choice, actor.id, utcnow()
    stored.notice_number = current_number()
    stored.consultation_notice_number = consultation_privacy(round_.consultation).notice_number
    db.session.add(stored)
    db.session.flush()
    record(actor, "privacy.choice", round_, choice=choice)
    return stored


def _clean(text: str) -> str:
    """Drop NUL bytes and cap the length; refuse what the Markdown renderer cannot render."""
    text = (text or "").replace("\x00", "")[:MAX_NOTICE]
    if text.count("[") > MAX_BRACKETS:  # Python-Markdown takes minutes over thousands of them
        raise DomainError(str(_l("This text has too many square brackets to be shown.")))
    try:
        render_markdown(text)  # sanitised again whenever it is shown
    except RecursionError:
        raise DomainError(str(_l("This text nests too deeply to be shown. Simplify its "
                                 "lists and brackets."))) from None
    return text
