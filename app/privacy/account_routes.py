"""On the account page: download my data, and erase my account."""

from flask import Response as HTTPResponse
from flask import abort, flash, redirect, render_template, url_for
from flask_babel import gettext as _
from flask_login import current_user, login_required, logout_user
from werkzeug.security import check_password_hash

from ..core.types import utcnow
from ..extensions import db
from . import download, erasure
from .blueprint import bp
from .forms import EraseForm, SeenForm
from .models import DataDownload
from .permissions import can_download


@bp.post("/account/data")
@login_required
def request_download():
    """Build a ZIP of everything stored about me, downloadable for a limited time."""
    if not SeenForm().validate_on_submit():
        abort(400)
    download.create_download(current_user, utcnow())
    db.session.commit()
    flash(_("Your data is ready to download below."), "success")
    return redirect(url_for("accounts.account") + "#my-data")


@bp.get("/account/data/<int:download_id>")
@login_required
def get_download(download_id: int):
    """Download my ZIP (only mine, only until it expires)."""
    item = db.session.get(DataDownload, download_id)
    if item is None or not can_download(current_user, item) or item.expires_at <= utcnow():
        abort(404)
    return HTTPResponse(item.content, mimetype="application/zip", headers={
        "Content-Disposition": f'attachment; filename="{item.filename}"',
        "Cache-Control": "no-store"})


@bp.route("/account/erase", methods=["GET", "POST"])
@login_required
def erase():
    """Close my account and remove my identity, after confirmation."""
    form = EraseForm()
    if form.validate_on_submit():
        if not (current_user.password_hash
                and check_password_hash(current_user.password_hash, form.password.data)):
            form.password.errors.append(_("Your password is not correct."))
        else:
            erasure.erase(current_user._get_current_object(),
                          remove_texts=form.remove_texts.data)
            db.session.commit()
            logout_user()
            flash(_("Your account is closed and your identity removed."), "success")
            return redirect(url_for("privacy.notice"))
    return render_template("privacy/erase.html", form=form), (422 if form.errors else 200)
