"""A participant's own comments on paragraphs: change or delete them while the round is open."""

from flask import abort, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import current_user, login_required
from sqlalchemy import select

from ..consultations import permissions as consultation_permissions
from ..consultations.rounds import get_round
from ..core.errors import DomainError
from ..core.input import parse_ids
from ..core.languages import interface_language
from ..core.types import utcnow
from ..extensions import db
from ..responses import services as responses
from ..responses.listing import tag_choices
from ..responses.models import Comment
from ..responses.permissions import is_author
from ..responses.validation import CommentInput, InvalidInput
from .blueprint import bp
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
    errors, values = {}, _values_of(comment)
    if request.method == "POST":
        values = paragraph_values(request.form)
        try:
            responses.update_block_comment(current_user, round_, comment, paragraph_input(values),
                                           quote=values["quote"], now=utcnow())
        except InvalidInput as exc:
            db.session.rollback()
            errors = exc.errors
        except DomainError as exc:
            db.session.rollback()
            flash(exc.message, "error")
        else:
            db.session.commit()
            flash(_("Your comment on paragraph %(n)s has been changed.",
                    n=paragraph.number or paragraph.ordinal), "success")
            if request.form.get("back") == "confirm":
                return redirect(url_for("responses.confirm", round_id=round_id))
            return redirect(url_for("responses.round_page", round_id=round_id)
                            + f"#paragraph-{paragraph.id}")
    return render_template("drafts/paragraph_comment.html", round=round_, paragraph=paragraph,
                           errors=errors, values=values, choices=tag_choices(), comment=comment,
                           can_answer=consultation_permissions.can_answer_round(
                               current_user, round_, utcnow())), 422 if errors else 200


@bp.post("/rounds/<int:round_id>/paragraph-comments/<int:comment_id>/delete")
@login_required
def delete_paragraph_comment(round_id: int, comment_id: int):
    """Delete one's comment on a paragraph until the round closes."""
    round_, comment, paragraph = own_paragraph_comment(round_id, comment_id)
    try:
        responses.delete_block_comment(current_user, round_, comment, now=utcnow())
    except DomainError as exc:
        db.session.rollback()
        flash(exc.message, "error")
    else:
        db.session.commit()
        flash(_("Your comment on paragraph %(n)s has been deleted.",
                n=paragraph.number or paragraph.ordinal), "success")
    return redirect(url_for("responses.round_page", round_id=round_id)
                    + f"#paragraph-{paragraph.id}")


def paragraph_values(form) -> dict:
    """What the paragraph comment form sent, as the form shows it again.

    Control characters never get here: core.input refuses them before any view.
    """
    return {"body": form.get("body", ""), "quote": form.get("quote", ""),
            "change": form.get("change", ""), "type": form.get("type", "general"),
            "phases": parse_ids(form.getlist("phases")),
            "sectors": parse_ids(form.getlist("sectors")),
            "language": form.get("language", interface_language())}


def _values_of(comment: Comment) -> dict:
    return {"body": comment.body, "quote": comment.quote, "change": comment.proposed_change,
            "type": comment.comment_type,
            "phases": [t.id for t in comment.tags("credential_phase")],
            "sectors": [t.id for t in comment.tags("sector")], "language": comment.language}


def paragraph_input(values: dict) -> CommentInput:
    """The comment to save from the form's values (a paragraph comment has no question)."""
    return CommentInput(question_id=0, body=values["body"], phases=values["phases"],
                        sectors=values["sectors"], comment_type=values["type"],
                        proposed_change=values["change"], language=values["language"])
