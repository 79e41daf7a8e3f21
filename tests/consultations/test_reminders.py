"""Reminders go only to people who still have something to submit, as the page says."""

import re

from app.consultations import audience
from app.core.types import utcnow
from app.responses import services as responses
from app.responses.validation import ResponseInput
from tests.forms import rendered_form


def _participation(client, round_) -> str:
    return client.get(f"/manage/rounds/{round_.id}/participation").get_data(as_text=True)


def test_colleagues_of_an_organisation_that_submitted_are_not_reminded(
        client, login_as, facilitator, make_user, make_organisation, make_round, outbox):
    submitted_org = make_organisation(name="Submitted Cluster")
    waiting_org = make_organisation(name="Waiting Institute")
    ana = make_user(name="Ana", organisations=[submitted_org])
    ben = make_user(name="Ben", organisations=[submitted_org])  # ana answered for him
    cleo = make_user(name="Cleo", organisations=[waiting_org])
    dan = make_user(name="Dan", organisations=[waiting_org])
    round_ = make_round(questions=("text",), response_mode="organisation")
    audience.invite_audience(facilitator, round_)
    dan.is_active_account = False  # deactivated since: listed, but not mailed
    responses.save_response(ana, round_, ResponseInput({round_.questions[0].id: "Ours"}),
                            now=utcnow(), expected_version=None, submit=True,
                            organisation=submitted_org)
    login_as(facilitator)
    page = _participation(client, round_)
    pending = page[page.index("Not submitted yet"):page.index("Invite people by e-mail")]
    assert "Cleo" in pending and "Dan" in pending
    assert "Ana" not in pending and "Ben" not in pending
    button = re.search(r"Remind the (\d+) (?:person|people) who", page)
    assert button is not None and button.group(1) == "1"
    form = rendered_form(page, action=f"/manage/rounds/{round_.id}/remind")
    reply = client.post(f"/manage/rounds/{round_.id}/remind", data=form.data())
    assert reply.status_code == 302
    reminded = [m["To"] for m in outbox() if m["Subject"].startswith("Reminder")]
    assert reminded == [cleo.email]
    assert "1 reminders sent." in client.get(reply.headers["Location"]).get_data(as_text=True)
    assert ben.email not in reminded and dan.email not in reminded


def test_no_remind_button_when_nobody_is_left(client, login_as, facilitator, participant,
                                              make_round):
    round_ = make_round(questions=("text",))
    audience.invite_audience(facilitator, round_)
    responses.save_response(participant, round_, ResponseInput({round_.questions[0].id: "Hi"}),
                            now=utcnow(), expected_version=None, submit=True)
    login_as(facilitator)
    page = _participation(client, round_)
    assert "Everyone invited has submitted." in page and "Remind the" not in page
