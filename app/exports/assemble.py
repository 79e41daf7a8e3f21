"""The Markdown of a document version with its annexes, ready for the conversion pipeline.

Everything a person wrote is either Markdown in a block's text (read with raw HTML, raw
attributes and metadata blocks switched off by the pipeline) or escaped into plain text
(headings, table cells), so it can never become structure, code or metadata. Control
characters are refused when text is entered; any that were stored before are dropped here,
so that XML formats (EPUB, DOCX, ODT) stay well-formed.
"""

import re
from datetime import UTC, date, datetime

from flask_babel import force_locale, format_date, get_locale
from flask_babel import gettext as _
from sqlalchemy import select

from ..analysis import charts
from ..core.input import strip_control_characters
from ..core.markdown import markdown_problem
from ..drafts import snapshots
from ..drafts.models import DocumentVersion
from ..extensions import db
from ..vocab import services as vocab
from ..vocab.models import Term

ANNEXES = ("method", "participation", "dispositions", "glossary")
_FENCE = re.compile(r"^\s{0,3}(`{3,}|~{3,})")
_ATX = re.compile(r"^((?:\s{0,3}(?:>|[-*+]|\d{1,9}[.)])\s+)*)\s{0,3}(#{1,6})(?:\s+(.*))?$")
_SETEXT = re.compile(r"^\s{0,3}(=+|-+)\s*$")
_NOT_SETEXT = re.compile(r"^\s*(?:[-*+>|]|\d{1,9}[.)]|\s{4})")
_CLOSING_HASHES = re.compile(r"\s+#+\s*$|^#+$")
_ATTRIBUTES = re.compile(r"\{([^{}]*)\}\s*$")
_SPECIAL = re.compile(r"([\\`*_{}\[\]()#+\-.!|<>~^$@:&=\"'])")
VOCABULARY_LABELS = ("credential_phase", "governance_level", "stakeholder_type", "sector")
# Relative column widths of Annex C: no., stakeholder, country, phase, type, excerpt,
# disposition, reason, recommendation (more than 72 dashes, so pandoc keeps the shares).
DISPOSITION_WIDTHS = [5, 12, 8, 10, 5, 34, 11, 23, 5]


def plain(text: str | None) -> str:
    """Text as literal Markdown: one line, every markup character escaped."""
    return _SPECIAL.sub(r"\\\1", " ".join((text or "").split()))


def in_language(version: DocumentVersion, annexes: tuple[str, ...] = ANNEXES,
                language: str | None = None) -> tuple[str, dict, dict]:
    """(Markdown, assets, metadata) of a version in `language`, by default its document's.

    Every heading, annex title, table header, date and house-style word comes from the
    catalogue of that language (English where a message is not translated yet).
    """
    language = language or version.document.language or "en"
    with force_locale(language):
        markdown, assets = assemble(version, annexes)
        return markdown, assets, metadata(version) | {"lang": language}


def document_date(value: date | datetime) -> str:
    """A date with the month in words, in the current language ("2 December 2026")."""
    locale = get_locale()
    english = locale is None or locale.language == "en"  # day-month-year, as on the pages
    return format_date(value, "d MMMM y" if english else "long")


def _frozen_day(text: str) -> str:
    """A day frozen as YYYY-MM-DD with a version, written in the current language."""
    try:
        return document_date(date.fromisoformat(text))
    except (TypeError, ValueError):
        return text


def _catalogue_word(message: str) -> str:
    """The current language's translation of a house-style word; "" while there is none.

    The house styles have words of their own for the languages they know (header.typ);
    a translation in the catalogue takes their place.
    """
    translated = _(message)
    locale = get_locale()
    return translated if translated != message or locale is None or locale.language == "en" \
        else ""


def _style_words() -> dict:
    page_of = _catalogue_word("Page %(n)d of %(total)d")
    return {"contents_title": _catalogue_word("Contents"),
            "page_of": page_of.replace("%(n)d", "{page}").replace("%(total)d", "{total}")}


def metadata(version: DocumentVersion) -> dict:
    """Title-page fields and the house style's words, all plain strings."""
    document = version.document
    fields = {"title": document.title, "subtitle": document.subtitle,
              "version": version.number, "date": document_date(version.created_at),
              "status": _("Final") if document.final_version_id == version.id else _("Draft"),
              "created": version.created_at.astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%SZ"),
              "working_group": document.working_group.name if document.working_group else "",
              "licence": document.licence, "authors": document.authors,
              "lang": document.language, **_style_words()}
    return {key: strip_control_characters(value) if isinstance(value, str) else value
            for key, value in fields.items()}


