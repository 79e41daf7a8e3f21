"""Who may edit notices, download or erase data, and redact comments."""

from ..accounts.permissions import can_administer
from ..consultations.permissions import can_answer_round, can_manage
from ..core.access import PUBLIC, SIGNED_IN


def can_edit_notice(user) -> bool:
    """Administrators write the site's privacy notice."""
    return can_administer(user)


def can_edit_consultation_privacy(user, consultation) -> bool:
    """The consultation's facilitators (and administrators) write its notice and retention."""
    return can_manage(user, consultation)


def can_download(user, download) -> bool:
    """Only the person whose data it is downloads it."""
    return bool(getattr(user, "is_authenticated", False) and download.user_id == user.id)


def can_redact(user, comment) -> bool:
    """The facilitators of the comment's consultation (and administrators)."""
    return can_manage(user, comment.response.round.consultation)


def can_see_original(user, comment) -> bool:
    """Unredacted text: the same people who may redact it."""
    return can_redact(user, comment)


ROUTE_POLICIES = {
    "notice": PUBLIC, "seen": SIGNED_IN, "edit_notice": can_edit_notice,
    "consultation_settings": can_edit_consultation_privacy, "choose": can_answer_round,
    "redact": can_redact, "request_download": SIGNED_IN, "get_download": can_download,
    "erase": SIGNED_IN,
}
