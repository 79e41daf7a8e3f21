"""Decisions belong to a document: two documents on one consultation decide on their own,
only submitted comments of the document's consultations can be decided or merged, and
"how your input was used" lists every comment per document."""

import pytest
from sqlalchemy import func, select

from app.core.errors import NotAllowed
from app.core.types import utcnow
from app.drafts import blocks, dispositions, versions
from app.drafts.models import Disposition
from app.extensions import db
from app.responses import services as responses
from app.responses.validation import CommentInput, ResponseInput
from app.vocab import services as vocab
from tests.forms import rendered_form

HOSTILE_REASONS = ["<script>alert(1)</script> =HYPERLINK(\"http://x\")",
                   "\u202eevil\u202c Перевод ja käännös 🌍", "a" * 4_000, "nul\x00byte"]


def _phase() -> int:
    return vocab.term("credential_phase", "design").id


def _answer(person, round_, *bodies, submit=True):
    question = round_.questions[0]
    return responses.save_response(person, round_, ResponseInput(
        {}, [CommentInput(question_id=question.id, body=body, phases=[_phase()])
             for body in bodies]), now=utcnow(), expected_version=None, submit=submit).response


@pytest.fixture
def round_(document, make_round):
    return make_round(consultation=document.consultations[0], questions=("text",))


@pytest.fixture
def comments(round_, participant):
    return _answer(participant, round_, "Ask employers.", "Publish outcomes.").comments


@pytest.fixture
def second(facilitator, document):
    """A second document on the same consultation (next year's edition)."""
    doc = blocks.create_document(facilitator, title="Next edition",
                                 consultations=list(document.consultations))
    blocks.add_block(facilitator, doc, kind="recommendation", title="Only one",
                     text="One text.", now=utcnow())
    return doc


@pytest.fixture
def foreign(make_user, make_consultation, make_round, participant):
    """A submitted comment of another facilitator's consultation."""
    other = make_user(roles=("facilitator",))
    elsewhere = make_round(consultation=make_consultation(title="Other", owner=other),
                           questions=("text",))
    return _answer(participant, elsewhere, "Somewhere else.").comments[0]


@pytest.fixture
def unsubmitted(round_, make_user, make_organisation):
    person = make_user(organisations=[make_organisation(name="Draft Org")])
    return _answer(person, round_, "Only a draft.", submit=False).comments[0]


def _rows() -> list[tuple]:
    return db.session.execute(select(Disposition.document_id, Disposition.comment_id,
                                     Disposition.status, Disposition.reason,
                                     Disposition.block_id).order_by(Disposition.id)).all()


def _decide(actor, document, comment, status="noted", reason="Seen", block=None):
    return dispositions.decide(actor, document, comment, status=status, reason=reason,
                               block=block, expected_version=None, now=utcnow())


def test_two_documents_decide_the_same_comment_differently(facilitator, document, second,
                                                           comments):
    assert dispositions.progress(second).decided == 0
    target = blocks.tree(document)[1].block
    _decide(facilitator, document, comments[0], "accepted", "", target)
    assert (dispositions.progress(document).decided, dispositions.progress(second).decided) \
        == (1, 0)
    _decide(facilitator, second, comments[0], "not_accepted", "Not for this edition")
    statuses = {doc.id: {c.id: d.status if d else None
                         for c, d in dispositions.matrix(doc)} for doc in (document, second)}
    assert statuses[document.id][comments[0].id] == "accepted"
    assert statuses[second.id][comments[0].id] == "not_accepted"
    assert [c.id for c, _d in dispositions.linked_comments(target)] == [comments[0].id]
    assert dispositions.progress(document).total == dispositions.progress(second).total == 2


def test_merge_is_per_document(facilitator, document, second, comments):
    design = blocks.tree(document)[0].block
    dispositions.merge(facilitator, document, comments, section=design, now=utcnow())
    assert {(d, c) for d, c, *_rest in _rows()} == {(document.id, c.id) for c in comments}
    [(_c, undecided)] = [row for row in dispositions.matrix(second)
                         if row[0].id == comments[0].id]
    assert undecided is None


@pytest.mark.parametrize("which", ["foreign", "unsubmitted"])
def test_deciding_or_merging_a_comment_outside_the_document_is_refused(
        request, facilitator, document, comments, which):
    comment = request.getfixturevalue(which)
    before = _rows()
    with pytest.raises(NotAllowed):
        _decide(facilitator, document, comment)
    with pytest.raises(NotAllowed):
        dispositions.merge(facilitator, document, [comments[0], comment],
                           block=blocks.tree(document)[1].block, now=utcnow())
    db.session.flush()
    assert _rows() == before


