"""The conversion pipeline, run for real: every format, both house styles, the title page."""

import io
import json
import re
import zipfile
from concurrent.futures import ThreadPoolExecutor
from xml.etree import ElementTree

import docx
import pytest
from docx.shared import Mm
from pypdf import PdfReader

from app.exports import pipeline
from tests.exports.outputs import html_tags, pdf_text, zip_members

QUOTES = {
    "bg": "Участниците поискаха ясни правила за признаване на микроквалификациите.",
    "fi": "Osallistujat toivoivat selkeitä sääntöjä osaamismerkkien tunnustamiseen.",
    "es": "Los participantes pidieron normas claras para el reconocimiento de credenciales.",
    "it": "I partecipanti hanno chiesto regole chiare per il riconoscimento delle credenziali.",
}
SECTIONS = ["Introduction", "Въведение и обхват", "Suositukset", "Recomendaciones finales",
            "Allegato: commenti"]
RECOMMENDATIONS = [f"R{number:02d} Shared learning outcomes" for number in range(1, 61)]
ROWS = 500
METADATA = {"title": "Micro-credentials for lifelong learning", "subtitle": "Policy brief",
            "version": 3, "date": "12 March 2025", "working_group": "Working group on skills",
            "licence": "CC BY 4.0", "authors": ["Ana Petrova", "Mikko Virtanen"],
            "lang": "en"}
CHART = (b'<svg xmlns="http://www.w3.org/2000/svg" width="120" height="20">'
         b'<rect width="80" height="20" fill="#0b5d3b"/></svg>')


def sample_markdown() -> str:
    """A policy document: sections, 60 recommendations, quotes, a footnote, a chart, a table."""
    introduction = (f"# {SECTIONS[0]}\n\nThe pilot costs € 1 250 per learner.[^cost]\n\n"
                    + "\n\n".join(f"> {quote}" for quote in QUOTES.values())
                    + f"\n\n## {SECTIONS[1]}\n\n{QUOTES['bg']}\n\n"
                    "![Submitted responses by stakeholder type](assets/participation.svg)")
    recommendations = f"# {SECTIONS[2]}\n\n" + "\n\n".join(
        f"### {title}\n\nEmployers and providers co-design outcomes ({QUOTES['es']})."
        for title in RECOMMENDATIONS)
    table = "\n".join(["| No. | Comment | Disposition |", "|---|---|---|"]
                      + [f"| {row} | {QUOTES['it']} € | row-{row:03d}-end |"
                         for row in range(ROWS)])
    return "\n\n".join([introduction, recommendations,
                        f"# {SECTIONS[3]}\n\n{QUOTES['fi']}", f"# {SECTIONS[4]}\n\n{table}",
                        "[^cost]: Estimate of the working group, VAT included."]) + "\n"


def convert_all(formats, style):
    with ThreadPoolExecutor(max_workers=2) as pool:
        results = pool.map(lambda fmt: pipeline.convert(
            sample_markdown(), METADATA, fmt, style, assets={"participation.svg": CHART}),
            formats)
        return dict(zip(formats, results, strict=True))


@pytest.fixture(autouse=True)
def _limiter_follows_the_suite_app():
    """The pipeline is pure: these tests need no application or database."""


@pytest.fixture(scope="module")
def report():
    return convert_all(list(pipeline.FORMATS), "report")


@pytest.fixture(scope="module")
def brief():
    return convert_all(["pdf", "docx", "odt", "html", "epub"], "brief")


@pytest.fixture(scope="module")
def report_pdf_text(report):
    return pdf_text(report["pdf"])


def test_styles_lists_the_complete_style_folders():
    assert {"report", "brief"} <= set(pipeline.styles())
    assert "filters" not in pipeline.styles()


def test_pdf_has_every_heading_in_order_the_euro_sign_and_every_language(report_pdf_text):
    headings = SECTIONS + RECOMMENDATIONS
    positions = [report_pdf_text.rfind(heading) for heading in headings]
    assert -1 not in positions
    assert positions[:3] == sorted(positions[:3])
    assert "€ 1 250" in report_pdf_text
    for quote in QUOTES.values():
        assert quote.split()[0] in report_pdf_text
    assert "признаване" in report_pdf_text


def test_pdf_keeps_every_row_of_a_long_table(report_pdf_text):
    rows = set(re.findall(r"row-(\d{3})-end", report_pdf_text))
    assert len(rows) == ROWS
    assert f"row-{ROWS - 1:03d}-end" in report_pdf_text


def test_pdf_is_a4_with_page_numbers_running_header_and_table_header_repeated(report):
    reader = PdfReader(io.BytesIO(report["pdf"]))
    pages = [page.extract_text() for page in reader.pages]
    width, height = reader.pages[0].mediabox.width, reader.pages[0].mediabox.height
    assert (round(float(width) / 72 * 25.4), round(float(height) / 72 * 25.4)) == (210, 297)
    assert f"Page 2 of {len(pages)}" in pages[1]
    assert METADATA["title"] in pages[-1]
    assert "No. Comment Disposition" in pages[-1]
    assert reader.metadata.title == METADATA["title"]


def test_pdf_title_page_shows_the_metadata(report):
    first_page = PdfReader(io.BytesIO(report["pdf"])).pages[0].extract_text()
    for value in ("Micro-credentials", "Policy brief", "Ana Petrova", "Working group on skills",
                  "12 March 2025", "v3", "CC BY 4.0"):
        assert value in first_page
    assert "Page 1" not in first_page


