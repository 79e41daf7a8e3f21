"""Same-site `back` redirects, no-store on private pages and downloads, one charset."""

import pytest

from app.core.urls import same_site_path


@pytest.mark.parametrize("target", [
    "//evil.example/x", "https://evil.example/", "javascript:alert(1)", "/\\evil.example",
    "/ok\r\nSet-Cookie: x=1", "/ok\nLocation: //evil", "evil.example", "", None, "/\x7f"])
def test_back_refuses_other_sites_and_control_characters(target):
    assert same_site_path(target, "/fallback") == "/fallback"


def test_back_keeps_same_site_paths():
    assert same_site_path("/manage/1/explore?code=2", "/x") == "/manage/1/explore?code=2"


@pytest.mark.parametrize("back", ["//evil.example/x", "https://evil.example/",
                                  "/x\r\nSet-Cookie: a=b"])
def test_explorer_back_field_stays_on_the_site(client, login_as, facilitator, collated, back):
    round_, _people = collated
    login_as(facilitator)
    response = client.post(f"/manage/{round_.consultation_id}/explore/codes", data={
        "item": [], "code": [], "action": "apply", "back": back})
    assert response.status_code == 302
    assert response.headers["Location"] == f"/manage/{round_.consultation_id}/explore"


def test_signed_in_pages_and_downloads_are_not_stored(client, login_as, facilitator, collated):
    round_, _people = collated
    assert "no-store" not in client.get("/login").headers.get("Cache-Control", "")
    login_as(facilitator)
    assert client.get("/account").headers["Cache-Control"] == "no-store"
    response = client.get(f"/manage/{round_.consultation_id}/export/answers.csv")
    assert response.headers["Cache-Control"] == "no-store"
    assert response.headers["Content-Type"] == "text/csv; charset=utf-8"
    response.close()


def test_template_download_has_one_charset(client, login_as, admin):
    login_as(admin)
    response = client.get("/admin/import/template/users.csv")
    assert response.headers["Content-Type"].count("charset") == 1
    assert response.headers["Cache-Control"] == "no-store"
