"""Editing documents: the block tree, block editor with conflicts, versions and comparison."""

from flask import abort, current_app, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_babel import ngettext
from flask_login import current_user, login_required
from sqlalchemy import select

from ..consultations import services as consultations
from ..core.errors import DomainError
from ..core.forms import ActionForm, attempt, flash_errors, select_choices
from ..core.types import utcnow
from ..exports import jobs
from ..extensions import db
from ..groups.models import WorkingGroup
from ..groups.services import groups
from ..publications import services as publications
from ..responses.models import Comment, Response
from ..vocab import services as vocab
from . import blocks, dispositions, editions, permissions, versions
from .blueprint import bp
from .forms import BlockForm, ConfirmForm, DocumentForm, ReopenForm, VersionForm
from .loaders import editable_document
from .models import PolicyDocument, VersionBlock

TAGS = {"phases": "credential_phase", "levels": "governance_level",
        "addressees": "stakeholder_type", "sectors": "sector", "principles": "eu_principle"}


def editable_block(block_id: int):
    """The block, if the current user may edit its document."""
    block = blocks.get_block(block_id) or abort(404)
    editable_document(block.document_id)
    return block


@bp.get("/manage/documents/")
@login_required
def documents():
    """Policy documents the user may edit (facilitators and working-group members)."""
    if not permissions.can_list_documents(current_user):
        abort(403)
    found = [d for d in db.session.scalars(select(PolicyDocument).order_by(PolicyDocument.title))
             if permissions.can_edit(current_user, d)]
    return render_template("drafts/documents.html", documents=found,
                           can_create=permissions.can_create_document(current_user))


@bp.route("/manage/documents/new", methods=["GET", "POST"])
@login_required
def new_document():
    """Start a policy document."""
    if not permissions.can_create_document(current_user):
        abort(403)
    form = _document_form()
    if form.validate_on_submit():
        document = attempt(form, blocks.create_document, current_user, **_document_fields(form))
        if document is not None:
            db.session.commit()
            return redirect(url_for("drafts.editor", document_id=document.id))
    return render_template("drafts/new_document.html", form=form, document=None)


@bp.route("/manage/documents/<int:document_id>/settings", methods=["GET", "POST"])
@login_required
def document_settings(document_id: int):
    """Edit a document's description and status."""
    document = editable_document(document_id)
    form = _document_form(document)
    if form.validate_on_submit():
        saved = attempt(form, blocks.update_document, current_user, document, locked=document,
                        expected_version=form.version.data, status=form.status.data,
                        **_document_fields(form))
        if saved is not None:
            db.session.commit()
            flash(_("The document has been saved."), "success")
            return redirect(url_for("drafts.editor", document_id=document.id))
    return render_template("drafts/new_document.html", form=form, document=document)


@bp.get("/manage/documents/<int:document_id>")
@login_required
def editor(document_id: int):
    """The document's working copy as a numbered tree, with actions on every block."""
    return _editor_page(editable_document(document_id), VersionForm())


def _editor_page(document: PolicyDocument, version_form: VersionForm, status: int = 200):
    return render_template("drafts/editor.html", document=document, nodes=blocks.tree(document),
                           progress=dispositions.progress(document),
                           version_form=version_form,
                           can_publish=permissions.can_publish(current_user, document),
                           locked=permissions.is_locked(document),
                           can_reopen=permissions.can_reopen(current_user, document),
                           published=publications.latest_publication(document),
                           original=editions.original_of(current_user, document),
                           editions=editions.editions_of(current_user, document)), status


@bp.route("/manage/documents/<int:document_id>/blocks/new", methods=["GET", "POST"])
@login_required
def new_block(document_id: int):
    """Add a section or a recommendation."""
    document = editable_document(document_id)
    kind = request.values.get("kind", "recommendation")
    parent = blocks.get_block(request.values.get("parent", type=int) or 0)
    after = blocks.get_block(request.values.get("after", type=int) or 0)
    form = _block_form()
    if form.validate_on_submit():
        block = attempt(form, blocks.add_block, current_user, document, kind=kind,
                        parent=parent, after=after, now=utcnow(), **_block_fields(form))
        if block is not None:
            db.session.commit()
            flash(_("The block has been added."), "success")
            return redirect(url_for("drafts.editor", document_id=document.id)
                            + f"#block-{block.id}")
    return render_template("drafts/block.html", document=document, block=None, form=form,
                           kind=kind, parent=parent, after=after)


