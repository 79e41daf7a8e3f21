"""Export jobs and the files they produce (stored in the database, served by any instance)."""

from datetime import datetime
from typing import TYPE_CHECKING

from sqlalchemy import JSON, ForeignKey, Integer, LargeBinary, String, Text
from sqlalchemy.orm import Mapped, deferred, mapped_column, relationship

from ..core.types import UTCDateTime, one_of, utcnow
from ..extensions import db

if TYPE_CHECKING:  # other features' models, named in relationship annotations only
    from ..accounts.models import User
    from ..drafts.models import DocumentVersion, PolicyDocument

STATES = ("queued", "running", "done", "failed")


class ExportJob(db.Model):
    """One request to export a document version in one format and style."""

    __tablename__ = "export_job"
    __table_args__ = (one_of("state", STATES),)

    id: Mapped[int] = mapped_column(primary_key=True)
    document_id: Mapped[int] = mapped_column(ForeignKey("policy_document.id",
                                                        ondelete="CASCADE"), index=True)
    version_id: Mapped[int] = mapped_column(ForeignKey("document_version.id",
                                                       ondelete="CASCADE"), index=True)
    format: Mapped[str] = mapped_column(String(10))
    style: Mapped[str] = mapped_column(String(40))
    options: Mapped[dict] = mapped_column(JSON, default=dict)
    options_key: Mapped[str] = mapped_column(String(64), index=True)
    state: Mapped[str] = mapped_column(String(10), default="queued", index=True)
    error: Mapped[str] = mapped_column(Text, default="")
    requested_by_id: Mapped[int | None] = mapped_column(ForeignKey("user.id",
                                                                   ondelete="SET NULL"))
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    started_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    finished_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    attempts: Mapped[int] = mapped_column(Integer, default=0)
    filename: Mapped[str] = mapped_column(String(200), default="")
    content_type: Mapped[str] = mapped_column(String(100), default="")
    size: Mapped[int | None] = mapped_column(Integer)
    checksum: Mapped[str] = mapped_column(String(64), default="")
    content: Mapped[bytes | None] = deferred(mapped_column(LargeBinary))

    document: Mapped["PolicyDocument"] = relationship()
    document_version: Mapped["DocumentVersion"] = relationship()
    requested_by: Mapped["User | None"] = relationship()

    @property
    def duration(self) -> float | None:
        """Seconds the conversion took."""
        if self.started_at is None or self.finished_at is None:
            return None
        return (self.finished_at - self.started_at).total_seconds()
