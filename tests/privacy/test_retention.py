"""Retention: what a consultation keeps after its period, and `flask privacy purge`."""

from datetime import timedelta

from click.testing import CliRunner
from sqlalchemy import func, select

from app.audit.models import AuditEvent
from app.consultations.audience import invite_emails
from app.consultations.models import Invitation
from app.core.types import utcnow
from app.privacy import download, redaction, retention, services
from app.privacy.models import DataDownload, PublicationChoice, Redaction
from app.responses import services as responses
from app.responses.models import Response, ResponseRevision
from app.responses.validation import CommentInput, ResponseInput
from app.vocab import services as vocab


def _save(person, round_, body, submit=True, now=None):
    comment = CommentInput(question_id=round_.questions[0].id, body=body,
                           phases=[vocab.term("credential_phase", "design").id])
    return responses.save_response(person, round_, ResponseInput(
        {round_.questions[0].id: "4"}, [comment]), now=now or utcnow(), expected_version=None,
        submit=submit).response


def _count(db, model, *where):
    return db.session.scalar(select(func.count()).select_from(model).where(*where))


def _finished_consultation(make_round, make_user, participant, facilitator, days_ago):
    round_ = make_round()
    invite_emails(facilitator, round_, participant.email)
    response = _save(participant, round_, "Call Mario on 333 1234567", submit=False)
    response = _save(participant, round_, "Call Mario on 333 1234567")
    services.choose(participant, round_, f"u:{participant.id}", "anonymous")
    _save(make_user(organisations=participant.organisations), round_, "Draft only",
          submit=False)
    redaction.redact(facilitator, response.comments[0], text="333 1234567", reason="Phone")
    round_.closes_at = utcnow() - timedelta(days=days_ago)
    return round_, response


def test_purge_after_the_period(db, make_round, make_user, participant, facilitator):
    round_, response = _finished_consultation(make_round, make_user, participant, facilitator,
                                              days_ago=400)
    kept_round, kept = _finished_consultation(make_round, make_user, make_user(
        organisations=participant.organisations), facilitator, days_ago=10)
    services.update_consultation_privacy(facilitator, kept_round.consultation, notice="",
                                         retention_days=30)
    download.create_download(participant, utcnow() - timedelta(days=10))
    result = retention.purge(utcnow())
    [(title, counts)] = result.consultations.items()
    assert counts["drafts"] == 1 and counts["invitations"] == 1
    assert counts["identities"] == 1 and counts["redacted_originals"] == 1
    assert counts["revisions"] >= 1 and counts["audit_details"] >= 1
    assert result.downloads == 1
    db.session.expire_all()
    assert response.submitted_at and response.user_id is None and response.comments
    assert response.owner_key == f"p:{response.id}" and response.comments[0].author_id is None
    assert [r.kind for r in db.session.scalars(select(ResponseRevision).where(
        ResponseRevision.response_id == response.id))] == ["submit"]
    assert db.session.scalar(select(PublicationChoice).where(
        PublicationChoice.round_id == round_.id)).owner_key == f"p:{response.id}"
    assert db.session.scalar(select(Redaction).where(
        Redaction.comment_id == response.comments[0].id)).original_body is None
    assert _count(db, Invitation, Invitation.round_id == round_.id) == 0
    assert _count(db, Response, Response.round_id == round_.id) == 1
    # the other consultation is within its 30 days: untouched
    assert _count(db, Response, Response.round_id == kept_round.id) == 2
    assert kept.user_id is not None and _count(
        db, Invitation, Invitation.round_id == kept_round.id) == 1
    assert _count(db, DataDownload) == 0
    assert retention.purge(utcnow()).consultations == {}  # nothing left to do


def test_cli_dry_run_changes_nothing(app, db, make_round, make_user, participant, facilitator):
    _finished_consultation(make_round, make_user, participant, facilitator, days_ago=400)
    db.session.commit()
    before = (_count(db, Response), _count(db, ResponseRevision), _count(db, Invitation),
              _count(db, AuditEvent, AuditEvent.actor_id.is_not(None)))
    result = CliRunner().invoke(app.cli, ["privacy", "purge", "--dry-run"],
                                catch_exceptions=False)
    assert result.exit_code == 0 and "Would purge" in result.output and "drafts 1" in result.output
    db.session.expire_all()
    assert (_count(db, Response), _count(db, ResponseRevision), _count(db, Invitation),
            _count(db, AuditEvent, AuditEvent.actor_id.is_not(None))) == before
    result = CliRunner().invoke(app.cli, ["privacy", "purge"], catch_exceptions=False)
    assert "Purged" in result.output and _count(db, Invitation) == 0


def test_default_period_comes_from_configuration(app, db, make_round):
    round_ = make_round()
    round_.closes_at = utcnow() - timedelta(days=app.config["PRIVACY_RETENTION_DAYS"] - 1)
    assert not retention.due(round_.consultation, utcnow())
    round_.closes_at = utcnow() - timedelta(days=app.config["PRIVACY_RETENTION_DAYS"] + 1)
    assert retention.due(round_.consultation, utcnow())
