"""Consultations, their rounds and questions."""

from datetime import datetime
from typing import TYPE_CHECKING

from sqlalchemy import (
    JSON,
    Boolean,
    Column,
    ForeignKey,
    Integer,
    String,
    Table,
    Text,
    UniqueConstraint,
)
from sqlalchemy.orm import Mapped, mapped_column, relationship

from ..core.types import UTCDateTime, one_of, utcnow
from ..extensions import db
from ..vocab.models import Term

if TYPE_CHECKING:  # other features' models, named in relationship annotations only
    from ..accounts.models import User
    from ..drafts.models import DocumentVersion
    from ..organisations.models import Organisation


def _term_table(name: str, owner: str) -> Table:
    return Table(
        name,
        db.Model.metadata,
        Column(f"{owner}_id", ForeignKey(f"{owner}.id", ondelete="CASCADE"), primary_key=True),
        Column("term_id", ForeignKey("vocabulary_term.id"), primary_key=True, index=True),
    )


consultation_facilitator = Table(
    "consultation_facilitator",
    db.Model.metadata,
    Column("consultation_id", ForeignKey("consultation.id", ondelete="CASCADE"),
           primary_key=True),
    Column("user_id", ForeignKey("user.id", ondelete="CASCADE"), primary_key=True, index=True),
)
consultation_term = _term_table("consultation_term", "consultation")
round_audience_term = _term_table("round_audience_term", "round")
round_audience_organisation = Table(
    "round_audience_organisation",
    db.Model.metadata,
    Column("round_id", ForeignKey("round.id", ondelete="CASCADE"), primary_key=True),
    Column("organisation_id", ForeignKey("organisation.id", ondelete="CASCADE"),
           primary_key=True, index=True),
)
question_term = _term_table("question_term", "question")

RESPONSE_MODES = ("person", "organisation")  # the enumerations have CHECK constraints
ANONYMITY_MODES = ("attributed", "anonymous_to_participants", "anonymous")
ROUND_CHANGE_KINDS = ("extended", "closed_early", "moved_earlier")
DEFAULT_CONSENSUS_RULE = {"scale_points": 5, "max_iqr": 1.0, "min_agreement": 75,
                          "agreement_from": 4}


class Consultation(db.Model):
    """A consultation: ordered rounds, owned by facilitators, with a declared consensus rule."""

    __tablename__ = "consultation"

    id: Mapped[int] = mapped_column(primary_key=True)
    title: Mapped[str] = mapped_column(String(200))
    summary: Mapped[str] = mapped_column(Text, default="")
    working_group: Mapped[str] = mapped_column(String(200), default="")
    consensus_rule: Mapped[dict] = mapped_column(JSON, default=lambda: dict(DEFAULT_CONSENSUS_RULE))
    # How alike two comments must be (0–100, rapidfuzz token-set ratio) to count as one group.
    similarity_threshold: Mapped[int] = mapped_column(Integer, default=90)
    # The language the texts are written in, the languages they are offered in besides it,
    # and the translations of the title and summary: {language: {field: text}}.
    original_language: Mapped[str] = mapped_column(String(8), default="en", server_default="en")
    offered_languages: Mapped[list] = mapped_column(JSON, default=list, server_default="[]")
    translations: Mapped[dict] = mapped_column(JSON, default=dict, server_default="{}")
    created_by_id: Mapped[int | None] = mapped_column(ForeignKey("user.id", ondelete="SET NULL"))
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    version: Mapped[int] = mapped_column(default=1)

    facilitators: Mapped[list["User"]] = relationship(secondary=consultation_facilitator,
                                                      order_by="User.display_name")
    sectors: Mapped[list[Term]] = relationship(secondary=consultation_term,
                                               order_by=Term.position)
    documents: Mapped[list["BackgroundDocument"]] = relationship(
        back_populates="consultation", order_by="BackgroundDocument.position",
        cascade="all, delete-orphan")
    rounds: Mapped[list["Round"]] = relationship(
        back_populates="consultation", order_by="Round.position", cascade="all, delete-orphan")

    __mapper_args__ = {"version_id_col": version}

    def __str__(self) -> str:
        return self.title


class BackgroundDocument(db.Model):
    """A Markdown page of background reading attached to a consultation."""

    __tablename__ = "background_document"

    id: Mapped[int] = mapped_column(primary_key=True)
    consultation_id: Mapped[int] = mapped_column(
        ForeignKey("consultation.id", ondelete="CASCADE"), index=True)
    title: Mapped[str] = mapped_column(String(200))
    body: Mapped[str] = mapped_column(Text, default="")
    position: Mapped[int] = mapped_column(Integer, default=0)
    updated_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow, onupdate=utcnow)

    consultation: Mapped[Consultation] = relationship(back_populates="documents")


