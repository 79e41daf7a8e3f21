"""The comment explorer: a consultation's comments and free-text answers, filtered and paged.

The filters, facet counts, totals, near-duplicate folding and ordering run on an in-memory
index of the consultation's items (app/analysis/index.py): one row per item with the
dimensions it can be filtered by. The index is built with a few queries and reused for as
long as the collated data has not changed (app/analysis/changes.py), so a page over 100,000
items costs about what a page over 1,000 costs: masks and counts over small integer arrays,
then one query for the 25 rows shown. Full-text search asks the database (a GIN index on
PostgreSQL, FTS5 on SQLite) for the matching ids.
"""

from dataclasses import dataclass, field, fields

import numpy as np
from flask_babel import gettext as _
from sqlalchemy import literal, select, union_all

from ..consultations.models import Question
from ..core.errors import DomainError
from ..core.input import parse_ids
from ..core.languages import CONTENT_LANGUAGES
from ..extensions import db
from ..responses.models import Answer, Comment, Response
from . import anonymity
from . import index as item_index

PAGE_SIZE = 25
QUASI_FILTERS = ("stakeholder_type", "country", "governance_level")


class TooFewRespondents(DomainError):
    """A filter would isolate fewer than K respondents of a fully anonymous round."""
DISPOSITION_STATES = item_index.DISPOSITION_STATES
LIST_FILTERS = ("round", "question", "phase", "sector", "stakeholder_type", "country",
                "governance_level", "code", "language")


@dataclass
class Filters:
    """What the explorer shows; every field round-trips through the URL."""

    round: list[int] = field(default_factory=list)
    question: list[int] = field(default_factory=list)
    phase: list[int] = field(default_factory=list)
    sector: list[int] = field(default_factory=list)
    stakeholder_type: list[int] = field(default_factory=list)
    country: list[int] = field(default_factory=list)
    governance_level: list[int] = field(default_factory=list)
    code: list[int] = field(default_factory=list)
    language: list[str] = field(default_factory=list)
    kind: str = ""
    disposition: str = ""
    q: str = ""
    fold: bool = False
    redacted: bool = False
    sort: str = "newest"
    after: str = ""

    @classmethod
    def from_args(cls, args) -> "Filters":
        """Read filters from request arguments, ignoring what does not parse."""
        values = {name: parse_ids(args.getlist(name))
                  for name in LIST_FILTERS if name != "language"}
        values["language"] = [code for code in CONTENT_LANGUAGES
                              if code in args.getlist("language")]
        kind = args.get("kind", "")
        disposition = args.get("disposition", "")
        return cls(**values, kind=kind if kind in ("comment", "answer") else "",
                   disposition=disposition if disposition in DISPOSITION_STATES else "",
                   q=args.get("q", "").strip()[:200], fold=args.get("fold") == "1",
                   redacted=args.get("redacted") == "1",
                   sort="oldest" if args.get("sort") == "oldest" else "newest",
                   after=args.get("after", ""))

    def to_args(self, **changes) -> dict:
        """URL arguments for these filters, with some changed."""
        data = {f.name: getattr(self, f.name) for f in fields(self)} | changes
        args = {name: value for name, value in data.items() if value not in ("", [], False)}
        for flag in ("fold", "redacted"):
            if args.get(flag):
                args[flag] = "1"
        if args.get("sort") == "newest":
            del args["sort"]
        return args

    def selection(self) -> dict:
        """The filters that narrow the items, by dimension (empty ones left out)."""
        chosen = {name: getattr(self, name) for name in LIST_FILTERS if getattr(self, name)}
        if self.kind:
            chosen["kind"] = self.kind
        if self.disposition:
            chosen["disposition"] = self.disposition
        return chosen


@dataclass
class Page:
    """One page of explorer items and how to get the next."""

    rows: list
    total: int
    next_cursor: str | None
    similar: dict[int, int]


def explore(consultation_id: int, filters: Filters, dialect: str,
            size: int = PAGE_SIZE) -> tuple[Page, dict[str, dict]]:
    """One page of items and the facet counts beside it, from one index and one search."""
    view = _view(consultation_id, filters, dialect)
    return _page(view, filters, size), view.facets()


def page(consultation_id: int, filters: Filters, dialect: str,
         size: int = PAGE_SIZE) -> Page:
    """The items of one page, newest (or oldest) first, after the cursor."""
    return _page(_view(consultation_id, filters, dialect), filters, size)


def facets(consultation_id: int, filters: Filters, dialect: str) -> dict[str, dict]:
    """For each filter, the count of matching items per value with the other filters applied."""
    return _view(consultation_id, filters, dialect).facets()


def _view(consultation_id: int, filters: Filters, dialect: str) -> "item_index.View":
    items = item_index.for_consultation(consultation_id)
    matched = item_index.search(items, filters.q, dialect)
    if filters.redacted:  # read per request: redactions are few and change the text anyway
        from ..privacy.redaction import redacted_mask

        matched = redacted_mask(items, consultation_id, matched)
    view = item_index.View(items, filters.selection(), matched)
    _refuse_isolating(view, filters)
    return view


def _refuse_isolating(view: "item_index.View", filters: Filters) -> None:
    """Stakeholder filters may not narrow a round anonymous to everyone below K people."""
    items = view.items
    if items.protected is None or not any(getattr(filters, name) for name in QUASI_FILTERS):
        return
    respondents = np.unique(items.respondent[view.matching & items.protected])
    if 0 < len(respondents) < anonymity.K:
        raise TooFewRespondents(_(
            "These filters would single out fewer than %(k)d respondents of a round that is "
            "anonymous to everyone, so the stakeholder filters were removed.", k=anonymity.K))


def _page(view: "item_index.View", filters: Filters, size: int) -> Page:
    positions, similar = view.ordered(fold=filters.fold, newest=filters.sort == "newest",
                                      after=filters.after, limit=size + 1)
    rows = _rows(view.items, positions)
    next_cursor = view.items.cursor(positions[size - 1]) if len(positions) > size else None
    return Page(rows=rows[:size], total=view.total, next_cursor=next_cursor,
                similar={item_id: n for (kind, item_id), n in similar.items()
                         if kind == "comment"})


def _rows(items: "item_index.Items", positions) -> list:
    """The shown items' texts and details, in the order of `positions`."""
    wanted = [items.key(p) for p in positions]
    comment_ids = [item_id for kind, item_id in wanted if kind == "comment"]
    answer_ids = [item_id for kind, item_id in wanted if kind == "answer"]
    if not wanted:
        return []
    comments = (
        select(literal("comment").label("kind"), Comment.id.label("id"),
               Comment.response_id, Comment.question_id, Response.round_id.label("round_id"),
               Comment.body.label("body"), Comment.proposed_change.label("proposed_change"),
               Comment.comment_type.label("comment_type"), Comment.cluster_id,
               Comment.created_at.label("created_at"), Comment.language.label("language"))
        .join(Response, Comment.response_id == Response.id)
        .where(Comment.id.in_(comment_ids))
    )
    answers = (
        select(literal("answer").label("kind"), Answer.id.label("id"), Answer.response_id,
               Answer.question_id, Question.round_id, Answer.text_value.label("body"),
               literal("").label("proposed_change"), literal("").label("comment_type"),
               literal(None).label("cluster_id"), Answer.updated_at.label("created_at"),
               Answer.language)
        .join(Question, Answer.question_id == Question.id)
        .where(Answer.id.in_(answer_ids))
    )
    found = {(row.kind, row.id): row for row in db.session.execute(union_all(comments, answers))}
    return [found[key] for key in wanted if key in found]

