"""Export jobs through the app: assembly, reuse, failures, recovery, pages and the CLI."""

from datetime import timedelta

import pytest
from sqlalchemy import select

from app.consultations import audience
from app.core.types import utcnow
from app.drafts import blocks, dispositions, versions
from app.exports import assemble, jobs
from app.exports.models import ExportJob
from app.extensions import db
from app.groups import services as groups
from app.responses import services as responses
from app.responses.validation import CommentInput, ResponseInput
from app.vocab import services as vocab
from tests.forms import rendered_form


@pytest.fixture
def version(facilitator, make_round, participant):
    """Version 0.1 of a document with a decided comment from an attributed round."""
    round_ = make_round(questions=("text",))
    audience.invite_audience(facilitator, round_)
    consultation = round_.consultation
    phase = vocab.term("credential_phase", "portability")
    response = responses.save_response(participant, round_, ResponseInput(
        {}, [CommentInput(question_id=round_.questions[0].id, body="Use | pipes *and* [links]",
                          phases=[phase.id])]), now=utcnow(), expected_version=None,
        submit=True).response
    document = blocks.create_document(facilitator, title="Recommendations € Ελλάδα",
                                      consultations=[consultation])
    section = blocks.add_block(facilitator, document, kind="section", title="Portability",
                               now=utcnow())
    block = blocks.add_block(facilitator, document, kind="recommendation", parent=section,
                             title="Wallets", text="Issue **digital** credentials.",
                             terms=[phase], time_horizon="short", now=utcnow())
    dispositions.decide(facilitator, document, response.comments[0], status="accepted",
                        reason="Taken up", block=block, expected_version=None, now=utcnow())
    return versions.save_version(facilitator, document, number="0.1")


def test_assembled_markdown_escapes_what_people_wrote(version):
    markdown, assets = assemble.assemble(version)
    assert "# 1 Portability" in markdown and "## Recommendation 1: Wallets" in markdown
    assert "*Phases: Portability · Time horizon: short*" in markdown.replace("\\", "")
    assert r"Use \| pipes \*and\* \[links\]" in markdown
    for heading in ("Annex A", "Annex B", "Annex C", "Annex D"):
        assert heading in markdown
    assert "participation.svg" in assets and assets["participation.svg"].startswith(b"<svg")


def test_export_runs_and_is_reused(facilitator, version):
    job, created = jobs.request_export(facilitator, version, fmt="html", style="report")
    assert created
    db.session.commit()
    jobs.dispatch(job.id)
    assert job.state == "done" and job.content.startswith(b"<!DOCTYPE html")
    assert job.filename.endswith(".html") and job.size == len(job.content)
    assert len(job.checksum) == 64 and job.duration is not None
    again, created = jobs.request_export(facilitator, version, fmt="html", style="report")
    assert again.id == job.id and not created
    fresh, created = jobs.request_export(facilitator, version, fmt="html", style="report",
                                         fresh=True)
    assert created and fresh.id != job.id


def test_export_permissions_and_choices(stakeholder, facilitator, version):
    with pytest.raises(Exception, match="editors and working group"):
        jobs.request_export(stakeholder, version, fmt="pdf", style="report")
    with pytest.raises(Exception, match="offered formats"):
        jobs.request_export(facilitator, version, fmt="exe", style="report")
    member = stakeholder
    group = groups.save_group(facilitator, name="Group", level=vocab.term(
        "governance_level", "eu"))
    groups.set_member(facilitator, group, member, "member")
    version.document.working_group = group
    job, _created = jobs.request_export(member, version, fmt="md", style="brief")
    assert job.requested_by_id == member.id


def test_failures_are_reported_and_retryable(facilitator, version, monkeypatch, app):
    from app.exports import pipeline

    def refuse(*args, **kwargs):
        raise pipeline.ConversionError("The document took longer than 60 seconds to convert.")

    monkeypatch.setattr(pipeline, "convert", refuse)
    job, _created = jobs.request_export(facilitator, version, fmt="pdf", style="report")
    jobs.dispatch(job.id)
    assert job.state == "failed" and "longer than 60 seconds" in job.error
    monkeypatch.undo()
    retried = jobs.retry(facilitator, job)
    jobs.dispatch(retried.id)
    assert retried.state == "done" and retried.content.startswith(b"%PDF")


