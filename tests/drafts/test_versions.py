"""Versions: frozen, compared block by block and word by word, restorable."""

import pytest

from app.core.types import utcnow
from app.drafts import blocks, versions
from app.drafts.models import VersionBlock
from app.extensions import db


def test_save_version_freezes_the_tree(facilitator, document):
    version = versions.save_version(facilitator, document, number="0.1", label="First")
    assert [(b.number, b.title) for b in version.blocks] == [
        ("1", "Design"), ("1", "Employers"), ("2", "Workload"), ("2", "Portability"),
        ("3", "Wallets")]
    with pytest.raises(Exception, match="0.3 or 1.0"):
        versions.save_version(facilitator, document, number="v2")
    with pytest.raises(Exception, match="exists already"):
        versions.save_version(facilitator, document, number="0.1")


def test_saved_versions_cannot_be_altered(facilitator, document):
    version = versions.save_version(facilitator, document, number="0.1")
    db.session.commit()
    version.blocks[1].text = "Tampered"
    with pytest.raises(versions.VersionImmutable):
        db.session.flush()
    db.session.rollback()
    version.label = "Renamed"
    with pytest.raises(versions.VersionImmutable):
        db.session.flush()
    db.session.rollback()
    db.session.delete(version.blocks[0])
    with pytest.raises(versions.VersionImmutable):
        db.session.flush()
    db.session.rollback()
    assert db.session.get(VersionBlock, version.blocks[1].id).text == "Employers co-design " \
        "learning outcomes."


def _edit(facilitator, block, text, title=None):
    blocks.update_block(facilitator, block, expected_version=None, base_text="",
                        title=title if title is not None else block.title, text=text,
                        now=utcnow())


def test_compare_added_removed_moved_changed(facilitator, document):
    old = versions.save_version(facilitator, document, number="0.1")
    nodes = {n.block.title: n.block for n in blocks.tree(document)}
    _edit(facilitator, nodes["Employers"], "Employers and VET bodies co-design learning "
                                           "outcomes.")
    blocks.move_block(facilitator, nodes["Wallets"], "out")
    blocks.remove_block(facilitator, nodes["Workload"], utcnow())
    blocks.add_block(facilitator, document, kind="recommendation", parent=nodes["Design"],
                     title="Mentors", text="Train mentors.", now=utcnow())
    new = versions.save_version(facilitator, document, number="0.2")
    changes = {c.block_id: c for c in versions.compare(old, new)}
    status = {title: changes[block.id].status for title, block in nodes.items()}
    assert status == {"Design": "unchanged", "Employers": "changed", "Workload": "removed",
                      "Portability": "unchanged", "Wallets": "moved"}
    added = [c for c in changes.values() if c.status == "added"]
    assert [c.new.title for c in added] == ["Mentors"]
    words = changes[nodes["Employers"].id].words
    assert "".join(t for op, t in words if op == "insert").strip() == "and VET bodies"
    assert not [t for op, t in words if op == "delete"]


@pytest.mark.parametrize(("old", "new", "expected"), [
    ("Units start at 25 hours.", "Units start at 30 hours.", ("25", "30")),
    ("Pyhäjärvi € micro-credentials", "Pyhäjärvi 100 € micro-credentials", ("", "100")),
    ("България и Suomi.", "България и Suomi и España.", ("", "и España")),
    ("Grüße aus Sofia", "Grüße aus Plovdiv", ("Sofia", "Plovdiv")),
    ("", "New text", ("", "New text")),
])
def test_word_diff(old, new, expected):
    result = versions.word_diff(old, new)
    assert "".join(t for op, t in result if op != "insert") == old
    assert "".join(t for op, t in result if op != "delete") == new
    deleted = "".join(t for op, t in result if op == "delete").strip()
    inserted = "".join(t for op, t in result if op == "insert").strip()
    assert (deleted, inserted) == expected


def test_split_block_shows_as_changed_and_added(facilitator, document):
    old = versions.save_version(facilitator, document, number="0.1")
    nodes = {n.block.title: n.block for n in blocks.tree(document)}
    _edit(facilitator, nodes["Workload"], "Units start at 25 hours.")
    employers = nodes["Employers"]
    _edit(facilitator, employers, "Employers co-design.")
    blocks.add_block(facilitator, document, kind="recommendation", parent=nodes["Design"],
                     after=employers, title="Outcomes", text="Learning outcomes are public.",
                     now=utcnow())
    new = versions.save_version(facilitator, document, number="0.2")
    changes = versions.compare(old, new)
    assert [c.status for c in changes if c.block_id == employers.id] == ["changed"]
    assert [c.new.title for c in changes if c.status == "added"] == ["Outcomes"]


def test_restore_text_from_an_older_version(facilitator, document):
    old = versions.save_version(facilitator, document, number="0.1")
    block = blocks.tree(document)[1].block
    _edit(facilitator, block, "Rewritten.")
    kept = next(b for b in old.blocks if b.block_id == block.id)
    versions.restore_text(facilitator, block, kept, utcnow())
    assert block.text == "Employers co-design learning outcomes."
