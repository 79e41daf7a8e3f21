"""Administrators' vocabulary pages."""

from app.vocab import services


def _text(response) -> str:
    return response.get_data(as_text=True)


def test_index_lists_vocabularies(client, login_as, admin):
    login_as(admin)
    page = _text(client.get("/admin/vocabularies/"))
    for label in ("Credential phases", "Sectors", "EU standard elements", "EU principles"):
        assert label in page


def test_add_term_and_validation(client, login_as, admin):
    login_as(admin)
    page = _text(client.post("/admin/vocabularies/sector",
                             data={"key": "Bad Key!", "label": "Textiles"}))
    assert "Use lower-case letters, digits and _." in page
    response = client.post("/admin/vocabularies/sector",
                           data={"key": "textiles", "label": "Textiles", "description": ""})
    assert response.status_code == 302
    assert services.term("sector", "textiles").label == "Textiles"


def test_rename_retire_and_delete(client, login_as, admin, make_organisation):
    make_organisation(sectors=("wood",))
    login_as(admin)
    wood = services.term("sector", "wood")
    client.post(f"/admin/vocabularies/sector/{wood.id}",
                data={"label": "Wood & furniture", "description": "Renamed"})
    assert wood.label == "Wood & furniture"
    page = _text(client.get(f"/admin/vocabularies/sector/{wood.id}"))
    assert "Used by 1 record." in page and "cannot be deleted" in page
    response = client.post(f"/admin/vocabularies/sector/{wood.id}/delete")
    assert response.status_code == 409 and "Retire it instead" in _text(response)
    client.post(f"/admin/vocabularies/sector/{wood.id}/retire")
    assert wood.is_retired


def test_unknown_vocabulary_or_term_is_404(client, login_as, admin):
    login_as(admin)
    assert client.get("/admin/vocabularies/planets").status_code == 404
    wood = services.term("sector", "wood")
    assert client.get(f"/admin/vocabularies/country/{wood.id}").status_code == 404
