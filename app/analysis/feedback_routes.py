"""Feedback between rounds: facilitators write and release it, participants read it."""

from flask import abort, flash, redirect, render_template, url_for
from flask_babel import gettext as _
from flask_login import current_user, login_required
from sqlalchemy import select

from ..accounts.permissions import facilitator_required
from ..consultations.loaders import managed_round
from ..consultations.rounds import get_round
from ..core.forms import attempt, flash_errors
from ..core.types import utcnow
from ..extensions import db
from ..responses import services as responses
from ..responses.models import Comment, Response
from . import feedback, services
from .blueprint import bp
from .forms import FeedbackForm


@bp.route("/manage/rounds/<int:round_id>/feedback", methods=["GET", "POST"])
@facilitator_required
def manage_feedback(round_id: int):
    """Write the synthesis, choose questions and comments to show, release."""
    round_ = managed_round(round_id)
    form = FeedbackForm()
    if form.is_submitted():
        if form.validate() and _save_or_release(form, round_):
            hidden = feedback.comments_without_question(round_, services.feedback_for(round_))
            db.session.commit()
            flash({"release": _("The feedback is released to participants who submitted."),
                   "withdraw": _("The feedback is withdrawn.")}.get(
                       form.action.data, _("The feedback has been saved.")), "success")
            if hidden:
                flash(_("Participants see a comment only with the results of its question. "
                        "Choose these questions too, or the comments stay hidden: %(list)s.",
                        list="; ".join(hidden)), "error")
        flash_errors(form)
        return redirect(url_for("analysis.manage_feedback", round_id=round_.id))
    comments = db.session.scalars(select(Comment).join(Response).where(
        Response.round_id == round_.id, Response.submitted_at.is_not(None))
        .order_by(Comment.question_id, Comment.id)).all()
    return render_template("analysis/manage_feedback.html", round=round_,
                           feedback=services.feedback_for(round_), comments=comments,
                           numbers={q.id: n for n, q in enumerate(round_.questions, start=1)},
                           now=utcnow())


def _save_or_release(form: FeedbackForm, round_):
    """Save the synthesis and what it shows, or release or withdraw it (None if refused)."""
    if form.action.data in ("release", "withdraw"):
        return attempt(form, services.release_feedback, current_user, round_, utcnow(),
                       form.action.data == "release")
    return attempt(form, services.save_feedback, current_user, round_,
                   synthesis=form.synthesis.data or "", question_ids=form.question.data or [],
                   comment_ids=form.comment.data or [], now=utcnow())


@bp.get("/rounds/<int:round_id>/feedback")
@login_required
def participant_feedback(round_id: int):
    """What the group said, beside my own answers (after I submitted and it was released)."""
    round_ = get_round(round_id) or abort(404)
    response = responses.find_response(current_user, round_,
                                       responses.respondent_organisation(current_user, round_))
    if not feedback.can_read(current_user, round_, response):
        abort(404)
    return render_template("analysis/feedback.html", round=round_, response=response,
                           items=feedback.participant_view(round_, response),
                           synthesis=services.feedback_for(round_).synthesis)
