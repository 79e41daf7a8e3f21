"""Sign-in, invitations, resets, one's account, and the administrators' user pages."""

import os
import re
from contextlib import contextmanager

import pytest
import redis

from app import create_app
from app.accounts import services
from app.accounts.tokens import make_token
from app.extensions import db, limiter
from config import Config
from tests.conftest import PASSWORD
from tests.mails import plain

ADMIN_PAGES = ["/admin/users/", "/admin/organisations/", "/admin/organisations/new",
               "/admin/import/", "/admin/vocabularies/", "/admin/vocabularies/sector",
               "/admin/audit/", "/admin/import/template/users.csv"]


def _text(response) -> str:
    return response.get_data(as_text=True)


# --- sign-in -------------------------------------------------------------------------------

def test_login_page(client):
    page = _text(client.get("/login"))
    assert '<label for="email">E-mail address</label>' in page
    assert '<label for="password">Password</label>' in page


def test_login_success_records_time_and_redirects(client, stakeholder):
    response = client.post("/login", data={"email": stakeholder.email, "password": PASSWORD})
    assert response.status_code == 302 and response.headers["Location"] == "/"
    assert stakeholder.last_login_at is not None


def test_login_follows_only_local_next(client, stakeholder):
    data = {"email": stakeholder.email, "password": PASSWORD}
    response = client.post("/login", data=data | {"next": "/account"})
    assert response.headers["Location"] == "/account"
    client.post("/logout")
    for target in ("https://evil.example/", "//evil.example/x", "javascript:alert(1)"):
        response = client.post("/login", data=data | {"next": target})
        assert response.headers["Location"] == "/"
        client.post("/logout")


def test_login_failures_do_not_reveal_accounts(client, stakeholder):
    wrong_password = _text(client.post("/login", data={"email": stakeholder.email,
                                                       "password": "nope nope nope"}))
    unknown_email = _text(client.post("/login", data={"email": "ghost@example.org",
                                                      "password": "nope nope nope"}))
    message = "The e-mail address or password is not correct."
    assert message in wrong_password and message in unknown_email
    strip = re.compile(r'value="[^"]*"')
    assert strip.sub("", wrong_password) == strip.sub("", unknown_email)


def test_deactivated_account_gets_the_same_message(client, admin, stakeholder):
    services.set_active(admin, stakeholder, False)
    page = _text(client.post("/login", data={"email": stakeholder.email, "password": PASSWORD}))
    assert "The e-mail address or password is not correct." in page


def test_remember_me_sets_cookie(client, stakeholder):
    response = client.post("/login", data={"email": stakeholder.email, "password": PASSWORD,
                                            "remember": "y"})
    cookies = response.headers.getlist("Set-Cookie")
    assert any(c.startswith("remember_token=") for c in cookies)


def test_logout(client, login_as, stakeholder):
    login_as(stakeholder)
    assert client.post("/logout").status_code == 302
    assert client.get("/account").status_code == 302


def test_deactivation_ends_existing_sessions(client, login_as, admin, stakeholder):
    login_as(stakeholder)
    services.set_active(admin, stakeholder, False)
    response = client.get("/account")
    assert response.status_code == 302 and "/login" in response.headers["Location"]


# --- throttling ----------------------------------------------------------------------------

@contextmanager
def throttling(app, storage_uri: str):
    """A client of an app with login throttling on, using this storage, with fresh counters.

    Flask-Limiter keeps one storage for the process, so the suite's app is restored after.
    """
    throttled_app = create_app({
        "TESTING": True,
        "SQLALCHEMY_DATABASE_URI": app.config["SQLALCHEMY_DATABASE_URI"],
        "RATELIMIT_ENABLED": True,
        "RATELIMIT_STORAGE_URI": storage_uri,
        "LOGIN_RATE_LIMIT": Config.LOGIN_RATE_LIMIT,
        "LOGIN_ACCOUNT_RATE_LIMIT": Config.LOGIN_ACCOUNT_RATE_LIMIT,
    })
    limiter.reset()
    try:
        yield throttled_app.test_client()
    finally:
        limiter.reset()
        limiter.enabled = False
        with throttled_app.app_context():
            db.engine.dispose()


def _fail_login(client, email: str) -> int:
    return client.post("/login", data={"email": email, "password": "wrong password"}).status_code


def test_login_is_throttled_per_account(app):
    with throttling(app, "memory://") as client:
        assert [_fail_login(client, "target@example.org") for _ in range(6)] == [200] * 5 + [429]
        response = client.post("/login", data={"email": "TARGET@example.org", "password": "x"})
        assert response.status_code == 429
        assert "Too many attempts" in _text(response)
        assert _fail_login(client, "someone.else@example.org") == 200


def test_login_is_throttled_per_address(app):
    with throttling(app, "memory://") as client:
        statuses = [_fail_login(client, f"p{i}@example.org") for i in range(11)]
        assert statuses == [200] * 10 + [429]
        assert client.get("/login").status_code == 200  # reading the page is not throttled


