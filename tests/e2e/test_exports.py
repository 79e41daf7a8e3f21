"""Exporting a policy document version to files, who may do it, and the working groups."""

import io
import re

import pytest
from docx import Document
from playwright.sync_api import Download, expect
from pypdf import PdfReader

from tests.e2e.flows import FACILITATOR_EMAIL, FACILITATOR_NAME, open_policy_document, sign_in
from tests.e2e.server import DEMO_PASSWORD
from tests.e2e.tab import Tab

DOCUMENT = "Policy recommendations for green-skills micro-credentials"
VERSION = "0.2"
GROUP = "MASTERY policy working group"

MEMBER_EMAIL = "sofie.claes@mastery.example"
MEMBER_NAME = "Sofie Claes"
OUTSIDER_EMAIL = "pieter.janssens@mastery.example"
OUTSIDER_NAME = "Pieter Janssens"

FILE_READY = "Your file is ready."
JOB_PATH = re.compile(r"/exports/(\d+)")


@pytest.fixture
def member_tab(open_tab) -> Tab:
    """A signed-in working-group member who is a stakeholder, not a facilitator."""
    tab = open_tab()
    sign_in(tab, MEMBER_EMAIL, DEMO_PASSWORD, MEMBER_NAME)
    return tab


def open_export_page(tab: Tab) -> None:
    """From "Policy documents", open the export page of the document's version 0.2."""
    open_policy_document(tab, DOCUMENT)
    tab.click(tab.get_by_role("region", name="Versions").get_by_role(
        "link", name=f"Export version {VERSION}", exact=True))
    expect(tab.get_by_role("heading", level=1)).to_have_text("Export the document")
    expect(tab.get_by_label("Version", exact=True).locator("option:checked")).to_have_text(
        re.compile(rf"^{re.escape(VERSION)} "))


def export(tab: Tab, fmt: str, style: str) -> str:
    """On the export page, export version 0.2 with every annex; return the job page's path
    once the file is ready."""
    versions = tab.get_by_label("Version", exact=True)
    versions.select_option(versions.get_by_role(
        "option", name=re.compile(rf"^{re.escape(VERSION)} ")).get_attribute("value"))
    tab.get_by_role("group", name="Format").get_by_label(fmt, exact=True).check()
    tab.get_by_role("group", name="House style").get_by_label(style, exact=True).check()
    annexes = tab.get_by_role("group", name="Annexes").get_by_role("checkbox")
    expect(annexes).to_have_count(4)
    for annex in annexes.all():
        expect(annex).to_be_checked()
    expect(tab.get_by_label("Make a new file even if the same export exists")).to_have_count(0)
    tab.click(tab.get_by_role("button", name="Export", exact=True))
    expect(tab.get_by_role("heading", level=1)).to_have_text(
        f"Export of {DOCUMENT}, version {VERSION}")
    expect(tab.get_by_role("status")).to_have_text(FILE_READY)
    path = path_of(tab)
    assert JOB_PATH.fullmatch(path), path
    return path


def download(tab: Tab, extension: str) -> bytes:
    """Click the job page's download link and return the file's bytes."""
    link = tab.get_by_role("link", name=re.compile(rf"^Download .+{re.escape(extension)}$"))
    with tab.expect_download() as started:
        link.click()
    file: Download = started.value
    assert file.suggested_filename.endswith(extension), file.suggested_filename
    assert link.inner_text().strip() == f"Download {file.suggested_filename}"
    with open(file.path(), "rb") as handle:
        return handle.read()


def path_of(tab: Tab) -> str:
    """The path of the tab's address, without the server's origin."""
    return re.sub(r"^https?://[^/]+", "", tab.url)


def pdf_text(content: bytes) -> str:
    reader = PdfReader(io.BytesIO(content))
    return " ".join(" ".join(page.extract_text() or "" for page in reader.pages).split())


def back_to_export_page(tab: Tab) -> None:
    tab.click(tab.get_by_role("link", name="Export the document"))
    expect(tab.get_by_role("heading", level=1)).to_have_text("Export the document")


def test_member_exports_a_pdf_and_gets_the_same_file_again(member_tab):
    tab = member_tab
    open_export_page(tab)
    job = export(tab, "PDF", "Report")

    content = download(tab, ".pdf")
    assert content.startswith(b"%PDF")
    text = pdf_text(content)
    assert DOCUMENT in text
    assert "Annex C" in text

    back_to_export_page(tab)
    entry = tab.get_by_role("region", name="Recent exports").get_by_role("listitem").filter(
        has=tab.get_by_role("link", name=f"Version {VERSION}, PDF, report", exact=True))
    expect(entry).to_have_count(1)
    expect(entry).to_contain_text(" · Ready · ")
    expect(entry.get_by_role("link")).to_have_attribute("href", job)

    assert export(tab, "PDF", "Report") == job  # identical inputs: the stored file


