"""Consultations, rounds and the question builder, without HTTP."""

from datetime import timedelta

import pytest

from app.consultations import audience, questions, rounds, services
from app.core.errors import DomainError, NotAllowed
from app.core.types import utcnow
from app.extensions import db
from app.responses import services as responses
from app.responses.validation import ResponseInput
from app.vocab import services as vocab
from tests.conftest import add_question


def test_creator_facilitates_and_stakeholders_cannot_create(facilitator, stakeholder):
    consultation = services.create_consultation(facilitator, title="Joint policy")
    assert consultation.facilitators == [facilitator]
    with pytest.raises(NotAllowed):
        services.create_consultation(stakeholder, title="Mine")


def test_only_owners_manage(make_consultation, make_user):
    other = make_user(roles=("facilitator",))
    consultation = make_consultation()
    with pytest.raises(NotAllowed):
        services.update_consultation(other, consultation, title="Taken over")


def test_consensus_rule_is_locked_once_a_round_opens(facilitator, make_consultation,
                                                     make_round):
    consultation = make_consultation()
    rule = {"scale_points": 7, "agreement_from": 5, "min_agreement": 70, "max_iqr": 1.5}
    services.set_consensus_rule(facilitator, consultation, rule, utcnow())
    assert consultation.consensus_rule["scale_points"] == 7
    make_round(consultation=consultation)
    with pytest.raises(services.ConsensusRuleLocked):
        services.set_consensus_rule(facilitator, consultation, rule | {"max_iqr": 2},
                                    utcnow())


def test_consensus_rule_is_checked(facilitator, make_consultation):
    consultation = make_consultation()
    with pytest.raises(DomainError):
        services.set_consensus_rule(facilitator, consultation, {
            "scale_points": 5, "agreement_from": 6, "min_agreement": 75, "max_iqr": 1}, utcnow())


def test_round_lifecycle(facilitator, make_round):
    round_ = make_round(opens_in=timedelta(hours=1), closes_in=timedelta(days=2), publish=False)
    now = utcnow()
    assert round_.state(now) == "draft"
    rounds.publish_round(facilitator, round_, now)
    assert round_.state(now) == "scheduled"
    rounds.unpublish_round(facilitator, round_, now)
    rounds.publish_round(facilitator, round_, now)
    later = now + timedelta(hours=2)
    assert round_.state(later) == "open"
    with pytest.raises(rounds.RoundRuleBroken):
        rounds.unpublish_round(facilitator, round_, later)
    assert round_.state(round_.closes_at) == "closed"
    round_.feedback_released_at = round_.closes_at
    assert round_.state(round_.closes_at) == "feedback_released"


def test_publishing_needs_questions_and_a_future_close(facilitator, make_round):
    empty = make_round(questions=(), publish=False)
    with pytest.raises(rounds.RoundRuleBroken, match="at least one question"):
        rounds.publish_round(facilitator, empty, utcnow())
    past = make_round(opens_in=timedelta(days=-3), closes_in=timedelta(days=-1), publish=False)
    with pytest.raises(rounds.RoundRuleBroken, match="closing time has passed"):
        rounds.publish_round(facilitator, past, utcnow())


def test_window_must_be_valid(facilitator, make_consultation):
    now = utcnow()
    with pytest.raises(DomainError, match="close after it opens"):
        rounds.create_round(facilitator, make_consultation(), title="R", opens_at=now,
                            closes_at=now)
    with pytest.raises(DomainError, match="time zone"):
        rounds.create_round(facilitator, make_consultation(), title="R", opens_at=now,
                            closes_at=now + timedelta(days=1), timezone="Mars/Base")


def test_open_round_keeps_what_participants_were_told(facilitator, make_round):
    round_ = make_round()
    now = utcnow()
    rounds.update_round(facilitator, round_, now, title="Renamed", introduction="More")
    with pytest.raises(rounds.RoundRuleBroken):
        rounds.update_round(facilitator, round_, now, anonymity="anonymous")
    with pytest.raises(rounds.RoundRuleBroken):
        rounds.update_round(facilitator, round_, now,
                            closes_at=round_.closes_at + timedelta(days=1))


def test_extend_and_close_early_are_recorded(facilitator, make_round, participant):
    round_ = make_round()
    now = utcnow()
    original = round_.closes_at
    change = rounds.extend_round(facilitator, round_, original + timedelta(days=3), now,
                                 "More time for national authorities")
    assert (change.kind, change.previous_closes_at) == ("extended", original)
    assert round_.closes_at == original + timedelta(days=3)
    with pytest.raises(rounds.RoundRuleBroken):
        rounds.extend_round(facilitator, round_, original, now)
    rounds.close_round_now(facilitator, round_, now, "Enough answers")
    assert round_.state(now) == "closed" and [c.kind for c in round_.changes] == [
        "extended", "closed_early"]
    assert responses.save_response(participant, round_, ResponseInput(), now=now,
                                   expected_version=None).kind == "late"


