"""Organisations taking part in consultations, and who belongs to them."""

from datetime import datetime
from typing import TYPE_CHECKING

from sqlalchemy import Boolean, Column, ForeignKey, String, Table
from sqlalchemy.orm import Mapped, mapped_column, relationship

from ..core.types import UTCDateTime, utcnow
from ..extensions import db
from ..vocab.models import Term

if TYPE_CHECKING:  # other features' models, named in relationship annotations only
    from ..accounts.models import User

membership = Table(
    "organisation_member",
    db.Model.metadata,
    Column("organisation_id", ForeignKey("organisation.id", ondelete="CASCADE"), primary_key=True),
    Column("user_id", ForeignKey("user.id", ondelete="CASCADE"), primary_key=True, index=True),
)

organisation_sector = Table(
    "organisation_sector",
    db.Model.metadata,
    Column("organisation_id", ForeignKey("organisation.id", ondelete="CASCADE"), primary_key=True),
    Column("term_id", ForeignKey("vocabulary_term.id"), primary_key=True, index=True),
)


class Organisation(db.Model):
    """A public authority, enterprise, VET provider or other stakeholder organisation."""

    __tablename__ = "organisation"

    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(200), unique=True)
    stakeholder_type_id: Mapped[int] = mapped_column(ForeignKey("vocabulary_term.id"), index=True)
    is_startup: Mapped[bool] = mapped_column(Boolean, default=False)
    country_id: Mapped[int] = mapped_column(ForeignKey("vocabulary_term.id"), index=True)
    region: Mapped[str] = mapped_column(String(120), default="")
    governance_level_id: Mapped[int] = mapped_column(ForeignKey("vocabulary_term.id"), index=True)
    website: Mapped[str] = mapped_column(String(300), default="")
    is_active: Mapped[bool] = mapped_column(Boolean, default=True)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    version: Mapped[int] = mapped_column(default=1)

    stakeholder_type: Mapped[Term] = relationship(foreign_keys=[stakeholder_type_id])
    country: Mapped[Term] = relationship(foreign_keys=[country_id])
    governance_level: Mapped[Term] = relationship(foreign_keys=[governance_level_id])
    sectors: Mapped[list[Term]] = relationship(
        secondary=organisation_sector, order_by=Term.position
    )
    members: Mapped[list["User"]] = relationship(
        secondary=membership, back_populates="organisations", order_by="User.display_name"
    )

    __mapper_args__ = {"version_id_col": version}

    def __str__(self) -> str:
        return self.name

