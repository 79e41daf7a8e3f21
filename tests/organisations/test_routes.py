"""Administrators' organisation pages."""

from app.extensions import db
from app.organisations import services
from app.vocab import services as vocab


def _text(response) -> str:
    return response.get_data(as_text=True)


def _form(**overrides) -> dict:
    data = {
        "name": "Regione Marche", "stakeholder_type": vocab.term("stakeholder_type",
                                                                 "public_authority").id,
        "country": vocab.term("country", "IT").id, "region": "Marche",
        "governance_level": vocab.term("governance_level", "regional").id,
        "sectors": [vocab.term("sector", "wood").id, vocab.term("sector", "agrofood").id],
        "website": "https://www.regione.marche.it",
    }
    return data | overrides


def test_create(client, login_as, admin):
    login_as(admin)
    form_page = _text(client.get("/admin/organisations/new"))
    assert '<label for="stakeholder_type">Stakeholder type</label>' in form_page
    response = client.post("/admin/organisations/new", data=_form())
    assert response.status_code == 302
    organisation = services.find_by_name("regione marche")
    assert organisation.region == "Marche" and len(organisation.sectors) == 2


def test_create_with_bad_input_keeps_what_was_typed(client, login_as, admin,
                                                    make_organisation):
    make_organisation(name="Regione Marche")
    login_as(admin)
    page = _text(client.post("/admin/organisations/new",
                             data=_form(region="Typed region", website="not a url")))
    assert "Invalid URL" in page and 'value="Typed region"' in page
    page = _text(client.post("/admin/organisations/new", data=_form(region="Typed region")))
    assert "exists already" in page and 'value="Typed region"' in page


def test_start_up_rule_is_explained(client, login_as, admin):
    login_as(admin)
    page = _text(client.post("/admin/organisations/new", data=_form(is_startup="y")))
    assert "Only an enterprise can be marked as a start-up." in page


def test_list_filters_and_paginates(client, login_as, admin, make_organisation):
    for i in range(27):
        make_organisation(name=f"Coop {i:02d}", country="BG")
    make_organisation(name="Other country", country="FI")
    login_as(admin)
    page = _text(client.get("/admin/organisations/?country=BG"))
    assert "27 results" in page and "Other country" not in page and "Page 1 of 2" in page
    page = _text(client.get("/admin/organisations/?country=BG&page=2"))
    assert "Coop 26" in page


def test_edit_and_conflict(client, login_as, admin, make_organisation):
    organisation = make_organisation(name="Editable")
    login_as(admin)
    page = _text(client.get(f"/admin/organisations/{organisation.id}"))
    assert 'value="Editable"' in page
    stale = organisation.version
    response = client.post(f"/admin/organisations/{organisation.id}",
                           data=_form(name="Edited", version=stale))
    assert response.status_code == 302 and organisation.name == "Edited"
    page = _text(client.post(f"/admin/organisations/{organisation.id}",
                             data=_form(name="Late edit", version=stale)))
    assert "Someone else changed this record" in page and 'value="Late edit"' in page
    db.session.refresh(organisation)
    assert organisation.name == "Edited"


def test_retired_term_stays_selectable_on_records_that_use_it(client, login_as, admin,
                                                              make_organisation):
    organisation = make_organisation(sectors=("wood",))
    vocab.retire_term(admin, vocab.term("sector", "wood"))
    login_as(admin)
    edit_page = _text(client.get(f"/admin/organisations/{organisation.id}"))
    new_page = _text(client.get("/admin/organisations/new"))
    assert ">Wood</option>" in edit_page and ">Wood</option>" not in new_page


def test_deactivate(client, login_as, admin, make_organisation):
    organisation = make_organisation()
    login_as(admin)
    client.post(f"/admin/organisations/{organisation.id}/active")
    assert not organisation.is_active
