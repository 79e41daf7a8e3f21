"""The migration to dispositions per document moves every row with its data, up and down."""

from datetime import UTC, datetime, timedelta

import pytest
from flask_migrate import downgrade, upgrade
from sqlalchemy import select, text

from app import create_app
from app.accounts import services as accounts
from app.audit.models import AuditEvent
from app.consultations import questions, rounds
from app.consultations import services as consultations
from app.drafts import blocks
from app.extensions import db
from app.organisations import services as organisations
from app.vocab import services as vocab
from tests.databases import drop_scratch_database, scratch_database

BEFORE, AFTER = "0012", "0013"
PASSWORD = "correct horse battery"
EARLY = datetime(2026, 1, 1, tzinfo=UTC)


@pytest.fixture
def migrated_app(tmp_path):
    url = scratch_database("dispositions", tmp_path)
    application = create_app({"TESTING": True, "SQLALCHEMY_DATABASE_URI": url})
    yield application
    with application.app_context():
        db.session.remove()
        db.engine.dispose()
    drop_scratch_database(url)


def _comments(facilitator, consultation, person, count: int) -> list[int]:
    now = datetime.now(UTC)
    round_ = rounds.create_round(facilitator, consultation, title="Round",
                                 opens_at=now - timedelta(hours=1),
                                 closes_at=now + timedelta(days=1))
    question = questions.add_question(facilitator, round_, kind="text", prompt="Why?",
                                      terms=[vocab.term("credential_phase", "design")])
    round_.published_at = now - timedelta(hours=1)
    db.session.flush()
    # in SQL: the models describe the newest schema (comments and answers have a language)
    response_id = db.session.execute(text(
        "INSERT INTO response (round_id, owner_key, user_id, submitted_at, first_submitted_at, "
        "created_at, updated_at, version) VALUES (:round, :key, :user, :now, :now, :now, "
        ":now, 1) RETURNING id"),
        {"round": round_.id, "key": f"u:{person.id}", "user": person.id, "now": now}).scalar()
    phase = vocab.term("credential_phase", "design").id
    ids = []
    for i in range(count):
        comment_id = db.session.execute(text(
            "INSERT INTO comment (response_id, question_id, quote, author_id, comment_type, "
            "body, proposed_change, created_at, updated_at) VALUES (:response, :question, '', "
            ":user, 'general', :body, '', :now, :now) RETURNING id"),
            {"response": response_id, "question": question.id, "user": person.id,
             "body": f"Comment {i}", "now": now}).scalar()
        db.session.execute(text("INSERT INTO comment_term (comment_id, term_id) "
                                "VALUES (:comment, :term)"), {"comment": comment_id,
                                                              "term": phase})
        ids.append(comment_id)
    return ids


def _old_rows(rows: list[dict]) -> None:
    for row in rows:
        db.session.execute(text(
            "INSERT INTO disposition (comment_id, block_id, status, reason, decided_by_id, "
            "decided_at, version) VALUES (:comment_id, :block_id, :status, :reason, NULL, "
            ":decided_at, 1)"), row)


def _rows(with_document: bool) -> list[tuple]:
    columns = "document_id, " if with_document else ""
    return [tuple(r) for r in db.session.execute(text(
        f"SELECT {columns}comment_id, block_id, status, reason FROM disposition "
        "ORDER BY comment_id, " + ("document_id" if with_document else "id"))).all()]


def test_rows_move_to_their_document_and_back(migrated_app):
    with migrated_app.app_context():
        # the data is written with today's models, whose tables later migrations changed,
        # then taken down to BEFORE, where the old dispositions are added
        upgrade()
        vocab.load_vocabularies()
        facilitator = accounts.create_user(None, "f@example.org", "F", password=PASSWORD,
                                           is_facilitator=True)
        organisation = organisations.create_organisation(
            None, name="Org", stakeholder_type=vocab.term("stakeholder_type", "vet_provider"),
            country=vocab.term("country", "IT"),
            governance_level=vocab.term("governance_level", "regional"), sectors=[])
        person = accounts.create_user(None, "p@example.org", "P", password=PASSWORD,
                                      organisations=[organisation])
        shared = consultations.create_consultation(facilitator, title="Shared")
        lonely = consultations.create_consultation(facilitator, title="Lonely")
        db.session.flush()
        on_shared = _comments(facilitator, shared, person, 4)
        on_lonely = _comments(facilitator, lonely, person, 1)
        first = blocks.create_document(facilitator, title="First", consultations=[shared])
        second = blocks.create_document(facilitator, title="Second", consultations=[shared])
        unlinked = blocks.create_document(facilitator, title="Unlinked")
        first.created_at = second.created_at = EARLY
        first_block = blocks.add_block(facilitator, first, kind="section", title="S",
                                       now=EARLY)
        second_block = blocks.add_block(facilitator, second, kind="section", title="T",
                                        now=EARLY)
        db.session.flush()
        late = datetime(2026, 6, 1, tzinfo=UTC)
        second.created_at = late + timedelta(days=1)  # made after the fourth decision
        db.session.flush()
        ids = (first.id, second.id, first_block.id, second_block.id)
        assert unlinked.id not in ids
        db.session.commit()
        db.session.close()
        first_id, second_id, first_block_id, second_block_id = ids
        downgrade(revision=BEFORE)
        _old_rows([
            {"comment_id": on_shared[0], "block_id": first_block_id, "status": "accepted",
             "reason": "In the first", "decided_at": late},
            {"comment_id": on_shared[1], "block_id": second_block_id, "status": None,
             "reason": "", "decided_at": None},
            {"comment_id": on_shared[2], "block_id": None, "status": "noted",
             "reason": "Before both", "decided_at": EARLY - timedelta(days=1)},
            {"comment_id": on_shared[3], "block_id": None, "status": "deferred",
             "reason": "Only the first existed", "decided_at": late},
            {"comment_id": on_lonely[0], "block_id": None, "status": "noted",
             "reason": "Through a foreign id", "decided_at": late},
        ])
        db.session.commit()
        db.session.close()

        upgrade(revision=AFTER)
        assert _rows(True) == sorted([
            (first_id, on_shared[0], first_block_id, "accepted", "In the first"),
            (second_id, on_shared[1], second_block_id, None, ""),
            (first_id, on_shared[2], None, "noted", "Before both"),
            (second_id, on_shared[2], None, "noted", "Before both"),
            (first_id, on_shared[3], None, "deferred", "Only the first existed"),
        ], key=lambda r: (r[1], r[0]))
        kept = db.session.scalar(select(AuditEvent).where(
            AuditEvent.verb == "disposition.unattributed"))
        assert kept.object_id == on_lonely[0]
        assert kept.details["reason"] == "Through a foreign id"
        assert kept.details["status"] == "noted"
        db.session.close()

        downgrade(revision=BEFORE)
        assert _rows(False) == [
            (on_shared[0], first_block_id, "accepted", "In the first"),
            (on_shared[1], second_block_id, None, ""),
            (on_shared[2], None, "noted", "Before both"),
            (on_shared[3], None, "deferred", "Only the first existed"),
        ]
        db.session.close()
        upgrade()
        db.session.remove()
