"""The privacy notice, consultation notices and publication choices, and redaction."""

from urllib.parse import urlsplit

from flask import abort, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import current_user, login_required

from ..consultations import permissions as consultation_permissions
from ..consultations.rounds import get_round
from ..consultations.services import get_consultation
from ..core.forms import attempt
from ..core.types import utcnow
from ..extensions import db
from ..responses import services as responses
from ..responses.models import Comment
from . import redaction, services
from .blueprint import bp
from .forms import ChoiceForm, ConsultationPrivacyForm, NoticeForm, RedactForm, SeenForm
from .permissions import can_edit_consultation_privacy, can_edit_notice, can_redact


def safe_next(target: str | None) -> str:
    """Only same-site paths are followed."""
    if target and target.startswith("/") and not target.startswith("//") and "\\" not in target:
        parts = urlsplit(target)
        if not parts.scheme and not parts.netloc:
            return target
    return url_for("core.index")


@bp.get("/privacy")
def notice():
    """The site's privacy notice (public); a newer version is acknowledged here once."""
    current = services.current_notice()
    unseen = current_user.is_authenticated and services.unseen_notice(current_user)
    form = SeenForm(next=safe_next(request.args.get("next")))
    return render_template("privacy/notice.html", notice=current, unseen=unseen, form=form)


@bp.post("/privacy/seen")
@login_required
def seen():
    """Record that the person read the current privacy notice."""
    form = SeenForm()
    if not form.validate_on_submit():
        abort(400)
    services.acknowledge(current_user, services.current_number())
    db.session.commit()
    return redirect(safe_next(form.next.data))


@bp.route("/privacy/edit", methods=["GET", "POST"])
@login_required
def edit_notice():
    """Administrators publish a new version of the privacy notice."""
    if not can_edit_notice(current_user):
        abort(403)
    current = services.current_notice()
    form = NoticeForm(body=current.body if current else None)
    if form.validate_on_submit():
        published = attempt(form, services.publish_notice, current_user, form.body.data,
                            field="body")
        if published:
            services.acknowledge(current_user, published.number)
            db.session.commit()
            flash(_("Version %(n)d of the privacy notice is published.", n=published.number),
                  "success")
            return redirect(url_for("privacy.notice"))
    return render_template("privacy/edit_notice.html", form=form, notice=current)


@bp.route("/manage/<int:consultation_id>/privacy", methods=["GET", "POST"])
@login_required
def consultation_settings(consultation_id: int):
    """The consultation's own notice and retention period."""
    consultation = get_consultation(consultation_id) or abort(404)
    if not can_edit_consultation_privacy(current_user, consultation):
        abort(403)
    settings = services.consultation_privacy(consultation)
    form = ConsultationPrivacyForm(obj=settings)
    if form.validate_on_submit():
        # the form already bounds the retention period: a refusal is about the notice
        if attempt(form, services.update_consultation_privacy, current_user, consultation,
                   notice=form.notice.data or "", retention_days=form.retention_days.data,
                   field="notice"):
            db.session.commit()
            flash(_("The privacy settings of the consultation are saved."), "success")
            return redirect(url_for("privacy.consultation_settings",
                                    consultation_id=consultation_id))
    return render_template("privacy/consultation.html", form=form, consultation=consultation,
                           settings=settings)


@bp.route("/rounds/<int:round_id>/publication", methods=["GET", "POST"])
@login_required
def choose(round_id: int):
    """Before the first answer: the consultation's notice and the publication choice."""
    round_ = get_round(round_id) or abort(404)
    if not consultation_permissions.can_answer_round(current_user, round_, utcnow()):
        abort(404 if round_.published_at is None else 403)
    form = ChoiceForm()
    organisation = responses.respondent_organisation(
        current_user, round_, request.values.get("organisation", type=int))
    key = responses.owner_key(current_user, round_, organisation)
    if form.validate_on_submit():
        services.choose(current_user, round_, key, form.choice.data)
        db.session.commit()
        return redirect(url_for("responses.round_page", round_id=round_id,
                                organisation=organisation.id if organisation and
                                round_.response_mode == "organisation" else None))
    chosen = services.choice_for(round_, key)
    if request.method == "GET" and chosen:
        form.choice.data = chosen.choice
    form.organisation.data = str(organisation.id) if organisation else ""
    return render_template("privacy/choose.html", form=form, round=round_,
                           settings=services.consultation_privacy(round_.consultation),
                           notice=services.current_notice())


@bp.route("/manage/comments/<int:comment_id>/redact", methods=["GET", "POST"])
@login_required
def redact(comment_id: int):
    """A facilitator of the consultation redacts personal data in a comment."""
    comment = db.session.get(Comment, comment_id) or abort(404)
    if not can_redact(current_user, comment):
        abort(403)
    form = RedactForm()
    if form.validate_on_submit():
        if attempt(form, redaction.redact, current_user, comment, text=form.text.data,
                   reason=form.reason.data, field="text"):
            consultation_id = comment.response.round.consultation_id
            db.session.commit()
            flash(_("The text is redacted."), "success")
            return redirect(url_for("analysis.item", consultation_id=consultation_id,
                                    kind="comment", item_id=comment_id))
    return render_template("privacy/redact.html", form=form, comment=comment,
                           redactions=redaction.redactions(comment)), (
        422 if form.errors else 200)
