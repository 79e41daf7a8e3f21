"""The working copy: create documents, add, edit, move and remove blocks, number them."""

from dataclasses import dataclass
from datetime import datetime

from flask_babel import gettext as _
from sqlalchemy import select

from ..audit.services import record
from ..core.errors import Conflict, DomainError, NotAllowed
from ..core.records import apply_changes, check_version
from ..extensions import db
from . import anchors, editions, permissions
from .models import BLOCK_KINDS, DOCUMENT_STATUSES, TIME_HORIZONS, Block, PolicyDocument


class BlockConflict(Conflict):
    """Someone saved the block meanwhile: base, theirs and mine are all kept for the page."""

    def __init__(self, message: str, block: Block, base: str, mine: str):
        super().__init__(message)
        self.block, self.base, self.mine = block, base, mine


@dataclass
class Node:
    """A block in reading order with its depth and number."""

    block: Block
    depth: int
    number: str


def create_document(actor, *, title: str, subtitle: str = "", consultations=(),
                    working_group=None, language: str = "en", authors: str = "",
                    licence: str = "CC BY 4.0", edition_of=None) -> PolicyDocument:
    """Start a policy document (a translated edition when `edition_of` names a version)."""
    if not permissions.can_create_document(actor):
        raise NotAllowed(_("Only facilitators can start a policy document."))
    editions.check_edition(actor, None, edition_of, language=language,
                           consultations=consultations)
    document = PolicyDocument(title=title.strip(), subtitle=subtitle.strip(),
                              consultations=list(consultations), working_group=working_group,
                              language=language, authors=authors, licence=licence,
                              created_by_id=actor.id, edition_of=edition_of)
    db.session.add(document)
    db.session.flush()
    record(actor, "document.create", document, title=document.title)
    return document


def update_document(actor, document: PolicyDocument, *, expected_version: int | None,
                    **fields) -> PolicyDocument:
    """Change a document's description or status, with optimistic locking."""
    _require(actor, document)
    check_version(document, expected_version)
    status = fields.get("status", document.status)
    if status not in DOCUMENT_STATUSES:
        raise DomainError(_("Unknown status."))
    if status == "final":
        raise NotAllowed(_("A document becomes final only when the chair of its working group "
                           "publishes a version."))
    group = fields.get("working_group", document.working_group)
    if (getattr(group, "id", None) != document.working_group_id
            and not permissions.can_move_to_group(actor, document)):
        raise NotAllowed(_("Only the chair of the document's working group moves it to "
                           "another group."))
    _check_edition_change(actor, document, fields)
    changes = apply_changes(document, fields)
    if changes:
        record(actor, "document.update", document, changes=changes)
    if "edition_of_version_id" in changes:
        db.session.expire(document, ["edition_of"])
    return document


def _check_edition_change(actor, document: PolicyDocument, fields: dict) -> None:
    """Check the original again when it, the language or the consultations change.

    `fields["edition_of"]` (a version or None) becomes `edition_of_version_id`.
    """
    if "edition_of" not in fields:
        return
    version = fields.pop("edition_of")
    language = fields.get("language", document.language)
    consultations = fields.get("consultations", document.consultations)
    if version is not None and (
            version.id != document.edition_of_version_id or language != document.language
            or {c.id for c in consultations} != {c.id for c in document.consultations}):
        editions.check_edition(actor, document, version, language=language,
                               consultations=consultations)
    fields["edition_of_version_id"] = version.id if version is not None else None


def tree(document: PolicyDocument) -> list[Node]:
    """The blocks still in the working copy, in reading order, numbered.

    Sections are numbered by position (1, 1.1, 1.2, 2 …); recommendations are numbered
    1, 2, 3 … through the whole document.
    """
    children: dict[int | None, list[Block]] = {}
    for block in document.blocks:
        if not block.is_removed:
            children.setdefault(block.parent_id, []).append(block)
    nodes: list[Node] = []
    counter = [0]

    def walk(parent_id, depth: int, prefix: str) -> None:
        section = 0
        for block in sorted(children.get(parent_id, []), key=lambda b: (b.position, b.id)):
            if block.kind == "section":
                section += 1
                number = f"{prefix}{section}"
            else:
                counter[0] += 1
                number = str(counter[0])
            nodes.append(Node(block, depth, number))
            walk(block.id, depth + 1, f"{number}." if block.kind == "section" else prefix)

    walk(None, 0, "")
    return nodes


def add_block(actor, document: PolicyDocument, *, kind: str, parent: Block | None = None,
              after: Block | None = None, title: str = "", text: str = "", terms=(),
              time_horizon: str = "", now: datetime, check_links: bool = True) -> Block:
    """Add a section or recommendation under `parent`, after `after` (or at the end).

    `check_links` False leaves quoted comments' links alone (the export disarms them).
    """
    _require(actor, document)
    if kind not in BLOCK_KINDS:
        raise DomainError(_("Unknown kind of block."))
    if parent is not None and (parent.document_id != document.id or parent.kind != "section"):
        raise DomainError(_("Blocks go inside sections of the same document."))
    if check_links:
        _check_links(document, None, kind, title, text)
    siblings = _siblings(document, parent.id if parent else None)
    position = (after.position + 1) if after is not None else (
        max((b.position for b in siblings), default=0) + 1)
    for sibling in siblings:
        if sibling.position >= position:
            sibling.position += 1
    block = Block(document=document, parent_id=parent.id if parent else None, kind=kind,
                  position=position, title=title.strip(), text=text, terms=list(terms),
                  time_horizon=_horizon(time_horizon), updated_at=now, updated_by_id=actor.id)
    db.session.add(block)
    db.session.flush()
    record(actor, "block.add", block, document=document.id, kind=kind)
    return block


