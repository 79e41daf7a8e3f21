"""Publications: versions that a working group's chair published as the final document."""

from datetime import datetime

from sqlalchemy import ForeignKey
from sqlalchemy.orm import Mapped, mapped_column, relationship

from ..core.types import UTCDateTime, utcnow
from ..extensions import db


class Publication(db.Model):
    """A published final version; its page and its exports are public from then on."""

    __tablename__ = "publication"

    id: Mapped[int] = mapped_column(primary_key=True)
    document_id: Mapped[int] = mapped_column(ForeignKey("policy_document.id",
                                                        ondelete="CASCADE"), index=True)
    version_id: Mapped[int] = mapped_column(ForeignKey("document_version.id",
                                                       ondelete="CASCADE"), unique=True)
    published_by_id: Mapped[int | None] = mapped_column(ForeignKey("user.id",
                                                                   ondelete="SET NULL"))
    published_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)

    document = relationship("PolicyDocument")
    document_version = relationship("DocumentVersion")
    published_by = relationship("User")
