"""Regenerate reference.docx and reference.odt of every house style.

Starts from pandoc's own reference documents (US Letter) and sets A4, the style's margins
and, for DOCX, its fonts. Run it after changing STYLES below:

    .venv/bin/python policy_drafts/build_reference_docs.py
"""

import io
import re
import subprocess
import zipfile
from pathlib import Path

import pypandoc
from docx import Document
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml import parse_xml
from docx.oxml.ns import nsdecls
from docx.shared import Mm, Pt

HERE = Path(__file__).resolve().parent
FIXED_TIME = (1980, 1, 1, 0, 0, 0)
STYLES = {
    "report": {"margin_mm": 25, "body_font": None, "heading_font": None, "size_pt": 11,
               "page_words": ("Page", "of")},
    "brief": {"margin_mm": 18, "body_font": "Arial", "heading_font": "Arial", "size_pt": 10,
              "page_words": ("Page", "of")},
}


def main() -> None:
    """Write reference.docx and reference.odt into each style folder."""
    for name, settings in STYLES.items():
        folder = HERE / name
        folder.mkdir(exist_ok=True)
        (folder / "reference.docx").write_bytes(reference_docx(settings))
        (folder / "reference.odt").write_bytes(reference_odt(settings))
        print(f"{name}: reference.docx, reference.odt")


def reference_docx(settings: dict) -> bytes:
    """The reference.docx of pandoc on A4 with the style's margins and fonts."""
    document = Document(io.BytesIO(_default_data_file("reference.docx")))
    for section in document.sections:
        section.page_width, section.page_height = Mm(210), Mm(297)
        margin = Mm(settings["margin_mm"])
        section.left_margin = section.right_margin = margin
        section.top_margin = section.bottom_margin = margin
    _set_fonts(document, settings)
    _page_numbers(document, settings)
    _table_borders(document)
    document.styles["Title"].paragraph_format.alignment = WD_ALIGN_PARAGRAPH.LEFT
    buffer = io.BytesIO()
    document.save(buffer)
    return _with_fixed_times(buffer.getvalue())


def reference_odt(settings: dict) -> bytes:
    """The reference.odt of pandoc with an A4 page layout and the style's margins."""
    original = _default_data_file("reference.odt")
    with zipfile.ZipFile(io.BytesIO(original)) as archive:
        styles = archive.read("styles.xml").decode()
    margin = f'{settings["margin_mm"] / 10:g}cm'
    styles = re.sub(r"<style:page-layout-properties[^>]*>",
                    lambda match: _a4_page_layout(match.group(0), margin), styles)
    return _with_fixed_times(original, {"styles.xml": styles.encode()})


def _a4_page_layout(element: str, margin: str) -> str:
    element = re.sub(r'fo:page-width="[^"]*"', 'fo:page-width="21cm"', element)
    element = re.sub(r'fo:page-height="[^"]*"', 'fo:page-height="29.7cm"', element)
    return re.sub(r'fo:margin-(top|bottom|left|right)="[^"]*"',
                  lambda match: f'fo:margin-{match.group(1)}="{margin}"', element)


def _set_fonts(document, settings: dict) -> None:
    normal = document.styles["Normal"].font
    normal.size = Pt(settings["size_pt"])
    if settings["body_font"]:
        normal.name = settings["body_font"]
    if settings["heading_font"]:
        for level in range(1, 7):
            document.styles[f"Heading {level}"].font.name = settings["heading_font"]
        document.styles["Title"].font.name = settings["heading_font"]


def _page_numbers(document, settings: dict) -> None:
    """A centred "Page N of M" footer (Word fills the PAGE and NUMPAGES fields)."""
    word, between = settings["page_words"]
    for section in document.sections:
        paragraph = section.footer.paragraphs[0]
        paragraph.alignment = WD_ALIGN_PARAGRAPH.CENTER
        paragraph.add_run(f"{word} ")
        paragraph._p.append(parse_xml(
            f'<w:fldSimple {nsdecls("w")} w:instr="PAGE"><w:r><w:t>1</w:t></w:r></w:fldSimple>'))
        paragraph.add_run(f" {between} ")
        paragraph._p.append(parse_xml(
            f'<w:fldSimple {nsdecls("w")} w:instr="NUMPAGES"><w:r><w:t>1</w:t></w:r>'
            "</w:fldSimple>"))


def _table_borders(document) -> None:
    """Thin grey borders on every cell of pandoc's "Table" style."""
    style = document.styles["Table"]
    borders = "".join(f'<w:{side} w:val="single" w:sz="4" w:space="0" w:color="999999"/>'
                      for side in ("top", "left", "bottom", "right", "insideH", "insideV"))
    properties = style.element.find(
        "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}tblPr")
    if properties is None:
        properties = parse_xml(f"<w:tblPr {nsdecls('w')}/>")
        style.element.append(properties)
    element = parse_xml(f"<w:tblBorders {nsdecls('w')}>{borders}</w:tblBorders>")
    # The schema's order: tblBorders comes before the cell margins and the table look.
    later = [child for child in properties
             if child.tag.rsplit("}", 1)[-1] in ("shd", "tblLayout", "tblCellMar", "tblLook")]
    if later:
        later[0].addprevious(element)
    else:
        properties.append(element)


def _default_data_file(name: str) -> bytes:
    pandoc = Path(pypandoc.__file__).resolve().parent / "files" / "pandoc"
    return subprocess.run([str(pandoc), "--print-default-data-file", name],
                          capture_output=True, check=True, timeout=60).stdout


def _with_fixed_times(archive_bytes: bytes, replacements: dict | None = None) -> bytes:
    """The same zip with fixed timestamps, so regenerating gives identical files."""
    replacements = replacements or {}
    output = io.BytesIO()
    with (zipfile.ZipFile(io.BytesIO(archive_bytes)) as source,
          zipfile.ZipFile(output, "w") as target):
        for info in source.infolist():
            data = replacements.get(info.filename, source.read(info.filename))
            entry = zipfile.ZipInfo(info.filename, date_time=FIXED_TIME)
            entry.compress_type = info.compress_type
            entry.external_attr = 0o644 << 16
            target.writestr(entry, data)
    return output.getvalue()


if __name__ == "__main__":
    main()
