"""Raw data of a consultation as CSV or XLSX, streamed row by row in constant memory.

Rows are read in batches (yield_per) and written as they come; XLSX uses openpyxl's
write-only mode into a temporary file that is then sent in chunks.
"""

import csv
import io
import tempfile
from collections.abc import Iterator

from flask_babel import gettext as _
from openpyxl import Workbook
from sqlalchemy import select
from sqlalchemy.orm import aliased

from ..consultations.models import Question, Round
from ..drafts.models import Block, Disposition
from ..extensions import db
from ..organisations.models import Organisation
from ..privacy.models import PublicationChoice
from ..responses.listing import describe_answer
from ..responses.models import Answer, Comment, Response, comment_term
from ..vocab.models import Term
from .anonymity import OTHER, is_protected, round_profiles
from .models import Code, comment_code

BATCH = 2_000
ANSWER_COLUMNS = ["round", "question_number", "question", "question_kind", "respondent",
                  "organisation", "stakeholder_type", "country", "governance_level",
                  "submitted_at", "answer", "language", "publication"]
COMMENT_COLUMNS = ["comment_id", "round", "question_number", "question", "respondent",
                   "organisation", "stakeholder_type", "country", "governance_level",
                   "comment_type", "language", "phases", "sectors", "codes", "comment",
                   "proposed_change",
                   "created_at", "disposition", "disposition_reason", "changed_block",
                   "publication"]


def answer_rows(consultation, show_identity: bool) -> Iterator[list]:
    """One row per submitted answer, respondents named only where the mode allows."""
    columns, respondent = _respondent_columns()
    query = _submitted(select(Answer.value, Answer.language, Question, Response.submitted_at,
                              *columns)
                       .join(Response, Answer.response_id == Response.id)
                       .join(Question, Answer.question_id == Question.id), consultation,
                       respondent).order_by(Round.position, Question.position, Response.id)
    protected = protected_profiles(consultation)
    for row in db.session.execute(query):
        (value, language, question, submitted_at, round_title, response_id, organisation,
         kind, country_label, level_label, anonymity, choice) = row
        identified = show_identity and anonymity != "anonymous"
        when = submitted_at.isoformat()
        if response_id in protected:
            kind, country_label, level_label = protected[response_id]
            when = submitted_at.date().isoformat()
        yield [round_title, question.position, question.prompt, question.kind,
               f"R{response_id}", organisation if identified else "", kind or "",
               country_label or "", level_label or "", when,
               describe_answer(question, value), language if question.kind == "text" else "",
               _publication(choice)]


def protected_profiles(consultation) -> dict[int, tuple]:
    """Response id → (type, country, level) labels that may be shown.

    For the submitted responses of the consultation's rounds that are anonymous to everyone.
    """
    shown: dict[int, tuple] = {}
    labels = dict(db.session.execute(select(Term.id, Term.label)).all())
    # read by id: the rows are streamed after the view returned, its objects detached
    for round_ in db.session.scalars(select(Round).where(
            Round.consultation_id == consultation.id)):
        if not is_protected(round_):
            continue
        profiles = round_profiles(round_.id)
        for response_id, *raw in db.session.execute(select(
                Response.id, Response.stakeholder_type_id, Response.country_id,
                Response.governance_level_id).where(Response.round_id == round_.id,
                                                    Response.submitted_at.is_not(None))):
            profile = profiles.get(tuple(raw), OTHER)
            if profile == OTHER:
                shown[response_id] = (_("Other respondents"), "", "")
            else:
                shown[response_id] = tuple(labels.get(term_id, "") if term_id else ""
                                           for term_id in profile)
    return shown


def comment_rows(consultation, show_identity: bool) -> Iterator[list]:
    """One row per comment of a submitted response, with its tags and codes."""
    columns, respondent = _respondent_columns()
    query = _submitted(select(Comment, Question.position, Question.prompt, *columns)
                       .join(Response, Comment.response_id == Response.id)
                       .outerjoin(Question, Comment.question_id == Question.id), consultation,
                       respondent).order_by(Comment.id)
    batch: list = []
    protected = protected_profiles(consultation)
    for row in db.session.execute(query):
        batch.append(row)
        if len(batch) == BATCH:
            yield from _comment_batch(batch, show_identity, protected)
            batch = []
    yield from _comment_batch(batch, show_identity, protected)


