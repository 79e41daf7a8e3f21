"""The interface in each shipped language: complete catalogues, the language switcher, the
order of choice (account, remembered choice, browser, English), dates in the reader's
language and zone, e-mails in the recipient's language and zone with an HTML part."""

from datetime import timedelta
from zoneinfo import ZoneInfo

import pytest
from flask_babel import force_locale, gettext

from app.consultations import audience
from app.extensions import db
from tests.conftest import PASSWORD
from tests.forms import rendered_form
from tests.i18n.catalogues import LOCALES, problems, stale_compiled
from tests.mails import html, plain


@pytest.mark.parametrize("locale", LOCALES)
def test_every_message_is_translated_with_its_placeholders(locale):
    assert problems(locale) == []


@pytest.mark.parametrize("locale", LOCALES)
def test_compiled_catalogues_hold_what_the_catalogues_say(locale):
    assert not stale_compiled(locale), "run `make translations`"


def _in(app, locale: str, message: str, **values) -> str:
    with app.test_request_context(), force_locale(locale):
        return gettext(message, **values)


def _switch(client, language: str, page: str = "/"):
    form = rendered_form(client.get(page), action="/language")
    assert dict(form.data())["back"] == page
    return client.post(form.action, data=form.set("language", language).data())


def test_the_switcher_remembers_the_choice_of_someone_signed_out(app, client):
    assert '<html lang="en">' in client.get("/").get_data(as_text=True)
    answer = _switch(client, "it", "/publications/")
    assert answer.status_code == 302 and answer.location.endswith("/publications/")
    page = client.get("/").get_data(as_text=True)
    assert '<html lang="it">' in page
    assert f">{_in(app, 'it', 'Sign in')}<" in page
    # the choice outlives the session: it is in a cookie, and beats the browser's language
    assert '<html lang="it">' in client.get(
        "/", headers={"Accept-Language": "de"}).get_data(as_text=True)


def test_the_switcher_stores_the_choice_on_the_account(client, login_as, stakeholder, app):
    login_as(stakeholder)
    _switch(client, "fi", "/account")
    assert stakeholder.preferred_language == "fi"
    client.post("/logout")
    other = app.test_client()  # another browser, no cookie: the account's language
    other.post("/login", data={"email": stakeholder.email, "password": PASSWORD})
    assert '<html lang="fi">' in other.get("/", headers={
        "Accept-Language": "bg"}).get_data(as_text=True)


@pytest.mark.parametrize("language", ["zz", "<script>", "", "e" * 500, "it\x00"])
def test_an_unknown_language_changes_nothing(client, language):
    form = rendered_form(client.get("/"), action="/language")
    answer = client.post(form.action, data=form.set("language", language).data(),
                         follow_redirects=True)
    assert answer.status_code in (200, 400)
    assert "language=" not in answer.headers.get("Set-Cookie", "")
    assert '<html lang="en">' in client.get("/").get_data(as_text=True)


def test_the_way_back_stays_on_this_site(client):
    form = rendered_form(client.get("/"), action="/language")
    answer = client.post(form.action, data=form.set("language", "es")
                         .set("back", "https://evil.example/").data())
    assert answer.status_code == 302 and answer.location == "/"


@pytest.mark.parametrize(("header", "expected"), [
    ("fi,en;q=0.5", "fi"), ("bg-BG", "bg"), ("nl-BE,fr;q=0.8", "nl"), ("xx", "en"), ("", "en")])
def test_the_browser_language_else_english(client, header, expected):
    page = client.get("/", headers={"Accept-Language": header}).get_data(as_text=True)
    assert f'<html lang="{expected}">' in page


def test_the_accounts_language_beats_the_browsers(client, login_as, make_user):
    person = make_user(preferred_language="bg")
    login_as(person)
    page = client.get("/", headers={"Accept-Language": "de"}).get_data(as_text=True)
    assert '<html lang="bg">' in page


def test_deadlines_in_the_rounds_zone_unless_the_reader_chose_one(
        client, login_as, participant, make_round):
    from tests.privacy.helpers import chose_publication

    round_ = make_round(timezone="Europe/Helsinki", closes_in=timedelta(days=30))
    chose_publication(round_, participant)
    login_as(participant)
    local = round_.closes_at.astimezone(ZoneInfo("Europe/Helsinki"))
    page = client.get(f"/rounds/{round_.id}").get_data(as_text=True)
    assert f"{local:%H:%M} {local.tzname()} (Europe/Helsinki)" in page
    participant.timezone = "UTC"
    db.session.commit()
    page = client.get(f"/rounds/{round_.id}").get_data(as_text=True)
    assert f"{round_.closes_at:%H:%M} UTC" in page and "Europe/Helsinki)" not in page


def test_dates_take_the_readers_language(client, login_as, participant, make_round):
    from tests.privacy.helpers import chose_publication

    round_ = make_round(timezone="UTC")
    chose_publication(round_, participant)
    participant.preferred_language = "it"
    db.session.commit()
    login_as(participant)
    page = client.get(f"/rounds/{round_.id}").get_data(as_text=True)
    months = ["gen", "feb", "mar", "apr", "mag", "giu", "lug", "ago", "set", "ott", "nov",
              "dic"]
    assert f"{round_.closes_at.day} {months[round_.closes_at.month - 1]} " in page


def test_an_invitation_is_written_in_the_recipients_language_and_zone(
        app, facilitator, make_round, make_user, make_organisation, outbox):
    organisation = make_organisation(name="Oy Puu", country="FI")
    finn = make_user(email="finn@example.org", preferred_language="fi",
                     timezone="Europe/Helsinki", organisations=[organisation])
    english = make_user(email="eng@example.org", organisations=[organisation])
    round_ = make_round(title="Pyöreä pöytä", timezone="Europe/Brussels")
    audience.invite_audience(facilitator, round_)
    db.session.commit()
    mails = {m["To"]: m for m in outbox()}
    finnish = mails[finn.email]
    assert finnish["Subject"] == _in(app, "fi", "Invitation: %(title)s", title=round_.title)
    assert _in(app, "fi", "Hello %(name)s,", name=finn.display_name) in plain(finnish)
    assert "(Europe/Helsinki)" in plain(finnish)
    assert '<html lang="fi">' in html(finnish)
    link = f"/rounds/{round_.id}"
    assert f'<a href="http://localhost{link}">' in html(finnish)
    # someone who chose no zone reads the round's own
    assert mails[english.email]["Subject"] == f"Invitation: {round_.title}"
    assert "(Europe/Brussels)" in plain(mails[english.email])
    assert '<html lang="en">' in html(mails[english.email])


def test_the_html_part_escapes_what_people_typed(facilitator, make_round, make_user,
                                                 make_organisation, outbox):
    organisation = make_organisation(name="Org", country="IT")
    make_user(email="x@example.org", name="<b>Bold</b> & co", organisations=[organisation])
    round_ = make_round(title="<script>alert(1)</script>")
    audience.invite_audience(facilitator, round_)
    db.session.commit()
    [message] = [m for m in outbox() if m["To"] == "x@example.org"]
    body = html(message)
    assert "<script>" not in body and "&lt;script&gt;" in body
    assert "<b>Bold</b>" not in body and "&lt;b&gt;Bold&lt;/b&gt; &amp; co" in body
