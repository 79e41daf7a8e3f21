"""The import pages: dry run first, import after confirmation."""

import io

from app.organisations import services as organisations

GOOD = ("name,stakeholder_type,country,governance_level\n"
        "Imported Agency,public_authority,ES,national\n")
BAD = GOOD + "Broken,planet,ES,national\n"


def _upload(client, text: str, kind="organisations", filename="orgs.csv"):
    return client.post("/admin/import/check", data={
        "kind": kind, "file": (io.BytesIO(text.encode()), filename)},
        content_type="multipart/form-data")


def test_dry_run_reports_problems_and_imports_nothing(client, login_as, admin):
    login_as(admin)
    page = _upload(client, BAD).get_data(as_text=True)
    assert "1 problem found. Nothing has been imported." in page
    assert "<td>3</td><td><code>stakeholder_type</code></td>" in page
    assert organisations.find_by_name("Imported Agency") is None


def test_clean_file_then_confirm(client, login_as, admin):
    login_as(admin)
    page = _upload(client, GOOD).get_data(as_text=True)
    assert "The file is clean: 1 line can be imported." in page
    assert organisations.find_by_name("Imported Agency") is None
    response = client.post("/admin/import/run", data={"kind": "organisations",
                                                      "content": GOOD})
    assert response.status_code == 302
    assert organisations.find_by_name("Imported Agency") is not None


def test_confirming_a_file_that_no_longer_checks_clean(client, login_as, admin):
    login_as(admin)
    client.post("/admin/import/run", data={"kind": "organisations", "content": GOOD})
    response = client.post("/admin/import/run", data={"kind": "organisations", "content": GOOD})
    assert response.status_code == 409
    assert "exists already" in response.get_data(as_text=True)


def test_wrong_file_type_and_missing_file(client, login_as, admin):
    login_as(admin)
    response = _upload(client, GOOD, filename="orgs.xlsx")
    assert response.status_code == 400 and "Choose a .csv file." in response.get_data(True)
    response = client.post("/admin/import/check", data={"kind": "users"})
    assert response.status_code == 400 and "Choose a file." in response.get_data(True)


def test_non_utf8_upload(client, login_as, admin):
    login_as(admin)
    response = client.post("/admin/import/check", data={
        "kind": "organisations", "file": (io.BytesIO("name\nÅbo\n".encode("latin-1")), "a.csv")},
        content_type="multipart/form-data")
    assert response.status_code == 400
    assert "is not UTF-8 text" in response.get_data(as_text=True)


def test_template_download(client, login_as, admin):
    login_as(admin)
    response = client.get("/admin/import/template/organisations.csv")
    assert response.mimetype == "text/csv"
    assert response.get_data(as_text=True).startswith("name,stakeholder_type")
    assert client.get("/admin/import/template/planets.csv").status_code == 404
