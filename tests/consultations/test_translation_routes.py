"""Translations pages of facilitators, and participants reading in their language (routes)."""

import pytest
from flask_babel import force_locale, gettext

from app.consultations import content, services
from app.extensions import db
from tests.forms import rendered_form
from tests.privacy.helpers import chose_publication


def _text(response) -> str:
    return response.get_data(as_text=True)


@pytest.fixture
def offered_round(make_round, facilitator):
    """A round in English, offered in Italian and Finnish, with a scale and a choice question."""
    round_ = make_round(questions=("scale", "single"), introduction="Read *this* first")
    services.update_consultation(facilitator, round_.consultation,
                                 offered_languages=["it", "fi"])
    return round_


def _fill_in_italian(form: dict, round_) -> dict:
    """What a facilitator types into the rendered form (field names as the page shows)."""
    italian = {"Round 1": "Primo turno", "Read *this* first": "Leggi *prima* questo",
               "A scale question?": "Una domanda su scala?", "A single question?": "Una scelta?",
               "Yes": "Sì", "No": "No", "Not sure": "Non so",
               "Strongly disagree": "Per niente d'accordo", "Disagree": "In disaccordo",
               "Neither agree nor disagree": "Né d'accordo né in disaccordo",
               "Agree": "D'accordo", "Strongly agree": "Del tutto d'accordo"}
    originals = {}
    for place, item in enumerate([round_, *round_.questions]):
        for field in content.FIELDS[type(item)]:
            value = getattr(item, field)
            if isinstance(value, list):
                originals |= {f"i{place}-{field}-{i}": text for i, text in enumerate(value)}
            elif value:
                originals[f"i{place}-{field}"] = value
    assert set(originals) <= set(form)  # every original text has its field on the page
    return form | {name: italian[text] for name, text in originals.items()}


def test_a_facilitator_translates_a_round_through_the_rendered_form(
        client, login_as, facilitator, offered_round):
    login_as(facilitator)
    page = _text(client.get(f"/manage/rounds/{offered_round.id}/translations?language=it"))
    assert 'lang="en">A scale question?</div>' in page and "Italiano" in page
    form = rendered_form(page, having="versions").values()
    response = client.post(f"/manage/rounds/{offered_round.id}/translations?language=it",
                           data=_fill_in_italian(form, offered_round))
    assert response.status_code == 302, _text(response)
    scale, single = offered_round.questions
    assert offered_round.translations["it"] == {"title": "Primo turno",
                                                "introduction": "Leggi *prima* questo"}
    assert single.translations["it"] == {"prompt": "Una scelta?",
                                         "options": ["Sì", "No", "Non so"]}
    assert scale.translations["it"]["scale_labels"][4] == "Del tutto d'accordo"
    again = _text(client.get(f"/manage/rounds/{offered_round.id}/translations?language=it"))
    assert "Una scelta?" in again  # what was saved is shown for editing
    # the consultation's own page, the same way
    page = _text(client.get(f"/manage/{offered_round.consultation_id}/translations"))
    form = rendered_form(page, having="versions").values() | {"i0-title": "Microcredenziali"}
    client.post(f"/manage/{offered_round.consultation_id}/translations?language=it", data=form)
    assert offered_round.consultation.translations == {"it": {"title": "Microcredenziali"}}


def test_the_round_page_lists_missing_translations_and_still_publishes(
        client, login_as, facilitator, make_round):
    round_ = make_round(questions=("text",), publish=False)
    services.update_consultation(facilitator, round_.consultation, offered_languages=["it"])
    content.save_translations(facilitator, "it", {round_: {"title": "Primo turno"}})
    login_as(facilitator)
    page = _text(client.get(f"/manage/rounds/{round_.id}"))
    listed = page[page.index('id="missing-translation-list"'):].split("</ul>")[0]
    assert "Italiano</span>: Consultation: title; Question 1: question</li>" in listed
    assert "Round: title" not in listed and "Suomi" not in listed  # Finnish is not offered
    published = _text(client.post(f"/manage/rounds/{round_.id}/publish",
                                  follow_redirects=True))
    assert round_.published_at is not None
    assert "Some texts are not translated into Italiano yet" in published


