"""The participant's round page: save, submit, edit, deadlines, conflicts, downloads."""

from datetime import timedelta

from app.core.types import utcnow
from app.extensions import db
from app.responses import services
from app.vocab import services as vocab
from tests.privacy.helpers import chose_publication


def _text(response) -> str:
    return response.get_data(as_text=True)


def _form(round_, version=0, **answers):
    data = {"version": version, "action": "save"}
    for question in round_.questions:
        data[f"comments-{question.id}"] = "new"
    data.update(answers)
    return data


def test_round_page_shows_questions_and_anonymity(client, login_as, participant, make_round):
    round_ = make_round(questions=("scale", "ranking"), anonymity="anonymous",
                        introduction="Read *this* first")
    chose_publication(round_, participant)
    login_as(participant)
    page = _text(client.get(f"/rounds/{round_.id}"))
    assert "Anonymous to everyone" in page and "<em>this</em>" in page
    assert f'name="q-{round_.questions[0].id}"' in page
    assert "Strongly agree" in page and "Give each option a different rank" in page
    assert "/static/js/autosave.js" in page


def test_save_draft_submit_and_edit(client, login_as, participant, make_round, outbox):
    round_ = make_round(questions=("scale", "text"))
    scale, text = round_.questions
    phase = vocab.term("credential_phase", "delivery").id
    login_as(participant)
    response = client.post(f"/rounds/{round_.id}", data=_form(round_, **{
        f"q-{scale.id}": "4", f"c-{text.id}-new-body": "Work-based learning counts.",
        f"c-{text.id}-new-phases": [phase], f"c-{text.id}-new-type": "technical"}))
    assert response.status_code == 302
    saved = services.find_response(participant, round_)
    assert saved.answer_for(scale.id).value == 4 and not saved.is_submitted
    comment = saved.comments[0]
    assert comment.comment_type == "technical" and comment.tags("credential_phase")[0].id == phase
    page = _text(client.get(f"/rounds/{round_.id}"))
    assert "Work-based learning counts." in page and "Your comment 1 on question 2" in page
    response = client.post(f"/rounds/{round_.id}", data=_form(
        round_, version=saved.version, action="submit", **{f"q-{scale.id}": "5"}))
    assert response.headers["Location"].startswith(f"/rounds/{round_.id}/confirm")
    confirm = _text(client.get(f"/rounds/{round_.id}/confirm"))
    assert "5 – Strongly agree" in confirm
    client.post(f"/rounds/{round_.id}/confirm", data={"version": saved.version})
    assert saved.is_submitted
    assert "Receipt" in outbox()[0]["Subject"]
    page = _text(client.get(f"/rounds/{round_.id}"))
    assert "You can change your answers until the round closes." in page
    client.post(f"/rounds/{round_.id}", data=_form(round_, version=saved.version,
                                                   **{f"q-{scale.id}": "3"}))
    assert saved.answer_for(scale.id).value == 3 and saved.is_submitted
    history = _text(client.get(f"/rounds/{round_.id}/history"))
    for label in ("Draft saved", "Submitted", "Changed after submitting"):
        assert label in history


def test_invalid_and_over_long_input_keeps_what_was_typed(client, login_as, participant,
                                                          make_round):
    round_ = make_round(questions=("number", "text"))
    number, text = round_.questions
    login_as(participant)
    long_comment = "Long words " * 1000 + "tail"
    response = client.post(f"/rounds/{round_.id}", data=_form(round_, **{
        f"q-{number.id}": "250", f"c-{text.id}-new-body": long_comment,
        f"c-{text.id}-new-phases": [vocab.term("credential_phase", "design").id]}))
    assert response.status_code == 302  # saved: what is valid, and the rest as typed
    page = _text(client.get(response.headers["Location"]))
    assert "the highest allowed number is 100" in page
    assert "The comment is 11004 characters long; the limit is 10000." in page
    assert 'value="250"' in page and "Long words Long words" in page and "tail</textarea>" in page
    assert "were not saved" not in page
    saved = services.find_response(participant, round_)
    assert saved.answers == [] and saved.comments == [] and not saved.is_submitted


def test_late_submission_is_refused_kept_and_downloadable(client, login_as, participant,
                                                          make_round):
    round_ = make_round(questions=("text",))
    question = round_.questions[0]
    login_as(participant)
    client.get(f"/rounds/{round_.id}")
    round_.closes_at = utcnow() - timedelta(seconds=1)  # the round closes while I type
    db.session.commit()
    response = client.post(f"/rounds/{round_.id}", data=_form(
        round_, action="submit", **{f"q-{question.id}": "My considered view"}))
    page = _text(response)
    assert response.status_code == 409
    assert "before your answers arrived" in page and "Download your late text" in page
    download = client.get(f"/rounds/{round_.id}/download")
    assert "My considered view" in _text(download)
    assert "arrived after the deadline" in _text(download)
    assert not services.find_response(participant, round_).is_submitted


def test_closed_round_is_read_only(client, login_as, participant, make_round):
    round_ = make_round(questions=("single",))
    question = round_.questions[0]
    login_as(participant)
    client.post(f"/rounds/{round_.id}", data=_form(round_, **{f"q-{question.id}": "1"}))
    round_.closes_at = utcnow() - timedelta(minutes=1)
    db.session.commit()
    page = _text(client.get(f"/rounds/{round_.id}"))
    assert "<form method=\"post\" action=\"/rounds/" not in page
    assert "Your answers" in page and "No</p>" in page


