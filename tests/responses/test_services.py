"""Answering rounds: drafts, submission, deadlines, conflicts and history, without HTTP."""

from datetime import timedelta

import pytest
from flask import g

from app.core.errors import NotAllowed
from app.core.types import utcnow
from app.extensions import db
from app.responses import services
from app.responses.validation import CommentInput, InvalidInput, ResponseInput
from app.vocab import services as vocab
from tests.conftest import add_question
from tests.mails import plain


def phase(key="design"):
    return vocab.term("credential_phase", key).id


def comment(question, body="Stackability matters.", **fields):
    return CommentInput(question_id=question.id, body=body,
                        phases=fields.pop("phases", [phase()]), **fields)


def outcome_of(user, round_, answers=None, comments=(), **options):
    options.setdefault("now", utcnow())
    options.setdefault("expected_version", None)
    return services.save_response(user, round_, ResponseInput(answers or {}, list(comments)),
                                  **options)


def save(user, round_, answers=None, comments=(), **options):
    outcome = outcome_of(user, round_, answers, comments, **options)
    assert outcome.kind == "saved", outcome.message
    return outcome.response


def test_draft_then_submit_then_edit_keeps_every_version(participant, make_round, outbox):
    round_ = make_round(questions=("scale", "text"))
    scale, text = round_.questions
    response = save(participant, round_, {scale.id: "4"}, [comment(text)])
    assert not response.is_submitted and response.answer_for(scale.id).value == 4
    response = save(participant, round_, {scale.id: "5", text.id: "Yes."}, submit=True)
    assert response.is_submitted
    first_submitted = response.first_submitted_at
    response = save(participant, round_, {scale.id: "2", text.id: "On reflection, no."})
    assert response.is_submitted and response.first_submitted_at == first_submitted
    kinds = [r.kind for r in response.revisions]
    assert kinds == ["draft", "submit", "edit"]
    assert [r.snapshot["answers"][str(scale.id)] for r in response.revisions] == [4, 5, 2]
    assert response.revisions[0].snapshot["comments"][0]["phases"] == ["design"]
    assert outbox() == []  # the receipt leaves once the submission is committed
    db.session.commit()
    [receipt] = outbox()
    assert receipt["To"] == participant.email
    assert "5 – Strongly agree" in plain(receipt)


def test_submit_requires_required_answers_but_drafts_do_not(participant, make_round):
    round_ = make_round(questions=())
    required = add_question(round_, "single", is_required=True, prompt="Pick one")
    save(participant, round_, {})
    with pytest.raises(InvalidInput) as excinfo:
        save(participant, round_, {}, submit=True)
    assert excinfo.value.errors == {f"q-{required.id}": "“Pick one” needs an answer."}


@pytest.mark.parametrize(("kind", "raw", "stored"), [
    ("scale", "3", 3), ("single", "1", 1), ("multiple", ["0", "2"], [0, 2]),
    ("ranking", {"0": "2", "1": "1", "2": "3"}, {"0": 2, "1": 1, "2": 3}),
    ("number", "12,5", 12.5), ("number", "40", 40), ("text", "Plain text", "Plain text"),
])
def test_answers_are_stored_by_kind(participant, make_round, kind, raw, stored):
    round_ = make_round(questions=(kind,))
    question = round_.questions[0]
    response = save(participant, round_, {question.id: raw}, submit=True)
    assert response.answer_for(question.id).value == stored