def test_the_settings_form_chooses_the_languages(client, login_as, facilitator,
                                                 make_consultation):
    consultation = make_consultation(owner=facilitator)
    login_as(facilitator)
    page = _text(client.get(f"/manage/{consultation.id}/edit"))
    form = rendered_form(page, having="title").values()
    assert form["original_language"] == "en"
    response = client.post(f"/manage/{consultation.id}/edit",
                           data=form | {"offered_languages": ["it", "en", "bg"]})
    assert response.status_code == 302
    assert consultation.offered_languages == ["it", "bg"]
    response = client.post(f"/manage/{consultation.id}/edit",
                           data=form | {"original_language": "tlh"})
    assert response.status_code == 200 and "Not a valid choice" in _text(response)
    assert consultation.original_language == "en"


def test_another_facilitators_consultation_is_refused(client, login_as, make_user,
                                                      offered_round):
    login_as(make_user(roles=("facilitator",)))
    for path in (f"/manage/rounds/{offered_round.id}/translations?language=it",
                 f"/manage/{offered_round.consultation_id}/translations?language=it"):
        assert client.get(path).status_code == 403
        assert client.post(path, data={"i0-title": "Rubato"}).status_code == 403
    assert offered_round.translations == {} and offered_round.consultation.translations == {}


def test_an_unknown_language_is_not_found(client, login_as, facilitator, offered_round):
    login_as(facilitator)
    for language in ("en", "xx", "it%00"):
        path = f"/manage/rounds/{offered_round.id}/translations?language={language}"
        assert client.get(path).status_code in (400, 404)


@pytest.mark.parametrize("field, text, message", [
    ("i0-title", "x" * 10_000, "Field cannot be longer than 200 characters."),
    ("i0-introduction", "- " * 600 + "x", "levels deep"),
    ("i0-introduction", "[" * 5_000, "brackets"),
    ("i1-scale_labels-0", "Solo una", "Translate all the scale labels"),
])
def test_hostile_input_is_refused_with_a_message_and_nothing_is_lost(
        client, login_as, facilitator, offered_round, field, text, message):
    content.save_translations(facilitator, "it", {offered_round: {"title": "Primo turno"}})
    db.session.commit()
    login_as(facilitator)
    path = f"/manage/rounds/{offered_round.id}/translations?language=it"
    form = rendered_form(_text(client.get(path)), having="versions").values()
    typed = form | {field: text, "i2-prompt": "Una scelta?"}
    response = client.post(path, data=typed)
    page = _text(response)
    assert response.status_code == 200 and message in page
    assert "Una scelta?" in page  # what was typed is still in the form
    db.session.expire_all()
    assert offered_round.translations == {"it": {"title": "Primo turno"}}
    assert offered_round.questions[1].translations == {}


def test_control_characters_are_refused_before_any_view(client, login_as, facilitator,
                                                        offered_round):
    login_as(facilitator)
    path = f"/manage/rounds/{offered_round.id}/translations?language=it"
    form = rendered_form(_text(client.get(path)), having="versions").values()
    response = client.post(path, data=form | {"i0-title": "Primo\x00turno"})
    assert response.status_code == 400 and "control character" in _text(response)
    assert offered_round.translations == {}


def test_markup_in_a_translation_is_shown_as_text(client, login_as, facilitator, participant,
                                                  offered_round):
    content.save_translations(facilitator, "it", {
        offered_round.questions[0]: {"prompt": "<script>alert(1)</script> Scala?"},
        offered_round: {"introduction": "Ciao <img src=x onerror=alert(1)>"}})
    participant.preferred_language = "it"
    chose_publication(offered_round, participant)
    db.session.commit()
    login_as(participant)
    page = _text(client.get(f"/rounds/{offered_round.id}"))
    assert "&lt;script&gt;alert(1)&lt;/script&gt; Scala?" in page
    assert "<script>alert(1)" not in page and "onerror" not in page


