"""Dispositions, merging from the explorer, and what participants see of the drafts."""

from flask import abort, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import current_user, login_required
from sqlalchemy import select

from ..consultations import permissions as consultation_permissions
from ..consultations.rounds import get_round
from ..core.forms import attempt, error_messages, flash_errors
from ..core.pagination import page_of
from ..core.types import utcnow
from ..extensions import db
from ..responses import services as responses
from ..responses.models import Comment
from . import blocks, dispositions, editions
from .blueprint import bp
from .forms import DispositionForm, MergeForm, ParagraphCommentForm, ReleaseForm
from .loaders import editable_document
from .models import DISPOSITIONS, VersionBlock
from .paragraph_routes import paragraph_page
from .permissions import can_view_version
from .versions import get_version

# Comments per page of the disposition matrix: each row holds a form with every block of the
# document, so a page of all 288 comments of a large consultation weighed tens of megabytes.
MATRIX_PAGE = 25


@bp.get("/manage/documents/<int:document_id>/dispositions")
@login_required
def matrix(document_id: int):
    """Every comment with its disposition, in the style of ISO/CEN comment tables."""
    document = editable_document(document_id)
    return _matrix_page(document, request.args.get("undecided") == "1")


def _matrix_page(document, undecided: bool, typed: dict | None = None, status: int = 200):
    """The disposition table, a page at a time; `typed` holds a refused row's values."""
    page = page_of(dispositions.matrix(document, undecided), request.args.get("page", 1, type=int),
                   MATRIX_PAGE)
    return render_template("drafts/matrix.html", document=document, undecided=undecided,
                           rows=page.items, page=page,
                           progress=dispositions.progress(document),
                           nodes=blocks.tree(document), statuses=DISPOSITIONS,
                           typed=typed or {}), status


@bp.post("/manage/documents/<int:document_id>/dispositions/<int:comment_id>")
@login_required
def decide(document_id: int, comment_id: int):
    """Record the disposition of one comment."""
    document = editable_document(document_id)
    comment = dispositions.document_comment(document, comment_id) or abort(404)
    form = DispositionForm()
    if form.validate_on_submit() and attempt(
            form, dispositions.decide, current_user, document, comment,
            status=form.status.data, reason=form.reason.data,
            block=blocks.get_block(form.block.data or 0), expected_version=form.version.data,
            now=utcnow(), refuse_actor=True):  # a block of another document: 403, nothing stored
        db.session.commit()
        flash(_("The disposition of comment %(id)d has been saved.", id=comment_id), "success")
        return redirect(form.back.data or url_for("drafts.matrix", document_id=document.id))
    refusal = getattr(form, "refusal", None)
    typed = {"comment_id": comment_id, "status": form.status.data,
             "reason": form.reason.data, "block": form.block.data,
             "error": _("Comment %(id)d: %(message)s", id=comment_id,
                        message=" ".join(error_messages(form)))}
    return _matrix_page(document, "undecided=1" in (form.back.data or ""), typed,
                        refusal.status_code if refusal and refusal.status_code != 400 else 422)


@bp.post("/manage/documents/merge")
@login_required
def merge():
    """Merge comments selected in the explorer into a block or a new recommendation."""
    form = MergeForm()
    kind, _sep, raw_id = (form.target.data or "").partition(":")
    block = blocks.get_block(int(raw_id)) if raw_id.isdigit() else None
    if block is None:
        form.form_errors.append(_("Choose where to merge the comments."))
    if not form.validate_on_submit() or block is None:
        flash_errors(form)
        return redirect(form.back.data or url_for("drafts.documents"))
    document = editable_document(block.document_id)
    ids = form.comment_ids()
    comments = list(db.session.scalars(select(Comment).where(Comment.id.in_(ids))))
    if len(comments) != len(set(ids)):
        abort(404)
    merged = attempt(form, dispositions.merge, current_user, document, comments, now=utcnow(),
                     block=block if kind == "block" else None,
                     section=block if kind == "section" else None,
                     refuse_actor=True)  # others' comments or blocks: 403, nothing stored
    if merged is None:
        flash_errors(form)
        return redirect(form.back.data or url_for("drafts.documents"))
    db.session.commit()
    flash(_("%(n)d comments merged; decide their disposition beside the text.",
            n=len(comments)), "success")
    return redirect(url_for("drafts.edit_block", block_id=merged.id))


@bp.post("/manage/documents/<int:document_id>/release")
@login_required
def release(document_id: int):
    """Show participants what became of their comments (or stop)."""
    document = editable_document(document_id)
    form = ReleaseForm()
    released = form.action.data != "withdraw"
    if form.validate_on_submit() and attempt(form, dispositions.release, current_user, document,
                                             utcnow(), released):
        db.session.commit()
        flash(_("Participants can now see how their input was used.") if released
              else _("Participants no longer see the dispositions."), "success")
    flash_errors(form)
    return redirect(url_for("drafts.matrix", document_id=document.id))


@bp.get("/my/input")
@login_required
def my_input():
    """How your input was used: your comments, their disposition and the block it changed."""
    entries = dispositions.my_comments(current_user,
                                       lambda version: can_view_version(current_user, version))
    shown = {v for entry in entries for v in (entry.decided_in, entry.current) if v is not None}
    return render_template("drafts/my_input.html", entries=entries,
                           visible={v.id for v in shown if can_view_version(current_user, v)})


@bp.get("/documents/versions/<int:version_id>")
@login_required
def published_version(version_id: int):
    """A version for participants: published ones and those a round presents, never drafts."""
    item = get_version(version_id) or abort(404)
    if not can_view_version(current_user, item):
        abort(404)
    return render_template("drafts/version.html", version=item, document=item.document,
                           editable=False,
                           original=editions.original_of(current_user, item.document),
                           editions=editions.editions_of(current_user, item.document))


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
    if request.method == "POST" and not consultation_permissions.can_answer_round(
            current_user, round_, now):
        abort(403)
    form = ParagraphCommentForm()
    comment = form.validate_on_submit() and attempt(
        form, responses.comment_on_block, current_user, round_, form.comment_input(),
        block_id=paragraph.block_id, document_version_id=paragraph.version_id,
        quote=form.quote.data, now=now)
    if not comment:
        return paragraph_page(form, round_, paragraph)
    counts_now = comment.response.is_submitted  # read before the commit expires it
    db.session.commit()
    number = paragraph.number or paragraph.ordinal
    flash(_("Your comment on paragraph %(n)s has been saved. Your response is "
            "submitted, so it counts at once; you can change or delete it until the "
            "round closes.", n=number) if counts_now else
          _("Your comment on paragraph %(n)s has been saved. Submit your response "
            "for it to count.", n=number), "success")
    return redirect(url_for("responses.round_page", round_id=round_.id)
                    + f"#paragraph-{paragraph.id}")