@pytest.mark.parametrize(("kind", "raw", "message"), [
    ("scale", "9", "choose a point of the scale"),
    ("single", "7", "choose one of the options"),
    ("multiple", ["0", "1", "2"], "choose at most 2 options"),
    ("ranking", {"0": "1", "1": "1", "2": "2"}, "different rank"),
    ("number", "101", "the highest allowed number is 100"),
    ("number", "lots", "could not convert"),
])
def test_invalid_answers_are_kept_as_typed_with_a_message(participant, make_round, kind, raw,
                                                         message):
    round_ = make_round(questions=(kind, "text"))
    question, text = round_.questions
    outcome = outcome_of(participant, round_, {question.id: raw, text.id: "Kept."})
    assert outcome.kind == "saved" and message in outcome.pending[f"q-{question.id}"]
    response = outcome.response
    assert response.answer_for(text.id).value == "Kept."  # the valid answer is saved
    assert response.answer_for(question.id) is None  # the stored answers stay valid
    assert response.pending["answers"] == {str(question.id): raw}
    assert message in response.pending["errors"][f"q-{question.id}"]
    assert message in services.submission_problems(round_, response)[f"q-{question.id}"]
    with pytest.raises(InvalidInput) as excinfo:
        save(participant, round_, {question.id: raw, text.id: "Kept."}, submit=True)
    assert message in excinfo.value.errors[f"q-{question.id}"]
    fixed = save(participant, round_, {text.id: "Kept."})
    assert fixed.pending is None and services.submission_problems(round_, fixed) == {}


def test_comment_tags_must_be_phases_and_sectors(participant, make_round):
    round_ = make_round(questions=("text",))
    question = round_.questions[0]
    sector, country = vocab.term("sector", "wood"), vocab.term("country", "IT")  # in session
    cases = [({"phases": [sector.id]}, "phases"), ({"phases": [country.id]}, "phases"),
             ({"phases": [999_999]}, "phases"), ({"sectors": [phase()]}, "sectors"),
             ({"sectors": [country.id]}, "sectors"), ({"sectors": [999_999]}, "sectors")]
    for fields, field in cases:
        outcome = outcome_of(participant, round_, comments=[
            comment(question, field_prefix="c-1-new-", **fields)])
        assert set(outcome.pending) == {f"c-1-new-{field}"}, fields
        assert outcome.response.comments == []
        [kept] = outcome.response.pending["comments"]
        assert kept["body"] == "Stackability matters." and kept["key"] == "new"
    response = save(participant, round_, comments=[comment(question, sectors=[sector.id])])
    assert [t.key for t in response.comments[0].terms] == ["design", "wood"]


def test_partial_ranking_is_a_valid_draft_but_not_a_submission(participant, make_round):
    round_ = make_round(questions=("ranking",))
    question = round_.questions[0]
    save(participant, round_, {question.id: {"0": "1", "1": "", "2": ""}})
    with pytest.raises(InvalidInput):
        save(participant, round_, {question.id: {"0": "1", "1": "", "2": ""}}, submit=True)


def test_comments_need_a_phase_and_respect_limits(participant, make_round):
    round_ = make_round(questions=("text",))
    question = round_.questions[0]
    outcome = outcome_of(participant, round_, comments=[comment(question, phases=[],
                                                                field_prefix="c-1-new-")])
    assert "at least one credential phase" in outcome.pending["c-1-new-phases"]
    outcome = outcome_of(participant, round_, comments=[comment(question, body="x" * 10_001,
                                                                field_prefix="c-1-new-")])
    assert outcome.pending["c-1-new-body"] == (
        "The comment is 10001 characters long; the limit is 10000.")
    outcome = outcome_of(participant, round_, {question.id: "y" * 20_001})
    assert "the limit is 20000" in outcome.pending[f"q-{question.id}"]
    assert outcome.response.pending["answers"][str(question.id)] == "y" * 20_001


def test_comments_are_tagged_edited_and_deleted(participant, make_round):
    round_ = make_round(questions=("text",))
    question = round_.questions[0]
    sector = vocab.term("sector", "wood").id
    response = save(participant, round_, comments=[
        comment(question, sectors=[sector], comment_type="technical",
                proposed_change="Add ECTS."),
        comment(question, body="Second", phases=[phase("portability")])])
    first, second = response.comments
    assert [t.key for t in first.terms] == ["design", "wood"]
    assert first.comment_type == "technical" and first.author_id == participant.id
    response = save(participant, round_, comments=[
        comment(question, body="Edited", id=first.id),
        comment(question, body="Second", id=second.id, delete=True)])
    assert [c.body for c in response.comments] == ["Edited"]



