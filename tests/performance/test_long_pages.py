"""288 long comments: the disposition matrix and the history page stay small (pages, not all).

Sizes and statement counts only; the time these pages take is measured by bench/long_pages.py.
"""

from flask import g
from sqlalchemy import select

from app.benchmarks.counting import count_statements
from app.benchmarks.seed import seed_document
from app.drafts.models import Disposition
from app.extensions import db
from app.responses import services
from app.responses.models import ResponseRevision
from app.responses.validation import CommentInput, ResponseInput
from app.vocab import services as vocab
from tests.conftest import PASSWORD

LIMIT = 2 * 1024 * 1024


def _long_response(make_round, participant, facilitator, comments: int, revisions: int):
    round_ = make_round(questions=("text",))
    question = round_.questions[0]
    design = vocab.term("credential_phase", "design").id
    notes = [CommentInput(question_id=question.id, phases=[design],
                          body=f"Comment {n} " + "long text " * 990,
                          proposed_change="change " * 700) for n in range(comments)]
    response = services.save_response(participant, round_, ResponseInput({}, notes),
                                      now=round_.opens_at, expected_version=None, submit=True,
                                      organisation=participant.organisations[0]).response
    first = response.revisions[0]
    for number in range(2, revisions + 1):  # saved again and again: one snapshot each
        db.session.add(ResponseRevision(response_id=response.id, number=number, kind="draft",
                                        snapshot=first.snapshot, saved_by_id=participant.id))
    version = seed_document(facilitator, round_.consultation, recommendations=60)
    for disposition in db.session.scalars(select(Disposition)):
        disposition.reason = "Because " + "reason " * 280
    db.session.commit()
    return round_, version.document


def _sign_in(client, email):
    client.post("/logout")
    assert client.post("/login", data={"email": email, "password": PASSWORD}).status_code == 302


def _get(client, path):
    db.session.expire_all()  # each page reads afresh, as in production
    g.pop("_login_user", None)
    with count_statements() as statements:
        response = client.get(path)
    assert response.status_code == 200, path
    return response, len(statements)


def test_matrix_and_history_of_288_long_comments_stay_under_2_mb(
        client, make_round, participant, facilitator):
    emails = facilitator.email, participant.email
    small = _few_comment_counts(client, make_round, participant, facilitator, emails)
    round_, document = _long_response(make_round, participant, facilitator, 288, 10)
    round_id, document_id = round_.id, document.id
    _sign_in(client, emails[0])
    matrix, matrix_statements = _get(client, f"/manage/documents/{document_id}/dispositions")
    assert len(matrix.data) < LIMIT
    assert b"Page 1 of 12" in matrix.data
    last, _count = _get(client, f"/manage/documents/{document_id}/dispositions?page=12")
    assert b'id="comment-' in last.data and len(last.data) < LIMIT
    _sign_in(client, emails[1])
    history, history_statements = _get(client, f"/rounds/{round_id}/history")
    assert len(history.data) < LIMIT
    assert b"Version 10" in history.data and b"Page 1 of 6" in history.data
    older, _count = _get(client, f"/rounds/{round_id}/history?version=1&page=6")
    assert len(older.data) < LIMIT and b"Comment 287 " in older.data
    assert (matrix_statements, history_statements) == small


def _few_comment_counts(client, make_round, participant, facilitator, emails):
    """The statements of both pages for a response of 3 comments saved twice."""
    round_, document = _long_response(make_round, participant, facilitator, 3, 2)
    round_id, document_id = round_.id, document.id
    _sign_in(client, emails[0])
    _page, matrix_statements = _get(client, f"/manage/documents/{document_id}/dispositions")
    _sign_in(client, emails[1])
    _page, history_statements = _get(client, f"/rounds/{round_id}/history")
    return matrix_statements, history_statements
