"""Responses to rounds: answers, comments, and the append-only history of every save."""

from datetime import datetime
from typing import TYPE_CHECKING

from sqlalchemy import (
    JSON,
    Column,
    ForeignKey,
    Index,
    Integer,
    String,
    Table,
    Text,
    UniqueConstraint,
)
from sqlalchemy.orm import Mapped, mapped_column, relationship

from ..core.languages import CONTENT_LANGUAGES, DEFAULT_LANGUAGE
from ..core.types import UTCDateTime, one_of, utcnow
from ..extensions import db
from ..vocab.models import Term

if TYPE_CHECKING:  # other features' models, named in relationship annotations only
    from ..accounts.models import User
    from ..consultations.models import Question, Round
    from ..drafts.models import Block, DocumentVersion
    from ..organisations.models import Organisation

comment_term = Table(
    "comment_term",
    db.Model.metadata,
    Column("comment_id", ForeignKey("comment.id", ondelete="CASCADE"), primary_key=True),
    Column("term_id", ForeignKey("vocabulary_term.id"), primary_key=True, index=True),
)

COMMENT_TYPES = ("general", "technical", "editorial")
TAG_VOCABULARIES = ("credential_phase", "sector")  # what comments are tagged with


class Response(db.Model):
    """One person's (or one organisation's) answers to a round; a draft until submitted."""

    __tablename__ = "response"
    __table_args__ = (UniqueConstraint("round_id", "owner_key"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    round_id: Mapped[int] = mapped_column(ForeignKey("round.id", ondelete="CASCADE"), index=True)
    # "u:<user id>" or "o:<organisation id>": one response per person or per organisation.
    owner_key: Mapped[str] = mapped_column(String(40))
    user_id: Mapped[int | None] = mapped_column(ForeignKey("user.id", ondelete="SET NULL"),
                                                index=True)
    organisation_id: Mapped[int | None] = mapped_column(
        ForeignKey("organisation.id", ondelete="SET NULL"), index=True)
    # Who answered, as they were when they wrote (organisations change later).
    stakeholder_type_id: Mapped[int | None] = mapped_column(ForeignKey("vocabulary_term.id"))
    country_id: Mapped[int | None] = mapped_column(ForeignKey("vocabulary_term.id"))
    governance_level_id: Mapped[int | None] = mapped_column(ForeignKey("vocabulary_term.id"))
    submitted_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    first_submitted_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    updated_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    updated_by_id: Mapped[int | None] = mapped_column(ForeignKey("user.id", ondelete="SET NULL"))
    version: Mapped[int] = mapped_column(default=1)
    # What the author typed that is not valid yet (answers, comments) and the messages, kept
    # as typed until corrected: {"answers": {question id: raw}, "comments": [...],
    # "errors": {field name: message}}; None when everything saved is valid.
    pending: Mapped[dict | None] = mapped_column(JSON)

    round: Mapped["Round"] = relationship()
    user: Mapped["User | None"] = relationship(foreign_keys=[user_id])
    updated_by: Mapped["User | None"] = relationship(foreign_keys=[updated_by_id])
    organisation: Mapped["Organisation | None"] = relationship()
    stakeholder_type: Mapped[Term | None] = relationship(foreign_keys=[stakeholder_type_id])
    country: Mapped[Term | None] = relationship(foreign_keys=[country_id])
    governance_level: Mapped[Term | None] = relationship(foreign_keys=[governance_level_id])
    answers: Mapped[list["Answer"]] = relationship(back_populates="response",
                                                   cascade="all, delete-orphan")
    comments: Mapped[list["Comment"]] = relationship(
        back_populates="response", order_by="Comment.id", cascade="all, delete-orphan")
    revisions: Mapped[list["ResponseRevision"]] = relationship(
        back_populates="response", order_by="ResponseRevision.number",
        cascade="all, delete-orphan")

    __mapper_args__ = {"version_id_col": version}

    @property
    def is_submitted(self) -> bool:
        """Whether the response has been submitted (it stays editable while the round is open)."""
        return self.submitted_at is not None

    def answer_for(self, question_id: int) -> "Answer | None":
        """The answer to one question, if any."""
        return next((a for a in self.answers if a.question_id == question_id), None)

    def comments_for(self, question_id: int) -> list["Comment"]:
        """The comments placed on one question."""
        return [c for c in self.comments if c.question_id == question_id]


class Answer(db.Model):
    """The answer to one question; `value` is text, a number, a choice key or a list of keys."""

    __tablename__ = "answer"
    __table_args__ = (UniqueConstraint("response_id", "question_id"),
                      one_of("language", CONTENT_LANGUAGES))

    id: Mapped[int] = mapped_column(primary_key=True)
    response_id: Mapped[int] = mapped_column(ForeignKey("response.id", ondelete="CASCADE"))
    question_id: Mapped[int] = mapped_column(ForeignKey("question.id", ondelete="CASCADE"),
                                             index=True)
    value: Mapped[object] = mapped_column(JSON)
    # The answer of a free-text question as plain text, for searching.
    text_value: Mapped[str | None] = mapped_column(Text)
    # The language the text is written in (chosen by its writer): how search stems it.
    language: Mapped[str] = mapped_column(String(8), default=DEFAULT_LANGUAGE,
                                          server_default=DEFAULT_LANGUAGE)
    updated_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)

    response: Mapped[Response] = relationship(back_populates="answers")
    question: Mapped["Question"] = relationship()


class Comment(db.Model):
    """A comment tagged to credential phases (required) and sectors, on a question."""

    __tablename__ = "comment"
    __table_args__ = (one_of("comment_type", COMMENT_TYPES),
                      one_of("language", CONTENT_LANGUAGES))

    id: Mapped[int] = mapped_column(primary_key=True)
    response_id: Mapped[int] = mapped_column(ForeignKey("response.id", ondelete="CASCADE"),
                                             index=True)
    question_id: Mapped[int | None] = mapped_column(
        ForeignKey("question.id", ondelete="CASCADE"), index=True)
    # A comment on a paragraph of a document version: the block and version it was made on.
    block_id: Mapped[int | None] = mapped_column(ForeignKey("block.id", ondelete="SET NULL"),
                                                 index=True)
    document_version_id: Mapped[int | None] = mapped_column(
        ForeignKey("document_version.id", ondelete="SET NULL"))
    quote: Mapped[str] = mapped_column(Text, default="")
    author_id: Mapped[int | None] = mapped_column(ForeignKey("user.id", ondelete="SET NULL"))
    comment_type: Mapped[str] = mapped_column(String(20), default="general")
    body: Mapped[str] = mapped_column(Text)
    proposed_change: Mapped[str] = mapped_column(Text, default="")
    # The language of the body and proposed change (chosen by its writer): how search stems it.
    language: Mapped[str] = mapped_column(String(8), default=DEFAULT_LANGUAGE,
                                          server_default=DEFAULT_LANGUAGE)
    # The first comment of a group of (nearly) identical comments on the same question.
    cluster_id: Mapped[int | None] = mapped_column(Integer, index=True)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow, index=True)
    updated_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)

    response: Mapped[Response] = relationship(back_populates="comments")
    question: Mapped["Question | None"] = relationship()
    author: Mapped["User | None"] = relationship()
    block: Mapped["Block | None"] = relationship()
    document_version: Mapped["DocumentVersion | None"] = relationship()
    terms: Mapped[list[Term]] = relationship(secondary=comment_term, order_by=Term.position)

    def tags(self, vocabulary: str) -> list[Term]:
        """The comment's terms of one vocabulary."""
        return [t for t in self.terms if t.vocabulary == vocabulary]


class ResponseRevision(db.Model):
    """A frozen copy of a response at one save: appended, never edited."""

    __tablename__ = "response_revision"
    __table_args__ = (UniqueConstraint("response_id", "number"),
                      Index("ix_response_revision_response_id_kind", "response_id", "kind",
                            "number"))

    id: Mapped[int] = mapped_column(primary_key=True)
    response_id: Mapped[int] = mapped_column(ForeignKey("response.id", ondelete="CASCADE"))
    number: Mapped[int]
    kind: Mapped[str] = mapped_column(String(20))  # draft, submit, late_draft
    snapshot: Mapped[dict] = mapped_column(JSON)
    saved_by_id: Mapped[int | None] = mapped_column(ForeignKey("user.id", ondelete="SET NULL"))
    saved_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)

    response: Mapped[Response] = relationship(back_populates="revisions")
    saved_by: Mapped["User | None"] = relationship()