def test_password_reset_requests_are_throttled(app):
    with throttling(app, "memory://") as client:
        statuses = [client.post("/password/forgot", data={"email": f"r{i}@example.org"})
                    .status_code for i in range(11)]
        assert statuses == [302] * 10 + [429]


def test_throttling_with_redis_storage(app):
    redis_url = os.environ.get("TEST_REDIS_URL", "redis://127.0.0.1:6379/15")
    store = redis.Redis.from_url(redis_url)
    with throttling(app, redis_url) as client:
        assert [_fail_login(client, "r@example.org") for _ in range(6)] == [200] * 5 + [429]
        assert store.keys("*login:*:r@example.org*")
    store.close()


# --- password reset and invitations --------------------------------------------------------

def test_reset_request_answer_is_the_same_for_unknown_addresses(client, stakeholder, outbox):
    known = client.post("/password/forgot", data={"email": stakeholder.email},
                        follow_redirects=True)
    unknown = client.post("/password/forgot", data={"email": "ghost@example.org"},
                          follow_redirects=True)
    assert _text(known) == _text(unknown)
    assert "If an account exists for that address" in _text(known)
    assert len(outbox()) == 1


def test_reset_flow(client, stakeholder, outbox):
    client.post("/password/forgot", data={"email": stakeholder.email}).close()
    link = re.search(r"http://\S+/password/reset/\S+", plain(outbox()[0])).group(0)
    path = link.split("localhost", 1)[1]
    assert client.get(path).status_code == 200
    response = client.post(path, data={"password": "my new password 1",
                                       "confirm": "my new password 1"})
    assert response.status_code == 302
    assert services.authenticate(stakeholder.email, "my new password 1") == stakeholder
    used = client.get(path)
    assert used.status_code == 400 and "not valid or has been used" in _text(used)


def test_reset_form_errors_are_tied_to_fields(client, stakeholder):
    token = make_token(stakeholder, "password-reset")
    page = _text(client.post(f"/password/reset/{token}",
                             data={"password": "short", "confirm": "other"}))
    assert 'aria-invalid="true"' in page
    assert 'id="password-error"' in page
    assert 'aria-describedby="password-hint password-error"' in page
    assert "The passwords differ." in page
    assert services.authenticate(stakeholder.email, PASSWORD) == stakeholder


def test_expired_link_page(client, stakeholder, app, monkeypatch):
    token = make_token(stakeholder, "password-reset")
    import itsdangerous.timed

    later = itsdangerous.timed.time.time() + app.config["PASSWORD_RESET_MAX_AGE"] + 5
    monkeypatch.setattr(itsdangerous.timed.time, "time", lambda: later)
    response = client.get(f"/password/reset/{token}")
    assert response.status_code == 400 and "This link has expired" in _text(response)


def test_invitation_flow(client, login_as, facilitator, make_organisation, outbox):
    organisation = make_organisation(name="Comune di Prova")
    login_as(facilitator)
    page = _text(client.get("/people/invite"))
    assert "is_administrator" not in page  # facilitators give no roles
    response = client.post("/people/invite", data={
        "email": "Invitee@Example.org", "display_name": "In Vitee",
        "organisations": [organisation.id], "preferred_language": "it",
        "is_administrator": "y",
    })
    assert response.status_code == 302
    response.close()  # the invitation leaves once the answer is sent
    invitee = services.find_by_email("invitee@example.org")
    # only administrators add people to organisations: the field is not on the page
    assert invitee.organisations == [] and not invitee.is_administrator
    client.post("/logout")
    path = re.search(r"/invitation/\S+", plain(outbox()[0])).group(0)
    assert "Welcome, In Vitee" in _text(client.get(path))
    response = client.post(path, data={"password": "invited password", "confirm":
                                       "invited password"}, follow_redirects=True)
    page = _text(response)  # signed in: the page speaks the language chosen for the account
    assert '<html lang="it">' in page and "In Vitee" in page
    assert services.authenticate("invitee@example.org", "invited password") == invitee


def test_inviting_an_existing_address_keeps_the_form(client, login_as, admin, stakeholder):
    login_as(admin)
    response = client.post("/people/invite", data={"email": stakeholder.email.upper(),
                                                   "display_name": "Dup",
                                                   "preferred_language": "en"})
    page = _text(response)
    assert response.status_code == 200
    assert "exists already" in page and 'value="Dup"' in page


# --- own account ---------------------------------------------------------------------------

def test_account_page_and_profile_update(client, login_as, stakeholder):
    login_as(stakeholder)
    assert stakeholder.email in _text(client.get("/account"))
    response = client.post("/account", data={"display_name": "Samuel", "preferred_language":
                                             "fi", "timezone": "Europe/Helsinki"})
    assert response.status_code == 302
    assert (stakeholder.display_name, stakeholder.preferred_language, stakeholder.timezone) == (
        "Samuel", "fi", "Europe/Helsinki")


