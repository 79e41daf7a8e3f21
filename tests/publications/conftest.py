"""A document owned by a working group (a chair, a member), with a participant's comments."""

import pytest

from app.core.types import utcnow
from app.drafts import blocks, dispositions, versions
from app.groups import services as groups
from app.responses import services as responses
from app.responses.validation import CommentInput, ResponseInput
from app.vocab import services as vocab


@pytest.fixture
def group(facilitator):
    return groups.save_group(facilitator, name="Policy working group",
                             level=vocab.term("governance_level", "eu"))


@pytest.fixture
def chair(make_user, facilitator, group):
    person = make_user(email="chair@example.org", name="Chiara Chair")
    groups.set_member(facilitator, group, person, "chair")
    return person


@pytest.fixture
def member(make_user, facilitator, group):
    person = make_user(email="member@example.org", name="Mila Member")
    groups.set_member(facilitator, group, person, "member")
    return person


@pytest.fixture
def other_facilitator(make_user, make_consultation):
    """A facilitator who runs another consultation."""
    person = make_user(email="fac2@example.org", name="Otto Other", roles=("facilitator",))
    make_consultation(title="Another consultation", owner=person)
    return person


@pytest.fixture
def document(facilitator, make_consultation, group, chair, member):
    """Two recommendations in one section, owned by the group."""
    doc = blocks.create_document(facilitator, title="Joint recommendations",
                                 consultations=[make_consultation()], working_group=group)
    now = utcnow()
    section = blocks.add_block(facilitator, doc, kind="section", title="Design", now=now)
    blocks.add_block(facilitator, doc, kind="recommendation", parent=section,
                     title="Employers", text="Employers co-design learning outcomes.", now=now)
    blocks.add_block(facilitator, doc, kind="recommendation", parent=section,
                     title="Workload", text="Units start at 25 hours.", now=now)
    return doc


@pytest.fixture
def comments(document, make_round, participant):
    """Two submitted comments of the participant in the document's consultation."""
    round_ = make_round(consultation=document.consultations[0], questions=("text",))
    question = round_.questions[0]
    phase = vocab.term("credential_phase", "design").id
    response = responses.save_response(participant, round_, ResponseInput(
        {}, [CommentInput(question_id=question.id, body="Ask employers.", phases=[phase]),
             CommentInput(question_id=question.id, body="=HYPERLINK(\"http://x\")",
                          phases=[phase])]),
        now=utcnow(), expected_version=None, submit=True).response
    return response.comments


@pytest.fixture
def version(facilitator, document, comments):
    """Version 1.0, one of the two comments decided."""
    block = blocks.tree(document)[1].block
    dispositions.decide(facilitator, document, comments[0], status="accepted", reason="",
                        block=block, expected_version=None, now=utcnow())
    return versions.save_version(facilitator, document, number="1.0", label="Final text")