def assemble(version: DocumentVersion, annexes: tuple[str, ...] = ANNEXES) -> tuple[str, dict]:
    """(Markdown, assets) for a version and the annexes asked for."""
    labels = _labels()
    parts = [_body(version, labels)]
    assets: dict[str, bytes] = {}
    frozen = snapshots.of(version).data  # the annexes as they were when it was saved
    if "method" in annexes:
        parts.append(_method(frozen["method"]))
    if "participation" in annexes:
        text, svg = _participation(frozen["participation"])
        parts.append(text)
        if svg:
            assets["participation.svg"] = svg
    if "dispositions" in annexes:
        parts.append(_dispositions(frozen["dispositions"]))
    if "glossary" in annexes:
        parts.append(_glossary())
    return strip_control_characters("\n\n".join(parts) + "\n"), assets


def annexes_markdown(version: DocumentVersion) -> str:
    """Every annex of a version, without its text and without the chart (for web pages).

    The annexes as frozen with the version, as in its exports.
    """
    frozen = snapshots.of(version).data
    participation, _svg = _participation(frozen["participation"])
    participation = "\n\n".join(part for part in participation.split("\n\n")
                                 if not part.startswith("!["))
    return strip_control_characters("\n\n".join([
        _method(frozen["method"]), participation, _dispositions(frozen["dispositions"]),
        _glossary()]))


def _labels() -> dict[tuple[str, str], str]:
    terms = db.session.scalars(select(Term).where(Term.vocabulary.in_(VOCABULARY_LABELS)))
    return {(t.vocabulary, t.key): t.label for t in terms}


def _body(version: DocumentVersion, labels: dict) -> str:
    lines = []
    for block in version.blocks:
        level = "#" * min(block.depth + 1, 5)
        if block.kind == "section":
            lines.append(f"{level} {plain(block.number)} {plain(block.title)}")
        else:
            title = _("Recommendation %(n)s", n=block.number)
            suffix = f": {plain(block.title)}" if block.title else ""
            lines.append(f"{level} {plain(title)}{suffix}")
            summary = _attribute_line(block.attributes, labels)
            if summary:
                lines.append(f"*{summary}*")
        lines.append(demote_headings(_bounded(block.text or ""), min(block.depth + 1, 5)))
    return "\n\n".join(lines)


def _bounded(text: str) -> str:
    """A block's Markdown; beyond the rendering bounds, its lines as escaped plain text.

    Pandoc stalls on the same texts as the pages (thousands of nested lists or brackets).
    """
    if markdown_problem(text) is None:
        return text
    return "\\\n".join(plain(line) for line in text.splitlines())


def demote_headings(text: str, level: int) -> str:
    """Headings of a block's text put below the block's own heading, out of the contents.

    ATX (``# x``) and setext (``x`` over ``===``) headings, also inside quotes and list
    items, become levels under ``level`` and under the table of contents' depth (3), and
    are marked unlisted, so a block's text cannot add a chapter or a second annex.
    """
    lines, out, fenced, previous_blank = text.split("\n"), [], None, True
    for index, line in enumerate(lines):
        fence = _FENCE.match(line)
        if fence and (fenced is None or fence.group(1)[0] == fenced):
            fenced = None if fenced else fence.group(1)[0]
        following = lines[index + 1] if index + 1 < len(lines) else ""
        if fenced is None and not fence:
            atx = _ATX.match(line)
            if atx and (previous_blank or atx.group(1)):
                line = _heading(atx.group(1), len(atx.group(2)), atx.group(3) or "", level)
            elif (previous_blank and line.strip() and _SETEXT.match(following)
                  and not _NOT_SETEXT.match(line)):
                depth = 1 if following.strip().startswith("=") else 2
                line, lines[index + 1] = _heading("", depth, line, level), ""
        previous_blank = not line.strip()
        out.append(line)
    return "\n".join(out)


def _heading(prefix: str, depth: int, title: str, level: int) -> str:
    title = _CLOSING_HASHES.sub("", title.strip())
    attributes = _ATTRIBUTES.search(title)
    if attributes:
        title = title[:attributes.start()].rstrip()
        classes = attributes.group(1).strip()
        suffix = f" {{{classes} .unlisted}}" if classes else " {.unlisted}"
    else:
        suffix = " {.unlisted}"
    return f"{prefix}{'#' * min(6, max(level, 3) + depth)} {title}{suffix}"


def _attribute_line(attributes: dict, labels: dict) -> str:
    parts = []
    names = {"credential_phase": _("Phases"), "governance_level": _("Levels"),
             "stakeholder_type": _("Addressees"), "sector": _("Sectors")}
    for vocabulary, name in names.items():
        keys = (attributes.get("terms") or {}).get(vocabulary) or []
        if keys:
            parts.append(f"{name}: " + ", ".join(labels.get((vocabulary, k), k) for k in keys))
    horizon = attributes.get("time_horizon")
    if horizon:
        parts.append(_("Time horizon: %(h)s", h={"short": _("short"), "medium": _("medium"),
                                                   "long": _("long")}.get(horizon, horizon)))
    return plain(" · ".join(parts))


def markdown_table(header: list[str], rows: list[list], widths: list[int] | None = None) -> str:
    """A pipe table whose cells are plain text; `widths` are relative column widths."""
    return _table(header, rows, widths)


