"""The site's privacy notice: public, edited by administrators, versioned, seen once."""

from sqlalchemy import func, select

from app.privacy import services
from app.privacy.models import NoticeAcknowledgement, PrivacyNotice
from tests.forms import rendered_form


def _count(db, model):
    return db.session.scalar(select(func.count()).select_from(model))


def test_notice_is_public_and_in_every_footer(client, db):
    page = client.get("/privacy").get_data(as_text=True)
    assert "Privacy notice" in page and "Controller" in page and "Retention" in page
    assert 'href="/privacy"' in client.get("/login").get_data(as_text=True)


def test_administrator_publishes_versions_through_the_form(client, db, login_as, admin):
    login_as(admin)
    for number, text in ((1, "# Controller\n\nACME <script>alert(1)</script>"),
                         (2, "# Controller\n\nSecond ‮ version 🌲 Äänestys")):
        form = rendered_form(client.get("/privacy/edit"), action="").values()
        form["body"] = text
        assert client.post("/privacy/edit", data=form).status_code == 302
        assert services.current_number() == number
    page = client.get("/privacy").get_data(as_text=True)
    assert "Second" in page and "Version 2" in page and "<script>alert" not in page


def test_non_administrators_cannot_edit(client, db, login_as, facilitator, stakeholder):
    for person in (facilitator, stakeholder):
        login_as(person)
        assert client.get("/privacy/edit").status_code == 403
        assert client.post("/privacy/edit", data={"body": "Mine"}).status_code in (400, 403)
        client.post("/logout")
    assert client.get("/privacy/edit").status_code == 302  # to sign-in
    assert _count(db, PrivacyNotice) == 0


def test_hostile_notice_text_is_refused_or_kept_safe(client, db, login_as, admin):
    login_as(admin)
    form = rendered_form(client.get("/privacy/edit"), action="").values()
    for body, status in (("", 200), (" \x00 ", 400), ("x" * 50_001, 200), ("[" * 5_000, 200),
                         ("- " * 600 + "[" * 5_000, 200)):
        form["body"] = body  # a control character is refused before any view (core.input)
        assert client.post("/privacy/edit", data=form).status_code == status
    assert services.current_notice() is None
    for body in ("- " * 600 + "x", "[" * 400 + "\x00",
                 "=HYPERLINK(\"http://x\") " + "w" * 10_000 + " \u202e مرحبا"):
        form["body"] = body
        status = client.post("/privacy/edit", data=form).status_code
        assert status in (200, 302, 400)
        assert client.get("/privacy").status_code == 200
    assert "\x00" not in services.current_notice().body


def test_new_version_is_shown_once_and_recorded(client, db, login_as, admin, participant):
    services.publish_notice(admin, "Version one")
    login_as(participant)
    response = client.get("/my")
    assert response.status_code == 302 and "/privacy?next=/my" in response.location
    page = client.get(response.location).get_data(as_text=True)
    assert "has changed" in page
    form = rendered_form(page, action="/privacy/seen").values()
    assert client.post("/privacy/seen", data=form).location == "/my"
    assert db.session.get(NoticeAcknowledgement, participant.id).number == 1
    assert client.get("/my").status_code == 200
    services.publish_notice(admin, "Version two")
    assert client.get("/my").status_code == 302
    client.post("/privacy/seen", data=form)
    assert db.session.get(NoticeAcknowledgement, participant.id).number == 2


def test_seen_refuses_foreign_next(client, db, login_as, admin, participant):
    services.publish_notice(admin, "Version one")
    login_as(participant)
    form = rendered_form(client.get("/privacy"), action="/privacy/seen").values()
    for target in ("//evil.example", "https://evil.example/", "/\\evil.example"):
        form["next"] = target
        assert client.post("/privacy/seen", data=form).location == "/"