def test_changing_only_a_comments_tags_type_or_proposed_change_is_saved(participant, make_round):
    round_ = make_round(questions=("text",))
    question = round_.questions[0]
    wood = vocab.term("sector", "wood").id
    response = save(participant, round_, comments=[comment(question, sectors=[wood])])
    [first] = response.comments
    response = save(participant, round_, comments=[
        comment(question, id=first.id, phases=[phase("portability"), phase("design")],
                comment_type="editorial", proposed_change="Say ECTS.")])
    db.session.commit()
    db.session.expire_all()
    [first] = response.comments
    assert [t.key for t in first.terms] == ["design", "portability"]
    assert (first.comment_type, first.proposed_change) == ("editorial", "Say ECTS.")
    assert len(response.revisions) == 2
    same = comment(question, id=first.id, phases=[phase("design"), phase("portability")],
                   comment_type="editorial", proposed_change="Say ECTS.")
    response = save(participant, round_, comments=[same])
    assert len(response.revisions) == 2  # saving nothing new keeps no revision

def test_people_outside_the_audience_cannot_answer(make_user, make_organisation, make_round):
    organisation = make_organisation(country="FI")
    outsider = make_user(organisations=[organisation])
    round_ = make_round(audience_terms=[vocab.term("country", "IT")])
    with pytest.raises(NotAllowed):
        save(outsider, round_, {})


def test_late_submission_is_refused_and_kept_as_a_draft(participant, make_round):
    round_ = make_round(questions=("text",))
    question = round_.questions[0]
    late = round_.closes_at
    outcome = outcome_of(participant, round_, {question.id: "Too late"}, now=late, submit=True)
    assert outcome.kind == "late" and "closed at" in outcome.message
    response = services.find_response(participant, round_)
    assert response is not None and not response.is_submitted and response.answers == []
    kept = services.latest_late_text(response)
    assert kept.snapshot["answers"][str(question.id)] == "Too late"


def test_submission_racing_the_close_time(participant, make_round):
    round_ = make_round(questions=("text",))
    question = round_.questions[0]
    just_before = round_.closes_at - timedelta(microseconds=1)
    assert save(participant, round_, {question.id: "In time"}, now=just_before,
                submit=True).is_submitted
    assert outcome_of(participant, round_, {question.id: "Edit at the bell"},
                      now=round_.closes_at).kind == "late"
    response = services.find_response(participant, round_)
    assert response.answer_for(question.id).value == "In time"


def test_scheduled_round_cannot_be_answered_yet(participant, make_round):
    round_ = make_round(opens_in=timedelta(days=1), closes_in=timedelta(days=8))
    assert outcome_of(participant, round_, {}).kind == "late"


def test_organisation_response_is_shared_and_conflicts_are_kept(make_user, make_organisation,
                                                                make_round):
    organisation = make_organisation(name="Cluster")
    ana = make_user(name="Ana", organisations=[organisation])
    ben = make_user(name="Ben", organisations=[organisation])
    round_ = make_round(questions=("text",), response_mode="organisation")
    question = round_.questions[0]
    first = save(ana, round_, {question.id: "Ana's text"}, expected_version=0,
                 organisation=organisation)
    seen = first.version
    db.session.flush()
    second = save(ben, round_, {question.id: "Ben's text"}, expected_version=seen,
                  organisation=organisation)
    assert second.id == first.id and second.answer_for(question.id).value == "Ben's text"
    outcome = outcome_of(ana, round_, {question.id: "Ana again"}, expected_version=seen,
                         organisation=organisation)
    assert outcome.kind == "conflict"
    assert outcome.current.answer_for(question.id).value == "Ben's text"
    assert outcome.mine.answers[question.id] == "Ana again"
    kept = first.revisions[-1]
    assert kept.kind == "conflict" and kept.snapshot["answers"][str(question.id)] == "Ana again"


