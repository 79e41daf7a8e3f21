"""Who may manage consultations and who may see and answer rounds."""

from datetime import datetime

from ..accounts.permissions import can_administer, can_facilitate
from . import audience


def can_create_consultation(user) -> bool:
    """Facilitators and administrators start consultations."""
    return can_facilitate(user)


def can_manage(user, consultation) -> bool:
    """Administrators, and the facilitators who own the consultation."""
    if can_administer(user):
        return True
    return can_facilitate(user) and any(f.id == user.id for f in consultation.facilitators)


def can_see_identities(user, round_) -> bool:
    """Whether `user` may see who wrote a response (never in fully anonymous rounds)."""
    return round_.anonymity != "anonymous" and can_manage(user, round_.consultation)


def can_take_part(user, round_, now: datetime) -> bool:
    """Audience members, once the round is published."""
    return round_.state(now) != "draft" and audience.is_in_audience(user, round_)


def can_view_round(user, round_, now: datetime) -> bool:
    """Managers always; participants once the round is published."""
    return can_manage(user, round_.consultation) or can_take_part(user, round_, now)


def can_answer_round(user, round_, now: datetime) -> bool:
    """Audience members while the round is open."""
    return round_.is_open(now) and audience.is_in_audience(user, round_)


# The routes load the consultation, round or question (404), then ask these (403).
ROUTE_POLICIES = {
    "index": can_create_consultation, "create": can_create_consultation,
    **{view: can_manage for view in (
        "overview", "edit", "consensus", "document", "delete_document", "new_round",
        "round_settings", "round_action", "extend", "participation", "participation_action",
        "questions", "edit_question", "question_action", "responses", "response",
        "translations", "round_translations")},
}
