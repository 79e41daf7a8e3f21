"""The comment explorer, coding, notes and the codebook."""

from flask import abort, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import current_user
from sqlalchemy import select
from sqlalchemy.orm import selectinload

from ..accounts.permissions import facilitator_required
from ..consultations.loaders import managed_consultation
from ..consultations.models import Question, Round
from ..consultations.permissions import can_see_identities
from ..core.forms import attempt, flash_errors
from ..core.languages import language_choices
from ..extensions import db
from ..responses.models import Response
from ..vocab import services as vocab
from . import anonymity, explorer, services
from .blueprint import bp
from .forms import CodeForm, CodeItemsForm, NoteForm, ThresholdForm
from .models import CODE_COLOURS, Code


def _dialect() -> str:
    return db.session.get_bind().dialect.name


@bp.get("/manage/<int:consultation_id>/explore")
@facilitator_required
def explore(consultation_id: int):
    """Comments and free-text answers with filters, facet counts, search and paging."""
    consultation = managed_consultation(consultation_id)
    filters = explorer.Filters.from_args(request.args)
    try:
        result, facets = explorer.explore(consultation.id, filters, _dialect())
    except explorer.TooFewRespondents as exc:
        flash(exc.message, "error")
        wider = filters.to_args(after="", **{name: [] for name in explorer.QUASI_FILTERS})
        return redirect(url_for("analysis.explore", consultation_id=consultation.id, **wider))
    respondents = _respondents(result.rows)
    comment_ids = [r.id for r in result.rows if r.kind == "comment"]
    answer_ids = [r.id for r in result.rows if r.kind == "answer"]
    return render_template(
        "analysis/explore.html", consultation=consultation, filters=filters, page=result,
        facets=facets, options=_options(consultation),
        codes={"comment": services.codes_of("comment", comment_ids),
               "answer": services.codes_of("answer", answer_ids)},
        notes=services.notes_of(comment_ids),
        respondents=respondents, profiles=anonymity.profile_labels(respondents.values()),
        codebook=services.codebook(consultation))


@bp.post("/manage/<int:consultation_id>/explore/codes")
@facilitator_required
def code_items(consultation_id: int):
    """Apply or remove codes on the selected items, then go back to the same view."""
    consultation = managed_consultation(consultation_id)
    form = CodeItemsForm()
    if not form.validate_on_submit():
        flash_errors(form)
        return redirect(url_for("analysis.explore", consultation_id=consultation.id))
    items = form.items(services.ITEM_TABLES)
    codes = [c for c in (db.session.get(Code, i) for i in form.code.data or []) if c is not None]
    if not items or not codes:
        flash(_("Select at least one item and one code."), "error")
    else:
        changed = attempt(form, services.set_codes, current_user, consultation, items, codes,
                          apply=form.action.data != "remove")
        if changed is not None:
            db.session.commit()
            flash(_("%(n)d codes changed.", n=changed), "success")
        flash_errors(form)
    return redirect(form.back.data or url_for("analysis.explore",
                                              consultation_id=consultation.id))


@bp.route("/manage/<int:consultation_id>/items/<any(comment, answer):kind>/<int:item_id>",
          methods=["GET", "POST"])
@facilitator_required
def item(consultation_id: int, kind: str, item_id: int):
    """One item: its text, respondent, codes and notes."""
    consultation = managed_consultation(consultation_id)
    found = services.item(kind, item_id)
    if found is None or services.consultation_of(found).id != consultation.id \
            or not found.response.is_submitted:
        abort(404)
    form = NoteForm()
    if form.is_submitted() and kind == "comment":
        if form.validate() and attempt(form, services.add_note, current_user, found,
                                       form.note.data or ""):
            db.session.commit()
            flash(_("The note has been added."), "success")
        flash_errors(form)
        return redirect(url_for("analysis.item", consultation_id=consultation.id, kind=kind,
                                item_id=item_id))
    return render_template(
        "analysis/item.html", consultation=consultation, kind=kind, item=found,
        codes=services.codes_of(kind, [item_id]).get(item_id, []),
        notes=services.notes_of([item_id]).get(item_id, []) if kind == "comment" else [],
        codebook=services.codebook(consultation),
        show_identity=can_see_identities(current_user, found.response.round),
        profile=_full_profile(found.response))


