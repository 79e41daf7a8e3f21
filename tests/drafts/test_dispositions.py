"""Merging comments, deciding dispositions, progress, release and "how your input was used"."""

import pytest

from app.core.errors import DomainError, NotAllowed
from app.core.types import utcnow
from app.drafts import blocks, dispositions, versions
from app.responses import services as responses
from app.responses.validation import CommentInput, ResponseInput
from app.vocab import services as vocab


@pytest.fixture
def commented(document, make_round, participant):
    """Two submitted comments in the document's consultation, by the participant."""
    round_ = make_round(consultation=document.consultations[0], questions=("text",))
    question = round_.questions[0]
    phase = vocab.term("credential_phase", "design").id
    response = responses.save_response(participant, round_, ResponseInput(
        {question.id: "Yes"},
        [CommentInput(question_id=question.id, body="Ask employers.", phases=[phase]),
         CommentInput(question_id=question.id, body="Publish outcomes.", phases=[phase])]),
        now=utcnow(), expected_version=None, submit=True).response
    return response.comments


def test_merge_into_a_new_recommendation_and_decide(facilitator, document, commented):
    design = blocks.tree(document)[0].block
    block = dispositions.merge(facilitator, document, commented, section=design,
                               title="Outcomes", now=utcnow())
    assert block.kind == "recommendation" and block.parent_id == design.id
    assert "> Ask employers." in block.text
    assert [c.id for c, _d in dispositions.linked_comments(block)] == [c.id for c in commented]
    assert dispositions.progress(document).decided == 0
    assert dispositions.progress(document).total == 2
    dispositions.decide(facilitator, document, commented[0], status="accepted", reason="",
                        block=block, expected_version=None, now=utcnow())
    assert dispositions.progress(document).decided == 1
    assert [c.id for c, _d in dispositions.matrix(document, undecided_only=True)] == [
        commented[1].id]


def test_disposition_rules(facilitator, document, commented):
    block = blocks.tree(document)[1].block
    with pytest.raises(DomainError, match="reason"):
        dispositions.decide(facilitator, document, commented[0], status="not_accepted",
                            reason=" ", block=None, expected_version=None, now=utcnow())
    with pytest.raises(DomainError, match="choose it"):
        dispositions.decide(facilitator, document, commented[0], status="accepted",
                            reason="", block=None, expected_version=None, now=utcnow())
    with pytest.raises(DomainError):
        dispositions.decide(facilitator, document, commented[0], status="maybe", reason="",
                            block=block, expected_version=None, now=utcnow())
    first = dispositions.decide(facilitator, document, commented[0], status="noted",
                                reason="Out of scope", block=None, expected_version=None,
                                now=utcnow())
    from app.extensions import db

    db.session.flush()
    stale = first.version
    dispositions.decide(facilitator, document, commented[0], status="deferred", reason="Later",
                        block=None, expected_version=stale, now=utcnow())
    db.session.flush()
    with pytest.raises(Exception, match="Someone else changed"):
        dispositions.decide(facilitator, document, commented[0], status="noted", reason="x",
                            block=None, expected_version=stale, now=utcnow())


def test_only_comments_of_the_documents_consultations(facilitator, document, make_round,
                                                      make_consultation, participant):
    other_round = make_round(consultation=make_consultation(title="Other"), questions=("text",))
    phase = vocab.term("credential_phase", "design").id
    response = responses.save_response(participant, other_round, ResponseInput(
        {}, [CommentInput(question_id=other_round.questions[0].id, body="Elsewhere",
                          phases=[phase])]), now=utcnow(), expected_version=None,
        submit=True).response
    with pytest.raises(NotAllowed):
        dispositions.merge(facilitator, document, response.comments,
                           block=blocks.tree(document)[1].block, now=utcnow())


def test_how_input_was_used(facilitator, document, commented, participant, make_user):
    block = blocks.tree(document)[1].block
    dispositions.decide(facilitator, document, commented[0], status="accepted_modified",
                        reason="Merged with R2", block=block, expected_version=None,
                        now=utcnow())
    assert dispositions.my_comments(participant) == []  # not released yet
    dispositions.release(facilitator, document, utcnow())
    decided, undecided = dispositions.my_comments(participant)
    assert (decided.comment.id, decided.disposition.status, decided.document.id) == (
        commented[0].id, "accepted_modified", document.id)
    assert (undecided.comment.id, undecided.is_decided) == (commented[1].id, False)
    assert dispositions.my_comments(make_user()) == []


def test_paragraph_comments_stay_attached_across_versions(facilitator, document, make_round,
                                                           participant):
    version = versions.save_version(facilitator, document, number="0.1")
    round_ = make_round(consultation=document.consultations[0], questions=("text",),
                        document_version_id=version.id)
    paragraph = version.blocks[1]
    phase = vocab.term("credential_phase", "design").id
    comment = responses.comment_on_block(
        participant, round_, CommentInput(question_id=0, body="Say which employers.",
                                          phases=[phase]),
        block_id=paragraph.block_id, document_version_id=version.id, quote="Employers",
        now=utcnow())
    assert (comment.block_id, comment.document_version.number) == (paragraph.block_id, "0.1")
    block = blocks.get_block(paragraph.block_id)
    blocks.update_block(facilitator, block, expected_version=None, base_text="",
                        title=block.title, text="Sector employers co-design outcomes.",
                        now=utcnow())
    later = versions.save_version(facilitator, document, number="0.2")
    assert any(b.block_id == comment.block_id for b in later.blocks)
    with pytest.raises(Exception, match="credential phase"):
        responses.comment_on_block(participant, round_, CommentInput(question_id=0, body="x"),
                                   block_id=paragraph.block_id, document_version_id=version.id,
                                   quote="", now=utcnow())
    with pytest.raises(responses.RoundClosed):
        responses.comment_on_block(
            participant, round_, CommentInput(question_id=0, body="late", phases=[phase]),
            block_id=paragraph.block_id, document_version_id=version.id, quote="",
            now=round_.closes_at)
