"""Collation: the codebook, codes applied to comments and answers, notes, and round feedback."""

from datetime import datetime
from typing import TYPE_CHECKING

from sqlalchemy import Column, ForeignKey, Integer, String, Table, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column, relationship

from ..core.types import UTCDateTime, utcnow
from ..extensions import db

if TYPE_CHECKING:  # other features' models, named in relationship annotations only
    from ..accounts.models import User
    from ..consultations.models import Question, Round
    from ..responses.models import Comment

comment_code = Table(
    "comment_code",
    db.Model.metadata,
    Column("comment_id", ForeignKey("comment.id", ondelete="CASCADE"), primary_key=True),
    Column("code_id", ForeignKey("code.id", ondelete="CASCADE"), primary_key=True, index=True),
)
answer_code = Table(
    "answer_code",
    db.Model.metadata,
    Column("answer_id", ForeignKey("answer.id", ondelete="CASCADE"), primary_key=True),
    Column("code_id", ForeignKey("code.id", ondelete="CASCADE"), primary_key=True, index=True),
)
feedback_comment = Table(
    "feedback_comment",
    db.Model.metadata,
    Column("feedback_id", ForeignKey("round_feedback.id", ondelete="CASCADE"),
           primary_key=True),
    Column("comment_id", ForeignKey("comment.id", ondelete="CASCADE"), primary_key=True,
           index=True),
)
feedback_question = Table(
    "feedback_question",
    db.Model.metadata,
    Column("feedback_id", ForeignKey("round_feedback.id", ondelete="CASCADE"),
           primary_key=True),
    Column("question_id", ForeignKey("question.id", ondelete="CASCADE"), primary_key=True,
           index=True),
)

CODE_COLOURS = ("#0b5d3b", "#0a4f9e", "#8a2be2", "#a4161a", "#b7791f", "#1b7f8c", "#5a3d00",
                "#4a5360")


class Code(db.Model):
    """A code of a consultation's codebook; codes have at most one parent (two levels)."""

    __tablename__ = "code"
    __table_args__ = (UniqueConstraint("consultation_id", "parent_id", "label"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    consultation_id: Mapped[int] = mapped_column(
        ForeignKey("consultation.id", ondelete="CASCADE"), index=True)
    parent_id: Mapped[int | None] = mapped_column(ForeignKey("code.id", ondelete="CASCADE"))
    label: Mapped[str] = mapped_column(String(120))
    description: Mapped[str] = mapped_column(Text, default="")
    colour: Mapped[str] = mapped_column(String(7), default=CODE_COLOURS[0])
    position: Mapped[int] = mapped_column(Integer, default=0)

    parent: Mapped["Code | None"] = relationship(remote_side=[id], back_populates="children")
    children: Mapped[list["Code"]] = relationship(back_populates="parent",
                                                  order_by="Code.position")

    @property
    def colour_index(self) -> int:
        """The colour's place in the palette (styles are classes: inline styles are blocked)."""
        return CODE_COLOURS.index(self.colour) if self.colour in CODE_COLOURS else 0

    @property
    def full_label(self) -> str:
        """The label with its parent's, e.g. "Recognition › Wallets"."""
        return f"{self.parent.label} › {self.label}" if self.parent else self.label

    def __str__(self) -> str:
        return self.full_label


class Note(db.Model):
    """An internal note of facilitators on a comment; never shown to participants."""

    __tablename__ = "comment_note"

    id: Mapped[int] = mapped_column(primary_key=True)
    comment_id: Mapped[int] = mapped_column(ForeignKey("comment.id", ondelete="CASCADE"),
                                            index=True)
    author_id: Mapped[int | None] = mapped_column(ForeignKey("user.id", ondelete="SET NULL"))
    body: Mapped[str] = mapped_column(Text)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)

    author: Mapped["User | None"] = relationship()


class RoundFeedback(db.Model):
    """What facilitators tell participants after a round: a synthesis, released or not."""

    __tablename__ = "round_feedback"

    id: Mapped[int] = mapped_column(primary_key=True)
    round_id: Mapped[int] = mapped_column(ForeignKey("round.id", ondelete="CASCADE"),
                                          unique=True)
    synthesis: Mapped[str] = mapped_column(Text, default="")
    updated_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    updated_by_id: Mapped[int | None] = mapped_column(ForeignKey("user.id", ondelete="SET NULL"))

    round: Mapped["Round"] = relationship()
    questions: Mapped[list["Question"]] = relationship(secondary=feedback_question)
    comments: Mapped[list["Comment"]] = relationship(secondary=feedback_comment)


class CollatedChange(db.Model):
    """A submitted response whose items changed, so kept indexes can update just those.

    Written while the `responses` change token's row is locked, so ids follow commit order
    and an index that has read up to an id has missed none below it.
    """

    __tablename__ = "collated_change"

    id: Mapped[int] = mapped_column(primary_key=True)
    response_id: Mapped[int]


class ChangeToken(db.Model):
    """A random token replaced in every transaction that changes what the explorer shows.

    Its value names one state of the collated data, so an index built for a token stays
    right for as long as the token is current (see app/analysis/changes.py).
    """

    __tablename__ = "change_token"

    name: Mapped[str] = mapped_column(String(40), primary_key=True)
    token: Mapped[str] = mapped_column(String(32))
