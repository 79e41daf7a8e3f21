"""Sessions end on the server: sign-out, sign-out everywhere, password change and reset."""

import re

import pytest

from app.accounts import services, sessions
from app.accounts.models import UserSession
from app.extensions import db
from tests.accounts.test_routes import _fail_login, throttling
from tests.clients import Browser
from tests.conftest import PASSWORD
from tests.forms import rendered_form
from tests.mails import plain


@pytest.fixture
def browser(client):
    """The test's client, as one browser."""
    return Browser(client)


def _cookies(client) -> dict:
    return {c.key: c.value for c in client._cookies.values()}


def _signed_in_as(app, cookies: dict) -> int:
    """Status of the account page for a fresh browser holding these cookies."""
    other = Browser(app.test_client())
    for name, value in cookies.items():
        other.set_cookie(name, value)
    return other.get("/account").status_code


def _sign_in(client, user, remember=False):
    data = {"email": user.email, "password": PASSWORD}
    if remember:
        data["remember"] = "y"
    assert client.post("/login", data=data).status_code == 302


def test_copied_cookies_stop_working_after_sign_out(app, browser, stakeholder):
    _sign_in(browser, stakeholder, remember=True)
    copied = _cookies(browser)
    assert "remember_token" in copied and "session" in copied
    assert _signed_in_as(app, copied) == 200
    assert _signed_in_as(app, {"remember_token": copied["remember_token"]}) == 200
    browser.post("/logout")
    assert _signed_in_as(app, copied) == 302
    assert _signed_in_as(app, {"remember_token": copied["remember_token"]}) == 302


def test_sign_out_everywhere_from_the_account_page(app, browser, stakeholder):
    laptop = Browser(app.test_client())
    _sign_in(laptop, stakeholder, remember=True)
    _sign_in(browser, stakeholder)
    page = browser.get("/account").get_data(as_text=True)
    assert "Sign out everywhere" in page
    form = rendered_form(page, action="/account/sessions/end")
    response = browser.post(form.action, data=form.data())
    assert response.status_code == 302
    assert browser.get("/account").status_code == 302
    assert laptop.get("/account").status_code == 302
    assert db.session.query(UserSession).filter_by(user_id=stakeholder.id,
                                                   ended_at=None).count() == 0


def test_password_change_ends_every_other_session(app, browser, stakeholder):
    phone = Browser(app.test_client())
    _sign_in(phone, stakeholder, remember=True)
    stolen = _cookies(phone)
    _sign_in(browser, stakeholder)
    page = browser.get("/account/password").get_data(as_text=True)
    data = rendered_form(page, having="current_password").set("current_password", PASSWORD).set(
        "password", "a brand new password").set("confirm", "a brand new password").data()
    assert browser.post("/account/password", data=data).status_code == 302
    assert browser.get("/account").status_code == 200  # this session goes on
    assert phone.get("/account").status_code == 302
    assert _signed_in_as(app, {"remember_token": stolen["remember_token"]}) == 302


def test_password_reset_ends_every_session(app, browser, stakeholder, outbox):
    phone = Browser(app.test_client())
    _sign_in(phone, stakeholder, remember=True)
    browser.post("/password/forgot", data={"email": stakeholder.email}).close()
    path = re.search(r"/password/reset/\S+", plain(outbox()[0])).group(0)
    browser.post(path, data={"password": "my new password 1", "confirm": "my new password 1"})
    assert browser.get("/account").status_code == 200
    assert phone.get("/account").status_code == 302


def test_remember_me_lasts_at_most_thirty_days(app, stakeholder):
    with app.test_request_context():
        key = sessions.start_session(stakeholder, remember=True)
        item = db.session.query(UserSession).filter_by(key=key).one()
        assert (item.expires_at - item.created_at).days == 30
    assert app.config["REMEMBER_COOKIE_DURATION"].days <= 30


def test_a_stranger_cannot_lock_the_owner_out(app):
    with throttling(app, "memory://") as client:
        stranger = {"REMOTE_ADDR": "203.0.113.9"}
        statuses = [client.post("/login", data={"email": "owner@example.org", "password": "x"},
                                environ_base=stranger).status_code for _ in range(6)]
        assert statuses == [200] * 5 + [429]
        owner = client.post("/login", data={"email": "owner@example.org", "password": "x"},
                            environ_base={"REMOTE_ADDR": "198.51.100.7"})
        assert owner.status_code == 200  # the owner's source has not failed: no lock
        assert _fail_login(client, "owner@example.org") == 200


def test_reset_and_invitation_mail_leaves_after_the_response(browser, stakeholder, outbox,
                                                             login_as, facilitator):
    sent = []
    for address in ("ghost@example.org", stakeholder.email):
        response = browser.post("/password/forgot", data={"email": address}, buffered=False)
        assert response.status_code == 302
        sent.append(len(outbox()))  # nothing leaves while the answer is given
        response.close()
    assert sent == [0, 0]
    assert [m["To"] for m in outbox()] == [stakeholder.email]
    login_as(facilitator)
    page = browser.get("/people/invite").get_data(as_text=True)
    response = browser.post("/people/invite", buffered=False, data=rendered_form(
        page, having="email").set("email", "new.person@example.org").set(
        "display_name", "New Person").data())
    assert response.status_code == 302
    assert len(outbox()) == 1
    response.close()
    assert outbox()[-1]["To"] == "new.person@example.org"


def test_old_style_session_ids_are_refused(app, stakeholder):
    with app.test_request_context():
        assert sessions.load_session_user(str(stakeholder.id)) is None
        assert sessions.load_session_user(f"{stakeholder.id}:nope") is None
        assert services.get_user(stakeholder.id) is stakeholder


def test_deactivation_ends_the_sessions(app, browser, stakeholder, admin):
    _sign_in(browser, stakeholder)
    assert browser.get("/account").status_code == 200
    services.set_active(admin, stakeholder, False)
    assert browser.get("/account").status_code == 302