def test_a_colleague_who_saw_no_response_does_not_overwrite_one(make_user, make_organisation,
                                                                make_round):
    organisation = make_organisation(name="Cluster")
    ana = make_user(organisations=[organisation])
    ben = make_user(organisations=[organisation])
    round_ = make_round(questions=("text",), response_mode="organisation")
    question = round_.questions[0]
    save(ana, round_, {question.id: "First"}, expected_version=0, organisation=organisation)
    assert outcome_of(ben, round_, {question.id: "Also first"}, expected_version=0,
                      organisation=organisation).kind == "conflict"


def test_author_snapshot_is_taken_when_writing(participant, make_round, admin):
    from app.organisations import services as organisations

    round_ = make_round()
    response = save(participant, round_, {})
    organisation = participant.organisations[0]
    organisations.update_organisation(admin, organisation,
                                      country=vocab.term("country", "ES"))
    assert response.country.key == "IT" and organisation.country.key == "ES"


def test_saving_nothing_new_adds_no_version(participant, make_round):
    round_ = make_round(questions=("text",))
    question = round_.questions[0]
    response = save(participant, round_, {question.id: "Same"})
    save(participant, round_, {question.id: "Same"})
    assert [r.kind for r in response.revisions] == ["draft"]
    save(participant, round_, {question.id: "Same"}, submit=True)
    assert [r.kind for r in response.revisions] == ["draft", "submit"]


def test_saving_and_the_round_page_read_only_the_newest_revision(participant, make_round,
                                                                 client, login_as):
    from app.responses.models import ResponseRevision

    round_ = make_round(questions=("scale", "text"))
    scale, text = round_.questions
    for step in range(40):  # a response edited all through the round
        save(participant, round_, {scale.id: str(step % 5 + 1), text.id: f"Edit {step}."},
             submit=step == 20)
    db.session.commit()
    round_id, participant_id, scale_id, text_id = round_.id, participant.id, scale.id, text.id
    assert len(services.find_response(participant, round_).revisions) == 40

    def loaded() -> int:
        return sum(isinstance(o, ResponseRevision) for o in db.session.identity_map.values())

    db.session.expunge_all()
    from app.accounts.models import User
    from app.consultations.models import Round

    person, fresh_round = db.session.get(User, participant_id), db.session.get(Round, round_id)
    response = save(person, fresh_round, {scale_id: "2", text_id: "Edit 40."})
    assert loaded() <= 2
    newest = services.last_revision(response)
    assert (newest.number, newest.kind) == (41, "edit")
    assert services.last_revision(response, "submit").number == 21
    db.session.commit()
    login_as(person)
    db.session.expunge_all()
    g.pop("_login_user", None)  # the page loads its own, as in production
    assert client.get(f"/rounds/{round_id}").status_code == 200
    assert loaded() <= 1


def test_comments_with_hostile_markdown_are_refused_with_a_message(participant, make_round):
    round_ = make_round(questions=("text",))
    question = round_.questions[0]
    for body in ("- " * 600 + "deep", "[" * 5_000, "[" * 3_000 + "]" * 3_000):
        outcome = outcome_of(participant, round_, comments=[
            comment(question, body=body, field_prefix="c-1-new-")])
        assert outcome.pending["c-1-new-body"].startswith("The comment: The text ")
        assert outcome.response.comments == []  # kept as typed, not stored as a comment
        with pytest.raises(InvalidInput) as excinfo:
            save(participant, round_, comments=[comment(question, body=body,
                                                        field_prefix="c-1-new-")], submit=True)
        assert excinfo.value.errors["c-1-new-body"].startswith("The comment: The text ")
    outcome = outcome_of(participant, round_, comments=[comment(
        question, proposed_change="> " * 100, field_prefix="c-1-new-")])
    assert "more than 16 levels deep" in outcome.pending["c-1-new-change"]
