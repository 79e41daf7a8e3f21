"""The explorer's results computed directly in SQL, as a reference for the in-memory index.

Every filter is a WHERE condition on the union of comments and free-text answers, every facet
a GROUP BY, the page an ORDER BY with a keyset condition. Slow on large data, obviously right
on small data: tests compare the application's explorer with it.
"""

import re
from dataclasses import replace
from datetime import datetime
from types import SimpleNamespace

from sqlalchemy import and_, func, literal, literal_column, or_, select, text, true, union_all

from app.analysis.explorer import LIST_FILTERS, PAGE_SIZE, Filters
from app.analysis.models import answer_code, comment_code
from app.analysis.search import _configuration
from app.consultations.models import Question, Round, question_term
from app.core.languages import CONTENT_LANGUAGES, stem
from app.extensions import db
from app.responses.models import Answer, Comment, Response, comment_term
from app.vocab.models import Term

_WORD = re.compile(r"\w+", re.UNICODE)


def _without(filters: Filters, name: str) -> Filters:
    """The same filters with one dimension cleared (for its facet counts)."""
    return replace(filters, **{name: [] if name in LIST_FILTERS else "", "after": ""})


def items_subquery(consultation_id: int):
    """Every submitted comment and free-text answer of a consultation, as one row shape."""
    comments = (
        select(literal("comment").label("kind"), Comment.id.label("id"),
               Comment.response_id, Comment.question_id, Response.round_id.label("round_id"),
               Comment.body.label("body"), Comment.proposed_change.label("proposed_change"),
               (Comment.body + " " + Comment.proposed_change).label("document"),
               Comment.comment_type.label("comment_type"), Comment.cluster_id,
               Comment.created_at.label("created_at"), Comment.language.label("language"))
        .join(Response, Comment.response_id == Response.id)
        .join(Round, Response.round_id == Round.id)
        .where(Round.consultation_id == consultation_id, Response.submitted_at.is_not(None))
    )
    answers = (
        select(literal("answer").label("kind"), Answer.id.label("id"), Answer.response_id,
               Answer.question_id, Question.round_id, Answer.text_value.label("body"),
               literal("").label("proposed_change"),
               func.coalesce(Answer.text_value, "").label("document"),
               literal("").label("comment_type"), literal(None).label("cluster_id"),
               Answer.updated_at.label("created_at"), Answer.language)
        .join(Question, Answer.question_id == Question.id)
        .join(Response, Answer.response_id == Response.id)
        .join(Round, Question.round_id == Round.id)
        .where(Round.consultation_id == consultation_id, Response.submitted_at.is_not(None),
               Question.kind == "text", Answer.text_value.is_not(None))
    )
    return union_all(comments, answers).subquery("items")


def item_terms(items):
    """(kind, id, term id) for every tag of every item: a comment's own, an answer's question's."""
    comment_tags = select(literal("comment").label("kind"), comment_term.c.comment_id.label("id"),
                          comment_term.c.term_id)
    answer_tags = (select(literal("answer").label("kind"), Answer.id.label("id"),
                          question_term.c.term_id)
                   .join(question_term, question_term.c.question_id == Answer.question_id))
    return union_all(comment_tags, answer_tags).subquery("item_terms")


def item_codes():
    """(kind, id, code id) for every code applied to an item."""
    return union_all(
        select(literal("comment").label("kind"), comment_code.c.comment_id.label("id"),
               comment_code.c.code_id),
        select(literal("answer").label("kind"), answer_code.c.answer_id.label("id"),
               answer_code.c.code_id),
    ).subquery("item_codes")


def filtered(consultation_id: int, filters: Filters, dialect: str):
    """The items subquery, and a select of the items that match the filters."""
    items = items_subquery(consultation_id)
    query = select(items).join(Response, Response.id == items.c.response_id)
    conditions = _conditions(items, filters, dialect)
    return items, query.where(*conditions)


def _status_of(items):
    """The disposition status of an item (NULL when undecided or not a comment)."""
    from app.drafts.models import Disposition

    return (select(Disposition.status).where(Disposition.comment_id == items.c.id)
            .scalar_subquery())