@bp.route("/manage/documents/blocks/<int:block_id>", methods=["GET", "POST"])
@login_required
def edit_block(block_id: int):
    """Edit a block beside its linked comments; a concurrent save shows base, theirs, mine."""
    block = editable_block(block_id)
    form = _block_form(block)
    conflict = None
    if form.validate_on_submit() and form.action.data != "preview":
        try:
            blocks.update_block(current_user, block, expected_version=form.version.data,
                                base_text=form.base_text.data or "", now=utcnow(),
                                **_block_fields(form))
        except blocks.BlockConflict as exc:  # not a message: the page shows the three texts
            db.session.rollback()
            conflict = exc
            form.version.raw_data, form.version.data = None, block.version
            form.base_text.raw_data, form.base_text.data = None, block.text
        except DomainError as exc:
            db.session.rollback()
            form.form_errors.append(exc.message)
        else:
            db.session.commit()
            flash(_("The block has been saved."), "success")
            return redirect(url_for("drafts.editor", document_id=block.document_id)
                            + f"#block-{block.id}")
    history = db.session.scalars(select(VersionBlock).where(VersionBlock.block_id == block.id)
                                 .order_by(VersionBlock.id.desc())).all()
    return render_template("drafts/block.html", document=block.document, block=block,
                           form=form, kind=block.kind, conflict=conflict, history=history,
                           preview=form.action.data == "preview",
                           linked=dispositions.linked_comments(block),
                           anchored=_anchored(block)), 409 if conflict else 200


@bp.post("/manage/documents/blocks/<int:block_id>/<any(up, down, in, out, remove):action>")
@login_required
def block_action(block_id: int, action: str):
    """Move or remove a block."""
    block = editable_block(block_id)
    form = ActionForm()
    if form.validate_on_submit() and attempt(
            form, *((blocks.remove_block, current_user, block, utcnow()) if action == "remove"
                    else (blocks.move_block, current_user, block, action))):
        db.session.commit()
        flash(_("The document has been updated."), "success")
    flash_errors(form)
    return redirect(url_for("drafts.editor", document_id=block.document_id))


@bp.post("/manage/documents/blocks/<int:block_id>/restore/<int:version_block_id>")
@login_required
def restore(block_id: int, version_block_id: int):
    """Put an older version's text of the block back into the working copy."""
    block = editable_block(block_id)
    old = db.session.get(VersionBlock, version_block_id) or abort(404)
    versions.restore_text(current_user, block, old, utcnow())
    db.session.commit()
    flash(_("The text of version %(n)s has been restored.", n=old.document_version.number),
          "success")
    return redirect(url_for("drafts.edit_block", block_id=block.id))


@bp.post("/manage/documents/<int:document_id>/versions")
@login_required
def save_version(document_id: int):
    """Freeze the working copy as a version."""
    document = editable_document(document_id)
    form = VersionForm()
    if not form.validate_on_submit():
        return _editor_page(document, form, 422)  # the form shows why, with what was typed
    version = attempt(form, versions.save_version, current_user, document,
                      number=form.number.data, label=form.label.data or "",
                      change_note=form.change_note.data or "")
    if version is None:
        return _editor_page(document, form, 422)
    undecided = dispositions.undecided_count(document)
    db.session.commit()
    flash(_("Version %(n)s has been saved.", n=version.number), "success")
    _warn_undecided(undecided)
    return redirect(url_for("drafts.editor", document_id=document.id) + "#versions")


@bp.route("/manage/documents/versions/<int:version_id>/publish", methods=["GET", "POST"])
@login_required
def publish(version_id: int):
    """The chair confirms, then publishes a version as the final document."""
    item = versions.get_version(version_id) or abort(404)
    document = editable_document(item.document_id)
    if not permissions.can_publish(current_user, document):
        abort(403)
    form = ConfirmForm()
    if form.validate_on_submit():
        publication = attempt(form, publications.publish, current_user, item, now=utcnow())
        if publication is not None:
            undecided = dispositions.undecided_count(document)
            db.session.commit()
            for job_id in publications.queued_exports(publication):
                jobs.dispatch(job_id)
            flash(_("Version %(n)s is published as the final document.", n=item.number),
                  "success")
            _warn_undecided(undecided)
            return redirect(url_for("publications.publication",
                                    publication_id=publication.id))
    previous = [v for v in document.versions if v.created_at < item.created_at]
    return render_template("drafts/publish.html", document=document, version=item, form=form,
                           progress=dispositions.progress(document),
                           previous=previous[-1] if previous else None,
                           changes=versions.compare(previous[-1], item) if previous else None)


@bp.post("/manage/documents/<int:document_id>/reopen")
@login_required
def reopen(document_id: int):
    """The chair reopens a published document as a new draft (audited, with a reason)."""
    document = editable_document(document_id)
    if not permissions.can_reopen(current_user, document):
        abort(403)
    form = ReopenForm()
    if form.validate_on_submit() and attempt(form, publications.reopen, current_user, document,
                                             reason=form.reason.data):
        db.session.commit()
        flash(_("The document is open again as a new draft. The published version stays "
                "public."), "success")
    flash_errors(form)
    return redirect(url_for("drafts.editor", document_id=document.id))


