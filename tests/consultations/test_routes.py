"""Facilitator pages: building consultations, rounds and questions through HTTP."""

from datetime import timedelta

import pytest

from app.consultations import services
from app.core.types import utcnow
from app.responses import services as responses
from app.responses.validation import ResponseInput
from app.vocab import services as vocab


def _text(response) -> str:
    return response.get_data(as_text=True)


def test_stakeholders_get_403_on_manage_pages(client, login_as, stakeholder, make_round):
    round_ = make_round()
    login_as(stakeholder)
    for path in ["/manage/", "/manage/new", f"/manage/{round_.consultation_id}",
                 f"/manage/rounds/{round_.id}", f"/manage/rounds/{round_.id}/questions",
                 f"/manage/rounds/{round_.id}/participation",
                 f"/manage/rounds/{round_.id}/responses"]:
        assert client.get(path).status_code == 403, path
    assert client.post(f"/manage/rounds/{round_.id}/close").status_code == 403
    assert round_.is_open(utcnow())


def test_other_facilitators_get_403(client, login_as, make_user, make_round):
    round_ = make_round()
    login_as(make_user(roles=("facilitator",)))
    for path in [f"/manage/{round_.consultation_id}", f"/manage/rounds/{round_.id}",
                 f"/manage/questions/{round_.questions[0].id}",
                 f"/manage/rounds/{round_.id}/responses"]:
        assert client.get(path).status_code == 403, path
    assert "Green-skills" not in _text(client.get("/manage/"))


def test_anonymous_users_go_to_login(client, make_round):
    round_ = make_round()
    for path in ["/manage/", f"/rounds/{round_.id}", "/my"]:
        response = client.get(path)
        assert response.status_code == 302 and "/login" in response.headers["Location"]


def test_create_consultation_round_and_questions(client, login_as, facilitator):
    login_as(facilitator)
    response = client.post("/manage/new", data={
        "title": "Joint policy", "summary": "**Why** we ask",
        "sectors": [vocab.term("sector", "wood").id], "facilitators": [facilitator.id]})
    consultation = services.consultations_managed_by(facilitator)[0]
    assert response.headers["Location"] == f"/manage/{consultation.id}"
    assert "<strong>Why</strong>" in _text(client.get(f"/manage/{consultation.id}"))
    response = client.post(f"/manage/{consultation.id}/rounds/new", data={
        "title": "Round 1", "timezone": "Europe/Rome", "opens_at": "2030-03-02T09:00",
        "closes_at": "2030-03-20T17:00", "response_mode": "person",
        "anonymity": "anonymous_to_participants",
        "audience_countries": [vocab.term("country", "IT").id]})
    round_ = consultation.rounds[0]
    assert round_.opens_at.isoformat() == "2030-03-02T08:00:00+00:00"  # 09:00 in Rome
    assert [t.key for t in round_.audience("country")] == ["IT"]
    phases = [vocab.term("credential_phase", "portability").id]
    for kind, extra in [("text", {}), ("scale", {"scale_points": "5"}),
                        ("multiple", {"options": "Wallet\nEuropass\nPaper", "max_choices": "2"}),
                        ("number", {"min_value": "0", "max_value": "60"})]:
        response = client.post(f"/manage/rounds/{round_.id}/questions", data={
            "kind": kind, "prompt": f"{kind} prompt", "phases": phases, **extra})
        assert response.status_code == 302, _text(response)
    assert [q.kind for q in round_.questions] == ["text", "scale", "multiple", "number"]
    assert round_.questions[2].options == ["Wallet", "Europass", "Paper"]
    page = _text(client.get(f"/manage/rounds/{round_.id}/questions"))
    assert "Move question 2 up" in page and "Delete question 4" in page
    client.post(f"/manage/rounds/{round_.id}/publish")
    assert round_.published_at is not None


def test_question_without_phase_keeps_the_form(client, login_as, facilitator, make_round):
    round_ = make_round(questions=())
    login_as(facilitator)
    page = _text(client.post(f"/manage/rounds/{round_.id}/questions", data={
        "kind": "single", "prompt": "Typed prompt", "options": "A\nB"}))
    assert "Tag the question with at least one credential phase." in page
    assert "Typed prompt" in page


def test_publish_without_questions_explains(client, login_as, facilitator, make_round):
    round_ = make_round(questions=(), publish=False)
    login_as(facilitator)
    page = _text(client.post(f"/manage/rounds/{round_.id}/publish", follow_redirects=True))
    assert "Add at least one question before publishing the round." in page
    assert round_.published_at is None


