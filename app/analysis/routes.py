"""The comment explorer, coding, notes and the codebook."""

from flask import abort, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import current_user
from sqlalchemy import select
from sqlalchemy.orm import selectinload

from ..accounts.permissions import facilitator_required
from ..consultations.models import Question, Round
from ..consultations.permissions import can_see_identities
from ..consultations.routes import managed_consultation
from ..core.errors import DomainError
from ..core.urls import same_site_path
from ..extensions import db
from ..responses.models import Response
from ..vocab import services as vocab
from . import anonymity, bp, explorer, services
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
    items = []
    for value in request.form.getlist("item"):
        kind, _sep, item_id = value.partition(":")
        if kind in services.ITEM_TABLES and item_id.isdigit():
            items.append((kind, int(item_id)))
    codes = [db.session.get(Code, int(i)) for i in request.form.getlist("code") if i.isdigit()]
    codes = [c for c in codes if c is not None]
    if not items or not codes:
        flash(_("Select at least one item and one code."), "error")
    else:
        try:
            changed = services.set_codes(current_user, consultation, items, codes,
                                         apply=request.form.get("action") != "remove")
        except DomainError as exc:
            db.session.rollback()
            flash(exc.message, "error")
        else:
            db.session.commit()
            flash(_("%(n)d codes changed.", n=changed), "success")
    fallback = url_for("analysis.explore", consultation_id=consultation.id)
    return redirect(same_site_path(request.form.get("back"), fallback))


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
    if request.method == "POST" and kind == "comment":
        try:
            services.add_note(current_user, found, request.form.get("note", ""))
        except DomainError as exc:
            db.session.rollback()
            flash(exc.message, "error")
        else:
            db.session.commit()
            flash(_("The note has been added."), "success")
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
    if request.method == "POST":
        parent = db.session.get(Code, request.form.get("parent", type=int) or 0)
        try:
            services.add_code(current_user, consultation, label=request.form.get("label", ""),
                              description=request.form.get("description", ""),
                              colour=request.form.get("colour") or None, parent=parent)
        except DomainError as exc:
            db.session.rollback()
            flash(exc.message, "error")
        else:
            db.session.commit()
            flash(_("The code has been added."), "success")
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
    if action == "delete":
        services.delete_code(current_user, code)
    else:
        services.update_code(current_user, code, label=request.form.get("label", code.label),
                             description=request.form.get("description", ""),
                             colour=request.form.get("colour", code.colour))
    db.session.commit()
    flash(_("The codebook has been updated."), "success")
    return redirect(url_for("analysis.codebook", consultation_id=consultation.id))


@bp.post("/manage/<int:consultation_id>/similarity")
@facilitator_required
def similarity(consultation_id: int):
    """Change the near-duplicate threshold and regroup the comments."""
    consultation = managed_consultation(consultation_id)
    try:
        groups = services.set_similarity_threshold(
            current_user, consultation, request.form.get("threshold", type=int) or 0)
    except DomainError as exc:
        db.session.rollback()
        flash(exc.message, "error")
    else:
        db.session.commit()
        flash(_("Comments regrouped: %(n)d groups.", n=groups), "success")
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