def update_block(actor, block: Block, *, expected_version: int | None, base_text: str,
                 title: str, text: str, terms=None, time_horizon: str = "",
                 now: datetime) -> Block:
    """Save a block's text; if someone saved it meanwhile, refuse and keep all three texts."""
    _require(actor, block.document)
    if block.is_removed:
        raise DomainError(_("This block has been removed."))
    if expected_version is not None and block.version != expected_version:
        raise BlockConflict(_("Someone else saved this block while you were editing it."),
                            block, base_text, text)
    _check_links(block.document, block, block.kind, title, text)
    block.title, block.text = title.strip(), text
    if terms is not None:
        block.terms = list(terms)
    block.time_horizon = _horizon(time_horizon)
    block.updated_at, block.updated_by_id = now, actor.id
    record(actor, "block.update", block, document=block.document_id)
    return block


def move_block(actor, block: Block, direction: str) -> None:
    """Move a block up or down among its siblings, or in (into the section above) or out."""
    document = block.document
    _require(actor, document)
    if block.is_removed:  # a removed block has no place among the working copy's siblings
        raise DomainError(_("This block has been removed."))
    siblings = sorted(_siblings(document, block.parent_id), key=lambda b: (b.position, b.id))
    index = siblings.index(block)
    if direction in ("up", "down"):
        target = index - 1 if direction == "up" else index + 1
        if 0 <= target < len(siblings):
            siblings[index], siblings[target] = siblings[target], siblings[index]
    elif direction == "in":
        above = next((s for s in reversed(siblings[:index]) if s.kind == "section"), None)
        if above is None:
            raise DomainError(_("There is no section above to move this block into."))
        block.parent_id = above.id
        block.position = max((b.position for b in _siblings(document, above.id)), default=0) + 1
        siblings.remove(block)
    elif direction == "out":
        if block.parent_id is None:
            raise DomainError(_("This block is already at the top level."))
        parent = db.session.get(Block, block.parent_id)
        outer = sorted(_siblings(document, parent.parent_id), key=lambda b: (b.position, b.id))
        outer.insert(outer.index(parent) + 1, block)
        block.parent_id = parent.parent_id
        siblings.remove(block)
        _renumber(outer)
    _renumber(siblings)
    record(actor, "block.move", block, direction=direction)


def remove_block(actor, block: Block, now: datetime) -> None:
    """Take a block (and what it contains) out of the working copy; history keeps it."""
    _require(actor, block.document)
    for item in [block] + _descendants(block):
        item.removed_at = now
    record(actor, "block.remove", block, document=block.document_id)


def _check_links(document: PolicyDocument, edited: Block | None, kind: str, title: str,
                 text: str) -> None:
    """Refuse a link to a heading the document does not have, naming the block."""
    targets = anchors.link_targets(text)
    if not targets:
        return
    headings, texts, name = [], [], title.strip() or _("the new block")
    for node in tree(document):
        block = node.block
        own = block is edited
        heading = heading_text(block.kind, node.number, title if own else block.title)
        headings.append(heading)
        texts.append(text if own else block.text)
        name = heading if own else name
    if edited is None:
        headings.append(heading_text(kind, "", title))
        texts.append(text)
    missing = [t for t in targets if t not in anchors.document_anchors(headings, texts)]
    if missing:
        raise DomainError(_("%(block)s: the link to “#%(target)s” points to no heading of "
                            "this document. Link to a heading's anchor, such as “#%(example)s”.",
                            block=name, target=missing[0][:80],
                            example=anchors.identifier(headings[0]) if headings else "design"))


def heading_text(kind: str, number: str, title: str) -> str:
    """A block's heading as exports print it."""
    if kind == "section":
        return f"{number} {title}".strip()
    heading = _("Recommendation %(n)s", n=number)
    return f"{heading}: {title}" if title else heading


def get_block(block_id: int) -> Block | None:
    """The block with this id, or None."""
    return db.session.get(Block, block_id)


def _descendants(block: Block) -> list[Block]:
    found = []
    for child in db.session.scalars(select(Block).where(Block.parent_id == block.id)):
        found += [child] + _descendants(child)
    return found


def _siblings(document: PolicyDocument, parent_id: int | None) -> list[Block]:
    return [b for b in document.blocks if b.parent_id == parent_id and not b.is_removed]


def _renumber(blocks: list[Block]) -> None:
    for position, item in enumerate(blocks, start=1):
        item.position = position


def _horizon(value: str) -> str:
    return value if value in TIME_HORIZONS else ""


class DocumentLocked(Conflict):
    """A published document changes only after its chair reopens it as a new draft."""


def _require(actor, document: PolicyDocument) -> None:
    if not permissions.can_edit(actor, document):
        raise NotAllowed(_("Only the document's editors can change it."))
    if permissions.is_locked(document):
        raise DocumentLocked(_("This document is published and locked. Its chair can reopen "
                               "it as a new draft."))
