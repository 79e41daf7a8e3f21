"""Who may read a response."""

from ..consultations.permissions import can_answer_round, can_manage, can_view_round
from ..core.access import SIGNED_IN
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


ROUTE_POLICIES = {
    "my_consultations": SIGNED_IN,
    "round_page": can_view_round, "document": can_view_round,
    "save": can_answer_round, "autosave": can_answer_round, "confirm": can_answer_round,
    "history": can_read_response, "download": can_read_response,
}
