"""Drafting pages: permissions, editing with conflicts, versions, dispositions, participants."""

import pytest

from app.core.types import utcnow
from app.drafts import blocks, dispositions, versions
from app.extensions import db
from app.responses import services as responses
from app.responses.validation import CommentInput, ResponseInput
from app.vocab import services as vocab
from tests.privacy.helpers import chose_publication


def _text(response) -> str:
    return response.get_data(as_text=True)


def test_editors_only(client, login_as, document, stakeholder, make_user):
    block = blocks.tree(document)[1].block
    paths = ["/manage/documents/", f"/manage/documents/{document.id}",
             f"/manage/documents/blocks/{block.id}",
             f"/manage/documents/{document.id}/dispositions"]
    login_as(stakeholder)
    for path in paths:
        assert client.get(path).status_code == 403, path
    client.post("/logout")
    login_as(make_user(roles=("facilitator",)))
    for path in paths[1:]:
        assert client.get(path).status_code == 403, path
    assert "Policy recommendations" not in _text(client.get("/manage/documents/"))


def test_editor_shows_the_numbered_tree(client, login_as, facilitator, document):
    login_as(facilitator)
    page = _text(client.get(f"/manage/documents/{document.id}"))
    for heading in ("1 Design", "Recommendation 1: Employers", "Recommendation 2: Workload",
                    "2 Portability", "Recommendation 3: Wallets"):
        assert heading in page


def test_create_document_and_add_blocks(client, login_as, facilitator, make_consultation):
    consultation = make_consultation()
    login_as(facilitator)
    response = client.post("/manage/documents/new", data={
        "title": "New policy", "consultations": [consultation.id], "language": "en",
        "licence": "CC BY 4.0"})
    assert response.status_code == 302
    document_id = int(response.headers["Location"].rsplit("/", 1)[1])
    client.post(f"/manage/documents/{document_id}/blocks/new?kind=section",
                data={"title": "Delivery", "text": "", "time_horizon": ""})
    section = blocks.tree(db.session.get(blocks.PolicyDocument, document_id))[0].block
    client.post(f"/manage/documents/{document_id}/blocks/new?kind=recommendation"
                f"&parent={section.id}", data={
                    "title": "Mentors", "text": "Fund mentor training.", "time_horizon": "short",
                    "phases": [vocab.term("credential_phase", "delivery").id]})
    page = _text(client.get(f"/manage/documents/{document_id}"))
    assert "Recommendation 1: Mentors" in page and "Delivery · short term" in page


def test_conflict_page_shows_three_texts(client, login_as, facilitator, document):
    block = blocks.tree(document)[1].block
    login_as(facilitator)
    seen = block.version
    blocks.update_block(facilitator, block, expected_version=seen, base_text=block.text,
                        title=block.title, text="Their wording.", now=utcnow())
    db.session.commit()
    response = client.post(f"/manage/documents/blocks/{block.id}", data={
        "title": "Employers", "text": "My wording.", "version": seen,
        "base_text": "Employers co-design learning outcomes.", "time_horizon": "",
        "action": "save"})
    page = _text(response)
    assert response.status_code == 409
    for text in ("Employers co-design learning outcomes.", "Their wording.", "My wording."):
        assert text in page
    assert block.text == "Their wording."


def test_preview_does_not_save(client, login_as, facilitator, document):
    block = blocks.tree(document)[1].block
    login_as(facilitator)
    page = _text(client.post(f"/manage/documents/blocks/{block.id}", data={
        "title": "Employers", "text": "**Bold** idea", "version": block.version,
        "base_text": block.text, "time_horizon": "", "action": "preview"}))
    assert "<strong>Bold</strong> idea" in page and "not saved yet" in page
    assert block.text == "Employers co-design learning outcomes."


def test_versions_and_comparison_pages(client, login_as, facilitator, document):
    login_as(facilitator)
    client.post(f"/manage/documents/{document.id}/versions", data={"number": "0.1",
                                                                  "label": "First"})
    block = blocks.tree(document)[2].block
    blocks.update_block(facilitator, block, expected_version=None, base_text="",
                        title=block.title, text="Units start at 30 hours.", now=utcnow())
    db.session.commit()
    client.post(f"/manage/documents/{document.id}/versions", data={"number": "0.2"})
    db.session.expire(document)
    old, new = document.versions
    page = _text(client.get(f"/manage/documents/{document.id}/compare?old={old.id}"
                            f"&new={new.id}"))
    assert "<del><span class=\"visually-hidden\">[deleted:] </span>25</del>" in page
    assert "<ins><span class=\"visually-hidden\">[inserted:] </span>30</ins>" in page
    assert "Changed: 1" in page
    bad = client.post(f"/manage/documents/{document.id}/versions", data={"number": "0.2"},
                      follow_redirects=True)
    assert "exists already" in _text(bad)
    assert "Units start at 25 hours." in _text(client.get(f"/manage/documents/versions/{old.id}"))


@pytest.fixture
def comment(document, make_round, participant):
    round_ = make_round(consultation=document.consultations[0], questions=("text",))
    response = responses.save_response(participant, round_, ResponseInput(
        {}, [CommentInput(question_id=round_.questions[0].id, body="Involve employers.",
                          phases=[vocab.term("credential_phase", "design").id])]),
        now=utcnow(), expected_version=None, submit=True).response
    return response.comments[0]


