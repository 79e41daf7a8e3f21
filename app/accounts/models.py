"""User accounts."""

from datetime import datetime
from typing import TYPE_CHECKING

from flask_login import UserMixin
from sqlalchemy import Boolean, ForeignKey, String
from sqlalchemy.orm import Mapped, mapped_column, relationship

from ..core.types import UTCDateTime, utcnow
from ..extensions import db
from ..organisations.models import membership

if TYPE_CHECKING:  # other features' models, named in relationship annotations only
    from ..groups.models import Membership
    from ..organisations.models import Organisation


class User(UserMixin, db.Model):
    """A person who signs in; roles are administrator and facilitator, else stakeholder."""

    __tablename__ = "user"

    id: Mapped[int] = mapped_column(primary_key=True)
    email: Mapped[str] = mapped_column(String(254), unique=True)  # stored lower-case
    display_name: Mapped[str] = mapped_column(String(120))
    password_hash: Mapped[str | None] = mapped_column(String(255))
    is_active_account: Mapped[bool] = mapped_column("is_active", Boolean, default=True)
    is_administrator: Mapped[bool] = mapped_column(Boolean, default=False)
    is_facilitator: Mapped[bool] = mapped_column(Boolean, default=False)
    preferred_language: Mapped[str] = mapped_column(String(8), default="en")
    # "" until the person chooses one: then each round's deadlines show in the round's zone
    timezone: Mapped[str] = mapped_column(String(64), default="")
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    last_login_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    invited_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    version: Mapped[int] = mapped_column(default=1)

    organisations: Mapped[list["Organisation"]] = relationship(
        secondary=membership, back_populates="members", order_by="Organisation.name"
    )
    working_group_memberships: Mapped[list["Membership"]] = relationship(back_populates="user")

    __mapper_args__ = {"version_id_col": version}

    #: The key of the signed-in session this object was loaded for (not a column).
    session_key = None

    def get_id(self) -> str:
        """What Flask-Login keeps in its cookies: the account and the server-side session.

        Ending the session on the server ends every copy of the cookies.
        """
        return f"{self.id}:{self.session_key or ''}"

    @property
    def is_active(self) -> bool:  # Flask-Login refuses inactive users
        """Whether the account may sign in."""
        return bool(self.is_active_account)

    @property
    def has_password(self) -> bool:
        """Whether the person has set a password (invited people have not yet)."""
        return bool(self.password_hash)

    @property
    def roles(self) -> list[str]:
        """Role names, for display."""
        roles = [name for name, flag in (("administrator", self.is_administrator),
                                         ("facilitator", self.is_facilitator)) if flag]
        return roles or ["stakeholder"]

    def __str__(self) -> str:
        return self.display_name



class UserSession(db.Model):
    """A signed-in session of an account, ended on sign-out or a password change."""

    __tablename__ = "user_session"

    id: Mapped[int] = mapped_column(primary_key=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("user.id", ondelete="CASCADE"), index=True)
    key: Mapped[str] = mapped_column(String(64), unique=True)
    remember: Mapped[bool] = mapped_column(Boolean, default=False)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    expires_at: Mapped[datetime] = mapped_column(UTCDateTime)
    ended_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
