"""Home page, health check, error pages and security headers."""

import pytest

from app import create_app
from config import DEV_SECRET_KEY


def test_home_page_anonymous_offers_sign_in(client):
    response = client.get("/")
    assert response.status_code == 200
    assert b'href="/login"' in response.data
    assert b"Skip to main content" in response.data


def test_home_page_signed_in_shows_organisations(client, login_as, make_user, make_organisation):
    organisation = make_organisation(name="Legno Verde", is_startup=True,
                                     stakeholder_type="enterprise")
    user = make_user(name="Sara Greco", organisations=[organisation])
    login_as(user)
    page = client.get("/").get_data(as_text=True)
    assert "Welcome, Sara Greco" in page
    assert "Legno Verde" in page and "start-up" in page
    assert "/admin/users" not in page  # no admin navigation for a stakeholder


def test_admin_navigation_only_for_administrators(client, login_as, admin):
    login_as(admin)
    page = client.get("/").get_data(as_text=True)
    for link in ("/admin/users/", "/admin/organisations/", "/admin/import/",
                 "/admin/vocabularies/", "/admin/audit/"):
        assert f'href="{link}"' in page


def test_healthz_reports_database_ok(client):
    response = client.get("/healthz")
    assert response.status_code == 200
    assert response.get_json() == {"status": "ok", "database": "ok"}


def test_healthz_reports_unreachable_database(tmp_path):
    broken = create_app({
        "TESTING": True,
        "SQLALCHEMY_DATABASE_URI": "postgresql+psycopg://nobody@127.0.0.1:1/none",
        "SQLALCHEMY_ENGINE_OPTIONS": {"connect_args": {"connect_timeout": 2}},
    })
    response = broken.test_client().get("/healthz")
    assert response.status_code == 503
    body = response.get_json()
    assert body["status"] == "error"
    assert body["database"].startswith("error")


def test_security_headers(client):
    response = client.get("/login")
    csp = response.headers["Content-Security-Policy"]
    assert "default-src 'self'" in csp and "script-src 'self'" in csp
    assert "frame-ancestors 'none'" in csp and "object-src 'none'" in csp
    assert response.headers["X-Content-Type-Options"] == "nosniff"
    assert response.headers["X-Frame-Options"] == "DENY"
    assert response.headers["Referrer-Policy"] == "same-origin"


def test_session_cookie_is_http_only_and_same_site(client, admin):
    response = client.post("/login", data={"email": admin.email,
                                            "password": "correct horse battery"})
    cookie = response.headers.get("Set-Cookie", "")
    assert "HttpOnly" in cookie and "SameSite=Lax" in cookie


@pytest.mark.parametrize("path", ["/nowhere", "/admin/organisations/999999"])
def test_not_found_page_in_layout(client, login_as, admin, path):
    login_as(admin)
    response = client.get(path)
    assert response.status_code == 404
    page = response.get_data(as_text=True)
    assert "Page not found" in page and 'id="main"' in page


def test_method_not_allowed(client):
    assert client.get("/logout").status_code == 405


def test_too_large_upload_gets_413_page(app, client, login_as, admin):
    login_as(admin)
    app.config["MAX_CONTENT_LENGTH"] = 1000
    try:
        response = client.post("/admin/import/check", data={"kind": "organisations",
                                                            "x": "y" * 5000})
    finally:
        app.config["MAX_CONTENT_LENGTH"] = 5 * 1024 * 1024
    assert response.status_code == 413
    assert "File too large" in response.get_data(as_text=True)


def test_unexpected_error_gets_500_page(app, client, monkeypatch):
    def boom(*args, **kwargs):
        raise RuntimeError("boom")

    monkeypatch.setattr("app.core.routes.render_template", boom)
    app.config["PROPAGATE_TEST_ERRORS"] = False
    try:
        response = client.get("/")
    finally:
        app.config["PROPAGATE_TEST_ERRORS"] = True
    assert response.status_code == 500
    assert "Something went wrong" in response.get_data(as_text=True)


def test_production_refuses_development_secret(monkeypatch):
    from config import ProductionConfig

    monkeypatch.setattr(ProductionConfig, "SECRET_KEY", DEV_SECRET_KEY)
    with pytest.raises(RuntimeError, match="SECRET_KEY"):
        create_app("production")


def test_production_starts_with_real_secret(monkeypatch, tmp_path):
    from config import ProductionConfig

    monkeypatch.setattr(ProductionConfig, "SECRET_KEY", "x" * 64)
    monkeypatch.setattr(ProductionConfig, "SQLALCHEMY_DATABASE_URI", f"sqlite:///{tmp_path}/p.db")
    app = create_app("production")
    assert app.config["SESSION_COOKIE_SECURE"] is True