@bp.get("/manage/documents/versions/<int:version_id>")
@login_required
def version(version_id: int):
    """A saved version, read-only."""
    item = versions.get_version(version_id) or abort(404)
    editable_document(item.document_id)
    return render_template("drafts/version.html", version=item, document=item.document,
                           editable=True,
                           original=editions.original_of(current_user, item.document),
                           editions=editions.editions_of(current_user, item.document))


@bp.get("/manage/documents/<int:document_id>/compare")
@login_required
def compare(document_id: int):
    """Differences between two versions, block by block and word by word."""
    document = editable_document(document_id)
    numbers = {v.id: v for v in document.versions}
    old = numbers.get(request.args.get("old", type=int))
    new = numbers.get(request.args.get("new", type=int))
    changes = versions.compare(old, new) if old and new else []
    linked = {}
    for change in changes:
        if change.status in ("changed", "added", "moved"):
            block = blocks.get_block(change.block_id)
            linked[change.block_id] = dispositions.linked_comments(block) if block else []
    return render_template("drafts/compare.html", document=document, old=old, new=new,
                           changes=changes, linked=linked)


def _warn_undecided(count: int) -> None:
    """Saving and publishing go on with undecided comments, but say how many there are."""
    if count:
        flash(ngettext("%(num)d comment is not decided yet: see the undecided comments in the "
                       "disposition table.", "%(num)d comments are not decided yet: see the "
                       "undecided comments in the disposition table.", count), "warning")


def _document_form(document=None) -> DocumentForm:
    """The document form with its choices; consultations offered are those the user runs."""
    form = DocumentForm(obj=document)
    form.language.choices = select_choices(current_app.config["LANGUAGES"].items())
    form.working_group.choices = _group_choices(document)
    if document is None or document.status != "final":
        form.status.choices = [c for c in form.status.choices if c.value != "final"]
    offered = {c.id: c for c in consultations.consultations_managed_by(current_user)}
    if document is not None:
        offered |= {c.id: c for c in document.consultations}
        if request.method == "GET":
            form.consultations.data = [c.id for c in document.consultations]
            form.working_group.data = document.working_group_id
    form.consultations.choices = select_choices((c.id, c.title) for c in offered.values())
    form.edition_of.choices = editions.choices(current_user, document, offered)
    if document is not None and request.method == "GET":
        form.edition_of.data = document.edition_of_version_id
    return form


def _document_fields(form: DocumentForm) -> dict:
    return {"title": form.title.data, "subtitle": form.subtitle.data or "",
            "consultations": [consultations.get_consultation(i)
                              for i in form.consultations.data or []],
            "working_group": _group(form.working_group.data), "language": form.language.data,
            "authors": form.authors.data or "", "licence": form.licence.data or "",
            "edition_of": editions.get_version(form.edition_of.data)}


def _group_choices(document=None):
    """Every group; only the current one for those who may not move the document."""
    if document is not None and not permissions.can_move_to_group(current_user, document):
        current = document.working_group
        return select_choices([(current.id, current.name)] if current else [("", _("None"))])
    return select_choices([("", _("None"))] + [(g.id, g.name) for g in groups()])


def _group(group_id):
    return db.session.get(WorkingGroup, group_id) if group_id else None


def _block_form(block=None) -> BlockForm:
    form = BlockForm(obj=block)
    current = block.terms if block else []
    for name, vocabulary in TAGS.items():
        getattr(form, name).choices = vocab.choices(vocabulary, current)
    if block is not None and request.method == "GET":
        for name, vocabulary in TAGS.items():
            getattr(form, name).data = [t.id for t in block.tags(vocabulary)]
        form.base_text.data = block.text
    return form


def _block_fields(form: BlockForm) -> dict:
    ids = [i for name in TAGS for i in getattr(form, name).data or []]
    return {"title": form.title.data or "", "text": form.text.data or "",
            "terms": [t for t in map(vocab.term_by_id, ids) if t is not None],
            "time_horizon": form.time_horizon.data or ""}


def _anchored(block):
    """Comments made on this block in review rounds, marked when the text changed since."""
    rows = db.session.execute(select(Comment, VersionBlock).join(Response).outerjoin(
        VersionBlock, (VersionBlock.block_id == Comment.block_id)
        & (VersionBlock.version_id == Comment.document_version_id)).where(
        Comment.block_id == block.id, Response.submitted_at.is_not(None))
        .order_by(Comment.id)).all()
    return [(comment, old is not None and old.text != block.text) for comment, old in rows]