def test_account_rejects_unknown_time_zone(client, login_as, stakeholder):
    login_as(stakeholder)
    response = client.post("/account", data={"display_name": "S", "preferred_language": "en",
                                             "timezone": "Mars/Olympus"})
    assert "Not a valid choice" in _text(response)
    assert stakeholder.timezone == ""  # none chosen: each round's own zone


def test_change_password_route(client, login_as, stakeholder):
    login_as(stakeholder)
    page = _text(client.post("/account/password", data={
        "current_password": "wrong wrong", "password": "new password 22",
        "confirm": "new password 22"}))
    assert "Your current password is not correct." in page
    assert 'id="current_password-error"' in page
    response = client.post("/account/password", data={
        "current_password": PASSWORD, "password": "new password 22",
        "confirm": "new password 22"})
    assert response.status_code == 302
    assert services.authenticate(stakeholder.email, "new password 22") == stakeholder


# --- permissions on pages -------------------------------------------------------------------

@pytest.mark.parametrize("path", ADMIN_PAGES + ["/account", "/people/invite"])
def test_anonymous_users_are_sent_to_login(client, path):
    response = client.get(path)
    assert response.status_code == 302
    assert response.headers["Location"].startswith("/login?next=")


@pytest.mark.parametrize("path", ADMIN_PAGES + ["/people/invite"])
def test_stakeholders_get_403_on_admin_pages(client, login_as, stakeholder, path):
    login_as(stakeholder)
    response = client.get(path)
    assert response.status_code == 403
    assert "Not allowed" in _text(response)


@pytest.mark.parametrize("path", ADMIN_PAGES)
def test_facilitators_get_403_on_admin_pages(client, login_as, facilitator, path):
    login_as(facilitator)
    assert client.get(path).status_code == 403


def test_stakeholder_cannot_post_admin_actions(client, login_as, stakeholder, admin):
    login_as(stakeholder)
    assert client.post(f"/admin/users/{admin.id}/active").status_code == 403
    assert admin.is_active


@pytest.mark.parametrize("path", ADMIN_PAGES)
def test_administrators_see_admin_pages(client, login_as, admin, path):
    login_as(admin)
    assert client.get(path).status_code == 200


# --- administrators' user pages ------------------------------------------------------------

def test_user_list_search_and_pagination(client, login_as, admin, make_user):
    for i in range(30):
        make_user(name=f"Bulk Person {i:02d}", email=f"bulk{i:02d}@example.org")
    login_as(admin)
    first = _text(client.get("/admin/users/?q=bulk"))
    assert "30 results" in first and "Page 1 of 2" in first
    assert "Bulk Person 00" in first and "Bulk Person 29" not in first
    second = _text(client.get("/admin/users/?q=bulk&page=2"))
    assert "Bulk Person 29" in second and 'rel="prev"' in second


def test_admin_edits_roles_and_memberships(client, login_as, admin, stakeholder,
                                            make_organisation):
    organisation = make_organisation()
    login_as(admin)
    response = client.post(f"/admin/users/{stakeholder.id}", data={
        "email": stakeholder.email, "display_name": "Sam S.", "preferred_language": "en",
        "organisations": [organisation.id], "is_facilitator": "y",
        "version": stakeholder.version})
    assert response.status_code == 302
    assert stakeholder.is_facilitator and stakeholder.organisations == [organisation]


def test_concurrent_user_edit_is_refused_and_input_kept(client, login_as, admin, stakeholder):
    login_as(admin)
    stale = stakeholder.version
    services.update_user(admin, stakeholder, display_name="Changed meanwhile")
    db.session.commit()  # the other editor's change is saved
    page = _text(client.post(f"/admin/users/{stakeholder.id}", data={
        "email": stakeholder.email, "display_name": "My edit", "preferred_language": "en",
        "version": stale}))
    assert "Someone else changed this record" in page
    assert 'value="My edit"' in page
    assert stakeholder.display_name == "Changed meanwhile"


def test_deactivate_and_reactivate(client, login_as, admin, stakeholder):
    login_as(admin)
    client.post(f"/admin/users/{stakeholder.id}/active")
    assert not stakeholder.is_active
    client.post(f"/admin/users/{stakeholder.id}/active")
    assert stakeholder.is_active


def test_resend_invitation(client, login_as, admin, make_user, outbox):
    invited = make_user(password=None)
    login_as(admin)
    assert "Send the invitation again" in _text(client.get(f"/admin/users/{invited.id}"))
    client.post(f"/admin/users/{invited.id}/invitation").close()
    assert [m["To"] for m in outbox()] == [invited.email]


def test_resend_invitation_refused_once_password_is_set(client, login_as, admin, stakeholder):
    login_as(admin)
    response = client.post(f"/admin/users/{stakeholder.id}/invitation")
    assert response.status_code == 409 and "has set a password already" in _text(response)
