"""Faults: the database or Redis unreachable, and two sign-ins of one account at once."""

import logging

import pytest
from sqlalchemy import update

from app import create_app
from app.accounts import services as accounts
from app.accounts.models import User
from app.extensions import db, limiter
from config import Config
from tests.conftest import PASSWORD
from tests.databases import is_postgresql

REDIS_DOWN = "redis://127.0.0.1:1/0"  # nothing listens on port 1


@pytest.fixture
def outage_client(tmp_path):
    """A client of an app whose database cannot be reached, with a signed-in session."""
    url = ("postgresql+psycopg://postgres@127.0.0.1:1/unreachable?connect_timeout=2"
           if is_postgresql() else f"sqlite:///{tmp_path}/missing/folder/db.sqlite")
    application = create_app({"TESTING": True, "SQLALCHEMY_DATABASE_URI": url,
                              "PROPAGATE_TEST_ERRORS": False})
    client = application.test_client()
    with client.session_transaction() as session:
        session["_user_id"], session["_fresh"] = "1:a-session-key", True  # User.get_id()
    yield client
    with application.app_context():
        db.engine.dispose()


def test_database_outage_serves_the_sites_own_503_page(outage_client):
    for path in ("/", "/account", "/rounds/1"):
        response = outage_client.get(path)
        assert response.status_code == 503, path
        assert response.headers["Retry-After"] == "60"
        page = response.get_data(as_text=True)
        assert "Temporarily unavailable" in page and "try again in a minute" in page
        assert '<nav' in page and "Sign in" in page  # the layout, without the user


def test_autosave_during_an_outage_answers_json_so_the_page_keeps_the_text(outage_client):
    response = outage_client.post("/rounds/1/autosave", data={"version": "1"},
                                  headers={"X-Requested-With": "fetch"})
    assert response.status_code == 503 and response.headers["Retry-After"] == "60"
    assert response.is_json and "try again in a minute" in response.json["message"]


def test_health_check_names_the_database(outage_client):
    response = outage_client.get("/healthz")
    assert response.status_code == 503
    assert response.json["status"] == "error" and response.json["database"].startswith("error")


# --- Redis -----------------------------------------------------------------------------------

def test_login_throttling_falls_back_to_memory_when_redis_is_down(app, caplog):
    throttled = create_app({
        "TESTING": True, "SQLALCHEMY_DATABASE_URI": app.config["SQLALCHEMY_DATABASE_URI"],
        "RATELIMIT_ENABLED": True, "RATELIMIT_STORAGE_URI": REDIS_DOWN,
        "LOGIN_RATE_LIMIT": Config.LOGIN_RATE_LIMIT,
        "LOGIN_ACCOUNT_RATE_LIMIT": Config.LOGIN_ACCOUNT_RATE_LIMIT,
        "PROPAGATE_TEST_ERRORS": False})
    try:
        client = throttled.test_client()
        with caplog.at_level(logging.WARNING):
            statuses = [client.post("/login", data={"email": "x@example.org",
                                                    "password": "wrong password"}).status_code
                        for _ in range(6)]
        assert statuses == [200] * 5 + [429]  # still counted, in this process's memory
        assert any("in-memory" in record.getMessage() for record in caplog.records)
    finally:
        # Flask-Limiter keeps one state per process: later apps must start on their storage
        limiter._storage_dead = False
        limiter.enabled = False
        with throttled.app_context():
            db.engine.dispose()


def test_health_check_reports_redis_when_it_is_configured(client, app, monkeypatch):
    assert "redis" not in client.get("/healthz").json
    monkeypatch.setitem(app.config, "REDIS_URL", REDIS_DOWN)
    response = client.get("/healthz")
    assert response.status_code == 503
    assert response.json["database"] == "ok"
    assert response.json["redis"].startswith("error: ")


# --- one account, two sign-ins ---------------------------------------------------------------

def _another_sign_in_committed(user: User) -> None:
    """What a concurrent sign-in of the same account leaves behind: a newer row version."""
    db.session.execute(update(User.__table__).where(User.__table__.c.id == user.id)
                       .values(version=User.__table__.c.version + 1))


def test_recording_a_sign_in_never_conflicts_with_another(stakeholder):
    _another_sign_in_committed(stakeholder)
    accounts.record_login(stakeholder)
    db.session.flush()  # was StaleDataError
    db.session.expire_all()
    assert stakeholder.last_login_at is not None


def test_signing_in_while_another_sign_in_lands_succeeds(client, stakeholder, monkeypatch):
    authenticate = accounts.authenticate

    def racing(email, password):
        user = authenticate(email, password)
        _another_sign_in_committed(user)
        return user

    monkeypatch.setattr(accounts, "authenticate", racing)
    response = client.post("/login", data={"email": stakeholder.email, "password": PASSWORD})
    assert response.status_code == 302
    assert client.get("/account").status_code == 200


def test_a_concurrent_change_elsewhere_gives_the_conflict_page(app, client, admin, login_as,
                                                                monkeypatch):
    from sqlalchemy.orm.exc import StaleDataError

    def stale():
        raise StaleDataError("UPDATE statement on table 'x' expected to update 1 row(s)")

    monkeypatch.setitem(app.view_functions, "core.index", stale)
    login_as(admin)
    response = client.get("/")
    assert response.status_code == 409
    assert "Someone else changed this at the same time" in response.get_data(as_text=True)