def test_extend_and_close_from_the_page(client, login_as, facilitator, make_round):
    round_ = make_round(timezone="Europe/Helsinki")
    login_as(facilitator)
    new_close = (utcnow() + timedelta(days=30)).astimezone().strftime("%Y-%m-%dT%H:%M")
    client.post(f"/manage/rounds/{round_.id}/extend", data={"closes_at": new_close,
                                                             "reason": "Holidays"})
    assert round_.changes[0].kind == "extended" and round_.changes[0].reason == "Holidays"
    client.post(f"/manage/rounds/{round_.id}/close", data={"reason": "Done"})
    assert round_.state(utcnow()) == "closed"


def test_open_round_settings_cannot_change_anonymity(client, login_as, facilitator,
                                                     make_round):
    round_ = make_round(anonymity="attributed")
    login_as(facilitator)
    page = client.get(f"/manage/rounds/{round_.id}")
    assert page.status_code == 200
    data = {"title": round_.title, "timezone": round_.timezone,
            "opens_at": round_.opens_at.astimezone(
                __import__("zoneinfo").ZoneInfo(round_.timezone)).strftime("%Y-%m-%dT%H:%M"),
            "closes_at": round_.closes_at.astimezone(
                __import__("zoneinfo").ZoneInfo(round_.timezone)).strftime("%Y-%m-%dT%H:%M"),
            "response_mode": "person", "anonymity": "anonymous", "version": round_.version}
    text = _text(client.post(f"/manage/rounds/{round_.id}", data=data))
    assert "This round has opened" in text
    assert round_.anonymity == "attributed"


@pytest.mark.parametrize("mode", ["attributed", "anonymous"])
def test_responses_page_honours_anonymity(client, login_as, facilitator, participant,
                                          make_round, mode):
    round_ = make_round(questions=("text",), anonymity=mode)
    responses.save_response(participant, round_, ResponseInput({round_.questions[0].id: "Hi"}),
                            now=utcnow(), expected_version=None)
    login_as(facilitator)
    for path in (f"/manage/rounds/{round_.id}/responses",
                 f"/manage/rounds/{round_.id}/responses/1"):
        page = _text(client.get(path))
        assert ("Paola Participant" in page) is (mode == "attributed"), path
        assert ("Istituto Tecnico" in page) is (mode == "attributed"), path
        # a lone respondent of a round anonymous to everyone has no profile shown
        assert ("VET provider" in page and "Italy" in page) is (mode == "attributed"), path
        assert ("Other respondents" in page) is (mode == "anonymous"), path
    assert "Hi" in _text(client.get(f"/manage/rounds/{round_.id}/responses/1"))
    assert client.get(f"/manage/rounds/{round_.id}/responses/2").status_code == 404


def test_participation_page_invites_and_reminds(client, login_as, facilitator, participant,
                                                make_round, outbox):
    round_ = make_round()
    login_as(facilitator)
    client.post(f"/manage/rounds/{round_.id}/invite")
    page = _text(client.get(f"/manage/rounds/{round_.id}/participation"))
    assert "<td>VET provider</td><td>Italy</td><td>1</td><td>0</td><td>0</td>" in page
    assert "<td>Paola Participant</td><td>Istituto Tecnico</td><td>Not started</td>" in page
    client.post(f"/manage/rounds/{round_.id}/remind")
    assert [m["To"] for m in outbox()] == [participant.email] * 2
    response = client.post(f"/manage/rounds/{round_.id}/participation",
                           data={"emails": "x@example.org\nbad"}, follow_redirects=True)
    assert "1 people invited." in _text(response) and "is not an e-mail address" in _text(
        response)


def test_invite_from_a_csv_file(client, login_as, facilitator, make_round, outbox):
    import io

    round_ = make_round()
    login_as(facilitator)
    csv_file = (io.BytesIO(b"email,name\nfile.person@example.org,File Person\n"), "people.csv")
    response = client.post(f"/manage/rounds/{round_.id}/participation",
                           data={"emails": "", "file": csv_file},
                           content_type="multipart/form-data", follow_redirects=True)
    assert "1 people invited." in _text(response)
    assert "is not an e-mail address" not in _text(response)  # the name column is ignored
    assert "file.person@example.org" in [m["To"] for m in outbox()]
    empty = client.post(f"/manage/rounds/{round_.id}/participation", data={"emails": ""})
    assert "Type addresses or choose a file." in _text(empty)
