"""An in-memory index of a consultation's collated items, for the explorer.

One entry per submitted comment and free-text answer, in columns of small integers sorted by
(time, kind, id): round, question, stakeholder type, country, governance level, near-duplicate
group and disposition, plus the positions carrying each tag and each code. Filtering is a
boolean mask per dimension; facet counts are the masks of the other dimensions combined and
counted per value; a page is the first positions after the cursor. None of that touches the
database, and numpy scans these arrays in well under a millisecond per 100,000 items, so a
page costs about the same at 1,000 items and at 100,000.

An index is built for the current change tokens (app/analysis/changes.py) and kept, a few per
process, until they change: new codes or decisions are re-read on their own, the items of
changed responses are replaced (app/analysis/incremental.py), any other change rebuilds it.
A session with uncommitted changes of its own builds a fresh index and does not keep it.
"""

import threading
from collections import OrderedDict
from dataclasses import dataclass, field, replace
from datetime import UTC, datetime, timedelta

import numpy as np
from sqlalchemy import BigInteger, Integer, case, cast, func, literal, select, union_all

from ..consultations.models import Question, Round, question_term
from ..core.languages import CONTENT_LANGUAGES
from ..drafts.models import Disposition
from ..extensions import db
from ..responses.models import Answer, Comment, Response, comment_term
from ..vocab.models import Term
from . import changes
from .models import Code, CollatedChange, answer_code, comment_code
from .rows import plain_rows
from .search import matching_ids

KINDS = ("answer", "comment")  # codes 0 and 1, ordered as the names are
COMMENT = KINDS.index("comment")
DISPOSITION_STATES = ("undecided", "accepted", "accepted_modified", "not_accepted", "noted",
                      "deferred")
SIMPLE = ("round", "question", "stakeholder_type", "country", "governance_level", "language")
TAGS = {"phase": "credential_phase", "sector": "sector"}
COLUMNS = ("kind", "id", "stamp", *SIMPLE, "group", "response")  # as _rows_of reads them
KEPT = 6  # indexes kept per process
SEARCHES_KEPT = 16  # searches kept per index (16 x 112,500 items: 1.8 MB)
EPOCH = datetime(1970, 1, 1, tzinfo=UTC)
MICROSECOND = timedelta(microseconds=1)

_kept: OrderedDict = OrderedDict()
_lock = threading.Lock()


