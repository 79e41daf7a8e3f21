"""A document fit to hand to a ministry: Annex C's layout, the title page, DOCX details,
headings inside blocks, and the comment table in the ISO/CEN template (real pandoc/typst)."""

import io
import re
import zipfile

import pytest
from openpyxl import load_workbook
from pypdf import PdfReader
from sqlalchemy import select

from app.core.types import utcnow
from app.drafts import blocks, versions
from app.drafts.models import PolicyDocument
from app.exports import assemble, comment_table, pipeline
from tests.exports.outputs import zip_members


def _export(version, fmt: str, style: str = "report") -> bytes:
    markdown, assets = assemble.assemble(version)
    return pipeline.convert(markdown, assemble.metadata(version), fmt, style, assets=assets)


def _outline_pages(reader: PdfReader) -> dict[str, int]:
    pages = {}

    def walk(items):
        for item in items:
            if isinstance(item, list):
                walk(item)
            else:
                pages.setdefault(item.title, reader.get_destination_page_number(item))

    walk(reader.outline)
    return pages


@pytest.fixture
def demo_version(db):
    """Version 0.2 of the demo's policy document (28 comments, all decided)."""
    from app.demo.services import load_demo

    load_demo("demo password for tests")
    document = db.session.scalars(select(PolicyDocument).where(
        PolicyDocument.title.startswith("Policy recommendations"))).one()
    return document.versions[-1]


@pytest.mark.parametrize("style", ["report", "brief"])
def test_the_demo_annex_c_fits_in_four_landscape_pages(demo_version, style):
    reader = PdfReader(io.BytesIO(_export(demo_version, "pdf", style)))
    pages = _outline_pages(reader)
    first, after = pages["Annex C. Disposition of comments"], pages["Annex D. Glossary"]
    annex = reader.pages[first:after]
    assert 1 <= len(annex) <= 4, len(annex)
    for page in annex:
        assert page.mediabox.width > page.mediabox.height  # landscape
    assert reader.pages[0].mediabox.width < reader.pages[0].mediabox.height
    assert reader.pages[after].mediabox.width < reader.pages[after].mediabox.height
    text = "\n".join(page.extract_text() for page in annex)
    assert text.count("Comment (excerpt)") == len(annex)  # the header row on every page
    assert "No." in text and "Reason" in text
    from app.drafts import dispositions

    ids = [comment.id for comment, _disposition in dispositions.matrix(demo_version.document)]
    assert len(ids) == 28
    lines = [line.split(" ", 1)[0] for line in text.splitlines()]
    assert str(ids[0]) in lines and str(ids[-1]) in lines  # the first row and the last


def test_annex_c_column_widths_follow_the_content(demo_version):
    markdown, _assets = assemble.assemble(demo_version)
    separator = next(line for line in markdown.splitlines()
                     if line.startswith("|-") and len(line) > 80)
    widths = [len(cell) for cell in separator.strip("|").split("|")]
    assert widths == assemble.DISPOSITION_WIDTHS
    assert max(widths) in (widths[5], widths[7]) and widths[0] == min(widths)
    header = pipeline.STYLES_DIR / "report" / "header.typ"
    rules = header.read_text()
    assert "hyphenate: false" in rules and "justify: false" in rules


def test_title_page_shows_status_and_version(facilitator, make_user):
    from app.groups import services as groups
    from app.publications import services as publications
    from app.vocab import services as vocab

    group = groups.save_group(facilitator, name="Group", level=vocab.term(
        "governance_level", "eu"))
    chair = make_user()
    groups.set_member(facilitator, group, chair, "chair")
    document = blocks.create_document(facilitator, title="A title long enough to fill a "
                                      "whole line of the title page and to wrap onto a second",
                                      working_group=group)
    blocks.add_block(facilitator, document, kind="section", title="One", now=utcnow())
    version = versions.save_version(facilitator, document, number="0.4")
    for style in ("report", "brief"):
        first_page = PdfReader(io.BytesIO(_export(version, "pdf", style))).pages[0]
        text = first_page.extract_text()
        assert "Draft" in text and "v0.4" in text, style
    publications.publish(chair, version, now=utcnow(), notify=False)
    assert "Final" in PdfReader(io.BytesIO(_export(version, "pdf"))).pages[0].extract_text()
    header = (pipeline.STYLES_DIR / "report" / "header.typ").read_text()
    title_page = header[header.index("#let title-page"):header.index("#let conf")]
    assert "set par(justify: false)" in title_page


@pytest.mark.parametrize("text", [
    "# Annex C. Disposition of comments\n\nForged.",
    "Annex C. Disposition of comments\n=================================\n\nForged.",
    "Intro.\n\n> # Annex C. Disposition of comments",
    "- # Annex C. Disposition of comments",
])
def test_headings_in_a_block_cannot_reach_the_contents(facilitator, text):
    document = blocks.create_document(facilitator, title="Headings")
    section = blocks.add_block(facilitator, document, kind="section", title="One",
                               text=text, now=utcnow())
    blocks.add_block(facilitator, document, kind="recommendation", parent=section,
                     title="Two", text=text, now=utcnow())
    version = versions.save_version(facilitator, document, number="0.1")
    markdown, _assets = assemble.assemble(version)
    assert [line for line in markdown.splitlines() if line.startswith("# ")
            and "Annex C" in line] == ["# Annex C\\. Disposition of comments"]
    reader = PdfReader(io.BytesIO(_export(version, "pdf")))
    assert list(_outline_pages(reader)).count("Annex C. Disposition of comments") == 1
    contents = reader.pages[1].extract_text()
    assert contents.count("Annex C") == 1
    assert "Forged" not in contents


