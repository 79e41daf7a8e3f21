"""The question builder pages."""

from flask import abort, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import current_user

from ..accounts.permissions import facilitator_required
from ..core.forms import ActionForm, attempt, flash_errors
from ..extensions import db
from ..vocab import services as vocab
from . import permissions, questions
from .blueprint import bp
from .forms import QuestionForm
from .loaders import managed_round

TAG_FIELDS = {"phases": "credential_phase", "sectors": "sector", "elements": "eu_element",
              "principles": "eu_principle"}


def managed_question(question_id: int):
    """The question, if the current user manages its consultation."""
    question = questions.get_question(question_id) or abort(404)
    if not permissions.can_manage(current_user, question.round.consultation):
        abort(403)
    return question


def _question_form(question=None) -> QuestionForm:
    form = QuestionForm(obj=question)
    current = question.terms if question else []
    for name, vocabulary in TAG_FIELDS.items():
        getattr(form, name).choices = vocab.choices(vocabulary, current)
    if request.method == "GET":
        if question is not None:
            for name, vocabulary in TAG_FIELDS.items():
                getattr(form, name).data = [t.id for t in question.tags(vocabulary)]
            form.options.data = "\n".join(question.options)
            form.scale_labels.data = "\n".join(question.scale_labels)
        elif request.args.get("kind") in questions.QUESTION_KINDS:
            form.kind.data = request.args["kind"]
    return form


def _question_fields(form: QuestionForm) -> dict:
    term_ids = [i for name in TAG_FIELDS for i in getattr(form, name).data or []]
    return {
        "kind": form.kind.data, "prompt": form.prompt.data, "help_text": form.help_text.data,
        "is_required": form.is_required.data,
        "terms": [t for t in map(vocab.term_by_id, term_ids) if t is not None],
        "scale_points": form.scale_points.data,
        "scale_labels": (form.scale_labels.data or "").splitlines(),
        "options": (form.options.data or "").splitlines(),
        "max_choices": form.max_choices.data,
        "min_value": form.min_value.data, "max_value": form.max_value.data,
    }


@bp.route("/rounds/<int:round_id>/questions", methods=["GET", "POST"], endpoint="questions")
@facilitator_required
def questions_page(round_id: int):
    """The round's questions, and a form to add one."""
    round_ = managed_round(round_id)
    form = _question_form()
    if form.validate_on_submit():
        saved = attempt(form, questions.add_question, current_user, round_,
                        **_question_fields(form))
        if saved is not None:
            db.session.commit()
            flash(_("The question has been added."), "success")
            return redirect(url_for("consultations.questions", round_id=round_.id) + "#add")
    return render_template("consultations/questions.html", round=round_, form=form,
                           answered=questions.response_count(round_))


@bp.route("/questions/<int:question_id>", methods=["GET", "POST"])
@facilitator_required
def edit_question(question_id: int):
    """Edit a question; after answers exist, only help text and tags."""
    question = managed_question(question_id)
    form = _question_form(question)
    if form.validate_on_submit():
        saved = attempt(form, questions.update_question, current_user, question,
                        expected_version=form.version.data, **_question_fields(form))
        if saved is not None:
            db.session.commit()
            flash(_("The question has been saved."), "success")
            return redirect(url_for("consultations.questions", round_id=question.round_id))
    return render_template("consultations/question_edit.html", question=question, form=form,
                           answered=questions.response_count(question.round))


@bp.post("/questions/<int:question_id>/<any(up, down, duplicate, delete):action>")
@facilitator_required
def question_action(question_id: int, action: str):
    """Reorder, duplicate or delete a question."""
    question = managed_question(question_id)
    round_id = question.round_id
    form = ActionForm()
    if action in ("up", "down"):
        operation = (questions.move_question, current_user, question, -1 if action == "up" else 1)
    elif action == "duplicate":
        operation = (questions.duplicate_question, current_user, question)
    else:
        operation = (questions.delete_question, current_user, question)
    if form.validate_on_submit() and attempt(form, *operation):
        db.session.commit()
        flash(_("The questions have been updated."), "success")
    flash_errors(form)
    return redirect(url_for("consultations.questions", round_id=round_id))