def _conditions(items, filters: Filters, dialect: str) -> list:
    conditions = []
    for name, column in (("round", items.c.round_id), ("question", items.c.question_id),
                         ("stakeholder_type", Response.stakeholder_type_id),
                         ("country", Response.country_id),
                         ("governance_level", Response.governance_level_id),
                         ("language", items.c.language)):
        if getattr(filters, name):
            conditions.append(column.in_(getattr(filters, name)))
    for name in ("phase", "sector"):
        if getattr(filters, name):
            tags = item_terms(items)
            conditions.append(select(tags.c.id).where(
                tags.c.kind == items.c.kind, tags.c.id == items.c.id,
                tags.c.term_id.in_(getattr(filters, name))).exists())
    if filters.code:
        codes = item_codes()
        conditions.append(select(codes.c.id).where(
            codes.c.kind == items.c.kind, codes.c.id == items.c.id,
            codes.c.code_id.in_(filters.code)).exists())
    if filters.kind:
        conditions.append(items.c.kind == filters.kind)
    if filters.disposition:
        conditions.append(items.c.kind == "comment")
        status = _status_of(items)
        conditions.append(status.is_(None) if filters.disposition == "undecided"
                          else status == filters.disposition)
    if filters.q:
        match = match_condition(items, filters.q, dialect)
        if match is not None:
            conditions.append(match)
    return conditions


def page(consultation_id: int, filters: Filters, dialect: str,
         size: int = PAGE_SIZE) -> SimpleNamespace:
    """The items of one page, newest (or oldest) first, after the cursor."""
    items, query = filtered(consultation_id, filters, dialect)
    matching = query.subquery("matching")
    total = db.session.scalar(select(func.count()).select_from(matching))
    source = _folded(matching) if filters.fold else matching
    descending = filters.sort == "newest"
    order = (source.c.created_at, source.c.kind, source.c.id)
    base = select(source)
    if filters.after:
        base = base.where(_after(order, filters.after, descending))
    base = base.order_by(*[c.desc() if descending else c.asc() for c in order]).limit(size + 1)
    rows = db.session.execute(base).all()
    similar = {row.id: row.similar for row in rows if filters.fold and row.kind == "comment"}
    next_cursor = _cursor(rows[size - 1]) if len(rows) > size else None
    return SimpleNamespace(rows=rows[:size], total=total or 0, next_cursor=next_cursor,
                           similar=similar)


def _folded(matching):
    """Only the first item of each near-duplicate group, with the group's size."""
    group = func.coalesce(matching.c.cluster_id, matching.c.id)
    ranked = select(
        matching,
        func.row_number().over(partition_by=(matching.c.kind, group),
                               order_by=matching.c.id).label("position"),
        func.count().over(partition_by=(matching.c.kind, group)).label("similar"),
    ).subquery("ranked")
    return select(ranked).where(ranked.c.position == 1).subquery("folded")


def _cursor(row) -> str:
    return f"{row.created_at.isoformat()}|{row.kind}|{row.id}"


def _after(order, cursor: str, descending: bool):
    try:
        stamp, kind, item_id = cursor.split("|")
        values = (datetime.fromisoformat(stamp), kind, int(item_id))
    except ValueError:
        return true()
    created, kind_column, id_column = order
    before = (lambda c, v: c < v) if descending else (lambda c, v: c > v)
    return or_(before(created, values[0]),
               and_(created == values[0], before(kind_column, values[1])),
               and_(created == values[0], kind_column == values[1],
                    before(id_column, values[2])))


SIMPLE_FACETS = {"round": lambda i: i.c.round_id, "question": lambda i: i.c.question_id,
                 "stakeholder_type": lambda i: Response.stakeholder_type_id,
                 "country": lambda i: Response.country_id,
                 "governance_level": lambda i: Response.governance_level_id,
                 "language": lambda i: i.c.language, "kind": lambda i: i.c.kind}
TAG_FACETS = {"phase": "credential_phase", "sector": "sector"}


