"""Administrators import organisations and users from CSV, after a dry run."""

from flask import Response, abort, flash, redirect, render_template, url_for
from flask_babel import gettext as _
from flask_login import current_user

from ..accounts.permissions import admin_required
from ..core.forms import attempt, flash_errors
from ..core.mail import flash_undelivered
from ..extensions import db
from . import services
from .blueprint import bp
from .forms import ConfirmForm, UploadForm


@bp.get("/")
@admin_required
def index():
    """The upload form and the columns each kind of file has."""
    return render_template("imports/index.html", form=UploadForm(), kinds=services.KINDS)


@bp.post("/check")
@admin_required
def check():
    """Dry run: report every bad line, or show what would be imported."""
    form = UploadForm()
    if not form.validate_on_submit():
        return render_template("imports/index.html", form=form, kinds=services.KINDS), 400
    text = attempt(form, services.decode, form.file.data.read(), field="file")
    if text is None:
        return render_template("imports/index.html", form=form, kinds=services.KINDS), 400
    report = services.check(form.kind.data, text)
    confirm = ConfirmForm(kind=form.kind.data, content=text,
                          send_invitations="yes" if form.send_invitations.data else "")
    return render_template("imports/report.html", report=report, confirm=confirm,
                           columns=services.KINDS[form.kind.data],
                           filename=form.file.data.filename)


@bp.post("/run")
@admin_required
def run():
    """Import a checked file; a file that no longer checks clean imports nothing."""
    form = ConfirmForm()
    if not form.validate_on_submit() or form.kind.data not in services.KINDS:
        abort(400)
    created = attempt(form, services.run_import, current_user, form.kind.data,
                      form.content.data, send_invitations=form.send_invitations.data == "yes")
    if created is None:  # the file no longer checks clean: its report again, nothing stored
        report = services.check(form.kind.data, form.content.data)
        flash_errors(form)
        return render_template("imports/report.html", report=report, confirm=form,
                               columns=services.KINDS[form.kind.data], filename=""), 409
    db.session.commit()
    flash(_("%(n)d records imported.", n=len(created)), "success")
    flash_undelivered()
    target = "organisations.index" if form.kind.data == "organisations" else "accounts.users"
    return redirect(url_for(target))


@bp.get("/template/<kind>.csv")
@admin_required
def template(kind: str):
    """A CSV file to fill in, with the header and an example line."""
    if kind not in services.KINDS:
        abort(404)
    return Response(services.template_csv(kind), mimetype="text/csv",
                    headers={"Content-Disposition": f"attachment; filename={kind}.csv"})
