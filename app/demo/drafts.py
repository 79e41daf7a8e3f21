"""The demo policy document: built from round 1's comments, versions 0.1 and 0.2."""

from datetime import datetime, timedelta

from sqlalchemy import select

from ..drafts import blocks, dispositions, versions
from ..extensions import db
from ..publications import services as publications
from ..responses.models import Comment, Response
from ..vocab import services as vocab
from . import drafts_data_bg
from .drafts_data import (
    DECISIONS,
    EARLIER_SECTIONS,
    EARLIER_TITLE,
    RECOMMENDATIONS,
    SUBTITLE,
    TITLE,
)


def load_demo_document(lead, consultation, first_round, second_round, now: datetime,
                       working_group=None):
    """Write the document, decide round 1's comments, save 0.1 and 0.2, review 0.2."""
    document = blocks.create_document(lead, title=TITLE, subtitle=SUBTITLE,
                                      consultations=[consultation],
                                      working_group=working_group,
                                      authors="MASTERY partners")
    by_phase = {}
    for phase, recommendations in RECOMMENDATIONS.items():
        section = blocks.add_block(lead, document, kind="section",
                                   title=vocab.term("credential_phase", phase).label, now=now)
        by_phase[phase] = [_recommendation(lead, document, section, phase, item, now)
                           for item in recommendations]
    _decide(lead, document, first_round, by_phase, now)
    versions.save_version(lead, document, number="0.1", label="First draft",
                          change_note="Built from the comments of round 1.")
    first = by_phase["design"][1]
    blocks.update_block(lead, first, expected_version=None, base_text=first.text,
                        title=first.title, text=first.text.replace("25 hours", "25 hours (1 ECTS)"),
                        now=now)
    blocks.move_block(lead, by_phase["portability"][1], "up")
    version = versions.save_version(lead, document, number="0.2", label="For round 2",
                                    change_note="Workload in ECTS; recognition reordered.")
    second_round.document_version_id = version.id
    dispositions.release(lead, document, now - timedelta(days=1), notify=False)
    return document


def load_bulgarian_document(lead, consultation, now: datetime, working_group=None,
                            edition_of=None):
    """The same recommendations in Bulgarian, saved as version 0.2.

    It is the translated edition of `edition_of` (the English document's version 0.2).
    """
    document = blocks.create_document(
        lead, title=drafts_data_bg.TITLE, subtitle=drafts_data_bg.SUBTITLE,
        consultations=[consultation], working_group=working_group, language="bg",
        authors=drafts_data_bg.AUTHORS, edition_of=edition_of)
    for phase, (heading, texts) in drafts_data_bg.SECTIONS.items():
        section = blocks.add_block(lead, document, kind="section", title=heading, now=now)
        for (title, text), item in zip(texts, RECOMMENDATIONS[phase], strict=True):
            _recommendation(lead, document, section, phase, (title, text, *item[2:]), now)
    versions.save_version(lead, document, number="0.2", label=drafts_data_bg.VERSION_LABEL,
                          change_note=drafts_data_bg.CHANGE_NOTE)
    return document


def _recommendation(lead, document, section, phase, item, now):
    title, text, levels, addressees, horizon = item
    terms = ([vocab.term("credential_phase", phase)]
             + [vocab.term("governance_level", key) for key in levels]
             + [vocab.term("stakeholder_type", key) for key in addressees])
    return blocks.add_block(lead, document, kind="recommendation", parent=section,
                            title=title, text=text, terms=terms, time_horizon=horizon, now=now)


def _decide(lead, document, round_, by_phase, now) -> None:
    """Each comment goes into the recommendation about what it says, decided as DECISIONS."""
    comments = db.session.scalars(select(Comment).join(Response).where(
        Response.round_id == round_.id).order_by(Comment.id)).all()
    for comment in comments:
        phase, index, status, reason = next(
            decision for start, decision in DECISIONS.items() if comment.body.startswith(start))
        block = by_phase[phase][index]
        dispositions.merge(lead, document, [comment], block=block, now=now)
        target = block if status.startswith("accepted") else None
        dispositions.decide(lead, document, comment, status=status, reason=reason,
                            block=target, expected_version=None, now=now)


def load_earlier_publication(lead, working_group, now: datetime):
    """An earlier position paper of the working group, version 1.0 published as final."""
    document = blocks.create_document(lead, title=EARLIER_TITLE, working_group=working_group,
                                      authors="MASTERY partners")
    for title, text in EARLIER_SECTIONS:
        blocks.add_block(lead, document, kind="section", title=title, text=text, now=now)
    version = versions.save_version(lead, document, number="1.0", label="Position paper",
                                    change_note="Agreed at the kick-off meeting.")
    return publications.publish(lead, version, now=now, notify=False)
