"""Erasure (GDPR Art. 17): the account is closed and the person's identity removed everywhere.

Contributions to submitted responses stay, as an erased participant's (the account row stays
as a pseudonym, so every reference to it now names no one); organisation responses stay with
the organisation. Drafts never submitted are deleted.
"""

import json
import re
import secrets
from dataclasses import dataclass, field
from pathlib import Path

from flask import current_app
from sqlalchemy import JSON, String, Text, cast, delete, func, or_, select, update

from ..accounts.models import User
from ..audit.services import record
from ..consultations.models import Invitation, Round, consultation_facilitator
from ..drafts.models import PolicyDocument, document_consultation
from ..exports.models import ExportJob
from ..extensions import db
from ..groups.models import Membership
from ..organisations.models import membership
from ..responses.models import Answer, Comment, Response, ResponseRevision
from .models import DataDownload, NoticeAcknowledgement, Redaction
from .redaction import replace_in

REMOVED = "removed at the author's request"
PSEUDONYM = "Erased participant"


@dataclass
class Erasure:
    """What an erasure did, without naming the person."""

    pseudonym: str
    counts: dict[str, int] = field(default_factory=dict)


def erase(user: User, *, remove_texts: bool = False) -> Erasure:
    """Close the account and remove the person's identity; cannot be undone."""
    email, name = user.email, user.display_name
    pseudonym = f"{PSEUDONYM} {secrets.token_hex(4)}"
    result = Erasure(pseudonym)
    counts = result.counts
    counts["drafts"] = _delete_drafts(user)
    if remove_texts:
        counts["texts"] = _remove_texts(user)
    counts["exports"] = _drop_exports_naming(user, name)
    counts["invitations"] = _delete(delete(Invitation).where(Invitation.user_id == user.id))
    counts["memberships"] = (
        _delete(delete(membership).where(membership.c.user_id == user.id))
        + _delete(delete(Membership).where(Membership.user_id == user.id))
        + _delete(delete(consultation_facilitator)
                  .where(consultation_facilitator.c.user_id == user.id)))
    _delete(delete(NoticeAcknowledgement).where(NoticeAcknowledgement.user_id == user.id))
    _delete(delete(DataDownload).where(DataDownload.user_id == user.id))
    counts["texts_scrubbed"] = _scrub_everywhere((email, name), pseudonym)
    counts["mail"] = _delete_mail(email)
    db.session.expire(user, ["organisations"])
    user.email = f"erased-{secrets.token_hex(8)}@erased.invalid"
    user.display_name, user.password_hash = pseudonym, None
    user.is_active_account = user.is_administrator = user.is_facilitator = False
    user.last_login_at = user.invited_at = None
    user.preferred_language, user.timezone = "en", "UTC"
    db.session.flush()
    record(None, "privacy.erase", user, texts_removed=remove_texts, **counts)
    return result


def _delete(statement) -> int:
    return db.session.execute(statement.execution_options(synchronize_session=False)).rowcount


def _own(user: User):
    return or_(Response.owner_key == f"u:{user.id}", Response.user_id == user.id)


def _delete_drafts(user: User) -> int:
    """Person responses never submitted (organisation drafts stay with the organisation)."""
    drafts = list(db.session.scalars(select(Response).where(
        Response.owner_key == f"u:{user.id}", Response.first_submitted_at.is_(None),
        Response.submitted_at.is_(None))))
    for response in drafts:
        db.session.delete(response)
    db.session.flush()
    return len(drafts)


def _remove_texts(user: User) -> int:
    """Replace the person's comments and free-text answers; history keeps only the removal."""
    comments = list(db.session.scalars(select(Comment).join(Response).where(
        or_(Comment.author_id == user.id, Response.owner_key == f"u:{user.id}"))))
    for comment in comments:
        comment.body, comment.proposed_change = REMOVED, ""
    db.session.execute(delete(Redaction).where(Redaction.comment_id.in_(
        [c.id for c in comments] or [0])).execution_options(synchronize_session=False))
    own = select(Response.id).where(Response.owner_key == f"u:{user.id}")
    for answer in db.session.scalars(select(Answer).where(Answer.response_id.in_(own),
                                                          Answer.text_value.is_not(None))):
        answer.value = answer.text_value = REMOVED
    for revision in db.session.scalars(select(ResponseRevision).where(
            ResponseRevision.response_id.in_(own))):
        revision.snapshot = {"removed": REMOVED}
    db.session.flush()
    return len(comments)


def _drop_exports_naming(user: User, name: str) -> int:
    """Stored export files of documents that could name the person: made again on request."""
    consultations = select(Round.consultation_id).join(Response, Response.round_id == Round.id
                                                       ).where(_own(user))
    documents = select(document_consultation.c.document_id).where(
        document_consultation.c.consultation_id.in_(consultations))
    named = select(PolicyDocument.id).where(PolicyDocument.authors.contains(name))
    return _delete(delete(ExportJob).where(or_(
        ExportJob.document_id.in_(documents), ExportJob.document_id.in_(named),
        ExportJob.requested_by_id == user.id)))


def _scrub_everywhere(identity: tuple[str, str], pseudonym: str) -> int:
    """Replace the person's name and e-mail in every text and JSON column of every table.

    Texts that stay (their own comments, others' comments and notes naming them, audit
    details) keep what they say, with the pseudonym in place of the person. Only whole
    words are replaced, so a short name does not change other words containing it.
    """
    changed = 0
    for table in db.metadata.sorted_tables:
        for column in table.columns:
            if column.primary_key or (table.name, column.name) == ("user", "email"):
                continue
            if isinstance(column.type, JSON | String | Text):
                for part in (p for p in identity if p):
                    changed += _scrub_column(table, column, part, pseudonym)
    return changed


def _scrub_column(table, column, part: str, pseudonym: str) -> int:
    pattern = re.compile(rf"(?<!\w){re.escape(part)}(?!\w)", re.IGNORECASE)
    text = cast(column, String) if isinstance(column.type, JSON) else column
    escaped = json.dumps(part)[1:-1]  # how JSON may store non-ASCII letters
    keys = list(table.primary_key.columns)
    rows = db.session.execute(select(*keys, column).where(or_(
        text.contains(part, autoescape=True), text.contains(escaped, autoescape=True),
        func.lower(text).contains(part.lower(), autoescape=True)))).all()
    changed = 0
    for row in rows:
        value = replace_in(row[-1], pattern, pseudonym)
        if value != row[-1]:
            db.session.execute(update(table).where(*(key == row[i] for i, key in enumerate(keys)))
                               .values({column.name: value})
                               .execution_options(synchronize_session=False))
            changed += 1
    return changed


def _delete_mail(email: str) -> int:
    """The .eml files sent to (or naming) the person."""
    folder = Path(current_app.config.get("MAIL_FILE_DIR") or
                  Path(current_app.instance_path) / "mail")
    needle = email.lower().encode()
    removed = 0
    for path in folder.glob("*.eml") if folder.is_dir() else ():
        if needle in path.read_bytes().lower():
            path.unlink(missing_ok=True)
            removed += 1
    return removed
