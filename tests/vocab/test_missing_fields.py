"""A term posted without its description field is a form error, not a 500."""


def test_vocabulary_term_without_description_is_a_form_error(client, login_as, admin):
    login_as(admin)
    response = client.post("/admin/vocabularies/sector", data={"key": "textiles",
                                                              "label": "Textiles"})
    assert response.status_code == 200
    assert "This field is missing" in response.get_data(as_text=True)
    from app.vocab import services as vocab

    assert vocab.term("sector", "textiles") is None
    term = vocab.term("sector", "wood")
    response = client.post(f"/admin/vocabularies/sector/{term.id}", data={"label": "Timber"})
    assert response.status_code == 200 and term.label != "Timber"