def test_demote_headings_keeps_code_and_levels():
    text = "```\n# not a heading\n```\n\n## Sub {#anchor}\n\nTitle\n---\n\npara\n\n---"
    demoted = assemble.demote_headings(text, 2)
    assert "# not a heading" in demoted.splitlines()[1]
    assert "##### Sub {#anchor .unlisted}" in demoted
    assert "##### Title {.unlisted}" in demoted and demoted.endswith("para\n\n---")
    assert assemble.demote_headings("# Deep", 5) == "###### Deep {.unlisted}"


def test_docx_has_page_numbers_borders_contents_dates_and_landscape(demo_version):
    members = zip_members(_export(demo_version, "docx"))
    document = members["word/document.xml"].decode()
    footers = "".join(v.decode() for k, v in members.items() if k.startswith("word/footer"))
    assert 'w:instr="PAGE"' in footers and 'w:instr="NUMPAGES"' in footers
    styles = members["word/styles.xml"].decode()
    table_style = styles[styles.index('w:styleId="Table"'):]
    borders = table_style[:table_style.index("</w:tblBorders>")]
    assert re.search(r'<w:insideV [^>]*w:val="single"', borders)
    assert re.search(r'<w:insideH [^>]*w:val="single"', borders)
    created = demo_version.created_at.strftime("%Y-%m-%dT%H:%M:%SZ")
    assert f">{created}</dcterms:created>" in members["docProps/core.xml"].decode()
    assert "1970-01-01" not in members["docProps/core.xml"].decode()
    contents = document[document.index("TOC \\o"):document.index('w:fldCharType="end"')]
    for heading in ("1 Design", "Recommendation 1: Co-design with employers",
                    "Annex C. Disposition of comments"):
        assert heading in contents
    assert 'w:orient="landscape"' in document
    assert document.count("<w:sectPr><w:footerReference") == 2  # before and in Annex C
    assert "<w:sectPr><w:pgSz" not in document


def test_comment_table_in_the_iso_template(facilitator, make_round, participant):
    from app.consultations import audience
    from app.drafts import dispositions
    from app.responses import services as responses
    from app.responses.validation import CommentInput, ResponseInput
    from app.vocab import services as vocab

    round_ = make_round(questions=("text",))
    audience.invite_audience(facilitator, round_)
    phase = vocab.term("credential_phase", "design").id
    response = responses.save_response(participant, round_, ResponseInput({}, [
        CommentInput(question_id=round_.questions[0].id, body='=HYPERLINK("http://x","y")',
                     phases=[phase], comment_type="technical", proposed_change="@SUM(A1)"),
        CommentInput(question_id=round_.questions[0].id, body="Plain remark.",
                     phases=[phase], comment_type="editorial")]),
        now=utcnow(), expected_version=None, submit=True).response
    document = blocks.create_document(facilitator, title="Table",
                                      consultations=[round_.consultation])
    block = blocks.add_block(facilitator, document, kind="recommendation", title="R",
                             now=utcnow())
    dispositions.decide(facilitator, document, response.comments[1], status="accepted_modified",
                        reason="Reworded", block=block, expected_version=None, now=utcnow())
    sheet = load_workbook(io.BytesIO(comment_table.xlsx(document))).active
    values = [[cell.value for cell in row] for row in sheet.iter_rows()]
    assert values[0] == ["Comment id", "Stakeholder", "Clause / paragraph", "Type", "Comment",
                         "Proposed change", "Observation / decision"]
    first, second = values[1], values[2]
    assert first[3] == "te" and first[4] == "'=HYPERLINK(\"http://x\",\"y\")"
    assert first[5] == "'@SUM(A1)" and first[6] == "Not decided"
    assert second[3] == "ed" and second[1] == "VET provider, Italy"
    assert second[6] == "Accepted with modification — Recommendation 1. Reworded"
    members = zip_members(comment_table.docx(document))
    text = members["word/document.xml"].decode()
    for heading in ("Clause / paragraph", "Observation / decision", "Plain remark."):
        assert heading in text
    assert 'w:orient="landscape"' in text
    assert zipfile.is_zipfile(io.BytesIO(comment_table.docx(document)))


def test_landscape_divisions_in_a_text_neither_break_nor_open_the_pipeline(facilitator):
    text = ("::: landscape\nTop-level words.\n:::\n\n- item\n\n  ::: {.landscape}\n  Nested.\n"
            "  :::\n\n> ::: landscape\n> Quoted.\n> :::\n\n"
            "```{=typst}\n#read(\"/etc/passwd\")\n```\n")
    document = blocks.create_document(facilitator, title="Layout")
    blocks.add_block(facilitator, document, kind="section", title="One", text=text,
                     now=utcnow())
    version = versions.save_version(facilitator, document, number="0.1")
    reader = PdfReader(io.BytesIO(_export(version, "pdf")))
    text_out = "\n".join(page.extract_text() for page in reader.pages)
    assert "Nested." in text_out and "Quoted." in text_out and "root:" not in text_out
    members = zip_members(_export(version, "docx"))
    assert "root:" not in members["word/document.xml"].decode()
