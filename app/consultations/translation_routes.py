"""Facilitators translate a consultation's and its rounds' texts, one language at a time."""

from flask import abort, current_app, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import current_user

from ..accounts.permissions import facilitator_required
from ..core.forms import attempt
from ..extensions import db
from . import content
from .blueprint import bp
from .forms import translated_texts, translation_form
from .loaders import managed_consultation, managed_round


def _language(consultation) -> str:
    """The language chosen in the query string, else the first offered one (404 if unknown)."""
    languages = [code for code in current_app.config["LANGUAGES"]
                 if code != consultation.original_language]
    chosen = request.args.get("language")
    if chosen is None:
        offered = content.offered_languages(consultation)
        return offered[0] if offered else languages[0]
    if chosen not in languages:
        abort(404)
    return chosen


def _translate(consultation, items: list, endpoint: str, round_=None, **view_args):
    """Show the originals beside their translations into the chosen language; save them."""
    language = _language(consultation)
    form, sections = translation_form(items, language)
    if form.validate_on_submit():
        saved = attempt(form, content.save_translations, current_user, language,
                        translated_texts(sections), expected_versions=form.versions.data)
        if saved is not None:
            db.session.commit()
            flash(_("The translations into %(language)s have been saved.",
                    language=content.language_name(language)), "success")
            return redirect(url_for(endpoint, language=language, **view_args))
        form.versions.raw_data = None  # saving again knowingly replaces the others' changes
        form.versions.data = content.content_versions([item for _h, item, _r in sections])
    return render_template("consultations/translations.html", form=form, sections=sections,
                           consultation=consultation, language=language, endpoint=endpoint,
                           view_args=view_args, round=round_)


@bp.route("/<int:consultation_id>/translations", methods=["GET", "POST"])
@facilitator_required
def translations(consultation_id: int):
    """Translate the consultation's title and summary."""
    consultation = managed_consultation(consultation_id)
    return _translate(consultation, [(None, consultation)], "consultations.translations",
                      consultation_id=consultation.id)


@bp.route("/rounds/<int:round_id>/translations", methods=["GET", "POST"])
@facilitator_required
def round_translations(round_id: int):
    """Translate a round's title, introduction and questions."""
    round_ = managed_round(round_id)
    items = [(_("Round"), round_)] + [(_("Question %(n)d", n=number), question)
                                      for number, question in enumerate(round_.questions, 1)]
    return _translate(round_.consultation, items, "consultations.round_translations",
                      round_=round_, round_id=round_.id)
