"""Stakeholders: my consultations, the round page, saving, submitting, history, downloads."""

from flask import Response as HTTPResponse
from flask import abort, flash, jsonify, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import current_user, login_required

from ..consultations import audience
from ..consultations import permissions as consultation_permissions
from ..consultations.models import BackgroundDocument
from ..consultations.rounds import get_round, load_questions
from ..core.forms import error_messages, flash_errors
from ..core.pagination import page_of
from ..core.templating import datetime_filter
from ..core.types import utcnow
from ..extensions import db
from . import listing, services
from .blueprint import bp
from .forms import (
    ResponseControls,
    parse_response_form,
    values_from_input,
    values_from_response,
)
from .permissions import is_author
from .validation import ResponseInput


def _visible_round(round_id: int):
    round_ = get_round(round_id) or abort(404)
    if not consultation_permissions.can_view_round(current_user, round_, utcnow()):
        abort(404 if round_.published_at is None else 403)
    return round_


def _organisation(round_, chosen: int | None = None):
    """The organisation the user answers for: the one a form sent, else the address names."""
    if chosen is None:
        chosen = request.args.get("organisation", type=int)
    return services.respondent_organisation(current_user, round_, chosen)


def _page(round_, organisation, values=None, errors=None, status=200, conflict=None):
    now = utcnow()
    response = services.find_response(current_user, round_, organisation, with_content=True)
    can_answer = consultation_permissions.can_answer_round(current_user, round_, now)
    if can_answer:  # the form shows every question with its tags
        load_questions(round_)
    return render_template(
        "responses/round.html", round=round_, response=response, now=now,
        organisation=organisation,
        values=values or values_from_response(response),
        errors=errors or (response and response.pending or {}).get("errors", {}),
        can_answer=can_answer,
        in_audience=audience.is_in_audience(current_user, round_),
        late=services.latest_late_text(response), conflict=conflict,
        choices=listing.tag_choices(),
    ), status


def _answers(round_) -> ResponseInput:
    # The answers are one field per question of this round, named after its id, so no form
    # class declares them: the parser reads them from the request's form.
    return parse_response_form(round_, request.form)


# One saved version at a time, its comments by pages: a response with 288 long comments saved
# many times made a page of tens of megabytes when every version was shown in full.
HISTORY_COMMENTS_PAGE = 50

@bp.get("/my")
@login_required
def my_consultations():
    """The rounds open to me, their deadlines and the state of my responses."""
    return render_template("responses/my.html", rows=listing.my_rounds(current_user, utcnow()),
                           now=utcnow())


@bp.get("/rounds/<int:round_id>")
@login_required
def round_page(round_id: int):
    """The round: introduction, background, questions (answerable while open)."""
    round_ = _visible_round(round_id)
    return _page(round_, _organisation(round_))


@bp.post("/rounds/<int:round_id>")
@login_required
def save(round_id: int):
    """Save as draft, or save and go to the submission confirmation."""
    round_ = _visible_round(round_id)
    controls, data = ResponseControls(), _answers(round_)
    organisation = _organisation(round_, controls.organisation.data)
    if not controls.validate_on_submit():
        flash_errors(controls)  # nothing saved; the page shows what was typed
        return _page(round_, organisation, values_from_input(data), {}, 422)
    outcome = services.save_response(
        current_user, round_, data, now=utcnow(), expected_version=controls.version.data,
        organisation=organisation)
    stays_submitted = outcome.response.is_submitted  # read before the commit expires it
    db.session.commit()  # whatever the outcome, the text is kept
    if outcome.kind == "conflict":
        return _page(round_, organisation, values_from_input(data), {}, 409, conflict=outcome)
    if outcome.kind == "late":
        flash(outcome.message, "error")
        return _page(round_, organisation, values_from_input(data), {}, 409)
    if controls.action.data == "submit":
        return redirect(url_for("responses.confirm", round_id=round_id,
                                organisation=controls.organisation.data))
    flash(_save_message(outcome, stays_submitted), "error" if outcome.reopened else "success")
    return redirect(url_for("responses.round_page", round_id=round_id,
                            organisation=controls.organisation.data))


def _save_message(outcome, stays_submitted: bool) -> str:
    time = datetime_filter(utcnow())
    if outcome.reopened:
        return outcome.message
    if stays_submitted:
        return _("Your changes have been saved at %(time)s; your response stays submitted.",
                 time=time)
    if outcome.pending:
        return _("Your draft has been saved at %(time)s. What you typed is kept, but the "
                 "answers marked below need correcting before you can submit.", time=time)
    return _("Your draft has been saved at %(time)s.", time=time)


