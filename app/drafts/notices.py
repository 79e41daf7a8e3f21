"""E-mails to the participants of a document's consultations: decisions and publication."""

from flask_babel import lazy_gettext as _l
from sqlalchemy import select

from ..accounts.models import User
from ..consultations.models import Round
from ..core.mail import letter, send_letter
from ..core.urls import external_url
from ..extensions import db
from ..responses.models import Response
from .models import PolicyDocument, document_consultation


def participants(document: PolicyDocument) -> list[User]:
    """Active people who submitted a response in a round of the document's consultations."""
    consultation_ids = select(document_consultation.c.consultation_id).where(
        document_consultation.c.document_id == document.id)
    return list(db.session.scalars(
        select(User).where(User.id.in_(
            select(Response.user_id).join(Round, Response.round_id == Round.id).where(
                Round.consultation_id.in_(consultation_ids),
                Response.submitted_at.is_not(None))), User.is_active_account.is_(True))
        .order_by(User.id)))


def notify_release(document: PolicyDocument) -> int:
    """Tell participants (after the commit) that they can see how their input was used."""
    link = external_url("drafts.my_input")
    return _send(document, _l("How your input was used: %(title)s", title=document.title),
                 "drafts/email/released.txt", link)


def notify_publication(document: PolicyDocument, publication) -> int:
    """Tell participants (after the commit) that the final document is published."""
    link = external_url("publications.publication", publication_id=publication.id)
    return _send(document, _l("Published: %(title)s", title=document.title),
                 "drafts/email/published.txt", link, version=publication.document_version)


def _send(document, subject, template: str, link: str, **context) -> int:
    people = participants(document)
    for person in people:
        send_letter(letter(person, subject, template, document=document, link=link, **context))
    return len(people)