def _table(header: list[str], rows: list[list], widths: list[int] | None = None) -> str:
    """A pipe table; `widths` (relative, in dashes) make pandoc give columns those shares."""
    dashes = widths or [3] * len(header)
    lines = ["| " + " | ".join(plain(h) for h in header) + " |",
             "|" + "|".join("-" * n for n in dashes) + "|"]
    lines += ["| " + " | ".join(plain(str(cell)) for cell in row) + " |" for row in rows]
    return "\n".join(lines)


def _method(rounds: list[dict]) -> str:
    modes = {"attributed": _("attributed"),
             "anonymous_to_participants": _("anonymous to other participants"),
             "anonymous": _("anonymous to everyone")}
    rows = [[r["title"], _frozen_day(r["opened"]), _frozen_day(r["closed"]), r["questions"],
             ", ".join(r["audience"]) or _("everyone"), modes[r["anonymity"]]] for r in rounds]
    header = [_("Round"), _("Opened"), _("Closed"), _("Questions"), _("Audience"),
              _("Anonymity")]
    return f"# {plain(_('Annex A. Method and timeline'))}\n\n" + _table(header, rows)


def _participation(rounds: list[dict]) -> tuple[str, bytes | None]:
    text = [f"# {plain(_('Annex B. Participation'))}"]
    totals: dict[str, int] = {}
    for round_ in rounds:
        for kind, _country, _invited, submitted in round_["rows"]:
            totals[kind] = totals.get(kind, 0) + submitted
        text.append(f"## {plain(round_['title'])}")
        text.append(_table([_("Stakeholder type"), _("Country"), _("Invited"),
                            _("Submitted")], round_["rows"]))
    svg = _bars_svg(sorted(totals.items())) if totals else None
    if svg:
        text.insert(1, f"![{plain(_('Submitted responses by stakeholder type'))}]"
                       "(assets/participation.svg)")
    return "\n\n".join(text), svg


def _bars_svg(items: list[tuple[str, int]]) -> bytes:
    chart = charts.horizontal_bars(items)
    rows = []
    for row in chart["rows"]:
        y, label = row["y"], _xml(row["label"])
        rows.append(
            f'<text x="{chart["label_width"] - 8}" y="{y + 15}" text-anchor="end" '
            f'font-size="12" font-family="sans-serif">{label}</text>'
            f'<rect x="{chart["label_width"]}" y="{y}" width="{row["width"]:.1f}" '
            f'height="{chart["row_height"]}" fill="#0b5d3b"/>'
            f'<text x="{chart["label_width"] + row["width"] + 6:.1f}" y="{y + 15}" '
            f'font-size="12" font-family="sans-serif">{row["value"]}</text>')
    return (f'<svg xmlns="http://www.w3.org/2000/svg" width="{chart["width"]}" '
            f'height="{chart["height"]}" viewBox="0 0 {chart["width"]} {chart["height"]}">'
            + "".join(rows) + "</svg>").encode()


def _xml(text: str) -> str:
    text = strip_control_characters(text)
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def _dispositions(decisions: list[dict]) -> str:
    statuses = {"accepted": _("Accepted"), "accepted_modified": _("Accepted with modification"),
                "not_accepted": _("Not accepted"), "noted": _("Noted"),
                "deferred": _("Deferred"), None: _("Not decided")}
    withheld = _("(not published at the author's request)")
    rows = [[d["comment"], d["stakeholder_type"] or "—", d["country"] or "—",
             ", ".join(d["phases"]), d["type"], withheld if d.get("withheld") else d["excerpt"],
             statuses[d["status"]], d["reason"], d["target"]] for d in decisions]
    header = [_("No."), _("Stakeholder type"), _("Country"), _("Phase"), _("Type"),
              _("Comment (excerpt)"), _("Disposition"), _("Reason"), _("Rec.")]
    # The table is on landscape pages (the `landscape` division, see filters/safe.lua);
    # the dashes give the excerpt and the reason most of the width, the codes little.
    table = _table(header, rows, widths=DISPOSITION_WIDTHS)
    heading = f"# {plain(_('Annex C. Disposition of comments'))}"
    return f"::: {{#annex-dispositions .landscape}}\n{heading}\n\n{table}\n:::"


def _glossary() -> str:
    lines = [f"# {plain(_('Annex D. Glossary'))}"]
    for vocabulary, heading in (("credential_phase", _("Credential phases")),
                                ("eu_element", _("EU standard elements")),
                                ("eu_principle", _("EU principles"))):
        lines.append(f"## {plain(heading)}")
        for term in vocab.terms(vocabulary):
            lines.append(f"{plain(term.label)}\n:   {plain(term.description) or '—'}")
    return "\n\n".join(lines)


def file_stem(version: DocumentVersion) -> str:
    """A safe file name for an export of the version."""
    title = re.sub(r"[^A-Za-z0-9]+", "-", version.document.title).strip("-").lower()[:60]
    stamp = datetime.now(UTC).strftime("%Y%m%d")
    return f"{title or 'document'}-v{version.number}-{stamp}"
