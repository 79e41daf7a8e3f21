"""Publishing the final document: the chair confirms, the public reads it signed out, and
the chair reopens the document as a new draft."""

import re

from playwright.sync_api import expect

from tests.e2e.flows import (
    FACILITATOR_EMAIL,
    FACILITATOR_NAME,
    expect_message,
    open_policy_document,
    sign_in,
)
from tests.e2e.server import DEMO_PASSWORD

DOCUMENT = "Policy recommendations for green-skills micro-credentials"
EARLIER = "MASTERY position paper on micro-credentials in the wood sector"
GROUP = "MASTERY policy working group"
MEMBER_EMAIL = "sofie.claes@mastery.example"
MEMBER_NAME = "Sofie Claes"
CONVERSIONS_MS = 180_000


def test_a_member_sees_no_way_to_publish(open_tab):
    tab = open_tab()
    sign_in(tab, MEMBER_EMAIL, DEMO_PASSWORD, MEMBER_NAME)
    open_policy_document(tab, DOCUMENT)
    versions = tab.get_by_role("region", name="Versions")
    expect(versions.get_by_role("link", name="Export version 0.2", exact=True)).to_be_visible()
    expect(versions.get_by_role("link", name=re.compile("^Publish version"))).to_have_count(0)
    tab.click(tab.get_by_role("link", name="Document settings"))
    status = tab.get_by_label("Status")
    expect(status.locator("option")).to_have_text(["Drafting", "In consultation"])
    expect(tab.get_by_label("Working group that owns it").locator("option")).to_have_text(
        [GROUP])


def test_the_chair_publishes_and_the_public_reads_it_signed_out(open_tab):
    chair = open_tab()
    sign_in(chair, FACILITATOR_EMAIL, DEMO_PASSWORD, FACILITATOR_NAME)
    open_policy_document(chair, DOCUMENT)
    editor_path = "/" + chair.url.split("/", 3)[3]
    draft_id = chair.get_by_role("region", name="Versions").get_by_role(
        "link", name="Version 0.1", exact=True).get_attribute("href").rsplit("/", 1)[1]
    chair.click(chair.get_by_role("region", name="Versions").get_by_role(
        "link", name="Publish version 0.2 as final", exact=True))
    expect(chair.get_by_role("heading", level=1)).to_have_text(
        "Publish version 0.2 as the final document")
    undecided = chair.get_by_role("region", name="Comments without a decision")
    # the demo decided every comment; browser tests before this one may have added some to
    # the open round 2, which the page then counts as undecided
    expect(undecided).to_contain_text(re.compile(
        r"Every comment \(\d+\) has a decision\.|\d+ of \d+ comments have no decision yet"))
    changes = chair.get_by_role("region", name="Changes in this version")
    expect(changes).to_contain_text("Compared with version 0.1:")
    expect(changes).to_contain_text("Recommendation 2: Units from 25 hours: Changed")
    # The test server converts the six public files inside the request: a generous bound.
    with chair.page.expect_event("load", timeout=CONVERSIONS_MS):
        chair.get_by_role("button", name="Publish version 0.2 as final").click(
            no_wait_after=True)
    chair.check()
    expect_message(chair, "Version 0.2 is published as the final document.")
    expect(chair.get_by_role("heading", level=1)).to_have_text(DOCUMENT)
    public_path = chair.url.split(chair.url.split("/publications/")[0])[1]

    reader = open_tab()
    reader.visit("/publications/")
    expect(reader.get_by_role("heading", level=1)).to_have_text("Publications")
    table = reader.get_by_role("table", name="Published documents")
    row = table.get_by_role("row").filter(has=reader.get_by_role("link", name=DOCUMENT, exact=True))
    expect(row).to_contain_text(GROUP)
    expect(row).to_contain_text("0.2")
    expect(row).to_contain_text("English")
    expect(row.get_by_role("link", name=re.compile(r"^PDF"))).to_be_visible()
    expect(table.get_by_role("link", name=EARLIER, exact=True)).to_be_visible()
    reader.click(row.get_by_role("link", name=DOCUMENT, exact=True))
    assert reader.url.endswith(public_path)
    expect(reader.get_by_role("heading", level=2, name="Annexes")).to_be_visible()
    expect(reader.get_by_role("heading", name="Annex C. Disposition of comments")) \
        .to_be_visible()
    expect(reader.get_by_role("heading", name="Recommendation 1: Co-design with employers")) \
        .to_be_visible()
    downloads = reader.get_by_role("region", name="Download")
    for label in ("PDF", "Word (DOCX)", "OpenDocument (ODT)", "Web page (HTML)", "EPUB",
                  "Markdown source"):
        expect(downloads.get_by_role("link", name=label, exact=True)).to_be_visible()
    with reader.page.expect_download() as pdf:
        downloads.get_by_role("link", name="PDF", exact=True).click()
    assert pdf.value.suggested_filename.endswith("-v0.2-" + pdf.value.suggested_filename
                                                 .rsplit("-", 1)[1])
    for private in (editor_path, f"/documents/versions/{draft_id}"):
        answer = reader.page.request.get(private, max_redirects=0)
        assert answer.status == 302 and "/login" in answer.headers["location"], private

    open_policy_document(chair, DOCUMENT)
    expect(chair.get_by_role("heading", name="Published and locked")).to_be_visible()
    expect(chair.get_by_role("link", name="Add a section")).to_have_count(0)
    chair.get_by_label("Why reopen it as a new draft?").fill("Round 2 asks for changes.")
    chair.click(chair.get_by_role("button", name="Reopen as a new draft"))
    expect_message(chair, "The document is open again as a new draft. The published version "
                          "stays public.")
    expect(chair.get_by_role("link", name="Add a section")).to_be_visible()
    reader.visit(public_path)
    expect(reader.get_by_role("heading", level=1)).to_have_text(DOCUMENT)
