"""Export pages: choose a version, format, style and annexes; follow the job; download."""

from flask import (
    Response,
    abort,
    current_app,
    flash,
    jsonify,
    redirect,
    render_template,
    request,
    url_for,
)
from flask_babel import gettext as _
from flask_login import current_user, login_required
from sqlalchemy import select

from ..core.forms import ActionForm, attempt, flash_errors
from ..drafts import dispositions, permissions
from ..drafts.loaders import editable_document
from ..extensions import db
from . import assemble, jobs, pipeline
from . import comment_table as comment_table_export
from .blueprint import bp
from .forms import ExportForm
from .models import ExportJob

XLSX_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def _job(job_id: int) -> ExportJob:
    job = db.session.get(ExportJob, job_id) or abort(404)
    if not permissions.can_export(current_user, job.document):
        abort(403)
    return job


def _dispatch(job: ExportJob) -> None:
    """Hand a committed job to its workers; if that fails it is marked failed, retryable."""
    if not jobs.dispatch(job.id):
        db.session.commit()
        flash(jobs.unavailable_message(), "error")


@bp.route("/manage/documents/<int:document_id>/export", methods=["GET", "POST"])
@login_required
def new(document_id: int):
    """Choose what to export."""
    document = editable_document(document_id)
    versions = {v.id: v for v in document.versions}
    form = ExportForm()
    if form.validate_on_submit():
        version = versions.get(form.version.data)
        if version is None:
            form.form_errors.append(_("Choose a saved version to export."))
        requested = version and attempt(
            form, jobs.request_export, current_user, version, fmt=form.format.data or "",
            style=form.style.data or "", annexes=form.annex.data or [])
        if requested:
            job, created = requested
            # a stored file is served without the queue; a new job needs it reachable, else
            # the form says so and the job is rolled back (no orphan)
            if created and attempt(form, jobs.check_queue) is None:
                requested = None
        if requested:
            db.session.commit()
            if created:
                _dispatch(job)
            return redirect(url_for("exports.job", job_id=job.id))
    flash_errors(form)  # the page shows them above the form
    recent = db.session.scalars(select(ExportJob).where(ExportJob.document_id == document.id)
                                .order_by(ExportJob.id.desc()).limit(10)).all()
    return render_template("exports/new.html", document=document,
                           chosen=request.args.get("version", type=int),
                           formats=pipeline.FORMATS, styles=pipeline.styles(),
                           annexes=assemble.ANNEXES, recent=recent,
                           undecided=dispositions.undecided_count(document))


@bp.get("/manage/documents/<int:document_id>/comments.<any(xlsx, docx):fmt>")
@login_required
def comment_table(document_id: int, fmt: str):
    """The disposition table alone, in the ISO/CEN comment-template layout."""
    document = editable_document(document_id)
    if not permissions.can_export(current_user, document):
        abort(403)
    try:
        content = (comment_table_export.xlsx(document) if fmt == "xlsx" else
                   comment_table_export.docx(document, timeout=current_app.config[
                       "EXPORT_TIMEOUT"]))
    except pipeline.ConversionError as exc:
        flash(str(exc), "error")
        return redirect(url_for("drafts.matrix", document_id=document.id))
    extension, content_type = pipeline.FORMATS.get(fmt, (".xlsx", XLSX_TYPE))
    return Response(content, mimetype=content_type, headers={
        "Content-Disposition":
            f'attachment; filename="{comment_table_export.file_name(document, fmt)}"'})


@bp.get("/exports/<int:job_id>")
@login_required
def job(job_id: int):
    """The job's progress: a script follows it (see status), a link reloads it without one."""
    item = _job(job_id)
    if jobs.recover_stuck() + jobs.check_on_queue(item):
        db.session.commit()
    return render_template("exports/job.html", job=item)


@bp.get("/exports/<int:job_id>/status")
@login_required
def status(job_id: int):
    """The job's state as JSON, for the job page's script."""
    item = _job(job_id)
    if jobs.recover_stuck() + jobs.check_on_queue(item):
        db.session.commit()
    messages = {"queued": _("Waiting for a free worker…"), "running": _("Converting…"),
                "done": _("Your file is ready."),
                "failed": _("The export failed: %(error)s", error=item.error or "")}
    done = item.state == "done"
    return jsonify(state=item.state, message=messages.get(item.state, item.state),
                   download=url_for("exports.download", job_id=item.id) if done else None,
                   download_label=_("Download %(name)s", name=item.filename) if done else None)


@bp.get("/exports/<int:job_id>/download")
@login_required
def download(job_id: int):
    """The exported file, with its name and type."""
    item = _job(job_id)
    if item.state != "done":
        abort(404)
    return Response(item.content, content_type=item.content_type, headers={
        "Content-Disposition": f'attachment; filename="{item.filename}"',
        "Content-Length": str(item.size)})


@bp.post("/exports/<int:job_id>/retry")
@login_required
def retry(job_id: int):
    """Try a failed export again."""
    item = _job(job_id)
    form = ActionForm()
    if not (form.validate_on_submit() and attempt(form, jobs.check_queue)):
        flash_errors(form)
        return redirect(url_for("exports.job", job_id=item.id))
    new_job = jobs.retry(current_user, item)
    db.session.commit()
    _dispatch(new_job)
    return redirect(url_for("exports.job", job_id=new_job.id))
