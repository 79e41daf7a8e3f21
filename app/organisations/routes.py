"""Administrators manage organisations."""

from flask import abort, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import current_user

from ..accounts.permissions import admin_required
from ..core.forms import attempt
from ..core.pagination import paginate
from ..extensions import db
from ..vocab import services as vocab
from . import services
from .blueprint import bp
from .forms import OrganisationForm
from .models import Organisation


def _form(organisation: Organisation | None = None) -> OrganisationForm:
    form = OrganisationForm(obj=organisation)
    current = organisation or Organisation()
    form.stakeholder_type.choices = vocab.choices("stakeholder_type", [current.stakeholder_type])
    form.country.choices = vocab.choices("country", [current.country])
    form.governance_level.choices = vocab.choices("governance_level", [current.governance_level])
    form.sectors.choices = vocab.choices("sector", current.sectors)
    if organisation is not None and request.method == "GET":
        form.stakeholder_type.data = organisation.stakeholder_type_id
        form.country.data = organisation.country_id
        form.governance_level.data = organisation.governance_level_id
        form.sectors.data = [s.id for s in organisation.sectors]
    return form


def _fields(form: OrganisationForm) -> dict:
    return {
        "name": form.name.data,
        "stakeholder_type": vocab.term_by_id(form.stakeholder_type.data, "stakeholder_type"),
        "is_startup": form.is_startup.data,
        "country": vocab.term_by_id(form.country.data, "country"),
        "region": form.region.data or "",
        "governance_level": vocab.term_by_id(form.governance_level.data, "governance_level"),
        "sectors": [vocab.term_by_id(i, "sector") for i in form.sectors.data or []],
        "website": form.website.data or "",
    }


@bp.get("/")
@admin_required
def index():
    """Organisations with search, filters and pagination."""
    args = request.args
    query = services.organisations_query(args.get("q", ""), args.get("type", ""),
                                         args.get("country", ""), args.get("active", ""))
    page = paginate(query, args.get("page", 1, type=int), 25)
    return render_template("organisations/index.html", page=page,
                           type_options=_options("stakeholder_type"),
                           country_options=_options("country"))


def _options(vocabulary: str) -> list[tuple[str, str]]:
    return [(term.key, term.label) for term in vocab.terms(vocabulary, include_retired=True)]


@bp.route("/new", methods=["GET", "POST"])
@admin_required
def create():
    """Add an organisation."""
    form = _form()
    if form.validate_on_submit():
        organisation = attempt(form, services.create_organisation, current_user, **_fields(form))
        if organisation is not None:
            db.session.commit()
            flash(_("%(name)s has been added.", name=organisation.name), "success")
            return redirect(url_for("organisations.index"))
    return render_template("organisations/edit.html", form=form, organisation=None)


@bp.route("/<int:organisation_id>", methods=["GET", "POST"])
@admin_required
def edit(organisation_id: int):
    """Edit an organisation; a concurrent edit is refused, not overwritten."""
    organisation = services.get_organisation(organisation_id) or abort(404)
    form = _form(organisation)
    if form.validate_on_submit():
        saved = attempt(form, services.update_organisation, current_user, organisation,
                        expected_version=form.version.data, **_fields(form), locked=organisation)
        if saved is not None:
            db.session.commit()
            flash(_("%(name)s has been saved.", name=organisation.name), "success")
            return redirect(url_for("organisations.index"))
    return render_template("organisations/edit.html", form=form, organisation=organisation)


@bp.post("/<int:organisation_id>/active")
@admin_required
def toggle_active(organisation_id: int):
    """Deactivate or reactivate an organisation."""
    organisation = services.get_organisation(organisation_id) or abort(404)
    services.set_active(current_user, organisation, not organisation.is_active)
    db.session.commit()
    message = (_("%(name)s is active again.") if organisation.is_active
               else _("%(name)s has been deactivated."))
    flash(message % {"name": organisation.name}, "success")
    return redirect(url_for("organisations.edit", organisation_id=organisation.id))