def test_extending_a_closed_round_reopens_it(facilitator, make_round):
    round_ = make_round(opens_in=timedelta(days=-3), closes_in=timedelta(hours=-1))
    now = utcnow()
    assert round_.state(now) == "closed"
    rounds.extend_round(facilitator, round_, now + timedelta(days=1), now)
    assert round_.state(now) == "open"


def test_copy_round(facilitator, make_round):
    round_ = make_round(questions=("scale", "ranking"), anonymity="anonymous",
                        audience_terms=[vocab.term("country", "BG")])
    copy = rounds.copy_round(facilitator, round_)
    assert copy.position == round_.position + 1 and copy.published_at is None
    assert copy.opens_at > round_.closes_at
    assert [q.kind for q in copy.questions] == ["scale", "ranking"]
    assert copy.questions[1].options == round_.questions[1].options
    assert copy.anonymity == "anonymous" and copy.audience("country")[0].key == "BG"


def test_question_kinds_are_checked(make_round):
    round_ = make_round(questions=())
    with pytest.raises(DomainError, match="credential phase"):
        add_question(round_, "text", terms=[])
    with pytest.raises(DomainError, match="two options"):
        add_question(round_, "single", options=["Only"])
    with pytest.raises(DomainError, match="between 1 and 2"):
        add_question(round_, "multiple", options=["A", "B"], max_choices=3)
    with pytest.raises(DomainError, match="5 or 7"):
        add_question(round_, "scale", scale_points=4)
    with pytest.raises(DomainError, match="one label per point"):
        add_question(round_, "scale", scale_points=5, scale_labels=["Low", "High"])
    with pytest.raises(DomainError, match="below the highest"):
        add_question(round_, "number", min_value=5, max_value=5)
    seven = add_question(round_, "scale", scale_points=7)
    assert len(seven.scale_labels) == 7


def test_builder_reorders_duplicates_deletes(facilitator, make_round):
    round_ = make_round(questions=("text", "scale", "number"))
    text, scale, number = round_.questions
    questions.move_question(facilitator, number, -1)
    assert [q.kind for q in round_.questions] == ["text", "number", "scale"]
    copy = questions.duplicate_question(facilitator, text)
    assert [q.position for q in round_.questions] == [1, 2, 3, 4]
    assert round_.questions[1] is copy and copy.prompt == text.prompt
    questions.delete_question(facilitator, copy)
    assert [q.kind for q in round_.questions] == ["text", "number", "scale"]


def test_answered_questions_keep_their_meaning(facilitator, participant, make_round):
    round_ = make_round(questions=("single",))
    question = round_.questions[0]
    responses.save_response(participant, round_, ResponseInput({question.id: "0"}),
                            now=utcnow(), expected_version=None)
    with pytest.raises(questions.QuestionLocked, match="1 responses already answer"):
        questions.update_question(facilitator, question, options=["Yes", "No"])
    with pytest.raises(questions.QuestionLocked):
        questions.update_question(facilitator, question, prompt="Another question?")
    questions.update_question(facilitator, question, help_text="Clarified",
                              terms=question.terms + [vocab.term("sector", "wood")])
    assert question.help_text == "Clarified"
    for action in (questions.delete_question, questions.duplicate_question):
        with pytest.raises(questions.QuestionLocked):
            action(facilitator, question)
    with pytest.raises(questions.QuestionLocked):
        add_question(round_, "text")
    questions.move_question(facilitator, question, 1)  # order may still change


