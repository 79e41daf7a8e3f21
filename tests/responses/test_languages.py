"""The language of comments and free-text answers, chosen on the round page as rendered."""

import re

import pytest
from sqlalchemy import select

from app.core.types import utcnow
from app.extensions import db
from app.responses import services
from app.responses.models import Comment
from app.responses.validation import CommentInput, ResponseInput
from app.vocab import services as vocab
from tests.forms import rendered_form
from tests.privacy.helpers import chose_publication


def _selected(page: str, name: str) -> str | None:
    select_html = re.search(rf'<select id="{re.escape(name)}" name="{re.escape(name)}"[^>]*>'
                            r"(.*?)</select>", page, re.S)
    assert select_html, f"no select {name}"
    chosen = re.search(r'<option value="(\w+)"[^>]*\bselected\b', select_html.group(1))
    return chosen.group(1) if chosen else None


@pytest.fixture
def italian(make_user, make_organisation):
    """A participant whose interface is in Italian."""
    return make_user(email="italian@example.org", preferred_language="it",
                     organisations=[make_organisation(name="Istituto")])


def test_the_round_page_offers_a_labelled_language_per_comment_and_answer(
        client, login_as, italian, make_round):
    round_ = make_round(questions=("text", "scale"))
    text, scale = round_.questions
    chose_publication(round_, italian)
    login_as(italian)
    page = client.get(f"/rounds/{round_.id}").get_data(as_text=True)
    for name in (f"c-{text.id}-new-language", f"c-{scale.id}-new-language",
                 f"q-{text.id}-language"):
        assert f'<label for="{name}">' in page
        assert _selected(page, name) == "it"  # the interface's language
    assert f"q-{scale.id}-language" not in page  # only free text has a language
    assert 'lang="bg">Български</option>' in page


def test_the_language_chosen_on_the_rendered_form_is_saved(client, login_as, italian,
                                                            make_round):
    round_ = make_round(questions=("text",))
    question = round_.questions[0]
    chose_publication(round_, italian)
    login_as(italian)
    form = rendered_form(client.get(f"/rounds/{round_.id}"), having=f"q-{question.id}")
    form.set(f"q-{question.id}", "Servono tutor formati.")
    form.set(f"c-{question.id}-new-body", "Osaamismerkit pitää tunnustaa.")
    form.set(f"c-{question.id}-new-language", "fi")
    response = client.post(f"/rounds/{round_.id}", data=form.data(("action", "save")))
    assert response.status_code == 302
    saved = services.find_response(italian, round_)
    assert [c.language for c in saved.comments] == ["fi"]
    assert saved.answer_for(question.id).language == "it"
    # shown again as chosen; a second comment starts in the interface's language
    page = client.get(f"/rounds/{round_.id}").get_data(as_text=True)
    comment_id = saved.comments[0].id
    assert _selected(page, f"c-{question.id}-{comment_id}-language") == "fi"
    assert _selected(page, f"c-{question.id}-new-language") == "it"
    # changed back through the page: the saved comment's select, as rendered
    form = rendered_form(client.get(f"/rounds/{round_.id}"), having=f"q-{question.id}")
    form.set(f"c-{question.id}-{comment_id}-language", "it")
    form.set(f"q-{question.id}-language", "en")
    client.post(f"/rounds/{round_.id}", data=form.data(("action", "save")))
    db.session.expire_all()
    saved = services.find_response(italian, round_)
    assert saved.comments[0].language == "it" and saved.answer_for(question.id).language == "en"


@pytest.mark.parametrize("hostile", ["klingon", "<script>alert(1)</script>", "IT", " it",
                                     "it\u202e", "=HYPERLINK(\"x\")", "x" * 10_000, ""])
def test_hostile_languages_are_a_message_on_the_form_and_nothing_is_lost(
        client, login_as, participant, make_round, hostile):
    round_ = make_round(questions=("text",))
    question = round_.questions[0]
    chose_publication(round_, participant)
    login_as(participant)
    form = rendered_form(client.get(f"/rounds/{round_.id}"), having=f"q-{question.id}")
    form.set(f"c-{question.id}-new-body", "Kept as typed.")
    form.set(f"c-{question.id}-new-language", hostile)
    response = client.post(f"/rounds/{round_.id}", data=form.data(("action", "save")),
                           follow_redirects=True)
    assert response.status_code < 500
    page = response.get_data(as_text=True)
    saved = services.find_response(participant, round_)
    if hostile == "":  # no choice made: the interface's language
        assert [c.language for c in saved.comments] == ["en"]
        return
    assert "<script>alert(1)</script>" not in page
    if response.status_code == 200:
        assert "Choose one of the offered languages." in page and "Kept as typed." in page
        assert saved.comments == [] and saved.pending["comments"][0]["body"] == "Kept as typed."


def test_the_same_field_twice_takes_the_first(client, login_as, participant, make_round):
    round_ = make_round(questions=("text",))
    question = round_.questions[0]
    chose_publication(round_, participant)
    login_as(participant)
    form = rendered_form(client.get(f"/rounds/{round_.id}"), having=f"q-{question.id}")
    form.set(f"c-{question.id}-new-body", "Twice.")
    form.set(f"c-{question.id}-new-language", ["de", "xx"])
    client.post(f"/rounds/{round_.id}", data=form.data(("action", "save")))
    assert [c.language for c in services.find_response(participant, round_).comments] == ["de"]


def test_another_persons_comment_keeps_its_language(client, login_as, participant, make_user,
                                                     make_organisation, make_round):
    round_ = make_round(questions=("text",))
    question = round_.questions[0]
    other = make_user(organisations=[make_organisation(name="Other org")])
    phase = vocab.term("credential_phase", "design").id
    services.save_response(other, round_, ResponseInput({}, [CommentInput(
        question_id=question.id, body="Theirs.", phases=[phase], language="nl",
        field_prefix=f"c-{question.id}-new-")]), now=utcnow(), expected_version=None)
    theirs = db.session.scalars(select(Comment)).one()
    chose_publication(round_, participant)
    login_as(participant)
    form = rendered_form(client.get(f"/rounds/{round_.id}"), having=f"q-{question.id}")
    data = form.data(("action", "save"))
    data.add(f"comments-{question.id}", str(theirs.id))  # an id of someone else's comment
    data[f"c-{question.id}-{theirs.id}-body"] = "Taken over."
    data[f"c-{question.id}-{theirs.id}-language"] = "bg"
    data[f"c-{question.id}-{theirs.id}-phases"] = str(phase)
    assert client.post(f"/rounds/{round_.id}", data=data).status_code < 500
    db.session.expire_all()
    theirs = db.session.get(Comment, theirs.id)
    assert (theirs.body, theirs.language) == ("Theirs.", "nl")
    assert db.session.scalars(select(Comment).where(Comment.body == "Taken over.")).all() == []
