"""An open round's deadline can be moved earlier, with notice; fixed dates are shown as text."""

import re
from datetime import timedelta

from app.consultations import audience
from app.core.timezones import to_local
from app.core.types import utcnow
from tests.forms import rendered_form
from tests.mails import plain
from tests.privacy.helpers import chose_publication


def _settings(client, round_) -> str:
    return client.get(f"/manage/rounds/{round_.id}").get_data(as_text=True)


def _move(client, round_, closes_at, reason="Results are needed for the board meeting."):
    page = _settings(client, round_)
    form = rendered_form(page, action=f"/manage/rounds/{round_.id}/extend")
    local = to_local(closes_at, round_.timezone).strftime("%Y-%m-%dT%H:%M")
    form.set("closes_at", local).set("reason", reason)
    reply = client.post(f"/manage/rounds/{round_.id}/extend",
                        data=form.data("Change the deadline"))
    return client.get(reply.headers["Location"]).get_data(as_text=True)


def test_an_open_rounds_deadline_moves_earlier_with_notice(app, client, login_as, facilitator,
                                                           participant, make_round, outbox):
    round_ = make_round(closes_in=timedelta(days=10), timezone="UTC")
    audience.invite_audience(facilitator, round_)
    original = round_.closes_at
    login_as(facilitator)
    too_soon = utcnow() + timedelta(hours=app.config["DEADLINE_MIN_NOTICE_HOURS"] - 1)
    page = _move(client, round_, too_soon)
    assert "at least 48 hours" in page and round_.closes_at == original
    earlier = (utcnow() + timedelta(days=5)).replace(second=0, microsecond=0)
    page = _move(client, round_, earlier)
    assert "moved earlier" in page and round_.closes_at == earlier
    [notice] = [m for m in outbox() if m["Subject"].startswith("New deadline")]
    assert notice["To"] == participant.email
    assert earlier.strftime("%-d %b %Y, %H:%M UTC") in plain(notice)
    client.post("/logout")
    login_as(participant)
    chose_publication(round_, participant)
    round_page = client.get(f"/rounds/{round_.id}").get_data(as_text=True)
    assert "The deadline was moved earlier" in round_page
    assert "Results are needed for the board meeting." in round_page


def test_dates_that_cannot_change_are_shown_as_text(client, login_as, facilitator, make_round):
    scheduled = make_round(opens_in=timedelta(days=1), closes_in=timedelta(days=8))
    open_round = make_round(title="Open")
    login_as(facilitator)
    assert 'name="opens_at"' in _settings(client, scheduled)
    page = _settings(client, open_round)
    assert 'name="opens_at"' not in page and 'name="closes_at" id="closes_at"' not in page
    assert re.search(r"<p>Opens: ", page) and re.search(r"<p>Closes: ", page)
    ids = re.findall(r'\sid="([^"]+)"', page)
    assert len(ids) == len(set(ids))
    # the settings form as rendered still saves
    form = rendered_form(page, having="title")
    form.set("title", "Open, renamed")
    reply = client.post(f"/manage/rounds/{open_round.id}", data=form.data("Save the round"))
    assert reply.status_code == 302 and open_round.title == "Open, renamed"
