"""Immutable versions of a document, differences between two of them, restoring text."""

import re
from dataclasses import dataclass, field
from difflib import SequenceMatcher

from flask_babel import gettext as _
from sqlalchemy import event
from sqlalchemy.orm import object_session

from ..audit.services import record
from ..core.errors import Conflict, DomainError
from ..extensions import db
from . import snapshots
from .blocks import _require, tree
from .models import Block, DocumentVersion, PolicyDocument, VersionBlock, VersionSnapshot

VERSION_NUMBER = re.compile(r"\A[0-9]{1,6}\.[0-9]{1,6}\Z")  # 0.3, 1.0, 12.10
_TOKEN = re.compile(r"\s+|\w+|[^\w\s]", re.UNICODE)


class VersionImmutable(DomainError):
    """A saved version can never change."""

    status_code = 409


def save_version(actor, document: PolicyDocument, *, number: str, label: str = "",
                 change_note: str = "") -> DocumentVersion:
    """Freeze the working copy as a numbered version (e.g. 0.3 or 1.0)."""
    from ..publications import services as publications

    _require(actor, document)
    number = number.strip()
    if not VERSION_NUMBER.match(number):
        raise DomainError(_("A version number looks like 0.3 or 1.0."))
    if any(v.number == number for v in document.versions):
        raise Conflict(_("Version %(n)s exists already.", n=number))
    if not publications.next_version_allowed(document, number):
        raise DomainError(_("A new draft continues after the published version: choose a "
                            "higher number than %(n)s.",
                            n=publications.latest_publication(document).document_version.number))
    version = DocumentVersion(document=document, number=number,
                              label=label.replace("\x00", "").strip(),
                              change_note=change_note.replace("\x00", "").strip(),
                              author_id=actor.id)
    db.session.add(version)
    for ordinal, node in enumerate(tree(document), start=1):
        block = node.block
        version.blocks.append(VersionBlock(
            block_id=block.id, parent_block_id=block.parent_id, ordinal=ordinal,
            depth=node.depth, kind=block.kind, number=node.number, title=block.title,
            text=block.text, attributes=_attributes(block)))
    db.session.flush()
    snapshots.record(version)
    record(actor, "document.version", document, number=number, blocks=len(version.blocks))
    return version


def get_version(version_id: int) -> DocumentVersion | None:
    """The version with this id, or None."""
    return db.session.get(DocumentVersion, version_id)


def restore_text(actor, block: Block, old: VersionBlock, now) -> Block:
    """Put a block's text (and title) from an older version back into the working copy."""
    _require(actor, block.document)
    if old.block_id != block.id:
        raise DomainError(_("That version's text belongs to another block."))
    block.title, block.text = old.title, old.text
    block.removed_at = None
    block.updated_at, block.updated_by_id = now, actor.id
    record(actor, "block.restore", block, version=old.document_version.number)
    return block


@dataclass
class BlockChange:
    """How one block differs between two versions."""

    block_id: int
    status: str  # added, removed, changed, moved, unchanged
    old: VersionBlock | None
    new: VersionBlock | None
    words: list[tuple[str, str]] = field(default_factory=list)  # (equal|insert|delete, text)
    title_words: list[tuple[str, str]] = field(default_factory=list)
    moved: bool = False


def compare(old: DocumentVersion, new: DocumentVersion) -> list[BlockChange]:
    """Blocks added, removed, moved and changed from `old` to `new`, in reading order."""
    before = {b.block_id: b for b in old.blocks}
    after = {b.block_id: b for b in new.blocks}
    changes = []
    for block in new.blocks:
        previous = before.get(block.block_id)
        if previous is None:
            changes.append(BlockChange(block.block_id, "added", None, block,
                                       [("insert", block.text)]))
            continue
        moved = _place(previous, old) != _place(block, new)
        text_changed = previous.text != block.text or previous.title != block.title
        status = "changed" if text_changed else ("moved" if moved else "unchanged")
        changes.append(BlockChange(block.block_id, status, previous, block,
                                   word_diff(previous.text, block.text),
                                   word_diff(previous.title, block.title), moved))
    for block in old.blocks:
        if block.block_id not in after:
            changes.append(BlockChange(block.block_id, "removed", block, None,
                                       [("delete", block.text)]))
    return changes


def word_diff(old: str, new: str) -> list[tuple[str, str]]:
    """Word-by-word difference: runs of equal, inserted and deleted text."""
    a, b = _TOKEN.findall(old or ""), _TOKEN.findall(new or "")
    result: list[tuple[str, str]] = []
    for op, i1, i2, j1, j2 in SequenceMatcher(a=a, b=b, autojunk=False).get_opcodes():
        if op == "equal":
            result.append(("equal", "".join(a[i1:i2])))
        else:
            if i2 > i1:
                result.append(("delete", "".join(a[i1:i2])))
            if j2 > j1:
                result.append(("insert", "".join(b[j1:j2])))
    return result


def _place(block: VersionBlock, version: DocumentVersion) -> tuple:
    """A block's place: its parent and its order among its siblings."""
    siblings = [b.block_id for b in version.blocks if b.parent_block_id == block.parent_block_id]
    return block.parent_block_id, siblings.index(block.block_id)


def _attributes(block: Block) -> dict:
    return {"time_horizon": block.time_horizon,
            "terms": {t.vocabulary: [x.key for x in block.tags(t.vocabulary)]
                      for t in block.terms}}


@event.listens_for(DocumentVersion, "before_update")
@event.listens_for(VersionBlock, "before_update")
@event.listens_for(VersionSnapshot, "before_update")
def _refuse_updates(mapper, connection, target) -> None:
    # Adding blocks while a version is being saved marks it dirty without changing a column.
    session = object_session(target)
    if session is not None and session.is_modified(target, include_collections=False):
        raise VersionImmutable(_("A saved version cannot be changed."))


@event.listens_for(DocumentVersion, "before_delete")
@event.listens_for(VersionBlock, "before_delete")
@event.listens_for(VersionSnapshot, "before_delete")
def _refuse_deletes(mapper, connection, target) -> None:
    raise VersionImmutable(_("A saved version cannot be deleted."))
