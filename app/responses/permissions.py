"""Who may read a response."""

from ..consultations.permissions import can_manage
from ..organisations.models import Organisation


def is_author(user, response) -> bool:
    """The person who owns the response, or a member of the organisation that owns it."""
    if not getattr(user, "is_authenticated", False) or response is None:
        return False
    if response.owner_key.startswith("o:"):
        organisation_id = int(response.owner_key[2:])
        return any(isinstance(o, Organisation) and o.id == organisation_id
                   for o in user.organisations)
    return response.owner_key == f"u:{user.id}"


def can_read_response(user, response) -> bool:
    """Authors, and the facilitators of the consultation (drafts included)."""
    return is_author(user, response) or can_manage(user, response.round.consultation)
