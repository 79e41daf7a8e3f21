"""Controlled vocabularies: credential phases, sectors, stakeholder types, and the rest."""

from datetime import datetime

from sqlalchemy import Integer, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from ..core.types import UTCDateTime, utcnow
from ..extensions import db


class Term(db.Model):
    """One term of a vocabulary; retired terms stay for the data that uses them."""

    __tablename__ = "vocabulary_term"
    __table_args__ = (UniqueConstraint("vocabulary", "key"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    vocabulary: Mapped[str] = mapped_column(String(40), index=True)
    key: Mapped[str] = mapped_column(String(80))
    label: Mapped[str] = mapped_column(String(200))
    description: Mapped[str] = mapped_column(Text, default="")
    position: Mapped[int] = mapped_column(Integer, default=0)
    retired_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)

    @property
    def is_retired(self) -> bool:
        """Whether the term is no longer offered for new data."""
        return self.retired_at is not None

    def __str__(self) -> str:
        return self.label

    def __repr__(self) -> str:
        return f"<Term {self.vocabulary}:{self.key}>"
