"""A policy document with two sections and three recommendations."""

import pytest

from app.core.types import utcnow
from app.drafts import blocks, versions


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


@pytest.fixture
def presented(facilitator, document, make_round):
    """A round presenting version 0.1 of the document, with one text question."""
    version = versions.save_version(facilitator, document, number="0.1")
    round_ = make_round(consultation=document.consultations[0], questions=("text",),
                        document_version_id=version.id)
    return round_, version