def _italian_round(facilitator, round_) -> None:
    scale, single = round_.questions
    content.save_translations(facilitator, "it", {
        round_.consultation: {"title": "Microcredenziali"},
        round_: {"title": "Primo turno", "introduction": "Leggi *prima* questo"},
        scale: {"prompt": "Una domanda su scala?", "scale_labels": [
            "Per niente", "No", "Né sì né no", "Sì", "Del tutto"]},
        single: {"prompt": "Una scelta?", "options": ["Sì", "No", "Non so"]}})


def test_a_participant_reading_italian_sees_italian_everywhere(
        client, login_as, facilitator, participant, offered_round, outbox):
    _italian_round(facilitator, offered_round)
    participant.preferred_language = "it"
    chose_publication(offered_round, participant)
    db.session.commit()
    login_as(participant)
    scale, single = offered_round.questions
    page = _text(client.get(f"/rounds/{offered_round.id}"))
    assert "Primo turno" in page and "<em>prima</em>" in page and "Microcredenziali" in page
    assert "Una domanda su scala?" in page and "5 – Del tutto" in page and ">Non so<" in page
    assert "A scale question?" not in page and 'id="translation-note"' not in page
    client.post(f"/rounds/{offered_round.id}", data={
        "version": 0, "action": "submit", f"q-{scale.id}": "5", f"q-{single.id}": "2",
        f"comments-{scale.id}": "new", f"comments-{single.id}": "new"})
    confirm = _text(client.get(f"/rounds/{offered_round.id}/confirm"))
    assert "Una scelta?" in confirm and "5 – Del tutto" in confirm and "Non so" in confirm
    response = rendered_form(confirm, having="version").values()
    client.post(f"/rounds/{offered_round.id}/confirm", data=response)
    assert outbox()[-1]["Subject"].endswith("Primo turno")
    receipt = outbox()[-1].get_body(("plain",)).get_content()
    assert "Primo turno" in receipt and "Una scelta?" in receipt and "Non so" in receipt
    assert "A single question?" not in receipt


def test_a_participant_reading_finnish_sees_the_original_with_a_note(
        client, login_as, facilitator, participant, offered_round):
    _italian_round(facilitator, offered_round)
    participant.preferred_language = "fi"
    chose_publication(offered_round, participant)
    db.session.commit()
    login_as(participant)
    page = _text(client.get(f"/rounds/{offered_round.id}"))
    with force_locale("fi"):
        note = gettext("Not available in %(language)s; shown in %(original)s.",
                       language="Suomi", original="English")
    assert f'<p class="notice" id="translation-note">{note}</p>' in page
    assert '<span lang="en">A scale question?</span>' in page
    assert '<span lang="en">Strongly agree</span>' in page
    assert '<div class="markdown" lang="en">' in page and "Primo turno" not in page


def test_a_facilitator_reading_italian_reads_responses_in_the_original(
        client, login_as, facilitator, participant, offered_round):
    from app.core.types import utcnow
    from app.responses import services as responses
    from app.responses.validation import ResponseInput

    _italian_round(facilitator, offered_round)
    scale, single = offered_round.questions
    responses.save_response(participant, offered_round,
                            ResponseInput({scale.id: "5", single.id: "2"}, []),
                            now=utcnow(), expected_version=None, submit=True)
    facilitator.preferred_language = "it"
    db.session.commit()
    login_as(facilitator)
    page = _text(client.get(f"/manage/rounds/{offered_round.id}/responses/1"))
    assert "A scale question?" in page and "5 – Strongly agree" in page and "Not sure" in page
    assert "Del tutto" not in page and "Non so" not in page


def test_invitations_name_the_round_in_each_recipients_language(
        facilitator, make_user, make_organisation, offered_round, outbox):
    from app.consultations import audience

    _italian_round(facilitator, offered_round)
    organisation = make_organisation(country="IT")
    italian = make_user(organisations=[organisation], preferred_language="it")
    finnish = make_user(organisations=[organisation], preferred_language="fi")
    audience.invite_audience(facilitator, offered_round)
    db.session.commit()
    letters = {message["To"]: message for message in outbox()}
    assert "Primo turno" in letters[italian.email]["Subject"]
    assert "Microcredenziali" in letters[italian.email].get_body(("plain",)).get_content()
    assert "Round 1" in letters[finnish.email]["Subject"]
