"""Facilitators create consultations, their background documents and consensus rule."""

from flask import abort, current_app, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import current_user

from ..accounts.models import User
from ..accounts.permissions import facilitator_required
from ..core.forms import attempt, select_choices
from ..core.types import utcnow
from ..extensions import db
from ..vocab import services as vocab
from . import services
from .blueprint import bp
from .forms import ConsensusForm, ConsultationForm, DocumentForm
from .loaders import managed_consultation
from .models import BackgroundDocument


def _consultation_form(consultation=None) -> ConsultationForm:
    form = ConsultationForm(obj=consultation)
    form.sectors.choices = vocab.choices("sector", consultation.sectors if consultation else [])
    facilitators = db.session.scalars(db.select(User).where(
        (User.is_facilitator.is_(True)) | (User.is_administrator.is_(True)),
        User.is_active_account.is_(True)).order_by(User.display_name))
    form.facilitators.choices = select_choices((u.id, u.display_name) for u in facilitators)
    languages = current_app.config["LANGUAGES"]
    form.original_language.choices = select_choices(languages.items())
    form.offered_languages.choices = select_choices(languages.items())
    if consultation is not None and request.method == "GET":
        form.sectors.data = [t.id for t in consultation.sectors]
        form.facilitators.data = [u.id for u in consultation.facilitators]
        form.offered_languages.data = list(consultation.offered_languages or [])
    return form


def _fields(form: ConsultationForm) -> dict:
    return {
        "title": form.title.data, "summary": form.summary.data or "",
        "working_group": form.working_group.data or "",
        "sectors": [vocab.term_by_id(i, "sector") for i in form.sectors.data or []],
        "facilitators": [db.session.get(User, i) for i in form.facilitators.data or []],
        "original_language": form.original_language.data,
        "offered_languages": form.offered_languages.data or [],
    }


@bp.get("/")
@facilitator_required
def index():
    """The consultations the user runs."""
    return render_template("consultations/index.html",
                           consultations=services.consultations_managed_by(current_user),
                           now=utcnow())


@bp.route("/new", methods=["GET", "POST"])
@facilitator_required
def create():
    """Start a consultation."""
    form = _consultation_form()
    if form.validate_on_submit():
        consultation = services.create_consultation(current_user, **_fields(form))
        db.session.commit()
        flash(_("The consultation has been created. Add its first round."), "success")
        return redirect(url_for("consultations.overview", consultation_id=consultation.id))
    return render_template("consultations/edit.html", form=form, consultation=None)


@bp.get("/<int:consultation_id>")
@facilitator_required
def overview(consultation_id: int):
    """A consultation: rounds, documents, consensus rule."""
    consultation = managed_consultation(consultation_id)
    now = utcnow()
    rule = ConsensusForm(data=consultation.consensus_rule)
    return render_template("consultations/overview.html", consultation=consultation, now=now,
                           rule_form=rule, rule_locked=services.consensus_locked(consultation,
                                                                                 now))


@bp.route("/<int:consultation_id>/edit", methods=["GET", "POST"])
@facilitator_required
def edit(consultation_id: int):
    """Edit a consultation's description and facilitators."""
    consultation = managed_consultation(consultation_id)
    form = _consultation_form(consultation)
    if form.validate_on_submit():
        saved = attempt(form, services.update_consultation, current_user, consultation,
                        expected_version=form.version.data, **_fields(form))
        if saved is not None:
            db.session.commit()
            flash(_("The consultation has been saved."), "success")
            return redirect(url_for("consultations.overview", consultation_id=consultation.id))
    return render_template("consultations/edit.html", form=form, consultation=consultation)


@bp.post("/<int:consultation_id>/consensus")
@facilitator_required
def consensus(consultation_id: int):
    """Declare the consensus rule (before the first round opens)."""
    consultation = managed_consultation(consultation_id)
    form = ConsensusForm()
    if not form.validate_on_submit():
        flash(" ".join(e for errors in form.errors.values() for e in errors), "error")
    else:
        services.set_consensus_rule(current_user, consultation, form.data, utcnow())
        db.session.commit()
        flash(_("The consensus rule has been saved."), "success")
    return redirect(url_for("consultations.overview", consultation_id=consultation.id))


@bp.route("/<int:consultation_id>/documents/new", methods=["GET", "POST"])
@bp.route("/<int:consultation_id>/documents/<int:document_id>", methods=["GET", "POST"])
@facilitator_required
def document(consultation_id: int, document_id: int | None = None):
    """Add or edit a background document."""
    consultation = managed_consultation(consultation_id)
    item = None
    if document_id is not None:
        item = db.session.get(BackgroundDocument, document_id)
        if item is None or item.consultation_id != consultation.id:
            abort(404)
    form = DocumentForm(obj=item)
    if form.validate_on_submit():
        services.save_document(current_user, consultation, title=form.title.data,
                               body=form.body.data or "", document=item)
        db.session.commit()
        flash(_("The document has been saved."), "success")
        return redirect(url_for("consultations.overview", consultation_id=consultation.id))
    return render_template("consultations/document.html", form=form, consultation=consultation,
                           document=item)


@bp.post("/<int:consultation_id>/documents/<int:document_id>/delete")
@facilitator_required
def delete_document(consultation_id: int, document_id: int):
    """Remove a background document."""
    consultation = managed_consultation(consultation_id)
    item = db.session.get(BackgroundDocument, document_id)
    if item is None or item.consultation_id != consultation.id:
        abort(404)
    services.delete_document(current_user, item)
    db.session.commit()
    flash(_("The document has been removed."), "success")
    return redirect(url_for("consultations.overview", consultation_id=consultation.id))
