"""Finishing touches on pandoc's DOCX: real creation dates and a filled table of contents.

pandoc in its sandbox stamps 1970-01-01 as the creation date and leaves the table of
contents an empty field for the word processor to fill. Here the dates become the
version's, and the field gets the headings (levels 1–3) as its current result; the field
stays marked for updating, so Word adds page numbers when the document is opened. The
sections that the layout filter starts (landscape annex pages) get the page footer.
"""

import io
import re
import zipfile

EPOCH = "1970-01-01T00:00:00Z"
ISO_TIME = re.compile(r"\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}Z")
_HEADING = re.compile(r'<w:p><w:pPr><w:pStyle w:val="Heading([1-3])" />.*?</w:p>', re.S)
_TEXT = re.compile(r"<w:t(?: [^>]*)?>([^<]*)</w:t>")
_FOOTER_REFERENCE = re.compile(r"<w:footerReference [^>]*/>")
_TOC_FIELD = re.compile(
    r'<w:p><w:r>(<w:fldChar w:fldCharType="begin"[^>]*/><w:instrText[^>]*>TOC [^<]*'
    r'</w:instrText><w:fldChar w:fldCharType="separate" />)<w:fldChar w:fldCharType="end" />'
    r'</w:r></w:p>')


def finish(docx: bytes, created: str | None) -> bytes:
    """The DOCX with its dates set to `created` (ISO 8601, UTC) and its contents filled."""
    source = zipfile.ZipFile(io.BytesIO(docx))
    output = io.BytesIO()
    with source, zipfile.ZipFile(output, "w", zipfile.ZIP_DEFLATED) as target:
        for info in source.infolist():
            data = source.read(info.filename)
            if info.filename == "docProps/core.xml" and created and ISO_TIME.fullmatch(created):
                data = data.replace(EPOCH.encode(), created.encode())
            elif info.filename == "word/document.xml":
                text = _footers_in_every_section(data.decode("utf-8"))
                data = fill_contents(text).encode("utf-8")
            target.writestr(info, data)
    return output.getvalue()


def fill_contents(document: str) -> str:
    """The table-of-contents field with one paragraph per heading of levels 1 to 3."""
    entries = [(level, "".join(_TEXT.findall(paragraph)))
               for level, paragraph in _with_levels(document)]
    if not entries:
        return document

    def paragraphs(match: re.Match) -> str:
        first, *rest = entries
        parts = [f'<w:p><w:pPr><w:pStyle w:val="TOC{first[0]}" /></w:pPr><w:r>'
                 f'{match.group(1)}</w:r>{_run(first[1])}</w:p>']
        parts += [f'<w:p><w:pPr><w:pStyle w:val="TOC{level}" /></w:pPr>{_run(text)}</w:p>'
                  for level, text in rest]
        parts.append('<w:p><w:r><w:fldChar w:fldCharType="end" /></w:r></w:p>')
        return "".join(parts)

    return _TOC_FIELD.sub(paragraphs, document, count=1)


def _footers_in_every_section(document: str) -> str:
    """Sections the text starts (landscape annex pages) get the page-number footer too."""
    references = _FOOTER_REFERENCE.findall(document)
    if not references:
        return document
    return document.replace("<w:sectPr><w:pgSz", f"<w:sectPr>{references[-1]}<w:pgSz")


def _with_levels(document: str) -> list[tuple[str, str]]:
    return [(match.group(1), match.group(0)) for match in _HEADING.finditer(document)]


def _run(text: str) -> str:
    # The text comes from pandoc's own <w:t> elements: it is escaped XML already.
    return f'<w:r><w:t xml:space="preserve">{text}</w:t></w:r>'
