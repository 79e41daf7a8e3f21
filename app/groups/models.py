"""Working groups: the people who shape and publish recommendation documents."""

from datetime import datetime
from typing import TYPE_CHECKING

from sqlalchemy import ForeignKey, String, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column, relationship

from ..core.types import UTCDateTime, one_of, utcnow
from ..extensions import db
from ..vocab.models import Term

if TYPE_CHECKING:  # other features' models, named in relationship annotations only
    from ..accounts.models import User

ROLES = ("chair", "member")


class WorkingGroup(db.Model):
    """A working group at a governance level, owning policy documents."""

    __tablename__ = "working_group"

    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(200), unique=True)
    level_id: Mapped[int] = mapped_column(ForeignKey("vocabulary_term.id"), index=True)
    country_id: Mapped[int | None] = mapped_column(ForeignKey("vocabulary_term.id"))
    region: Mapped[str] = mapped_column(String(120), default="")
    description: Mapped[str] = mapped_column(String(1000), default="")
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    version: Mapped[int] = mapped_column(default=1)

    level: Mapped[Term] = relationship(foreign_keys=[level_id])
    country: Mapped[Term | None] = relationship(foreign_keys=[country_id])
    members: Mapped[list["Membership"]] = relationship(
        back_populates="group", cascade="all, delete-orphan")

    __mapper_args__ = {"version_id_col": version}

    def role_of(self, user) -> str | None:
        """The user's role in the group, or None."""
        return next((m.role for m in self.members if m.user_id == getattr(user, "id", None)),
                    None)

    def __str__(self) -> str:
        return self.name


class Membership(db.Model):
    """A person in a working group, as chair or member."""

    __tablename__ = "working_group_member"
    __table_args__ = (UniqueConstraint("group_id", "user_id"), one_of("role", ROLES))

    id: Mapped[int] = mapped_column(primary_key=True)
    group_id: Mapped[int] = mapped_column(ForeignKey("working_group.id", ondelete="CASCADE"),
                                          index=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("user.id", ondelete="CASCADE"), index=True)
    role: Mapped[str] = mapped_column(String(20), default="member")

    group: Mapped[WorkingGroup] = relationship(back_populates="members")
    user: Mapped["User"] = relationship(back_populates="working_group_memberships")