def test_member_exports_a_word_file_in_the_brief_style(member_tab):
    tab = member_tab
    open_export_page(tab)
    export(tab, "Word (DOCX)", "Brief")

    content = download(tab, ".docx")
    assert content.startswith(b"PK")
    document = Document(io.BytesIO(content))
    text = "\n".join(paragraph.text for paragraph in document.paragraphs)
    assert DOCUMENT in text


def test_stakeholder_outside_the_group_may_not_export(member_tab, open_tab):
    open_export_page(member_tab)
    export_page = path_of(member_tab)
    job = export(member_tab, "Markdown source", "Brief")

    outsider = open_tab()
    sign_in(outsider, OUTSIDER_EMAIL, DEMO_PASSWORD, OUTSIDER_NAME)
    navigation = outsider.get_by_role("navigation", name="Main")
    expect(navigation.get_by_role("link", name="Policy documents")).to_have_count(0)
    for path in (export_page, job, f"{job}/download"):
        response = outsider.visit(path)
        assert response is not None and response.status == 403, path
        expect(outsider.get_by_role("heading", level=1)).to_have_text("Not allowed")
        expect(outsider.get_by_text(FILE_READY)).to_have_count(0)


def test_chair_sees_the_members_of_the_working_group(facilitator_tab):
    tab = facilitator_tab
    tab.click(tab.get_by_role("navigation", name="Main").get_by_role(
        "link", name="Working groups"))
    expect(tab.get_by_role("heading", level=1)).to_have_text("Working groups")
    groups = tab.get_by_role("table", name="Working groups")
    row = groups.get_by_role("row").filter(has=tab.get_by_role("link", name=GROUP, exact=True))
    expect(row.get_by_role("cell")).to_have_text([GROUP, "EU", "Belgium", "4"])
    tab.click(row.get_by_role("link", name=GROUP, exact=True))

    expect(tab.get_by_role("heading", level=1)).to_have_text(GROUP)
    members = tab.get_by_role("region", name="Members").get_by_role("listitem")
    expect(members).to_have_count(4)
    expect(members.filter(has_text=FACILITATOR_EMAIL)).to_have_text(
        f"{FACILITATOR_NAME} ({FACILITATOR_EMAIL}) — chair")
    expect(members.filter(has_text=MEMBER_EMAIL)).to_have_text(
        f"{MEMBER_NAME} ({MEMBER_EMAIL}) — member")


def _converting_job(app) -> int:
    """A job of version 0.2 that a worker is converting (the test server converts inline)."""
    from sqlalchemy import select

    from app.accounts.models import User
    from app.drafts.models import DocumentVersion, PolicyDocument
    from app.exports import jobs
    from app.extensions import db

    with app.app_context():
        facilitator = db.session.scalar(select(User).where(User.email == FACILITATOR_EMAIL))
        version = db.session.scalar(select(DocumentVersion).join(
            PolicyDocument, DocumentVersion.document_id == PolicyDocument.id).where(
            PolicyDocument.title == DOCUMENT, DocumentVersion.number == VERSION))
        job, _created = jobs.request_export(facilitator, version, fmt="html", style="report",
                                            fresh=True)
        job.state = "running"
        db.session.commit()
        job_id = job.id
        db.session.remove()
    return job_id


def _worker_stops(app, job_id: int) -> None:
    """What the job page's check records when the job's worker stopped beating."""
    from app.exports import jobs
    from app.exports.models import ExportJob
    from app.extensions import db

    with app.app_context():
        jobs._fail(db.session.get(ExportJob, job_id), "The export stopped before it "
                   "finished (the worker ended). Try again.")
        db.session.commit()
        db.session.remove()


def test_a_job_failing_while_its_page_is_open_offers_try_again(facilitator_tab, live_server):
    tab = facilitator_tab
    job_id = _converting_job(live_server.app)
    tab.visit(f"/exports/{job_id}")
    status = tab.get_by_role("status")
    expect(status).to_have_text("Converting…")
    expect(tab.get_by_role("button", name="Try again")).to_have_count(0)
    _worker_stops(live_server.app, job_id)
    expect(status).to_contain_text("the worker ended")  # the page's script, no reload
    tab.check()
    tab.click(tab.get_by_role("button", name="Try again"))
    expect(status).to_have_text(FILE_READY)
    assert path_of(tab) != f"/exports/{job_id}"
