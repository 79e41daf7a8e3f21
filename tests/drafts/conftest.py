"""A policy document with two sections and three recommendations."""

import pytest

from app.core.types import utcnow
from app.drafts import blocks


@pytest.fixture
def document(facilitator, make_consultation):
    """Design (R1, R2) and Portability (R3), drawing on a consultation of the facilitator."""
    consultation = make_consultation()
    doc = blocks.create_document(facilitator, title="Policy recommendations",
                                 consultations=[consultation])
    now = utcnow()
    design = blocks.add_block(facilitator, doc, kind="section", title="Design", now=now)
    portability = blocks.add_block(facilitator, doc, kind="section", title="Portability",
                                   now=now)
    blocks.add_block(facilitator, doc, kind="recommendation", parent=design,
                     title="Employers", text="Employers co-design learning outcomes.", now=now)
    blocks.add_block(facilitator, doc, kind="recommendation", parent=design,
                     title="Workload", text="Units start at 25 hours.", now=now)
    blocks.add_block(facilitator, doc, kind="recommendation", parent=portability,
                     title="Wallets", text="Issue credentials as EDC.", now=now)
    return doc
