"""Before a page: a newer privacy notice is shown once; a first answer waits for a choice."""

from flask import redirect, request, url_for
from flask_login import current_user

from ..consultations import permissions as consultation_permissions
from ..consultations.rounds import get_round
from ..core.types import utcnow
from ..extensions import db
from ..responses import services as responses
from . import services
from .blueprint import bp

# Pages a person must reach before reading the notice (signing out, the notice itself).
OPEN_ENDPOINTS = {"static", "accounts.logout", "core.healthz"}


@bp.before_app_request
def show_new_notice_and_ask_choice():
    """Redirect signed-in people to a notice they have not seen, or to the choice page."""
    endpoint = request.endpoint or ""
    if request.method != "GET" or endpoint in OPEN_ENDPOINTS or endpoint.startswith("privacy."):
        return None  # before reading the user: /healthz must not need the database for it
    if not current_user.is_authenticated:
        return None
    if services.unseen_notice(current_user):
        return redirect(url_for("privacy.notice", next=request.full_path.rstrip("?")))
    if endpoint == "responses.round_page":
        return _choice_first(request.view_args["round_id"])
    return None


def _choice_first(round_id: int):
    """Before the first answer in a consultation: its notice and the publication choice."""
    round_ = get_round(round_id)
    if round_ is None or not consultation_permissions.can_answer_round(current_user, round_,
                                                                       utcnow()):
        return None
    organisation = responses.respondent_organisation(
        current_user, round_, request.args.get("organisation", type=int))
    key = responses.owner_key(current_user, round_, organisation)
    if responses.find_response(current_user, round_, organisation) is not None:
        return None  # answered before choices were asked: the round's mode applies
    if not services.needs_choice(round_, key):
        db.session.commit()  # the choice carried over from an earlier round
        return None
    return redirect(url_for("privacy.choose", round_id=round_id,
                            organisation=request.args.get("organisation", type=int)))


@bp.app_context_processor
def privacy_helpers() -> dict:
    """Helpers for the account page, outlets and the explorer, read only when a page calls them."""
    from .download import downloads
    from .permissions import can_see_original
    from .publication import choice_of
    from .redaction import redactions

    def publication_label(response) -> str:
        choice = choice_of(response)
        return str(services.CHOICE_LABELS[choice]) if choice else ""

    return {"privacy_downloads": lambda: downloads(current_user, utcnow()),
            "publication_label": publication_label,
            "comment_redactions": lambda comment: (
                redactions(comment) if can_see_original(current_user, comment) else [])}
