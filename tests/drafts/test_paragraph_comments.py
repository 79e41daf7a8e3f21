"""Paragraph comments are part of the response: they submit, the review page lists them
with their paragraph, and their author changes or deletes them until the round closes."""

from datetime import timedelta

from sqlalchemy import select

from app.core.types import utcnow
from app.drafts import dispositions
from app.extensions import db
from app.responses import services as responses
from app.responses.models import Comment, Response
from app.responses.validation import CommentInput, ResponseInput
from app.vocab import services as vocab
from tests.forms import rendered_form


def _comment_through_the_page(client, round_, paragraph, body="Say which employers."):
    path = f"/rounds/{round_.id}/paragraphs/{paragraph.id}"
    form = rendered_form(client.get(path), having="body")
    design = vocab.term("credential_phase", "design").id
    form.set("body", body).set("quote", "Employers").set("phases", [design])
    return client.post(path, data=form.data(), follow_redirects=True)


def _submit(client, round_):
    page = client.get(f"/rounds/{round_.id}/confirm")
    return client.post(f"/rounds/{round_.id}/confirm", data=rendered_form(page, action="").data(),
                       follow_redirects=True)


def _comments() -> list[tuple]:
    return db.session.execute(select(Comment.id, Comment.body, Comment.block_id)
                              .order_by(Comment.id)).all()


def test_paragraph_comments_submit_and_count(client, login_as, participant, document,
                                             presented):
    round_, version = presented
    login_as(participant)
    saved = _comment_through_the_page(client, round_, version.blocks[1])
    assert "Submit your response for it to count." in saved.get_data(as_text=True)
    review = client.get(f"/rounds/{round_.id}/confirm").get_data(as_text=True)
    assert "Your comments on paragraphs" in review
    assert "On Recommendation 1: Employers · version 0.1" in review
    assert "Say which employers." in review
    assert dispositions.progress(document).total == 0
    submitted = _submit(client, round_)
    page = submitted.get_data(as_text=True)
    assert "This comment belongs to another round" not in page
    assert "Your response has been submitted." in page
    response = db.session.scalar(select(Response).where(Response.round_id == round_.id))
    assert response.submitted_at is not None
    assert dispositions.progress(document).total == 1


def test_a_comment_added_after_submission_counts_at_once_as_the_message_says(
        client, login_as, participant, document, presented):
    round_, version = presented
    login_as(participant)
    _comment_through_the_page(client, round_, version.blocks[1])
    _submit(client, round_)
    later = _comment_through_the_page(client, round_, version.blocks[2], "A later thought.")
    assert "Your response is submitted, so it counts at once" in later.get_data(as_text=True)
    assert dispositions.progress(document).total == 2


def test_the_author_changes_and_deletes_a_paragraph_comment_until_the_round_closes(
        client, login_as, participant, document, presented):
    round_, version = presented
    login_as(participant)
    _comment_through_the_page(client, round_, version.blocks[1])
    [(comment_id, _body, _block)] = _comments()
    path = f"/rounds/{round_.id}/paragraph-comments/{comment_id}"
    assert path in client.get(f"/rounds/{round_.id}").get_data(as_text=True)
    form = rendered_form(client.get(path), having="body")
    assert dict(form.data())["body"] == "Say which employers."
    refused = client.post(path, data=form.set("body", "  ").data())
    assert refused.status_code == 422 and "A comment needs text." in refused.get_data(
        as_text=True)
    hostile = "<script>x</script> =HYPERLINK(\"y\") \u202e Перевод 🌍 nul " + "w" * 9_000
    assert client.post(path, data=form.set("body", hostile + "\x00").data()).status_code == 400
    changed = client.post(path, data=form.set("body", hostile).data(), follow_redirects=True)
    assert "has been changed" in changed.get_data(as_text=True)
    assert _comments()[0][1] == hostile.strip()
    assert "<script>x" not in changed.get_data(as_text=True)

    round_.closes_at = utcnow() - timedelta(minutes=1)
    db.session.commit()
    closed = client.post(path, data=form.set("body", "Too late").data(), follow_redirects=True)
    assert _comments()[0][1] == hostile.strip()
    assert "Too late" not in [c[1] for c in _comments()]
    assert closed.status_code == 200
    client.post(f"{path}/delete")
    assert len(_comments()) == 1

    round_.closes_at = utcnow() + timedelta(days=1)
    db.session.commit()
    deleted = client.post(f"{path}/delete", data=rendered_form(
        client.get(path), action=f"{path}/delete").data(), follow_redirects=True)
    assert "has been deleted" in deleted.get_data(as_text=True) and _comments() == []


def test_comments_of_others_cannot_be_changed_or_deleted(client, login_as, participant,
                                                         make_user, make_organisation,
                                                         document, presented, make_round):
    round_, version = presented
    login_as(participant)
    _comment_through_the_page(client, round_, version.blocks[1])
    client.post("/logout")
    [(mine, _body, _block)] = _comments()
    other_round = make_round(consultation=document.consultations[0], questions=("text",),
                             title="Round 2", document_version_id=version.id)
    phase = vocab.term("credential_phase", "design").id
    question_comment = responses.save_response(participant, round_, ResponseInput(
        {}, [CommentInput(question_id=round_.questions[0].id, body="On a question",
                          phases=[phase])]), now=utcnow(), expected_version=None).response.comments
    question_id = [c.id for c in question_comment if c.block_id is None][0]
    db.session.commit()
    before = _comments()
    stranger = make_user(organisations=[make_organisation(name="Other Org")])
    login_as(stranger)
    for path in (f"/rounds/{round_.id}/paragraph-comments/{mine}",
                 f"/rounds/{other_round.id}/paragraph-comments/{mine}"):
        assert client.get(path).status_code == 404
        assert client.post(path, data={"body": "Mine now", "phases": [phase]}).status_code \
            == 404
        assert client.post(f"{path}/delete").status_code == 404
    client.post("/logout")
    login_as(participant)
    for path in (f"/rounds/{other_round.id}/paragraph-comments/{mine}",
                 f"/rounds/{round_.id}/paragraph-comments/{question_id}",
                 f"/rounds/{round_.id}/paragraph-comments/999999"):
        assert client.post(f"{path}/delete").status_code == 404
    assert _comments() == before
