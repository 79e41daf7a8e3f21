"""Load what a facilitator's view acts on: 404 if it is missing, 403 if not the user's.

The analysis views use them too, so they live outside the route modules.
"""

from flask import abort
from flask_login import current_user

from . import permissions, rounds, services


def managed_consultation(consultation_id: int):
    """The consultation, if the current user manages it (404 / 403 otherwise)."""
    consultation = services.get_consultation(consultation_id) or abort(404)
    if not permissions.can_manage(current_user, consultation):
        abort(403)
    return consultation


def managed_round(round_id: int):
    """The round, if the current user manages its consultation (404 / 403 otherwise)."""
    round_ = rounds.get_round(round_id) or abort(404)
    if not permissions.can_manage(current_user, round_.consultation):
        abort(403)
    return round_
