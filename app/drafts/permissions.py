"""Who may edit, export and publish policy documents."""

from ..accounts.permissions import can_administer, can_facilitate
from ..consultations.permissions import can_view_round
from ..core.access import SIGNED_IN
from ..responses.permissions import is_author


def can_create_document(user) -> bool:
    """Facilitators and administrators start documents."""
    return can_facilitate(user)


def can_edit(user, document) -> bool:
    """Administrators, the creator, facilitators of its consultations, its working group."""
    if not getattr(user, "is_authenticated", False) or not user.is_active:
        return False
    if can_administer(user) or document.created_by_id == user.id:
        return True
    if document.working_group is not None and document.working_group.role_of(user):
        return True
    return can_facilitate(user) and any(
        any(f.id == user.id for f in c.facilitators) for c in document.consultations)


def can_list_documents(user) -> bool:
    """Facilitators and working-group members see the documents they may edit."""
    return can_facilitate(user) or bool(getattr(user, "is_authenticated", False)
                                        and user.working_group_memberships)


def can_export(user, document) -> bool:
    """Everyone who may edit the document may export it."""
    return can_edit(user, document)


def can_publish(user, document) -> bool:
    """The chair of the owning working group (or an administrator) publishes a final version."""
    if can_administer(user):
        return True
    group = document.working_group
    return group is not None and group.role_of(user) == "chair"


def can_reopen(user, document) -> bool:
    """Only those who publish a document may reopen it after publication."""
    return can_publish(user, document)


def can_move_to_group(user, document) -> bool:
    """A document without a group gets one from its editors; moving it is the chair's act."""
    if document.working_group_id is None:
        return can_edit(user, document)
    return can_publish(user, document)


def is_locked(document) -> bool:
    """A published document changes no more until its chair reopens it as a new draft."""
    return document.status == "final"


def can_view_version(user, version) -> bool:
    """Editors see every version; others only published ones and those a round presents."""
    from ..publications.services import is_published, presented_by_a_round  # a cycle

    return (is_published(version) or presented_by_a_round(version)
            or can_edit(user, version.document))


ROUTE_POLICIES = {
    "documents": can_list_documents, "new_document": can_create_document,
    **{view: can_edit for view in (
        "document_settings", "editor", "new_block", "edit_block", "block_action", "restore",
        "save_version", "version", "compare", "matrix", "decide", "merge", "release")},
    "publish": can_publish,
    "my_input": SIGNED_IN,
    "published_version": can_view_version,
    "comment_on_paragraph": can_view_round,
    # the author of the comment, on a round they may view (paragraph_routes.own_paragraph_comment)
    "edit_paragraph_comment": is_author, "delete_paragraph_comment": is_author,
    "reopen": can_reopen,
}
