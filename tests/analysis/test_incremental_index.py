"""A kept index updated for the changed responses equals one built from scratch."""

import random

import numpy as np
from sqlalchemy import select

from app.analysis import changes
from app.analysis import index as item_index
from app.consultations.models import Question, Round
from app.core.types import utcnow
from app.extensions import db
from app.responses.models import Answer, Comment, Response
from app.vocab import services as vocab
from tests.analysis.test_explorer_index import seeded  # noqa: F401  (the fixture)


def _assert_same(updated, built) -> None:
    for name in ("kind", "id", "stamp", "group", "response", "status"):
        np.testing.assert_array_equal(getattr(updated, name), getattr(built, name), name)
    for name in item_index.SIMPLE:
        np.testing.assert_array_equal(updated.columns[name], built.columns[name], name)
    for name in ("tags", "codes"):
        found, expected = getattr(updated, name), getattr(built, name)
        assert set(found) == set(expected), name
        for value in expected:
            np.testing.assert_array_equal(found[value], expected[value], f"{name} {value}")
    assert (item_index.View(updated, {}, None).facets()
            == item_index.View(built, {}, None).facets())


def _submitted(consultation_id):
    return db.session.scalars(
        select(Response).join(Round, Response.round_id == Round.id)
        .where(Round.consultation_id == consultation_id, Response.submitted_at.is_not(None))
        .order_by(Response.id)).all()


def _change_at_random(chance, consultation_id, phases, sectors) -> str:
    responses = _submitted(consultation_id)
    response = chance.choice(responses)
    action = chance.choice(("edit", "tags", "add", "delete", "answer", "withdraw", "resubmit"))
    if action == "edit" and response.comments:
        chance.choice(response.comments).body = f"Edited {chance.random()}"
    elif action == "tags" and response.comments:
        chance.choice(response.comments).terms = [chance.choice(phases), chance.choice(sectors)]
    elif action == "add":
        question = db.session.scalar(select(Question).where(
            Question.round_id == response.round_id).limit(1))
        response.comments.append(Comment(question_id=question.id if question else None,
                                         body=f"New {chance.random()}", author_id=None,
                                         terms=[chance.choice(phases)]))
    elif action == "delete" and response.comments:
        response.comments.remove(chance.choice(response.comments))
    elif action == "answer":
        answer = db.session.scalar(select(Answer).where(Answer.response_id == response.id,
                                                        Answer.text_value.is_not(None)))
        if answer is not None:
            answer.text_value = answer.value = f"Answer {chance.random()}"
            answer.updated_at = utcnow()
    elif action == "withdraw":
        response.submitted_at = None  # back to a draft: its items leave the explorer
    else:
        draft = db.session.scalar(select(Response).join(Round).where(
            Round.consultation_id == consultation_id, Response.submitted_at.is_(None)).limit(1))
        if draft is not None:
            draft.submitted_at = utcnow()
    return action


def test_incremental_updates_equal_full_rebuilds(seeded):  # noqa: F811
    chance = random.Random(16)
    phases, sectors = vocab.terms("credential_phase"), vocab.terms("sector")
    item_index.forget()
    first = item_index.for_consultation(seeded.id)
    tokens = changes.current(db.session)
    done = set()
    for _step in range(25):
        for _change in range(chance.choice((1, 1, 2, 5))):
            done.add(_change_at_random(chance, seeded.id, phases, sectors))
        db.session.commit()
        updated = item_index.for_consultation(seeded.id)
        assert changes.current(db.session)["items"] == tokens["items"]  # no rebuild was due
        _assert_same(updated, item_index.build(seeded.id))
    assert updated is not first and len(done) >= 6