def facets(consultation_id: int, filters: Filters, dialect: str) -> dict[str, dict]:
    """For each filter, the count of matching items per value with the other filters applied.

    Dimensions that are not filtered share one grouped query (their "other filters" are
    the same); a filtered dimension is counted on its own, without its own filter.
    """
    result: dict[str, dict] = {}
    shared = [name for name in SIMPLE_FACETS if not getattr(filters, name)]
    if shared:
        result.update(_simple_counts(consultation_id, filters, dialect, shared))
    for name in SIMPLE_FACETS:
        if name not in shared:
            result.update(_simple_counts(consultation_id, _without(filters, name), dialect, [name]))
    unfiltered_tags = [name for name in TAG_FACETS if not getattr(filters, name)]
    if unfiltered_tags:
        result.update(_tag_counts(consultation_id, filters, dialect, unfiltered_tags))
    for name in TAG_FACETS:
        if name not in unfiltered_tags:
            result.update(_tag_counts(consultation_id, _without(filters, name), dialect, [name]))
    result["code"] = _code_counts(consultation_id, _without(filters, "code"), dialect)
    result["disposition"] = _disposition_counts(consultation_id,
                                                _without(filters, "disposition"), dialect)
    return result


def _simple_counts(consultation_id: int, filters: Filters, dialect: str,
                   names: list[str]) -> dict[str, dict]:
    items, query = filtered(consultation_id, filters, dialect)
    columns = [SIMPLE_FACETS[name](items) for name in names]
    grouped = query.with_only_columns(*columns, func.count()).group_by(*columns)
    counts: dict[str, dict] = {name: {} for name in names}
    for *values, count in db.session.execute(grouped):
        for name, value in zip(names, values, strict=True):
            if value is not None:
                counts[name][value] = counts[name].get(value, 0) + count
    return counts


def _tag_counts(consultation_id: int, filters: Filters, dialect: str,
                names: list[str]) -> dict[str, dict]:
    items, query = filtered(consultation_id, filters, dialect)
    tags = item_terms(items)
    vocabularies = {TAG_FACETS[name]: name for name in names}
    grouped = (query.with_only_columns(Term.vocabulary, tags.c.term_id, func.count())
               .join(tags, and_(tags.c.kind == items.c.kind, tags.c.id == items.c.id))
               .join(Term, Term.id == tags.c.term_id)
               .where(Term.vocabulary.in_(list(vocabularies)))
               .group_by(Term.vocabulary, tags.c.term_id))
    counts: dict[str, dict] = {name: {} for name in names}
    for vocabulary, term_id, count in db.session.execute(grouped):
        counts[vocabularies[vocabulary]][term_id] = count
    return counts


def _code_counts(consultation_id: int, filters: Filters, dialect: str) -> dict:
    items, query = filtered(consultation_id, filters, dialect)
    codes = item_codes()
    grouped = (query.with_only_columns(codes.c.code_id, func.count())
               .join(codes, and_(codes.c.kind == items.c.kind, codes.c.id == items.c.id))
               .group_by(codes.c.code_id))
    return dict(db.session.execute(grouped).all())


def _disposition_counts(consultation_id: int, filters: Filters, dialect: str) -> dict:
    items, query = filtered(consultation_id, filters, dialect)
    status = func.coalesce(_status_of(items), "undecided")
    grouped = (query.where(items.c.kind == "comment")
               .with_only_columns(status, func.count()).group_by(status))
    return dict(db.session.execute(grouped).all())
def match_condition(items, query: str, dialect: str):
    """A WHERE condition: the item's text contains every word of `query`, in the stemmed
    forms of the item's language (PostgreSQL: its configuration; SQLite: Snowball's stems)."""
    words = _WORD.findall(query)
    if not words:
        return None
    if dialect == "postgresql":
        configuration = literal_column(_configuration("items.language"))
        ts_query = func.plainto_tsquery(configuration, " ".join(words))
        return func.to_tsvector(configuration, items.c.document).op("@@")(ts_query)
    found = []
    for number, language in enumerate(CONTENT_LANGUAGES):
        fts_query = " ".join('"' + stem(language, w) + '"' for w in words)
        for kind in ("comment", "answer"):
            name = f"fts_{kind}_{number}"
            ids = select(literal_column("rowid")).select_from(text(f"{kind}_fts")).where(
                text(f"{kind}_fts MATCH :{name}").bindparams(**{name: fts_query}))
            found.append(and_(items.c.kind == kind, items.c.language == language,
                              items.c.id.in_(ids)))
    return or_(*found)