@bp.route("/manage/<int:consultation_id>/codebook", methods=["GET", "POST"])
@facilitator_required
def codebook(consultation_id: int):
    """The codebook: add, rename, recolour and delete codes; the similarity threshold."""
    consultation = managed_consultation(consultation_id)
    form = CodeForm()
    if form.validate_on_submit() and attempt(
            form, services.add_code, current_user, consultation, label=form.label.data or "",
            description=form.description.data or "", colour=form.colour.data or None,
            parent=db.session.get(Code, form.parent.data or 0)):
        db.session.commit()
        flash(_("The code has been added."), "success")
    if form.is_submitted():
        flash_errors(form)
        return redirect(url_for("analysis.codebook", consultation_id=consultation.id))
    return render_template("analysis/codebook.html", consultation=consultation,
                           codebook=services.codebook(consultation), palette=CODE_COLOURS)


@bp.post("/manage/<int:consultation_id>/codebook/<int:code_id>/<any(update, delete):action>")
@facilitator_required
def change_code(consultation_id: int, code_id: int, action: str):
    """Rename or delete a code."""
    consultation = managed_consultation(consultation_id)
    code = db.session.get(Code, code_id)
    if code is None or code.consultation_id != consultation.id:
        abort(404)
    form = CodeForm(data={"label": code.label, "colour": code.colour})  # what is not sent
    if form.validate_on_submit():
        done = attempt(form, services.delete_code, current_user, code) if action == "delete" \
            else attempt(form, services.update_code, current_user, code, label=form.label.data,
                         description=form.description.data or "", colour=form.colour.data)
        if done:
            db.session.commit()
            flash(_("The codebook has been updated."), "success")
    flash_errors(form)
    return redirect(url_for("analysis.codebook", consultation_id=consultation.id))


@bp.post("/manage/<int:consultation_id>/similarity")
@facilitator_required
def similarity(consultation_id: int):
    """Change the near-duplicate threshold and regroup the comments."""
    consultation = managed_consultation(consultation_id)
    form = ThresholdForm()
    if form.validate_on_submit():
        groups = attempt(form, services.set_similarity_threshold, current_user, consultation,
                         form.threshold.data or 0)
        if groups is not None:
            db.session.commit()
            flash(_("Comments regrouped: %(n)d groups.", n=groups), "success")
    flash_errors(form)
    return redirect(url_for("analysis.codebook", consultation_id=consultation.id))


def _options(consultation) -> dict:
    """Labels of the values each filter can take."""
    rounds = list(consultation.rounds)
    questions = db.session.scalars(select(Question).join(Round).where(
        Round.consultation_id == consultation.id).order_by(Round.position, Question.position))
    codes = db.session.scalars(select(Code).where(Code.consultation_id == consultation.id)
                               .order_by(Code.position))
    return {
        "round": {r.id: r.title for r in rounds},
        "question": {q.id: f"R{q.round.position}·Q{q.position} {q.prompt[:70]}"
                     for q in questions},
        "phase": {t.id: t.label for t in vocab.terms("credential_phase")},
        "sector": {t.id: t.label for t in vocab.terms("sector")},
        "stakeholder_type": {t.id: t.label for t in vocab.terms("stakeholder_type")},
        "country": {t.id: t.label for t in vocab.terms("country", include_retired=True)},
        "governance_level": {t.id: t.label for t in vocab.terms("governance_level")},
        "code": {c.id: c.full_label for c in codes},
        "language": dict(language_choices()),
    }


def _full_profile(response) -> str:
    """Type, country and level of a response's respondent, as the round's anonymity allows."""
    if anonymity.is_protected(response.round):
        return anonymity.profile_labels([response])[response.id]
    terms = (response.stakeholder_type, response.country, response.governance_level)
    return " · ".join(t.label for t in terms if t is not None)


def _respondents(rows) -> dict:
    """The responses behind the rows, with their round, loaded at once."""
    ids = {r.response_id for r in rows}
    query = select(Response).where(Response.id.in_(ids)).options(
        selectinload(Response.user), selectinload(Response.organisation),
        selectinload(Response.stakeholder_type), selectinload(Response.country),
        selectinload(Response.round))
    return {r.id: r for r in db.session.scalars(query)}
