"""Organisation operations: create, edit, deactivate, search."""

from flask_babel import gettext as _
from sqlalchemy import func, or_, select
from sqlalchemy.orm import selectinload

from ..accounts.permissions import can_administer
from ..audit.services import record
from ..core.errors import Conflict, DomainError, NotAllowed
from ..core.records import apply_changes, check_version
from ..extensions import db
from ..vocab.models import Term
from .models import Organisation


class OrganisationNameTaken(Conflict):
    """Another organisation has this name already."""


def find_by_name(name: str) -> Organisation | None:
    """The organisation with this name, whatever its case."""
    key = (name or "").strip().lower()
    return db.session.scalar(select(Organisation).where(func.lower(Organisation.name) == key))


def get_organisation(organisation_id: int) -> Organisation | None:
    """The organisation with this id, or None."""
    return db.session.get(Organisation, organisation_id)


def active_organisations() -> list[Organisation]:
    """Active organisations ordered by name, for choosing memberships."""
    query = select(Organisation).where(Organisation.is_active.is_(True))
    return list(db.session.scalars(query.order_by(func.lower(Organisation.name))))


def all_organisations() -> list[Organisation]:
    """Every organisation, active or not."""
    return list(db.session.scalars(select(Organisation)))


def organisations_query(search: str = "", stakeholder_type: str = "", country: str = "",
                        active: str = ""):
    """Organisations matching the filters, ordered by name, with their terms loaded."""
    query = select(Organisation).options(
        selectinload(Organisation.sectors),
        selectinload(Organisation.stakeholder_type),
        selectinload(Organisation.country),
        selectinload(Organisation.governance_level),
    ).order_by(func.lower(Organisation.name), Organisation.id)
    if search:
        pattern = f"%{search.strip().lower()}%"
        query = query.where(or_(func.lower(Organisation.name).like(pattern),
                                func.lower(Organisation.region).like(pattern)))
    if stakeholder_type:
        query = query.where(Organisation.stakeholder_type_id.in_(
            _term_ids("stakeholder_type", stakeholder_type)))
    if country:
        query = query.where(Organisation.country_id.in_(_term_ids("country", country.upper())))
    if active in ("yes", "no"):
        query = query.where(Organisation.is_active.is_(active == "yes"))
    return query


def _term_ids(vocabulary: str, key: str):
    return select(Term.id).where(Term.vocabulary == vocabulary, Term.key == key)


def create_organisation(actor, *, name: str, stakeholder_type: Term, country: Term,
                        governance_level: Term, is_startup: bool = False, region: str = "",
                        sectors=(), website: str = "") -> Organisation:
    """Add an organisation after checking its name is free and its terms fit."""
    _require_admin(actor)
    _check_name_free(name.strip())
    organisation = _new_organisation(
        name=name, stakeholder_type=stakeholder_type, country=country,
        governance_level=governance_level, is_startup=is_startup, region=region,
        sectors=sectors, website=website)
    db.session.add(organisation)
    db.session.flush()
    record(actor, "organisation.create", organisation, name=organisation.name)
    return organisation


def create_organisations(actor, rows: list[dict]) -> list[Organisation]:
    """Add many organisations at once (a CSV import): the same checks, in one flush.

    The names are read once for the whole batch, not once per row, so that 10,000 rows cost
    a fixed number of queries plus the inserts, which the ORM sends in batches.
    """
    _require_admin(actor)
    taken = {name.lower(): name for name in db.session.scalars(select(Organisation.name))}
    organisations = []
    with db.session.no_autoflush:
        for fields in rows:
            name = fields["name"].strip()
            if name.lower() in taken:
                raise OrganisationNameTaken(
                    _("An organisation called %(name)s exists already.",
                      name=taken[name.lower()]))
            taken[name.lower()] = name
            organisations.append(_new_organisation(**fields))
    db.session.add_all(organisations)
    db.session.flush()
    for organisation in organisations:
        record(actor, "organisation.create", organisation, name=organisation.name)
    return organisations


def _new_organisation(*, name: str, stakeholder_type: Term, country: Term,
                      governance_level: Term, is_startup: bool = False, region: str = "",
                      sectors=(), website: str = "") -> Organisation:
    _check_startup(stakeholder_type, is_startup)
    return Organisation(
        name=name.strip(), stakeholder_type=stakeholder_type, country=country,
        governance_level=governance_level, is_startup=is_startup, region=region.strip(),
        sectors=list(sectors), website=website.strip(),
    )


def update_organisation(actor, organisation: Organisation, *,
                        expected_version: int | None = None, **fields) -> Organisation:
    """Change an organisation's details with optimistic locking."""
    _require_admin(actor)
    check_version(organisation, expected_version)
    if "name" in fields:
        fields["name"] = fields["name"].strip()
        _check_name_free(fields["name"], organisation)
    _check_startup(fields.get("stakeholder_type", organisation.stakeholder_type),
                   fields.get("is_startup", organisation.is_startup))
    changes = apply_changes(organisation, fields)
    if changes:
        record(actor, "organisation.update", organisation, changes=changes)
    return organisation


def set_active(actor, organisation: Organisation, active: bool) -> Organisation:
    """Deactivate or reactivate; inactive organisations are not offered for new data."""
    _require_admin(actor)
    organisation.is_active = active
    record(actor, "organisation.activate" if active else "organisation.deactivate",
           organisation)
    return organisation


def _require_admin(actor) -> None:
    if actor is not None and not can_administer(actor):
        raise NotAllowed(_("Only administrators can manage organisations."))


def _check_name_free(name: str, current: Organisation | None = None) -> None:
    other = find_by_name(name)
    if other is not None and (current is None or other.id != current.id):
        raise OrganisationNameTaken(
            _("An organisation called %(name)s exists already.", name=other.name))


def _check_startup(stakeholder_type: Term, is_startup: bool) -> None:
    if is_startup and stakeholder_type.key != "enterprise":
        raise DomainError(_("Only an enterprise can be marked as a start-up."))
