"""Who may edit policy documents and who may read what of them."""

from ..accounts.permissions import can_administer, can_facilitate


def can_create_document(user) -> bool:
    """Facilitators and administrators start documents."""
    return can_facilitate(user)


def can_edit(user, document) -> bool:
    """Administrators, the document's creator, and facilitators of its consultations."""
    if can_administer(user):
        return True
    if not can_facilitate(user):
        return False
    if document.created_by_id == user.id:
        return True
    return any(any(f.id == user.id for f in c.facilitators) for c in document.consultations)
