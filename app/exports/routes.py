"""Export pages: choose a version, format, style and annexes; follow the job; download."""

from flask import (
    Response,
    abort,
    current_app,
    flash,
    redirect,
    render_template,
    request,
    url_for,
)
from flask_babel import gettext as _
from flask_login import current_user, login_required
from sqlalchemy import select

from ..core.errors import DomainError
from ..drafts import permissions
from ..drafts.document_routes import editable_document
from ..extensions import db
from . import assemble, bp, jobs, pipeline
from . import comment_table as comment_table_export
from .models import ExportJob

XLSX_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def _job(job_id: int) -> ExportJob:
    job = db.session.get(ExportJob, job_id) or abort(404)
    if not permissions.can_export(current_user, job.document):
        abort(403)
    return job


@bp.route("/manage/documents/<int:document_id>/export", methods=["GET", "POST"])
@login_required
def new(document_id: int):
    """Choose what to export."""
    document = editable_document(document_id)
    versions = {v.id: v for v in document.versions}
    if request.method == "POST":
        version = versions.get(request.form.get("version", type=int))
        try:
            if version is None:
                raise DomainError(_("Choose a saved version to export."))
            job, created = jobs.request_export(
                current_user, version, fmt=request.form.get("format", ""),
                style=request.form.get("style", ""), annexes=request.form.getlist("annex"),
                fresh=request.form.get("fresh") == "y")
        except DomainError as exc:
            db.session.rollback()
            flash(exc.message, "error")
        else:
            db.session.commit()
            if created:
                jobs.dispatch(job.id)
            return redirect(url_for("exports.job", job_id=job.id))
    recent = db.session.scalars(select(ExportJob).where(ExportJob.document_id == document.id)
                                .order_by(ExportJob.id.desc()).limit(10)).all()
    return render_template("exports/new.html", document=document,
                           chosen=request.args.get("version", type=int),
                           formats=pipeline.FORMATS, styles=pipeline.styles(),
                           annexes=assemble.ANNEXES, recent=recent)


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
    """The job's progress; the page refreshes itself until the file is ready."""
    item = _job(job_id)
    if jobs.recover_stuck():
        db.session.commit()
    return render_template("exports/job.html", job=item)


@bp.get("/exports/<int:job_id>/download")
@login_required
def download(job_id: int):
    """The exported file, with its name and type."""
    item = _job(job_id)
    if item.state != "done":
        abort(404)
    return Response(item.content, mimetype=item.content_type, headers={
        "Content-Disposition": f'attachment; filename="{item.filename}"',
        "Content-Length": str(item.size)})


@bp.post("/exports/<int:job_id>/retry")
@login_required
def retry(job_id: int):
    """Try a failed export again."""
    item = _job(job_id)
    new_job = jobs.retry(current_user, item)
    db.session.commit()
    jobs.dispatch(new_job.id)
    return redirect(url_for("exports.job", job_id=new_job.id))
