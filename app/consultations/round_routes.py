"""Facilitators set up rounds, run their lifecycle, invite, remind and follow participation."""

from datetime import timedelta

from flask import current_app, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import current_user

from ..accounts.permissions import facilitator_required
from ..core.forms import attempt, flash_errors, select_choices
from ..core.mail import flash_undelivered
from ..core.timezones import to_local, to_utc
from ..core.types import utcnow
from ..extensions import db
from ..organisations import services as organisations
from ..vocab import services as vocab
from . import audience, content, rounds
from .blueprint import bp
from .forms import DeadlineForm, InviteEmailsForm, RoundForm
from .loaders import managed_consultation, managed_round

AUDIENCE_FIELDS = {"audience_stakeholder_types": "stakeholder_type",
                   "audience_countries": "country", "audience_levels": "governance_level",
                   "audience_sectors": "sector"}


def _document_versions(consultation) -> list:
    """Saved versions the current user may put to a round of the consultation."""
    if consultation is None:
        return []
    return rounds.presentable_versions(current_user, consultation)


def _round_form(round_=None, consultation=None) -> RoundForm:
    form = RoundForm(obj=round_)
    current = round_.audience_terms if round_ else []
    for name, vocabulary in AUDIENCE_FIELDS.items():
        getattr(form, name).choices = vocab.choices(vocabulary, current)
    form.audience_organisations.choices = select_choices(
        (o.id, o.name) for o in organisations.active_organisations())
    versions = _document_versions(consultation)
    if round_ is not None and round_.document_version is not None \
            and round_.document_version not in versions:
        versions.append(round_.document_version)  # kept as it is, whoever chose it
    form.document_version.choices = select_choices(
        [("", _("None"))] + [(v.id, f"{v.document.title} – {v.number}") for v in versions])
    if round_ is not None and request.method == "GET":
        form.opens_at.data = to_local(round_.opens_at, round_.timezone)
        form.closes_at.data = to_local(round_.closes_at, round_.timezone)
        for name, vocabulary in AUDIENCE_FIELDS.items():
            getattr(form, name).data = [t.id for t in round_.audience(vocabulary)]
        form.audience_organisations.data = [o.id for o in round_.audience_organisations]
        form.document_version.data = round_.document_version_id
    return form


def _round_fields(form: RoundForm) -> dict:
    terms = [vocab.term_by_id(i) for name in AUDIENCE_FIELDS
             for i in getattr(form, name).data or []]
    return {
        "title": form.title.data, "introduction": form.introduction.data or "",
        "timezone": form.timezone.data,
        **({"opens_at": to_utc(form.opens_at.data, form.timezone.data),
            "closes_at": to_utc(form.closes_at.data, form.timezone.data)}
           if form.opens_at is not None else {}),
        "response_mode": form.response_mode.data, "anonymity": form.anonymity.data,
        "audience_terms": [t for t in terms if t is not None],
        "audience_organisations": [organisations.get_organisation(i)
                                   for i in form.audience_organisations.data or []],
        "document_version_id": form.document_version.data or None,
    }


@bp.route("/<int:consultation_id>/rounds/new", methods=["GET", "POST"])
@facilitator_required
def new_round(consultation_id: int):
    """Add a round to a consultation."""
    consultation = managed_consultation(consultation_id)
    form = _round_form(consultation=consultation)
    if form.validate_on_submit():
        round_ = attempt(form, rounds.create_round, current_user, consultation,
                         **_round_fields(form))
        if round_ is not None:
            db.session.commit()
            flash(_("The round has been created. Now add its questions."), "success")
            return redirect(url_for("consultations.questions", round_id=round_.id))
    return render_template("consultations/round_edit.html", form=form, round=None,
                           consultation=consultation)


@bp.route("/rounds/<int:round_id>", methods=["GET", "POST"])
@facilitator_required
def round_settings(round_id: int):
    """A round's settings, state and lifecycle actions."""
    round_ = managed_round(round_id)
    form = _round_form(round_, round_.consultation)
    if round_.state(utcnow()) not in ("draft", "scheduled"):
        del form.opens_at, form.closes_at  # fixed once open: shown as text, never sent
    if form.validate_on_submit():
        saved = attempt(form, rounds.update_round, current_user, round_, utcnow(),
                        expected_version=form.version.data, **_round_fields(form), locked=round_)
        if saved is not None:
            db.session.commit()
            flash(_("The round has been saved."), "success")
            return redirect(url_for("consultations.round_settings", round_id=round_.id))
    return render_template("consultations/round_edit.html", form=form, round=round_,
                           consultation=round_.consultation, now=utcnow(),
                           deadline_form=DeadlineForm(),
                           missing_translations=content.missing_translations(round_))


