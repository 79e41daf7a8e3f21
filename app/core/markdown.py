"""Render user-written Markdown to safe HTML: Python-Markdown, then a bleach allow-list."""

from functools import lru_cache

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


def leaves_site(href: str) -> bool:
    """Whether a link goes elsewhere: a scheme (https:, mailto:) or scheme-relative (//host)."""
    href = href.strip()
    on_site = href.startswith(("#", "?")) or (
        href.startswith("/") and not href.startswith(("//", "/\\")))
    return not on_site


def _link_attributes(attrs: dict, new: bool = False) -> dict:
    href_key = (None, "href")
    if href_key in attrs and leaves_site(attrs[href_key]):
        attrs[(None, "rel")] = "nofollow noopener noreferrer"
    return attrs


# Pages show the same comments again and again (the round page, the confirmation, the
# explorer), and rendering one costs about a millisecond: the HTML of recent texts is kept,
# at most CACHE_SIZE texts of at most CACHE_TEXT_LIMIT characters (a few MB at most).
CACHE_SIZE = 2048
CACHE_TEXT_LIMIT = 4000


def render_markdown(text: str | None) -> Markup:
    """Turn user-written Markdown into HTML that is safe to put in a page."""
    if not text:
        return Markup("")
    if len(text) <= CACHE_TEXT_LIMIT:
        return Markup(_render_cached(text))
    return Markup(_render(text))


@lru_cache(maxsize=CACHE_SIZE)
def _render_cached(text: str) -> str:
    return _render(text)


def _render(text: str) -> str:
    html = md.markdown(text, extensions=EXTENSIONS, output_format="html")
    cleaned = bleach.clean(
        html,
        tags=ALLOWED_TAGS,
        attributes=ALLOWED_ATTRIBUTES,
        protocols=ALLOWED_PROTOCOLS,
        strip=True,
        strip_comments=True,
    )
    return bleach.linkify(cleaned, callbacks=[_link_attributes], skip_tags={"pre", "code"})
