"""Publishing: only the chair, a locked document, reopening, the version line, notices."""

import pytest
from sqlalchemy import func, select

from app.audit.models import AuditEvent
from app.core.errors import Conflict, DomainError, NotAllowed
from app.core.types import utcnow
from app.drafts import blocks, dispositions, permissions, versions
from app.drafts.blocks import DocumentLocked
from app.exports.models import ExportJob
from app.extensions import db
from app.publications import services as publications
from app.publications.models import Publication
from tests.mails import plain


def _count(model) -> int:
    return db.session.scalar(select(func.count()).select_from(model))


def test_only_the_chair_publishes(facilitator, member, other_facilitator, chair, document,
                                  version):
    for actor in (member, facilitator, other_facilitator):
        with pytest.raises(NotAllowed):
            publications.publish(actor, version, now=utcnow())
    assert _count(Publication) == 0 and document.status == "drafting"
    publication = publications.publish(chair, version, now=utcnow(), notify=False)
    assert (document.status, document.final_version_id) == ("final", version.id)
    assert publication.version_id == version.id and publications.is_published(version)
    requested = db.session.scalars(select(ExportJob.format).where(
        ExportJob.version_id == version.id)).all()
    assert sorted(requested) == ["docx", "epub", "html", "md", "odt", "pdf"]
    assert db.session.scalar(select(AuditEvent).where(
        AuditEvent.verb == "document.publish")) is not None


def test_a_published_document_is_locked(facilitator, member, chair, document, version,
                                        comments):
    publications.publish(chair, version, now=utcnow(), notify=False)
    block = blocks.tree(document)[1].block
    attempts = [
        lambda: blocks.add_block(member, document, kind="section", title="More", now=utcnow()),
        lambda: blocks.update_block(facilitator, block, expected_version=None,
                                    base_text=block.text, title="X", text="Y", now=utcnow()),
        lambda: blocks.move_block(facilitator, block, "up"),
        lambda: blocks.remove_block(chair, block, utcnow()),
        lambda: versions.save_version(chair, document, number="1.1"),
        lambda: dispositions.decide(facilitator, document, comments[1], status="noted",
                                    reason="", block=None, expected_version=None,
                                    now=utcnow()),
        lambda: blocks.update_document(chair, document, expected_version=None, title="Other"),
    ]
    for attempt in attempts:
        with pytest.raises(DocumentLocked):
            attempt()
    assert block.text == "Employers co-design learning outcomes."
    assert document.title == "Joint recommendations"
    with pytest.raises(Conflict):
        publications.publish(chair, version, now=utcnow())


def test_reopening_is_the_chairs_audited_act_and_starts_a_new_line(chair, member, facilitator,
                                                                   document, version):
    publication = publications.publish(chair, version, now=utcnow(), notify=False)
    for actor in (member, facilitator):
        with pytest.raises(NotAllowed):
            publications.reopen(actor, document, reason="More work")
    with pytest.raises(DomainError):
        publications.reopen(chair, document, reason="  ")
    assert document.status == "final"
    publications.reopen(chair, document, reason="The ministry asked for a second edition")
    event = db.session.scalar(select(AuditEvent).where(AuditEvent.verb == "document.reopen"))
    assert event is not None and "second edition" in str(event.details)
    assert document.status == "drafting" and publications.is_published(version)
    with pytest.raises(DomainError):
        publications.reopen(chair, document, reason="Again")
    for number in ("0.9", "1.0"):
        with pytest.raises(DomainError):
            versions.save_version(member, document, number=number)
    second = versions.save_version(member, document, number="1.1")
    with pytest.raises(DomainError):
        publications.publish(chair, version, now=utcnow())
    again = publications.publish(chair, second, now=utcnow(), notify=False)
    assert [p.id for p in publications.publications()] == [again.id, publication.id]


def test_final_status_and_group_moves_are_refused_in_the_service(facilitator, member, chair,
                                                                 document, make_user):
    from app.groups import services as groups
    from app.vocab import services as vocab

    other = groups.save_group(facilitator, name="Other group",
                              level=vocab.term("governance_level", "national"))
    with pytest.raises(NotAllowed):
        blocks.update_document(member, document, expected_version=None, status="final")
    with pytest.raises(NotAllowed):
        blocks.update_document(member, document, expected_version=None, working_group=other)
    with pytest.raises(NotAllowed):
        blocks.update_document(chair, document, expected_version=None, status="final")
    assert (document.status, document.working_group_id) == ("drafting", chair_group(chair))
    blocks.update_document(member, document, expected_version=None, title="Renamed",
                           working_group=document.working_group)
    blocks.update_document(chair, document, expected_version=None, working_group=other)
    db.session.flush()
    assert document.working_group_id == other.id


def chair_group(chair):
    return chair.working_group_memberships[0].group_id


def test_drafts_are_seen_only_when_a_round_presents_them_or_once_published(
        chair, participant, document, version, make_round):
    assert not permissions.can_view_version(participant, version)
    assert permissions.can_view_version(chair, version)
    dispositions.release(chair, document, utcnow(), notify=False)
    assert not permissions.can_view_version(participant, version)
    round_ = make_round(consultation=document.consultations[0], title="Review")
    round_.document_version_id = version.id
    assert permissions.can_view_version(participant, version)
    round_.document_version_id = None
    publications.publish(chair, version, now=utcnow(), notify=False)
    assert permissions.can_view_version(participant, version)
    assert permissions.can_view_version(None, version)


def test_participants_are_told_after_the_commit(chair, participant, make_user, document,
                                                version, make_round, outbox,
                                                make_organisation):
    from app.responses import services as responses
    from app.responses.validation import ResponseInput

    drafter = make_user(email="drafter@example.org", organisations=[make_organisation()])
    round_ = make_round(consultation=document.consultations[0], title="Second",
                        questions=("text",))
    responses.save_response(drafter, round_, ResponseInput({}, []), now=utcnow(),
                            expected_version=None, submit=False)
    db.session.commit()
    receipts = len(outbox())
    dispositions.release(chair, document, utcnow())
    assert len(outbox()) == receipts
    db.session.commit()
    [released] = outbox()[receipts:]
    assert released["To"] == participant.email
    assert "/my/input" in plain(released)
    dispositions.release(chair, document, utcnow())  # released already: no second message
    publication = publications.publish(chair, version, now=utcnow())
    db.session.rollback()
    assert len(outbox()) == receipts + 1 and _count(Publication) == 0
    publication = publications.publish(chair, version, now=utcnow())
    db.session.commit()
    published = outbox()[-1]
    assert published["To"] == participant.email and "Published" in published["Subject"]
    assert f"/publications/{publication.id}" in plain(published)
