"""Personal data: privacy notices, publication choices, redactions, downloads of one's data."""

from datetime import datetime

from sqlalchemy import ForeignKey, Integer, LargeBinary, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, deferred, mapped_column, relationship

from ..core.types import UTCDateTime, utcnow
from ..extensions import db

PUBLICATION_CHOICES = ("named", "anonymous", "none")


class PrivacyNotice(db.Model):
    """One version of the site's privacy notice (Markdown); the newest is the current one."""

    __tablename__ = "privacy_notice"

    id: Mapped[int] = mapped_column(primary_key=True)
    number: Mapped[int] = mapped_column(Integer, unique=True)
    body: Mapped[str] = mapped_column(Text)
    created_by_id: Mapped[int | None] = mapped_column(ForeignKey("user.id", ondelete="SET NULL"))
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)


class NoticeAcknowledgement(db.Model):
    """The version of the privacy notice a person last saw."""

    __tablename__ = "privacy_notice_seen"

    user_id: Mapped[int] = mapped_column(ForeignKey("user.id", ondelete="CASCADE"),
                                         primary_key=True)
    number: Mapped[int] = mapped_column(Integer)
    seen_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)


class ConsultationPrivacy(db.Model):
    """A consultation's own notice (purpose, recipients, publication) and retention period."""

    __tablename__ = "consultation_privacy"

    consultation_id: Mapped[int] = mapped_column(
        ForeignKey("consultation.id", ondelete="CASCADE"), primary_key=True)
    notice: Mapped[str] = mapped_column(Text, default="")
    notice_number: Mapped[int] = mapped_column(Integer, default=0)
    # Days after the last round closes; None: the configured default.
    retention_days: Mapped[int | None] = mapped_column(Integer)
    purged_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    updated_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)


class PublicationChoice(db.Model):
    """How a response may be published, chosen before its first answer (keyed like it)."""

    __tablename__ = "publication_choice"
    __table_args__ = (UniqueConstraint("round_id", "owner_key"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    round_id: Mapped[int] = mapped_column(ForeignKey("round.id", ondelete="CASCADE"), index=True)
    owner_key: Mapped[str] = mapped_column(String(40))  # as Response.owner_key
    choice: Mapped[str] = mapped_column(String(20))
    notice_number: Mapped[int] = mapped_column(Integer, default=0)
    consultation_notice_number: Mapped[int] = mapped_column(Integer, default=0)
    chosen_by_id: Mapped[int | None] = mapped_column(ForeignKey("user.id", ondelete="SET NULL"))
    chosen_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)


class Redaction(db.Model):
    """Personal data taken out of a comment; the original is kept for facilitators until purge."""

    __tablename__ = "comment_redaction"

    id: Mapped[int] = mapped_column(primary_key=True)
    comment_id: Mapped[int] = mapped_column(ForeignKey("comment.id", ondelete="CASCADE"),
                                            index=True)
    original_body: Mapped[str | None] = mapped_column(Text)
    original_proposed_change: Mapped[str | None] = mapped_column(Text)
    reason: Mapped[str] = mapped_column(Text)
    actor_id: Mapped[int | None] = mapped_column(ForeignKey("user.id", ondelete="SET NULL"))
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    purged_at: Mapped[datetime | None] = mapped_column(UTCDateTime)

    comment = relationship("Comment")


class DataDownload(db.Model):
    """A ZIP of everything stored about a person, downloadable until it expires."""

    __tablename__ = "data_download"

    id: Mapped[int] = mapped_column(primary_key=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("user.id", ondelete="CASCADE"), index=True)
    filename: Mapped[str] = mapped_column(String(200))
    size: Mapped[int] = mapped_column(Integer)
    content: Mapped[bytes] = deferred(mapped_column(LargeBinary))
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    expires_at: Mapped[datetime] = mapped_column(UTCDateTime, index=True)
