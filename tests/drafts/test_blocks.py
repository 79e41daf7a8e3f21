"""The block tree: numbering, adding, moving, removing, editing with conflicts."""

import pytest

from app.core.errors import DomainError, NotAllowed
from app.core.types import utcnow
from app.drafts import blocks


def outline(document):
    return [(n.number, n.block.title, n.depth) for n in blocks.tree(document)]


def test_numbering(document):
    assert outline(document) == [("1", "Design", 0), ("1", "Employers", 1),
                                 ("2", "Workload", 1), ("2", "Portability", 0),
                                 ("3", "Wallets", 1)]


def test_add_after_and_subsections(facilitator, document):
    design = blocks.tree(document)[0].block
    employers = blocks.tree(document)[1].block
    blocks.add_block(facilitator, document, kind="recommendation", parent=design,
                     after=employers, title="Mentors", now=utcnow())
    blocks.add_block(facilitator, document, kind="section", parent=design, title="Levels",
                     now=utcnow())
    assert outline(document)[:5] == [("1", "Design", 0), ("1", "Employers", 1),
                                     ("2", "Mentors", 1), ("3", "Workload", 1),
                                     ("1.1", "Levels", 1)]
    with pytest.raises(DomainError):
        blocks.add_block(facilitator, document, kind="recommendation", parent=employers,
                         now=utcnow())


def test_move_up_down_in_out(facilitator, document):
    nodes = {n.block.title: n.block for n in blocks.tree(document)}
    blocks.move_block(facilitator, nodes["Workload"], "up")
    assert [t for _n, t, _d in outline(document)][1:3] == ["Workload", "Employers"]
    blocks.move_block(facilitator, nodes["Wallets"], "out")
    assert outline(document)[-1] == ("3", "Wallets", 0)
    blocks.move_block(facilitator, nodes["Wallets"], "in")
    assert outline(document)[-1] == ("3", "Wallets", 1)
    with pytest.raises(DomainError):
        blocks.move_block(facilitator, nodes["Design"], "in")


def test_remove_keeps_history(facilitator, document):
    design = blocks.tree(document)[0].block
    blocks.remove_block(facilitator, design, utcnow())
    assert outline(document) == [("1", "Portability", 0), ("1", "Wallets", 1)]
    assert all(b.removed_at for b in document.blocks if b.title in ("Employers", "Workload"))


def test_concurrent_edit_keeps_base_theirs_and_mine(facilitator, document):
    block = blocks.tree(document)[1].block
    seen, base = block.version, block.text
    blocks.update_block(facilitator, block, expected_version=seen, base_text=base,
                        title="Employers", text="Theirs.", now=utcnow())
    from app.extensions import db

    db.session.flush()
    with pytest.raises(blocks.BlockConflict) as excinfo:
        blocks.update_block(facilitator, block, expected_version=seen, base_text=base,
                            title="Employers", text="Mine.", now=utcnow())
    assert (excinfo.value.base, excinfo.value.block.text, excinfo.value.mine) == (
        "Employers co-design learning outcomes.", "Theirs.", "Mine.")


def test_only_editors_change_documents(document, stakeholder, make_user):
    other = make_user(roles=("facilitator",))
    block = blocks.tree(document)[1].block
    for user in (stakeholder, other):
        with pytest.raises(NotAllowed):
            blocks.update_block(user, block, expected_version=None, base_text="",
                                title="x", text="x", now=utcnow())
    with pytest.raises(NotAllowed):
        blocks.create_document(stakeholder, title="Mine")