def test_a_job_left_running_by_a_dead_worker_fails_retryably(facilitator, version):
    job, _created = jobs.request_export(facilitator, version, fmt="md", style="report")
    job.state, job.started_at = "running", utcnow() - timedelta(hours=1)
    assert jobs.recover_stuck() == 1
    assert job.state == "failed" and "Try again" in job.error


def test_export_pages_and_download(client, login_as, facilitator, version, stakeholder):
    login_as(facilitator)
    document_id = version.document_id
    page = client.get(f"/manage/documents/{document_id}/export?version={version.id}")
    assert "Annexes" in page.get_data(as_text=True)
    response = client.post(f"/manage/documents/{document_id}/export", data={
        "version": version.id, "format": "docx", "style": "report",
        "annex": ["method", "dispositions"]})
    job_path = response.headers["Location"]
    assert "Your file is ready." in client.get(job_path).get_data(as_text=True)
    download = client.get(job_path + "/download")
    assert download.mimetype.endswith("wordprocessingml.document")
    assert download.headers["Content-Disposition"].endswith('.docx"')
    assert download.data[:2] == b"PK"
    client.post("/logout")
    login_as(stakeholder)
    assert client.get(job_path).status_code == 403
    assert client.get(job_path + "/download").status_code == 403


def test_job_page_follows_the_job_without_refreshing_itself(client, login_as, facilitator,
                                                            version, stakeholder):
    job, _created = jobs.request_export(facilitator, version, fmt="pdf", style="report")
    db.session.commit()
    login_as(facilitator)
    page = client.get(f"/exports/{job.id}").get_data(as_text=True)
    assert 'http-equiv="refresh"' not in page and "Waiting" in page
    assert 'aria-live="polite"' in page and f'data-status-url="/exports/{job.id}/status"' in page
    assert "/static/js/export_job.js" in page
    assert f'<a href="/exports/{job.id}">See whether the file is ready</a>' in page  # no script
    status = client.get(f"/exports/{job.id}/status").get_json()
    assert status == {"state": "queued", "message": "Waiting for a free worker…",
                      "download": None, "download_label": None}
    jobs.run_job(job.id)
    status = client.get(f"/exports/{job.id}/status").get_json()
    assert status["state"] == "done" and status["download"] == f"/exports/{job.id}/download"
    assert status["download_label"] == f"Download {job.filename}"
    client.post("/logout")
    login_as(stakeholder)
    assert client.get(f"/exports/{job.id}/status").status_code == 403
    assert client.get("/exports/999999/status").status_code == 404


def test_cli_export(app, version, tmp_path):
    result = app.test_cli_runner().invoke(args=[
        "drafts", "export", str(version.document_id), "--version", "0.1", "--format", "md",
        "--style", "brief", "--out", str(tmp_path)])
    assert result.exit_code == 0, result.output
    [path] = list(tmp_path.glob("*.md"))
    assert "Recommendation 1: Wallets" in path.read_text(encoding="utf-8")
    bad = app.test_cli_runner().invoke(args=["drafts", "export", "999", "--version", "9.9"])
    assert bad.exit_code != 0 and "No version" in bad.output


def test_job_model_duration():
    job = ExportJob(started_at=utcnow())
    assert job.duration is None


def test_export_form_as_rendered_refuses_a_version_of_another_document(client, login_as,
                                                                       facilitator, version):
    other = blocks.create_document(facilitator, title="Another document")
    blocks.add_block(facilitator, other, kind="section", title="One", now=utcnow())
    foreign = versions.save_version(facilitator, other, number="9.0")
    db.session.commit()
    login_as(facilitator)
    document_id = version.document_id
    page = client.get(f"/manage/documents/{document_id}/export").get_data(as_text=True)
    data = rendered_form(page, having="format").values()
    assert data["version"] == str(version.id) and data["format"]
    for changed, message in (({"version": str(foreign.id)}, "Choose a saved version to export."),
                             ({"version": "x"}, "Not a valid integer value.")):
        answer = client.post(f"/manage/documents/{document_id}/export", data=data | changed)
        assert answer.status_code == 200 and message in answer.get_data(as_text=True)
    assert db.session.scalars(select(ExportJob)).all() == []
    answer = client.post(f"/manage/documents/{document_id}/export", data=data | {"format": "md"})
    assert answer.status_code == 302
    assert db.session.scalars(select(ExportJob)).one().version_id == version.id