def test_how_input_was_used_lists_every_comment_per_document(facilitator, document, second,
                                                             comments, participant,
                                                             make_user):
    target = blocks.tree(document)[1].block
    _decide(facilitator, document, comments[0], "accepted_modified", "Merged with R1", target)
    _decide(facilitator, second, comments[0], "deferred", "Next year")
    assert dispositions.my_comments(participant) == []  # nothing released
    first = versions.save_version(facilitator, document, number="0.1")
    dispositions.release(facilitator, document, utcnow())
    entries = dispositions.my_comments(participant)
    assert [(e.document.id, e.comment.id, e.is_decided) for e in entries] == [
        (document.id, comments[0].id, True), (document.id, comments[1].id, False)]
    assert entries[0].disposition.reason == "Merged with R1"  # never the second document's
    assert entries[0].decided_in == first and entries[0].current == first

    dispositions.release(facilitator, second, utcnow())
    entries = dispositions.my_comments(participant)
    assert sorted((e.document.id, e.comment.id, e.disposition.status if e.disposition else None)
                  for e in entries) == sorted([
        (document.id, comments[0].id, "accepted_modified"), (document.id, comments[1].id, None),
        (second.id, comments[0].id, "deferred"), (second.id, comments[1].id, None)])
    assert dispositions.my_comments(make_user()) == []


def test_the_page_shows_each_documents_decision_and_undecided_ones(
        client, login_as, facilitator, document, second, comments, participant, make_round):
    target = blocks.tree(document)[1].block
    _decide(facilitator, document, comments[0], "accepted", "", target)
    first = versions.save_version(facilitator, document, number="0.1")
    _decide(facilitator, second, comments[0], "not_accepted", "Second document's reason")
    dispositions.release(facilitator, document, utcnow())
    db.session.commit()
    login_as(participant)
    page = client.get("/my/input").get_data(as_text=True)
    assert page.count("Ask employers.") == 1 and "Not decided yet" in page
    assert "Second document&#39;s reason" not in page and "Next edition" not in page
    # a draft version stays with the working group: named, not linked, until it is published
    # or a round presents it
    assert f"/documents/versions/{first.id}" not in page
    assert "Decided in version 0.1:" in page and "not published" in page
    round_ = make_round(consultation=document.consultations[0], title="Review of 0.1")
    round_.document_version_id = first.id
    db.session.commit()
    page = client.get("/my/input").get_data(as_text=True)
    assert f"/documents/versions/{first.id}#block-{target.id}" in page


def test_undecided_comments_warn_but_do_not_block(client, login_as, facilitator, document,
                                                  comments):
    login_as(facilitator)
    matrix_link = f"/manage/documents/{document.id}/dispositions?undecided=1"
    editor = client.get(f"/manage/documents/{document.id}").get_data(as_text=True)
    assert "2 comments are not decided yet." in editor and matrix_link in editor
    form = rendered_form(client.get(f"/manage/documents/{document.id}"),
                         action=f"/manage/documents/{document.id}/versions")
    form.set("number", "0.1")
    saved = client.post(form.action, data=form.data(), follow_redirects=True)
    page = saved.get_data(as_text=True)
    assert "Version 0.1 has been saved." in page
    assert "2 comments are not decided yet: see the undecided comments" in page
    export = client.get(f"/manage/documents/{document.id}/export").get_data(as_text=True)
    assert "2 comments are not decided yet." in export and matrix_link in export
    for comment in comments:
        _decide(facilitator, document, comment)
    db.session.commit()
    assert "not decided yet" not in client.get(
        f"/manage/documents/{document.id}/export").get_data(as_text=True)


def test_deciding_through_the_rendered_table(client, login_as, facilitator, document,
                                             comments):
    login_as(facilitator)
    path = f"/manage/documents/{document.id}/dispositions/{comments[0].id}"
    target = blocks.tree(document)[1].block
    form = rendered_form(client.get(f"/manage/documents/{document.id}/dispositions"),
                         action=path)
    form.set("status", "accepted_modified")
    refused = client.post(path, data=form.data())
    assert refused.status_code == 422
    assert "Give a reason" in refused.get_data(as_text=True)
    again = rendered_form(refused, action=path)
    assert dict(again.data())["status"] == "accepted_modified"
    again.set("reason", "Reworded").set("block", target.id)
    assert client.post(path, data=again.data()).status_code == 302
    assert _rows() == [(document.id, comments[0].id, "accepted_modified", "Reworded",
                        target.id)]


