"""Codebook, coding, notes, similarity and feedback services."""

import pytest

from app.analysis import feedback, services, similarity
from app.core.errors import Conflict, DomainError, NotAllowed
from app.core.types import utcnow
from app.extensions import db
from app.responses.models import Comment


def test_codebook_has_two_levels(collated, facilitator):
    consultation = collated[0].consultation
    theme = services.add_code(facilitator, consultation, label="Recognition")
    child = services.add_code(facilitator, consultation, label="Wallets", parent=theme)
    assert child.full_label == "Recognition › Wallets" and theme.children == [child]
    with pytest.raises(DomainError, match="two levels"):
        services.add_code(facilitator, consultation, label="Too deep", parent=child)
    with pytest.raises(Conflict):
        services.add_code(facilitator, consultation, label="Recognition")
    services.add_code(facilitator, consultation, label="Wallets")  # same label, other level
    assert [c.label for c in services.codebook(consultation)] == ["Recognition", "Wallets"]
    with pytest.raises(DomainError, match="colours"):
        services.add_code(facilitator, consultation, label="Pink", colour="#ff00ff")


def test_coding_in_bulk_and_removing(collated, facilitator):
    round_, _people = collated
    consultation = round_.consultation
    code = services.add_code(facilitator, consultation, label="Quality")
    comments = db.session.scalars(db.select(Comment.id).order_by(Comment.id)).all()
    items = [("comment", cid) for cid in comments[:3]]
    assert services.set_codes(facilitator, consultation, items, [code], apply=True) == 3
    assert services.set_codes(facilitator, consultation, items, [code], apply=True) == 0
    assert services.codes_of("comment", comments[:3]) == {cid: [code] for cid in comments[:3]}
    assert services.set_codes(facilitator, consultation, items[:1], [code], apply=False) == 1


def test_coding_is_limited_to_the_consultation(collated, facilitator, make_user,
                                               make_consultation):
    round_, _people = collated
    other = make_consultation(title="Another")
    foreign = services.add_code(facilitator, other, label="Elsewhere")
    comment_id = round_.questions[0].id  # any id; the code is refused first
    with pytest.raises(NotAllowed):
        services.set_codes(facilitator, round_.consultation, [("comment", comment_id)],
                           [foreign], apply=True)
    outsider = make_user(roles=("facilitator",))
    code = services.add_code(facilitator, round_.consultation, label="Mine")
    with pytest.raises(NotAllowed):
        services.set_codes(outsider, round_.consultation, [], [code], apply=True)


def test_notes(collated, facilitator):
    round_, _people = collated
    comment = db.session.scalars(db.select(Comment)).first()
    services.add_note(facilitator, comment, "Check with the Finnish agency")
    with pytest.raises(DomainError):
        services.add_note(facilitator, comment, "   ")
    assert [n.body for n in services.notes_of([comment.id])[comment.id]] == [
        "Check with the Finnish agency"]


def test_similarity_groups_and_threshold(collated, facilitator):
    round_, _people = collated
    comments = db.session.scalars(db.select(Comment).order_by(Comment.id)).all()
    ana, ben = comments[0], comments[1]
    assert ben.cluster_id == ana.id  # "...bodies." and "...bodies!" are one group
    assert len({c.cluster_id for c in comments}) == 4
    assert [c.id for c in services.similar_comments(ana)] == [ben.id]
    assert services.set_similarity_threshold(facilitator, round_.consultation, 100) == 4
    assert services.set_similarity_threshold(facilitator, round_.consultation, 50) <= 4
    with pytest.raises(DomainError):
        services.set_similarity_threshold(facilitator, round_.consultation, 20)
    assert similarity.normalise("  Hello,   World! ") == "hello world"


def test_feedback_release_rules(collated, facilitator):
    round_, people = collated
    services.save_feedback(facilitator, round_, synthesis="We heard you.",
                           question_ids=[round_.questions[0].id], comment_ids=[], now=utcnow())
    with pytest.raises(DomainError, match="once the round has closed"):
        services.release_feedback(facilitator, round_, utcnow())
    round_.closes_at = utcnow()
    services.release_feedback(facilitator, round_, utcnow())
    assert round_.state(utcnow()) == "feedback_released"


def test_participant_view_and_outside_iqr(collated, facilitator):
    round_, people = collated
    from app.responses import services as responses

    scale = round_.questions[0]
    chosen = db.session.scalars(db.select(Comment).where(Comment.body.like("Mentors%"))).all()
    services.save_feedback(facilitator, round_, synthesis="", question_ids=[scale.id],
                           comment_ids=[c.id for c in chosen], now=utcnow())
    round_.closes_at = utcnow()
    services.release_feedback(facilitator, round_, utcnow())
    cai = people["Cai"]  # answered 2; the group's IQR is 3–4
    response = responses.find_response(cai, round_)
    [item] = feedback.participant_view(round_, response)
    assert item.own == 2 and item.outside_iqr is True
    assert [c.body for c in item.comments] == ["Mentors need training for work-based learning."]
    dan = responses.find_response(people["Dan"], round_)
    assert feedback.participant_view(round_, dan)[0].outside_iqr is False
    assert feedback.can_read(cai, round_, response)
    assert not feedback.can_read(people["Dan"], round_, response)  # not the author


@pytest.mark.parametrize(("mode", "expected"), [
    ("attributed", "Dan org"), ("anonymous_to_participants", "a participant (VET provider)"),
    ("anonymous", "a participant")])
def test_attribution_honours_anonymity(collated, mode, expected):
    round_, _people = collated
    round_.anonymity = mode
    comment = db.session.scalars(db.select(Comment).where(Comment.body.like("Mentors%"))).one()
    assert feedback.attribution(comment, round_) == expected
