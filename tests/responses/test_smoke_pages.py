"""Every page of the consultation loop renders for the people who may see it."""

from tests.conftest import add_question
from tests.privacy.helpers import chose_publication


def test_facilitator_pages(client, login_as, facilitator, make_round):
    round_ = make_round(questions=("text", "scale", "single", "multiple", "ranking", "number"))
    login_as(facilitator)
    consultation = round_.consultation
    for path in ["/manage/", "/manage/new", f"/manage/{consultation.id}",
                 f"/manage/{consultation.id}/edit", f"/manage/{consultation.id}/rounds/new",
                 f"/manage/{consultation.id}/documents/new", f"/manage/rounds/{round_.id}",
                 f"/manage/rounds/{round_.id}/questions",
                 f"/manage/questions/{round_.questions[0].id}",
                 f"/manage/rounds/{round_.id}/participation", f"/rounds/{round_.id}"]:
        response = client.get(path)
        assert response.status_code == 200, (path, response.get_data(as_text=True)[-3000:])


def test_participant_pages(client, login_as, participant, make_round):
    round_ = make_round(questions=("text", "scale", "single", "multiple", "ranking", "number"))
    add_question(round_, "text", prompt="Anything else?")
    chose_publication(round_, participant)
    login_as(participant)
    for path in ["/my", f"/rounds/{round_.id}"]:
        response = client.get(path)
        assert response.status_code == 200, (path, response.get_data(as_text=True)[-3000:])