@dataclass
class Items:
    """The index: parallel arrays over items sorted by (time, kind, id)."""

    kind: np.ndarray
    id: np.ndarray
    stamp: np.ndarray
    columns: dict[str, np.ndarray]
    values: dict[str, np.ndarray]  # per column, its distinct values, sorted
    value_index: dict[str, np.ndarray]  # per column, each item's value as an index in values
    group: np.ndarray
    status: np.ndarray
    tags: dict[int, np.ndarray]
    vocabulary: dict[int, str]
    codes: dict[int, np.ndarray]
    response: np.ndarray  # each item's response, to replace a changed response's items
    changes_read: int = 0  # the last collated_change read into the index
    protected: np.ndarray | None = None  # items of rounds anonymous to everyone
    # orders worked out once: per kind, positions by id; "fold", by kind, group and id
    sorted_by_id: dict = field(default_factory=dict, init=False, repr=False)
    # the items matching recent searches: the same texts give the same answers
    searches: OrderedDict = field(default_factory=OrderedDict, init=False, repr=False)

    @property
    def respondent(self) -> np.ndarray:
        """The response each item belongs to (who answered, for the anonymity checks)."""
        return self.response

    def __len__(self) -> int:
        return len(self.id)

    def key(self, position: int) -> tuple[str, int]:
        """(kind, id) of the item at a position."""
        return KINDS[self.kind[position]], int(self.id[position])

    def cursor(self, position: int) -> str:
        """The keyset cursor that continues after the item at a position."""
        stamp = EPOCH + int(self.stamp[position]) * MICROSECOND
        kind, item_id = self.key(position)
        return f"{stamp.isoformat()}|{kind}|{item_id}"

    def beyond(self, cursor: str, newest: bool) -> np.ndarray | None:
        """Items after the cursor in the page order (None when the cursor does not parse)."""
        try:
            stamp, kind, item_id = cursor.split("|")
            when = datetime.fromisoformat(stamp)
            if when.tzinfo is None:
                return None
            values = ((when - EPOCH) // MICROSECOND, KINDS.index(kind), int(item_id))
        except ValueError:
            return None
        stamps, kinds, ids = self.stamp, self.kind, self.id
        if newest:
            return (stamps < values[0]) | ((stamps == values[0]) & (
                (kinds < values[1]) | ((kinds == values[1]) & (ids < values[2]))))
        return (stamps > values[0]) | ((stamps == values[0]) & (
            (kinds > values[1]) | ((kinds == values[1]) & (ids > values[2]))))

    def locate(self, kind: str, ids) -> np.ndarray:
        """Position of each item of one kind with these ids, -1 where it is not indexed."""
        by_id, sorted_ids = self._by_id(KINDS.index(kind))
        wanted = np.asarray(ids, dtype=np.int64)
        if not len(sorted_ids) or not len(wanted):
            return np.full(len(wanted), -1, dtype=np.int64)
        found = np.minimum(np.searchsorted(sorted_ids, wanted), len(sorted_ids) - 1)
        return np.where(sorted_ids[found] == wanted, by_id[found], -1)

    def fold_order(self) -> np.ndarray:
        """Every position ordered by kind, near-duplicate group and id (worked out once)."""
        found = self.sorted_by_id.get("fold")
        if found is None:
            found = self.sorted_by_id["fold"] = np.lexsort((self.id, self.group, self.kind))
        return found

    def _by_id(self, kind: int) -> tuple[np.ndarray, np.ndarray]:
        """Positions of one kind's items in id order, and their ids (worked out once)."""
        found = self.sorted_by_id.get(kind)
        if found is None:
            chosen = np.flatnonzero(self.kind == kind)
            by_id = chosen[np.argsort(self.id[chosen], kind="stable")]
            found = self.sorted_by_id[kind] = (by_id, self.id[by_id])
        return found

    def marked(self, positions_by_value: dict[int, np.ndarray], chosen) -> np.ndarray:
        """Items carrying any of the chosen tags or codes."""
        mask = np.zeros(len(self), dtype=bool)
        for value in chosen:
            if value in positions_by_value:
                mask[positions_by_value[value]] = True
        return mask

    def mask(self, name: str, chosen) -> np.ndarray:
        """Items matching one filter (languages by code, the other columns by id)."""
        if name == "language":
            chosen = [CONTENT_LANGUAGES.index(code) for code in chosen
                      if code in CONTENT_LANGUAGES]
        if name in SIMPLE:
            return np.isin(self.columns[name], np.asarray(chosen, dtype=np.int64))
        if name in TAGS:
            return self.marked(self.tags, chosen)
        if name == "code":
            return self.marked(self.codes, chosen)
        if name == "kind":
            return self.kind == KINDS.index(chosen)
        if name == "disposition":
            return (self.kind == COMMENT) & (self.status == DISPOSITION_STATES.index(chosen))
        raise KeyError(name)


class View:
    """The items matching a set of filters, with the counts and order the explorer shows."""

    def __init__(self, items: Items, selection: dict, matched: np.ndarray | None) -> None:
        self.items = items
        self.masks = {name: items.mask(name, chosen) for name, chosen in selection.items()}
        if matched is not None:
            self.masks["q"] = matched
        self.matching = self.combined()
        self.total = int(self.matching.sum())

    def combined(self, without: str | None = None) -> np.ndarray:
        """Every filter's mask combined, leaving one dimension out if asked."""
        result = np.ones(len(self.items), dtype=bool)
        for name, mask in self.masks.items():
            if name != without:
                result &= mask
        return result

    def facets(self) -> dict[str, dict]:
        """For each dimension, matching items per value with the other filters applied."""
        items = self.items
        result: dict[str, dict] = {}
        for name in SIMPLE:
            counts = np.bincount(items.value_index[name][self.combined(name)],
                                 minlength=len(items.values[name]))
            result[name] = {int(value): int(count)
                            for value, count in zip(items.values[name], counts, strict=True)
                            if count and value >= 0}
        result["language"] = {CONTENT_LANGUAGES[value]: count
                              for value, count in result["language"].items()}
        counts = np.bincount(items.kind[self.combined("kind")], minlength=len(KINDS))
        result["kind"] = {KINDS[code]: int(count) for code, count in enumerate(counts) if count}
        for name, vocabulary in TAGS.items():
            base = self.combined(name)
            result[name] = _counted(base, {term: positions
                                           for term, positions in items.tags.items()
                                           if items.vocabulary.get(term) == vocabulary})
        result["code"] = _counted(self.combined("code"), items.codes)
        base = self.combined("disposition") & (items.kind == COMMENT)
        counts = np.bincount(items.status[base], minlength=len(DISPOSITION_STATES))
        result["disposition"] = {DISPOSITION_STATES[code]: int(count)
                                 for code, count in enumerate(counts) if count}
        return result

    def ordered(self, *, fold: bool, newest: bool, after: str,
                limit: int) -> tuple[list[int], dict[tuple[str, int], int]]:
        """Positions of the first `limit` matching items after the cursor, and group sizes.

        Folding keeps the lowest id of each near-duplicate group (per kind) and reports how
        many matching items the group has.
        """
        shown = self.matching
        sizes = None
        if fold:
            shown, sizes = self._folded()
        if after:
            beyond = self.items.beyond(after, newest)
            if beyond is not None:
                shown = shown & beyond
        positions = np.flatnonzero(shown)
        positions = (positions[::-1] if newest else positions)[:limit].tolist()
        similar = {} if sizes is None else {self.items.key(p): int(sizes[p]) for p in positions}
        return positions, similar

    def _folded(self) -> tuple[np.ndarray, np.ndarray]:
        items = self.items
        grouped = items.fold_order()
        chosen = grouped[self.matching[grouped]]  # matching items, by kind, group and id
        kinds, groups = items.kind[chosen], items.group[chosen]
        starts = np.ones(len(chosen), dtype=bool)
        starts[1:] = (kinds[1:] != kinds[:-1]) | (groups[1:] != groups[:-1])
        first = np.flatnonzero(starts)
        representatives = chosen[first]
        shown = np.zeros(len(items), dtype=bool)
        shown[representatives] = True
        sizes = np.zeros(len(items), dtype=np.int64)
        sizes[representatives] = np.diff(np.append(first, len(chosen)))
        return shown, sizes


def _counted(base: np.ndarray, positions_by_value: dict[int, np.ndarray]) -> dict[int, int]:
    counts = {value: int(base[positions].sum()) for value, positions in positions_by_value.items()}
    return {value: count for value, count in counts.items() if count}


def search(items: Items, query: str, dialect: str) -> np.ndarray | None:
    """Items whose text has every word of the query (None when there is no query).

    A facilitator keeps a search while paging and changing the other filters, so the
    answers to the last SEARCHES_KEPT queries are kept with the index: they hold until the
    texts change, which replaces the index.
    """
    if not query:
        return None
    with _lock:
        kept = items.searches.get(query)
        if kept is not None:
            items.searches.move_to_end(query)
            return kept
    found = matching_ids(query, dialect)
    if found is None:
        return None
    comment_ids, answer_ids = found
    mask = np.zeros(len(items), dtype=bool)
    for kind, ids in (("comment", comment_ids), ("answer", answer_ids)):
        positions = items.locate(kind, ids)
        mask[positions[positions >= 0]] = True
    mask.flags.writeable = False  # shared by the requests that repeat the search
    with _lock:
        items.searches[query] = mask
        while len(items.searches) > SEARCHES_KEPT:
            items.searches.popitem(last=False)
    return mask


def for_consultation(consultation_id: int) -> Items:
    """The consultation's index for the current data, built or brought up to date if needed.

    A change of codes or dispositions re-reads only those; any other change rebuilds it.
    """
    session = db.session
    tokens = changes.current(session)
    key = (str(session.get_bind().engine.url), consultation_id)
    with _lock:
        kept = _kept.get(key)
    if tokens is None or kept is None or kept[0].get("items") != tokens.get("items"):
        items = build(consultation_id)
    else:
        kept_tokens, items = kept
        if kept_tokens.get("responses") != tokens.get("responses"):
            from .incremental import with_changed_responses  # it builds on this module

            items = with_changed_responses(items, consultation_id)
        elif kept_tokens != tokens:
            # the same arrays and texts; the parts re-read are new objects
            items = _same_texts(items)
        if kept_tokens != tokens:
            if kept_tokens.get("codes") != tokens.get("codes"):
                _read_codes(items, consultation_id)
            if kept_tokens.get("dispositions") != tokens.get("dispositions"):
                _read_statuses(items, consultation_id)
    if tokens is not None:
        with _lock:
            _kept[key] = (tokens, items)
            _kept.move_to_end(key)
            while len(_kept) > KEPT:
                _kept.popitem(last=False)
    return items


def _same_texts(items: Items) -> Items:
    """A copy to re-read codes or decisions into, keeping what depends on the texts only."""
    copy = replace(items)
    copy.sorted_by_id, copy.searches = items.sorted_by_id, items.searches
    return copy


def forget() -> None:
    """Drop every kept index (for tests and benchmarks that rebuild databases)."""
    with _lock:
        _kept.clear()


def forget_searches() -> None:
    """Drop the kept searches of every index (for benchmarks timing a new search)."""
    with _lock:
        for _tokens, items in _kept.values():
            items.searches.clear()


def build(consultation_id: int) -> Items:
    """Read the consultation's items, tags, codes and dispositions into an index."""
    changes_read = _last_change()  # read first: what commits meanwhile is read again later
    raw = _rows_of(consultation_id)
    protected = _protect(raw, consultation_id)
    order = np.lexsort((raw["id"], raw["kind"], raw["stamp"]))
    raw = {name: array[order] for name, array in raw.items()}
    values, value_index = {}, {}
    for name in SIMPLE:
        values[name], value_index[name] = np.unique(raw[name], return_inverse=True)
    items = Items(kind=raw["kind"].astype(np.int8), id=raw["id"], stamp=raw["stamp"],
                  columns={name: raw[name] for name in SIMPLE}, values=values,
                  value_index=value_index, group=raw["group"],
                  status=np.zeros(len(order), dtype=np.int8), tags={}, vocabulary={}, codes={},
                  response=raw["response"], changes_read=changes_read,
                  protected=protected[order])
    _read_tags(items, consultation_id)
    _read_codes(items, consultation_id)
    _read_statuses(items, consultation_id)
    return items


def _last_change() -> int:
    return db.session.scalar(select(func.coalesce(func.max(CollatedChange.id), 0)))


def _rows_of(consultation_id: int, response_ids=None) -> dict[str, np.ndarray]:
    """The columns of the consultation's items (of these responses only, if given)."""
    comments = (
        select(literal(COMMENT).label("kind"), Comment.id, _microseconds(Comment.created_at),
               Response.round_id, func.coalesce(Comment.question_id, -1), *_known(Response),
               _language_code(Comment.language), func.coalesce(Comment.cluster_id, Comment.id),
               Response.id.label("response"))
        .join(Response, Comment.response_id == Response.id)
        .join(Round, Response.round_id == Round.id)
        .where(Round.consultation_id == consultation_id, Response.submitted_at.is_not(None))
    )
    answers = (
        select(literal(KINDS.index("answer")).label("kind"), Answer.id,
               _microseconds(Answer.updated_at), Question.round_id, Answer.question_id,
               *_known(Response), _language_code(Answer.language), Answer.id,
               Response.id.label("response"))
        .join(Question, Answer.question_id == Question.id)
        .join(Response, Answer.response_id == Response.id)
        .join(Round, Question.round_id == Round.id)
        .where(Round.consultation_id == consultation_id, Response.submitted_at.is_not(None),
               Question.kind == "text", Answer.text_value.is_not(None))
    )
    if response_ids is not None:
        comments = comments.where(Response.id.in_(response_ids))
        answers = answers.where(Response.id.in_(response_ids))
    rows = _fetch(union_all(comments, answers), len(COLUMNS))
    return {name: rows[:, column] for column, name in enumerate(COLUMNS)}


def _protect(raw: dict, consultation_id: int) -> np.ndarray:
    """Rounds anonymous to everyone keep only shown profiles and days; returns which items.

    See anonymity.py: each respondent's (type, country, level) becomes the profile shown.
    """
    from . import anonymity

    rounds = db.session.scalars(select(Round.id).where(
        Round.consultation_id == consultation_id, Round.anonymity == "anonymous")).all()
    protected = np.isin(raw["round"], np.array(rounds, dtype=np.int64))
    columns = ("stakeholder_type", "country", "governance_level")
    for round_id in rounds:
        in_round = raw["round"] == round_id
        for profile, shown in anonymity.round_profiles(round_id).items():
            chosen = in_round.copy()
            for name, value in zip(columns, profile, strict=True):
                chosen &= raw[name] == (-1 if value is None else value)
            for name, value in zip(columns, shown, strict=True):
                raw[name] = np.where(chosen, -1 if value is None else value, raw[name])
    day = 86_400 * 1_000_000
    raw["stamp"] = np.where(protected, raw["stamp"] - raw["stamp"] % day, raw["stamp"])
    return protected


def _known(response) -> list:
    """The respondent's dimensions, -1 where unknown."""
    return [func.coalesce(column, -1) for column in (
        response.stakeholder_type_id, response.country_id, response.governance_level_id)]


def _language_code(column):
    """A language as its position in CONTENT_LANGUAGES (-1 for none of them)."""
    return case({code: number for number, code in enumerate(CONTENT_LANGUAGES)}, value=column,
                else_=-1)


def _microseconds(column):
    """A UTC timestamp column as whole microseconds since 1970, computed by the database."""
    if db.session.get_bind().dialect.name == "postgresql":
        return cast(func.extract("epoch", column) * 1_000_000, BigInteger)
    # SQLite keeps 'YYYY-MM-DD HH:MM:SS.ffffff' in UTC
    seconds = cast(func.strftime("%s", column), Integer) * 1_000_000
    fraction = cast(func.coalesce(func.nullif(func.substr(column, 21, 6), ""), "0"), Integer)
    return seconds + fraction


def _grouped(values: np.ndarray, positions: np.ndarray) -> dict[int, np.ndarray]:
    """Positions per value, each sorted and without repeats (positions < 0 left out)."""
    found = positions >= 0
    values, positions = values[found], positions[found]
    return {int(value): np.unique(positions[values == value]) for value in np.unique(values)}


def _read_tags(items: Items, consultation_id: int) -> None:
    """A comment's own tags, and an answer's question's."""
    comment_tags = (
        select(comment_term.c.comment_id, comment_term.c.term_id)
        .join(Comment, Comment.id == comment_term.c.comment_id)
        .join(Response, Comment.response_id == Response.id)
        .join(Round, Response.round_id == Round.id)
        .where(Round.consultation_id == consultation_id, Response.submitted_at.is_not(None))
    )
    rows = _fetch(comment_tags, 2)
    tags = _grouped(rows[:, 1], items.locate("comment", rows[:, 0]))
    question_tags = (
        select(question_term.c.question_id, question_term.c.term_id)
        .join(Question, Question.id == question_term.c.question_id)
        .join(Round, Question.round_id == Round.id)
        .where(Round.consultation_id == consultation_id, Question.kind == "text")
    )
    answers = items.kind != COMMENT
    for question_id, term_id in db.session.execute(question_tags):
        inherited = np.flatnonzero(answers & (items.columns["question"] == question_id))
        tags[term_id] = np.union1d(tags.get(term_id, inherited[:0]), inherited)
    items.tags = {term: positions for term, positions in tags.items() if len(positions)}
    items.vocabulary = dict(db.session.execute(
        select(Term.id, Term.vocabulary).where(Term.vocabulary.in_(list(TAGS.values())))).all())


def _read_codes(items: Items, consultation_id: int) -> None:
    """Codes applied to the consultation's items."""
    query = union_all(
        select(literal(COMMENT).label("kind"), comment_code.c.comment_id.label("item_id"),
               comment_code.c.code_id)
        .join(Code, Code.id == comment_code.c.code_id)
        .where(Code.consultation_id == consultation_id),
        select(literal(KINDS.index("answer")).label("kind"),
               answer_code.c.answer_id.label("item_id"), answer_code.c.code_id)
        .join(Code, Code.id == answer_code.c.code_id)
        .where(Code.consultation_id == consultation_id),
    )
    rows = _fetch(query, 3)
    kinds, ids, codes = rows[:, 0], rows[:, 1], rows[:, 2]
    positions = np.full(len(rows), -1, dtype=np.int64)
    for code, kind in enumerate(KINDS):
        chosen = kinds == code
        positions[chosen] = items.locate(kind, ids[chosen])
    items.codes = _grouped(codes, positions)


def _fetch(query, columns: int) -> np.ndarray:
    """The query's rows as a (rows, columns) array of integers."""
    rows = plain_rows(query)
    return np.array(rows, dtype=np.int64).reshape(len(rows), columns)


def _read_statuses(items: Items, consultation_id: int) -> None:
    """The decision on each comment (undecided where there is none yet)."""
    status = case({state: code for code, state in enumerate(DISPOSITION_STATES)},
                  value=Disposition.status, else_=0)
    query = (select(Disposition.comment_id, status)
             .join(Comment, Comment.id == Disposition.comment_id)
             .join(Response, Comment.response_id == Response.id)
             .join(Round, Response.round_id == Round.id)
             .where(Round.consultation_id == consultation_id, Disposition.status.is_not(None)))
    statuses = np.zeros(len(items), dtype=np.int8)
    rows = _fetch(query, 2)
    positions = items.locate("comment", rows[:, 0])
    found = positions >= 0
    statuses[positions[found]] = rows[found, 1]
    items.status = statuses
