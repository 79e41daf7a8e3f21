"""Policy documents: a tree of blocks with stable ids, immutable versions, dispositions."""

from datetime import datetime
from typing import TYPE_CHECKING

from sqlalchemy import JSON, Column, ForeignKey, Integer, String, Table, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column, relationship

from ..core.types import UTCDateTime, one_of, utcnow
from ..extensions import db
from ..vocab.models import Term

if TYPE_CHECKING:  # other features' models, named in relationship annotations only
    from ..accounts.models import User
    from ..consultations.models import Consultation
    from ..groups.models import WorkingGroup
    from ..responses.models import Comment

document_consultation = Table(
    "document_consultation",
    db.Model.metadata,
    Column("document_id", ForeignKey("policy_document.id", ondelete="CASCADE"),
           primary_key=True),
    Column("consultation_id", ForeignKey("consultation.id", ondelete="CASCADE"),
           primary_key=True, index=True),
)
block_term = Table(
    "block_term",
    db.Model.metadata,
    Column("block_id", ForeignKey("block.id", ondelete="CASCADE"), primary_key=True),
    Column("term_id", ForeignKey("vocabulary_term.id"), primary_key=True, index=True),
)

DOCUMENT_STATUSES = ("drafting", "in_consultation", "final")
BLOCK_KINDS = ("section", "recommendation")
TIME_HORIZONS = ("", "short", "medium", "long")
DISPOSITIONS = ("accepted", "accepted_modified", "not_accepted", "noted", "deferred")


class PolicyDocument(db.Model):
    """A policy-recommendation document and its working copy of blocks."""

    __tablename__ = "policy_document"
    __table_args__ = (one_of("status", DOCUMENT_STATUSES),)

    id: Mapped[int] = mapped_column(primary_key=True)
    title: Mapped[str] = mapped_column(String(300))
    subtitle: Mapped[str] = mapped_column(String(300), default="")
    language: Mapped[str] = mapped_column(String(8), default="en")
    status: Mapped[str] = mapped_column(String(20), default="drafting")
    working_group_id: Mapped[int | None] = mapped_column(
        ForeignKey("working_group.id", ondelete="SET NULL"), index=True)
    authors: Mapped[str] = mapped_column(Text, default="")
    licence: Mapped[str] = mapped_column(String(200), default="CC BY 4.0")
    dispositions_released_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    created_by_id: Mapped[int | None] = mapped_column(ForeignKey("user.id", ondelete="SET NULL"))
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    version: Mapped[int] = mapped_column(default=1)

    consultations: Mapped[list["Consultation"]] = relationship(
        secondary=document_consultation, order_by="Consultation.title")
    working_group: Mapped["WorkingGroup | None"] = relationship()
    final_version_id: Mapped[int | None] = mapped_column(
        ForeignKey("document_version.id", ondelete="SET NULL", use_alter=True))
    # a translated edition names the version of the original it translates
    edition_of_version_id: Mapped[int | None] = mapped_column(
        ForeignKey("document_version.id", ondelete="SET NULL", use_alter=True), index=True)
    edition_of: Mapped["DocumentVersion | None"] = relationship(
        foreign_keys=[edition_of_version_id])
    blocks: Mapped[list["Block"]] = relationship(back_populates="document",
                                                 order_by="Block.position",
                                                 cascade="all, delete-orphan")
    versions: Mapped[list["DocumentVersion"]] = relationship(
        back_populates="document", order_by="DocumentVersion.created_at",
        foreign_keys="DocumentVersion.document_id")

    __mapper_args__ = {"version_id_col": version}

    def __str__(self) -> str:
        return self.title


class Block(db.Model):
    """A section or a recommendation; its id is the stable identity across versions."""

    __tablename__ = "block"
    __table_args__ = (one_of("kind", BLOCK_KINDS), one_of("time_horizon", TIME_HORIZONS))

    id: Mapped[int] = mapped_column(primary_key=True)
    document_id: Mapped[int] = mapped_column(ForeignKey("policy_document.id",
                                                        ondelete="CASCADE"), index=True)
    parent_id: Mapped[int | None] = mapped_column(ForeignKey("block.id", ondelete="CASCADE"),
                                                  index=True)
    position: Mapped[int] = mapped_column(Integer, default=0)
    kind: Mapped[str] = mapped_column(String(20))
    title: Mapped[str] = mapped_column(String(300), default="")
    text: Mapped[str] = mapped_column(Text, default="")
    time_horizon: Mapped[str] = mapped_column(String(10), default="")
    removed_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    updated_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    updated_by_id: Mapped[int | None] = mapped_column(ForeignKey("user.id", ondelete="SET NULL"))
    version: Mapped[int] = mapped_column(default=1)

    document: Mapped[PolicyDocument] = relationship(back_populates="blocks")
    terms: Mapped[list[Term]] = relationship(secondary=block_term, order_by=Term.position)
    updated_by: Mapped["User | None"] = relationship()

    __mapper_args__ = {"version_id_col": version}

    def tags(self, vocabulary: str) -> list[Term]:
        """The block's terms of one vocabulary."""
        return [t for t in self.terms if t.vocabulary == vocabulary]

    @property
    def is_removed(self) -> bool:
        """Removed blocks stay for history but are no longer in the working copy."""
        return self.removed_at is not None


