"""Publishing a version as the final document, reopening it, and what the public sees."""

from datetime import datetime

from flask_babel import gettext as _
from sqlalchemy import select
from sqlalchemy.orm import selectinload

from ..audit.services import record
from ..consultations.models import Round
from ..core.errors import Conflict, DomainError, NotAllowed
from ..drafts import notices, permissions
from ..drafts.models import DocumentVersion, PolicyDocument
from ..exports import assemble, jobs, pipeline
from ..exports.models import ExportJob
from ..extensions import db
from .models import Publication

PUBLIC_STYLE = "report"


def number_key(number: str) -> tuple[int, ...]:
    """A version number as numbers, so that 0.10 comes after 0.9."""
    return tuple(int(part) for part in number.split(".") if part.isdigit())


def publish(actor, version: DocumentVersion, *, now: datetime,
            notify: bool = True) -> Publication:
    """The chair publishes a saved version as the final document; it is locked from then on."""
    document = version.document
    if not permissions.can_publish(actor, document):
        raise NotAllowed(_("Only the chair of the document's working group publishes it."))
    if permissions.is_locked(document):
        raise Conflict(_("This document is published already. Reopen it as a new draft "
                         "before publishing another version."))
    latest = latest_publication(document)
    if latest is not None and number_key(version.number) <= number_key(
            latest.document_version.number):
        raise DomainError(_("Version %(n)s is published already; publish a later version.",
                            n=latest.document_version.number))
    publication = Publication(document_id=document.id, version_id=version.id,
                              published_by_id=actor.id, published_at=now)
    db.session.add(publication)
    document.final_version_id, document.status = version.id, "final"
    db.session.flush()
    for fmt in pipeline.FORMATS:
        jobs.request_export(actor, version, fmt=fmt, style=PUBLIC_STYLE)
    record(actor, "document.publish", document, version=version.number,
           publication=publication.id)
    if notify:
        notices.notify_publication(document, publication)
    return publication


def reopen(actor, document: PolicyDocument, *, reason: str) -> None:
    """The chair reopens a published document as a new draft; the publication stays public."""
    if not permissions.can_reopen(actor, document):
        raise NotAllowed(_("Only the chair of the document's working group reopens it."))
    if not permissions.is_locked(document):
        raise DomainError(_("This document is not published: it is open already."))
    reason = "".join(char for char in reason if char.isprintable() or char == "\n").strip()
    if not reason:
        raise DomainError(_("Say why the document is reopened."))
    document.status = "drafting"
    record(actor, "document.reopen", document, reason=reason[:1000],
           published=latest_publication(document).document_version.number)


def next_version_allowed(document: PolicyDocument, number: str) -> bool:
    """After a publication, new versions continue the line above the published number."""
    latest = latest_publication(document)
    return latest is None or number_key(number) > number_key(latest.document_version.number)


def latest_publication(document: PolicyDocument) -> Publication | None:
    """The document's most recent publication, or None."""
    return db.session.scalar(select(Publication).where(
        Publication.document_id == document.id).order_by(Publication.id.desc()).limit(1))


def is_published(version: DocumentVersion) -> bool:
    """Whether the version has been published."""
    return db.session.scalar(select(Publication.id).where(
        Publication.version_id == version.id)) is not None


def presented_by_a_round(version: DocumentVersion) -> bool:
    """Whether a published round presents the version to its participants."""
    return db.session.scalar(select(Round.id).where(
        Round.document_version_id == version.id, Round.published_at.is_not(None))
        .limit(1)) is not None


def publications() -> list[Publication]:
    """Every publication, newest first, with its document, version and group."""
    return list(db.session.scalars(select(Publication).options(
        selectinload(Publication.document).selectinload(PolicyDocument.working_group),
        selectinload(Publication.document_version))
        .order_by(Publication.published_at.desc(), Publication.id.desc())))


def get_publication(publication_id: int) -> Publication | None:
    """The publication with this id, or None."""
    return db.session.get(Publication, publication_id)


def public_exports(publication: Publication) -> dict[str, ExportJob]:
    """The finished exports of the published version with every annex, newest per format."""
    found: dict[str, ExportJob] = {}
    rows = db.session.scalars(select(ExportJob).where(
        ExportJob.version_id == publication.version_id, ExportJob.state == "done")
        .order_by(ExportJob.id.desc()))
    for job in rows:
        if set(job.options.get("annexes", ())) == set(assemble.ANNEXES):
            found.setdefault(job.format, job)
    return {fmt: found[fmt] for fmt in pipeline.FORMATS if fmt in found}


def queued_exports(publication: Publication) -> list[int]:
    """Ids of the publication's exports still waiting for a worker."""
    return list(db.session.scalars(select(ExportJob.id).where(
        ExportJob.version_id == publication.version_id, ExportJob.state == "queued")
        .order_by(ExportJob.id)))