def test_audience_matching(db, make_user, make_organisation, make_round):
    it_vet = make_organisation(country="IT", stakeholder_type="vet_provider", sectors=("wood",))
    it_firm = make_organisation(country="IT", stakeholder_type="enterprise", sectors=("wood",))
    fi_vet = make_organisation(country="FI", stakeholder_type="vet_provider",
                               sectors=("building",))
    named = make_organisation(country="BG", stakeholder_type="public_authority")
    people = {name: make_user(name=name, organisations=[org]) for name, org in
              [("it_vet", it_vet), ("it_firm", it_firm), ("fi_vet", fi_vet), ("named", named)]}
    loner = make_user(name="loner")
    round_ = make_round(audience_terms=[vocab.term("country", "IT"),
                                        vocab.term("stakeholder_type", "vet_provider")],
                        audience_organisations=[named])
    inside = {name for name, user in people.items() if audience.is_in_audience(user, round_)}
    assert inside == {"it_vet", "named"}
    sector_round = make_round(audience_terms=[vocab.term("sector", "building")])
    assert audience.is_in_audience(people["fi_vet"], sector_round)
    assert not audience.is_in_audience(people["it_vet"], sector_round)
    everyone = make_round()
    assert all(audience.is_in_audience(u, everyone) for u in people.values())
    assert not audience.is_in_audience(loner, everyone)
    named_only = make_round(audience_organisations=[named, fi_vet])
    assert {n for n, u in people.items() if audience.is_in_audience(u, named_only)} == {
        "named", "fi_vet"}
    two_countries = make_round(audience_terms=[vocab.term("country", "IT"),
                                               vocab.term("country", "FI"),
                                               vocab.term("sector", "wood")])
    assert {n for n, u in people.items() if audience.is_in_audience(u, two_countries)} == {
        "it_vet", "it_firm"}
    # terms of a vocabulary that is not an audience criterion restrict nothing
    phase_only = make_round(audience_terms=[vocab.term("credential_phase", "design")])
    assert all(audience.is_in_audience(u, phase_only) for u in people.values())
    it_firm.is_active = False
    db.session.flush()
    assert audience.audience_organisations_of(people["it_firm"], two_countries) == []
    assert audience.audience_organisations_of(people["it_vet"], two_countries) == [it_vet]


def test_invitations_reminders_and_participation(facilitator, make_user, make_organisation,
                                                 make_round, outbox):
    organisation = make_organisation(country="IT", stakeholder_type="enterprise")
    ana = make_user(name="Ana", organisations=[organisation])
    ben = make_user(name="Ben", organisations=[organisation])
    round_ = make_round(questions=("text",))
    assert audience.invite_audience(facilitator, round_) == 2
    assert audience.invite_audience(facilitator, round_) == 0
    responses.save_response(ana, round_, ResponseInput(), now=utcnow(), expected_version=None,
                            submit=True)
    assert audience.send_reminders(facilitator, round_, utcnow()) == 1
    table = audience.participation(round_)
    assert table["rows"] == [(("Enterprise", "Italy"), {"invited": 2, "started": 1,
                                                        "submitted": 1})]
    assert [row["user"] for row in table["pending"]] == [ben]
    assert outbox() == []  # mail leaves after the commit, never inside the transaction
    db.session.commit()
    subjects = [m["Subject"] for m in outbox()]
    assert subjects.count("Invitation: Round 1") == 2
    assert [m["To"] for m in outbox() if m["Subject"].startswith("Reminder")] == [ben.email]


def test_invite_by_email_creates_accounts(facilitator, make_round, stakeholder, outbox):
    round_ = make_round()
    invited, problems = audience.invite_emails(
        facilitator, round_, "email\nnew.person@example.org, STAKE@example.org; not-an-email")
    assert invited == 2 and problems == ['Item 3: "not-an-email" is not an e-mail address.']
    assert audience.is_in_audience(stakeholder, round_)  # invited by name
    db.session.commit()
    recipients = sorted(m["To"] for m in outbox())
    assert recipients.count("new.person@example.org") == 2  # account + round invitation


def test_remind_command(app, facilitator, participant, make_round, outbox):
    round_ = make_round()
    make_round(opens_in=timedelta(days=-5), closes_in=timedelta(days=-1))  # closed: skipped
    audience.invite_audience(facilitator, round_)
    db.session.commit()
    result = app.test_cli_runner().invoke(args=["rounds", "remind"])
    assert result.exit_code == 0 and "1 reminders sent" in result.output
    assert [m["To"] for m in outbox()].count(participant.email) == 2
    result = app.test_cli_runner().invoke(args=["rounds", "remind", "--round", "999999"])
    assert result.exit_code != 0 and "not open" in result.output


def test_facilitators_are_not_their_own_audience(facilitator, make_organisation, make_round):
    facilitator.organisations = [make_organisation()]
    round_ = make_round()
    assert not audience.is_in_audience(facilitator, round_)


def test_emails_from_csv():
    assert audience.emails_from_csv("name;x\n") == ""
    assert audience.emails_from_csv("Name,E-mail\nAna,ana@example.org\nBen,ben@example.org\n") \
        == "ana@example.org\nben@example.org"
    assert audience.emails_from_csv("ana@example.org,Ana\n") == "ana@example.org"
