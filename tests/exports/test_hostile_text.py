"""Control characters stored before validation refused them, and links that leave the site."""

import xml.etree.ElementTree as ET

import pytest

from app.core.markdown import render_markdown
from app.core.types import utcnow
from app.drafts import blocks, versions
from app.exports import assemble, pipeline
from tests.databases import is_postgresql
from tests.exports.outputs import html_tags, zip_members

# PostgreSQL cannot store a NUL at all; the other control characters it stores as they are.
CONTROL = ["\x01", "\x0b", "\x0c", "\x1b", "\x7f"] + ([] if is_postgresql() else ["\x00"])


@pytest.fixture
def hostile_version(facilitator, make_consultation):
    doc = blocks.create_document(facilitator, title="Policy\x0b recommendations",
                                 consultations=[make_consultation()])
    text = "Employers " + "".join(CONTROL) + " co-design [outcomes](https://example.org/x)."
    blocks.add_block(facilitator, doc, kind="recommendation", title="Employers\x1b",
                     text=text, now=utcnow())
    return versions.save_version(facilitator, doc, number="0.1")


def test_the_epub_stays_valid_xml_with_control_characters_in_a_block(hostile_version):
    markdown, assets = assemble.assemble(hostile_version)
    assert not any(char in markdown for char in CONTROL)
    epub = pipeline.convert(markdown, assemble.metadata(hostile_version), "epub")
    chapters = {name: content for name, content in zip_members(epub).items()
                if name.endswith(".xhtml")}
    assert chapters
    texts = []
    for content in chapters.values():
        texts.append("".join(ET.fromstring(content).itertext()))  # raises on invalid XML
    assert any("Employers co-design outcomes." in " ".join(text.split()) for text in texts)


def test_external_links_get_rel_in_pages():
    html = str(render_markdown("[a](//evil.example/x) [b](https://example.org) "
                               "[c](/rounds/1) [d](#top) <https://auto.example>"))
    links = {attrs["href"]: attrs.get("rel") for tag, attrs in html_tags(html) if tag == "a"}
    assert links == {"//evil.example/x": "nofollow noopener noreferrer",
                     "https://example.org": "nofollow noopener noreferrer",
                     "/rounds/1": None, "#top": None,
                     "https://auto.example": "nofollow noopener noreferrer"}


@pytest.mark.parametrize("fmt", ["html", "epub"])
def test_external_links_get_rel_in_exports(fmt):
    # (an in-document link needs its heading: links to missing ones become text)
    content = pipeline.convert("# Top\n\n[b](https://example.org) [self](#top) "
                               "[x](//evil.example/)\n",
                               {"title": "Links", "lang": "en"}, fmt)
    markup = [content.decode()] if fmt == "html" else [
        c.decode() for name, c in zip_members(content).items() if name.endswith(".xhtml")]
    links = [attrs for text in markup for tag, attrs in html_tags(text)
             if tag == "a" and ((attrs.get("href") or "").startswith(("http", "//"))
                                or "#top" in (attrs.get("href") or ""))]
    # (EPUB puts the heading in a chapter file: the link is "ch001.xhtml#top")
    assert {"#top" if "#top" in a["href"] else a["href"]: a.get("rel") for a in links} == {
        "https://example.org": "nofollow noopener noreferrer", "#top": None}
