"""Download my data: a ZIP of JSON files and a README, only for its owner, for a limited time."""

import io
import json
import zipfile
from datetime import timedelta

from click.testing import CliRunner
from sqlalchemy import func, select

from app.core.types import utcnow
from app.privacy import download
from app.privacy.models import DataDownload
from app.responses import services as responses
from app.responses.validation import CommentInput, ResponseInput
from app.vocab import services as vocab
from tests.forms import rendered_form

FILES = {"README.txt", "account.json", "memberships.json", "invitations.json",
         "responses.json", "revisions.json", "comments.json", "paragraph_comments.json",
         "dispositions.json", "audit.json", "export_jobs.json"}


def _answer(person, round_, body="Call me on +39 333 1234567"):
    comment = CommentInput(question_id=round_.questions[0].id, body=body,
                           phases=[vocab.term("credential_phase", "design").id])
    return responses.save_response(person, round_, ResponseInput({round_.questions[0].id: "4"},
                                                                  [comment]),
                                   now=utcnow(), expected_version=None, submit=True).response


def test_zip_holds_everything_about_the_person(db, participant, make_round, make_user):
    round_ = make_round()
    _answer(participant, round_)
    _answer(make_user(name="Someone Else", organisations=participant.organisations), round_,
            body="Not mine")
    archive = zipfile.ZipFile(io.BytesIO(download.build_zip(participant)))
    assert set(archive.namelist()) == FILES
    data = {name[:-5]: json.loads(archive.read(name)) for name in FILES - {"README.txt"}}
    assert data["account"]["email"] == "participant@example.org"
    assert data["memberships"]["organisations"][0]["name"] == "Istituto Tecnico"
    assert [c["body"] for c in data["comments"]] == ["Call me on +39 333 1234567"]
    assert data["responses"][0]["answers"][0]["value"] == 4
    assert {r["kind"] for r in data["revisions"]} == {"submit"}
    assert "Not mine" not in json.dumps(data)


def test_account_page_offers_a_download_only_to_its_owner(client, db, login_as, participant,
                                                          make_user, make_round):
    _answer(participant, make_round())
    login_as(participant)
    page = client.get("/account").get_data(as_text=True)
    form = rendered_form(page, action="/account/data").values()
    assert client.post("/account/data", data=form).status_code == 302
    item = db.session.scalar(select(DataDownload))
    assert f"/account/data/{item.id}" in client.get("/account").get_data(as_text=True)
    got = client.get(f"/account/data/{item.id}")
    assert got.mimetype == "application/zip" and got.headers["Cache-Control"] == "no-store"
    client.post("/logout")
    login_as(make_user())
    assert client.get(f"/account/data/{item.id}").status_code == 404
    assert client.get("/account/data/999999").status_code == 404
    assert db.session.scalar(select(func.count()).select_from(DataDownload)) == 1


def test_download_expires(client, db, login_as, participant):
    item = download.create_download(participant, utcnow() - timedelta(days=30))
    login_as(participant)
    assert client.get(f"/account/data/{item.id}").status_code == 404


def test_cli_export_writes_the_zip(app, db, participant, tmp_path):
    result = CliRunner().invoke(app.cli, ["privacy", "export", "PARTICIPANT@example.org",
                                          "--out", str(tmp_path)], catch_exceptions=False)
    assert result.exit_code == 0, result.output
    [path] = tmp_path.glob("*.zip")
    assert set(zipfile.ZipFile(path).namelist()) == FILES
    result = CliRunner().invoke(app.cli, ["privacy", "export", "nobody@example.org"])
    assert result.exit_code != 0 and "No account" in result.output