@pytest.mark.parametrize("reason", HOSTILE_REASONS)
def test_hostile_reasons(client, login_as, facilitator, document, comments, reason):
    login_as(facilitator)
    path = f"/manage/documents/{document.id}/dispositions/{comments[0].id}"
    form = rendered_form(client.get(f"/manage/documents/{document.id}/dispositions"),
                         action=path)
    form.set("status", "not_accepted").set("reason", reason)
    if "\x00" in reason:  # refused at the door (core.input), nothing stored
        assert client.post(path, data=form.data()).status_code == 400 and _rows() == []
        return
    assert client.post(path, data=form.data()).status_code == 302
    [(_d, _c, status, stored, _b)] = _rows()
    assert (status, stored) == ("not_accepted", reason.replace("\x00", ""))
    page = client.get(f"/manage/documents/{document.id}/dispositions").get_data(as_text=True)
    assert "<script>alert" not in page


def test_too_long_a_reason_keeps_what_was_typed(client, login_as, facilitator, document,
                                                comments):
    login_as(facilitator)
    path = f"/manage/documents/{document.id}/dispositions/{comments[0].id}"
    refused = client.post(path, data={"status": "noted", "reason": "w" * 6_000})
    assert refused.status_code == 422 and "the limit is 5000" in refused.get_data(as_text=True)
    assert "w" * 6_000 in refused.get_data(as_text=True) and _rows() == []


@pytest.mark.parametrize("field", ["block", "version"])
def test_a_block_or_version_that_is_no_number_is_a_message(client, login_as, facilitator,
                                                           document, comments, field):
    login_as(facilitator)
    path = f"/manage/documents/{document.id}/dispositions/{comments[0].id}"
    form = rendered_form(client.get(f"/manage/documents/{document.id}/dispositions"),
                         action=path)
    form.set("status", "noted").set("reason", "Seen")
    data = form.data()
    data[field] = str(2**40)  # the row renders no version before the first decision
    refused = client.post(path, data=data)
    assert refused.status_code == 422 and _rows() == []
    assert f"Comment {comments[0].id}: " in refused.get_data(as_text=True)
    assert "Not a valid integer value." in refused.get_data(as_text=True)


def test_routes_refuse_comments_and_blocks_of_others(client, login_as, facilitator, document,
                                                     second, comments, foreign, unsubmitted):
    login_as(facilitator)
    before = _rows()
    base = f"/manage/documents/{document.id}/dispositions"
    for comment in (foreign, unsubmitted):  # ids in the URL
        response = client.post(f"{base}/{comment.id}", data={"status": "noted",
                                                             "reason": "x"})
        assert response.status_code == 404
    other_block = blocks.tree(second)[0].block  # an id in the POST body
    response = client.post(f"{base}/{comments[0].id}", data={
        "status": "accepted", "reason": "", "block": other_block.id})
    assert response.status_code == 403
    design = blocks.tree(document)[0].block
    for comment in (foreign, unsubmitted):
        response = client.post("/manage/documents/merge", data={
            "item": [f"comment:{comments[0].id}", f"comment:{comment.id}"],
            "target": f"section:{design.id}"})
        assert response.status_code == 403
    response = client.post("/manage/documents/merge", data={
        "item": [f"comment:{comments[0].id}", "comment:999999"],
        "target": f"block:{design.id}"})
    assert response.status_code == 404
    assert _rows() == before
    assert db.session.scalar(select(func.count()).select_from(blocks.Block).where(
        blocks.Block.document_id == document.id)) == 5


def test_another_facilitator_cannot_decide_in_my_document(client, login_as, make_user,
                                                          document, comments):
    other = make_user(roles=("facilitator",))
    login_as(other)
    response = client.post(f"/manage/documents/{document.id}/dispositions/{comments[0].id}",
                           data={"status": "noted", "reason": "x"})
    assert response.status_code == 403 and _rows() == []


def test_the_current_version_is_the_newest_the_person_may_read(
        client, login_as, facilitator, document, comments, participant, make_round):
    target = blocks.tree(document)[1].block
    _decide(facilitator, document, comments[0], "accepted", "", target)
    presented = versions.save_version(facilitator, document, number="0.1")
    round_ = make_round(consultation=document.consultations[0], title="Review of 0.1")
    round_.document_version_id = presented.id
    dispositions.release(facilitator, document, utcnow())
    draft = versions.save_version(facilitator, document, number="0.2")  # the group's draft
    db.session.commit()
    login_as(participant)
    page = client.get("/my/input").get_data(as_text=True)
    assert f"/documents/versions/{presented.id}#block-{target.id}" in page
    assert "Version 0.1 is also the current version." in page
    assert "0.2" not in page and f"/documents/versions/{draft.id}" not in page
