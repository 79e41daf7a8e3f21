"""Download my data (GDPR Art. 15 and 20): a ZIP of JSON files with everything about a person.

The ZIP is built in the request that asks for it and stored for a limited time: one person's
data is bounded by the rounds they answered (a few hundred rows at most, built in well under
a second), so a job queue would only add waiting; the stored copy is what "offered for a
limited time" needs, and the retention purge deletes it when it expires.
"""

import io
import json
import zipfile
from datetime import datetime, timedelta

from flask import current_app
from sqlalchemy import or_, select

from ..accounts.models import User
from ..audit.models import AuditEvent
from ..audit.services import record
from ..consultations.models import Invitation, consultation_facilitator
from ..drafts.models import Disposition
from ..exports.models import ExportJob
from ..extensions import db
from ..groups.models import Membership
from ..responses.models import Comment, Response, ResponseRevision
from .models import DataDownload, NoticeAcknowledgement, PublicationChoice

README = """Everything this platform stores about you, as JSON files (UTF-8).

account.json             your account (the password is stored only as a hash, not included)
memberships.json         your organisations, working groups and consultations you facilitate
invitations.json         the rounds you were invited to, and reminders sent
responses.json           the responses you wrote or that name you, with their answers and
                         the publication choice made for each
revisions.json           every saved revision of those responses (drafts and submissions)
comments.json            your comments on questions
paragraph_comments.json  your comments on paragraphs of policy documents
dispositions.json        what the facilitators decided about your comments
audit.json               audit events about you or done by you
export_jobs.json         document exports you started (not the files themselves)

Times are in UTC (ISO 8601).
"""


def build_zip(user: User) -> bytes:
    """The ZIP (JSON files and a README) of everything stored about the person."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("README.txt", README)
        for name, content in collect(user).items():
            archive.writestr(f"{name}.json", json.dumps(content, ensure_ascii=False, indent=2,
                                                         default=_json_default))
    return buffer.getvalue()


def create_download(user: User, now: datetime) -> DataDownload:
    """Build the person's ZIP and keep it for PRIVACY_DOWNLOAD_HOURS."""
    content = build_zip(user)
    hours = int(current_app.config["PRIVACY_DOWNLOAD_HOURS"])
    download = DataDownload(user_id=user.id, filename=f"my-data-{now:%Y%m%d-%H%M%S}.zip",
                            size=len(content), content=content, created_at=now,
                            expires_at=now + timedelta(hours=hours))
    db.session.add(download)
    db.session.flush()
    record(user, "privacy.download", download, size=download.size)
    return download


def downloads(user: User, now: datetime) -> list[DataDownload]:
    """The person's downloads that have not expired, newest first."""
    return list(db.session.scalars(select(DataDownload).where(
        DataDownload.user_id == user.id, DataDownload.expires_at > now)
        .order_by(DataDownload.id.desc())))


def collect(user: User) -> dict[str, object]:
    """Everything stored about the person, by file name."""
    responses = list(db.session.scalars(select(Response).where(or_(
        Response.user_id == user.id, Response.owner_key == f"u:{user.id}",
        Response.updated_by_id == user.id)).order_by(Response.id)))
    response_ids = [r.id for r in responses]
    comments = list(db.session.scalars(select(Comment).where(or_(
        Comment.author_id == user.id, Comment.response_id.in_(response_ids)))
        .order_by(Comment.id)))
    comment_ids = [c.id for c in comments]
    return {
        "account": _account(user),
        "memberships": _memberships(user),
        "invitations": _rows(select(Invitation).where(Invitation.user_id == user.id),
                             ("id", "round_id", "invited_at", "reminded_at", "reminder_count")),
        "responses": [_response(r) for r in responses],
        "revisions": _rows(select(ResponseRevision).where(or_(
            ResponseRevision.response_id.in_(response_ids),
            ResponseRevision.saved_by_id == user.id)).order_by(ResponseRevision.id),
            ("id", "response_id", "number", "kind", "saved_at", "snapshot")),
        "comments": [_comment(c) for c in comments if c.block_id is None
                     and c.document_version_id is None],
        "paragraph_comments": [_comment(c) for c in comments if c.block_id is not None
                               or c.document_version_id is not None],
        "dispositions": _rows(select(Disposition).where(Disposition.comment_id.in_(comment_ids))
                              .order_by(Disposition.id),
                              ("id", "comment_id", "status", "reason", "block_id",
                               "decided_at")),
        "audit": _rows(select(AuditEvent).where(or_(
            AuditEvent.actor_id == user.id,
            (AuditEvent.object_type == "user") & (AuditEvent.object_id == user.id)))
            .order_by(AuditEvent.id), ("id", "verb", "object_type", "object_id", "details",
                                       "created_at")),
        "export_jobs": _rows(select(ExportJob).where(ExportJob.requested_by_id == user.id)
                             .order_by(ExportJob.id),
                             ("id", "document_id", "version_id", "format", "style", "state",
                              "created_at", "finished_at", "filename")),
    }


def _account(user: User) -> dict:
    seen = db.session.get(NoticeAcknowledgement, user.id)
    return {"id": user.id, "email": user.email, "display_name": user.display_name,
            "roles": user.roles, "preferred_language": user.preferred_language,
            "timezone": user.timezone, "created_at": user.created_at,
            "last_login_at": user.last_login_at, "invited_at": user.invited_at,
            "active": user.is_active_account,
            "privacy_notice_seen": seen.number if seen else None}


def _memberships(user: User) -> dict:
    facilitated = db.session.scalars(select(consultation_facilitator.c.consultation_id).where(
        consultation_facilitator.c.user_id == user.id))
    groups = db.session.scalars(select(Membership).where(Membership.user_id == user.id))
    return {"organisations": [{"id": o.id, "name": o.name} for o in user.organisations],
            "working_groups": [{"group_id": m.group_id, "role": m.role} for m in groups],
            "facilitated_consultations": list(facilitated)}


def _response(response: Response) -> dict:
    choice = db.session.scalar(select(PublicationChoice).where(
        PublicationChoice.round_id == response.round_id,
        PublicationChoice.owner_key == response.owner_key))
    return {"id": response.id, "round_id": response.round_id,
            "round": response.round.title, "consultation": response.round.consultation.title,
            "organisation": response.organisation.name if response.organisation else None,
            "created_at": response.created_at, "submitted_at": response.submitted_at,
            "answers": [{"question_id": a.question_id, "question": a.question.prompt,
                         "value": a.value} for a in response.answers],
            "publication_choice": choice.choice if choice else None,
            "privacy_notice_version": choice.notice_number if choice else None,
            "consultation_notice_version": choice.consultation_notice_number if choice else None}


def _comment(comment: Comment) -> dict:
    return {"id": comment.id, "response_id": comment.response_id,
            "question_id": comment.question_id, "block_id": comment.block_id,
            "document_version_id": comment.document_version_id, "quote": comment.quote,
            "type": comment.comment_type, "body": comment.body,
            "proposed_change": comment.proposed_change,
            "tags": [t.label for t in comment.terms], "created_at": comment.created_at,
            "updated_at": comment.updated_at}


def _rows(query, columns: tuple[str, ...]) -> list[dict]:
    return [{name: getattr(row, name) for name in columns} for row in db.session.scalars(query)]


def _json_default(value):
    if isinstance(value, datetime):
        return value.isoformat()
    return str(value)
