"""Redaction: facilitators of the consultation take personal data out of a comment's text."""

import csv
import io

from sqlalchemy import func, select

from app.audit.models import AuditEvent
from app.core.types import utcnow
from app.privacy.models import Redaction
from app.responses import services as responses
from app.responses.models import Comment, ResponseRevision
from app.responses.validation import CommentInput, ResponseInput
from app.vocab import services as vocab
from tests.forms import rendered_form

PHONE = "+39 333 1234567"


def _comment(participant, round_, body=f"Call Mario Rossi on {PHONE} about units"):
    comment = CommentInput(question_id=round_.questions[0].id, body=body,
                           phases=[vocab.term("credential_phase", "design").id])
    response = responses.save_response(participant, round_, ResponseInput(
        {round_.questions[0].id: "4"}, [comment]), now=utcnow(), expected_version=None,
        submit=True).response
    return response.comments[0]


def _redactions(db):
    return db.session.scalar(select(func.count()).select_from(Redaction))


def test_facilitator_redacts_through_the_form(client, db, login_as, facilitator, participant,
                                              make_round):
    round_ = make_round()
    comment = _comment(participant, round_)
    login_as(facilitator)
    item = f"/manage/{round_.consultation_id}/items/comment/{comment.id}"
    assert "Redact personal data" in client.get(item).get_data(as_text=True)
    form = rendered_form(client.get(f"/manage/comments/{comment.id}/redact"), action="").values()
    form.update(text=PHONE, reason="A phone number")
    assert client.post(f"/manage/comments/{comment.id}/redact", data=form).status_code == 302
    db.session.expire_all()
    assert comment.body == "Call Mario Rossi on [redacted] about units"
    assert all(PHONE not in str(r.snapshot) for r in db.session.scalars(select(ResponseRevision)))
    page = client.get(item).get_data(as_text=True)
    assert PHONE in page and "A phone number" in page  # the original, for facilitators
    text = client.get(f"/manage/{round_.consultation_id}/export/comments.csv").get_data(
        as_text=True)
    assert [r["comment"] for r in csv.DictReader(io.StringIO(text.lstrip("\ufeff")))] == [
        "Call Mario Rossi on [redacted] about units"]
    assert db.session.scalar(select(AuditEvent).where(AuditEvent.verb == "comment.redact"))
    explore = f"/manage/{round_.consultation_id}/explore"
    other = _comment(participant, make_round(consultation=round_.consultation, title="R2"),
                     body="Nothing personal")
    db.session.commit()
    only = client.get(explore + "?redacted=1").get_data(as_text=True)
    assert "Nothing personal" not in only and "[redacted]" in only
    assert "Nothing personal" in client.get(explore).get_data(as_text=True)
    assert other.id


def test_hostile_redactions_are_refused(client, db, login_as, facilitator, participant,
                                        make_round):
    comment = _comment(participant, make_round())
    login_as(facilitator)
    url = f"/manage/comments/{comment.id}/redact"
    form = rendered_form(client.get(url), action="").values()
    for text, reason in (("not in the text", "x"), ("", "x"), (PHONE, ""),
                         ("x" * 10_000, "x"), (PHONE, "y" * 10_000)):
        form.update(text=text, reason=reason)
        assert client.post(url, data=form).status_code == 422
    form.update(text="\x00", reason="x")  # refused before any view (core.input)
    assert client.post(url, data=form).status_code == 400
    assert _redactions(db) == 0 and PHONE in comment.body


def test_other_consultations_facilitators_and_participants_are_refused(
        client, db, login_as, participant, make_user, make_round, make_consultation):
    comment = _comment(participant, make_round())
    other = make_user(roles=("facilitator",))
    make_consultation(title="Theirs", owner=other)
    for person in (other, participant):
        login_as(person)
        url = f"/manage/comments/{comment.id}/redact"
        assert client.get(url).status_code == 403
        assert client.post(url, data={"text": PHONE, "reason": "r"}).status_code == 403
        client.post("/logout")
    login_as(other)
    assert client.get("/manage/comments/999999/redact").status_code == 404
    db.session.expire_all()
    assert _redactions(db) == 0 and PHONE in db.session.get(Comment, comment.id).body