def test_conflict_page_shows_both_texts(client, login_as, make_user, make_organisation,
                                        make_round):
    organisation = make_organisation(name="Cluster")
    ana = make_user(name="Ana", organisations=[organisation])
    ben = make_user(name="Ben", organisations=[organisation])
    round_ = make_round(questions=("text",), response_mode="organisation")
    question = round_.questions[0]
    login_as(ana)
    client.post(f"/rounds/{round_.id}", data=_form(round_, **{f"q-{question.id}": "Ana v1"}))
    seen = services.find_response(ana, round_, organisation).version
    client.post("/logout")
    login_as(ben)
    client.post(f"/rounds/{round_.id}", data=_form(round_, version=seen,
                                                   **{f"q-{question.id}": "Ben's text"}))
    client.post("/logout")
    login_as(ana)
    response = client.post(f"/rounds/{round_.id}", data=_form(
        round_, version=seen, **{f"q-{question.id}": "Ana's second thoughts"}))
    page = _text(response)
    assert response.status_code == 409
    assert "Someone else saved this response" in page
    assert "Ben&#39;s text" in page and "Ana&#39;s second thoughts" in page


def test_autosave_returns_version_and_new_comment_ids(client, login_as, participant,
                                                      make_round):
    round_ = make_round(questions=("text",))
    question = round_.questions[0]
    login_as(participant)
    response = client.post(f"/rounds/{round_.id}/autosave", data=_form(round_, **{
        f"q-{question.id}": "Half-written", f"c-{question.id}-new-body": "A comment",
        f"c-{question.id}-new-phases": [vocab.term("credential_phase", "design").id]}))
    body = response.get_json()
    saved = services.find_response(participant, round_)
    assert body["status"] == "saved" and body["version"] == saved.version
    assert body["comments"] == {str(question.id): saved.comments[0].id}
    stale = client.post(f"/rounds/{round_.id}/autosave", data=_form(round_, version=0))
    assert stale.status_code == 409 and stale.get_json()["status"] == "refused"


def test_outsiders_and_drafts(client, login_as, make_user, make_organisation, make_round,
                              participant):
    italy = make_round(audience_terms=[vocab.term("country", "IT")])
    draft = make_round(publish=False)
    login_as(make_user(organisations=[make_organisation(country="ES")]))
    assert client.get(f"/rounds/{italy.id}").status_code == 403
    assert client.post(f"/rounds/{italy.id}", data={"version": 0}).status_code == 403
    assert client.get(f"/rounds/{draft.id}").status_code == 404
    assert "Round 1" not in _text(client.get("/my"))


def test_nobody_reads_another_persons_draft(client, login_as, make_user, participant,
                                            make_round):
    round_ = make_round(questions=("text",))
    question = round_.questions[0]
    login_as(participant)
    client.post(f"/rounds/{round_.id}", data=_form(round_, **{f"q-{question.id}": "Secret"}))
    client.post("/logout")
    colleague = make_user(organisations=participant.organisations)
    login_as(colleague)
    page = _text(client.get(f"/rounds/{round_.id}"))
    assert "Secret" not in page  # one response per person: a colleague starts their own
    assert client.get(f"/rounds/{round_.id}/history").status_code == 404
    assert client.get(f"/rounds/{round_.id}/download").status_code == 404


def test_my_consultations_lists_rounds_and_states(client, login_as, participant, make_round):
    open_round = make_round(title="Open round")
    make_round(title="Later round", opens_in=timedelta(days=2), closes_in=timedelta(days=9))
    login_as(participant)
    client.post(f"/rounds/{open_round.id}", data=_form(open_round))
    page = _text(client.get("/my"))
    assert page.index("Open round") < page.index("Later round")
    assert "Draft saved" in page and "Not started" in page


def test_background_document_visible_to_participants(client, login_as, participant,
                                                     facilitator, make_round, make_user):
    from app.consultations import services as consultations

    round_ = make_round()
    document = consultations.save_document(facilitator, round_.consultation,
                                           title="EU Recommendation", body="# Annex I")
    chose_publication(round_, participant)
    login_as(participant)
    assert "<h1>Annex I</h1>" in _text(client.get(f"/documents/{document.id}"))
    assert "EU Recommendation" in _text(client.get(f"/rounds/{round_.id}"))
    client.post("/logout")
    login_as(make_user())  # no organisation: not in any audience
    assert client.get(f"/documents/{document.id}").status_code == 404


def test_a_mail_outage_costs_the_receipt_not_the_submission(app, client, login_as, participant,
                                                            make_round, outbox, caplog):
    round_ = make_round(questions=("scale",))
    (scale,) = round_.questions
    login_as(participant)
    client.post(f"/rounds/{round_.id}", data=_form(round_, **{f"q-{scale.id}": "4"}))
    saved = services.find_response(participant, round_)
    app.config.update(MAIL_SERVER="127.0.0.1", MAIL_PORT=1)  # nothing listens there
    try:
        reply = client.post(f"/rounds/{round_.id}/confirm", data={"version": saved.version})
    finally:
        app.config.update(MAIL_SERVER=None)
    assert reply.status_code == 302
    assert services.find_response(participant, round_).is_submitted
    assert outbox() == []
    assert "could not be sent" in caplog.text


def test_no_receipt_for_a_submission_rolled_back(participant, make_round, outbox):
    from app.extensions import db
    from app.responses.validation import ResponseInput

    round_ = make_round(questions=("scale",))
    (scale,) = round_.questions
    services.save_response(participant, round_, ResponseInput({scale.id: "3"}, []),
                           now=utcnow(), expected_version=None, submit=True)
    db.session.rollback()
    db.session.commit()
    assert outbox() == []
