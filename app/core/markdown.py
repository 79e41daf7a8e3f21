"""Render user-written Markdown to safe HTML: Python-Markdown, then a bleach allow-list."""

import bleach
import markdown as md
from markupsafe import Markup

ALLOWED_TAGS = frozenset(
    {
        "p", "br", "hr", "strong", "em", "b", "i", "code", "pre", "blockquote",
        "ul", "ol", "li", "a", "h1", "h2", "h3", "h4", "h5", "h6",
        "table", "thead", "tbody", "tr", "th", "td", "del", "ins", "sup", "sub", "abbr",
    }
)
ALLOWED_ATTRIBUTES = {
    "a": ["href", "title"],
    "abbr": ["title"],
    "th": ["align"],
    "td": ["align"],
}
ALLOWED_PROTOCOLS = frozenset({"http", "https", "mailto"})
EXTENSIONS = ["tables", "fenced_code", "sane_lists", "abbr"]


def _link_attributes(attrs: dict, new: bool = False) -> dict:
    href_key = (None, "href")
    if href_key in attrs and not attrs[href_key].startswith(("#", "/")):
        attrs[(None, "rel")] = "nofollow noopener noreferrer"
    return attrs


def render_markdown(text: str | None) -> Markup:
    """Turn user-written Markdown into HTML that is safe to put in a page."""
    if not text:
        return Markup("")
    html = md.markdown(text, extensions=EXTENSIONS, output_format="html")
    cleaned = bleach.clean(
        html,
        tags=ALLOWED_TAGS,
        attributes=ALLOWED_ATTRIBUTES,
        protocols=ALLOWED_PROTOCOLS,
        strip=True,
        strip_comments=True,
    )
    linked = bleach.linkify(cleaned, callbacks=[_link_attributes], skip_tags={"pre", "code"})
    return Markup(linked)
