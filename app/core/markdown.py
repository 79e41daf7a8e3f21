"""Render user-written Markdown to safe HTML: Python-Markdown, then a bleach allow-list.

Python-Markdown recurses once per level of nested lists or quotes and backtracks over nested
brackets: 600 levels of `- ` raised RecursionError and 10,000 nested `[` took about 35 s. So
text is measured first (`markdown_problem`): beyond the bounds it is refused when saved and,
if already stored, shown as escaped plain text, so one text never slows a page for others.
"""

import logging
import re
from functools import lru_cache

import bleach
import markdown as md
from flask_babel import gettext as _
from markupsafe import Markup, escape

log = logging.getLogger(__name__)

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


# Bounds of text rendered as Markdown (bench/markdown_render.py times texts at these bounds).
MAX_LENGTH = 200_000
MAX_NESTING = 16  # levels of lists and quotes
MAX_BRACKET_DEPTH = 32  # [ or ( open at once in a paragraph
# Each HTML tag left open makes the HTML parser scan the rest of the text (quadratic).
MAX_UNCLOSED_TAGS = 32
_UNCLOSED_TAG = re.compile(r"<[A-Za-z/!?][^<>]*(?=<|\Z)")
_MARKERS = re.compile(r"[ \t]*(?:(?:[-*+]|\d{1,9}[.)])[ \t]+|>)")


def nesting_depth(text: str) -> int:
    """The deepest nesting of lists and quotes: markers and 4-space indents at line starts."""
    deepest = 0
    for line in text.splitlines():
        stripped = line.lstrip(" \t")
        depth = len(line[: len(line) - len(stripped)].expandtabs(4)) // 4
        position = 0
        while match := _MARKERS.match(stripped, position):
            depth, position = depth + 1, match.end()
        deepest = max(deepest, depth)
    return deepest


_OPENING = {"[": "]", "(": ")"}
_CLOSING = {closing: opening for opening, closing in _OPENING.items()}


def bracket_depth(text: str) -> int:
    """The most brackets ([ or () open at once within one paragraph."""
    deepest = 0
    for paragraph in re.split(r"\n[ \t]*\n", text):
        open_ = dict.fromkeys(_OPENING, 0)
        escaped = False
        for char in paragraph:
            if escaped:
                escaped = False
            elif char == "\\":
                escaped = True
            elif char in _OPENING:
                open_[char] += 1
                deepest = max(deepest, open_[char])
            elif char in _CLOSING:
                opening = _CLOSING[char]
                open_[opening] = max(open_[opening] - 1, 0)
    return deepest


def markdown_problem(text: str | None) -> str | None:
    """Why `text` cannot be rendered as Markdown within the bounds, or None if it can."""
    if not text:
        return None
    if len(text) > MAX_LENGTH:
        return _("The text is longer than %(n)d characters.", n=MAX_LENGTH)
    if nesting_depth(text) > MAX_NESTING:
        return _("The text nests lists or quotes more than %(n)d levels deep.", n=MAX_NESTING)
    if bracket_depth(text) > MAX_BRACKET_DEPTH:
        return _("The text has more than %(n)d brackets [ or ( open at once; close or remove "
                 "some.", n=MAX_BRACKET_DEPTH)
    if len(_UNCLOSED_TAG.findall(text)) > MAX_UNCLOSED_TAGS:
        return _("The text has more than %(n)d unclosed < signs before letters; write them "
                 "as \\< or close them with >.", n=MAX_UNCLOSED_TAGS)
    return None


def render_markdown(text: str | None) -> Markup:
    """Turn user-written Markdown into HTML that is safe to put in a page."""
    if not text:
        return Markup("")
    if len(text) <= CACHE_TEXT_LIMIT:
        return Markup(_render_cached(text))
    return Markup(_render(text))


def render_plain(text: str) -> Markup:
    """The text escaped, its line breaks kept: how text beyond the bounds is shown."""
    lines = escape(text).split("\n")
    return Markup('<p class="plain-text">') + Markup("<br>\n").join(lines) + Markup("</p>")


@lru_cache(maxsize=CACHE_SIZE)
def _render_cached(text: str) -> str:
    return _render(text)


def _render(text: str) -> str:
    if markdown_problem(text) is not None:
        return render_plain(text)
    try:
        html = md.markdown(text, extensions=EXTENSIONS, output_format="html")
    except Exception:  # a text the bounds missed is still shown, as plain text
        log.exception("Markdown rendering failed; showing the text as plain text")
        return render_plain(text)
    cleaned = bleach.clean(
        html,
        tags=ALLOWED_TAGS,
        attributes=ALLOWED_ATTRIBUTES,
        protocols=ALLOWED_PROTOCOLS,
        strip=True,
        strip_comments=True,
    )
    return bleach.linkify(cleaned, callbacks=[_link_attributes], skip_tags={"pre", "code"})
