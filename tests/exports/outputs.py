"""Reading what the conversion pipeline produced: PDF text, zip members, HTML tags."""

import io
import zipfile
from html.parser import HTMLParser

from pypdf import PdfReader


def pdf_text(pdf: bytes) -> str:
    """The text of every page, in order."""
    return "\n".join(page.extract_text() for page in PdfReader(io.BytesIO(pdf)).pages)


def zip_members(data: bytes) -> dict[str, bytes]:
    """Every member of a DOCX, ODT or EPUB, decompressed."""
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        return {name: archive.read(name) for name in archive.namelist()}


def all_bytes(data: bytes) -> bytes:
    """The file itself and, for a zip, every member decompressed."""
    if not zipfile.is_zipfile(io.BytesIO(data)):
        return data
    return data + b"".join(zip_members(data).values())


class _TagCollector(HTMLParser):
    def __init__(self):
        super().__init__()
        self.tags: list[tuple[str, dict]] = []

    def handle_starttag(self, tag, attrs):
        self.tags.append((tag, dict(attrs)))

    handle_startendtag = handle_starttag


def html_tags(markup: str) -> list[tuple[str, dict]]:
    """(tag, attributes) of every element in HTML or XHTML."""
    collector = _TagCollector()
    collector.feed(markup)
    collector.close()
    return collector.tags