class DocumentVersion(db.Model):
    """A frozen copy of the whole tree; nothing alters it once saved."""

    __tablename__ = "document_version"
    __table_args__ = (UniqueConstraint("document_id", "number"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    document_id: Mapped[int] = mapped_column(ForeignKey("policy_document.id",
                                                        ondelete="CASCADE"), index=True)
    number: Mapped[str] = mapped_column(String(20))
    label: Mapped[str] = mapped_column(String(200), default="")
    change_note: Mapped[str] = mapped_column(Text, default="")
    author_id: Mapped[int | None] = mapped_column(ForeignKey("user.id", ondelete="SET NULL"))
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)

    document: Mapped[PolicyDocument] = relationship(back_populates="versions",
                                                    foreign_keys=[document_id])
    author: Mapped["User | None"] = relationship()
    blocks: Mapped[list["VersionBlock"]] = relationship(
        back_populates="document_version", order_by="VersionBlock.ordinal")


class VersionSnapshot(db.Model):
    """What a version's annexes show, recorded when the version is saved; never changed.

    Decisions, reasons, targets, participation figures and the rounds as they were then,
    so exporting the version gives the same annexes whatever is decided later.
    """

    __tablename__ = "version_snapshot"

    id: Mapped[int] = mapped_column(primary_key=True)
    version_id: Mapped[int] = mapped_column(ForeignKey("document_version.id",
                                                       ondelete="CASCADE"), unique=True)
    data: Mapped[dict] = mapped_column(JSON)
    checksum: Mapped[str] = mapped_column(String(64))
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)

    document_version: Mapped[DocumentVersion] = relationship()


class VersionBlock(db.Model):
    """A block as it was in one version, in reading order, with its number then."""

    __tablename__ = "version_block"
    __table_args__ = (UniqueConstraint("version_id", "block_id"), one_of("kind", BLOCK_KINDS))

    id: Mapped[int] = mapped_column(primary_key=True)
    version_id: Mapped[int] = mapped_column(ForeignKey("document_version.id",
                                                       ondelete="CASCADE"), index=True)
    block_id: Mapped[int] = mapped_column(ForeignKey("block.id", ondelete="CASCADE"),
                                          index=True)
    parent_block_id: Mapped[int | None] = mapped_column(Integer)
    ordinal: Mapped[int] = mapped_column(Integer)
    depth: Mapped[int] = mapped_column(Integer, default=0)
    kind: Mapped[str] = mapped_column(String(20))
    number: Mapped[str] = mapped_column(String(20), default="")
    title: Mapped[str] = mapped_column(String(300), default="")
    text: Mapped[str] = mapped_column(Text, default="")
    attributes: Mapped[dict] = mapped_column(JSON, default=dict)

    document_version: Mapped[DocumentVersion] = relationship(back_populates="blocks")


class Disposition(db.Model):
    """What one document decided about a comment: a decision, a reason, the block it changed.

    Two documents drawing on the same consultation decide each comment on their own.
    """

    __tablename__ = "disposition"
    __table_args__ = (one_of("status", DISPOSITIONS), UniqueConstraint("document_id", "comment_id"))

    id: Mapped[int] = mapped_column(primary_key=True)
    document_id: Mapped[int] = mapped_column(ForeignKey("policy_document.id",
                                                        ondelete="CASCADE"))
    comment_id: Mapped[int] = mapped_column(ForeignKey("comment.id", ondelete="CASCADE"),
                                            index=True)
    block_id: Mapped[int | None] = mapped_column(ForeignKey("block.id", ondelete="SET NULL"),
                                                 index=True)
    status: Mapped[str | None] = mapped_column(String(30))  # None: merged, not decided yet
    reason: Mapped[str] = mapped_column(Text, default="")
    decided_by_id: Mapped[int | None] = mapped_column(ForeignKey("user.id", ondelete="SET NULL"))
    decided_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    version: Mapped[int] = mapped_column(default=1)

    comment: Mapped["Comment"] = relationship()
    block: Mapped[Block | None] = relationship()

    __mapper_args__ = {"version_id_col": version}
