"""Translated editions: a document that translates a saved version of another document."""

from dataclasses import dataclass, field

from flask import current_app
from flask_babel import gettext as _
from sqlalchemy import select

from ..core.errors import FieldErrors
from ..core.forms import SelectChoice, select_choices
from ..extensions import db
from . import permissions
from .models import DocumentVersion, PolicyDocument, document_consultation


@dataclass
class Link:
    """Something the reader may open: what it is and its page (no endpoint if they may not)."""

    item: object
    endpoint: str | None = None
    args: dict = field(default_factory=dict)


def candidate_versions(actor, document: PolicyDocument | None, consultation_ids,
                       language: str | None) -> list[DocumentVersion]:
    """Saved versions a document may translate.

    They are versions of other documents the actor may read that share one of the
    consultations, in another language than `language` (any if None).
    """
    ids = list(consultation_ids)
    if not ids:
        return []
    query = (select(DocumentVersion).join(PolicyDocument, DocumentVersion.document_id
                                          == PolicyDocument.id)
             .where(PolicyDocument.id.in_(select(document_consultation.c.document_id).where(
                 document_consultation.c.consultation_id.in_(ids))))
             .order_by(PolicyDocument.title, DocumentVersion.created_at, DocumentVersion.id))
    if document is not None and document.id is not None:
        query = query.where(PolicyDocument.id != document.id)
    if language is not None:
        query = query.where(PolicyDocument.language != language)
    return [v for v in db.session.scalars(query) if _may_read(actor, v)]


def choices(actor, document: PolicyDocument | None, consultation_ids) -> list[SelectChoice]:
    """The "Translation of" choices: candidates, and the current original if it is not one."""
    found = candidate_versions(actor, document, consultation_ids,
                               document.language if document else None)
    if document is not None and document.edition_of and document.edition_of not in found:
        found.append(document.edition_of)
    names = current_app.config["LANGUAGES"]
    return select_choices([("", _("Not a translation"))] + [
        (v.id, _("%(title)s — version %(n)s (%(language)s)", title=v.document.title,
                 n=v.number, language=names.get(v.document.language, v.document.language)))
        for v in found])


def check_edition(actor, document: PolicyDocument | None, version: DocumentVersion | None, *,
                  language: str, consultations) -> None:
    """Refuse a version the document may not translate (FieldErrors on `edition_of`)."""
    if version is None:
        return
    if not _may_read(actor, version):
        raise FieldErrors({"edition_of": _("You may not read that version.")})
    if document is not None and version.document_id == document.id:
        raise FieldErrors({"edition_of": _("A document cannot be a translation of itself.")})
    shared = {c.id for c in consultations} & {c.id for c in version.document.consultations}
    if not shared:
        raise FieldErrors({"edition_of": _(
            "The original must draw on one of this document's consultations.")})
    if version.document.language == language:
        raise FieldErrors({"edition_of": _(
            "A translation must be in another language than its original.")})


def get_version(version_id: int | None) -> DocumentVersion | None:
    """The version with this id, or None."""
    return db.session.get(DocumentVersion, version_id) if version_id else None


def version_link(actor, version: DocumentVersion) -> Link:
    """Where the actor reads the version: the editors' page, the readers' page, or nowhere."""
    if permissions.can_edit(actor, version.document):
        return Link(version, "drafts.version", {"version_id": version.id})
    publication_id = _publication_id(version)
    if publication_id is not None:  # its public page, open to everyone
        return Link(version, "publications.publication", {"publication_id": publication_id})
    if permissions.can_view_version(actor, version):
        return Link(version, "drafts.published_version", {"version_id": version.id})
    return Link(version)


def original_of(actor, document: PolicyDocument) -> Link | None:
    """The version this document translates, with a link if the actor may open it."""
    version = document.edition_of
    return version_link(actor, version) if version is not None else None


def editions_of(actor, document: PolicyDocument) -> list[Link]:
    """Translated editions of the document's versions that the actor may open."""
    found = db.session.scalars(select(PolicyDocument).join(
        DocumentVersion, PolicyDocument.edition_of_version_id == DocumentVersion.id)
        .where(DocumentVersion.document_id == document.id)
        .order_by(PolicyDocument.language, PolicyDocument.id))
    links = [_edition_link(actor, edition) for edition in found]
    return [link for link in links if link.endpoint is not None]


def _edition_link(actor, edition: PolicyDocument) -> Link:
    """The edition's editor for its editors, else its newest version the actor may read."""
    if permissions.can_edit(actor, edition):
        return Link(edition, "drafts.editor", {"document_id": edition.id})
    for version in reversed(edition.versions):
        link = version_link(actor, version)
        if link.endpoint is not None:
            return Link(edition, link.endpoint, link.args)
    return Link(edition)


def _publication_id(version: DocumentVersion) -> int | None:
    from ..publications.models import Publication  # publications build on drafts

    return db.session.scalar(select(Publication.id).where(
        Publication.version_id == version.id).order_by(Publication.id.desc()).limit(1))


def _may_read(actor, version: DocumentVersion) -> bool:
    return (permissions.can_edit(actor, version.document)
            or permissions.can_view_version(actor, version))
