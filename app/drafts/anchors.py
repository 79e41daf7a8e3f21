"""In-document links: the anchors an exported document has, and links that point nowhere.

Exports give every heading pandoc's automatic identifier ("1 Design" → "design",
"Recommendation 3: Wallets" → "recommendation-3-wallets"); a link `[see](#design)` in a
block's text reaches it. The block editor refuses a link to an anchor the document does not
have, naming the block, and the export turns any that remain into text (anchors.lua).
"""

import re

from flask_babel import gettext as _

_LINK_TARGET = re.compile(r"\]\(\s*<?#([^)\s>]*)")  # "](#target": linear on any input
_REFERENCE = re.compile(r"^ {0,3}\[[^\]\n]{1,999}\]:[ \t]*<?#([^\s>]*)", re.MULTILINE)
_HEADING = re.compile(r"^ {0,3}#{1,6}[ \t]+(.*)$", re.MULTILINE)
_NOT_KEPT = re.compile(r"[^\w\s.-]", re.UNICODE)
_SPACES = re.compile(r"\s+", re.UNICODE)
_LEADING = re.compile(r"^[\W\d_]+", re.UNICODE)


def identifier(heading: str) -> str:
    """The identifier pandoc gives a heading with this text."""
    text = _SPACES.sub("-", _NOT_KEPT.sub("", heading).strip()).lower()
    return _LEADING.sub("", text) or "section"


def link_targets(text: str) -> list[str]:
    """The in-document anchors a Markdown text links to, in order, without repeats."""
    found = _LINK_TARGET.findall(text or "") + _REFERENCE.findall(text or "")
    return list(dict.fromkeys(t for t in found if t))


def text_headings(text: str) -> list[tuple[str, str | None]]:
    """(heading text, explicit id or None) of the ATX headings in a Markdown text."""
    found = []
    for line in _HEADING.findall(text or ""):
        line = line.rstrip().rstrip("#").rstrip()
        explicit = None
        if line.endswith("}") and "{" in line:
            attributes = line[line.rindex("{") + 1:-1].split()
            line = line[:line.rindex("{")].rstrip()
            explicit = next((a[1:] for a in attributes if a.startswith("#") and len(a) > 1),
                            None)
        found.append((line, explicit))
    return found


def document_anchors(headings: list[str], texts: list[str]) -> set[str]:
    """The identifiers of the exported document, numbered as pandoc numbers repeats.

    Block headings, headings in block texts and the annexes (design, design-1 ...).
    """
    seen: dict[str, int] = {}
    anchors = set()

    def add(name: str) -> None:
        count = seen.get(name, 0)
        seen[name] = count + 1
        anchors.add(name if count == 0 else f"{name}-{count}")

    for heading, text in zip(headings, texts, strict=True):
        add(identifier(heading))
        for inner, explicit in text_headings(text):
            if explicit:
                anchors.add(explicit)
            else:
                add(identifier(inner))
    for annex in (_("Annex A. Method and timeline"), _("Annex B. Participation"),
                  _("Annex C. Disposition of comments"), _("Annex D. Glossary")):
        add(identifier(annex))
    return anchors
