"""Queries on policy documents that other features need (rounds, the explorer)."""

from sqlalchemy import select

from ..extensions import db
from .models import PolicyDocument, document_consultation


def documents_of_consultation(consultation) -> list[PolicyDocument]:
    """Documents drawing on a consultation (for merging from its explorer)."""
    return list(db.session.scalars(select(PolicyDocument).join(
        document_consultation, document_consultation.c.document_id == PolicyDocument.id)
        .where(document_consultation.c.consultation_id == consultation.id)
        .order_by(PolicyDocument.title)))
