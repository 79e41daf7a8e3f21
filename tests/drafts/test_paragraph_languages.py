"""The language of a comment on a paragraph, chosen on the paragraph comment page."""

from flask_babel import force_locale, gettext
from sqlalchemy import select

from app.extensions import db
from app.responses.models import Comment
from app.vocab import services as vocab
from tests.forms import rendered_form


def test_a_paragraph_comment_has_the_language_chosen_on_the_page(client, login_as, make_user,
                                                                 make_organisation, presented):
    round_, version = presented
    person = make_user(preferred_language="bg",
                       organisations=[make_organisation(name="BG org", country="BG")])
    login_as(person)
    path = f"/rounds/{round_.id}/paragraphs/{version.blocks[1].id}"
    page = client.get(path).get_data(as_text=True)
    assert '<label for="language">' in page
    form = rendered_form(client.get(path), having="body")
    assert dict((name, value) for name, value, _kind in form.fields)["language"] == "bg"
    design = vocab.term("credential_phase", "design").id
    form.set("body", "Работодателите трябва да участват.").set("phases", [design])
    form.set("language", "xx")
    refused = client.post(path, data=form.data())
    assert refused.status_code in (200, 422)
    with force_locale("bg"):  # the page speaks the person's language
        message = gettext("Choose one of the offered languages.")
    assert message in refused.get_data(as_text=True)
    assert db.session.scalars(select(Comment)).all() == []
    form.set("language", "bg")
    assert client.post(path, data=form.data()).status_code == 302
    comment = db.session.scalars(select(Comment)).one()
    assert comment.language == "bg" and comment.block_id is not None
    edit = f"/rounds/{round_.id}/paragraph-comments/{comment.id}"
    form = rendered_form(client.get(edit), having="body")
    assert dict((name, value) for name, value, _kind in form.fields)["language"] == "bg"
    form.set("language", "en")
    assert client.post(edit, data=form.data()).status_code == 302
    db.session.expire_all()
    assert db.session.get(Comment, comment.id).language == "en"
