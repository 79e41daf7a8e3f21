"""Administrators view and edit vocabularies."""

from flask import abort, flash, redirect, render_template, url_for
from flask_babel import gettext as _
from flask_login import current_user

from ..accounts.permissions import admin_required
from ..extensions import db
from . import services
from .blueprint import bp
from .definitions import VOCABULARIES
from .forms import NewTermForm, TermForm


def _vocabulary_or_404(key: str):
    vocabulary = VOCABULARIES.get(key)
    if vocabulary is None:
        abort(404)
    return vocabulary


@bp.get("/")
@admin_required
def index():
    """All vocabularies with their number of terms."""
    counts = {key: len(services.terms(key, include_retired=True)) for key in VOCABULARIES}
    return render_template("vocab/index.html", vocabularies=VOCABULARIES.values(), counts=counts)


@bp.route("/<key>", methods=["GET", "POST"])
@admin_required
def vocabulary(key: str):
    """The terms of one vocabulary, and a form to add one."""
    vocab = _vocabulary_or_404(key)
    form = NewTermForm()
    if form.validate_on_submit():
        services.add_term(current_user, key, form.key.data, form.label.data,
                          form.description.data)
        db.session.commit()
        flash(_("%(label)s has been added.", label=form.label.data), "success")
        return redirect(url_for("vocab.vocabulary", key=key))
    terms = services.terms(key, include_retired=True)
    return render_template("vocab/vocabulary.html", vocabulary=vocab, terms=terms, form=form)


@bp.route("/<key>/<int:term_id>", methods=["GET", "POST"])
@admin_required
def edit_term(key: str, term_id: int):
    """Rename a term or change its description."""
    vocab = _vocabulary_or_404(key)
    term = services.term_by_id(term_id, key) or abort(404)
    form = TermForm(obj=term)
    if form.validate_on_submit():
        services.rename_term(current_user, term, form.label.data, form.description.data)
        db.session.commit()
        flash(_("%(label)s has been saved.", label=term.label), "success")
        return redirect(url_for("vocab.vocabulary", key=key))
    return render_template("vocab/edit_term.html", vocabulary=vocab, term=term, form=form,
                           usage=services.usage_count(term))


@bp.post("/<key>/<int:term_id>/retire")
@admin_required
def retire(key: str, term_id: int):
    """Retire or reinstate a term."""
    term = services.term_by_id(term_id, key) or abort(404)
    services.retire_term(current_user, term, retired=not term.is_retired)
    db.session.commit()
    message = _("%(label)s is retired.") if term.is_retired else _("%(label)s is offered again.")
    flash(message % {"label": term.label}, "success")
    return redirect(url_for("vocab.vocabulary", key=key))


@bp.post("/<key>/<int:term_id>/delete")
@admin_required
def delete(key: str, term_id: int):
    """Delete a term that nothing uses."""
    term = services.term_by_id(term_id, key) or abort(404)
    label = term.label
    services.delete_term(current_user, term)
    db.session.commit()
    flash(_("%(label)s has been deleted.", label=label), "success")
    return redirect(url_for("vocab.vocabulary", key=key))