def test_docx_has_the_headings_in_order_on_a4(report):
    document = docx.Document(io.BytesIO(report["docx"]))
    headings = [paragraph.text for paragraph in document.paragraphs
                if paragraph.style.name.startswith("Heading")]
    assert headings == SECTIONS[:3] + RECOMMENDATIONS + SECTIONS[3:]
    section = document.sections[0]
    assert abs(section.page_width - Mm(210)) < Mm(0.5)
    assert abs(section.page_height - Mm(297)) < Mm(0.5)
    assert [p.text for p in document.paragraphs[:2]] == [METADATA["title"], METADATA["subtitle"]]
    assert "word/media/" in " ".join(zip_members(report["docx"]))


def test_docx_has_a_table_of_contents_field(report):
    assert b'TOC \\o' in zip_members(report["docx"])["word/document.xml"]


def test_odt_is_a4_with_headings_and_contents(report):
    members = zip_members(report["odt"])
    content = members["content.xml"].decode()
    assert 'fo:page-width="21cm"' in members["styles.xml"].decode()
    assert "<text:table-of-content" in content
    assert all(heading in content for heading in SECTIONS)
    assert "row-499-end" in content


def test_html_is_standalone_with_styles_contents_and_embedded_chart(report):
    html = report["html"].decode()
    tags = html_tags(html)
    assert "<script" not in html.lower()
    assert ("nav", {"id": "TOC", "role": "doc-toc"}) in tags
    assert "#0b5d3b" in html
    images = [attributes["src"] for tag, attributes in tags if tag == "img"]
    assert images and all(src.startswith("data:image/svg+xml") for src in images)
    assert all(heading in html for heading in SECTIONS)
    assert "Working group on skills · v3 · CC BY 4.0" in html


def test_epub_is_a_zip_with_a_navigation_document(report):
    assert zipfile.is_zipfile(io.BytesIO(report["epub"]))
    members = zip_members(report["epub"])
    assert members["mimetype"] == b"application/epub+zip"
    assert any(name.endswith(("nav.xhtml", "toc.ncx")) for name in members)
    text = b"".join(members.values()).decode(errors="replace")
    assert "row-499-end" in text and "<script" not in text.lower()
    pages = [content for name, content in members.items() if name.endswith(".xhtml")]
    assert all(ElementTree.fromstring(page) is not None for page in pages)
    assert all(b"#0b5d3b" in page for page in pages)


def test_md_starts_with_the_metadata_as_front_matter(report):
    text = report["md"].decode()
    front_matter, body = text.split("\n---\n", 1)
    assert front_matter.splitlines()[0] == "---"
    fields = dict(line.split(": ", 1) for line in front_matter.splitlines()[1:])
    assert json.loads(fields["title"]) == METADATA["title"]
    assert json.loads(fields["version"]) == "3"
    assert json.loads(fields["authors"]) == METADATA["authors"]
    assert body.lstrip("\n") == sample_markdown()


def test_brief_style_converts_every_format_and_looks_different(report, brief):
    assert pdf_text(brief["pdf"]).count("row-") == ROWS
    assert _fonts(brief["pdf"]) != _fonts(report["pdf"])
    assert "#1f4e79" in brief["html"].decode()
    brief_docx = docx.Document(io.BytesIO(brief["docx"]))
    assert brief_docx.styles["Normal"].font.name == "Arial"
    assert 'fo:page-width="21cm"' in zip_members(brief["odt"])["styles.xml"].decode()
    assert any(name.endswith("nav.xhtml") for name in zip_members(brief["epub"]))


def _fonts(pdf: bytes) -> set[str]:
    fonts = set()
    for page in PdfReader(io.BytesIO(pdf)).pages[:2]:
        for font in page["/Resources"]["/Font"].values():
            fonts.add(str(font.get_object()["/BaseFont"]).split("+")[-1])
    return fonts


def test_unknown_style_and_format_are_refused():
    with pytest.raises(pipeline.ConversionError, match="Unknown house style 'gala'"):
        pipeline.convert("# Hi", METADATA, "pdf", "gala")
    with pytest.raises(pipeline.ConversionError, match="Unknown house style"):
        pipeline.convert("# Hi", METADATA, "pdf", "../policy_drafts/report")
    with pytest.raises(pipeline.ConversionError, match="Unknown format 'rtf'"):
        pipeline.convert("# Hi", METADATA, "rtf")


def test_metadata_keeps_known_keys_as_plain_strings_and_a_valid_language():
    metadata = {**METADATA, "title": "Rules *for*\n# all", "lang": 'en", font: "x',
                "header-includes": "<script>alert(1)</script>", "subtitle": None}
    text = pipeline.convert("Body", metadata, "md").decode()
    assert 'title: "Rules *for* # all"' in text
    assert 'lang: "en"' in text
    assert "header-includes" not in text and "subtitle" not in text
    html = pipeline.convert("Body", metadata, "html").decode()
    assert "Rules *for* # all</h1>" in html and "<em>" not in html


def test_language_reaches_every_format():
    metadata = {**METADATA, "lang": "bg_BG"}
    assert 'lang="bg-BG"' in pipeline.convert("Текст", metadata, "html").decode()
    assert "Страница 2 от" in pdf_text(pipeline.convert("Текст\n\n# Край", metadata, "pdf"))


def test_asset_names_must_be_plain_image_file_names():
    with pytest.raises(ValueError, match="plain file names"):
        pipeline.convert("x", METADATA, "html", assets={"../x.svg": CHART})


def test_a_conversion_over_its_time_budget_is_stopped():
    with pytest.raises(pipeline.ConversionError, match="longer than 0.05 seconds"):
        pipeline.convert(sample_markdown(), METADATA, "pdf", timeout=0.05)