class Round(db.Model):
    """A round of a consultation: a window, an audience, questions, and how answers are kept."""

    __tablename__ = "round"
    __table_args__ = (one_of("response_mode", RESPONSE_MODES),
                      one_of("anonymity", ANONYMITY_MODES))

    id: Mapped[int] = mapped_column(primary_key=True)
    consultation_id: Mapped[int] = mapped_column(
        ForeignKey("consultation.id", ondelete="CASCADE"), index=True)
    position: Mapped[int] = mapped_column(Integer, default=1)
    title: Mapped[str] = mapped_column(String(200))
    introduction: Mapped[str] = mapped_column(Text, default="")
    opens_at: Mapped[datetime] = mapped_column(UTCDateTime)
    closes_at: Mapped[datetime] = mapped_column(UTCDateTime, index=True)
    timezone: Mapped[str] = mapped_column(String(64), default="Europe/Brussels")
    response_mode: Mapped[str] = mapped_column(String(20), default="person")
    anonymity: Mapped[str] = mapped_column(String(30), default="attributed")
    published_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    feedback_released_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    # The title and introduction in other languages: {language: {field: text}}.
    translations: Mapped[dict] = mapped_column(JSON, default=dict, server_default="{}")
    # A document version put to this round for comments on its paragraphs.
    document_version_id: Mapped[int | None] = mapped_column(
        ForeignKey("document_version.id", ondelete="SET NULL"))
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    version: Mapped[int] = mapped_column(default=1)

    consultation: Mapped[Consultation] = relationship(back_populates="rounds")
    document_version: Mapped["DocumentVersion | None"] = relationship()
    audience_terms: Mapped[list[Term]] = relationship(secondary=round_audience_term,
                                                      order_by=Term.position)
    audience_organisations: Mapped[list["Organisation"]] = relationship(
        secondary=round_audience_organisation, order_by="Organisation.name")
    questions: Mapped[list["Question"]] = relationship(
        back_populates="round", order_by="Question.position", cascade="all, delete-orphan")
    changes: Mapped[list["RoundChange"]] = relationship(
        back_populates="round", order_by="RoundChange.created_at", cascade="all, delete-orphan")

    __mapper_args__ = {"version_id_col": version}

    def state(self, now: datetime) -> str:
        """draft, scheduled, open, closed or feedback_released at time `now`."""
        if self.published_at is None:
            return "draft"
        if now < self.opens_at:
            return "scheduled"
        if now < self.closes_at:
            return "open"
        return "feedback_released" if self.feedback_released_at else "closed"

    def is_open(self, now: datetime) -> bool:
        """Whether answers may be written at time `now`."""
        return self.state(now) == "open"

    def audience(self, vocabulary: str) -> list[Term]:
        """The audience terms of one vocabulary (empty means: any)."""
        return [t for t in self.audience_terms if t.vocabulary == vocabulary]

    def __str__(self) -> str:
        return self.title


class RoundChange(db.Model):
    """A change of a round's deadline (extension or early close), shown to participants."""

    __tablename__ = "round_change"
    __table_args__ = (one_of("kind", ROUND_CHANGE_KINDS),)

    id: Mapped[int] = mapped_column(primary_key=True)
    round_id: Mapped[int] = mapped_column(ForeignKey("round.id", ondelete="CASCADE"), index=True)
    kind: Mapped[str] = mapped_column(String(20))  # one of ROUND_CHANGE_KINDS
    previous_closes_at: Mapped[datetime] = mapped_column(UTCDateTime)
    new_closes_at: Mapped[datetime] = mapped_column(UTCDateTime)
    reason: Mapped[str] = mapped_column(Text, default="")
    actor_id: Mapped[int | None] = mapped_column(ForeignKey("user.id", ondelete="SET NULL"))
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)

    round: Mapped[Round] = relationship(back_populates="changes")


QUESTION_KINDS = ("text", "scale", "single", "multiple", "ranking", "number")


class Question(db.Model):
    """A question of a round, of one kind, tagged to credential phases and more."""

    __tablename__ = "question"
    __table_args__ = (one_of("kind", QUESTION_KINDS),)

    id: Mapped[int] = mapped_column(primary_key=True)
    round_id: Mapped[int] = mapped_column(ForeignKey("round.id", ondelete="CASCADE"), index=True)
    position: Mapped[int] = mapped_column(Integer, default=0)
    kind: Mapped[str] = mapped_column(String(20))
    prompt: Mapped[str] = mapped_column(Text)
    help_text: Mapped[str] = mapped_column(Text, default="")
    is_required: Mapped[bool] = mapped_column(Boolean, default=False)
    scale_points: Mapped[int | None] = mapped_column(Integer)
    scale_labels: Mapped[list] = mapped_column(JSON, default=list)
    options: Mapped[list] = mapped_column(JSON, default=list)
    max_choices: Mapped[int | None] = mapped_column(Integer)
    min_value: Mapped[float | None]
    max_value: Mapped[float | None]
    # Prompt, help text, options and scale labels in other languages: {language: {field: text
    # or list of texts}}.
    translations: Mapped[dict] = mapped_column(JSON, default=dict, server_default="{}")
    # The same question in an earlier round, whose feedback is shown beside this one.
    source_question_id: Mapped[int | None] = mapped_column(
        ForeignKey("question.id", ondelete="SET NULL"))
    version: Mapped[int] = mapped_column(default=1)

    round: Mapped[Round] = relationship(back_populates="questions")
    source_question: Mapped["Question | None"] = relationship(remote_side=[id])
    terms: Mapped[list[Term]] = relationship(secondary=question_term, order_by=Term.position)

    __mapper_args__ = {"version_id_col": version}

    def tags(self, vocabulary: str) -> list[Term]:
        """The question's terms of one vocabulary."""
        return [t for t in self.terms if t.vocabulary == vocabulary]

    def __str__(self) -> str:
        return self.prompt


class Invitation(db.Model):
    """A person invited to a round, and the reminders they were sent."""

    __tablename__ = "round_invitation"
    __table_args__ = (UniqueConstraint("round_id", "user_id"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    round_id: Mapped[int] = mapped_column(ForeignKey("round.id", ondelete="CASCADE"), index=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("user.id", ondelete="CASCADE"), index=True)
    invited_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    reminded_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    reminder_count: Mapped[int] = mapped_column(default=0)

    round: Mapped[Round] = relationship()
    user: Mapped["User"] = relationship()
