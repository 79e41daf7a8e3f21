"""Dispositions, merging from the explorer, and what participants see of the drafts."""

from flask import abort, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import current_user, login_required
from sqlalchemy import select

from ..consultations import permissions as consultation_permissions
from ..consultations.rounds import get_round
from ..core.errors import DomainError
from ..core.types import utcnow
from ..extensions import db
from ..responses import services as responses
from ..responses.listing import tag_choices
from ..responses.models import Comment
from ..responses.validation import CommentInput, InvalidInput
from . import blocks, bp, dispositions
from .document_routes import editable_document
from .models import DISPOSITIONS, PolicyDocument, VersionBlock


@bp.get("/manage/documents/<int:document_id>/dispositions")
@login_required
def matrix(document_id: int):
    """Every comment with its disposition, in the style of ISO/CEN comment tables."""
    document = editable_document(document_id)
    undecided = request.args.get("undecided") == "1"
    return render_template("drafts/matrix.html", document=document, undecided=undecided,
                           rows=dispositions.matrix(document, undecided),
                           progress=dispositions.progress(document),
                           nodes=blocks.tree(document), statuses=DISPOSITIONS)


@bp.post("/manage/documents/<int:document_id>/dispositions/<int:comment_id>")
@login_required
def decide(document_id: int, comment_id: int):
    """Record the disposition of one comment."""
    document = editable_document(document_id)
    comment = db.session.get(Comment, comment_id) or abort(404)
    block = blocks.get_block(request.form.get("block", type=int) or 0)
    try:
        dispositions.decide(current_user, document, comment,
                            status=request.form.get("status", ""),
                            reason=request.form.get("reason", ""), block=block,
                            expected_version=request.form.get("version", type=int),
                            now=utcnow())
    except DomainError as exc:
        db.session.rollback()
        flash(_("Comment %(id)d: %(message)s", id=comment_id, message=exc.message), "error")
    else:
        db.session.commit()
        flash(_("The disposition of comment %(id)d has been saved.", id=comment_id), "success")
    return redirect(request.form.get("back") or url_for("drafts.matrix",
                                                         document_id=document.id))


@bp.post("/manage/documents/merge")
@login_required
def merge():
    """Merge comments selected in the explorer into a block or a new recommendation."""
    target = request.form.get("target", "")
    kind, _sep, raw_id = target.partition(":")
    block = blocks.get_block(int(raw_id)) if raw_id.isdigit() else None
    if block is None:
        flash(_("Choose where to merge the comments."), "error")
        return redirect(request.form.get("back") or url_for("drafts.documents"))
    document = editable_document(block.document_id)
    ids = [int(v.partition(":")[2]) for v in request.form.getlist("item")
           if v.startswith("comment:") and v.partition(":")[2].isdigit()]
    comments = list(db.session.scalars(select(Comment).where(Comment.id.in_(ids))))
    try:
        merged = dispositions.merge(
            current_user, document, comments, now=utcnow(),
            block=block if kind == "block" else None,
            section=block if kind == "section" else None)
    except DomainError as exc:
        db.session.rollback()
        flash(exc.message, "error")
        return redirect(request.form.get("back") or url_for("drafts.documents"))
    db.session.commit()
    flash(_("%(n)d comments merged; decide their disposition beside the text.",
            n=len(comments)), "success")
    return redirect(url_for("drafts.edit_block", block_id=merged.id))


@bp.post("/manage/documents/<int:document_id>/release")
@login_required
def release(document_id: int):
    """Show participants what became of their comments (or stop)."""
    document = editable_document(document_id)
    released = request.form.get("action") != "withdraw"
    dispositions.release(current_user, document, utcnow(), released)
    db.session.commit()
    flash(_("Participants can now see how their input was used.") if released
          else _("Participants no longer see the dispositions."), "success")
    return redirect(url_for("drafts.matrix", document_id=document.id))


@bp.get("/my/input")
@login_required
def my_input():
    """How your input was used: your comments, their disposition and the block it changed."""
    from .permissions import can_view_version

    rows = dispositions.my_comments(current_user)
    latest = {}
    for _comment, _disposition, document in rows:
        if document.id not in latest:
            shown = [v for v in document.versions if can_view_version(current_user, v)]
            latest[document.id] = shown[-1] if shown else None
    return render_template("drafts/my_input.html", rows=rows, latest=latest)


@bp.get("/documents/versions/<int:version_id>")
@login_required
def published_version(version_id: int):
    """A version for participants: published ones and those a round presents, never drafts."""
    from .permissions import can_view_version
    from .versions import get_version

    item = get_version(version_id) or abort(404)
    if not can_view_version(current_user, item):
        abort(404)
    return render_template("drafts/version.html", version=item, document=item.document,
                           editable=False)


@bp.route("/rounds/<int:round_id>/paragraphs/<int:version_block_id>",
          methods=["GET", "POST"])
@login_required
def comment_on_paragraph(round_id: int, version_block_id: int):
    """Comment on one paragraph of the document version the round presents."""
    round_ = get_round(round_id) or abort(404)
    now = utcnow()
    paragraph = db.session.get(VersionBlock, version_block_id)
    if (paragraph is None or round_.document_version_id != paragraph.version_id
            or not consultation_permissions.can_view_round(current_user, round_, now)):
        abort(404)
    errors, values = {}, {"body": "", "quote": "", "change": "", "type": "general",
                          "phases": [], "sectors": []}
    if request.method == "POST":
        values = _paragraph_values(request.form)
        try:
            responses.comment_on_block(
                current_user, round_, CommentInput(
                    question_id=0, body=values["body"], phases=values["phases"],
                    sectors=values["sectors"], comment_type=values["type"],
                    proposed_change=values["change"]),
                block_id=paragraph.block_id, document_version_id=paragraph.version_id,
                quote=values["quote"], now=now)
        except InvalidInput as exc:
            db.session.rollback()
            errors = exc.errors
        except DomainError as exc:
            db.session.rollback()
            flash(exc.message, "error")
        else:
            db.session.commit()
            flash(_("Your comment on paragraph %(n)s has been saved. Submit your response "
                    "for it to count.", n=paragraph.number or paragraph.ordinal), "success")
            return redirect(url_for("responses.round_page", round_id=round_.id)
                            + f"#paragraph-{paragraph.id}")
    return render_template("drafts/paragraph_comment.html", round=round_, paragraph=paragraph,
                           errors=errors, values=values, choices=tag_choices(),
                           can_answer=consultation_permissions.can_answer_round(
                               current_user, round_, now)), 422 if errors else 200


def _paragraph_values(form) -> dict:
    def ids(name):
        return [int(v) for v in form.getlist(name) if v.isdigit()]

    return {"body": form.get("body", ""), "quote": form.get("quote", ""),
            "change": form.get("change", ""), "type": form.get("type", "general"),
            "phases": ids("phases"), "sectors": ids("sectors")}


def documents_of_consultation(consultation) -> list[PolicyDocument]:
    """Documents drawing on a consultation (for merging from its explorer)."""
    from .models import document_consultation

    return list(db.session.scalars(select(PolicyDocument).join(
        document_consultation, document_consultation.c.document_id == PolicyDocument.id)
        .where(document_consultation.c.consultation_id == consultation.id)
        .order_by(PolicyDocument.title)))
