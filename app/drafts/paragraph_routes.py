"""A participant's own comments on paragraphs: change or delete them while the round is open."""

from flask import abort, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import current_user, login_required
from sqlalchemy import select

from ..consultations import permissions as consultation_permissions
from ..consultations.rounds import get_round
from ..core.forms import ActionForm, attempt, flash_errors
from ..core.types import utcnow
from ..extensions import db
from ..responses import services as responses
from ..responses.listing import tag_choices
from ..responses.models import Comment
from ..responses.permissions import is_author
from .blueprint import bp
from .forms import ParagraphCommentForm
from .models import VersionBlock


def own_paragraph_comment(round_id: int, comment_id: int):
    """(round, comment, paragraph) if the comment is the current user's, on this round."""
    round_ = get_round(round_id) or abort(404)
    comment = db.session.get(Comment, comment_id)
    if (comment is None or comment.block_id is None or comment.response.round_id != round_.id
            or not is_author(current_user, comment.response)
            or not consultation_permissions.can_view_round(current_user, round_, utcnow())):
        abort(404)
    paragraph = db.session.scalar(select(VersionBlock).where(
        VersionBlock.version_id == comment.document_version_id,
        VersionBlock.block_id == comment.block_id)) or abort(404)
    return round_, comment, paragraph


@bp.route("/rounds/<int:round_id>/paragraph-comments/<int:comment_id>",
          methods=["GET", "POST"])
@login_required
def edit_paragraph_comment(round_id: int, comment_id: int):
    """Change one's comment on a paragraph until the round closes."""
    round_, comment, paragraph = own_paragraph_comment(round_id, comment_id)
    # the saved comment fills the page; a post is read as sent (a field left out is empty)
    form = ParagraphCommentForm(data=None if request.method == "POST" else _values_of(comment))
    if form.validate_on_submit() and attempt(
            form, responses.update_block_comment, current_user, round_, comment,
            form.comment_input(), quote=form.quote.data, now=utcnow()):
        db.session.commit()
        flash(_("Your comment on paragraph %(n)s has been changed.",
                n=paragraph.number or paragraph.ordinal), "success")
        if form.back.data == "confirm":
            return redirect(url_for("responses.confirm", round_id=round_id))
        return redirect(url_for("responses.round_page", round_id=round_id)
                        + f"#paragraph-{paragraph.id}")
    return paragraph_page(form, round_, paragraph, comment)


@bp.post("/rounds/<int:round_id>/paragraph-comments/<int:comment_id>/delete")
@login_required
def delete_paragraph_comment(round_id: int, comment_id: int):
    """Delete one's comment on a paragraph until the round closes."""
    round_, comment, paragraph = own_paragraph_comment(round_id, comment_id)
    form = ActionForm()
    if form.validate_on_submit() and attempt(form, responses.delete_block_comment,
                                             current_user, round_, comment, now=utcnow()):
        db.session.commit()
        flash(_("Your comment on paragraph %(n)s has been deleted.",
                n=paragraph.number or paragraph.ordinal), "success")
    flash_errors(form)
    return redirect(url_for("responses.round_page", round_id=round_id)
                    + f"#paragraph-{paragraph.id}")


def paragraph_page(form, round_, paragraph, comment=None):
    """The paragraph and the comment form; 422 when fields were refused, with their messages."""
    for message in form.form_errors:  # a refusal of the whole comment, e.g. the round closed
        flash(message, "error")
    errors = form.field_errors()
    return render_template("drafts/paragraph_comment.html", round=round_, paragraph=paragraph,
                           errors=errors, values=form.values(), choices=tag_choices(),
                           comment=comment, can_answer=consultation_permissions.can_answer_round(
                               current_user, round_, utcnow())), 422 if errors else 200


def _values_of(comment: Comment) -> dict:
    return {"body": comment.body, "quote": comment.quote, "change": comment.proposed_change,
            "type": comment.comment_type,
            "phases": [t.id for t in comment.tags("credential_phase")],
            "sectors": [t.id for t in comment.tags("sector")], "language": comment.language}