@bp.post("/rounds/<int:round_id>/<any(publish, unpublish, close, copy):action>")
@facilitator_required
def round_action(round_id: int, action: str):
    """Publish, take back to draft, close now, or copy a round."""
    round_ = managed_round(round_id)
    now, form = utcnow(), DeadlineForm()  # its reason goes with "close now"
    operations = {
        "publish": (rounds.publish_round, (current_user, round_, now),
                    _("The round is published.")),
        "unpublish": (rounds.unpublish_round, (current_user, round_, now),
                      _("The round is back to draft.")),
        "close": (rounds.close_round_now, (current_user, round_, now, form.reason.data or ""),
                  _("The round is closed.")),
        "copy": (rounds.copy_round, (current_user, round_),
                 _("A copy of the round has been made. Check its dates.")),
    }
    operation, arguments, message = operations[action]
    target = round_.id
    done = attempt(form, operation, *arguments) if form.validate_on_submit() else None
    if done is not None:
        db.session.commit()
        flash(message, "success")
        if action == "copy":
            target = done.id
        if action == "publish":
            _warn_of_missing_translations(round_)
    flash_errors(form)
    return redirect(url_for("consultations.round_settings", round_id=target))


def _warn_of_missing_translations(round_) -> None:
    """Publishing is never blocked by translations, but the facilitator is told."""
    incomplete = [content.language_name(language)
                  for language, missing in content.missing_translations(round_) if missing]
    if incomplete:
        flash(_("Some texts are not translated into %(languages)s yet: participants reading "
                "in these languages see them in the original language.",
                languages=", ".join(incomplete)), "warning")


@bp.post("/rounds/<int:round_id>/extend")
@facilitator_required
def extend(round_id: int):
    """Move the deadline later, or (while the round is open, with notice) earlier."""
    round_ = managed_round(round_id)
    form = DeadlineForm()
    if not form.validate_on_submit() or form.closes_at.data is None:
        flash(_("Give the new closing time."), "error")
        return redirect(url_for("consultations.round_settings", round_id=round_.id))
    new_closes_at, now = to_utc(form.closes_at.data, round_.timezone), utcnow()
    earlier = new_closes_at < round_.closes_at and round_.is_open(now)
    if earlier:
        notice = timedelta(hours=current_app.config["DEADLINE_MIN_NOTICE_HOURS"])
        moved = attempt(form, rounds.move_deadline_earlier, current_user, round_,
                        new_closes_at, now, form.reason.data or "", min_notice=notice)
    else:
        moved = attempt(form, rounds.extend_round, current_user, round_, new_closes_at, now,
                        form.reason.data or "")
    flash_errors(form)
    if moved:
        db.session.commit()
        flash(_("The deadline has been moved earlier; everyone invited has been told.")
              if earlier else _("The deadline has been extended."), "success")
    return redirect(url_for("consultations.round_settings", round_id=round_.id))


@bp.route("/rounds/<int:round_id>/participation", methods=["GET", "POST"])
@facilitator_required
def participation(round_id: int):
    """Invite the audience or named people, send reminders, and follow participation."""
    round_ = managed_round(round_id)
    form = InviteEmailsForm()
    if form.validate_on_submit():
        text = form.emails.data or ""
        if form.file.data:
            text += "\n" + audience.emails_from_csv(
                form.file.data.read().decode("utf-8-sig", errors="replace"))
        invited, problems = audience.invite_emails(current_user, round_, text)
        db.session.commit()
        flash(_("%(n)d people invited.", n=invited), "success")
        flash_undelivered()
        for problem in problems:
            flash(problem, "error")
        return redirect(url_for("consultations.participation", round_id=round_.id))
    audience_size = len(db.session.scalars(audience.audience_users(round_)).all())
    return render_template("consultations/participation.html", round=round_, form=form,
                           table=audience.participation(round_), audience_size=audience_size,
                           now=utcnow())


@bp.post("/rounds/<int:round_id>/<any(invite, remind):action>")
@facilitator_required
def participation_action(round_id: int, action: str):
    """Invite the whole audience, or remind those who have not submitted."""
    round_ = managed_round(round_id)
    if action == "invite":
        count = audience.invite_audience(current_user, round_)
        message = _("%(n)d people invited.", n=count)
    else:
        count = audience.send_reminders(current_user, round_, utcnow())
        message = _("%(n)d reminders sent.", n=count)
    db.session.commit()
    flash(message, "success")
    flash_undelivered()
    return redirect(url_for("consultations.participation", round_id=round_.id))