@bp.post("/rounds/<int:round_id>/autosave")
@login_required
def autosave(round_id: int):
    """Save a draft in the background; answers JSON for the page's script."""
    round_ = _visible_round(round_id)
    controls, data = ResponseControls(), _answers(round_)
    if not controls.validate_on_submit():
        message = " ".join(error_messages(controls))
        return jsonify(status="refused", message=message, say=message), 422
    outcome = services.save_response(
        current_user, round_, data, now=utcnow(), expected_version=controls.version.data,
        organisation=_organisation(round_, controls.organisation.data))
    response = outcome.response
    db.session.commit()
    if outcome.kind != "saved":
        return jsonify(status="refused", message=outcome.message, say=_(
            "Not saved: %(message)s Use “Save draft” to see both versions.",
            message=outcome.message)), 409
    saved_at = datetime_filter(response.updated_at, "short")
    say = " ".join(filter(None, [
        _("Saved at %(time)s.", time=saved_at), outcome.message,
        _("Kept as typed, to correct before submitting: %(errors)s",
          errors=" ".join(outcome.pending.values())) if outcome.pending else ""]))
    return jsonify(status="saved", version=response.version, saved_at=saved_at,
                   errors=outcome.pending, message=outcome.message, say=say,
                   comments=listing.new_comment_ids(data, response))


@bp.route("/rounds/<int:round_id>/confirm", methods=["GET", "POST"])
@login_required
def confirm(round_id: int):
    """Review the answers, see what is missing, and submit them."""
    round_ = _visible_round(round_id)
    controls = ResponseControls()
    organisation = _organisation(round_, controls.organisation.data)
    response = services.find_response(current_user, round_, organisation,
                                      with_content=True) or abort(404)
    problems = services.submission_problems(round_, response)
    if controls.validate_on_submit() and not problems:
        outcome = services.save_response(
            current_user, round_, listing.input_from_response(response), now=utcnow(),
            submit=True, expected_version=controls.version.data,
            organisation=organisation, response=response)
        email = current_user.email  # read before the commit expires it
        db.session.commit()
        if outcome.kind != "saved":
            flash(outcome.message, "error")
            return redirect(url_for("responses.round_page", round_id=round_id))
        flash(_("Your response has been submitted. A receipt has been sent to %(email)s. You "
                "can change it until the round closes.", email=email), "success")
        return redirect(url_for("responses.round_page", round_id=round_id,
                                organisation=controls.organisation.data))
    flash_errors(controls)
    return render_template("responses/confirm.html", round=round_, response=response,
                           organisation=organisation, now=utcnow(), problems=problems,
                           ), 422 if request.method == "POST" else 200


@bp.get("/rounds/<int:round_id>/history")
@login_required
def history(round_id: int):
    """Every saved version of my response, newest first."""
    round_ = _visible_round(round_id)
    response = services.find_response(current_user, round_, _organisation(round_))
    if response is None or not is_author(current_user, response):
        abort(404)
    revisions = services.revision_list(response)
    wanted = request.args.get("version", type=int)
    shown = next((r for r in revisions if r.number == wanted), revisions[0] if revisions else None)
    comments = page_of(shown.snapshot.get("comments", []) if shown else [],
                       request.args.get("page", 1, type=int), HISTORY_COMMENTS_PAGE)
    return render_template("responses/history.html", round=round_, revisions=revisions,
                           shown=shown, comments=comments)


@bp.get("/rounds/<int:round_id>/download")
@login_required
def download(round_id: int):
    """My response (or the text that arrived too late) as a text file."""
    round_ = _visible_round(round_id)
    response = services.find_response(current_user, round_, _organisation(round_))
    revision = services.last_revision(response)
    if revision is None or not is_author(current_user, response):
        abort(404)
    body = render_template("responses/download.txt", round=round_, revision=revision,
                           questions={str(q.id): q for q in round_.questions},
                           labels=listing.term_labels())
    return HTTPResponse(body, mimetype="text/plain", headers={
        "Content-Disposition": f"attachment; filename=round-{round_.id}-my-answers.txt"})


@bp.get("/documents/<int:document_id>")
@login_required
def document(document_id: int):
    """A background document, for those who can see one of the consultation's rounds."""
    item = db.session.get(BackgroundDocument, document_id) or abort(404)
    now = utcnow()
    if not any(consultation_permissions.can_view_round(current_user, r, now)
               for r in item.consultation.rounds):
        abort(404)
    return render_template("responses/document.html", document=item)
