"""Export pages: choose a version, format, style and annexes; follow the job; download."""

from flask import Response, abort, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import current_user, login_required
from sqlalchemy import select

from ..core.errors import DomainError
from ..drafts import dispositions, permissions
from ..drafts.document_routes import editable_document
from ..extensions import db
from . import assemble, bp, jobs, pipeline
from .models import ExportJob


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
                style=request.form.get("style", ""), annexes=request.form.getlist("annex"))
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
                           annexes=assemble.ANNEXES, recent=recent,
                           undecided=dispositions.undecided_count(document))


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
