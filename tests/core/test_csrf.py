"""Every form is protected against cross-site request forgery."""

import re

import pytest

from app import create_app


@pytest.fixture
def csrf_client(app, db):
    """A client of an app with CSRF protection on, sharing the test's database."""
    app.config["WTF_CSRF_ENABLED"] = True
    try:
        yield app.test_client()
    finally:
        app.config["WTF_CSRF_ENABLED"] = False


def _token(page: str) -> str:
    return re.search(r'name="csrf_token" type="hidden" value="([^"]+)"', page).group(1)


def test_login_without_token_is_rejected(csrf_client, admin):
    response = csrf_client.post("/login", data={"email": admin.email,
                                                "password": "correct horse battery"})
    assert response.status_code == 400
    assert "Bad request" in response.get_data(as_text=True)


def test_login_with_token_is_accepted(csrf_client, admin):
    token = _token(csrf_client.get("/login").get_data(as_text=True))
    response = csrf_client.post("/login", data={"email": admin.email, "csrf_token": token,
                                                "password": "correct horse battery"})
    assert response.status_code == 302


def test_logout_without_token_is_rejected(csrf_client, admin):
    token = _token(csrf_client.get("/login").get_data(as_text=True))
    csrf_client.post("/login", data={"email": admin.email, "csrf_token": token,
                                     "password": "correct horse battery"})
    assert csrf_client.post("/logout").status_code == 400


def test_admin_post_without_token_is_rejected(csrf_client, admin, stakeholder):
    token = _token(csrf_client.get("/login").get_data(as_text=True))
    csrf_client.post("/login", data={"email": admin.email, "csrf_token": token,
                                     "password": "correct horse battery"})
    response = csrf_client.post(f"/admin/users/{stakeholder.id}/active")
    assert response.status_code == 400
    assert stakeholder.is_active


def test_testing_config_disables_csrf_only_for_tests():
    assert create_app("development").config.get("WTF_CSRF_ENABLED", True) is True