def test_merge_from_the_explorer_and_decide_in_the_matrix(client, login_as, facilitator,
                                                          document, comment):
    login_as(facilitator)
    consultation_id = document.consultations[0].id
    explorer = _text(client.get(f"/manage/{consultation_id}/explore"))
    assert "Merge the selected comments into" in explorer
    design = blocks.tree(document)[0].block
    response = client.post("/manage/documents/merge", data={
        "item": [f"comment:{comment.id}"], "target": f"section:{design.id}"})
    assert response.status_code == 302
    block_page = _text(client.get(response.headers["Location"]))
    assert "Involve employers." in block_page and "Not decided" in block_page
    matrix = _text(client.get(f"/manage/documents/{document.id}/dispositions"))
    assert "0 of 1 comments decided." in matrix
    new_block_id = int(response.headers["Location"].rsplit("/", 1)[1])
    assert [c.id for c, _d in dispositions.linked_comments(blocks.get_block(new_block_id))] \
        == [comment.id]
    client.post(f"/manage/documents/{document.id}/dispositions/{comment.id}", data={
        "status": "accepted", "reason": "", "block": new_block_id})
    assert "1 of 1 comments decided." in _text(
        client.get(f"/manage/documents/{document.id}/dispositions"))
    refused = client.post(f"/manage/documents/{document.id}/dispositions/{comment.id}",
                          data={"status": "not_accepted", "reason": ""},
                          follow_redirects=True)
    assert "Give a reason" in _text(refused)


def test_participants_see_how_their_input_was_used(client, login_as, facilitator, document,
                                                   comment, participant, make_round):
    block = blocks.tree(document)[1].block
    dispositions.decide(facilitator, document, comment, status="accepted_modified",
                        reason="Reworded in R1", block=block, expected_version=None,
                        now=utcnow())
    version = versions.save_version(facilitator, document, number="0.1")
    login_as(participant)
    assert "No decision on your comments" in _text(client.get("/my/input"))
    assert client.get(f"/documents/versions/{version.id}").status_code == 404
    dispositions.release(facilitator, document, utcnow())
    db.session.commit()
    page = _text(client.get("/my/input"))
    assert "Accepted with modification" in page and "Reworded in R1" in page
    assert f"/documents/versions/{version.id}" not in page  # a draft stays with its editors
    assert client.get(f"/documents/versions/{version.id}").status_code == 404
    round_ = make_round(consultation=document.consultations[0], title="Review")
    round_.document_version_id = version.id
    db.session.commit()
    assert f"/documents/versions/{version.id}#block-{block.id}" in _text(client.get("/my/input"))
    assert "Recommendation 1" in _text(client.get(f"/documents/versions/{version.id}"))


def test_comment_on_a_paragraph_by_link(client, login_as, facilitator, document, make_round,
                                        participant):
    version = versions.save_version(facilitator, document, number="0.2")
    round_ = make_round(consultation=document.consultations[0], questions=("text",),
                        document_version_id=version.id)
    paragraph = version.blocks[1]
    chose_publication(round_, participant)
    login_as(participant)
    page = _text(client.get(f"/rounds/{round_.id}"))
    assert "Policy recommendations, version 0.2" in page and "Comment on this paragraph" in page
    path = f"/rounds/{round_.id}/paragraphs/{paragraph.id}"
    refused = client.post(path, data={"body": "", "quote": "co-design"})
    assert refused.status_code == 422 and "co-design</textarea>" in _text(refused)
    client.post(path, data={"body": "Which employers?", "quote": "Employers",
                            "phases": [vocab.term("credential_phase", "design").id]})
    response = responses.find_response(participant, round_)
    [comment] = [c for c in response.comments if c.block_id]
    assert (comment.block_id, comment.quote) == (paragraph.block_id, "Employers")
    assert "Your comment: Which employers?" in _text(client.get(f"/rounds/{round_.id}"))
    other_version = versions.save_version(facilitator, document, number="0.3")
    assert client.get(f"/rounds/{round_.id}/paragraphs/{other_version.blocks[0].id}") \
        .status_code == 404


def test_document_settings_and_status(client, login_as, facilitator, document):
    login_as(facilitator)
    page = _text(client.get(f"/manage/documents/{document.id}/settings"))
    assert "Document settings" in page and 'value="Policy recommendations"' in page
    response = client.post(f"/manage/documents/{document.id}/settings", data={
        "title": "Recommendations", "status": "in_consultation", "language": "en",
        "consultations": [c.id for c in document.consultations], "licence": "CC BY 4.0",
        "version": document.version})
    assert response.status_code == 302
    assert (document.title, document.status) == ("Recommendations", "in_consultation")


def test_merge_and_decide_refuse_what_the_pages_do_not_send(client, login_as, facilitator,
                                                            document, comment):
    login_as(facilitator)
    nowhere = client.post("/manage/documents/merge", data={
        "item": [f"comment:{comment.id}"], "target": "block:x", "back": "//elsewhere.example/"},
        follow_redirects=True)
    assert "Choose where to merge the comments." in _text(nowhere)
    assert [d for _c, d in dispositions.matrix(document)] == [None]  # nothing merged
    matrix = f"/manage/documents/{document.id}/dispositions"
    answer = client.post(f"{matrix}/{comment.id}", data={
        "status": "accepted", "reason": "", "block": "many", "back": "/\\elsewhere.example"})
    assert answer.status_code == 422  # the table again, with the message and what was typed
    assert f"Comment {comment.id}:" in _text(answer) and "elsewhere.example" not in _text(answer)
    assert [d for _c, d in dispositions.matrix(document)] == [None]
