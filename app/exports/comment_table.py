"""The disposition of comments on its own, in the ISO/CEN comment-template layout.

Columns of the template: comment id, stakeholder, clause/paragraph, type (ge/te/ed),
comment, proposed change, observation/decision. Written as XLSX (cells that a spreadsheet
would run as formulas are neutralised) or as DOCX through the safe conversion pipeline.
"""

import re

from flask_babel import force_locale
from flask_babel import gettext as _

from ..analysis.exports import stream_xlsx
from ..drafts import blocks, dispositions
from ..drafts.models import PolicyDocument
from . import assemble, pipeline

FORMATS = {
    "xlsx": ".xlsx",
    "docx": ".docx",
}
TYPE_CODES = {"general": "ge", "technical": "te", "editorial": "ed"}
WIDTHS = [5, 14, 14, 5, 30, 22, 24]


def columns() -> list[str]:
    """The template's column headings."""
    return [_("Comment id"), _("Stakeholder"), _("Clause / paragraph"), _("Type"),
            _("Comment"), _("Proposed change"), _("Observation / decision")]


def rows(document: PolicyDocument) -> list[list]:
    """One row per submitted comment of the document's consultations, oldest first."""
    numbers = {node.block.id: node for node in blocks.tree(document)}
    found = []
    for comment, disposition in dispositions.matrix(document):
        found.append([comment.id, _stakeholder(comment), _clause(comment, numbers),
                      TYPE_CODES.get(comment.comment_type, "ge"), comment.body,
                      comment.proposed_change or "", _decision(disposition, numbers)])
    return found


def xlsx(document: PolicyDocument) -> bytes:
    """The table as an XLSX workbook, in the document's language."""
    with force_locale(document.language or "en"):
        return b"".join(stream_xlsx(_("Comments"), columns(), iter(rows(document))))


def docx(document: PolicyDocument, style: str = "report", timeout: float = 60) -> bytes:
    """The table as a DOCX document on landscape pages, in the document's language."""
    with force_locale(document.language or "en"):
        title = _("Disposition of comments: %(title)s", title=document.title)
        table = assemble.markdown_table(columns(), rows(document), widths=WIDTHS)
    markdown = f"::: {{#comment-table .landscape}}\n{table}\n:::\n"
    metadata = {"title": title, "working_group": document.working_group.name
                if document.working_group else "", "lang": document.language}
    return pipeline.convert(markdown, metadata, "docx", style, timeout=timeout)


def file_name(document: PolicyDocument, fmt: str) -> str:
    """A safe file name for the table."""
    stem = re.sub(r"[^A-Za-z0-9]+", "-", document.title).strip("-").lower()[:60]
    return f"{stem or 'document'}-comments{FORMATS[fmt]}"


def _stakeholder(comment) -> str:
    response = comment.response
    if response.round.anonymity == "anonymous":
        return "—"
    parts = [t.label for t in (response.stakeholder_type, response.country) if t is not None]
    return ", ".join(parts) or "—"


def _clause(comment, numbers: dict) -> str:
    node = numbers.get(comment.block_id) if comment.block_id else None
    if node is not None:
        where = (_("Recommendation %(n)s", n=node.number)
                 if node.block.kind == "recommendation" else node.number)
        return f"{where}: “{comment.quote}”" if comment.quote else where
    if comment.question is not None:
        phases = ", ".join(t.label for t in comment.tags("credential_phase"))
        return _("Question %(n)s (%(phases)s)", n=comment.question.position, phases=phases)
    return "—"


def _decision(disposition, numbers: dict) -> str:
    labels = {"accepted": _("Accepted"), "accepted_modified": _("Accepted with modification"),
              "not_accepted": _("Not accepted"), "noted": _("Noted"),
              "deferred": _("Deferred")}
    if disposition is None or disposition.status is None:
        return _("Not decided")
    text = labels[disposition.status]
    node = numbers.get(disposition.block_id)
    if node is not None and node.block.kind == "recommendation":
        text += " — " + _("Recommendation %(n)s", n=node.number)
    if disposition.reason:
        text += ". " + disposition.reason
    return text