def _comment_batch(batch: list, show_identity: bool, protected: dict) -> Iterator[list]:
    if not batch:
        return
    ids = [row[0].id for row in batch]
    tags: dict[int, dict[str, list[str]]] = {}
    for comment_id, vocabulary, label in db.session.execute(
            select(comment_term.c.comment_id, Term.vocabulary, Term.label)
            .join(Term, Term.id == comment_term.c.term_id)
            .where(comment_term.c.comment_id.in_(ids))):
        tags.setdefault(comment_id, {}).setdefault(vocabulary, []).append(label)
    decisions = {comment_id: (status or "", reason, title or "")
                  for comment_id, status, reason, title in db.session.execute(
                      select(Disposition.comment_id, Disposition.status, Disposition.reason,
                             Block.title).outerjoin(Block, Block.id == Disposition.block_id)
                      .where(Disposition.comment_id.in_(ids)))}
    codes: dict[int, list[str]] = {}
    for comment_id, label in db.session.execute(
            select(comment_code.c.comment_id, Code.label)
            .join(Code, Code.id == comment_code.c.code_id)
            .where(comment_code.c.comment_id.in_(ids))):
        codes.setdefault(comment_id, []).append(label)
    for (comment, position, prompt, round_title, response_id, organisation, kind,
         country_label, level_label, anonymity, choice) in batch:
        identified = show_identity and anonymity != "anonymous"
        when = comment.created_at.isoformat()
        if response_id in protected:
            kind, country_label, level_label = protected[response_id]
            when = comment.created_at.date().isoformat()
        own = tags.get(comment.id, {})
        yield [comment.id, round_title, position, prompt, f"R{response_id}",
               organisation if identified else "", kind or "", country_label or "",
               level_label or "", comment.comment_type, comment.language,
               "; ".join(own.get("credential_phase", [])), "; ".join(own.get("sector", [])),
               "; ".join(codes.get(comment.id, [])), comment.body, comment.proposed_change,
               when, *decisions.get(comment.id, ("", "", "")), _publication(choice)]


def _respondent_columns():
    """Columns describing the round and the respondent, and the term aliases they use."""
    stakeholder, country, level = aliased(Term), aliased(Term), aliased(Term)
    columns = (Round.title, Response.id, Organisation.name, stakeholder.label, country.label,
               level.label, Round.anonymity, PublicationChoice.choice)
    return columns, (stakeholder, country, level)


def _publication(choice: str | None) -> str:
    """The publication column: the author's choice, or the round's mode where none was asked."""
    return {"named": "publish with name", "anonymous": "publish anonymously",
            "none": "do not publish"}.get(choice, "round's mode")


def _submitted(query, consultation, respondent):
    """Join the round and respondent attributes; keep the consultation's submissions."""
    stakeholder, country, level = respondent
    return (query.join(Round, Response.round_id == Round.id)
            .outerjoin(Organisation, Response.organisation_id == Organisation.id)
            .outerjoin(stakeholder, Response.stakeholder_type_id == stakeholder.id)
            .outerjoin(country, Response.country_id == country.id)
            .outerjoin(level, Response.governance_level_id == level.id)
            .outerjoin(PublicationChoice, (PublicationChoice.round_id == Response.round_id)
                       & (PublicationChoice.owner_key == Response.owner_key))
            .where(Round.consultation_id == consultation.id,
                   Response.submitted_at.is_not(None))
            .execution_options(yield_per=BATCH))


def stream_csv(columns: list[str], rows: Iterator[list]) -> Iterator[str]:
    """CSV text in chunks of about 64 KB, starting with a byte-order mark for spreadsheets."""
    buffer = io.StringIO()
    writer = csv.writer(buffer)
    buffer.write("\ufeff")
    writer.writerow(columns)
    for row in rows:
        writer.writerow([_safe_cell(value) for value in row])
        if buffer.tell() > 65_536:
            yield buffer.getvalue()
            buffer.seek(0)
            buffer.truncate()
    yield buffer.getvalue()


def stream_xlsx(title: str, columns: list[str], rows: Iterator[list]) -> Iterator[bytes]:
    """An XLSX workbook written in write-only mode to a temporary file, sent in chunks."""
    workbook = Workbook(write_only=True)
    sheet = workbook.create_sheet(title[:31])
    sheet.append(columns)
    for row in rows:
        sheet.append([_safe_cell(value) for value in row])
    with tempfile.TemporaryFile() as handle:
        workbook.save(handle)
        handle.seek(0)
        while chunk := handle.read(65_536):
            yield chunk


def _safe_cell(value):
    """Neutralise text that a spreadsheet would run as a formula."""
    if isinstance(value, str) and value[:1] in ("=", "+", "-", "@", "\t", "\r"):
        return "'" + value
    return value
