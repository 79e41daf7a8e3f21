"""Dispositions, merging from the explorer, and what participants see of the drafts."""

from flask import abort, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import current_user, login_required
from sqlalchemy import select

from ..consultations import permissions as consultation_permissions
from ..consultations.rounds import get_round
from ..core.errors import DomainError, NotAllowed
from ..core.forms import attempt, flash_errors
from ..core.pagination import page_of
from ..core.types import utcnow
from ..core.urls import same_site_path
from ..extensions import db
from ..responses import services as responses
from ..responses.listing import tag_choices
from ..responses.models import Comment
from ..responses.validation import InvalidInput
from . import blocks, dispositions
from .blueprint import bp
from .forms import MergeForm, ReleaseForm
from .loaders import editable_document
from .models import DISPOSITIONS, VersionBlock
from .paragraph_routes import paragraph_input, paragraph_values
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
    block = blocks.get_block(request.form.get("block", type=int) or 0)
    try:
        dispositions.decide(current_user, document, comment,
                            status=request.form.get("status", ""),
                            reason=request.form.get("reason", ""), block=block,
                            expected_version=request.form.get("version", type=int),
                            now=utcnow())
    except NotAllowed:
        raise  # a block of another document: refused with 403, nothing stored
    except DomainError as exc:
        db.session.rollback()
        typed = {"comment_id": comment_id, "status": request.form.get("status", ""),
                 "reason": request.form.get("reason", ""),
                 "block": request.form.get("block", type=int),
                 "error": _("Comment %(id)d: %(message)s", id=comment_id, message=exc.message)}
        return _matrix_page(document, "undecided=1" in request.form.get("back", ""), typed,
                            exc.status_code if exc.status_code != 400 else 422)
    db.session.commit()
    flash(_("The disposition of comment %(id)d has been saved.", id=comment_id), "success")
    return redirect(same_site_path(request.form.get("back"), url_for("drafts.matrix",
                                                                     document_id=document.id)))


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
        if not consultation_permissions.can_answer_round(current_user, round_, now):
            abort(403)
        values = paragraph_values(request.form)
        try:
            comment = responses.comment_on_block(
                current_user, round_, paragraph_input(values),
                block_id=paragraph.block_id, document_version_id=paragraph.version_id,
                quote=values["quote"], now=now)
        except InvalidInput as exc:
            db.session.rollback()
            errors = exc.errors
        except DomainError as exc:
            db.session.rollback()
            flash(exc.message, "error")
        else:
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
    return render_template("drafts/paragraph_comment.html", round=round_, paragraph=paragraph,
                           errors=errors, values=values, choices=tag_choices(),
                           can_answer=consultation_permissions.can_answer_round(
                               current_user, round_, now)), 422 if errors else 200


