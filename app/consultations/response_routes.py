"""Facilitators read the responses of their rounds, as the anonymity mode allows."""

from flask import abort, render_template
from flask_login import current_user
from sqlalchemy import select
from sqlalchemy.orm import selectinload

from ..accounts.permissions import facilitator_required
from ..analysis import anonymity
from ..core.types import utcnow
from ..extensions import db
from ..responses.models import Comment, Response
from . import permissions
from .blueprint import bp
from .loaders import managed_round


def _responses(round_):
    query = select(Response).where(Response.round_id == round_.id).options(
        selectinload(Response.answers), selectinload(Response.user),
        selectinload(Response.organisation), selectinload(Response.stakeholder_type),
        selectinload(Response.country),
        selectinload(Response.comments).selectinload(Comment.terms),
    ).order_by(Response.id)
    return list(db.session.scalars(query))


@bp.get("/rounds/<int:round_id>/responses")
@facilitator_required
def responses(round_id: int):
    """Every response of the round, drafts included, with identities if the mode allows."""
    round_ = managed_round(round_id)
    items = _responses(round_)
    return render_template("consultations/responses.html", round=round_,
                           responses=items, now=utcnow(), k=anonymity.K,
                           profiles=anonymity.profile_labels(items),
                           show_identity=permissions.can_see_identities(current_user, round_))


@bp.get("/rounds/<int:round_id>/responses/<int:number>")
@facilitator_required
def response(round_id: int, number: int):
    """One response, by its number in the round (ids are not shown in anonymous rounds)."""
    round_ = managed_round(round_id)
    items = _responses(round_)
    if not 1 <= number <= len(items):
        abort(404)
    return render_template("consultations/response.html", round=round_, response=items[number - 1],
                           number=number, profiles=anonymity.profile_labels([items[number - 1]]),
                           show_identity=permissions.can_see_identities(current_user, round_))
