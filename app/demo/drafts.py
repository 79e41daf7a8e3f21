"""The demo policy document: built from round 1's comments, versions 0.1 and 0.2."""

from datetime import datetime, timedelta

from sqlalchemy import select

from ..drafts import blocks, dispositions, versions
from ..extensions import db
from ..responses.models import Comment, Response
from ..vocab import services as vocab
from .drafts_data import REASONS, RECOMMENDATIONS, SUBTITLE, TITLE

STATUSES = ("accepted", "accepted_modified", "accepted", "noted", "not_accepted", "deferred")


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


def _recommendation(lead, document, section, phase, item, now):
    title, text, levels, addressees, horizon = item
    terms = ([vocab.term("credential_phase", phase)]
             + [vocab.term("governance_level", key) for key in levels]
             + [vocab.term("stakeholder_type", key) for key in addressees])
    return blocks.add_block(lead, document, kind="recommendation", parent=section,
                            title=title, text=text, terms=terms, time_horizon=horizon, now=now)


def _decide(lead, document, round_, by_phase, now) -> None:
    comments = db.session.scalars(select(Comment).join(Response).where(
        Response.round_id == round_.id).order_by(Comment.id)).all()
    for index, comment in enumerate(comments):
        phase = comment.tags("credential_phase")[0].key
        block = by_phase[phase][index % len(by_phase[phase])]
        dispositions.merge(lead, document, [comment], block=block, now=now)
        status = STATUSES[index % len(STATUSES)]
        target = block if status.startswith("accepted") else None
        dispositions.decide(lead, document, comment, status=status, reason=REASONS[status],
                            block=target, expected_version=None, now=now)
