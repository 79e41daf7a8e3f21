"""Who may collate a consultation (its managers) and read a round's feedback."""

from ..consultations.permissions import can_manage


def can_read_feedback(user, round_, response) -> bool:
    """Participants who submitted, once the facilitators released the feedback."""
    from .feedback import can_read

    return can_read(user, round_, response)


ROUTE_POLICIES = {
    **{view: can_manage for view in (
        "explore", "code_items", "item", "codebook", "change_code", "similarity",
        "manage_feedback", "statistics", "export")},
    "participant_feedback": can_read_feedback,
}
