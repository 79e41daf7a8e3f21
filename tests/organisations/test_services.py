"""Organisation services, without HTTP."""

import pytest

from app.core.errors import Conflict, DomainError, NotAllowed
from app.extensions import db
from app.organisations import services
from app.vocab import services as vocab


def test_create_with_terms(admin, make_organisation):
    organisation = make_organisation(name="CETEM", country="ES", sectors=("wood", "building"))
    assert organisation.country.label == "Spain"
    assert [s.key for s in organisation.sectors] == ["wood", "building"]
    assert organisation.is_active and organisation.version == 1


def test_names_are_unique_regardless_of_case(make_organisation):
    make_organisation(name="Pyhäjärvi Institute")
    with pytest.raises(services.OrganisationNameTaken):
        make_organisation(name="  PYHÄJÄRVI INSTITUTE ".lower())


def test_only_enterprises_are_start_ups(make_organisation):
    with pytest.raises(DomainError, match="start-up"):
        make_organisation(stakeholder_type="public_authority", is_startup=True)
    assert make_organisation(stakeholder_type="enterprise", is_startup=True).is_startup


def test_stakeholders_cannot_manage_organisations(stakeholder):
    with pytest.raises(NotAllowed):
        services.create_organisation(
            stakeholder, name="X", stakeholder_type=vocab.term("stakeholder_type", "other"),
            country=vocab.term("country", "BE"),
            governance_level=vocab.term("governance_level", "eu"))


def test_update_with_optimistic_locking(admin, make_organisation):
    organisation = make_organisation(name="Old name")
    stale = organisation.version
    services.update_organisation(admin, organisation, expected_version=stale, name="New name",
                                 sectors=[vocab.term("sector", "agrofood")])
    db.session.flush()
    assert organisation.version == stale + 1
    with pytest.raises(Conflict):
        services.update_organisation(admin, organisation, expected_version=stale, name="Other")
    assert organisation.name == "New name"


def test_update_refuses_taken_name(admin, make_organisation):
    make_organisation(name="Taken")
    other = make_organisation(name="Free")
    with pytest.raises(services.OrganisationNameTaken):
        services.update_organisation(admin, other, name="taken")


def test_deactivated_organisations_are_not_offered(admin, make_organisation):
    organisation = make_organisation(name="Closing down")
    services.set_active(admin, organisation, False)
    assert organisation not in services.active_organisations()
    assert organisation in services.all_organisations()


def test_query_filters(make_organisation):
    make_organisation(name="Agency A", stakeholder_type="public_authority", country="FI",
                      region="Uusimaa")
    make_organisation(name="Company B", stakeholder_type="enterprise", country="BG")

    def names(**filters):
        return [o.name for o in db.session.scalars(services.organisations_query(**filters))]

    assert names(search="agency") == ["Agency A"]
    assert names(search="uusimaa") == ["Agency A"]
    assert names(stakeholder_type="enterprise") == ["Company B"]
    assert names(country="fi") == ["Agency A"]
    assert names(active="no") == []
